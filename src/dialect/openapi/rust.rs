//! openapi-generator's Rust docs: `**String**`, `**i32**`, `**i64**`, `**f64**`, `**bool**`,
//! `**serde_json::Value**`, `**Vec<String>**`, `**std::collections::HashMap<String, T>**`,
//! models as `[**models::Tag**](Tag.md)` (Fastly: `crate::models::Tag`), `Option<…>` around
//! optional fields and nullable required ones (`Option<Option<…>>` for nullable optional
//! ones). Name cells are snake case, keywords raw (`**r#type**`). A union is an enum:
//! `## Enum Variants`, one member type per row.

use std::borrow::Cow;

use super::super::{CellType, Dialect, DocType, Family, Meaning, MemberText, Presence, Wrapper};
use crate::ir::Type;
use crate::markdown::DocTables;

/// The openapi-generator Rust dialect.
pub struct Rust;

impl Dialect for Rust {
    fn name(&self) -> &'static str {
        "openapi-rust"
    }

    fn family(&self) -> Family {
        Family::OpenApiGenerator
    }

    fn help(&self) -> &'static str {
        "`**String**`, `Option<**i64**>`, `**Vec<String>**`, `**std::collections::HashMap<String, serde_json::Value>**` or `[**models::Tag**](Tag.md)`"
    }

    /// Module paths gone (`crate::models::Tag` is `Tag`, `serde_json::Value` is `Value`), and
    /// `Option<Option<T>>` read as one wrapper.
    fn cell_text<'c>(&self, cell: &'c str) -> Cow<'c, str> {
        let plain = super::plain_cell(cell);
        if !plain.contains("::") && !plain.contains("Option<Option<") {
            return plain;
        }
        // A link the cell is only partly (`Option<[**Vec<String>**](Vec.md)>`): the link's text.
        let plain = match (plain.find("["), plain.rfind("](")) {
            (Some(open), Some(close)) => match unlink_inner(&plain, open, close) {
                Some(text) => Cow::Owned(text),
                None => plain,
            },
            _ => plain,
        };
        let mut text = plain.replace("Option<Option<", "OptionalNullable<Option<");
        for path in
            ["::std::collections::", "std::collections::", "crate::models::", "models::", "serde_json::", "std::path::"]
        {
            text = text.replace(path, "");
        }
        if let Some(inner) = text.strip_prefix("OptionalNullable<Option<").and_then(|t| t.strip_suffix(">>")) {
            text = format!("OptionalNullable<{inner}>");
        }
        Cow::Owned(text)
    }

    fn meaning(&self, name: &str, _url: Option<&str>) -> Option<Meaning> {
        let ty = |ty: DocType| Some(Meaning::Type(ty));
        match name {
            "String" | "uuid.Uuid" | "Uuid" => ty(Type::String),
            "i32" | "i16" | "i8" | "u8" | "u16" => ty(Type::Int32),
            "i64" | "u32" => ty(Type::Int64),
            "u64" => ty(Type::Number),
            "f32" => ty(Type::Float32),
            "f64" => ty(Type::Float64),
            "bool" => ty(Type::Bool),
            "Value" => ty(Type::Any),
            "PathBuf" => ty(Type::Stream),
            "Vec" => Some(Meaning::List),
            "HashMap" | "BTreeMap" => Some(Meaning::Map),
            "Option" => Some(Meaning::Wrapper(Wrapper::Optional)),
            "OptionalNullable" => Some(Meaning::Wrapper(Wrapper::OptionalNullable)),
            _ => None,
        }
    }

    fn model_name<'n>(&self, name: &'n str) -> Option<&'n str> {
        super::go::is_model_name(name).then_some(name)
    }

    fn field_name(&self, doc_name: &str, _title: &str) -> String {
        doc_name.strip_prefix("r#").unwrap_or(doc_name).to_string()
    }

    /// Only Rust wraps types in `Option<…>` and names models by module path.
    fn claims(&self, doc: &DocTables) -> bool {
        super::has_section(doc, "Enum Variants")
            || doc
                .sections
                .iter()
                .flat_map(|s| &s.tables)
                .flat_map(|t| &t.rows)
                .flat_map(|r| &r.cells)
                .any(|c| c.text.starts_with("Option<") || c.text.contains("models::"))
    }

    /// `## Enum Variants` with a `Description` column: one member type per row.
    fn one_of(&self, doc: &DocTables) -> Option<Vec<MemberText>> {
        let section = doc.sections.iter().find(|s| s.heading.text.eq_ignore_ascii_case("Enum Variants"))?;
        let table = section.tables.first()?;
        if !table.header.get(1).is_some_and(|h| h.text.eq_ignore_ascii_case("Description")) {
            return None;
        }
        let members = table
            .rows
            .iter()
            .filter_map(|row| row.cells.first())
            .map(|cell| MemberText {
                name: None,
                text: cell.text.to_string(),
                example: None,
                span: cell.span,
                annotation: None,
            })
            .collect();
        Some(members)
    }

    /// `Option` on a required field says `null` is sent; `Option<Option<…>>` on an optional
    /// one too.
    fn states_presence(&self, _cell: &CellType, _required: bool) -> bool {
        true
    }

    /// Fastly's templates write no Notes in model docs: `Option<…>` alone marks a field that
    /// may be absent.
    fn optional_without_notes(&self, cell: &CellType) -> bool {
        cell.wrapper != Wrapper::None
    }

    fn presence(&self, cell: &CellType, required: bool) -> Presence {
        let nullable = match cell.wrapper {
            Wrapper::OptionalNullable | Wrapper::Nullable => true,
            Wrapper::Optional => required,
            _ => false,
        };
        Presence { required, nullable }
    }
}

