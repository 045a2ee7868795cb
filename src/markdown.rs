//! Markdown → doc tables: the title, description, `##` sections and their tables, each cell
//! kept as its raw source text with its byte span.
//!
//! Cells are raw source, not rendered text, because the type grammar lives in the escapes
//! (`\<`, `\\<`) and link syntax that rendering would lose. They borrow the doc's text
//! instead of copying it: one allocation fewer per cell.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::source::Span;

/// The structure of one doc, before any meaning is given to it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocTables<'a> {
    /// The first `#` heading.
    pub title: Option<Heading<'a>>,
    /// Paragraphs between the title and the first `##` heading, raw.
    pub description: Vec<Text<'a>>,
    /// The `##` sections, in order.
    pub sections: Vec<Section<'a>>,
}

/// A heading's text (raw, without `#` marks) and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading<'a> {
    /// The raw heading text, trimmed.
    pub text: &'a str,
    /// Span of `text`.
    pub span: Span,
}

/// A raw piece of text and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Text<'a> {
    /// The raw source (a code block's content may be pieced together).
    pub text: Cow<'a, str>,
    /// Where it starts and ends.
    pub span: Span,
}

/// A `##` heading and what is under it (up to the next `##`).
#[derive(Debug, Clone, PartialEq)]
pub struct Section<'a> {
    /// The `##` heading.
    pub heading: Heading<'a>,
    /// Tables in the section, including under deeper headings.
    pub tables: Vec<Table<'a>>,
    /// Fenced code blocks in the section, including under deeper headings.
    pub code_blocks: Vec<Text<'a>>,
    /// The `###` headings in the section, each with the code blocks under it.
    pub subsections: Vec<Subsection<'a>>,
    /// Bullet and numbered list items in the section (raw, without the marker), in order.
    pub items: Vec<Text<'a>>,
    /// Paragraphs directly in the section (not in lists, tables or quotes), raw.
    pub paragraphs: Vec<Text<'a>>,
}

/// A `###` heading and the code blocks under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Subsection<'a> {
    /// The `###` heading (its text may be empty).
    pub heading: Heading<'a>,
    /// Fenced code blocks under it.
    pub code_blocks: Vec<Text<'a>>,
}

/// A pipe table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table<'a> {
    /// The header row's cells.
    pub header: Vec<Text<'a>>,
    /// The body rows; rows may be ragged.
    pub rows: Vec<Row<'a>>,
    /// The whole table.
    pub span: Span,
}

/// One body row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    /// Cells, raw and trimmed.
    pub cells: Vec<Text<'a>>,
    /// The whole row.
    pub span: Span,
}

