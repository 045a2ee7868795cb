//! openapi-generator's skeleton → IR: `## Properties` tables of `Name | Type | Description |
//! Notes` rows, read from their edges (an unescaped `|` in a description splits a row into
//! more cells), the Notes column's `[optional]`, `[readonly]`, `[required]`, `[default to X]`
//! and `[one of: …]`; `## Enum` bullet lists and Rust's `## Enum Variants` tables; unions the
//! language lists (Ruby, Rust). The language's dialect gives the cells their meaning.

use super::*;
use crate::markdown::Section;

/// An enum defined inside the doc's model: Java's `## Enum: ModeEnum` table, Rust's
/// `(enum: a, b)` in a description, Fastly's `[one of: "US", "EU"]`.
pub(super) struct InlineEnum {
    /// The name after the model's title (`ModeEnum`); the model is titled with both.
    name: String,
    values: Vec<EnumValue>,
    span: Span,
}

impl InlineEnum {
    /// The enum as a model of its own beside `model`, titled `PetModeEnum`, with the id
    /// `Pet#ModeEnum`.
    pub(super) fn into_model(self, model: &Model<Link>) -> Model<Link> {
        Model {
            id: format!("{}#{}", model.id, self.name),
            source: model.source.clone(),
            folders: model.folders.clone(),
            title: format!("{}{}", model.title, self.name),
            dialect: model.dialect.clone(),
            title_span: self.span,
            deprecated: false,
            deprecation_note: None,
            description: Some(format!("An enum of the `{}` model.", model.title)),
            kind: ModelKind::Enum { values: self.values, open: true, integer: false },
            provenance: Vec::new(),
        }
    }
}

/// `ty` with its string (or the name standing for the enum) as a reference to the enum
/// titled `title`, inside lists and nullables too.
fn as_enum(ty: Type<Link>, title: &str) -> Type<Link> {
    match ty {
        Type::String | Type::Ref { target: Link::Title { .. } } => {
            Type::Ref { target: Link::Title { title: title.to_string() } }
        }
        Type::List { item } => Type::List { item: Box::new(as_enum(*item, title)) },
        Type::Nullable { inner } => Type::Nullable { inner: Box::new(as_enum(*inner, title)) },
        ty => ty,
    }
}

