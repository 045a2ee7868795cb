//! Speakeasy's Java SDK docs (`docs/models/{components,operations,errors}/Name.md`).
//!
//! Types: `*String*`, `*Optional\<Long>*`, `*JsonNullable\<Double>*`, `List\<[M](M.md)>`,
//! `Map\<String, *Object*>`, `byte[]`, `[OffsetDateTime](https://docs.oracle.com/…)`. `<`
//! is escaped as `\<` (once as `\\<`); wrappers sit inside link text, collections outside
//! it. The generator drops wrappers on List, Map, date and `byte[]` types. Field names
//! escape Java keywords with a trailing `_` (`private_`).

use super::{CellType, Dialect, DocType, Meaning, MemberText, Presence, Wrapper};
use crate::ir::Type;
use crate::markdown::Section;

/// The Java dialect.
pub struct Java;

impl Dialect for Java {
    fn name(&self) -> &'static str {
        "java"
    }

    fn default_exclude(&self) -> &'static [&'static str] {
        &["operations/**/*Request.md", "operations/**/*Response.md", "**/*Globals.md"]
    }

    fn help(&self) -> &'static str {
        "`*String*`, `*Optional\\<Long>*`, `List\\<*String*>` or `[Name](../path/Name.md)` (known: String, Boolean, int, long, double, float, OffsetDateTime, LocalDate, Object, byte[], InputStream, BigDecimal, BigInteger, List, Map, Optional, JsonNullable)"
    }

    fn meaning(&self, name: &str, _url: Option<&str>) -> Option<Meaning> {
        let ty = |ty: DocType| Some(Meaning::Type(ty));
        match name {
            "String" => ty(Type::String),
            "Boolean" | "boolean" => ty(Type::Bool),
            "int" | "Integer" => ty(Type::Int32),
            "long" | "Long" => ty(Type::Int64),
            "double" | "Double" => ty(Type::Float64),
            "float" | "Float" => ty(Type::Float32),
            "OffsetDateTime" => ty(Type::DateTime),
            "LocalDate" => ty(Type::Date),
            "Object" => ty(Type::Any),
            "BigDecimal" | "BigInteger" => ty(Type::Number),
            "InputStream" => ty(Type::Stream),
            "HttpResponse" | "HttpRequest" => ty(Type::HttpResponse),
            "Optional" => Some(Meaning::Wrapper(Wrapper::Optional)),
            "JsonNullable" => Some(Meaning::Wrapper(Wrapper::OptionalNullable)),
            "List" => Some(Meaning::List),
            "Map" => Some(Meaning::Map),
            _ => None,
        }
    }

    fn field_name(&self, doc_name: &str, _title: &str) -> String {
        unescape_field_name(doc_name).to_string()
    }

    /// A wrapper states presence; its absence does not (it is dropped on lists, maps, dates).
    fn states_presence(&self, cell: &CellType, _required: bool) -> bool {
        cell.wrapper != Wrapper::None
    }

    /// `Optional` on a required field means "required, may be null" (`@JsonInclude(ALWAYS)`).
    fn presence(&self, cell: &CellType, required: bool) -> Presence {
        super::presence_with_dropped_wrappers(cell, required)
    }

    /// Java's union docs list no members; a `## Supported Types` section in a Java-looking
    /// doc is another dialect's (C#'s `### Integer` would read as Java's `Integer`).
    fn union_members(&self, _section: &Section, _title: &str) -> Option<Vec<MemberText>> {
        None
    }
}

/// Java escapes its own keywords in field names with a trailing `_` (`private_`).
pub fn unescape_field_name(name: &str) -> &str {
    match name.strip_suffix('_') {
        Some(base) if JAVA_KEYWORDS.contains(&base) => base,
        _ => name,
    }
}

