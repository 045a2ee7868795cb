//! Speakeasy's Python SDK docs (one flat `docs/models/name.md` folder).
//!
//! Types: `*str*`, `*int*`, `*float*`, `*bool*`, `*Any*`, `*Optional[str]*`,
//! `*OptionalNullable[int]*`, `*Nullable[str]*`, `[Optional[models.M]](../models/m.md)`,
//! `List[[Nullable[models.M]](…)]` (nullable items), `Dict[str, *Any*]`, `*Literal["x"]*`,
//! `*str|int*`. Python spells out presence: `Optional` may be absent, `OptionalNullable`
//! may be absent or null, `Nullable` may be null. Wrappers are dropped on lists, maps and
//! dates, as in Java. Date labels are swapped in some generator versions
//! (`[date](…#date-objects)` on date-time fields): the Example column decides when it can.
//! Field names escape Python keywords and pydantic's names with a trailing `_` (`from_`).

use super::{CellType, Dialect, DocType, Meaning, Presence, Wrapper};
use crate::ir::Type;

/// The Python dialect.
pub struct Python;

const NAMESPACES: &[&str] = &["models", "shared", "components", "operations", "errors"];

/// Names the generator escapes with a trailing `_`: Python keywords and names that clash
/// with pydantic or the SDK's imports.
const ESCAPED: &[&str] = &[
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "nonlocal",
    "not",
    "or",
    "pass",
    "raise",
    "return",
    "try",
    "while",
    "with",
    "yield",
    "schema",
    "format",
    "date",
    "datetime",
    "copy",
    "dict",
    "json",
    "fields",
    "validate",
    "construct",
];

impl Dialect for Python {
    fn name(&self) -> &'static str {
        "python"
    }

    /// Python's one flat folder cannot be told apart by path: its wrappers generate, their
    /// plumbing fields left out; its SDK helpers live in `utils/` and `internal/`.
    fn default_exclude(&self) -> &'static [&'static str] {
        &["**/*globals.md", "utils/**", "internal/**"]
    }

    fn help(&self) -> &'static str {
        "`*str*`, `*Optional[int]*`, `*OptionalNullable[str]*`, `List[[models.Name](../models/name.md)]` or `Dict[str, *Any*]`"
    }

    fn meaning(&self, name: &str, url: Option<&str>) -> Option<Meaning> {
        let ty = |ty: DocType| Some(Meaning::Type(ty));
        let anchor = url.and_then(|u| u.split_once('#')).map(|(_, a)| a);
        match name {
            "str" => ty(Type::String),
            "int" => ty(Type::Int64),
            "float" => ty(Type::Float64),
            "bool" => ty(Type::Bool),
            "Any" => ty(Type::Any),
            "Decimal" => ty(Type::Number),
            "bytes" => ty(Type::Bytes),
            // Read as this generator writes them, swapped; `refine` corrects by example.
            // Unlinked in a union member's heading.
            "date" | "datetime" => match anchor {
                Some("date-objects") => ty(Type::DateTime),
                Some("datetime-objects") => ty(Type::Date),
                _ if name == "date" => ty(Type::Date),
                _ => ty(Type::DateTime),
            },
            // httpx's objects; older generator versions used requests.
            "httpx.Response"
            | "httpx.Request"
            | "requests.Response"
            | "requests.Request"
            | "requests_http.Response" => ty(Type::HttpResponse),
            "IO" | "io.BufferedReader" => ty(Type::Stream),
            "Optional" => Some(Meaning::Wrapper(Wrapper::Optional)),
            "OptionalNullable" => Some(Meaning::Wrapper(Wrapper::OptionalNullable)),
            "Nullable" => Some(Meaning::Wrapper(Wrapper::Nullable)),
            "List" => Some(Meaning::List),
            "Dict" => Some(Meaning::Map),
            _ => None,
        }
    }

    fn model_name<'n>(&self, name: &'n str) -> Option<&'n str> {
        super::strip_namespace(name, NAMESPACES)
    }

    fn field_name(&self, doc_name: &str, _title: &str) -> String {
        match doc_name.strip_suffix('_') {
            Some(base) if ESCAPED.contains(&base) => base.to_string(),
            _ => doc_name.to_string(),
        }
    }

    /// A wrapper states presence; its absence does not (it is dropped on lists, maps, dates).
    fn states_presence(&self, cell: &CellType, _required: bool) -> bool {
        cell.wrapper != Wrapper::None
    }

    fn presence(&self, cell: &CellType, required: bool) -> Presence {
        super::presence_with_dropped_wrappers(cell, required)
    }

    /// Pydantic keeps unknown keys in `__pydantic_extra__`.
    fn is_catch_all(&self, name: &str) -> bool {
        name == "__pydantic_extra__" || name.replace('_', "").eq_ignore_ascii_case("additionalProperties")
    }

    fn refine(&self, ty: DocType, example: Option<&str>) -> DocType {
        match (ty, example.map(str::trim)) {
            (Type::Date | Type::DateTime, Some(example)) if is_date_time(example) => Type::DateTime,
            (Type::Date | Type::DateTime, Some(example)) if is_date(example) => Type::Date,
            (ty, _) => ty,
        }
    }
}