/// One row of a `## Properties` table, read from its edges.
struct PropertyRow<'r> {
    name: (&'r str, Span),
    ty: (&'r str, Span),
    description: &'r str,
    notes: Notes,
}

/// What the Notes column says.
#[derive(Debug, Default, PartialEq)]
struct Notes {
    optional: bool,
    required: bool,
    readonly: bool,
    /// The default as written, its language's quotes removed (`'completion'` → `completion`).
    default: Option<String>,
    /// Fastly's `[one of: "US", "EU"]`.
    one_of: Vec<String>,
}

impl Cx<'_> {
    /// The shape of an openapi-generator doc: a union its language lists, an enum, or an
    /// object; an empty `## Properties` table (how Ruby, PHP and C# write enums and free-form
    /// objects) is any JSON, with a warning.
    pub(super) fn properties_kind(&mut self, doc: &DocTables, title_span: Span) -> Option<ModelKind<Link>> {
        if let Some(members) = self.dialect.one_of(doc).filter(|m| !m.is_empty()) {
            return Some(ModelKind::Union { members: self.members(members) });
        }
        let section = |name: &str| doc.sections.iter().find(|s| s.heading.text.eq_ignore_ascii_case(name));
        if let Some(values) = section("Enum").or(section("Enum Variants")) {
            return self.enum_section(values);
        }
        let properties = section("Properties")?;
        let Some(table) = properties.tables.first().filter(|t| !t.rows.is_empty()) else {
            self.warnings.push(
                Diagnostic::at(self.file, title_span, "the doc's `## Properties` table is empty (how some languages write enums and free-form objects): its type accepts any JSON")
                    .with_help("read the same API's docs in another language beside these (several folders merge), or give the field a type with `[field_types]`")
                    .warning(WarningCode::EmptyProperties),
            );
            return Some(ModelKind::Opaque { unreadable: None });
        };
        if self.dialect.lone_value_is_the_model()
            && let [row] = table.rows.as_slice()
            && let Some(cells) = property_row(self.file.slice(row.span), row.span.start)
            && cells.name.0.trim_matches('*') == "value"
        {
            return self.lone_value(&cells, row.span);
        }
        let fields = self.properties(table, doc);
        Some(ModelKind::Object { fields, keep_unknown: self.config.file.keep_unknown_fields })
    }

    /// A model that is its one `value` row: an enum of its `one of` values, else a union of
    /// the row's one type (which reads and writes the bare value).
    fn lone_value(&mut self, row: &PropertyRow, span: Span) -> Option<ModelKind<Link>> {
        if !row.notes.one_of.is_empty() {
            let values: Vec<EnumValue> =
                row.notes.one_of.iter().map(|v| EnumValue { name: v.clone(), value: v.clone(), span }).collect();
            let integer = values.iter().all(|v| parse_integer(&v.value).is_some()) && !row.ty.0.contains("str");
            return Some(ModelKind::Enum { values, open: self.config.file.open_enums, integer });
        }
        let custom = |name: &str| self.config.doc_type(name).is_some();
        match dialect::parse_type(self.dialect, row.ty.0, &custom) {
            Ok(parsed) => {
                Some(ModelKind::Union { members: vec![Member { name: None, ty: parsed.ty, span: row.ty.1 }] })
            }
            Err(e) => {
                self.error(row.ty.1, e.message, e.help);
                None
            }
        }
    }

    fn properties(&mut self, table: &Table, doc: &DocTables) -> Vec<Field<Link>> {
        let mut fields: Vec<Field<Link>> = Vec::with_capacity(table.rows.len());
        let rows: Vec<(Option<PropertyRow>, Span)> =
            table.rows.iter().map(|row| (property_row(self.file.slice(row.span), row.span.start), row.span)).collect();
        // Fastly's Rust templates write neither `[optional]` nor `[required]` in model docs:
        // there the dialect's own mark (`Option<`) says a field may be absent.
        let notes_say_presence = rows.iter().flat_map(|(row, _)| row).any(|r| r.notes.optional || r.notes.required);
        for (row, span) in &rows {
            let Some(cells) = row else {
                self.error(
                    *span,
                    "the row has no Name and Type cells",
                    "write rows as `**name** | **type** | description | notes`",
                );
                continue;
            };
            if let Some(field) = self.property(cells, *span, &fields, doc, notes_say_presence) {
                fields.push(field);
            }
        }
        fields
    }

    fn property(
        &mut self,
        row: &PropertyRow,
        span: Span,
        earlier: &[Field<Link>],
        doc: &DocTables,
        notes_say_presence: bool,
    ) -> Option<Field<Link>> {
        let (name_text, name_span) = row.name;
        let (written, deprecated) = strip_strikethrough(name_text);
        let written = written.trim().trim_matches('*').trim_matches('`').trim();
        if written.is_empty() {
            self.error(
                name_span,
                "the property has no name",
                "write the property's name in the Name column, like `**name**`",
            );
            return None;
        }
        let (type_text, type_span) = row.ty;
        let custom = |name: &str| self.config.doc_type(name).is_some();
        let mut parsed = match dialect::parse_type(self.dialect, type_text, &custom) {
            Ok(parsed) => parsed,
            Err(e) => {
                self.error(type_span.sub(e.range.start, e.range.end.min(type_text.len())), e.message, e.help);
                return None;
            }
        };
        let written = markdown::unescape(written);
        let name = self.dialect.field_name(&written, &self.title);
        // A name the dialect changed (TypeScript's `_default` for `default`) is a guess.
        let name_is_key = self.dialect.name_is_key() && name == written;
        let catch_all = self.dialect.is_catch_all(&name);
        if catch_all && !matches!(parsed.ty, Type::Map { .. }) {
            // python-prior's `**any string name**` row gives the values' type.
            parsed.ty = Type::Map { value: Box::new(parsed.ty) };
        }
        let name = if catch_all { "additionalProperties".to_string() } else { name };
        let (wire_name, wire_name_stated) = self.config.wire_name(self.file.model_id(), &name, name_is_key);
        if let Some(first) = earlier.iter().find(|f| f.wire_name == wire_name || f.name == name) {
            let line = self.file.line_col(first.span.start).line;
            self.error(
                name_span,
                format!("property `{name}` is listed twice (JSON key `{wire_name}`; first on line {line})"),
                "remove or rename one of the rows",
            );
            return None;
        }
        let marked_optional = !notes_say_presence && self.dialect.optional_without_notes(&parsed);
        let required = (row.notes.required || !row.notes.optional) && !catch_all && !marked_optional;
        // The mark says absent or `null`, not which: both are kept.
        let (presence, presence_stated) = match marked_optional {
            true => (dialect::presence_unknown_nullability(false), false),
            false => (self.dialect.presence(&parsed, required), self.dialect.states_presence(&parsed, required)),
        };
        let inline = self.inline_enum(row, &name, doc);
        let ty = match (&parsed.ty, row.notes.one_of.as_slice(), inline) {
            (_, _, Some(enum_name)) => as_enum(parsed.ty.clone(), &format!("{}{enum_name}", self.title)),
            (Type::String, [one], None) => Type::Const { value: Literal::String(one.clone()) },
            _ => parsed.ty.clone(),
        };
        let mut notes = Vec::new();
        if row.notes.readonly {
            notes.push("Read-only: the server sets it.".to_string());
        }
        if row.notes.one_of.len() > 1 {
            notes.push(format!(
                "One of: {}.",
                row.notes.one_of.iter().map(|v| format!("`{}`", v.replace('`', "'"))).collect::<Vec<_>>().join(", ")
            ));
        }
        let description = text_cell(&crate::dialect::openapi::decode_entities(row.description));
        let (deprecation_note, description) = match description.as_deref().and_then(split_deprecation) {
            Some((note, rest)) => (note, (!rest.is_empty()).then(|| rest.join("<br/><br/>"))),
            None => (None, description),
        };
        let description = match (description, notes.is_empty()) {
            (description, true) => description,
            (Some(text), false) => Some(format!("{text}\n\n{}", notes.join("\n\n"))),
            (None, false) => Some(notes.join("\n\n")),
        };
        Some(Field {
            provenance: Default::default(),
            presence_stated,
            nullable: !catch_all && presence.nullable,
            required: presence.required,
            name,
            wire_name,
            wire_name_stated,
            ty,
            deprecated,
            deprecation_note: deprecation_note.filter(|_| deprecated),
            catch_all,
            description,
            example: None,
            default: row.notes.default.clone(),
            span,
            type_span,
        })
    }

    /// The enum the row's type is defined as inside the model, if any, recorded to become a
    /// model of its own: its name after the model's title. Java links the type to its
    /// `## Enum: ModeEnum` table; Rust lists the values in the description
    /// (`(enum: draft, published)`); Fastly in the Notes (`[one of: "US", "EU"]`).
    fn inline_enum(&mut self, row: &PropertyRow, field: &str, doc: &DocTables) -> Option<String> {
        let decoded = crate::dialect::openapi::decode_entities(row.ty.0);
        let anchor = decoded.split_once("](#").and_then(|(_, rest)| rest.split(')').next());
        let (name, values) = if let Some(anchor) = anchor {
            let section = doc.sections.iter().find(|s| {
                s.heading
                    .text
                    .strip_prefix("Enum:")
                    .is_some_and(|n| crate::dialect::openapi::decode_entities(n.trim()) == anchor)
            })?;
            let table = section.tables.first()?;
            let values: Vec<String> = table
                .rows
                .iter()
                .filter_map(|r| r.cells.get(1))
                .map(|c| crate::dialect::literal(&crate::dialect::openapi::decode_entities(&c.text)).0)
                .collect();
            let name = anchor.trim_start_matches("List<").trim_start_matches("Set<").trim_end_matches('>');
            (name.to_string(), values)
        } else if let Some((_, listed)) = row.description.split_once("(enum: ") {
            let listed = listed.split(')').next()?;
            let name = crate::dialect::openapi::plain_cell(row.ty.0);
            let name = name.trim_start_matches("Option<").trim_end_matches('>');
            let name = if super::unions::is_bare_name(name) && name.starts_with(char::is_uppercase) {
                name.to_string()
            } else {
                heck::ToUpperCamelCase::to_upper_camel_case(field)
            };
            (name, listed.split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect())
        } else if row.notes.one_of.len() > 1 {
            (heck::ToUpperCamelCase::to_upper_camel_case(field), row.notes.one_of.clone())
        } else {
            return None;
        };
        if values.is_empty() || self.inline.iter().any(|e| e.name == name) {
            return (!values.is_empty()).then_some(name);
        }
        let span = row.ty.1;
        let values = values.into_iter().map(|value| EnumValue { name: value.clone(), value, span }).collect();
        self.inline.push(InlineEnum { name: name.clone(), values, span });
        Some(name)
    }

    /// `## Enum` (a bullet list: `` * `NAME` (value: `"x"`) ``) or Rust's `## Enum Variants`
    /// table (`| Name | Value |`).
    fn enum_section(&mut self, section: &Section) -> Option<ModelKind<Link>> {
        let mut values = Vec::new();
        let mut quoted = false;
        if let Some(table) = section.tables.first() {
            for row in &table.rows {
                let [name, value, ..] = row.cells.as_slice() else { continue };
                let (value, is_quoted) = crate::dialect::literal(&value.text);
                quoted |= is_quoted;
                values.push(EnumValue { name: name.text.trim().trim_matches('`').to_string(), value, span: row.span });
            }
        } else {
            for item in &section.items {
                let text = crate::dialect::openapi::decode_entities(&item.text);
                let name = text.split('`').nth(1).unwrap_or("").to_string();
                let Some(value) = text.split_once("(value:").map(|(_, v)| v.trim().trim_end_matches(')').trim()) else {
                    self.error(
                        item.span,
                        "an enum value written as neither `NAME` (value: `x`) nor a table row",
                        "write the value as `` * `NAME` (value: `\"x\"`) ``",
                    );
                    continue;
                };
                let value = value.trim_matches('`');
                let (value, is_quoted) = match value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
                    Some(single) => (single.to_string(), true),
                    None => crate::dialect::literal(value),
                };
                quoted |= is_quoted;
                values.push(EnumValue {
                    name: if name.is_empty() { value.clone() } else { name },
                    value,
                    span: item.span,
                });
            }
        }
        let integer = !quoted && !values.is_empty() && values.iter().all(|v| parse_integer(&v.value).is_some());
        Some(ModelKind::Enum { values, open: self.config.file.open_enums, integer })
    }
}

