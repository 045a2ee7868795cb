//! Templates → formatted files: renders each view with Tera, then parses the result with
//! `syn` (so that nothing but valid Rust leaves mdschema) and prints it with prettyplease.
//!
//! Doc comments are a third of the text and need neither: each run of `///` lines is set
//! aside before parsing, stands in the code as one short doc attribute, and is put back where
//! prettyplease printed that attribute. A `///` line is a comment whatever it holds (the
//! view leaves no character in it that ends a line), so the file parses exactly when the
//! code with the stand-ins does.

use std::path::Path;

use crate::diag::Error;
use crate::view::FileView;

/// The built-in templates, by name. A user's templates folder may replace any of them.
pub const BUILTIN_TEMPLATES: [(&str, &str); 7] = [
    ("mod.rs.tera", include_str!("../templates/mod.rs.tera")),
    ("struct.rs.tera", include_str!("../templates/struct.rs.tera")),
    ("enum.rs.tera", include_str!("../templates/enum.rs.tera")),
    ("int_enum.rs.tera", include_str!("../templates/int_enum.rs.tera")),
    ("union.rs.tera", include_str!("../templates/union.rs.tera")),
    ("const.rs.tera", include_str!("../templates/const.rs.tera")),
    ("opaque.rs.tera", include_str!("../templates/opaque.rs.tera")),
];

/// A file ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    /// Output path relative to the output folder, `/`-separated.
    pub path: String,
    /// The whole file.
    pub contents: String,
}

/// The templates in use: the built-ins, with the user's overrides.
pub struct Templates {
    tera: tera::Tera,
    /// Override files that were read, for `rerun-if-changed`.
    pub override_files: Vec<std::path::PathBuf>,
    /// Each template's name and the source in use (built-in or override).
    pub sources: Vec<(&'static str, String)>,
}

impl Templates {
    /// Loads the built-in templates and, from `overrides`, any file named like one of them.
    pub fn load(overrides: Option<&Path>) -> Result<Templates, Error> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(Vec::<&str>::new());
        let mut override_files = Vec::new();
        let mut sources = Vec::new();
        for (name, builtin) in BUILTIN_TEMPLATES {
            let source = match overrides.map(|dir| dir.join(name)).filter(|p| p.is_file()) {
                Some(path) => {
                    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                    override_files.push(path);
                    text
                }
                None => builtin.to_string(),
            };
            tera.add_raw_template(name, &source)
                .map_err(|e| Error::Template(format!("{name}: {}", error_chain(&e))))?;
            sources.push((name, source));
        }
        Ok(Templates { tera, override_files, sources })
    }

    /// Renders and formats one file.
    pub fn render(&self, file: &FileView) -> Result<RenderedFile, Error> {
        let mut context = tera::Context::new();
        context.insert("item", &file.item);
        context.insert("header", &file.header);
        let mut code = self.tera.render(file.template, &context).map_err(|e| {
            Error::Template(format!("{} (rendering {}): {}", file.template, file.path, error_chain(&e)))
        })?;
        for item in &file.consts {
            let mut context = tera::Context::new();
            context.insert("item", item);
            code.push('\n');
            code.push_str(&self.tera.render("const.rs.tera", &context).map_err(|e| {
                Error::Template(format!("const.rs.tera (rendering {}): {}", file.path, error_chain(&e)))
            })?);
        }
        let body = match format_setting_docs_aside(&code) {
            Some(body) => body,
            None => {
                let syntax = syn::parse_file(&code).map_err(|e| {
                    Error::Template(format!(
                        "{} produced code that is not valid Rust for {}: {e}\n{code}",
                        file.template, file.path
                    ))
                })?;
                prettyplease::unparse(&syntax)
            }
        };
        let newline = if body.is_empty() || body.ends_with('\n') { "" } else { "\n" };
        let contents = format!("{}\n{body}{newline}", file.header);
        Ok(RenderedFile { path: file.path.clone(), contents })
    }
}

/// What a run of doc lines stands as in the code while it is set aside: `{STAND_IN}{n}`.
const STAND_IN: &str = "@mdschema-doc-";

/// `code` formatted, with its runs of `///` lines set aside while syn and prettyplease run;
/// `None` when that cannot be done exactly (the code does not parse, or a stand-in did not
/// come out as a line of its own, as in a string literal), for the caller to format the
/// whole text and report its errors.
fn format_setting_docs_aside(code: &str) -> Option<String> {
    let (without_docs, runs) = set_docs_aside(code);
    let formatted = prettyplease::unparse(&syn::parse_file(&without_docs).ok()?);
    put_docs_back(&formatted, &runs)
}

