//! Speakeasy's TypeScript SDK docs (`docs/models/{components,operations,errors}/name.md`).
//!
//! Types: `*string*`, `*number*` (integers and floats alike), `*boolean*`, `*any*`,
//! `[components.M](m.md)`, `[components.M](m.md)[]`, `*components.M*` (unions are named,
//! never linked), `Record<string, *any*>`, `*"simple"*` (const literals),
//! `[Date](https://developer.mozilla.org/…)` (date-time), `[Date](../../types/rfcdate.md)`
//! (date). No wrapper and no nullability is ever shown. Enum values are a code block:
//! `"a" | "b" | Unrecognized<string>`.

use super::{CellType, Dialect, DocType, Listed, ListedValue, Meaning, Presence};
use crate::ir::Type;
use crate::markdown::Section;

/// The TypeScript dialect.
pub struct TypeScript;

/// The namespaces TypeScript model names are qualified with.
const NAMESPACES: &[&str] = &["components", "operations", "errors", "shared"];

impl Dialect for TypeScript {
    fn name(&self) -> &'static str {
        "typescript"
    }

    fn default_exclude(&self) -> &'static [&'static str] {
        &["operations/**/*request.md", "operations/**/*response.md", "**/*globals.md"]
    }

    fn help(&self) -> &'static str {
        "`*string*`, `*number*`, `*boolean*`, `*any*`, `[components.Name](name.md)[]`, `*components.Name*` or `Record<string, *any*>`"
    }

    fn meaning(&self, name: &str, _url: Option<&str>) -> Option<Meaning> {
        let ty = |ty: DocType| Some(Meaning::Type(ty));
        match name {
            "string" => ty(Type::String),
            "boolean" => ty(Type::Bool),
            // `number` is integers and floats alike. `serde_json::Number` keeps either exactly
            // (an `f64` would send `7` back as `7.0` and round integers beyond 2^53).
            "number" => ty(Type::Number),
            "bigint" => ty(Type::Number),
            "any" | "unknown" => ty(Type::Any),
            // Linked to MDN in a Type cell, bare in a union member's heading.
            "Date" => ty(Type::DateTime),
            "Uint8Array" | "ArrayBuffer" | "Blob" => ty(Type::Bytes),
            "ReadableStream" => ty(Type::Stream),
            // Fetch's objects; older generator versions used axios.
            "Response" | "Request" | "AxiosResponse" | "AxiosRequestConfig" => ty(Type::HttpResponse),
            "Array" => Some(Meaning::List),
            "Record" => Some(Meaning::Map),
            // Literal types: `*true*`, `*false*`, `*1*`.
            _ => super::literal_name(name).map(|value| Meaning::Type(Type::Const { value })),
        }
    }

    fn model_name<'n>(&self, name: &'n str) -> Option<&'n str> {
        super::strip_namespace(name, NAMESPACES)
    }

    fn presence(&self, _cell: &CellType, required: bool) -> Presence {
        super::presence_unknown_nullability(required)
    }

    /// The `## Values` code block (`"a" | "b" | Unrecognized<string>`): quoted values are
    /// strings, bare ones numbers, and `Unrecognized<…>` says the enum is open. A doc without
    /// one is read as a list or a table.
    fn enum_values(&self, section: &Section) -> Option<Listed> {
        let Some(block) = section.code_blocks.first() else { return super::listed_items(section) };
        let pieces = super::split_literals(&block.text);
        let open = pieces.iter().any(|(piece, _)| piece.starts_with("Unrecognized<"));
        let values = pieces.into_iter().filter(|(piece, _)| !piece.starts_with("Unrecognized<")).map(|(piece, _)| {
            let (value, quoted) = super::literal(piece);
            ListedValue { value, quoted, span: block.span }
        });
        Some(Listed { values: values.collect(), open: Some(open) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::{Wrapper, parse_type};
    use crate::ir::Link;

    #[test]
    fn every_form_in_the_typescript_grammar() {
        let model = |url: &str| Type::Ref { target: Link::Path { url: url.into() } };
        let titled = |title: &str| Type::Ref { target: Link::Title { title: title.into() } };
        let list = |item: DocType| Type::List { item: Box::new(item) };
        let map = |value: DocType| Type::Map { value: Box::new(value) };
        let cases: Vec<(&str, DocType)> = vec![
            ("*string*", Type::String),
            ("*number*", Type::Number),
            ("*boolean*", Type::Bool),
            ("*any*", Type::Any),
            ("*string*[]", list(Type::String)),
            ("[components.M](../../models/components/m.md)", model("../../models/components/m.md")),
            ("[components.M](../../models/components/m.md)[]", list(model("../../models/components/m.md"))),
            ("[operations.M](../../models/operations/m.md)[]", list(model("../../models/operations/m.md"))),
            ("*components.CustomField*[]", list(titled("CustomField"))),
            ("*operations.TagIds*", titled("TagIds")),
            ("Record<string, *any*>", map(Type::Any)),
            ("Record<string, *string*>", map(Type::String)),
            ("Record<string, *number*>[]", list(map(Type::Number))),
            ("*string*[][]", list(list(Type::String))),
            ("Record<string, [components.M](m.md)>", map(model("m.md"))),
            ("*\"simple\"*", Type::Const { value: "simple".into() }),
            (
                "[Date](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Date)",
                Type::DateTime,
            ),
            ("[Date](../../types/rfcdate.md)", Type::Date),
            ("*Uint8Array*", Type::Bytes),
            ("*ReadableStream<Uint8Array>*", Type::Stream),
            // Literal types, and union members' headings (no link, no emphasis).
            ("*true*", Type::Const { value: true.into() }),
            ("*false*", Type::Const { value: false.into() }),
            ("*2*", Type::Const { value: 2.into() }),
            ("*-1*", Type::Const { value: (-1).into() }),
            ("`Date`", Type::DateTime),
            ("`true`", Type::Const { value: true.into() }),
            ("`components.Pet`", titled("Pet")),
            ("`shared.TypedObject1`", titled("TypedObject1")),
            // HTTP plumbing of fetch and, in older generator versions, axios.
            ("[Response](https://developer.mozilla.org/en-US/docs/Web/API/Response)", Type::HttpResponse),
            ("[AxiosResponse](https://axios-http.com/docs/res_schema)", Type::HttpResponse),
        ];
        for (cell, ty) in cases {
            let parsed = parse_type(&TypeScript, cell, &|_| false).unwrap_or_else(|e| panic!("{cell}: {e:?}"));
            assert_eq!(parsed, CellType { ty, wrapper: Wrapper::None }, "{cell}");
        }
        assert!(parse_type(&TypeScript, "*String*", &|_| false).is_err());
        assert!(parse_type(&TypeScript, "Record<number, *any*>", &|_| false).is_err());
    }

    #[test]
    fn enum_values_come_from_the_code_block() {
        let doc = crate::markdown::parse(
            "# E\n\n## Values\n\n```typescript\n\"a b\" | \"\" | \"x\\\"y\" | Unrecognized<string>\n```\n",
        );
        let listed = TypeScript.enum_values(&doc.sections[0]).unwrap();
        let values: Vec<&str> = listed.values.iter().map(|v| v.value.as_str()).collect();
        assert_eq!(values, ["a b", "", "x\"y"]);
        assert_eq!(listed.open, Some(true));
        let closed = crate::markdown::parse("# E\n\n## Values\n\n```typescript\n1 | 2 | \"3\"\n```\n");
        let listed = TypeScript.enum_values(&closed.sections[0]).unwrap();
        assert_eq!(listed.open, Some(false));
        let quoted: Vec<bool> = listed.values.iter().map(|v| v.quoted).collect();
        assert_eq!(quoted, [false, false, true]);
    }

    #[test]
    fn enum_values_in_every_typescript_spelling() {
        let values = |doc: &str| {
            let doc = crate::markdown::parse(doc);
            TypeScript.enum_values(&doc.sections[0]).map(|l| l.values.into_iter().map(|v| v.value).collect::<Vec<_>>())
        };
        // A `|` inside a string literal, negative and plain integers, `true` as a string.
        assert_eq!(
            values("# E\n\n## Values\n\n```typescript\n\"a|b\" | -1 | 2 | \"true\" | \"x/y z\"\n```\n").unwrap(),
            ["a|b", "-1", "2", "true", "x/y z"]
        );
        // Other generator versions: a bullet list of literals, or the `| Name | Value |` table.
        assert_eq!(values("# E\n\n## Values\n\n- `\"a\"`\n- `\"b\"`\n").unwrap(), ["a", "b"]);
        assert_eq!(values("# E\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `A` | a |\n"), None);
    }
}