/// Reads the structure of one doc. Never fails: a doc without the expected parts yields
/// empty parts, and the next stage says what is missing.
pub fn parse(text: &str) -> DocTables<'_> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut doc = DocTables::default();
    let mut table: Option<Table> = None;
    let mut row: Option<Row> = None;
    let mut in_header = false;
    let mut code: Option<Text<'_>> = None;
    // Open list items and block quotes: paragraphs inside them are not the section's own.
    let mut containers = 0usize;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let span = Span::new(range.start, range.end);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let heading = heading_text(text, span);
                match level {
                    HeadingLevel::H1 if doc.title.is_none() && doc.sections.is_empty() => doc.title = Some(heading),
                    HeadingLevel::H2 => doc.sections.push(Section::new(heading)),
                    HeadingLevel::H3 => {
                        if let Some(section) = doc.sections.last_mut() {
                            section.subsections.push(Subsection { heading, code_blocks: Vec::new() });
                        }
                    }
                    _ => {}
                }
            }
            Event::Start(Tag::Paragraph) if doc.sections.is_empty() && doc.title.is_some() => {
                doc.description.push(paragraph_text(text, span));
            }
            Event::Start(Tag::Paragraph) if containers == 0 => {
                if let Some(section) = doc.sections.last_mut() {
                    section.paragraphs.push(paragraph_text(text, span));
                }
            }
            Event::Start(Tag::Item) => {
                containers += 1;
                if let Some(section) = doc.sections.last_mut() {
                    section.items.push(item_text(text, span));
                }
            }
            Event::Start(Tag::BlockQuote(_)) => containers += 1,
            Event::End(TagEnd::Item | TagEnd::BlockQuote(_)) => containers = containers.saturating_sub(1),
            Event::Start(Tag::Table(_)) => table = Some(Table { header: Vec::new(), rows: Vec::new(), span }),
            Event::Start(Tag::TableHead) => in_header = true,
            Event::End(TagEnd::TableHead) => in_header = false,
            Event::Start(Tag::TableRow) => row = Some(Row { cells: Vec::new(), span }),
            Event::End(TagEnd::TableRow) => {
                if let (Some(table), Some(row)) = (table.as_mut(), row.take()) {
                    table.rows.push(row);
                }
            }
            Event::Start(Tag::TableCell) => {
                let cell = cell_text(text, span);
                match (&mut table, &mut row) {
                    (Some(table), _) if in_header => table.header.push(cell),
                    (_, Some(row)) => row.cells.push(cell),
                    _ => {}
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(table) = table.take() {
                    match doc.sections.last_mut() {
                        Some(section) => section.tables.push(table),
                        None => {
                            let heading = Heading { text: "", span: table.span };
                            doc.sections.push(Section { tables: vec![table], ..Section::new(heading) });
                        }
                    }
                }
            }
            Event::Start(Tag::CodeBlock(_)) => code = Some(Text { text: Cow::Borrowed(""), span }),
            Event::Text(content) => {
                if let Some(code) = code.as_mut() {
                    match (&mut code.text, content) {
                        (Cow::Borrowed(""), CowStr::Borrowed(piece)) => code.text = Cow::Borrowed(piece),
                        (text, content) => text.to_mut().push_str(&content),
                    }
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let (Some(block), Some(section)) = (code.take(), doc.sections.last_mut()) {
                    if let Some(sub) = section.subsections.last_mut() {
                        sub.code_blocks.push(block.clone());
                    }
                    section.code_blocks.push(block);
                }
            }
            _ => {}
        }
    }
    doc
}

/// `\|` → `|`: undoes markdown's backslash escapes of ASCII punctuation in raw cell text.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

// The spans below come from pulldown-cmark's offset iterator over `text`: they lie on char
// boundaries within it, so slicing `text` with them cannot fail.

/// `## Fields ##` → `Fields`, keeping the span of the text itself.
fn heading_text(text: &str, span: Span) -> Heading<'_> {
    let raw = &text[span.start..span.end];
    let first_line = raw.split('\n').next().unwrap_or("");
    let without_marks = first_line.trim_start().trim_start_matches('#');
    let trimmed = without_marks.trim();
    let trimmed = trimmed.trim_end_matches('#').trim_end();
    let start = span.start
        + (first_line.len() - first_line.trim_start().len())
        + (first_line.trim_start().len() - without_marks.len())
        + (without_marks.len() - without_marks.trim_start().len());
    Heading { text: trimmed, span: Span::new(start, start + trimmed.len()) }
}

fn cell_text(text: &str, span: Span) -> Text<'_> {
    let raw = &text[span.start..span.end];
    let edge = |c: char| c == '|' || c.is_whitespace();
    let unled = raw.trim_start_matches(edge);
    let trimmed = unled.trim_end_matches(edge);
    let start = if trimmed.is_empty() { span.start } else { span.start + (raw.len() - unled.len()) };
    Text { text: Cow::Borrowed(trimmed), span: Span::new(start, start + trimmed.len()) }
}

impl<'a> Section<'a> {
    fn new(heading: Heading<'a>) -> Self {
        Section {
            heading,
            tables: Vec::new(),
            code_blocks: Vec::new(),
            subsections: Vec::new(),
            items: Vec::new(),
            paragraphs: Vec::new(),
        }
    }
}

/// A list item's first line without its marker (`- `, `* `, `1. `), trimmed.
fn item_text(text: &str, span: Span) -> Text<'_> {
    let raw = &text[span.start..span.end];
    let line = raw.split('\n').next().unwrap_or("");
    let unmarked = line.trim_start().trim_start_matches(|c: char| c.is_ascii_digit());
    let unmarked = unmarked.strip_prefix(['-', '*', '+', '.', ')']).unwrap_or(unmarked);
    let trimmed = unmarked.trim();
    let start = span.start + (line.len() - unmarked.trim_start().len());
    Text { text: Cow::Borrowed(trimmed), span: Span::new(start, start + trimmed.len()) }
}

