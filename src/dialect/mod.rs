//! Doc dialects: what differs between the docs of Speakeasy's SDKs. Java, TypeScript,
//! Python, Go and C# docs share one layout but spell types, wrappers, field names and enum
//! values their own way. Each dialect is one file here behind [`Dialect`]; nothing after
//! lowering knows which dialect a doc came from.
//!
//! Adding a dialect: write `<name>.rs` implementing [`Dialect`] (its type names, wrappers and
//! presence rule, and its tests), and add it to [`DIALECTS`].

mod csharp;
mod detect;
mod go;
mod java;
mod lowering;
pub mod openapi;
mod python;
mod syntax;
mod typescript;

use std::borrow::Cow;

use crate::ir::{Link, Type};
use crate::markdown::{DocTables, Section};
pub use detect::detect;
use lowering::reads;
pub use lowering::{literal_name, parse_type};

/// A type as a doc states it, links unresolved.
pub type DocType = Type<Link>;

/// Every dialect, in the order detection breaks ties: Speakeasy's, then openapi-generator's.
pub static DIALECTS: &[&dyn Dialect] = &[
    &java::Java,
    &typescript::TypeScript,
    &python::Python,
    &go::Go,
    &csharp::CSharp,
    &openapi::Go,
    &openapi::TypeScript,
    &openapi::Python,
    &openapi::PythonPrior,
    &openapi::Java,
    &openapi::Ruby,
    &openapi::Php,
    &openapi::JavaScript,
    &openapi::CSharp,
    &openapi::Rust,
];

/// The generators whose docs mdschema reads: each writes its own skeleton.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Speakeasy: `## Fields` (`Field | Type | Required | Description | Example`), `## Values`,
    /// `## Supported Types`.
    Speakeasy,
    /// openapi-generator: `## Properties` (`Name | Type | Description | Notes`), `## Enum`.
    OpenApiGenerator,
}

impl Family {
    /// The family whose skeleton the doc has, if it has one of them.
    pub fn of(doc: &DocTables) -> Option<Family> {
        let has =
            |names: &[&str]| doc.sections.iter().any(|s| names.iter().any(|n| s.heading.text.eq_ignore_ascii_case(n)));
        if has(&["Fields", "Values", "Supported Types"]) {
            Some(Family::Speakeasy)
        } else if has(&["Properties", "Enum", "Enum Variants", "Class instance methods"])
            || doc.sections.iter().any(|s| s.heading.text.starts_with("Enum:"))
        {
            Some(Family::OpenApiGenerator)
        } else {
            None
        }
    }
}

/// The dialect called `name` (`java`, `typescript`, `python`, `go`, `csharp`).
pub fn by_name(name: &str) -> Option<&'static dyn Dialect> {
    DIALECTS.iter().copied().find(|d| d.name() == name)
}

/// Every dialect's name, in registration order: what `dialect =` and `--dialect` take.
pub fn names() -> Vec<&'static str> {
    DIALECTS.iter().map(|d| d.name()).collect()
}

/// Every dialect's default excludes, in registration order, each once.
pub fn default_exclude() -> Vec<&'static str> {
    let mut globs: Vec<&'static str> = Vec::new();
    for glob in DIALECTS.iter().flat_map(|d| d.default_exclude()) {
        if !globs.contains(glob) {
            globs.push(glob);
        }
    }
    globs
}

/// The folder family of a top-level folder, whichever dialect's docs it holds: the family a
/// dialect names it, else the folder's name in lower case.
pub fn folder_family(folder: &str) -> String {
    DIALECTS.iter().find_map(|d| d.folder_family(folder)).map_or_else(|| folder.to_lowercase(), str::to_string)
}

/// What a Type cell shows around the whole type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    /// Nothing shown.
    None,
    /// May be absent, never `null` (Java `Optional<T>`, Python `Optional[T]`).
    Optional,
    /// May be absent or `null` (Java `JsonNullable<T>`, Python `OptionalNullable[T]`).
    OptionalNullable,
    /// May be `null`; the Required column says whether it may be absent (Python
    /// `Nullable[T]`).
    Nullable,
    /// May be absent or `null`, the doc does not say which (Go `*T`).
    Pointer,
}