/// `2020-09-30T07:43:32.000Z`.
fn is_date_time(text: &str) -> bool {
    is_date(text.get(..10).unwrap_or("")) && text[10..].starts_with(['T', 't', ' ']) && text.len() > 11
}

/// `2020-09-30`.
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::parse_type;
    use crate::ir::Link;

    #[test]
    fn every_form_in_the_python_grammar() {
        use Wrapper::{None as Bare, Nullable, Optional, OptionalNullable};
        let model = |url: &str| Type::Ref { target: Link::Path { url: url.into() } };
        let list = |item: DocType| Type::List { item: Box::new(item) };
        let map = |value: DocType| Type::Map { value: Box::new(value) };
        let null = |inner: DocType| Type::Nullable { inner: Box::new(inner) };
        let cases: Vec<(&str, DocType, Wrapper)> = vec![
            ("*str*", Type::String, Bare),
            ("*int*", Type::Int64, Bare),
            ("*Optional[str]*", Type::String, Optional),
            ("*OptionalNullable[float]*", Type::Float64, OptionalNullable),
            ("*Nullable[str]*", Type::String, Nullable),
            ("*Nullable[Any]*", Type::Any, Nullable),
            ("*Nullable[str|float|bool|int]*", Type::Any, Nullable),
            ("[Optional[models.M]](../models/m.md)", model("../models/m.md"), Optional),
            ("[models.M](../models/m.md)", model("../models/m.md"), Bare),
            ("List[[models.M](../models/m.md)]", list(model("../models/m.md")), Bare),
            ("List[[Nullable[models.M]](../models/m.md)]", list(null(model("../models/m.md"))), Bare),
            ("List[*Nullable[str]*]", list(null(Type::String)), Bare),
            ("Dict[str, *Any*]", map(Type::Any), Bare),
            ("Dict[str, List[*str*]]", map(list(Type::String)), Bare),
            ("Dict[str, [Nullable[models.M]](m.md)]", map(null(model("m.md"))), Bare),
            ("List[Dict[str, *Any*]]", list(map(Type::Any)), Bare),
            ("Dict[str, *str*|*int*|*float*|*bool*]", map(Type::Any), Bare),
            ("*Literal[\"x\"]*", Type::Const { value: "x".into() }, Bare),
            ("*Optional[Literal[\"x\"]]*", Type::Const { value: "x".into() }, Optional),
            ("*OptionalNullable[Literal[\"x\"]]*", Type::Const { value: "x".into() }, OptionalNullable),
            ("[Optional[Union[shared.A, shared.B]]](u.md)", model("u.md"), Optional),
            ("*Decimal*", Type::Number, Bare),
            ("*bytes*", Type::Bytes, Bare),
            ("[date](https://docs.python.org/3/library/datetime.html#date-objects)", Type::DateTime, Bare),
            ("[datetime](https://docs.python.org/3/library/datetime.html#datetime-objects)", Type::Date, Bare),
            ("*models.CustomField*", Type::Ref { target: Link::Title { title: "CustomField".into() } }, Bare),
            // Literals of every kind, alone and wrapped.
            ("*Literal[True]*", Type::Const { value: true.into() }, Bare),
            ("*Literal[False]*", Type::Const { value: false.into() }, Bare),
            ("*Optional[Literal[False]]*", Type::Const { value: false.into() }, Optional),
            ("*Optional[Literal[True]]*", Type::Const { value: true.into() }, Optional),
            ("*Nullable[Literal[1]]*", Type::Const { value: 1.into() }, Nullable),
            ("*OptionalNullable[Literal[-1]]*", Type::Const { value: (-1).into() }, OptionalNullable),
            ("*Literal[\"1\"]*", Type::Const { value: "1".into() }, Bare),
            ("*Literal[\"a\", \"b\"]*", Type::String, Bare),
            ("*Optional[Literal[1, 2]]*", Type::Int64, Optional),
            ("*Literal[1, \"a\"]*", Type::Any, Bare),
            ("List[*Literal[True]*]", list(Type::Const { value: true.into() }), Bare),
            // Union members' headings: unlinked scalars.
            ("`datetime`", Type::DateTime, Bare),
            ("`date`", Type::Date, Bare),
            ("`Any`", Type::Any, Bare),
            ("`Literal[False]`", Type::Const { value: false.into() }, Bare),
            ("`shared.TypedObject1`", Type::Ref { target: Link::Title { title: "TypedObject1".into() } }, Bare),
            // HTTP plumbing: httpx today, requests in older generator versions.
            ("*Optional[httpx.Response]*", Type::HttpResponse, Optional),
            (
                "[requests.Response](https://requests.readthedocs.io/en/latest/api/#requests.Response)",
                Type::HttpResponse,
                Bare,
            ),
            (
                "[Optional[requests.Response]](https://requests.readthedocs.io/en/latest/api/#requests.Response)",
                Type::HttpResponse,
                Optional,
            ),
        ];
        for (cell, ty, wrapper) in cases {
            let parsed = parse_type(&Python, cell, &|_| false).unwrap_or_else(|e| panic!("{cell}: {e:?}"));
            assert_eq!(parsed, CellType { ty, wrapper }, "{cell}");
        }
    }

    #[test]
    fn literals_that_are_not_values_are_errors_at_the_cell() {
        for cell in ["*Literal[str]*", "*Literal[List[int]]*", "*Literal[models.M]*"] {
            let error = parse_type(&Python, cell, &|_| false).expect_err(cell);
            assert!(error.message.contains("`Literal` takes"), "{cell}: {}", error.message);
        }
    }

    #[test]
    fn dates_follow_the_example_whatever_the_label() {
        for (ty, example, expected) in [
            (Type::DateTime, Some("2020-09-30"), Type::Date),
            (Type::Date, Some("2020-09-30T07:43:32.000Z"), Type::DateTime),
            (Type::DateTime, Some("2020-09-30T07:43:32Z"), Type::DateTime),
            (Type::Date, None, Type::Date),
            (Type::Date, Some("soon"), Type::Date),
            (Type::String, Some("2020-09-30"), Type::String),
        ] {
            assert_eq!(Python.refine(ty.clone(), example), expected, "{ty:?} {example:?}");
        }
    }

    #[test]
    fn the_catch_all_is_pydantic_extra() {
        for (name, catch_all) in
            [("__pydantic_extra__", true), ("additional_properties", true), ("pydantic_extra", false), ("extra", false)]
        {
            assert_eq!(Python.is_catch_all(name), catch_all, "{name}");
        }
    }

    #[test]
    fn keyword_escapes_are_undone() {
        for (doc, meant) in
            [("from_", "from"), ("schema_", "schema"), ("date_", "date"), ("name_", "name_"), ("x", "x")]
        {
            assert_eq!(Python.field_name(doc, "T"), meant);
        }
    }
}