/// A paragraph's raw source; blockquote markers on continuation lines are dropped.
fn paragraph_text(text: &str, span: Span) -> Text<'_> {
    let raw = &text[span.start..span.end];
    let lines: Vec<&str> = raw
        .lines()
        .map(|line| {
            let line = line.trim();
            line.strip_prefix('>').map_or(line, str::trim_start)
        })
        .collect();
    Text { text: Cow::Owned(lines.join("\n").trim().to_string()), span }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# ~~Thing~~\n\nA thing.\n\n> :warning: old\n\n## Fields\n\n| Field | Type |\n| --- | --- |\n| `a` | *List\\<String>* |\n| `b` |\n\n```\n| x | y |\n| - | - |\n```\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `A` | a\\|b |";

    #[test]
    fn reads_title_description_sections_and_raw_cells() {
        let doc = parse(DOC);
        assert_eq!(doc.title.as_ref().unwrap().text, "~~Thing~~");
        let descriptions: Vec<_> = doc.description.iter().map(|t| t.text.as_ref()).collect();
        assert_eq!(descriptions, ["A thing.", ":warning: old"]);
        let headings: Vec<_> = doc.sections.iter().map(|s| s.heading.text).collect();
        assert_eq!(headings, ["Fields", "Values"]);
        let fields = &doc.sections[0].tables;
        assert_eq!(fields.len(), 1, "the table inside the code block is not a table");
        let cell = &fields[0].rows[0].cells[1];
        assert_eq!(cell.text, "*List\\<String>*");
        assert_eq!(&DOC[cell.span.start..cell.span.end], cell.text);
        assert_eq!(doc.sections[1].tables[0].rows[0].cells[1].text, "a\\|b");
        assert_eq!(doc.sections[0].code_blocks[0].text, "| x | y |\n| - | - |\n");
    }

    #[test]
    fn keeps_subsections_and_their_code_blocks() {
        let doc = parse(
            "# U\n\n## Supported Types\n\n### `string`\n\n```ts\nconst v: string = \"x\";\n```\n\n### \n\n```go\nx := 1\n```\n",
        );
        let section = &doc.sections[0];
        let headings: Vec<&str> = section.subsections.iter().map(|s| s.heading.text).collect();
        assert_eq!(headings, ["`string`", ""]);
        assert_eq!(section.subsections[1].code_blocks[0].text, "x := 1\n");
        assert_eq!(section.code_blocks.len(), 2);
    }

    #[test]
    fn keeps_list_items_and_prose_of_a_section() {
        let text = "# E\n\n## Values\n\nThis is an open enum.\n\n- `\"a b\"`\n-   `-1`\n  more\n* x\n\n1. `\"n\"`\n\n> quoted\n";
        let doc = parse(text);
        let section = &doc.sections[0];
        let items: Vec<&str> = section.items.iter().map(|t| t.text.as_ref()).collect();
        assert_eq!(items, ["`\"a b\"`", "`-1`", "x", "`\"n\"`"]);
        for item in &section.items {
            assert_eq!(&text[item.span.start..item.span.end], item.text);
        }
        let prose: Vec<&str> = section.paragraphs.iter().map(|t| t.text.as_ref()).collect();
        assert_eq!(prose, ["This is an open enum."]);
    }

    #[test]
    fn heading_spans_point_at_the_text() {
        let doc = parse("#   Name  \n## Fields ##\n");
        let title = doc.title.unwrap();
        assert_eq!(title.text, "Name");
        assert_eq!(title.span, Span::new(4, 8));
        assert_eq!(doc.sections[0].heading.text, "Fields");
    }

    #[test]
    fn unescapes_backslash_escapes_of_punctuation_only() {
        for (raw, text) in [("a\\|b", "a|b"), ("\\<x\\>", "<x>"), ("a\\b", "a\\b"), ("\\\\", "\\"), ("end\\", "end\\")]
        {
            assert_eq!(unescape(raw), text, "{raw}");
        }
    }

    #[test]
    fn empty_and_title_only_docs() {
        assert_eq!(parse(""), DocTables::default());
        let doc = parse("# Union\n\n");
        assert_eq!(doc.title.unwrap().text, "Union");
        assert!(doc.sections.is_empty());
    }
}
