//! Doc tables → IR: gives meaning to one doc's title, description and tables, asking the
//! doc's dialect about everything the dialects spell differently. Links stay as written;
//! `resolve` connects them.

use crate::config::{EnumValues, Rules};
use crate::diag::{Diagnostic, WarningCode};
use crate::dialect::{self, Dialect, Family, ListedValue, MemberText};
use crate::ir::{EnumValue, Field, Link, Literal, Member, Model, ModelKind, Type};
use crate::markdown::{self, DocTables, Row, Section, Table, Text};
use crate::source::{SourceFile, Span};

mod enums;
mod properties;
mod unions;

/// A model and every problem found in its doc. A doc with errors still gives the model its
/// sound parts describe (rows with errors left out) when its shape could be read, so that
/// resolution can report the problems of its links in the same run.
pub struct Lowered {
    /// The model, or as much of it as could be read; `None` when not even its shape could.
    pub model: Option<Model<Link>>,
    /// Problems that stop generation.
    pub errors: Vec<Diagnostic>,
    /// Things worth telling the user that do not stop generation.
    pub warnings: Vec<Diagnostic>,
    /// The doc is not a model doc (SDK plumbing such as Go's `option.md`) and was skipped.
    pub skipped: bool,
    /// Enums the doc defines inside its model (Java's `## Enum: ModeEnum` tables, Rust's
    /// `(enum: a, b)`), each a model of its own, titled after the model and the enum.
    pub inline: Vec<Model<Link>>,
}

/// Reads one doc, whose markdown structure is `doc`, into a model.
pub fn lower(file: &SourceFile, doc: &DocTables, dialect: &dyn Dialect, config: &Rules) -> Lowered {
    let mut cx = Cx {
        file,
        config,
        dialect,
        errors: Vec::new(),
        warnings: Vec::new(),
        skipped: false,
        title: String::new(),
        inline: Vec::new(),
    };
    let model = cx.model(doc);
    let inline = match &model {
        Some(model) => cx.inline.drain(..).map(|e| e.into_model(model)).collect(),
        None => Vec::new(),
    };
    Lowered { model, errors: cx.errors, warnings: cx.warnings, skipped: cx.skipped, inline }
}

/// The any-JSON model that stands for a doc that could not be read when the run keeps going,
/// titled as the doc is (or after its file), so that links to it and titles naming it still
/// resolve; `problems` are why, for its doc comment.
pub fn unreadable(
    rel_path: &str,
    read: Option<&Model<Link>>,
    written_title: Option<&str>,
    dialect: &str,
    problems: &[Diagnostic],
) -> Model<Link> {
    let id = rel_path.strip_suffix(".md").unwrap_or(rel_path).to_string();
    let (folders, stem) = crate::ir::split_id(&id);
    let written = written_title.map(|t| strip_strikethrough(t).0.trim().to_string());
    let title = read.map(|m| m.title.clone()).or(written).filter(|t| !t.is_empty()).unwrap_or_else(|| stem.to_string());
    let first = problems.first().map(|d| match &d.location {
        Some(loc) => format!("line {}, column {}: {}", loc.line, loc.column, d.message),
        None => d.message.clone(),
    });
    let why = match (problems.len(), first) {
        (0, _) | (_, None) => "it describes no model mdschema can read".to_string(),
        (1, Some(first)) => first,
        (n, Some(first)) => format!("{n} problems, the first at {first}"),
    };
    Model {
        source: rel_path.to_string(),
        folders,
        title,
        dialect: dialect.to_string(),
        title_span: read.map(|m| m.title_span).unwrap_or_default(),
        deprecated: false,
        deprecation_note: None,
        description: read.and_then(|m| m.description.clone()),
        kind: ModelKind::Opaque { unreadable: Some(why) },
        provenance: Vec::new(),
        id,
    }
}

struct Cx<'a> {
    file: &'a SourceFile,
    config: &'a Rules,
    dialect: &'a dyn Dialect,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    skipped: bool,
    /// The doc's title, once read.
    title: String,
    /// The enums found inside the model, to become models of their own.
    inline: Vec<properties::InlineEnum>,
}

