//! `mdschema.toml`: what the docs alone cannot tell, read beside the docs.

use std::collections::BTreeMap;

use globset::{GlobBuilder, GlobMatcher, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Error};
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
    /// Keep JSON keys the docs do not list, in a flattened map on every struct.
    #[serde(default)]
    pub keep_unknown_fields: bool,
}

/// Speakeasy's `operations/*Request` docs are bags of path, query and header parameters and
/// `operations/*Response` docs wrap the HTTP exchange; neither is a JSON body.
pub const DEFAULT_EXCLUDE: [&str; 2] = ["operations/**/*Request.md", "operations/**/*Response.md"];

fn default_exclude() -> Vec<Spanned<String>> {
    DEFAULT_EXCLUDE.iter().map(|p| Spanned::new(0..0, p.to_string())).collect()
}

impl Default for FileConfig {
    fn default() -> Self {
        FileConfig {
            wire_case: WireCase::default(),
            include: Vec::new(),
            exclude: default_exclude(),
            wire_names: BTreeMap::new(),
            keep_unknown_fields: false,
        }
    }
}

/// The config, compiled for use: globs built, overrides split.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The settings as read.
    pub file: FileConfig,
    include: Option<GlobSet>,
    exclude: GlobSet,
    wire_names: Vec<WireOverride>,
}

#[derive(Debug, Clone)]
struct WireOverride {
    key: String,
    docs: GlobMatcher,
    field: String,
    wire_name: String,
}

impl Rules {
    /// Compiles the globs; errors point at the bad pattern.
    pub fn new(file: FileConfig, source: Option<&SourceFile>) -> Result<Rules, Error> {
        let mut errors = Vec::new();
        let include = (!file.include.is_empty()).then(|| glob_set(&file.include, source, &mut errors));
        let exclude = glob_set(&file.exclude, source, &mut errors);
        let mut wire_names = Vec::new();
        for (key, wire_name) in &file.wire_names {
            let Some((docs, field)) = key.get_ref().rsplit_once('.') else {
                errors.push(spanned_error(
                    source,
                    key.span(),
                    format!("`{}` names no field", key.get_ref()),
                    "write the key as \"<doc path glob>.<field>\", e.g. \"components/*.raw\"",
                ));
                continue;
            };
            match glob(docs) {
                Ok(glob) => wire_names.push(WireOverride {
                    key: key.get_ref().clone(),
                    docs: glob.compile_matcher(),
                    field: field.to_string(),
                    wire_name: wire_name.clone(),
                }),
                Err(e) => {
                    errors.push(spanned_error(source, key.span(), e.to_string(), "see the README for the glob syntax"))
                }
            }
        }
        // The longest (most specific) pattern wins when several match one field.
        wire_names.sort_by(|a, b| b.key.len().cmp(&a.key.len()).then(a.key.cmp(&b.key)));
        if !errors.is_empty() {
            return Err(Error::Input(errors));
        }
        Ok(Rules {
            include: include.map(|set| set.unwrap_or_else(GlobSet::empty)),
            exclude: exclude.unwrap_or_else(GlobSet::empty),
            wire_names,
            file,
        })
    }

    /// Whether the doc at `rel_path` (relative to the schemas folder) is generated.
    pub fn selects(&self, rel_path: &str) -> bool {
        self.include.as_ref().is_none_or(|set| set.is_match(rel_path)) && !self.exclude.is_match(rel_path)
    }

    /// The JSON key of field `name` of the doc `model_id`.
    pub fn wire_name(&self, model_id: &str, name: &str) -> String {
        self.wire_override(model_id, name).map_or_else(|| self.file.wire_case.apply(name), str::to_string)
    }

    fn wire_override(&self, model_id: &str, name: &str) -> Option<&str> {
        self.wire_names.iter().find(|o| o.field == name && o.docs.is_match(model_id)).map(|o| o.wire_name.as_str())
    }

    /// Overrides that matched no field of the given docs, for a warning.
    pub fn unused_wire_names<'a>(&'a self, fields: &[(&str, &str)]) -> Vec<&'a str> {
        self.wire_names
            .iter()
            .filter(|o| !fields.iter().any(|(id, name)| *name == o.field && o.docs.is_match(id)))
            .map(|o| o.key.as_str())
            .collect()
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules::new(FileConfig::default(), None).expect("the default config is valid")
    }
}

fn glob(pattern: &str) -> Result<globset::Glob, globset::Error> {
    GlobBuilder::new(pattern).literal_separator(true).build()
}

fn glob_set(
    patterns: &[Spanned<String>],
    source: Option<&SourceFile>,
    errors: &mut Vec<Diagnostic>,
) -> Option<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        match glob(pattern.get_ref()) {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(e) => {
                errors.push(spanned_error(source, pattern.span(), e.to_string(), "see the README for the glob syntax"))
            }
        }
    }
    builder.build().ok()
}

fn spanned_error(source: Option<&SourceFile>, span: std::ops::Range<usize>, message: String, help: &str) -> Diagnostic {
    match source {
        Some(file) => Diagnostic::at(file, Span::new(span.start, span.end), message),
        None => Diagnostic::file(FILE_NAME, message),
    }
    .with_help(help)
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
        assert_eq!(rules.unused_wire_names(&[("components/Pet", "raw")]), ["components/Get*.raw"]);

        let defaults = Rules::default();
        assert!(!defaults.selects("operations/GetPetRequest.md"));
        assert!(!defaults.selects("operations/GetPetResponse.md"));
        assert!(defaults.selects("operations/GetPetRequestBody.md"));
        assert!(defaults.selects("components/GetPetResponse.md"));
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
        assert_eq!(parse("").unwrap().exclude.len(), DEFAULT_EXCLUDE.len());
        let error = parse("\nwire_cas = \"snake_case\"\n").unwrap_err().to_string();
        assert!(error.starts_with("s/mdschema.toml:2:1: unknown field `wire_cas`"), "{error}");
        let error = parse("wire_case = \"shouting\"").unwrap_err().to_string();
        assert!(error.contains("s/mdschema.toml:1:13: unknown variant `shouting`"), "{error}");
    }
}