/// A row's cells from its edges: the name and type cells first, the Notes column's trailing
/// `[…]` tokens last, and everything between them the description, `|` and all. `start` is
/// where the row starts in the doc, for the cells' spans.
fn property_row(raw: &str, start: usize) -> Option<PropertyRow<'_>> {
    let trimmed_start = raw.len() - raw.trim_start().len();
    let mut line = raw.trim();
    let mut offset = start + trimmed_start;
    if let Some(rest) = line.strip_prefix('|') {
        line = rest;
        offset += 1;
    }
    let cuts = unescaped_pipes(line);
    let (&first, &second) = (cuts.first()?, cuts.get(1).unwrap_or(&line.len()));
    let cell = |from: usize, to: usize| {
        let text = &line[from..to];
        let lead = text.len() - text.trim_start().len();
        (text.trim(), Span::new(offset + from + lead, offset + from + lead + text.trim().len()))
    };
    let name = cell(0, first);
    let ty = cell(first + 1, second);
    let rest = line.get(second + 1..).unwrap_or("");
    let (description, notes) = split_notes(rest);
    Some(PropertyRow { name, ty, description, notes: read_notes(notes) })
}

/// Where the `|` that are not escaped (`\|`) are.
fn unescaped_pipes(line: &str) -> Vec<usize> {
    let bytes = line.as_bytes();
    (0..bytes.len()).filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\')).collect()
}

