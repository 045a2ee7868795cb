//! Diagnostics: every problem found in the input, located at `path:line:column`.
//!
//! Stages collect diagnostics instead of stopping at the first one, so that a user fixes all
//! of a doc's problems in one pass.

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::source::{SourceFile, Span};

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// The file as the user named it.
    pub path: String,
    /// Where in the file, if the problem has a place (a missing file has none).
    pub location: Option<Box<Location>>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// Whether it stops generation.
    pub severity: Severity,
    /// What kind of warning it is, for `[allow]` and grouping; `None` for errors.
    pub code: Option<WarningCode>,
}

/// The kinds of warning, each with a stable name that `[allow]` in mdschema.toml takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum WarningCode {
    /// A doc that does not describe its model's shape (Java and C# union docs): any JSON.
    OpaqueUnion,
    /// A doc with no model section, skipped.
    NoModel,
    /// A link matched by its file name only.
    LinkByFileName,
    /// A file or folder skipped (a symbolic link, a name that is not UTF-8).
    SkippedFile,
    /// A field key of the config that matches no field.
    UnusedKey,
    /// Merged sources disagree; the first source's fact is kept.
    MergeConflict,
    /// A doc that could not be read, generated as any JSON because the run keeps going.
    UnreadableDoc,
    /// An openapi-generator doc whose `## Properties` table is empty: any JSON.
    EmptyProperties,
}

impl WarningCode {
    /// Every code, in the order the README lists them.
    pub const ALL: [WarningCode; 8] = [
        WarningCode::OpaqueUnion,
        WarningCode::NoModel,
        WarningCode::LinkByFileName,
        WarningCode::SkippedFile,
        WarningCode::UnusedKey,
        WarningCode::MergeConflict,
        WarningCode::UnreadableDoc,
        WarningCode::EmptyProperties,
    ];

    /// The stable name (`opaque-union`).
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::OpaqueUnion => "opaque-union",
            WarningCode::NoModel => "no-model",
            WarningCode::LinkByFileName => "link-by-file-name",
            WarningCode::SkippedFile => "skipped-file",
            WarningCode::UnusedKey => "unused-key",
            WarningCode::MergeConflict => "merge-conflict",
            WarningCode::UnreadableDoc => "unreadable-doc",
            WarningCode::EmptyProperties => "empty-properties",
        }
    }

    /// The code named `name`.
    pub fn from_name(name: &str) -> Option<WarningCode> {
        WarningCode::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for WarningCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// Generation stops.
    #[default]
    Error,
    /// Worth telling; generation goes on.
    Warning,
}

/// The place a diagnostic points at, with the source line for display.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The whole source line.
    pub source_line: String,
    /// The byte range to underline within `source_line`.
    pub underline: std::ops::Range<usize>,
}

impl Diagnostic {
    /// A problem at `span` in `file`.
    pub fn at(file: &SourceFile, span: Span, message: impl Into<String>) -> Self {
        let line_span = file.line_span(span.start);
        let start = span.start.clamp(line_span.start, line_span.end) - line_span.start;
        let end = span.end.clamp(line_span.start, line_span.end) - line_span.start;
        let lc = file.line_col(span.start);
        Diagnostic {
            path: file.display_path.clone(),
            location: Some(Box::new(Location {
                line: lc.line,
                column: lc.column,
                source_line: file.slice(line_span).to_string(),
                underline: start..end.max(start),
            })),
            message: message.into(),
            help: None,
            severity: Severity::Error,
            code: None,
        }
    }