/// A field's presence: what a missing key and a `null` mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presence {
    /// A missing key is an error.
    pub required: bool,
    /// `null` is a value distinct from absence.
    pub nullable: bool,
}

/// One member of a union as a dialect finds it, before its type is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberText {
    /// The SDK's own name for it (Go's `CreateUnionStr` → `Str`), if the doc gives one.
    pub name: Option<String>,
    /// Its type, in the dialect's syntax.
    pub text: String,
    /// An example value, if the doc shows one.
    pub example: Option<String>,
    /// Where it is written.
    pub span: crate::source::Span,
    /// The type its code snippet annotates (`value: shared.TypedObject1 = …`), with where the
    /// snippet is: a second source for a heading that alone does not say the type (a bare
    /// model name, `### TypedObject1`).
    pub annotation: Option<(String, crate::source::Span)>,
}

/// The type annotated in an example snippet: `value: models.Two = …` → `models.Two`.
fn annotated_type(code: &str) -> Option<&str> {
    let (declaration, _) = code.split_once('=')?;
    let (_, ty) = declaration.split_once(':')?;
    Some(ty.trim()).filter(|t| !t.is_empty())
}

/// The value assigned in an example snippet: `const value: number = 10;` → `10`.
fn assigned_value(code: &str) -> Option<String> {
    let (_, value) = code.split_once('=')?;
    let value = value.trim().trim_end_matches(';').trim();
    (!value.is_empty() && !value.contains("/*")).then(|| value.to_string())
}

/// Enum values read from a code block or a list rather than a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The values, in order.
    pub values: Vec<ListedValue>,
    /// Whether the listing says the enum is open (TypeScript's `Unrecognized<string>`), if
    /// it says.
    pub open: Option<bool>,
}

/// One enum value read from a code block or a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedValue {
    /// The value as sent.
    pub value: String,
    /// Written as a string literal (`"1"`), so a string even when it looks like a number.
    pub quoted: bool,
    /// Where it is written.
    pub span: crate::source::Span,
}

/// The values of a `## Values` section written as a list of literals (`` - `"active"` ``,
/// `- 3`), when it has no table; prose saying "open enum" says it is open.
fn listed_items(section: &Section) -> Option<Listed> {
    if !section.tables.is_empty() || section.items.is_empty() {
        return None;
    }
    let values = section.items.iter().map(|item| {
        let (value, quoted) = literal(&item.text);
        ListedValue { value, quoted, span: item.span }
    });
    let open = section.paragraphs.iter().any(|p| p.text.to_ascii_lowercase().contains("open enum")).then_some(true);
    Some(Listed { values: values.collect(), open })
}

/// The value of one written literal and whether it was quoted: `"a \"b\""` → `a "b"` (JSON
/// string escapes), a code span unwrapped, anything else as written (`-1`, `true`).
pub fn literal(text: &str) -> (String, bool) {
    let text = text.trim();
    let text = text.strip_prefix('`').and_then(|t| t.strip_suffix('`')).unwrap_or(text).trim();
    match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(quoted) => (serde_json::from_str::<String>(text).unwrap_or_else(|_| quoted.to_string()), true),
        None => (text.to_string(), false),
    }
}

/// Splits a union of literals (`"a" | "b|c" | 1 | Unrecognized<string>`) at the `|` outside
/// string literals; each piece trimmed, with its byte range in `text`.
fn split_literals(text: &str) -> Vec<(&str, std::ops::Range<usize>)> {
    let mut pieces = Vec::new();
    let (mut start, mut in_string, mut escaped) = (0, false, false);
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), '|'))) {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '|' if !in_string => {
                let piece = &text[start..i];
                let trimmed = piece.trim();
                if !trimmed.is_empty() {
                    let offset = start + (piece.len() - piece.trim_start().len());
                    pieces.push((trimmed, offset..offset + trimmed.len()));
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces
}

/// A parsed Type cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellType {
    /// The value type.
    pub ty: DocType,
    /// The wrapper around it.
    pub wrapper: Wrapper,
}

/// A problem in a Type cell, with a byte range relative to the cell's start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeError {
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: String,
    /// Byte range within the cell.
    pub range: std::ops::Range<usize>,
}