/// The description and the Notes of what follows the Type cell: the notes are the trailing
/// `[…]` tokens (brackets balanced, so a default holding `|` stays whole).
fn split_notes(rest: &str) -> (&str, &str) {
    let text = rest.trim_end().trim_end_matches('|').trim_end();
    // python-prior's enumerations: `must be one of ["a", "b", ]`, free text.
    if let Some(at) = text.rfind("must be one of [") {
        return (text[..at].trim().trim_end_matches('|').trim(), &text[at..]);
    }
    // python-prior writes free text after the tokens (`[optional] if omitted the server will
    // use the default value of "x"`): the last cell is the notes when it opens with one.
    if !text.ends_with(']')
        && let Some(last) = unescaped_pipes(text).last().copied()
        && text[last + 1..].trim_start().starts_with('[')
    {
        return (text[..last].trim(), text[last + 1..].trim());
    }
    let mut start = text.len();
    loop {
        let before = text[..start].trim_end();
        if !before.ends_with(']') {
            break;
        }
        let mut depth = 0;
        let mut open = None;
        for (i, c) in before.char_indices().rev() {
            match c {
                ']' => depth += 1,
                '[' => {
                    depth -= 1;
                    if depth == 0 {
                        open = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        match open {
            // A link's text (`[x](url)`) ends in `)`, never `]`: a trailing `[…]` is a note.
            Some(open) => start = open,
            None => break,
        }
    }
    let notes = &text[start..];
    let description = text[..start].trim_end().trim_end_matches('|').trim();
    (description, notes)
}

/// The Notes column's tokens.
fn read_notes(text: &str) -> Notes {
    let mut notes = Notes::default();
    let mut rest = text.trim();
    if let Some((_, value)) = rest.split_once("the default value of ") {
        notes.default = Some(unquote(value.trim()));
    }
    if let Some((_, values)) = rest.split_once("must be one of [") {
        let values = values.trim_end().trim_end_matches(']');
        notes.one_of = values.split(',').map(|v| unquote(v.trim())).filter(|v| !v.is_empty()).collect();
        return notes;
    }
    while let Some(open) = rest.find('[') {
        let mut depth = 0;
        let mut close = None;
        for (i, c) in rest[open..].char_indices() {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(open + i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(close) = close else { break };
        let token = crate::dialect::openapi::decode_entities(rest[open + 1..close].trim());
        match token.as_str() {
            "optional" => notes.optional = true,
            "required" => notes.required = true,
            "readonly" => notes.readonly = true,
            _ => {
                if let Some(value) = token.strip_prefix("default to ").or(token.strip_prefix("defaults to ")) {
                    let value = value.trim();
                    if value != "undefined" && value != "null" && value != "'null'" && value != "None" {
                        notes.default = Some(unquote(value));
                    }
                } else if let Some(values) = token.strip_prefix("one of:") {
                    notes.one_of = values.split(',').map(|v| unquote(v.trim())).filter(|v| !v.is_empty()).collect();
                }
            }
        }
        rest = &rest[close + 1..];
    }
    notes
}

/// A literal without its language's quotes: `"x"`, `'x'`.
fn unquote(value: &str) -> String {
    let value = value.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote).and_then(|v| v.strip_suffix(quote)) {
            return inner.to_string();
        }
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_read_from_their_edges() {
        let cases = [
            (
                "**id** | **int64** | | [optional] [readonly]",
                "**id**",
                "**int64**",
                "",
                Notes { optional: true, readonly: true, ..Notes::default() },
            ),
            (
                "|**denied** | [**List&lt;A&gt;**](A.md) |  |  |",
                "**denied**",
                "[**List&lt;A&gt;**](A.md)",
                "",
                Notes::default(),
            ),
            (
                "| **name** | **String** | The name. | [optional][default to &#39;&#39;] |",
                "**name**",
                "**String**",
                "The name.",
                Notes { optional: true, default: Some(String::new()), ..Notes::default() },
            ),
            (
                "**mode** | **string** | a | b | c | [optional] [default to \"completion\"]",
                "**mode**",
                "**string**",
                "a | b | c",
                Notes { optional: true, default: Some("completion".into()), ..Notes::default() },
            ),
            ("**x** | **string** | see [docs](u) | ", "**x**", "**string**", "see [docs](u)", Notes::default()),
            (
                "**region** | **String** | | [optional][defaults to 'US'][one of: \"US\", \"EU\"]",
                "**region**",
                "**String**",
                "",
                Notes {
                    optional: true,
                    default: Some("US".into()),
                    one_of: vec!["US".into(), "EU".into()],
                    ..Notes::default()
                },
            ),
            (
                "**m** | **Object** | | [default to {\"a\": \"x|y\"}]",
                "**m**",
                "**Object**",
                "",
                Notes { default: Some("{\"a\": \"x|y\"}".into()), ..Notes::default() },
            ),
            ("**a\\|b** | **str** | d |", "**a\\|b**", "**str**", "d", Notes::default()),
            (
                "**value** | **str** | A region. |  must be one of [\"us-east-1\", \"eu\", ]",
                "**value**",
                "**str**",
                "A region.",
                Notes { one_of: vec!["us-east-1".into(), "eu".into()], ..Notes::default() },
            ),
            (
                "**tags** | **[str]** | d | [optional] if omitted the server will use the default value of \"x\"",
                "**tags**",
                "**[str]**",
                "d",
                Notes { optional: true, default: Some("x".into()), ..Notes::default() },
            ),
        ];
        for (raw, name, ty, description, notes) in cases {
            let row = property_row(raw, 100).unwrap_or_else(|| panic!("{raw}"));
            assert_eq!((row.name.0, row.ty.0, row.description), (name, ty, description), "{raw}");
            assert_eq!(row.notes, notes, "{raw}");
            assert_eq!(&raw[row.ty.1.start - 100..row.ty.1.end - 100], ty, "{raw}: the type's span");
        }
        assert!(property_row("just text", 0).is_none());
    }
}
