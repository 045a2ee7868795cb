//! openapi-generator's TypeScript (axios) docs: `**string**`, `**number**` (integers and
//! floats alike), `**boolean**`, `**any**`, `**object**`, `**Array&lt;string&gt;**`,
//! `**{ [key: string]: any; }**`, `[**Tag**](Tag.md)`; dates are strings; no nullability.
//! The name cell is the JSON key, a reserved word prefixed with `_` (`_default`).

use std::borrow::Cow;

use super::super::{CellType, Dialect, DocType, Family, Meaning, Presence};
use crate::ir::Type;
use crate::markdown::DocTables;

/// The openapi-generator TypeScript dialect.
pub struct TypeScript;

impl Dialect for TypeScript {
    fn name(&self) -> &'static str {
        "openapi-typescript"
    }

    fn family(&self) -> Family {
        Family::OpenApiGenerator
    }

    fn help(&self) -> &'static str {
        "`**string**`, `**number**`, `**boolean**`, `**Array&lt;string&gt;**`, `**{ [key: string]: any; }**` or `[**Tag**](Tag.md)`"
    }

    fn cell_text<'c>(&self, cell: &'c str) -> Cow<'c, str> {
        let plain = super::plain_cell(cell);
        if plain.contains(';') { Cow::Owned(plain.replace("; }", " }").replace(";}", "}")) } else { plain }
    }

    fn meaning(&self, name: &str, _url: Option<&str>) -> Option<Meaning> {
        let ty = |ty: DocType| Some(Meaning::Type(ty));
        match name {
            "string" => ty(Type::String),
            "number" => ty(Type::Number),
            "boolean" => ty(Type::Bool),
            "any" | "object" | "unknown" => ty(Type::Any),
            "Date" => ty(Type::DateTime),
            "File" | "Blob" => ty(Type::Bytes),
            "Array" | "Set" => Some(Meaning::List),
            "Record" => Some(Meaning::Map),
            _ => None,
        }
    }

    fn model_name<'n>(&self, name: &'n str) -> Option<&'n str> {
        super::go::is_model_name(name).then_some(name)
    }

    fn name_is_key(&self) -> bool {
        true
    }

    fn field_name(&self, doc_name: &str, _title: &str) -> String {
        super::js_key(doc_name)
    }

    /// The example that follows the table is TypeScript.
    fn claims(&self, doc: &DocTables) -> bool {
        super::has_code_in(doc, "import {")
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
    fn every_form_in_the_openapi_typescript_grammar() {
        let model = |url: &str| Type::Ref { target: Link::Path { url: url.into() } };
        let list = |item: DocType| Type::List { item: Box::new(item) };
        let map = |value: DocType| Type::Map { value: Box::new(value) };
        super::super::reads_as(
            &TypeScript,
            &[
                ("**string**", Type::String, Bare),
                ("**number**", Type::Number, Bare),
                ("**boolean**", Type::Bool, Bare),
                ("**any**", Type::Any, Bare),
                ("**object**", Type::Any, Bare),
                ("**Array&lt;string&gt;**", list(Type::String), Bare),
                ("**{ [key: string]: any; }**", map(Type::Any), Bare),
                ("[**{ [key: string]: Link; }**](Link.md)", map(model("Link.md")), Bare),
                ("**Array&lt;{ [key: string]: any; }&gt;**", list(map(Type::Any)), Bare),
                ("[**Array&lt;AccessDenied&gt;**](AccessDenied.md)", list(model("AccessDenied.md")), Bare),
                ("**ReleaseMethod**", Type::Ref { target: Link::Title { title: "ReleaseMethod".into() } }, Bare),
            ],
        );
        assert_eq!(TypeScript.field_name("_default", "T"), "default");
        assert_eq!(TypeScript.field_name("_links", "T"), "_links");
    }
}