/// What a name in a Type cell means in a dialect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning {
    /// A scalar or other complete type.
    Type(DocType),
    /// A wrapper taking one type argument.
    Wrapper(Wrapper),
    /// A list taking one type argument.
    List,
    /// A map taking a string key type and a value type.
    Map,
}

/// One SDK's doc dialect. Everything else about a doc (its layout, the Required column,
/// descriptions) is shared.
pub trait Dialect: Sync {
    /// The dialect's name in config files and `mdschema ir` (`typescript`).
    fn name(&self) -> &'static str;

    /// Examples of well-formed Type cells, for error messages.
    fn help(&self) -> &'static str;

    /// The generator whose docs the dialect reads.
    fn family(&self) -> Family {
        Family::Speakeasy
    }

    /// A Type cell as the shared syntax reads it, the dialect's own markup undone
    /// (openapi-generator's `**T**` and `&lt;`, Go's `Pointer to`).
    fn cell_text<'c>(&self, cell: &'c str) -> Cow<'c, str> {
        Cow::Borrowed(cell)
    }

    /// Whether the doc carries a mark only this dialect's docs have (Go's `## Methods`,
    /// Ruby's `Vendor::Title`): detection prefers such a dialect among those that read it.
    fn claims(&self, _doc: &DocTables) -> bool {
        false
    }

    /// Whether a `## Properties` table whose one row is named `value` describes the model
    /// itself rather than an object holding it (python-prior's simple models: an enum is
    /// `**value** | **str** | | must be one of ["a", "b", ]`).
    fn lone_value_is_the_model(&self) -> bool {
        false
    }

    /// The members of a union the doc writes outside `## Supported Types` (Ruby's
    /// `openapi_one_of` list, Rust's `## Enum Variants` table), each by its type's name.
    fn one_of(&self, _doc: &DocTables) -> Option<Vec<MemberText>> {
        None
    }

    /// The name cell is the JSON key (openapi-generator's TypeScript and JavaScript):
    /// `wire_case` does not apply to it, and a merge lets it win over keys that a case rule
    /// derived. A name `field_name` changed (`_default` → `default`) is a guess all the same.
    fn name_is_key(&self) -> bool {
        false
    }

    /// In a doc whose Notes column never says `[optional]` or `[required]`, whether the cell
    /// itself marks the field as one that may be absent (Fastly's Rust `Option<…>`).
    fn optional_without_notes(&self, _cell: &CellType) -> bool {
        false
    }

    /// Docs of the dialect's SDKs that are not JSON bodies (operation request and response
    /// wrappers, SDK globals, helpers), as globs over paths relative to the schemas folder:
    /// mdschema.toml's default `exclude` is every dialect's.
    fn default_exclude(&self) -> &'static [&'static str] {
        &[]
    }

    /// The folder family a top-level folder of the dialect's docs belongs to, when the
    /// dialect names it unlike the others (Go's `apierrors` is `errors`, C#'s `Requests` is
    /// `operations`): models of several dialects merge within one family.
    fn folder_family(&self, _folder: &str) -> Option<&'static str> {
        None
    }

    /// The model's title as the doc's `#` heading writes it, the dialect's decoration gone.
    fn title<'t>(&self, heading: &'t str) -> &'t str {
        heading.trim()
    }

    /// What a name means outside a link to a model doc; `url` is the enclosing external
    /// link, if any (`[Date](https://…)`).
    fn meaning(&self, name: &str, url: Option<&str>) -> Option<Meaning>;

    /// A name that refers to a model by its title rather than a link (TypeScript's unlinked
    /// `*components.CustomField*`): the title.
    fn model_name<'n>(&self, _name: &'n str) -> Option<&'n str> {
        None
    }

    /// Whether Go-style pointers (`*T`) are part of the dialect.
    fn has_pointers(&self) -> bool {
        false
    }

    /// The field's name as the doc means it, the dialect's escapes undone (Java `private_`,
    /// Python `from_`, C# `EmailValue` in `Email`).
    fn field_name(&self, doc_name: &str, _title: &str) -> String {
        doc_name.to_string()
    }

    /// Whether the map field `name` holds every JSON key no other field names (OpenAPI's
    /// `additionalProperties`, in any casing: `AdditionalProperties`, `additional_properties`).
    fn is_catch_all(&self, name: &str) -> bool {
        name.chars().filter(|c| *c != '_').collect::<String>().eq_ignore_ascii_case("additionalProperties")
    }

    /// What the Required column and the wrapper mean together.
    fn presence(&self, cell: &CellType, required: bool) -> Presence;

    /// Whether the cell states the field's presence outright (Java's and Python's wrappers,
    /// Go's pointer or its absence on a required scalar), rather than leaving it to be
    /// inferred: when docs of several dialects are merged, a stated presence wins.
    fn states_presence(&self, _cell: &CellType, _required: bool) -> bool {
        false
    }

    /// The type, corrected by the field's Example where the dialect's labels are known to
    /// be unreliable (Python's swapped date labels).
    fn refine(&self, ty: DocType, _example: Option<&str>) -> DocType {
        ty
    }

    /// The members of a union's `## Supported Types` section, each a `###` heading and its
    /// code block; `None` when the dialect's docs do not give the members' types (C# names
    /// them only), so that the union stays any JSON. By default each heading is the member's
    /// type in the dialect's own syntax (`` `components.Two` ``, `` `Dict[str, Any]` ``) and
    /// its code block ends in an example value (`const value: number = 10;`).
    fn union_members(&self, section: &Section, _title: &str) -> Option<Vec<MemberText>> {
        let members = section.subsections.iter().filter_map(|sub| {
            let block = sub.code_blocks.first();
            let heading = sub.heading.text.trim().trim_matches('`').trim();
            let annotation = block.and_then(|b| annotated_type(&b.text).map(|t| (t.to_string(), b.span)));
            // An empty heading (other generator versions): the snippet's annotation says it.
            let (text, span) = match &annotation {
                _ if !heading.is_empty() => (heading.to_string(), sub.heading.span),
                Some(annotated) => annotated.clone(),
                None => return None,
            };
            let example = block.and_then(|b| assigned_value(&b.text));
            Some(MemberText { name: None, text, example, span, annotation })
        });
        Some(members.collect())
    }

    /// Enum values written other than as a `| Name | Value |` table (TypeScript's code
    /// block, a bullet list of literals), or `None` to read the table. By default a section
    /// without a table is read as a list of literals (`- "active"`).
    fn enum_values(&self, section: &Section) -> Option<Listed> {
        listed_items(section)
    }
}