/// The cell with its link `[text](Page.md)` replaced by `text` when the page is one that
/// openapi-generator links containers and primitives to.
fn unlink_inner(cell: &str, open: usize, close: usize) -> Option<String> {
    let url_end = cell[close..].find(')')? + close;
    let link = &cell[open..=url_end];
    let text = super::plain_cell(link);
    (text != link).then(|| format!("{}{text}{}", &cell[..open], &cell[url_end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::Wrapper::{None as Bare, Optional, OptionalNullable};
    use crate::ir::Link;

    #[test]
    fn every_form_in_the_openapi_rust_grammar() {
        let model = |url: &str| Type::Ref { target: Link::Path { url: url.into() } };
        let list = |item: DocType| Type::List { item: Box::new(item) };
        let map = |value: DocType| Type::Map { value: Box::new(value) };
        super::super::reads_as(
            &Rust,
            &[
                ("**String**", Type::String, Bare),
                ("Option<**String**>", Type::String, Optional),
                ("Option<**i64**>", Type::Int64, Optional),
                ("**Vec<String>**", list(Type::String), Bare),
                ("Option<**Vec<String>**>", list(Type::String), Optional),
                ("**std::collections::HashMap<String, serde_json::Value>**", map(Type::Any), Bare),
                ("Option<[**models::Category**](Category.md)>", model("Category.md"), Optional),
                (
                    "Option<[**crate::models::PaginationMeta**](PaginationMeta.md)>",
                    model("PaginationMeta.md"),
                    Optional,
                ),
                (
                    "Option<[**Vec&lt;crate::models::Environment&gt;**](Environment.md)>",
                    list(model("Environment.md")),
                    Optional,
                ),
                ("Option<Option<**String**>>", Type::String, OptionalNullable),
                ("**Status**", Type::Ref { target: Link::Title { title: "Status".into() } }, Bare),
                (
                    "Option<[**::std::collections::HashMap<String, serde_json::Value>**](SerdeJsonValue.md)>",
                    map(Type::Any),
                    Optional,
                ),
                ("Option<**::std::collections::HashMap<String, String>**>", map(Type::String), Optional),
            ],
        );
        assert_eq!(Rust.field_name("r#type", "T"), "type");
    }

    #[test]
    fn nullable_where_option_says_more_than_optional() {
        let cell = |wrapper| CellType { ty: Type::String, wrapper };
        assert!(Rust.presence(&cell(Optional), true).nullable);
        assert!(!Rust.presence(&cell(Optional), false).nullable);
        assert!(Rust.presence(&cell(OptionalNullable), false).nullable);
    }
}
