//! mdschema.toml compiled: globs built, Rust paths and attributes checked, field overrides
//! typed and ordered, each problem an error at its place in the file.

use std::collections::BTreeMap;

use globset::{GlobBuilder, GlobMatcher, GlobSet, GlobSetBuilder};
use toml::Spanned;

use super::file::*;
use crate::diag::{Diagnostic, Error, WarningCode};
use crate::dialect::{self, Dialect};
use crate::ir::Type;
use crate::source::{SourceFile, Span};

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
    wire_names: Vec<FieldOverride<String>>,
    field_types: Vec<FieldOverride<String>>,
    presence: Vec<FieldOverride<PresenceSetting>>,
    types: Vec<(Type, String)>,
    doc_types: BTreeMap<String, String>,
    models: Vec<(GlobMatcher, ModelSettings)>,
    enums: Vec<(GlobMatcher, EnumValues)>,
    allow: Vec<(GlobMatcher, Vec<WarningCode>)>,
    dialect: Option<&'static dyn Dialect>,
}

/// A setting for the fields a `"<doc glob>.<field>"` key matches: a JSON key, a Rust type,
/// a presence.
#[derive(Debug, Clone)]
struct FieldOverride<T> {
    key: String,
    docs: GlobMatcher,
    field: String,
    value: T,
}

impl<T> FieldOverride<T> {
    fn matches(&self, model_id: &str, name: &str) -> bool {
        self.field == name && self.docs.is_match(model_id)
    }
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

    fn field_overrides<T: Clone>(&mut self, map: &BTreeMap<Spanned<String>, T>) -> Vec<FieldOverride<T>> {
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
        let presence = check.field_overrides(&file.presence);
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

    /// The JSON key of field `name` of the doc `model_id`, and whether it is stated rather
    /// than derived by `wire_case`: `[wire_names]` states it, and so does a doc whose name
    /// cell is the key (`name_is_key`).
    pub fn wire_name(&self, model_id: &str, name: &str, name_is_key: bool) -> (String, bool) {
        match find_override(&self.wire_names, model_id, name) {
            Some(key) => (key.clone(), true),
            None if name_is_key => (name.to_string(), true),
            None => (self.file.wire_case.apply(name), false),
        }
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
        find_override(&self.field_types, model_id, name).map(String::as_str)
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
        find_override(&self.presence, model_id, name).map(|setting| setting.flags())
    }

    /// Field-level keys (`wire_names`, `field_types`, `presence`) that matched no field, for a warning.
    pub fn unused_field_keys<'a>(&'a self, fields: &[(&str, &str)]) -> Vec<&'a str> {
        let unused = |matches: &dyn Fn(&str, &str) -> bool| !fields.iter().any(|(id, name)| matches(id, name));
        let keys = self.wire_names.iter().filter(|o| unused(&|id, name| o.matches(id, name))).map(|o| o.key.as_str());
        let types = self.field_types.iter().filter(|o| unused(&|id, name| o.matches(id, name))).map(|o| o.key.as_str());
        let presence = self.presence.iter().filter(|o| unused(&|id, name| o.matches(id, name))).map(|o| o.key.as_str());
        keys.chain(types).chain(presence).collect()
    }
}

/// A doc type name: a letter, then letters, digits, `_` or `.`.
fn is_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_alphabetic()) && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')
}

fn find_override<'a, T>(overrides: &'a [FieldOverride<T>], model_id: &str, name: &str) -> Option<&'a T> {
    overrides.iter().find(|o| o.matches(model_id, name)).map(|o| &o.value)
}

impl Default for Rules {
    fn default() -> Self {
        Rules::new(FileConfig::default(), None).expect("the default config is valid")
    }
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
        let key = |id, name, name_is_key| rules.wire_name(id, name, name_is_key);
        assert_eq!(key("components/Pet", "raw", false), ("_raw".to_string(), true));
        assert_eq!(key("components/GetPet", "raw", true), ("__raw".to_string(), true));
        assert_eq!(key("operations/GetPet", "raw", false), ("raw".to_string(), false));
        assert_eq!(key("operations/GetPet", "raw", true), ("raw".to_string(), true));
        assert_eq!(key("components/Pet", "rawData", false), ("rawData".to_string(), false));
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
