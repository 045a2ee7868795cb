//! openapi-generator's C# docs: `# Vendor.Api.Model.Pet`; `**string**`, `**int**`,
//! `**long**`, `**decimal**`, `**double**`, `**bool**`, `**DateTime**`, `**DateOnly**`,
//! `**Guid**`, `**Object**`, `**List&lt;string&gt;**`, `**Dictionary&lt;string, Object&gt;**`;
//! a value type that may be `null` ends in `?` (`**bool?**`). Name cells are Pascal case.

use std::borrow::Cow;

use super::super::{CellType, Dialect, DocType, Family, Meaning, Presence, Wrapper};
use crate::ir::Type;
use crate::markdown::DocTables;

/// The openapi-generator C# dialect.
pub struct CSharp;

impl Dialect for CSharp {
    fn name(&self) -> &'static str {
        "openapi-csharp"
    }

    fn family(&self) -> Family {
        Family::OpenApiGenerator
    }

    fn help(&self) -> &'static str {
        "`**string**`, `**int**`, `**bool?**`, `**List&lt;string&gt;**`, `**Dictionary&lt;string, Object&gt;**` or `[**Tag**](Tag.md)`"
    }

    /// `T?` is `Nullable<T>`.
    fn cell_text<'c>(&self, cell: &'c str) -> Cow<'c, str> {
        let plain = super::plain_cell(cell);
        if !plain.contains('?') {
            return plain;
        }
        let mut out = String::with_capacity(plain.len() + 16);
        let mut word = String::new();
        for c in plain.chars() {
            match c {
                c if c.is_alphanumeric() || c == '_' || c == '.' => word.push(c),
                '?' => out.push_str(&format!("Nullable<{}>", std::mem::take(&mut word))),
                c => {
                    out.push_str(&std::mem::take(&mut word));
                    out.push(c);
                }
            }
        }
        out.push_str(&word);
        Cow::Owned(out)
    }

    fn meaning(&self, name: &str, _url: Option<&str>) -> Option<Meaning> {
        let ty = |ty: DocType| Some(Meaning::Type(ty));
        match name {
            "string" | "String" | "Guid" | "Uri" => ty(Type::String),
            "int" => ty(Type::Int32),
            "long" | "uint" => ty(Type::Int64),
            "ulong" => ty(Type::Number),
            "TimeSpan" => ty(Type::String),
            "float" => ty(Type::Float32),
            "double" => ty(Type::Float64),
            "decimal" => ty(Type::Number),
            "bool" => ty(Type::Bool),
            "Object" | "object" => ty(Type::Any),
            "DateTime" | "DateTimeOffset" => ty(Type::DateTime),
            "DateOnly" => ty(Type::Date),
            "byte[]" => ty(Type::Bytes),
            "System.IO.Stream" | "FileParameter" => ty(Type::Stream),
            "List" | "HashSet" => Some(Meaning::List),
            "Dictionary" => Some(Meaning::Map),
            "Nullable" => Some(Meaning::Wrapper(Wrapper::Nullable)),
            // An inline enum, named inside its model (`MapTest.InnerEnum`): string values.
            _ if name.contains('.') && name.ends_with("Enum") => ty(Type::String),
            _ => None,
        }
    }

    fn model_name<'n>(&self, name: &'n str) -> Option<&'n str> {
        super::go::is_model_name(name).then_some(name)
    }

    fn title<'t>(&self, heading: &'t str) -> &'t str {
        super::last_segment(heading, ".")
    }

    fn claims(&self, doc: &DocTables) -> bool {
        doc.title.as_ref().is_some_and(|t| t.text.contains(".Model."))
    }

    /// `T?` says `null` is sent; reference types never show it.
    fn presence(&self, cell: &CellType, required: bool) -> Presence {
        match cell.wrapper {
            Wrapper::Nullable => Presence { required, nullable: true },
            _ => super::super::presence_unknown_nullability(required),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::Wrapper::{None as Bare, Nullable};
    use crate::ir::Link;

    #[test]
    fn every_form_in_the_openapi_csharp_grammar() {
        let model = |url: &str| Type::Ref { target: Link::Path { url: url.into() } };
        let list = |item: DocType| Type::List { item: Box::new(item) };
        let map = |value: DocType| Type::Map { value: Box::new(value) };
        super::super::reads_as(
            &CSharp,
            &[
                ("**string**", Type::String, Bare),
                ("**long**", Type::Int64, Bare),
                ("**bool?**", Type::Bool, Nullable),
                ("**DateTime?**", Type::DateTime, Nullable),
                ("**DateOnly**", Type::Date, Bare),
                ("**Guid**", Type::String, Bare),
                ("**List&lt;string&gt;**", list(Type::String), Bare),
                ("**Dictionary&lt;string, Object&gt;**", map(Type::Any), Bare),
                ("[**List&lt;Tag&gt;**](Tag.md)", list(model("Tag.md")), Bare),
                ("[**Category**](Category.md)", model("Category.md"), Bare),
            ],
        );
        assert_eq!(CSharp.title("Org.OpenAPITools.Model.Pet"), "Pet");
    }
}
