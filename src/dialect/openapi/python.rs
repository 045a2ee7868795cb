//! openapi-generator's Python (pydantic v2) docs: `**str**`, `**int**`, `**float**`,
//! `**bool**`, `**object**`, `**date**`, `**datetime**`, `**List[str]**`,
//! `**Dict[str, object]**`, `[**Tag**](Tag.md)`; no nullability. Name cells are snake case,
//! a leading `_` dropped, a reserved word prefixed with `var_` (`var_property`).

use std::borrow::Cow;

use super::super::{CellType, Dialect, DocType, Family, Meaning, Presence};
use crate::ir::Type;
use crate::markdown::DocTables;

/// The openapi-generator Python (pydantic) dialect.
pub struct Python;

/// Names the generator prefixes with `var_`: Python's keywords and the names pydantic's
/// models and the SDK's imports take.
const RESERVED: &[&str] = &[
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
    "false", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "none", "nonlocal", "not", "or",
    "pass", "print", "raise", "return", "true", "try", "while", "with", "yield", "property", "schema", "json", "date",
    "datetime", "float", "int", "str", "bool", "dict", "list", "object", "self", "type",
];

impl Dialect for Python {
    fn name(&self) -> &'static str {
        "openapi-python"
    }

    fn family(&self) -> Family {
        Family::OpenApiGenerator
    }

    fn help(&self) -> &'static str {
        "`**str**`, `**int**`, `**List[str]**`, `**Dict[str, object]**` or `[**Tag**](Tag.md)`"
    }

    fn cell_text<'c>(&self, cell: &'c str) -> Cow<'c, str> {
        super::plain_cell(cell)
    }

    fn meaning(&self, name: &str, _url: Option<&str>) -> Option<Meaning> {
        let ty = |ty: DocType| Some(Meaning::Type(ty));
        match name {
            "str" | "UUID" | "StrictStr" => ty(Type::String),
            "int" | "StrictInt" => ty(Type::Int64),
            "float" | "StrictFloat" => ty(Type::Float64),
            "bool" | "StrictBool" => ty(Type::Bool),
            "object" | "Any" => ty(Type::Any),
            "date" => ty(Type::Date),
            "datetime" => ty(Type::DateTime),
            "Decimal" => ty(Type::Number),
            "bytearray" | "bytes" | "StrictBytes" => ty(Type::Bytes),
            "Optional" => Some(Meaning::Wrapper(super::super::Wrapper::Nullable)),
            "List" | "Set" => Some(Meaning::List),
            "Dict" => Some(Meaning::Map),
            _ => None,
        }
    }

    fn model_name<'n>(&self, name: &'n str) -> Option<&'n str> {
        super::go::is_model_name(name).then_some(name)
    }

    fn field_name(&self, doc_name: &str, _title: &str) -> String {
        match doc_name.strip_prefix("var_") {
            Some(word) if RESERVED.contains(&word) => word.to_string(),
            _ => doc_name.to_string(),
        }
    }

    /// The example that follows the table imports the model from the SDK's package.
    fn claims(&self, doc: &DocTables) -> bool {
        super::has_code_in(doc, "from ")
            && doc.sections.iter().flat_map(|s| &s.code_blocks).any(|b| b.text.contains(".models."))
    }

    fn presence(&self, _cell: &CellType, required: bool) -> Presence {
        super::super::presence_unknown_nullability(required)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::Wrapper::None as Bare;
    use crate::ir::Link;

    #[test]
    fn every_form_in_the_openapi_python_grammar() {
        let model = |url: &str| Type::Ref { target: Link::Path { url: url.into() } };
        let list = |item: DocType| Type::List { item: Box::new(item) };
        let map = |value: DocType| Type::Map { value: Box::new(value) };
        super::super::reads_as(
            &Python,
            &[
                ("**str**", Type::String, Bare),
                ("**int**", Type::Int64, Bare),
                ("**float**", Type::Float64, Bare),
                ("**object**", Type::Any, Bare),
                ("**datetime**", Type::DateTime, Bare),
                ("**date**", Type::Date, Bare),
                ("**List[str]**", list(Type::String), Bare),
                ("**Dict[str, object]**", map(Type::Any), Bare),
                ("**List[Dict[str, object]]**", list(map(Type::Any)), Bare),
                ("[**Dict[str, Link]**](Link.md)", map(model("Link.md")), Bare),
                ("[**List[AccessDenied]**](AccessDenied.md)", list(model("AccessDenied.md")), Bare),
                (
                    "**Dict[str, List[StatisticRep]]**",
                    map(list(Type::Ref { target: Link::Title { title: "StatisticRep".into() } })),
                    Bare,
                ),
            ],
        );
        for (doc, meant) in [("var_property", "property"), ("var_from", "from"), ("var_x", "var_x"), ("links", "links")]
        {
            assert_eq!(Python.field_name(doc, "T"), meant);
        }
    }
}