/// `code` with each run of doc lines replaced by one stand-in attribute, and the runs.
fn set_docs_aside(code: &str) -> (String, Vec<Vec<&str>>) {
    let mut out = String::with_capacity(code.len() / 2);
    let mut runs: Vec<Vec<&str>> = Vec::new();
    let mut in_run = false;
    for line in code.split_inclusive('\n') {
        match doc_text(line) {
            Some(text) => {
                if !in_run {
                    out.push_str(&format!("#[doc = \"{STAND_IN}{}\"]\n", runs.len()));
                    runs.push(Vec::new());
                    in_run = true;
                }
                runs.last_mut().expect("a run was started").push(text);
            }
            None => {
                out.push_str(line);
                in_run = false;
            }
        }
    }
    (out, runs)
}

/// The text after `///` when `line` is nothing but an outer doc comment that prettyplease
/// would print back as it is (not `////`, a plain comment; no carriage return).
fn doc_text(line: &str) -> Option<&str> {
    let text = line.trim_start().strip_prefix("///")?.strip_suffix('\n')?;
    (!text.starts_with('/') && !text.contains('\r')).then_some(text)
}

/// `formatted` with each stand-in line replaced by its run, at its indentation; `None`
/// unless every stand-in is found, in order, once.
fn put_docs_back(formatted: &str, runs: &[Vec<&str>]) -> Option<String> {
    let mut out = String::with_capacity(formatted.len() + runs.iter().flatten().map(|l| l.len() + 8).sum::<usize>());
    let mut next = 0;
    for line in formatted.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let Some(index) = trimmed.strip_prefix("///").and_then(|t| t.trim_end().strip_prefix(STAND_IN)) else {
            out.push_str(line);
            continue;
        };
        if next >= runs.len() || index != next.to_string() {
            return None;
        }
        let indent = &line[..line.len() - trimmed.len()];
        for text in &runs[next] {
            out.push_str(indent);
            out.push_str("///");
            out.push_str(text.trim_end_matches(' '));
            out.push('\n');
        }
        next += 1;
    }
    (next == runs.len()).then_some(out)
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(code: &str) -> String {
        prettyplease::unparse(&syn::parse_file(code).unwrap())
    }

    #[test]
    fn docs_set_aside_come_back_as_formatting_the_whole_text_gives() {
        let cases = [
            "/// A model.\n///\n/// With `*/`, \"quotes\", \\ and trailing spaces   \n#[derive(Debug)]\npub struct A {\n/// One.\n    pub one: i32,\n        ///   Two, oddly indented.\n  /// Second line.\npub two: Option<String>,\n}\n",
            "/// E.\npub enum E {\n    /// V.\n    V,\n}\nimpl E {\n    /// Never fails.\n    pub fn f(&self) -> i32 { 1 }\n}\n",
            "//// A plain comment, not a doc.\n/// Doc.\npub struct B;\n",
            "mod m {\n    /// Inner item.\n    pub struct C;\n}\n",
        ];
        for code in cases {
            assert_eq!(format_setting_docs_aside(code).as_deref(), Some(whole(code).as_str()), "{code}");
        }
    }

    #[test]
    fn a_doc_line_in_a_string_or_a_stand_in_of_the_template_s_own_falls_back() {
        // A line of a multi-line string that looks like a doc comment: its stand-in is
        // not printed as a doc line, so the text is formatted whole.
        let in_string = "pub const S: &str = r\"a\n/// not a doc\n\";\n/// Doc.\npub struct A;\n";
        assert_eq!(format_setting_docs_aside(in_string), None);
        let own = "#[doc = \"@mdschema-doc-1\"]\n/// Doc.\npub struct A;\n";
        assert_eq!(format_setting_docs_aside(own), None);
        let own_after = "/// Doc.\npub struct A;\n#[doc = \"@mdschema-doc-1\"]\npub struct B;\n";
        assert_eq!(format_setting_docs_aside(own_after), None);
        // A doc comment with nothing to document does not parse either way.
        assert_eq!(format_setting_docs_aside("pub struct A;\n/// Dangling.\n"), None);
        assert!(syn::parse_file("pub struct A;\n/// Dangling.\n").is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_doc_text_comes_back_as_formatting_the_whole_text_gives(
            lines in proptest::collection::vec(".*", 0..6),
            field_lines in proptest::collection::vec(".*", 1..4),
        ) {
            let doc = |line: &String| format!("/// {}", crate::rustdoc::visible(line));
            let mut code: String = lines.iter().map(|l| doc(l) + "\n").collect();
            code.push_str("pub struct A {\n");
            code.extend(field_lines.iter().map(|l| format!("    {}\n", doc(l))));
            code.push_str("    pub a: i32,\n}\n");
            proptest::prop_assert_eq!(format_setting_docs_aside(&code), Some(whole(&code)));
        }
    }
}
