//! `mdschema.toml`: what the docs alone cannot tell, read beside the docs. [`FileConfig`] is
//! the file as written; [`Rules`] is it compiled (globs built, Rust paths checked).

use std::collections::BTreeMap;

use globset::{GlobBuilder, GlobMatcher, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Error, WarningCode};
use crate::dialect::{self, Dialect};
use crate::ir::Type;
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

    const ALL: [PresenceSetting; 4] = [
        PresenceSetting::Required,
        PresenceSetting::RequiredNullable,
        PresenceSetting::Optional,
        PresenceSetting::OptionalNullable,
    ];
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

/// Whether a derive path names one of serde's traits (`::serde::Serialize`, `Deserialize`).
fn is_serde_derive(path: &str) -> bool {
    syn::parse_str::<syn::Path>(path)
        .is_ok_and(|p| p.segments.last().is_some_and(|s| s.ident == "Serialize" || s.ident == "Deserialize"))
}

/// Whether an attribute is serde's own (`#[serde(…)]`).
fn is_serde_attribute(attribute: &str) -> bool {
    syn::parse_str::<syn::ItemStruct>(&format!("{attribute} struct S;"))
        .is_ok_and(|s| s.attrs.iter().any(|a| a.path().is_ident("serde")))
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

/// The scalar types whose Rust type `[types]` may replace, by the name used there.
pub const SCALAR_NAMES: [(&str, Type); 11] = [
    ("string", Type::String),
    ("bool", Type::Bool),
    ("int32", Type::Int32),
    ("int64", Type::Int64),
    ("float32", Type::Float32),
    ("float64", Type::Float64),
    ("date_time", Type::DateTime),
    ("date", Type::Date),
    ("any", Type::Any),
    ("bytes", Type::Bytes),
    ("number", Type::Number),
];

/// The config, compiled for use: globs built, overrides split, Rust paths checked.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The settings as read.
    pub file: FileConfig,
    include: Option<GlobSet>,
    exclude: GlobSet,
    wire_names: Vec<FieldOverride>,
    field_types: Vec<FieldOverride>,
    presence: Vec<FieldOverride>,
    types: Vec<(Type, String)>,
    doc_types: BTreeMap<String, String>,
    models: Vec<(GlobMatcher, ModelSettings)>,
    enums: Vec<(GlobMatcher, EnumValues)>,
    allow: Vec<(GlobMatcher, Vec<WarningCode>)>,
    dialect: Option<&'static dyn Dialect>,
}

/// A setting for the fields a `"<doc glob>.<field>"` key matches.
#[derive(Debug, Clone)]
struct FieldOverride {
    key: String,
    docs: GlobMatcher,
    field: String,
    value: String,
}