impl Cx<'_> {
    fn error(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        self.errors.push(Diagnostic::at(self.file, span, message).with_help(help));
    }

    fn model(&mut self, doc: &DocTables) -> Option<Model<Link>> {
        // The skeleton of the dialect's family (`## Fields` …, `## Properties` …).
        let model_section = Family::of(doc) == Some(self.dialect.family());
        let skipped = match self.dialect.family() {
            // An operation doc (`PetApi.md`), the SDK's README: not a model.
            Family::OpenApiGenerator if !model_section => Some((
                "skipped: the doc has no `## Properties` or `## Enum` section (an operation doc, a README), so it describes no model",
                "exclude it in mdschema.toml (`exclude = [\"**/*Api.md\"]`) to silence this",
            )),
            // Sections, but none a model has (Go's `option.md`): SDK plumbing, not a model.
            Family::Speakeasy
                if !model_section && !doc.sections.is_empty() && doc.sections.iter().all(|s| s.tables.is_empty()) =>
            {
                Some((
                    "skipped: the doc has no `## Fields`, `## Values` or `## Supported Types` section, so it describes no model",
                    "exclude it in mdschema.toml (`exclude = [\"path/to/doc.md\"]`) to silence this",
                ))
            }
            _ => None,
        };
        if let Some((message, help)) = skipped {
            self.skipped = true;
            self.warnings.push(
                Diagnostic::at(self.file, Span::new(0, 0), message).with_help(help).warning(WarningCode::NoModel),
            );
            return None;
        }
        let Some(title) = &doc.title else {
            self.error(Span::new(0, 0), "the doc has no `# Title` heading", "start the doc with `# ModelName`");
            return None;
        };
        let (title_text, deprecated) = strip_strikethrough(title.text);
        let title_text = self.dialect.title(title_text);
        if title_text.is_empty() {
            self.error(title.span, "the title is empty", "write the model's name after `#`");
            return None;
        }
        self.title = title_text.to_string();
        let kind = self.kind(doc, title.span)?;
        let id = self.file.model_id().to_string();
        let (folders, _) = crate::ir::split_id(&id);
        let mut deprecation_note = None;
        let mut paragraphs = Vec::new();
        for paragraph in &doc.description {
            match split_deprecation(&paragraph.text) {
                Some((note, rest)) => {
                    deprecation_note = deprecation_note.or(note);
                    paragraphs.extend(rest);
                }
                None => paragraphs.push(paragraph.text.to_string()),
            }
        }
        let description = paragraphs.join("\n\n");
        Some(Model {
            id,
            source: self.file.rel_path.clone(),
            folders,
            title: title_text.to_string(),
            dialect: self.dialect.name().to_string(),
            title_span: title.span,
            deprecated,
            deprecation_note: deprecation_note.filter(|_| deprecated),
            description: (!description.is_empty()).then_some(description),
            kind,
            provenance: Vec::new(),
        })
    }

    fn kind(&mut self, doc: &DocTables, title_span: Span) -> Option<ModelKind<Link>> {
        if self.dialect.family() == Family::OpenApiGenerator {
            return self.properties_kind(doc, title_span);
        }
        let fields = doc.sections.iter().find(|s| s.heading.text.eq_ignore_ascii_case("Fields"));
        let values = doc.sections.iter().find(|s| s.heading.text.eq_ignore_ascii_case("Values"));
        match (fields, values) {
            (Some(_), Some(values)) => {
                self.error(
                    values.heading.span,
                    "a doc has either `## Fields` or `## Values`, not both",
                    "split the object and the enum into two docs",
                );
                None
            }
            (Some(section), None) => {
                let table = self.first_table(section)?;
                Some(ModelKind::Object {
                    fields: self.fields(table)?,
                    keep_unknown: self.config.file.keep_unknown_fields,
                })
            }
            (None, Some(section)) => {
                let (values, open, quoted) = match self.dialect.enum_values(section) {
                    Some(listed) => {
                        let quoted = listed.values.iter().any(|v| v.quoted);
                        (self.listed_values(listed.values), listed.open, quoted)
                    }
                    None => {
                        let table = self.first_table(section)?;
                        (self.values(table)?, None, false)
                    }
                };
                let integer = match self.config.enum_values(self.file.model_id()) {
                    Some(EnumValues::Integer) => self.integer_values(&values),
                    Some(EnumValues::String) => false,
                    // No SDK writes a string enum whose every value is an integer; a value
                    // written as a string literal (`"1"`) says it is one.
                    None => !quoted && !values.is_empty() && values.iter().all(|v| parse_integer(&v.value).is_some()),
                };
                // The config can close every enum; the doc can close its own.
                let open = self.config.file.open_enums && open.unwrap_or(true);
                Some(ModelKind::Enum { values, open, integer })
            }
            (None, None) => {
                let union = doc.sections.iter().find(|s| s.heading.text.eq_ignore_ascii_case("Supported Types"));
                let members = union.and_then(|section| self.dialect.union_members(section, &self.title));
                if let Some(members) = members.filter(|m| !m.is_empty()) {
                    return Some(ModelKind::Union { members: self.members(members) });
                }
                let message = if union.is_some() {
                    "the doc lists no union member with its type (C# docs name members only); its type accepts any JSON"
                } else {
                    "the doc has no `## Fields` or `## Values` table; its type accepts any JSON (SDK docs of unions may list no members)"
                };
                self.warnings.push(
                    Diagnostic::at(self.file, title_span, message)
                        .with_help(
                            "fields of this type can get a Rust type of your own with `[field_types]` in mdschema.toml",
                        )
                        .warning(WarningCode::OpaqueUnion),
                );
                Some(ModelKind::Opaque { unreadable: None })
            }
        }
    }

    fn first_table<'t>(&mut self, section: &'t Section<'t>) -> Option<&'t Table<'t>> {
        let table = section.tables.first();
        if table.is_none() {
            self.error(
                section.heading.span,
                format!("`## {}` has no table", section.heading.text),
                "add the table under the heading, or remove the heading",
            );
        }
        table
    }

    /// Finds the named columns; every name in `required` must be present.
    fn columns<const N: usize>(
        &mut self,
        table: &Table,
        wanted: [&str; N],
        required: usize,
    ) -> Option<[Option<usize>; N]> {
        let found = wanted.map(|name| table.header.iter().position(|h| h.text.eq_ignore_ascii_case(name)));
        let missing: Vec<&str> =
            wanted.iter().zip(&found).take(required).filter(|(_, f)| f.is_none()).map(|(n, _)| *n).collect();
        if !missing.is_empty() {
            let header_span = table.header.first().map_or(table.span, |first| {
                Span::new(first.span.start, table.header.last().map_or(first.span.end, |l| l.span.end))
            });
            self.error(
                header_span,
                format!("the table has no {} column", missing.join(", ")),
                format!("the header must name the columns {}", wanted[..required].join(", ")),
            );
            return None;
        }
        Some(found)
    }

    /// The row's cells when it has at least `width` of them. Callers index them with column
    /// positions found in the header, which are below `width`: those indexes cannot fail.
    fn cells<'r>(&mut self, row: &'r Row<'r>, width: usize) -> Option<&'r [Text<'r>]> {
        if row.cells.len() < width {
            self.error(
                row.span,
                format!("the row has {} cells, the header has {width}", row.cells.len()),
                "give every row as many cells as the header",
            );
            return None;
        }
        Some(&row.cells)
    }

    fn fields(&mut self, table: &Table) -> Option<Vec<Field<Link>>> {
        let [name_col, type_col, required_col, description_col, example_col] =
            self.columns(table, ["Field", "Type", "Required", "Description", "Example"], 3)?;
        let (name_col, type_col, required_col) = (name_col?, type_col?, required_col?);
        let mut fields: Vec<Field<Link>> = Vec::with_capacity(table.rows.len());
        for row in &table.rows {
            let Some(cells) = self.cells(row, table.header.len()) else { continue };
            let Some((name, deprecated)) = self.field_name(&cells[name_col]) else { continue };
            let Some(required) = self.required(&cells[required_col]) else { continue };
            let type_cell = &cells[type_col];
            let custom = |name: &str| self.config.doc_type(name).is_some();
            let mut parsed = match dialect::parse_type(self.dialect, &type_cell.text, &custom) {
                Ok(parsed) => parsed,
                Err(e) => {
                    self.error(type_cell.span.sub(e.range.start, e.range.end), e.message, e.help);
                    continue;
                }
            };
            let example = example_col.and_then(|c| text_cell(&cells[c].text));
            parsed.ty = self.dialect.refine(parsed.ty, example.as_deref());
            let name = self.dialect.field_name(&name, &self.title);
            let (wire_name, wire_name_stated) =
                self.config.wire_name(self.file.model_id(), &name, self.dialect.name_is_key());
            let catch_all = self.dialect.is_catch_all(&name) && matches!(parsed.ty, Type::Map { .. });
            // One name for the catch-all whatever the dialect calls it (`__pydantic_extra__`).
            let name = if catch_all { "additionalProperties".to_string() } else { name };
            let presence = self.dialect.presence(&parsed, required);
            if let Some(earlier) = fields.iter().find(|f| f.wire_name == wire_name || f.name == name) {
                let line = self.file.line_col(earlier.span.start).line;
                self.error(
                    cells[name_col].span,
                    format!("field `{name}` is listed twice (JSON key `{wire_name}`; first on line {line})"),
                    "remove or rename one of the rows",
                );
                continue;
            }
            let description = description_col.and_then(|c| text_cell(&cells[c].text));
            let (deprecation_note, description) = match description.as_deref().and_then(split_deprecation) {
                Some((note, rest)) => (note, (!rest.is_empty()).then(|| rest.join("<br/><br/>"))),
                None => (None, description),
            };
            fields.push(Field {
                provenance: Default::default(),
                presence_stated: self.dialect.states_presence(&parsed, required),
                nullable: !catch_all && presence.nullable,
                required: presence.required && !catch_all,
                name,
                wire_name,
                wire_name_stated,
                ty: parsed.ty,
                deprecated,
                deprecation_note: deprecation_note.filter(|_| deprecated),
                catch_all,
                description,
                example,
                default: None,
                span: row.span,
                type_span: type_cell.span,
            });
        }
        Some(fields)
    }

    fn field_name(&mut self, cell: &Text) -> Option<(String, bool)> {
        let (name, deprecated) = strip_strikethrough(&cell.text);
        let name = name.trim().trim_matches('`').trim();
        let name = markdown::unescape(name);
        if name.is_empty() {
            self.error(
                cell.span,
                "the field has no name",
                "write the field's JSON name in the Field column, like `` `name` ``",
            );
            return None;
        }
        Some((name, deprecated))
    }

    fn required(&mut self, cell: &Text) -> Option<bool> {
        match cell.text.trim() {
            ":heavy_check_mark:" | "✔️" | "✔" => Some(true),
            ":heavy_minus_sign:" | "➖" => Some(false),
            "" => {
                self.error(
                    cell.span,
                    "the Required column is empty",
                    "write `:heavy_check_mark:` (required) or `:heavy_minus_sign:` (optional)",
                );
                None
            }
            other => {
                self.error(
                    cell.span,
                    format!("the Required column says `{other}`"),
                    "write `:heavy_check_mark:` (required) or `:heavy_minus_sign:` (optional)",
                );
                None
            }
        }
    }
}