impl std::fmt::Debug for dyn Dialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The presence rule of the dialects whose docs drop wrappers on lists, maps and dates
/// (Java, Python): an optional field with no wrapper shown lost it, most often a nullable
/// one, so it is read as nullable and absent, `null` and a value all round-trip. A required
/// date with no wrapper is nullable too (in the Apideck Java SDK 8 of its 9 such fields).
pub fn presence_with_dropped_wrappers(cell: &CellType, required: bool) -> Presence {
    let nullable = match cell.wrapper {
        Wrapper::OptionalNullable | Wrapper::Nullable | Wrapper::Pointer => true,
        Wrapper::Optional => required,
        Wrapper::None => !required || matches!(cell.ty, Type::DateTime | Type::Date),
    };
    Presence { required, nullable }
}

/// The presence rule of dialects that show no nullability (TypeScript, C#): optional
/// fields are tri-state, since the doc cannot say whether `null` is sent; required fields
/// are plain.
pub fn presence_unknown_nullability(required: bool) -> Presence {
    Presence { required, nullable: !required }
}

/// Strips a dialect's namespace prefix from a model name (`components.Pet` → `Pet`).
pub fn strip_namespace<'n>(name: &'n str, namespaces: &[&str]) -> Option<&'n str> {
    let (namespace, title) = name.rsplit_once('.')?;
    let namespace = namespace.rsplit('.').next().unwrap_or(namespace);
    (namespaces.iter().any(|n| n.eq_ignore_ascii_case(namespace)) && !title.is_empty()).then_some(title)
}
