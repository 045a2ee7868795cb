//! Rust identifiers from doc names: casing, keywords, characters Rust does not allow, and
//! de-duplication. Every name that reaches generated code comes through here.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust's strict and reserved keywords (2024 edition), which need `r#` or renaming.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing `_` instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A field name: `refreshToken` → `refresh_token`, `type` → `r#type`, `self` → `self_`.
pub fn field_name(doc_name: &str) -> String {
    escape_keyword(&non_empty(ascii_words(doc_name).to_snake_case(), "field"), true)
}

/// A module name for a folder: `Components` → `components`, `type` → `type_`.
pub fn module_name(folder: &str) -> String {
    escape_keyword(&non_empty(ascii_words(folder).to_snake_case(), "module"), false)
}

/// A type name from a doc title: kept when it is already a good Rust type name, else
/// converted to UpperCamelCase (`HTTPMetadata` stays, `my model` → `MyModel`).
pub fn type_name(title: &str) -> String {
    let keep = is_plain_ident(title)
        && title.starts_with(|c: char| c.is_ascii_uppercase())
        && title.chars().any(|c| c.is_ascii_lowercase());
    let name = if keep { title.to_string() } else { non_empty(upper_camel(title), "Model") };
    escape_keyword(&name, false)
}

/// An enum variant name from a constant's name: `FILTERED_SELECT` → `FilteredSelect`.
pub fn variant_name(name: &str) -> String {
    escape_keyword(&non_empty(upper_camel(name), "Value"), false)
}

/// UpperCamelCase; a name of one-letter words (`a b/c` → `ABC`) keeps only its first letter
/// upper case (`Abc`), since clippy reads three capitals as an acronym.
fn upper_camel(name: &str) -> String {
    let camel = ascii_words(name).to_upper_camel_case();
    if camel.len() > 2 && camel.chars().all(|c| c.is_ascii_uppercase()) {
        let mut chars = camel.chars();
        chars.next().map(|first| first.to_string() + &chars.as_str().to_ascii_lowercase()).unwrap_or_default()
    } else {
        camel
    }
}

/// A variant name for `name` in the enum `enum_name`, without the enum's name around it (Go's
/// `StatusAvailable` in `Status` → `Available`, as clippy's `enum_variant_names` asks); kept
/// whole when what remains is not a word of its own.
pub fn variant_name_in(name: &str, enum_name: &str) -> String {
    let variant = variant_name(name);
    let enum_name = enum_name.trim_start_matches("r#");
    match variant.strip_prefix(enum_name).or_else(|| variant.strip_suffix(enum_name)) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => variant_name(rest),
        _ => variant,
    }
}

/// A file name (without `.rs`) for a type: `Credentials` → `credentials`.
pub fn file_stem(type_name: &str) -> String {
    module_name(type_name.trim_start_matches("r#"))
}

fn is_plain_ident(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Replaces everything that is not ASCII alphanumeric by word breaks, spelling non-ASCII
/// letters as their code point (`é` → `u00e9`) so that distinct names stay distinct.
fn ascii_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_alphanumeric() {
            out.push_str(&format!(" u{:04x} ", c as u32));
        } else {
            out.push(' ');
        }
    }
    out
}

fn non_empty(name: String, fallback: &str) -> String {
    if name.is_empty() {
        fallback.to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name
    }
}

fn escape_keyword(name: &str, raw_allowed: bool) -> String {
    if NOT_RAW.contains(&name) || (KEYWORDS.contains(&name) && !raw_allowed) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_string()
    }
}

/// Hands out names that are unique within one scope, in the order asked.
#[derive(Debug, Default)]
pub struct Namespace {
    taken: std::collections::HashSet<String>,
}

impl Namespace {
    /// A namespace where `reserved` names are already taken.
    pub fn with_reserved<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Self {
        Namespace { taken: reserved.into_iter().map(str::to_string).collect() }
    }