const JAVA_KEYWORDS: &[&str] = &[
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "try",
    "void",
    "volatile",
    "while",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::TypeError;
    use crate::ir::Link;

    fn parse_type(cell: &str) -> Result<CellType, TypeError> {
        super::super::parse_type(&Java, cell, &|_| false)
    }

    fn parse_type_with(cell: &str, custom: &dyn Fn(&str) -> bool) -> Result<CellType, TypeError> {
        super::super::parse_type(&Java, cell, custom)
    }

    fn list(item: DocType) -> DocType {
        Type::List { item: Box::new(item) }
    }
    fn map(value: DocType) -> DocType {
        Type::Map { value: Box::new(value) }
    }
    fn model(url: &str) -> DocType {
        Type::Ref { target: Link::Path { url: url.into() } }
    }

    #[test]
    fn every_form_in_the_java_grammar() {
        use Wrapper::{None as Bare, Optional, OptionalNullable as Nullable};
        let cases: &[(&str, DocType, Wrapper)] = &[
            ("*String*", Type::String, Bare),
            ("*boolean*", Type::Bool, Bare),
            ("*Boolean*", Type::Bool, Bare),
            ("*int*", Type::Int32, Bare),
            ("*Integer*", Type::Int32, Bare),
            ("*long*", Type::Int64, Bare),
            ("*Long*", Type::Int64, Bare),
            ("*double*", Type::Float64, Bare),
            ("*float*", Type::Float32, Bare),
            ("*Float*", Type::Float32, Bare),
            ("*Object*", Type::Any, Bare),
            ("byte[]", Type::Bytes, Bare),
            ("*byte[]*", Type::Bytes, Bare),
            ("*Optional\\<InputStream>*", Type::Stream, Optional),
            ("*Optional\\<String>*", Type::String, Optional),
            ("*JsonNullable\\<Double>*", Type::Float64, Nullable),
            (
                "[OffsetDateTime](https://docs.oracle.com/javase/8/docs/api/java/time/OffsetDateTime.html)",
                Type::DateTime,
                Bare,
            ),
            ("[LocalDate](https://docs.oracle.com/javase/8/docs/api/java/time/LocalDate.html)", Type::Date, Bare),
            (
                "[HttpResponse\\<?>](https://docs.oracle.com/en/java/javase/11/docs/api/java.net.http/java/net/http/HttpResponse.html)",
                Type::HttpResponse,
                Bare,
            ),
            (
                "[HttpRequest](https://docs.oracle.com/en/java/javase/11/docs/api/java.net.http/java/net/http/HttpRequest.html)",
                Type::HttpResponse,
                Bare,
            ),
            ("`String`", Type::String, Bare),
            ("[M](../../models/components/M.md)", model("../../models/components/M.md"), Bare),
            ("[Optional\\<M>](../../models/components/M.md)", model("../../models/components/M.md"), Optional),
            ("[JsonNullable\\<M>](M.md)", model("M.md"), Nullable),
            ("List\\<[M](M.md)>", list(model("M.md")), Bare),
            ("List\\<[List](../../models/components/List.md)>", list(model("../../models/components/List.md")), Bare),
            ("[Optional\\<String>](String.md)", model("String.md"), Optional),
            ("List\\<*String*>", list(Type::String), Bare),
            ("List\\<*double*>", list(Type::Float64), Bare),
            ("Map\\<String, *Object*>", map(Type::Any), Bare),
            ("Map\\<String, [M](M.md)>", map(model("M.md")), Bare),
            ("Map\\<String, List\\\\<*String*>>", map(list(Type::String)), Bare),
            ("*List\\<JsonNullable\\<String>>*", list(Type::Nullable { inner: Box::new(Type::String) }), Bare),
        ];
        for (cell, ty, wrapper) in cases {
            let parsed = parse_type(cell).unwrap_or_else(|e| panic!("{cell}: {e:?}"));
            assert_eq!(&parsed.ty, ty, "{cell}");
            assert_eq!(parsed.wrapper, *wrapper, "{cell}");
        }
    }

    #[test]
    fn errors_point_into_the_cell() {
        let cases: &[(&str, &str, &str)] = &[
            ("*Strin*", "unknown type `Strin`", "Strin"),
            ("[Foo](https://example.com/Foo.html)", "unknown type `Foo`", "Foo"),
            ("*Foo*", "unknown type `Foo`", "Foo"),
            ("Map\\<Long, *String*>", "map keys must be strings", "Long"),
            ("List\\<*String*", "expected `>`", ""),
            ("*String", "`*` opens emphasis that is never closed", "*"),
            ("", "expected a type name", ""),
            ("*String* extra", "unexpected text after the type", "extra"),
            ("List\\<*String*, *String*>", "`List` takes 1 type argument", "List\\<*String*, *String*>"),
            ("[Foo](Foo.md", "unclosed link", "[Foo](Foo.md"),
        ];
        for (cell, message, underlined) in cases {
            let error = parse_type(cell).expect_err(cell);
            assert!(error.message.starts_with(message), "{cell}: {}", error.message);
            assert_eq!(&cell[error.range.clone()], *underlined, "{cell}");
        }
    }

    #[test]
    fn names_the_config_maps_are_custom_types() {
        let custom = |name: &str| name == "BigDecimal";
        let parsed = parse_type_with("*Optional\\<BigDecimal>*", &custom).unwrap();
        assert_eq!(parsed.ty, Type::Custom { name: "BigDecimal".into() });
        assert_eq!(
            parse_type_with("List\\<*BigDecimal*>", &custom).unwrap().ty,
            list(Type::Custom { name: "BigDecimal".into() })
        );
        assert_eq!(parse_type_with("*BigInteger*", &custom).unwrap().ty, Type::Number);
        assert!(parse_type_with("*BigRational*", &custom).is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let cell = format!("{}*String*{}", "List\\<".repeat(10_000), ">".repeat(10_000));
        let error = parse_type(&cell).unwrap_err();
        assert!(error.message.contains("nest deeper"), "{}", error.message);
    }

    #[test]
    fn java_keyword_escapes_are_undone() {
        for (doc, meant) in [("private_", "private"), ("class_", "class"), ("name_", "name_"), ("x", "x")] {
            assert_eq!(unescape_field_name(doc), meant);
        }
    }
}
