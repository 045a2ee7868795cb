//! openapi-generator's older Python docs (python-prior, Fastly's): `**str**`, `**int**`,
//! `**[str]**` (lists), `**{str: (bool, date, datetime, dict, float, int, list, str,
//! none_type,)}**` (maps), and nullability written out: `**str, none_type**`. A row named
//! `**any string name**` is the catch-all of unknown keys.

use std::borrow::Cow;

use super::super::{CellType, Dialect, DocType, Family, Meaning, Presence, Wrapper};
use crate::ir::Type;
use crate::markdown::DocTables;

/// The openapi-generator python-prior dialect.
pub struct PythonPrior;

impl Dialect for PythonPrior {
    fn name(&self) -> &'static str {
        "openapi-python-prior"
    }

    fn family(&self) -> Family {
        Family::OpenApiGenerator
    }

    fn help(&self) -> &'static str {
        "`**str**`, `**str, none_type**`, `**[str]**`, `**{str: (str,)}**` or `[**Tag**](Tag.md)`"
    }

    /// `[T]` is `Array<T>`, `{str: (T,)}` is `Dict<str, T>`, and `A, B, none_type` is
    /// `Nullable<…>` of `A` alone or of any JSON.
    fn cell_text<'c>(&self, cell: &'c str) -> Cow<'c, str> {
        let plain = super::plain_cell(cell);
        if !plain.contains(['[', '{', ',', '(']) {
            return plain;
        }
        Cow::Owned(alternatives(&super::brace_maps(&super::bracket_lists(&plain), "Dict")))
    }

    fn meaning(&self, name: &str, _url: Option<&str>) -> Option<Meaning> {
        let ty = |ty: DocType| Some(Meaning::Type(ty));
        match name {
            "str" => ty(Type::String),
            "int" => ty(Type::Int64),
            "float" => ty(Type::Float64),
            "bool" => ty(Type::Bool),
            "date" => ty(Type::Date),
            "datetime" => ty(Type::DateTime),
            "dict" => ty(Type::Map { value: Box::new(Type::Any) }),
            "list" => ty(Type::List { item: Box::new(Type::Any) }),
            "Any" | "object" => ty(Type::Any),
            "file_type" => ty(Type::Stream),
            "Array" => Some(Meaning::List),
            "Dict" => Some(Meaning::Map),
            "Nullable" => Some(Meaning::Wrapper(Wrapper::Nullable)),
            _ => None,
        }
    }

    fn model_name<'n>(&self, name: &'n str) -> Option<&'n str> {
        super::go::is_model_name(name).then_some(name)
    }

    fn lone_value_is_the_model(&self) -> bool {
        true
    }

    fn is_catch_all(&self, name: &str) -> bool {
        name == "any string name"
    }

    /// Only python-prior writes `none_type` and `(T,)` tuples.
    fn claims(&self, doc: &DocTables) -> bool {
        doc.sections
            .iter()
            .flat_map(|s| &s.tables)
            .flat_map(|t| &t.rows)
            .flat_map(|r| &r.cells)
            .any(|c| c.text.contains("none_type") || c.text.contains(",)"))
    }

    /// `none_type` says `null` is sent; its absence that it is not.
    fn states_presence(&self, _cell: &CellType, _required: bool) -> bool {
        true
    }

    fn presence(&self, cell: &CellType, required: bool) -> Presence {
        Presence { required, nullable: cell.wrapper == Wrapper::Nullable }
    }
}

/// A comma list of alternatives, outside brackets (`str, none_type`): `none_type` makes it
/// `Nullable<…>`; one other alternative is itself, several are any JSON. Tuples `(T,)` are
/// their alternatives too.
fn alternatives(text: &str) -> String {
    let text = text.trim();
    let inner = match text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) => inner,
        None if super::top_level(text, ',').is_none() => return rewrite_inside(text),
        None => text,
    };
    let mut parts = Vec::new();
    let mut rest = inner;
    while let Some(comma) = super::top_level(rest, ',') {
        parts.push(rest[..comma].trim());
        rest = &rest[comma + 1..];
    }
    parts.push(rest.trim());
    parts.retain(|p| !p.is_empty());
    let nullable = parts.contains(&"none_type");
    parts.retain(|p| *p != "none_type");
    let one = match parts.as_slice() {
        [one] => alternatives(one),
        _ => "Any".to_string(),
    };
    if nullable { format!("Nullable<{one}>") } else { one }
}

/// Alternatives inside `Array<…>`, `Dict<str, …>` and link text.
fn rewrite_inside(text: &str) -> String {
    for (open, close) in [("Array<", ">"), ("Dict<str, ", ">")] {
        if let Some(inner) = text.strip_prefix(open).and_then(|t| t.strip_suffix(close)) {
            return format!("{open}{}{close}", alternatives(inner));
        }
    }
    if let Some(rest) = text.strip_prefix('[')
        && let Some(end) = rest.find("](")
    {
        return format!("[{}]{}", alternatives(&rest[..end]), &rest[end + 1..]);
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::Wrapper::{None as Bare, Nullable};
    use crate::ir::Link;

    #[test]
    fn every_form_in_the_python_prior_grammar() {
        let model = |url: &str| Type::Ref { target: Link::Path { url: url.into() } };
        let list = |item: DocType| Type::List { item: Box::new(item) };
        let map = |value: DocType| Type::Map { value: Box::new(value) };
        let null = |inner: DocType| Type::Nullable { inner: Box::new(inner) };
        super::super::reads_as(
            &PythonPrior,
            &[
                ("**str**", Type::String, Bare),
                ("**int**", Type::Int64, Bare),
                ("**str, none_type**", Type::String, Nullable),
                ("**datetime, none_type**", Type::DateTime, Nullable),
                ("**bool, date, datetime, dict, float, int, list, str, none_type**", Type::Any, Nullable),
                ("**bool, date, datetime, dict, float, int, list, str**", Type::Any, Bare),
                ("**[str]**", list(Type::String), Bare),
                (
                    "**{str: (bool, date, datetime, dict, float, int, list, str, none_type,)}**",
                    map(null(Type::Any)),
                    Bare,
                ),
                ("**{str: (str,)}**", map(Type::String), Bare),
                ("[**PaginationMeta**](PaginationMeta.md)", model("PaginationMeta.md"), Bare),
                ("[**[Environment]**](Environment.md)", list(model("Environment.md")), Bare),
                ("**[str], none_type**", list(Type::String), Nullable),
            ],
        );
        assert!(PythonPrior.is_catch_all("any string name"));
    }
}