fn split_deprecation(text: &str) -> Option<(Option<String>, Vec<String>)> {
    let squeezed: String = text.chars().take(40).filter(|c| !c.is_whitespace() && *c != '*').collect();
    if !squeezed.starts_with(":warning:DEPRECATED:") {
        return None;
    }
    let after = &text[text.find("DEPRECATED")? + "DEPRECATED".len()..];
    let after = after.trim_start_matches(|c: char| c == '*' || c.is_whitespace()).strip_prefix(':').unwrap_or(after);
    let mut parts = after.split("<br/>").map(str::trim).filter(|p| !p.is_empty());
    let note = parts.next().map(|n| {
        let n = n.trim_end_matches('.');
        format!("{n}.")
    });
    Some((note, parts.map(str::to_string).collect()))
}

/// `~~text~~` → (`text`, true).
fn strip_strikethrough(text: &str) -> (&str, bool) {
    let trimmed = text.trim();
    match trimmed.strip_prefix("~~").and_then(|t| t.strip_suffix("~~")) {
        Some(inner) => (inner, true),
        None => (trimmed, false),
    }
}

/// A description or example cell; `N/A` and empty cells say nothing.
/// An enum value as a JSON integer: `-1`, `0`, `42`; not `+1`, `01`, `1.0` or ` 1`, which
/// would not round-trip as written.
fn parse_integer(value: &str) -> Option<i64> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    let canonical =
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && (digits == "0" || !digits.starts_with('0'));
    if canonical && value != "-0" { value.parse().ok() } else { None }
}