    /// `name` if free, else `name2`, `name3`… (`name_2` for snake_case names).
    pub fn claim(&mut self, name: &str) -> String {
        let unraw = name.trim_start_matches("r#");
        if self.taken.insert(unraw.to_string()) {
            return name.to_string();
        }
        let separator = if unraw.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') { "_" } else { "" };
        let base = unraw.trim_end_matches('_');
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always has a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        let cases = [
            ("refreshToken", "refresh_token"),
            ("line1", "line1"),
            ("HTTPMetadata", "http_metadata"),
            ("type", "r#type"),
            ("ref", "r#ref"),
            ("async", "r#async"),
            ("self", "self_"),
            ("Self", "self_"),
            ("crate", "crate_"),
            ("super", "super_"),
            ("_", "field"),
            ("1st", "_1st"),
            ("a-b", "a_b"),
            ("$ref", "r#ref"),
            ("@id", "id"),
            ("a.b[0]", "a_b_0"),
            ("first name", "first_name"),
            ("naïve", "na_u00ef_ve"),
            ("名前", "u540d_u524d"),
            ("\"]#[x]", "x"),
        ];
        for (doc, rust) in cases {
            assert_eq!(field_name(doc), rust, "{doc}");
        }
    }

    #[test]
    fn type_names() {
        let cases = [
            ("Credentials", "Credentials"),
            ("HTTPMetadata", "HTTPMetadata"),
            ("DetailUnauthorized2", "DetailUnauthorized2"),
            ("List", "List"),
            ("Self", "Self_"),
            ("AED", "Aed"),
            ("my model", "MyModel"),
            ("lowercase", "Lowercase"),
            ("1Password", "_1password"),
            ("", "Model"),
            ("*/ evil", "Evil"),
        ];
        for (title, rust) in cases {
            assert_eq!(type_name(title), rust, "{title}");
        }
    }

    #[test]
    fn variant_and_module_names() {
        let variants = [
            ("FILTERED_SELECT", "FilteredSelect"),
            ("WILDCARD", "Wildcard"),
            ("apiKey", "ApiKey"),
            ("Self", "Self_"),
            ("*", "Value"),
            ("1", "_1"),
        ];
        for (name, rust) in variants {
            assert_eq!(variant_name(name), rust, "{name}");
        }
        let modules = [
            ("components", "components"),
            ("Components", "components"),
            ("type", "type_"),
            ("my-folder", "my_folder"),
            ("self", "self_"),
        ];
        for (folder, rust) in modules {
            assert_eq!(module_name(folder), rust, "{folder}");
        }
    }

    #[test]
    fn variant_names_lose_the_enum_name_around_them() {
        let cases = [
            ("StatusAvailable", "Status", "Available"),
            ("AvailableStatus", "Status", "Available"),
            ("STATUS_SOLD_OUT", "Status", "SoldOut"),
            ("Status", "Status", "Status"),
            ("Status2", "Status", "Status2"),
            ("Statuses", "Status", "Statuses"),
            ("StatusSelf", "Status", "Self_"),
            ("Available", "Status", "Available"),
            ("TypeAbc", "r#Type", "Abc"),
            ("a b/c", "Status", "Abc"),
            ("A1 B", "Status", "A1B"),
            ("a|b", "Status", "AB"),
        ];
        for (name, enum_name, expected) in cases {
            assert_eq!(variant_name_in(name, enum_name), expected, "{name} in {enum_name}");
        }
    }

    #[test]
    fn namespaces_hand_out_distinct_names() {
        let mut fields = Namespace::default();
        let names: Vec<_> = ["guid", "guid", "r#type", "type_2", "r#type"].iter().map(|n| fields.claim(n)).collect();
        assert_eq!(names, ["guid", "guid_2", "r#type", "type_2", "type_3"]);
        let mut types = Namespace::with_reserved(["Unknown"]);
        assert_eq!(types.claim("Unknown"), "Unknown2");
    }
}
