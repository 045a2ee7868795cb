//! openapi-generator's JavaScript docs: `**String**`, `**Number**`, `**Boolean**`,
//! `**Date**`, `**Object**`, `**[String]**` (lists), `**{String: Object}**` (maps),
//! `[**Tag**](Tag.md)`; titles `# Vendor.Pet`. The name cell is the JSON key, a reserved
//! word prefixed with `_`.

use std::borrow::Cow;

use super::super::{CellType, Dialect, DocType, Family, Meaning, Presence};
use crate::ir::Type;
use crate::markdown::DocTables;

/// The openapi-generator JavaScript dialect.
pub struct JavaScript;

impl Dialect for JavaScript {
    fn name(&self) -> &'static str {
        "openapi-javascript"
    }

    fn family(&self) -> Family {
        Family::OpenApiGenerator
    }

    fn help(&self) -> &'static str {
        "`**String**`, `**Number**`, `**Boolean**`, `**[String]**`, `**{String: Object}**` or `[**Tag**](Tag.md)`"
    }

    /// `[T]` is `Array<T>`, `{String: T}` is `Map<String, T>`.
    fn cell_text<'c>(&self, cell: &'c str) -> Cow<'c, str> {
        let plain = super::plain_cell(cell);
        if !plain.contains(['[', '{']) {
            return plain;
        }
        Cow::Owned(super::brace_maps(&super::bracket_lists(&plain), "Map"))
    }

    fn meaning(&self, name: &str, _url: Option<&str>) -> Option<Meaning> {
        let ty = |ty: DocType| Some(Meaning::Type(ty));
        match name {
            "String" => ty(Type::String),
            "Number" => ty(Type::Number),
            "Boolean" => ty(Type::Bool),
            "Object" => ty(Type::Any),
            "Date" => ty(Type::DateTime),
            "File" | "Blob" => ty(Type::Bytes),
            "Array" => Some(Meaning::List),
            "Map" => Some(Meaning::Map),
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

    fn title<'t>(&self, heading: &'t str) -> &'t str {
        super::last_segment(heading, ".")
    }

    /// `# Vendor.Pet`, one dot (C#'s titles have a `.Model.` segment).
    fn claims(&self, doc: &DocTables) -> bool {
        doc.title.as_ref().is_some_and(|t| t.text.matches('.').count() == 1 && !t.text.contains(' '))
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
    fn every_form_in_the_openapi_javascript_grammar() {
        let model = |url: &str| Type::Ref { target: Link::Path { url: url.into() } };
        let list = |item: DocType| Type::List { item: Box::new(item) };
        let map = |value: DocType| Type::Map { value: Box::new(value) };
        super::super::reads_as(
            &JavaScript,
            &[
                ("**String**", Type::String, Bare),
                ("**Number**", Type::Number, Bare),
                ("**Date**", Type::DateTime, Bare),
                ("**[String]**", list(Type::String), Bare),
                ("**{String: Object}**", map(Type::Any), Bare),
                ("**[Object]**", list(Type::Any), Bare),
                ("[**[Statement]**](Statement.md)", list(model("Statement.md")), Bare),
                ("[**{String: Link}**](Link.md)", map(model("Link.md")), Bare),
                ("[**Access**](Access.md)", model("Access.md"), Bare),
            ],
        );
        assert_eq!(JavaScript.title("LaunchDarklyApi.Access"), "Access");
    }
}