    /// A problem with a whole file.
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            location: None,
            message: message.into(),
            help: None,
            severity: Severity::Error,
            code: None,
        }
    }

    /// Marks the diagnostic as a warning of kind `code`.
    pub fn warning(mut self, code: WarningCode) -> Self {
        self.severity = Severity::Warning;
        self.code = Some(code);
        self
    }

    /// The first line of [`render`](Self::render): `path:line:column: [code] message`.
    pub fn headline(&self) -> String {
        self.head(true)
    }

    /// Where: `path:line:column`, or the path.
    pub fn place(&self) -> String {
        let path = sanitize_for_terminal(&self.path);
        match &self.location {
            Some(loc) => format!("{path}:{}:{}", loc.line, loc.column),
            None => path,
        }
    }

    fn head(&self, one_line: bool) -> String {
        let place = self.place();
        let mut message = sanitize_for_terminal(&self.message);
        if one_line {
            message = message.replace('\n', " ");
        }
        let code = self.code.map(|c| format!("[{c}] ")).unwrap_or_default();
        format!("{place}: {code}{message}")
    }

    /// Adds advice on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl Diagnostic {
    /// The diagnostic as text: `path:line:column: message`, then the source line with a
    /// caret and the help. `styled` adds terminal colours.
    pub fn render(&self, styled: bool) -> String {
        let headline = self.head(false);
        let help = self.help.as_deref().map(sanitize_for_terminal);
        let Some(loc) = &self.location else {
            let help = help.map(|h| format!("\n  help: {h}")).unwrap_or_default();
            return format!("{headline}{help}");
        };
        let (line, underline) = sanitize_line(&loc.source_line, loc.underline.clone());
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_level(level).element(
            Snippet::source(line.as_str()).line_start(loc.line).annotation(AnnotationKind::Primary.span(underline)),
        );
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let renderer = if styled { Renderer::styled() } else { Renderer::plain() };
        format!("{headline}\n{}", renderer.render(&[group]))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Warnings as the CLI prints them: each in full with `verbose` or when it is the only one
/// of its code; otherwise one block per code, with the message once when they share it and
/// then where each one is.
pub fn render_warnings(warnings: &[Diagnostic], verbose: bool, styled: bool) -> Vec<String> {
    let mut by_code: std::collections::BTreeMap<Option<WarningCode>, Vec<&Diagnostic>> = Default::default();
    for warning in warnings {
        by_code.entry(warning.code).or_default().push(warning);
    }
    let mut blocks = Vec::new();
    for (code, group) in by_code {
        match code {
            Some(code) if group.len() > 1 && !verbose => blocks.push(grouped(code, &group)),
            _ => blocks.extend(group.iter().map(|w| format!("warning: {}", w.render(styled)))),
        }
    }
    blocks
}

fn grouped(code: WarningCode, group: &[&Diagnostic]) -> String {
    let shared = group.iter().all(|w| w.message == group[0].message);
    let message = if shared {
        format!(": {}", sanitize_for_terminal(&group[0].message).replace('\n', " "))
    } else {
        String::new()
    };
    let mut lines = vec![format!(
        "warning[{code}]: {} warnings{message}\n  (`--verbose` shows each in full; `[allow] \"<doc glob>\" = [\"{code}\"]` in mdschema.toml silences them)",
        group.len(),
    )];
    for warning in group {
        lines.push(format!("  {}", if shared { warning.place() } else { warning.headline() }));
    }
    if let Some(help) = group.iter().find_map(|w| w.help.as_deref()).filter(|_| shared) {
        lines.push(format!("  help: {}", sanitize_for_terminal(help)));
    }
    lines.join("\n")
}

/// [`sanitize_for_terminal`] for a source line, moving the underlined byte range along.
fn sanitize_line(line: &str, underline: std::ops::Range<usize>) -> (String, std::ops::Range<usize>) {
    let mut out = String::with_capacity(line.len());
    let (mut start, mut end) = (None, None);
    for (offset, c) in line.char_indices() {
        if start.is_none() && offset >= underline.start {
            start = Some(out.len());
        }
        if end.is_none() && offset >= underline.end {
            end = Some(out.len());
        }
        out.push(if c.is_control() && c != '\t' { '\u{fffd}' } else { c });
    }
    let start = start.unwrap_or(out.len());
    (out.clone(), start..end.unwrap_or(out.len()).max(start))
}

/// Control characters from a doc (or a file name) must not reach the user's terminal as
/// escape sequences.
fn sanitize_for_terminal(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\t' && c != '\n' { '\u{fffd}' } else { c }).collect()
}

/// Everything that can make mdschema fail.
#[non_exhaustive]
pub enum Error {
    /// The docs or the config have problems; all of them are listed.
    Input(Vec<Diagnostic>),
    /// Reading or writing a file failed.
    Io {
        /// The file or folder involved.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A template failed to render or produced code that does not parse.
    Template(String),
    /// A required setting is missing (for example no output folder and no `OUT_DIR`).
    Setup(String),
}

impl Error {
    /// A file operation on `path` failed.
    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io { path: path.as_ref().display().to_string(), source }
    }
}

impl Error {
    /// The error as text; `styled` adds terminal colours to diagnostics.
    pub fn render(&self, styled: bool) -> String {
        match self {
            Error::Input(diagnostics) => {
                let mut out: Vec<String> = diagnostics.iter().map(|d| d.render(styled)).collect();
                let count = diagnostics.len();
                out.push(format!("{count} error{} in the input", if count == 1 { "" } else { "s" }));
                if diagnostics.iter().any(|d| d.path.ends_with(".md")) {
                    out.push("to generate every other doc, each unreadable one as any JSON, pass `--keep-going` (or set `keep_going = true` in mdschema.toml)".into());
                }
                out.join("\n")
            }
            Error::Io { path, source } => format!("{}: {source}", sanitize_for_terminal(path)),
            Error::Template(message) => format!("template error: {message}"),
            Error::Setup(message) => sanitize_for_terminal(message),
        }
    }
}

/// Shows the readable form, so that a build script's `fn main() -> Result<(), Error>`
/// prints the diagnostics rather than a struct dump.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_column_and_shows_the_line() {
        let file = SourceFile::new("x.md", "schemas/x.md", "# T\n| `a` | *Strin* |\n".to_string());
        let d = Diagnostic::at(&file, Span::new(12, 19), "unknown type `Strin`").with_help("use String");
        let shown = d.to_string();
        assert!(shown.starts_with("schemas/x.md:2:9: unknown type `Strin`\n"), "{shown}");
        assert!(shown.contains("| `a` | *Strin* |"), "{shown}");
        assert!(shown.contains("^^^^^^^"), "{shown}");
        assert!(shown.contains("help: use String"), "{shown}");
    }

    #[test]
    fn underlines_stay_on_characters_after_sanitizing() {
        let (line, range) = sanitize_line("a\u{1b}é\u{1b}b", 2..5);
        assert_eq!(&line[range], "é\u{fffd}");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let file = SourceFile::new("x.md", "x.md", "# T\x1b[31m\n".to_string());
        let shown = Diagnostic::at(&file, Span::new(0, 3), "bad").to_string();
        assert!(!shown.contains('\x1b'), "{shown:?}");
    }
}
