//! openapi-generator's Go docs (`docs/Pet.md`): `**string**`, `**int32**`, `**[]string**`,
//! `**map[string]interface{}**`, `[**[]Tag**](Tag.md)`, `**time.Time**`; `Pointer to` on an
//! optional field; `NullableString` (and `SetXNil`) where the value may be `null`. Name
//! cells are Pascal case (`Links` for `_links`).

use std::borrow::Cow;

use super::super::{CellType, Dialect, DocType, Family, Meaning, Presence, Wrapper};
use crate::ir::Type;
use crate::markdown::DocTables;

/// The openapi-generator Go dialect.
pub struct Go;

impl Dialect for Go {
    fn name(&self) -> &'static str {
        "openapi-go"
    }

    fn family(&self) -> Family {
        Family::OpenApiGenerator
    }

    fn help(&self) -> &'static str {
        "`**string**`, `Pointer to **int32**`, `**[]string**`, `**map[string]interface{}**`, `**NullableString**` or `[**Tag**](Tag.md)`"
    }

    /// `Pointer to T` says no more than the Notes' `[optional]`: `T`. `NullableX` is read
    /// as `Nullable<X>`.
    fn cell_text<'c>(&self, cell: &'c str) -> Cow<'c, str> {
        let cell = cell.trim();
        let plain = super::plain_cell(cell.strip_prefix("Pointer to ").unwrap_or(cell));
        match plain.strip_prefix("Nullable").filter(|r| r.starts_with(char::is_uppercase)) {
            Some(inner) => Cow::Owned(format!("Nullable<{}>", nullable_inner(inner))),
            None => plain,
        }
    }

    fn meaning(&self, name: &str, _url: Option<&str>) -> Option<Meaning> {
        let ty = |ty: DocType| Some(Meaning::Type(ty));
        match name {
            "string" => ty(Type::String),
            "bool" => ty(Type::Bool),
            "int32" | "int" | "int16" | "int8" | "uint8" | "uint16" => ty(Type::Int32),
            "int64" | "uint32" => ty(Type::Int64),
            "uint64" => ty(Type::Number),
            "float32" => ty(Type::Float32),
            "float64" => ty(Type::Float64),
            "interface" | "any" | "map[string]interface" => ty(Type::Any),
            "time.Time" => ty(Type::DateTime),
            "os.File" | "*os.File" => ty(Type::Stream),
            "Nullable" => Some(Meaning::Wrapper(Wrapper::Nullable)),
            _ => None,
        }
    }

    /// Enums and some models are named, not linked (`**ReleaseMethod**`).
    fn model_name<'n>(&self, name: &'n str) -> Option<&'n str> {
        is_model_name(name).then_some(name)
    }

    fn title<'t>(&self, heading: &'t str) -> &'t str {
        heading.trim()
    }

    /// Go's docs list each model's accessors under `## Methods`.
    fn claims(&self, doc: &DocTables) -> bool {
        super::has_section(doc, "Methods")
    }

    /// Go writes a `Nullable…` type for every field that may be `null`: its absence says so too.
    fn states_presence(&self, _cell: &CellType, _required: bool) -> bool {
        true
    }

    fn presence(&self, cell: &CellType, required: bool) -> Presence {
        Presence { required, nullable: matches!(cell.wrapper, Wrapper::Nullable | Wrapper::OptionalNullable) }
    }
}

/// The Go type inside `NullableX`: `NullableString` → `string`, `NullableTime` →
/// `time.Time`, `NullableAccess` → the model `Access`.
fn nullable_inner(name: &str) -> &str {
    match name {
        "String" => "string",
        "Bool" => "bool",
        "Int" | "Int32" => "int32",
        "Int64" => "int64",
        "Float32" => "float32",
        "Float64" => "float64",
        "Time" => "time.Time",
        other => other,
    }
}

/// A bare name that can only be a model's title (a Go exported identifier).
pub fn is_model_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Link;
    use Wrapper::{None as Bare, Nullable};

    #[test]
    fn every_form_in_the_openapi_go_grammar() {
        let model = |url: &str| Type::Ref { target: Link::Path { url: url.into() } };
        let titled = |t: &str| Type::Ref { target: Link::Title { title: t.into() } };
        let list = |item: DocType| Type::List { item: Box::new(item) };
        let map = |value: DocType| Type::Map { value: Box::new(value) };
        super::super::reads_as(
            &Go,
            &[
                ("**string**", Type::String, Bare),
                ("Pointer to **string**", Type::String, Bare),
                ("**int32**", Type::Int32, Bare),
                ("Pointer to **int64**", Type::Int64, Bare),
                ("Pointer to **float32**", Type::Float32, Bare),
                ("**[]string**", list(Type::String), Bare),
                ("**map[string]interface{}**", map(Type::Any), Bare),
                ("**[]map[string]interface{}**", list(map(Type::Any)), Bare),
                ("Pointer to **interface{}**", Type::Any, Bare),
                ("Pointer to **time.Time**", Type::DateTime, Bare),
                ("[**[]AccessDenied**](AccessDenied.md)", list(model("AccessDenied.md")), Bare),
                ("Pointer to [**map[string]Link**](Link.md)", map(model("Link.md")), Bare),
                ("Pointer to **NullableString**", Type::String, Nullable),
                ("Pointer to **NullableBool**", Type::Bool, Nullable),
                ("**NullableTime**", Type::DateTime, Nullable),
                ("**ReleaseMethod**", titled("ReleaseMethod"), Bare),
                ("**map[string][]string**", map(list(Type::String)), Bare),
                ("Pointer to [**[][]int32**](array.md)", list(list(Type::Int32)), Bare),
            ],
        );
    }

    #[test]
    fn presence_comes_from_notes_and_nullable_types() {
        let cell = |wrapper| CellType { ty: Type::String, wrapper };
        assert_eq!(Go.presence(&cell(Bare), false), Presence { required: false, nullable: false });
        assert_eq!(Go.presence(&cell(Nullable), true), Presence { required: true, nullable: true });
        assert_eq!(Go.presence(&cell(Bare), true), Presence { required: true, nullable: false });
    }
}