/// Collects the problems of one config file.
struct Checker<'a> {
    source: Option<&'a SourceFile>,
    errors: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, span: std::ops::Range<usize>, message: String, help: &str) {
        let diagnostic = match self.source {
            Some(file) => Diagnostic::at(file, Span::new(span.start, span.end), message),
            None => Diagnostic::file(FILE_NAME, message),
        };
        self.errors.push(diagnostic.with_help(help));
    }

    fn glob(&mut self, pattern: &Spanned<String>) -> Option<globset::Glob> {
        match GlobBuilder::new(pattern.get_ref()).literal_separator(true).build() {
            Ok(glob) => Some(glob),
            Err(e) => {
                self.error(
                    pattern.span(),
                    e.to_string(),
                    "globs use `*` (within a folder), `**` (across folders), `?` and `[abc]`",
                );
                None
            }
        }
    }

    fn warning_code(&mut self, name: &Spanned<String>) -> Option<WarningCode> {
        let code = WarningCode::from_name(name.get_ref());
        if code.is_none() {
            let codes: Vec<&str> = WarningCode::ALL.iter().map(|c| c.as_str()).collect();
            let help = format!("the warning codes are {}", codes.join(", "));
            self.error(name.span(), format!("`{}` is not a warning code", name.get_ref()), &help);
        }
        code
    }

    fn glob_set(&mut self, patterns: &[Spanned<String>]) -> GlobSet {
        let mut builder = GlobSetBuilder::new();
        for glob in patterns.iter().filter_map(|p| self.glob(p)) {
            builder.add(glob);
        }
        builder.build().unwrap_or_else(|_| GlobSet::empty())
    }

    fn field_overrides(&mut self, map: &BTreeMap<Spanned<String>, String>) -> Vec<FieldOverride> {
        let mut overrides = Vec::new();
        for (key, value) in map {
            let Some((docs, field)) = key.get_ref().rsplit_once('.') else {
                let message = format!("`{}` names no field", key.get_ref());
                self.error(
                    key.span(),
                    message,
                    "write the key as \"<doc path glob>.<field>\", e.g. \"components/*.raw\"",
                );
                continue;
            };
            if let Some(glob) = self.glob(&Spanned::new(key.span(), docs.to_string())) {
                overrides.push(FieldOverride {
                    key: key.get_ref().clone(),
                    docs: glob.compile_matcher(),
                    field: field.to_string(),
                    value: value.clone(),
                });
            }
        }
        // The longest (most specific) pattern wins when several match one field.
        overrides.sort_by(|a, b| b.key.len().cmp(&a.key.len()).then(a.key.cmp(&b.key)));
        overrides
    }

    /// A Rust type path from the config, checked by parsing it.
    fn rust_type(&mut self, value: &Spanned<String>) -> String {
        if syn::parse_str::<syn::Type>(value.get_ref()).is_err() {
            self.error(
                value.span(),
                format!("`{}` is not a Rust type", value.get_ref()),
                "write a type path such as `rust_decimal::Decimal`",
            );
        }
        value.get_ref().clone()
    }

    /// `auto` (`None`) or a dialect by name.
    fn dialect(&mut self, name: &Spanned<String>) -> Option<&'static dyn Dialect> {
        if name.get_ref() == "auto" {
            return None;
        }
        let found = dialect::by_name(name.get_ref());
        if found.is_none() {
            let names = dialect::names();
            self.error(
                name.span(),
                format!("`{}` is not a doc dialect", name.get_ref()),
                &format!("write `auto` (the default) or one of {}", names.join(", ")),
            );
        }
        found
    }

    fn derives(&mut self, derives: &[Spanned<String>]) {
        for derive in derives {
            if syn::parse_str::<syn::Path>(derive.get_ref()).is_err() {
                self.error(
                    derive.span(),
                    format!("`{}` is not a derive path", derive.get_ref()),
                    "write a path such as `Eq` or `::schemars::JsonSchema`",
                );
            }
        }
    }

    /// Serde attributes and derives take effect only on types that derive serde's traits:
    /// an error for each one the config gives where structs' impls are written out.
    fn serde_extras(&mut self, derives: &[Spanned<String>], attributes: &[Spanned<String>], mode: SerdeImpls) {
        if mode != SerdeImpls::Compact {
            return;
        }
        let help = "serde's attributes and derives take effect where serde's derives are used: set `serde_impls = \"derive\"` at the top of mdschema.toml, or in this `[models.\"…\"]` table";
        for derive in derives.iter().filter(|d| is_serde_derive(d.get_ref())) {
            let message = format!(
                "`{}` would be a second impl: `serde_impls = \"compact\"` writes structs' serde impls out",
                derive.get_ref()
            );
            self.error(derive.span(), message, help);
        }
        for attribute in attributes.iter().filter(|a| is_serde_attribute(a.get_ref())) {
            let message = format!(
                "`{}` would be ignored: `serde_impls = \"compact\"` writes structs' serde impls out",
                attribute.get_ref()
            );
            self.error(attribute.span(), message, help);
        }
    }

    fn attributes(&mut self, attributes: &[Spanned<String>]) {
        for attribute in attributes {
            let item = format!("{} struct S;", attribute.get_ref());
            let valid = syn::parse_str::<syn::ItemStruct>(&item).is_ok_and(|s| s.attrs.len() == 1);
            if !valid {
                self.error(
                    attribute.span(),
                    format!("`{}` is not one outer attribute", attribute.get_ref()),
                    "write one attribute such as `#[non_exhaustive]`",
                );
            }
        }
    }
}

