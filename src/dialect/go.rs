//! Speakeasy's Go SDK docs (`docs/models/{components,operations,apierrors}/name.md`).
//!
//! Types are in code spans and a pointer means "may be absent or null": `` `*string` ``,
//! `` `int64` ``, `[*components.M](m.md)`, `[][*components.M](m.md)` (nullable items),
//! `` map[string]`any` ``, `[*time.Time](https://pkg.go.dev/time#Time)`,
//! `[*types.Date](../../types/date.md)`. A pointer on a required field means required and
//! nullable.

use super::{CellType, Dialect, DocType, Meaning, MemberText, Presence, Wrapper};
use crate::ir::Type;
use crate::markdown::Section;

/// The Go dialect.
pub struct Go;

const NAMESPACES: &[&str] = &["components", "operations", "apierrors", "shared", "sdkerrors"];

impl Dialect for Go {
    fn name(&self) -> &'static str {
        "go"
    }

    fn default_exclude(&self) -> &'static [&'static str] {
        &["operations/**/*request.md", "operations/**/*response.md", "**/*globals.md", "operations/**/option.md"]
    }

    /// Go's errors live in `apierrors` (or `sdkerrors`).
    fn folder_family(&self, folder: &str) -> Option<&'static str> {
        (folder.eq_ignore_ascii_case("apierrors") || folder.eq_ignore_ascii_case("sdkerrors")).then_some("errors")
    }

    fn help(&self) -> &'static str {
        "`` `*string` ``, `` `int64` ``, `[*components.Name](name.md)`, `[][components.Name](name.md)` or `` map[string]`any` ``"
    }

    fn meaning(&self, name: &str, _url: Option<&str>) -> Option<Meaning> {
        let ty = |ty: DocType| Some(Meaning::Type(ty));
        match name {
            "string" => ty(Type::String),
            "bool" => ty(Type::Bool),
            "int" | "int64" | "uint32" => ty(Type::Int64),
            "int32" | "int16" | "int8" | "uint16" | "uint8" => ty(Type::Int32),
            "uint64" | "big.Int" | "decimal.Big" | "types.BigInt" => ty(Type::Number),
            "float32" => ty(Type::Float32),
            "float64" => ty(Type::Float64),
            "any" | "interface" => ty(Type::Any),
            "time.Time" => ty(Type::DateTime),
            "types.Date" => ty(Type::Date),
            "io.ReadCloser" | "io.Reader" => ty(Type::Stream),
            "http.Response" | "http.Request" => ty(Type::HttpResponse),
            _ => None,
        }
    }

    fn model_name<'n>(&self, name: &'n str) -> Option<&'n str> {
        super::strip_namespace(name, NAMESPACES)
    }

    /// Go's headings are empty; each member is its constructor call:
    /// `components.CreateConnectionValueStr(string{/* values here */})` names the member
    /// `Str` and gives its type, `string`. A member without one is its heading, as in the
    /// other dialects (`` ### `time.Time` ``, or a model's bare name).
    fn union_members(&self, section: &Section, title: &str) -> Option<Vec<MemberText>> {
        let members = section.subsections.iter().filter_map(|sub| {
            let block = sub.code_blocks.first();
            match block.and_then(|b| constructor(&b.text, title)) {
                Some((name, text)) => Some(MemberText {
                    name: Some(name.to_string()),
                    text: text.to_string(),
                    example: None,
                    span: block.map(|b| b.span).unwrap_or(sub.heading.span),
                    annotation: None,
                }),
                None => {
                    let heading = sub.heading.text.trim().trim_matches('`').trim();
                    (!heading.is_empty()).then(|| MemberText {
                        name: None,
                        text: heading.to_string(),
                        example: None,
                        span: sub.heading.span,
                        annotation: None,
                    })
                }
            }
        });
        Some(members.collect())
    }

    fn has_pointers(&self) -> bool {
        true
    }

    /// On a required field a pointer, or its absence on a scalar or model, says whether `null`
    /// is sent (slices and maps never have one); on an optional field it says nothing.
    fn states_presence(&self, cell: &CellType, required: bool) -> bool {
        required && (cell.wrapper == Wrapper::Pointer || !matches!(cell.ty, Type::List { .. } | Type::Map { .. }))
    }

    /// A pointer on an optional field: absent, `null` or a value. On a required field:
    /// present, maybe `null`. Slices and maps have no pointer, so an optional one may be
    /// either: tri-state.
    fn presence(&self, cell: &CellType, required: bool) -> Presence {
        match cell.wrapper {
            Wrapper::Pointer => Presence { required, nullable: true },
            _ => Presence { required, nullable: !required },
        }
    }
}

