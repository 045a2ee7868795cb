//! openapi-generator's Java docs: `**String**`, `**Integer**`, `**Long**`, `**Boolean**`,
//! `**BigDecimal**`, `**OffsetDateTime**`, `**LocalDate**`, `**Object**`,
//! `**List&lt;String&gt;**`, `**Map&lt;String, Object&gt;**`, `[**Tag**](Tag.md)`; tables with
//! outer pipes; an inline enum links to its `## Enum: XEnum` table (`[**KindEnum**](#KindEnum)`).
//! Name cells are camel case, a leading `_` dropped; no nullability.

use std::borrow::Cow;

use super::super::{CellType, Dialect, DocType, Family, Meaning, Presence};
use crate::ir::Type;
use crate::markdown::DocTables;

/// The openapi-generator Java dialect.
pub struct Java;

impl Dialect for Java {
    fn name(&self) -> &'static str {
        "openapi-java"
    }

    fn family(&self) -> Family {
        Family::OpenApiGenerator
    }

    fn help(&self) -> &'static str {
        "`**String**`, `**Integer**`, `**List&lt;String&gt;**`, `**Map&lt;String, Object&gt;**` or `[**Tag**](Tag.md)`"
    }

    fn cell_text<'c>(&self, cell: &'c str) -> Cow<'c, str> {
        super::plain_cell(cell)
    }

    fn meaning(&self, name: &str, url: Option<&str>) -> Option<Meaning> {
        let ty = |ty: DocType| Some(Meaning::Type(ty));
        match name {
            "String" | "UUID" | "URI" => ty(Type::String),
            "Integer" | "int" => ty(Type::Int32),
            "Long" | "long" => ty(Type::Int64),
            "Float" | "float" => ty(Type::Float32),
            "Double" | "double" => ty(Type::Float64),
            "BigDecimal" | "BigInteger" => ty(Type::Number),
            "Boolean" | "boolean" => ty(Type::Bool),
            "Object" => ty(Type::Any),
            "OffsetDateTime" | "Date" => ty(Type::DateTime),
            "LocalDate" => ty(Type::Date),
            "File" => ty(Type::Stream),
            "List" | "Set" => Some(Meaning::List),
            "Map" => Some(Meaning::Map),
            // An inline enum, linked to its table in the same doc: its values are strings.
            _ if url.is_some_and(|u| u.starts_with('#')) => ty(Type::String),
            _ => None,
        }
    }

    fn model_name<'n>(&self, name: &'n str) -> Option<&'n str> {
        super::go::is_model_name(name).then_some(name)
    }

    /// Only Java writes inline enums as `## Enum: XEnum` tables.
    fn claims(&self, doc: &DocTables) -> bool {
        doc.sections.iter().any(|s| s.heading.text.starts_with("Enum:"))
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
    fn every_form_in_the_openapi_java_grammar() {
        let model = |url: &str| Type::Ref { target: Link::Path { url: url.into() } };
        let list = |item: DocType| Type::List { item: Box::new(item) };
        let map = |value: DocType| Type::Map { value: Box::new(value) };
        super::super::reads_as(
            &Java,
            &[
                ("**String**", Type::String, Bare),
                ("**Integer**", Type::Int32, Bare),
                ("**Long**", Type::Int64, Bare),
                ("**BigDecimal**", Type::Number, Bare),
                ("**OffsetDateTime**", Type::DateTime, Bare),
                ("**LocalDate**", Type::Date, Bare),
                ("**List&lt;String&gt;**", list(Type::String), Bare),
                ("**Map&lt;String, Object&gt;**", map(Type::Any), Bare),
                ("**List&lt;Map&lt;String, Object&gt;&gt;**", list(map(Type::Any)), Bare),
                ("[**Map&lt;String, Link&gt;**](Link.md)", map(model("Link.md")), Bare),
                ("[**KindEnum**](#KindEnum)", Type::String, Bare),
                ("[**List&lt;IncludedActionsEnum&gt;**](#List&lt;IncludedActionsEnum&gt;)", list(Type::String), Bare),
            ],
        );
    }
}