impl Rules {
    /// Compiles the config; every error points at its key or value.
    pub fn new(file: FileConfig, source: Option<&SourceFile>) -> Result<Rules, Error> {
        let mut check = Checker { source, errors: Vec::new() };
        let include = (!file.include.is_empty()).then(|| check.glob_set(&file.include));
        let exclude = check.glob_set(&file.exclude);
        let wire_names = check.field_overrides(&file.wire_names);
        let field_type_values = file.field_types.iter().map(|(k, v)| (k.clone(), check.rust_type(v))).collect();
        let field_types = check.field_overrides(&field_type_values);
        let presence_values = file.presence.iter().map(|(k, v)| (k.clone(), format!("{v:?}"))).collect();
        let presence = check.field_overrides(&presence_values);
        let mut types = Vec::new();
        let mut doc_types = BTreeMap::new();
        for (name, rust) in &file.types {
            let rust = check.rust_type(rust);
            match SCALAR_NAMES.iter().find(|(n, _)| n == name.get_ref()) {
                Some((_, ty)) => types.push((ty.clone(), rust)),
                None if is_type_name(name.get_ref()) => {
                    doc_types.insert(name.get_ref().clone(), rust);
                }
                None => {
                    let names: Vec<&str> = SCALAR_NAMES.iter().map(|(n, _)| *n).collect();
                    let help = format!("a key is one of {} or a type name from the docs", names.join(", "));
                    check.error(
                        name.span(),
                        format!("`{}` is neither a scalar type nor a type name", name.get_ref()),
                        &help,
                    );
                }
            }
        }
        check.rust_type(&file.map_type);
        let dialect = check.dialect(&file.dialect);
        check.derives(&file.derives);
        check.attributes(&file.attributes);
        check.serde_extras(&file.derives, &file.attributes, file.serde_impls);
        let mut models = Vec::new();
        for (pattern, settings) in &file.models {
            check.derives(&settings.derives);
            check.attributes(&settings.attributes);
            let mode = settings.serde_impls.unwrap_or(file.serde_impls);
            check.serde_extras(&settings.derives, &settings.attributes, mode);
            if let Some(glob) = check.glob(pattern) {
                models.push((glob.compile_matcher(), settings.clone()));
            }
        }
        let enums = file
            .enums
            .iter()
            .filter_map(|(pattern, values)| Some((check.glob(pattern)?.compile_matcher(), *values)))
            .collect();
        let allow = file
            .allow
            .iter()
            .filter_map(|(pattern, codes)| {
                let codes = codes.iter().filter_map(|code| check.warning_code(code)).collect();
                Some((check.glob(pattern)?.compile_matcher(), codes))
            })
            .collect();
        if !check.errors.is_empty() {
            return Err(Error::Input(check.errors));
        }
        Ok(Rules {
            allow,
            include,
            exclude,
            wire_names,
            field_types,
            presence,
            types,
            doc_types,
            models,
            enums,
            dialect,
            file,
        })
    }

    /// How the structs of the doc at `rel_path` get their serde impls: the first
    /// `[models."…"]` table matching it that says, else the file's setting.
    pub fn serde_impls(&self, rel_path: &str) -> SerdeImpls {
        self.models
            .iter()
            .filter(|(glob, _)| glob.is_match(rel_path))
            .find_map(|(_, settings)| settings.serde_impls)
            .unwrap_or(self.file.serde_impls)
    }

