//! Speakeasy's C# SDK docs (`docs/Models/{Components,Requests,Errors}/Name.md`).
//!
//! Types: `*string*`, `*bool*`, `*long*`, `*int*`, `*double*`, `*decimal*`, `*object*`,
//! `*byte[]*`, `[M](M.md)`, `[Models.Components.M](M.md)`, `List<[M](M.md)>`,
//! `Dictionary<String, *object*>`, `[DateTime](https://learn.microsoft.com/…)`,
//! `[LocalDate](https://nodatime.org/…)`. No wrapper and no nullability is ever shown. A
//! property named like its class gets `Value` appended (`Email.EmailValue` is `email`).

use super::{CellType, Dialect, DocType, Meaning, MemberText, Presence};
use crate::ir::Type;
use crate::markdown::Section;

/// The C# dialect.
pub struct CSharp;

impl Dialect for CSharp {
    fn name(&self) -> &'static str {
        "csharp"
    }

    fn default_exclude(&self) -> &'static [&'static str] {
        &["Requests/**/*Request.md", "Requests/**/*Response.md", "**/*Globals.md"]
    }

    /// C#'s operation docs live in `Requests`.
    fn folder_family(&self, folder: &str) -> Option<&'static str> {
        folder.eq_ignore_ascii_case("requests").then_some("operations")
    }

    fn help(&self) -> &'static str {
        "`*string*`, `*long*`, `*bool*`, `*double*`, `*object*`, `List<[Name](Name.md)>` or `Dictionary<String, *object*>`"
    }

    fn meaning(&self, name: &str, _url: Option<&str>) -> Option<Meaning> {
        let ty = |ty: DocType| Some(Meaning::Type(ty));
        match name {
            "string" | "String" => ty(Type::String),
            "bool" => ty(Type::Bool),
            "int" => ty(Type::Int32),
            "long" => ty(Type::Int64),
            "float" => ty(Type::Float32),
            "double" => ty(Type::Float64),
            "decimal" | "BigInteger" => ty(Type::Number),
            "object" => ty(Type::Any),
            "DateTime" | "DateTimeOffset" => ty(Type::DateTime),
            "LocalDate" | "DateOnly" => ty(Type::Date),
            "Stream" => ty(Type::Stream),
            "HttpResponseMessage" | "HttpRequestMessage" => ty(Type::HttpResponse),
            "List" => Some(Meaning::List),
            "Dictionary" => Some(Meaning::Map),
            _ => None,
        }
    }

    fn field_name(&self, doc_name: &str, title: &str) -> String {
        match doc_name.strip_suffix("Value") {
            Some(base) if base == title => base.to_string(),
            _ => doc_name.to_string(),
        }
    }

    /// C#'s `## Supported Types` names each member (`Str`, `Group`) but never gives its type
    /// (`Group` is `FormFieldOptionGroup`): the union stays any JSON.
    fn union_members(&self, _section: &Section, _title: &str) -> Option<Vec<MemberText>> {
        None
    }

    fn presence(&self, _cell: &CellType, required: bool) -> Presence {
        super::presence_unknown_nullability(required)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::{Wrapper, parse_type};
    use crate::ir::Link;

    #[test]
    fn every_form_in_the_csharp_grammar() {
        let model = |url: &str| Type::Ref { target: Link::Path { url: url.into() } };
        let list = |item: DocType| Type::List { item: Box::new(item) };
        let map = |value: DocType| Type::Map { value: Box::new(value) };
        let cases: Vec<(&str, DocType)> = vec![
            ("*string*", Type::String),
            ("*bool*", Type::Bool),
            ("*long*", Type::Int64),
            ("*double*", Type::Float64),
            ("*object*", Type::Any),
            ("*byte[]*", Type::Bytes),
            ("*decimal*", Type::Number),
            ("*BigInteger*", Type::Number),
            ("[M](../../Models/Components/M.md)", model("../../Models/Components/M.md")),
            ("[Models.Components.M](M.md)", model("M.md")),
            ("List<[M](M.md)>", list(model("M.md"))),
            ("List<*string*>", list(Type::String)),
            ("List<*long*>", list(Type::Int64)),
            ("Dictionary<String, *object*>", map(Type::Any)),
            ("Dictionary<String, List<*string*>>", map(list(Type::String))),
            ("Dictionary<String, Dictionary<String, *object*>>", map(map(Type::Any))),
            ("[DateTime](https://learn.microsoft.com/en-us/dotnet/api/system.datetime?view=net-5.0)", Type::DateTime),
            ("[LocalDate](https://nodatime.org/3.1.x/api/NodaTime.LocalDate.html)", Type::Date),
        ];
        for (cell, ty) in cases {
            let parsed = parse_type(&CSharp, cell, &|_| false).unwrap_or_else(|e| panic!("{cell}: {e:?}"));
            assert_eq!(parsed, CellType { ty, wrapper: Wrapper::None }, "{cell}");
        }
    }

    #[test]
    fn a_property_named_like_its_class_loses_its_value_suffix() {
        assert_eq!(CSharp.field_name("EmailValue", "Email"), "Email");
        assert_eq!(CSharp.field_name("EmailValue", "Contact"), "EmailValue");
        assert_eq!(CSharp.field_name("Value", "Thing"), "Value");
    }
}