fn text_cell(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty() && text != "N/A").then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{FileConfig, WireCase};

    fn lower_text(text: &str) -> Lowered {
        let config = Rules::new(FileConfig { wire_case: WireCase::SnakeCase, ..FileConfig::default() }, None).unwrap();
        let file = SourceFile::new("components/Thing.md", "schemas/components/Thing.md", text.to_string());
        let java = crate::dialect::by_name("java").unwrap();
        lower(&file, &markdown::parse(&file.text), java, &config)
    }

    fn errors(text: &str) -> Vec<String> {
        let errors = lower_text(text).errors;
        assert!(!errors.is_empty(), "the doc has errors");
        errors.iter().map(|d| d.to_string().lines().next().unwrap().to_string()).collect()
    }

    const HEADER: &str = "# Thing\n\nA thing.\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n";

    #[test]
    fn reads_fields_with_required_nullable_and_wire_names() {
        let doc = format!(
            "{HEADER}| `refreshToken` | *JsonNullable\\<String>* | :heavy_minus_sign: | The token. | abc |\n| `id` | *String* | :heavy_check_mark: | N/A | |\n| `at` | [OffsetDateTime](https://x/OffsetDateTime.html) | :heavy_minus_sign: | When. | |\n| `maybe` | *Optional\\<Long>* | :heavy_check_mark: | | |\n| `opt` | *Optional\\<Long>* | :heavy_minus_sign: | | |\n| ~~`private_`~~ | *String* | :heavy_check_mark: | | |"
        );
        let model = lower_text(&doc).model.unwrap();
        assert_eq!(model.id, "components/Thing");
        assert_eq!(model.folders, ["components"]);
        assert_eq!(model.description.as_deref(), Some("A thing."));
        let ModelKind::Object { fields, .. } = model.kind else { panic!() };
        let summary: Vec<_> =
            fields.iter().map(|f| (f.wire_name.as_str(), f.required, f.nullable, f.deprecated)).collect();
        assert_eq!(
            summary,
            [
                ("refresh_token", false, true, false),
                ("id", true, false, false),
                ("at", false, true, false),
                ("maybe", true, true, false),
                ("opt", false, false, false),
                ("private", true, false, true),
            ]
        );
        assert_eq!(fields[0].example.as_deref(), Some("abc"));
        assert_eq!(fields[1].description, None);
        assert_eq!(fields[2].ty, Type::DateTime);
    }

    #[test]
    fn deprecation_notes_catch_alls_and_required_dates() {
        let doc = format!(
            "{HEADER}| ~~`old`~~ | *String* | :heavy_minus_sign: | : warning: ** DEPRECATED **: Use new..<br/><br/>The old one. | |\n| `additionalProperties` | Map\\<String, *Object*> | :heavy_minus_sign: | N/A | |\n| `at` | [OffsetDateTime](https://x/OffsetDateTime.html) | :heavy_check_mark: | | |\n| `tags` | List\\<*String*> | :heavy_check_mark: | | |"
        );
        let ModelKind::Object { fields, .. } = lower_text(&doc).model.unwrap().kind else { panic!() };
        assert_eq!(fields[0].deprecation_note.as_deref(), Some("Use new."));
        assert_eq!(fields[0].description.as_deref(), Some("The old one."));
        assert!(fields[1].catch_all && !fields[1].required && !fields[1].nullable);
        assert!(fields[2].required && fields[2].nullable, "a required date may be null");
        assert!(fields[3].required && !fields[3].nullable);

        let model = lower_text("# ~~Old~~\n\n> :warning: **DEPRECATED**: Going away.\n\nStill here.\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n").model.unwrap();
        assert_eq!(model.deprecation_note.as_deref(), Some("Going away."));
        assert_eq!(model.description.as_deref(), Some("Still here."));
    }

    #[test]
    fn enums_titles_and_opaque_docs() {
        let lowered = lower_text(
            "# ~~Color~~\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `RED` | red |\n| `WILDCARD` | * |",
        );
        let model = lowered.model.unwrap();
        assert!(model.deprecated);
        assert_eq!(model.title, "Color");
        let ModelKind::Enum { values, open: true, integer: false } = model.kind else { panic!() };
        assert_eq!(
            values.iter().map(|v| (v.name.as_str(), v.value.as_str())).collect::<Vec<_>>(),
            [("RED", "red"), ("WILDCARD", "*")]
        );

        let lowered = lower_text("# Union\n\n");
        assert_eq!(lowered.model.unwrap().kind, ModelKind::Opaque { unreadable: None });
        assert_eq!(lowered.warnings.len(), 1);
        assert_eq!(lowered.warnings[0].severity, crate::diag::Severity::Warning);
    }

    #[test]
    fn every_error_is_reported_with_its_place() {
        let doc = format!(
            "{HEADER}| `a` | *Strin* | :heavy_minus_sign: | | |\n| `b` | *String* | yes | | |\n| `d` | *String* | :heavy_minus_sign: | | |\n| `d` | *String* | :heavy_minus_sign: | | |\n| `c` | *String* |"
        );
        assert_eq!(
            errors(&doc),
            [
                "schemas/components/Thing.md:9:10: unknown type `Strin`",
                "schemas/components/Thing.md:10:20: the Required column says `yes`",
                "schemas/components/Thing.md:12:3: field `d` is listed twice (JSON key `d`; first on line 11)",
                "schemas/components/Thing.md:13:19: the Required column is empty",
            ]
        );
        assert_eq!(errors("no title"), ["schemas/components/Thing.md:1:1: the doc has no `# Title` heading"]);
        assert_eq!(
            errors("# T\n\n## Fields\n\n| Name | Kind |\n| - | - |\n"),
            ["schemas/components/Thing.md:5:3: the table has no Field, Type, Required column"]
        );
        assert_eq!(errors("# T\n\n## Fields\n\ntext"), ["schemas/components/Thing.md:3:4: `## Fields` has no table"]);
    }
}