    /// The dialect every doc is read in, or `None` to decide per doc.
    pub fn dialect(&self) -> Option<&'static dyn Dialect> {
        self.dialect
    }

    /// Reads every doc in `dialect` (`--dialect`), whatever the config file says.
    pub fn force_dialect(&mut self, dialect: &'static dyn Dialect) {
        self.dialect = Some(dialect);
    }

    /// Whether the doc at `rel_path` (relative to the schemas folder) is generated.
    pub fn selects(&self, rel_path: &str) -> bool {
        self.include.as_ref().is_none_or(|set| set.is_match(rel_path)) && !self.exclude.is_match(rel_path)
    }

    /// The JSON key of field `name` of the doc `model_id`.
    pub fn wire_name(&self, model_id: &str, name: &str) -> String {
        find_override(&self.wire_names, model_id, name).map_or_else(|| self.file.wire_case.apply(name), str::to_string)
    }

    /// What the config says the values of the enum `model_id` are, if it says.
    pub fn enum_values(&self, model_id: &str) -> Option<EnumValues> {
        self.enums.iter().find(|(glob, _)| glob.is_match(model_id)).map(|(_, values)| *values)
    }

    /// Whether `[allow]` silences warnings of `code` about the doc at `rel_path`.
    pub fn allows(&self, rel_path: &str, code: WarningCode) -> bool {
        let id = rel_path.strip_suffix(".md").unwrap_or(rel_path);
        self.allow.iter().any(|(glob, codes)| codes.contains(&code) && (glob.is_match(rel_path) || glob.is_match(id)))
    }

    /// The Rust type the config gives field `name` of `model_id`, if any.
    pub fn field_type(&self, model_id: &str, name: &str) -> Option<&str> {
        find_override(&self.field_types, model_id, name)
    }

    /// The Rust type the config gives a scalar type, if any.
    pub fn scalar_type(&self, ty: &Type) -> Option<&str> {
        self.types.iter().find(|(t, _)| t == ty).map(|(_, rust)| rust.as_str())
    }

    /// The Rust type the config gives a doc type mdschema does not know (`BigDecimal`).
    pub fn doc_type(&self, name: &str) -> Option<&str> {
        self.doc_types.get(name).map(String::as_str)
    }

    /// The map type's path.
    pub fn map_type(&self) -> &str {
        self.file.map_type.get_ref()
    }

    /// Extra derives and attributes for the type of the doc at `rel_path` (matched by `[models]` globs).
    pub fn extras(&self, rel_path: &str) -> (Vec<String>, Vec<String>) {
        let mut derives: Vec<String> = self.file.derives.iter().map(|d| d.get_ref().clone()).collect();
        let mut attributes: Vec<String> = self.file.attributes.iter().map(|a| a.get_ref().clone()).collect();
        for (_, settings) in self.models.iter().filter(|(glob, _)| glob.is_match(rel_path)) {
            derives.extend(settings.derives.iter().map(|d| d.get_ref().clone()));
            attributes.extend(settings.attributes.iter().map(|a| a.get_ref().clone()));
        }
        (derives, attributes)
    }

    /// `(required, nullable)` as `[presence]` sets them for field `name` of `model_id`.
    pub fn presence(&self, model_id: &str, name: &str) -> Option<(bool, bool)> {
        let setting = find_override(&self.presence, model_id, name)?;
        PresenceSetting::ALL.into_iter().find(|p| format!("{p:?}") == setting).map(PresenceSetting::flags)
    }

    /// Field-level keys (`wire_names`, `field_types`, `presence`) that matched no field, for a warning.
    pub fn unused_field_keys<'a>(&'a self, fields: &[(&str, &str)]) -> Vec<&'a str> {
        self.wire_names
            .iter()
            .chain(&self.field_types)
            .chain(&self.presence)
            .filter(|o| !fields.iter().any(|(id, name)| *name == o.field && o.docs.is_match(id)))
            .map(|o| o.key.as_str())
            .collect()
    }
}

/// A doc type name: a letter, then letters, digits, `_` or `.`.
fn is_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_alphabetic()) && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')
}

fn find_override<'a>(overrides: &'a [FieldOverride], model_id: &str, name: &str) -> Option<&'a str> {
    overrides.iter().find(|o| o.field == name && o.docs.is_match(model_id)).map(|o| o.value.as_str())
}