/// The member's name and type in a constructor call
/// (`components.CreateUStr(string{/* values here */})` → `Str`, `string`).
fn constructor<'c>(code: &'c str, title: &str) -> Option<(&'c str, &'c str)> {
    let (call, rest) = code.split_once('(')?;
    let constructor = call.rsplit('.').next()?.trim().strip_prefix("Create")?;
    let name = constructor.strip_prefix(title).filter(|n| !n.is_empty()).unwrap_or(constructor);
    Some((name, rest.rsplit_once('{').map_or(rest, |(ty, _)| ty).trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::parse_type;
    use crate::ir::Link;

    #[test]
    fn every_form_in_the_go_grammar() {
        use Wrapper::{None as Bare, Pointer};
        let model = |url: &str| Type::Ref { target: Link::Path { url: url.into() } };
        let list = |item: DocType| Type::List { item: Box::new(item) };
        let map = |value: DocType| Type::Map { value: Box::new(value) };
        let null = |inner: DocType| Type::Nullable { inner: Box::new(inner) };
        let cases: Vec<(&str, DocType, Wrapper)> = vec![
            ("`*string`", Type::String, Pointer),
            ("`string`", Type::String, Bare),
            ("`int64`", Type::Int64, Bare),
            ("`*float64`", Type::Float64, Pointer),
            ("`any`", Type::Any, Bare),
            ("`*any`", Type::Any, Pointer),
            ("**string*", Type::String, Pointer),
            ("[*components.M](m.md)", model("m.md"), Pointer),
            ("[components.M](m.md)", model("m.md"), Bare),
            ("[][components.M](m.md)", list(model("m.md")), Bare),
            ("[][*components.M](m.md)", list(null(model("m.md"))), Bare),
            ("[*shared.M](m.md)", model("m.md"), Pointer),
            ("[]`string`", list(Type::String), Bare),
            ("[]`*string`", list(null(Type::String)), Bare),
            ("map[string]`any`", map(Type::Any), Bare),
            ("map[string][]`string`", map(list(Type::String)), Bare),
            ("map[string][components.M](m.md)", map(model("m.md")), Bare),
            ("map[string]*interface{}*", map(Type::Any), Bare),
            ("*[]byte*", Type::Bytes, Bare),
            ("[*big.Int](https://pkg.go.dev/math/big#Int)", Type::Number, Pointer),
            ("[*decimal.Big](https://pkg.go.dev/github.com/ericlagergren/decimal#Big)", Type::Number, Pointer),
            ("[*time.Time](https://pkg.go.dev/time#Time)", Type::DateTime, Pointer),
            ("[*types.Date](../../types/date.md)", Type::Date, Pointer),
            ("`io.ReadCloser`", Type::Stream, Bare),
            ("[*http.Response](https://pkg.go.dev/net/http#Response)", Type::HttpResponse, Pointer),
            ("`*components.CustomField`", Type::Ref { target: Link::Title { title: "CustomField".into() } }, Pointer),
        ];
        for (cell, ty, wrapper) in cases {
            let parsed = parse_type(&Go, cell, &|_| false).unwrap_or_else(|e| panic!("{cell}: {e:?}"));
            assert_eq!(parsed, CellType { ty, wrapper }, "{cell}");
        }
    }

    #[test]
    fn union_members_come_from_the_constructors() {
        let doc = crate::markdown::parse(
            "# U\n\n## Supported Types\n\n### \n\n```go\nu := components.CreateUStr(string{/* values here */})\n```\n\n### \n\n```go\nu := components.CreateUArrayOfFive([]*components.Five{/* values here */})\n```\n\n### \n\n```go\nu := components.CreateUMapOfAny(map[string]any{/* values here */})\n```\n",
        );
        let members = Go.union_members(&doc.sections[0], "U").unwrap();
        let found: Vec<(&str, &str)> = members.iter().map(|m| (m.name.as_deref().unwrap(), m.text.as_str())).collect();
        assert_eq!(found, [("Str", "string"), ("ArrayOfFive", "[]*components.Five"), ("MapOfAny", "map[string]any")]);
        // Scalar constructors, and members written as a heading alone.
        let more = crate::markdown::parse(
            "# U\n\n## Supported Types\n\n### \n\n```go\nu := components.CreateUDateTime(time.Time{/* values here */})\n```\n\n### \n\n```go\nu := components.CreateUDate(types.Date{/* values here */})\n```\n\n### `int64`\n\n### TypedObject1\n\n```go\nu := shared.TypedObject1{}\n```\n",
        );
        let more = Go.union_members(&more.sections[0], "U").unwrap();
        let types: Vec<DocType> =
            more.iter().map(|m| parse_type(&Go, &m.text, &|_| false).map(|c| c.ty).unwrap_or(Type::Any)).collect();
        assert_eq!(types[..3], [Type::DateTime, Type::Date, Type::Int64]);
        assert_eq!(more[3].text, "TypedObject1", "a bare model name, resolved by title when lowered");
        let null = |inner: DocType| Type::Nullable { inner: Box::new(inner) };
        let five = Type::Ref { target: Link::Title { title: "Five".into() } };
        assert_eq!(
            parse_type(&Go, &members[1].text, &|_| false).unwrap().ty,
            Type::List { item: Box::new(null(five)) }
        );
    }

    #[test]
    fn a_pointer_is_nullable_and_required_keeps_its_meaning() {
        let cell = |wrapper| CellType { ty: Type::String, wrapper };
        assert_eq!(Go.presence(&cell(Wrapper::Pointer), true), Presence { required: true, nullable: true });
        assert_eq!(Go.presence(&cell(Wrapper::Pointer), false), Presence { required: false, nullable: true });
        assert_eq!(Go.presence(&cell(Wrapper::None), true), Presence { required: true, nullable: false });
        assert_eq!(Go.presence(&cell(Wrapper::None), false), Presence { required: false, nullable: true });
    }
}
