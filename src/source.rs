//! Source files and byte spans: what every later stage points back into for diagnostics.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into one doc's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// A sub-range given relative to this span's start.
    pub fn sub(self, start: usize, end: usize) -> Span {
        Span::new(self.start + start, self.start + end)
    }
}

/// One doc as read from disk: its text and where its lines start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the schemas folder, `/`-separated (`components/Credentials.md`).
    pub rel_path: String,
    /// Path as the user should see it in messages (the schemas folder joined with `rel_path`).
    pub display_path: String,
    /// The doc's text, with a leading BOM removed.
    pub text: String,
    line_starts: Vec<usize>,
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl SourceFile {
    /// Wraps a doc's text; a leading byte-order mark is dropped.
    pub fn new(rel_path: impl Into<String>, display_path: impl Into<String>, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        SourceFile { rel_path: rel_path.into(), display_path: display_path.into(), text, line_starts }
    }

    /// The id of the model this doc describes: its relative path without `.md`.
    pub fn model_id(&self) -> &str {
        self.rel_path.strip_suffix(".md").unwrap_or(&self.rel_path)
    }

    /// The text covered by `span`.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// Line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line_index = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let line_start = self.line_starts[line_index];
        let column = self.text[line_start..floor_char_boundary(&self.text, offset)].chars().count() + 1;
        LineCol { line: line_index + 1, column }
    }

    /// The byte range of the whole line holding `offset`, without its line ending.
    pub fn line_span(&self, offset: usize) -> Span {
        let line = self.line_col(offset).line;
        let start = self.line_starts[line - 1];
        let end = self.line_starts.get(line).map_or(self.text.len(), |&next| next - 1);
        let end = if self.text[start..end].ends_with('\r') { end - 1 } else { end };
        Span::new(start, end.max(start))
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column() {
        let file = SourceFile::new("a.md", "a.md", "ab\ncé d\r\nx".to_string());
        let cases = [(0, 1, 1), (1, 1, 2), (3, 2, 1), (6, 2, 3), (10, 3, 1), (11, 3, 2), (99, 3, 2)];
        for (offset, line, column) in cases {
            assert_eq!(file.line_col(offset), LineCol { line, column }, "offset {offset}");
        }
        assert_eq!(file.slice(file.line_span(4)), "cé d");
    }

    #[test]
    fn bom_is_dropped() {
        let file = SourceFile::new("a.md", "a.md", "\u{feff}# T".to_string());
        assert_eq!(file.text, "# T");
    }
}
