//! `mdschema.toml`: what the docs alone cannot tell, read beside the docs.

use serde::Deserialize;

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
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// How JSON keys are derived from field names.
    #[serde(default)]
    pub wire_case: WireCase,
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
    fn reads_keys_and_rejects_unknown_ones_with_their_line() {
        assert_eq!(parse("wire_case = \"snake_case\"\n").unwrap().wire_case, WireCase::SnakeCase);
        assert_eq!(parse("").unwrap(), FileConfig::default());
        let error = parse("\nwire_cas = \"snake_case\"\n").unwrap_err().to_string();
        assert!(error.starts_with("s/mdschema.toml:2:1: unknown field `wire_cas`"), "{error}");
        let error = parse("wire_case = \"shouting\"").unwrap_err().to_string();
        assert!(error.contains("s/mdschema.toml:1:13: unknown variant `shouting`"), "{error}");
    }
}