impl Default for Rules {
    fn default() -> Self {
        Rules::new(FileConfig::default(), None).expect("the default config is valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<FileConfig, Error> {
        FileConfig::parse(&SourceFile::new("mdschema.toml", "s/mdschema.toml", text.to_string()))
    }

    #[test]
    fn wire_case_rules() {
        let cases = [
            (WireCase::Verbatim, "refreshToken", "refreshToken"),
            (WireCase::SnakeCase, "refreshToken", "refresh_token"),
            (WireCase::SnakeCase, "line1", "line1"),
            (WireCase::CamelCase, "refresh_token", "refreshToken"),
            (WireCase::PascalCase, "refreshToken", "RefreshToken"),
            (WireCase::KebabCase, "refreshToken", "refresh-token"),
        ];
        for (rule, name, wire) in cases {
            assert_eq!(rule.apply(name), wire, "{rule:?} {name}");
        }
    }

    #[test]
    fn include_exclude_and_wire_name_overrides() {
        let text = "include = [\"components/**\", \"operations/*.md\"]\nexclude = [\"**/Secret*.md\"]\n[wire_names]\n\"components/*.raw\" = \"_raw\"\n\"components/Get*.raw\" = \"__raw\"\n";
        let source = SourceFile::new("mdschema.toml", "mdschema.toml", text.to_string());
        let rules = Rules::new(FileConfig::parse(&source).unwrap(), Some(&source)).unwrap();
        let selected = [
            ("components/Pet.md", true),
            ("components/deep/Pet.md", true),
            ("operations/GetPetRequest.md", true),
            ("operations/deep/X.md", false),
            ("errors/Detail.md", false),
            ("components/SecretThing.md", false),
        ];
        for (path, expected) in selected {
            assert_eq!(rules.selects(path), expected, "{path}");
        }
        assert_eq!(rules.wire_name("components/Pet", "raw"), "_raw");
        assert_eq!(rules.wire_name("components/GetPet", "raw"), "__raw");
        assert_eq!(rules.wire_name("operations/GetPet", "raw"), "raw");
        assert_eq!(rules.wire_name("components/Pet", "rawData"), "rawData");
        assert_eq!(rules.unused_field_keys(&[("components/Pet", "raw")]), ["components/Get*.raw"]);

        let defaults = Rules::default();
        assert!(!defaults.selects("operations/GetPetRequest.md"));
        assert!(!defaults.selects("operations/GetPetResponse.md"));
        assert!(defaults.selects("operations/GetPetRequestBody.md"));
        assert!(defaults.selects("components/GetPetResponse.md"));
    }

    #[test]
    fn type_overrides_derives_and_attributes() {
        let text = "map_type = \"::std::collections::HashMap\"\nopen_enums = false\nderives = [\"Eq\"]\nattributes = [\"#[non_exhaustive]\"]\n[types]\ndate_time = \"time::OffsetDateTime\"\nBigDecimal = \"rust_decimal::Decimal\"\n[field_types]\n\"components/*.total\" = \"rust_decimal::Decimal\"\n[models.\"components/Pet.md\"]\nderives = [\"Hash\"]\n";
        let source = SourceFile::new("mdschema.toml", "mdschema.toml", text.to_string());
        let rules = Rules::new(FileConfig::parse(&source).unwrap(), Some(&source)).unwrap();
        assert_eq!(rules.map_type(), "::std::collections::HashMap");
        assert!(!rules.file.open_enums);
        assert_eq!(rules.scalar_type(&Type::DateTime), Some("time::OffsetDateTime"));
        assert_eq!(rules.scalar_type(&Type::Date), None);
        assert_eq!(rules.doc_type("BigDecimal"), Some("rust_decimal::Decimal"));
        assert_eq!(rules.doc_type("Money"), None);
        assert_eq!(rules.field_type("components/Invoice", "total"), Some("rust_decimal::Decimal"));
        assert_eq!(rules.field_type("errors/Invoice", "total"), None);
        assert_eq!(
            rules.extras("components/Pet.md"),
            (vec!["Eq".to_string(), "Hash".to_string()], vec!["#[non_exhaustive]".to_string()])
        );
        assert_eq!(rules.extras("components/Owner.md").0, ["Eq"]);
        let defaults = Rules::default();
        assert_eq!(defaults.map_type(), DEFAULT_MAP_TYPE);
        assert!(defaults.file.open_enums);
    }

    #[test]
    fn invalid_rust_in_the_config_is_an_error_at_its_place() {
        let text = "derives = [\"Eq; fn x()\"]\nattributes = [\"#[a] #[b]\"]\n[types]\n\"my money\" = \"X\"\ndate = \"not a type!\"\n";
        let source = SourceFile::new("mdschema.toml", "m.toml", text.to_string());
        let error = Rules::new(FileConfig::parse(&source).unwrap(), Some(&source)).unwrap_err().to_string();
        for expected in [
            "m.toml:1:12: `Eq; fn x()` is not a derive path",
            "m.toml:2:15: `#[a] #[b]` is not one outer attribute",
            "m.toml:4:1: `my money` is neither a scalar type nor a type name",
            "m.toml:5:8: `not a type!` is not a Rust type",
        ] {
            assert!(error.contains(expected), "{expected}\n{error}");
        }
    }

    #[test]
    fn bad_globs_are_errors_at_their_place() {
        let text = "exclude = [\"a/[b\"]\n[wire_names]\nnodot = \"x\"\n";
        let source = SourceFile::new("mdschema.toml", "s/mdschema.toml", text.to_string());
        let error = Rules::new(FileConfig::parse(&source).unwrap(), Some(&source)).unwrap_err().to_string();
        assert!(error.contains("s/mdschema.toml:1:12:"), "{error}");
        assert!(error.contains("s/mdschema.toml:3:1: `nodot` names no field"), "{error}");
    }

    #[test]
    fn reads_keys_and_rejects_unknown_ones_with_their_line() {
        assert_eq!(parse("wire_case = \"snake_case\"\n").unwrap().wire_case, WireCase::SnakeCase);
        assert_eq!(parse("").unwrap(), FileConfig::default());
        assert_eq!(parse("").unwrap().exclude.len(), dialect::default_exclude().len());
        let error = parse("\nwire_cas = \"snake_case\"\n").unwrap_err().to_string();
        assert!(error.starts_with("s/mdschema.toml:2:1: unknown field `wire_cas`"), "{error}");
        let error = parse("wire_case = \"shouting\"").unwrap_err().to_string();
        assert!(error.contains("s/mdschema.toml:1:13: unknown variant `shouting`"), "{error}");
    }
}
