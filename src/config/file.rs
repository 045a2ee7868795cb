//! mdschema.toml as written: every key with its place in the file, parsed by serde and
//! toml; [`super::Rules`] compiles it.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Error};
use crate::dialect;
use crate::source::{SourceFile, Span};

/// The file name looked for in the schemas folder.
pub const FILE_NAME: &str = "mdschema.toml";

/// How JSON keys are derived from the doc's field names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WireCase {
    /// The doc's field name as written.
    #[default]
    Verbatim,
    /// `refreshToken` → `refresh_token`.
    SnakeCase,
    /// `refresh_token` → `refreshToken`.
    CamelCase,
    /// `refreshToken` → `RefreshToken`.
    PascalCase,
    /// `refreshToken` → `refresh-token`.
    KebabCase,
}

impl WireCase {
    /// Applies the rule to one field name.
    pub fn apply(self, name: &str) -> String {
        use heck::{ToKebabCase, ToLowerCamelCase, ToSnakeCase, ToUpperCamelCase};
        match self {
            WireCase::Verbatim => name.to_string(),
            WireCase::SnakeCase => name.to_snake_case(),
            WireCase::CamelCase => name.to_lower_camel_case(),
            WireCase::PascalCase => name.to_upper_camel_case(),
            WireCase::KebabCase => name.to_kebab_case(),
        }
    }
}

/// The settings read from `mdschema.toml`. Every key is optional.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// The doc dialect: `auto` (decided per doc) or one of the dialects' names.
    #[serde(default = "default_dialect")]
    pub dialect: Spanned<String>,
    /// Folders of docs of one API in several dialects, merged (relative to the config file).
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
    /// How JSON keys are derived from field names.
    #[serde(default)]
    pub wire_case: WireCase,
    /// Docs to generate (globs over paths relative to the schemas folder); empty = all.
    #[serde(default)]
    pub include: Vec<Spanned<String>>,
    /// Docs to skip, applied after `include`.
    #[serde(default = "default_exclude")]
    pub exclude: Vec<Spanned<String>>,
    /// Per-field JSON keys: `"<doc glob without .md>.<field>" = "<key>"`.
    #[serde(default)]
    pub wire_names: BTreeMap<Spanned<String>, String>,
    /// A doc that cannot be read becomes an any-JSON type and its problems warnings
    /// (`unreadable-doc`), so that every other doc generates.
    #[serde(default)]
    pub keep_going: bool,
    /// How structs' `Serialize` and `Deserialize` are generated: written out compactly
    /// (default) or serde's derives.
    #[serde(default)]
    pub serde_impls: SerdeImpls,
    /// Keep JSON keys the docs do not list, in a flattened map on every struct.
    #[serde(default)]
    pub keep_unknown_fields: bool,
    /// Enums accept values the doc does not list (kept in an `Unknown(String)` variant).
    #[serde(default = "yes")]
    pub open_enums: bool,
    /// The map type, a Rust path taking `<String, T>`.
    #[serde(default = "default_map_type")]
    pub map_type: Spanned<String>,
    /// Rust types for the doc's scalar types, by IR name (`date_time = "time::OffsetDateTime"`).
    #[serde(default)]
    pub types: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Rust types for single fields: `"<doc glob>.<field>" = "rust_decimal::Decimal"`.
    #[serde(default)]
    pub field_types: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Extra derives for every generated type.
    #[serde(default)]
    pub derives: Vec<Spanned<String>>,
    /// Extra attributes for every generated type (`"#[non_exhaustive]"`).
    #[serde(default)]
    pub attributes: Vec<Spanned<String>>,
    /// Extra derives and attributes for the types of the docs a glob matches.
    #[serde(default)]
    pub models: BTreeMap<Spanned<String>, ModelSettings>,
    /// Per-field presence, overriding what the docs say: `"<doc glob>.<field>" =
    /// "required" | "required_nullable" | "optional" | "optional_nullable"`.
    #[serde(default)]
    pub presence: BTreeMap<Spanned<String>, PresenceSetting>,
    /// Whether the values of the enums a glob (`"<doc glob without .md>"`) matches are
    /// strings or integers, overriding the rule (integers when every value is one).
    #[serde(default)]
    pub enums: BTreeMap<Spanned<String>, EnumValues>,
    /// Warning codes not to report for the docs a glob matches (`"components/*" =
    /// ["opaque-union"]`); the glob is matched against the doc's path relative to the
    /// schemas folder, with or without `.md`.
    #[serde(default)]
    pub allow: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

/// `[presence]`: whether a field may be absent and whether it may be `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PresenceSetting {
    /// Always sent, never `null`.
    Required,
    /// Always sent, maybe `null`.
    RequiredNullable,
    /// Maybe absent, never `null`.
    Optional,
    /// Maybe absent, maybe `null`.
    OptionalNullable,
}

impl PresenceSetting {
    /// `(required, nullable)`.
    pub fn flags(self) -> (bool, bool) {
        match self {
            PresenceSetting::Required => (true, false),
            PresenceSetting::RequiredNullable => (true, true),
            PresenceSetting::Optional => (false, false),
            PresenceSetting::OptionalNullable => (false, true),
        }
    }
}

/// `[enums]`: what an enum's values are on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnumValues {
    /// JSON strings, even when they look like numbers.
    String,
    /// JSON integers.
    Integer,
}

/// `[models."<doc glob>"]`: settings for some types only.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSettings {
    /// Extra derives.
    #[serde(default)]
    pub derives: Vec<Spanned<String>>,
    /// Extra attributes.
    #[serde(default)]
    pub attributes: Vec<Spanned<String>>,
    /// How these types' structs get their serde impls, overriding the file's setting.
    #[serde(default)]
    pub serde_impls: Option<SerdeImpls>,
}

/// How a struct's `Serialize` and `Deserialize` are generated. Both read and write the same
/// JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SerdeImpls {
    /// Written out over a small support module in the root `mod.rs`, one `impl_serde!` call
    /// per struct: a fraction of the compile time of serde's derives. A struct that flattens
    /// unknown keys keeps serde's derives.
    #[default]
    Compact,
    /// `#[derive(Serialize, Deserialize)]` with `#[serde(…)]` attributes, and no support
    /// module: the config's own serde attributes and derives take effect.
    Derive,
}

/// A sorted map: serialized JSON is deterministic and models compare independently of
/// insertion order.
pub const DEFAULT_MAP_TYPE: &str = "::std::collections::BTreeMap";

fn default_exclude() -> Vec<Spanned<String>> {
    // Each dialect names the docs of its SDKs that are not JSON bodies.
    dialect::default_exclude().into_iter().map(|p| Spanned::new(0..0, p.to_string())).collect()
}

fn default_dialect() -> Spanned<String> {
    Spanned::new(0..0, "auto".to_string())
}

fn default_map_type() -> Spanned<String> {
    Spanned::new(0..0, DEFAULT_MAP_TYPE.to_string())
}

fn yes() -> bool {
    true
}

impl Default for FileConfig {
    fn default() -> Self {
        toml::from_str("").expect("an empty config is valid")
    }
}

impl FileConfig {
    /// Parses the config; errors point at the offending key.
    pub fn parse(file: &SourceFile) -> Result<FileConfig, Error> {
        toml::from_str(&file.text).map_err(|error| {
            let span = error.span().map_or(Span::new(0, 0), |r| Span::new(r.start, r.end));
            let message = error.message().trim_end().replace('\n', " ");
            Error::Input(vec![
                Diagnostic::at(file, span, message)
                    .with_help("see the README's `mdschema.toml` section for the accepted keys"),
            ])
        })
    }
}
