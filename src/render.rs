//! Templates → formatted files: renders each view with Tera, then parses the result with
//! `syn` (so that nothing but valid Rust leaves mdschema) and prints it with prettyplease.
//!
//! A block between the lines `// mdschema:verbatim` and `// mdschema:end-verbatim` is checked
//! by `syn` on its own and emitted exactly as the template lays it out: prettyplease would
//! re-flow a macro's body (the serde support module, each struct's `impl_serde!` call) into
//! one paragraph of tokens.
//!
//! Doc comments are a third of the text and need neither: each run of `///` lines is set
//! aside before parsing, stands in the code as one short doc attribute, and is put back where
//! prettyplease printed that attribute. A `///` line is a comment whatever it holds (the
//! view leaves no character in it that ends a line), so the file parses exactly when the
//! code with the stand-ins does.

use std::path::Path;

use crate::diag::Error;
use crate::view::{FileView, ItemView, StructView};

/// The serde support module's template: part of the written-out impls' contract, so that no
/// templates folder replaces it (`serde_impls = "derive"` does without it).
const SUPPORT_TEMPLATE: &str = "serde_support.rs.tera";

/// The built-in templates, by name. A user's templates folder may replace any of them but
/// [`SUPPORT_TEMPLATE`].
pub const BUILTIN_TEMPLATES: [(&str, &str); 8] = [
    ("mod.rs.tera", include_str!("../templates/mod.rs.tera")),
    ("struct.rs.tera", include_str!("../templates/struct.rs.tera")),
    ("enum.rs.tera", include_str!("../templates/enum.rs.tera")),
    ("int_enum.rs.tera", include_str!("../templates/int_enum.rs.tera")),
    ("union.rs.tera", include_str!("../templates/union.rs.tera")),
    ("const.rs.tera", include_str!("../templates/const.rs.tera")),
    ("opaque.rs.tera", include_str!("../templates/opaque.rs.tera")),
    (SUPPORT_TEMPLATE, include_str!("../templates/serde_support.rs.tera")),
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
                Some(path) if name == SUPPORT_TEMPLATE => {
                    return Err(Error::Template(format!(
                        "{}: the serde support module cannot be replaced: each struct's `impl_serde!` call relies on it as mdschema writes it; set `serde_impls = \"derive\"` in mdschema.toml for serde's derives instead, and remove the file",
                        path.display()
                    )));
                }
                Some(path) => {
                    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                    override_files.push(path);
                    text
                }
                None => builtin.to_string(),
            };
            sources.push((name, source));
        }
        // All at once, so that a template may include any other (`mod.rs.tera` includes the
        // support module's).
        tera.add_raw_templates(sources.iter().map(|(name, source)| (*name, source.as_str())))
            .map_err(|e| Error::Template(error_chain(&e)))?;
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
        let template_error =
            |message: String| Error::Template(format!("{} (rendering {}): {message}", file.template, file.path));
        let (code, blocks) = set_verbatim_aside(&code).map_err(template_error)?;
        let mut macros = Vec::new();
        for block in &blocks {
            let syntax = syn::parse_file(block.text).map_err(|e| {
                template_error(format!(
                    "the verbatim block at line {} is not valid Rust: {e}\n{}",
                    block.line, block.text
                ))
            })?;
            macros.extend(item_macros(syntax.items));
        }
        let (formatted, items) = match format_setting_docs_aside(&code) {
            Some(formatted) => formatted,
            None => {
                let syntax = syn::parse_file(&code).map_err(|e| {
                    Error::Template(format!(
                        "{} produced code that is not valid Rust for {}: {e}\n{code}",
                        file.template, file.path
                    ))
                })?;
                (prettyplease::unparse(&syntax), syntax.items)
            }
        };
        macros.extend(item_macros(items));
        self.check_contract(file, &blocks, &macros).map_err(template_error)?;
        let body = put_verbatim_back(&formatted, &blocks).map_err(template_error)?;
        let newline = if body.is_empty() || body.ends_with('\n') { "" } else { "\n" };
        let contents = format!("{}\n{body}{newline}", file.header);
        Ok(RenderedFile { path: file.path.clone(), contents })
    }

    /// What the written-out serde impls need of a user's templates: the root module holds
    /// the support module as mdschema writes it, and each struct whose impls are written out
    /// calls `impl_serde!` with its name and fields, as `struct.rs.tera` does.
    fn check_contract(&self, file: &FileView, blocks: &[Verbatim], macros: &[syn::ItemMacro]) -> Result<(), String> {
        let help = "keep it as the built-in template writes it (see the README's Templates), or set `serde_impls = \"derive\"` in mdschema.toml";
        match &file.item {
            ItemView::Module(module) => {
                let Some(name) = &module.serde_support else { return Ok(()) };
                let mut context = tera::Context::new();
                context.insert("item", &file.item);
                let support = self.tera.render(SUPPORT_TEMPLATE, &context).map_err(|e| error_chain(&e))?;
                let (_, expected) = set_verbatim_aside(&support)?;
                let found = blocks.iter().any(|b| expected.first().is_some_and(|e| e.text == b.text));
                if !found {
                    return Err(format!(
                        "the root module must hold the serde support module `{name}` that the structs' `impl_serde!` calls use, exactly as `{{% include \"{SUPPORT_TEMPLATE}\" %}}` writes it: {help}"
                    ));
                }
            }
            ItemView::Struct(item) => {
                let Some(expected) = impl_serde_call(item) else { return Ok(()) };
                // The built-in template's call, as it lays it out; else the same tokens.
                if blocks.iter().any(|b| b.text == expected) {
                    return Ok(());
                }
                let expected = syn::parse_str::<syn::ItemMacro>(&expected).map_err(|e| e.to_string())?;
                let path =
                    |m: &syn::ItemMacro| m.mac.path.segments.iter().map(|s| s.ident.to_string()).collect::<Vec<_>>();
                let same = |m: &&syn::ItemMacro| {
                    path(m) == path(&expected) && m.mac.tokens.to_string() == expected.mac.tokens.to_string()
                };
                if !macros.iter().any(|m| same(&m)) {
                    return Err(format!(
                        "the struct `{}` has no `impl_serde!` call listing its fields as the support module reads them (its `Serialize` and `Deserialize` would be missing): {help}",
                        item.name
                    ));
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// The `impl_serde!` call that writes out a struct's serde impls, if they are written out,
/// laid out as `struct.rs.tera` lays it out.
fn impl_serde_call(item: &StructView) -> Option<String> {
    use std::fmt::Write;
    let serde = item.serde.as_ref()?;
    let mut call = format!("{}::impl_serde! {{\n", serde.support);
    for attr in &serde.impl_attrs {
        let _ = writeln!(call, "    {attr}");
    }
    let _ = writeln!(call, "    {} as {} in {};", item.name, serde.name_literal, serde.support);
    for field in &serde.fields {
        let _ = writeln!(call, "    {} {} = {},", field.presence, field.name, field.key);
    }
    call.push_str("}\n");
    Some(call)
}

fn item_macros(items: Vec<syn::Item>) -> impl Iterator<Item = syn::ItemMacro> {
    items.into_iter().filter_map(|item| match item {
        syn::Item::Macro(mac) => Some(mac),
        _ => None,
    })
}

/// The line that opens a block emitted exactly as the template lays it out.
const VERBATIM_BEGIN: &str = "// mdschema:verbatim";
/// The line that closes it.
const VERBATIM_END: &str = "// mdschema:end-verbatim";
/// What a verbatim block stands as while the rest is formatted: `{VERBATIM_STAND_IN}(n);`.
const VERBATIM_STAND_IN: &str = "__mdschema_verbatim!";

/// A block of a rendered template emitted as written.
struct Verbatim<'a> {
    /// Its lines, each with its line break.
    text: &'a str,
    /// The 1-based line of the rendered template it starts on, for errors.
    line: usize,
}

/// `code` with each verbatim block replaced by a stand-in item, and the blocks.
fn set_verbatim_aside(code: &str) -> Result<(String, Vec<Verbatim<'_>>), String> {
    let mut out = String::with_capacity(code.len());
    let mut blocks = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut offset = 0;
    for (index, line) in code.split_inclusive('\n').enumerate() {
        let marker = line.trim();
        match (marker, open) {
            (VERBATIM_BEGIN, None) => open = Some((offset + line.len(), index + 1)),
            (VERBATIM_END, Some((start, begin_line))) => {
                out.push_str(&format!("{VERBATIM_STAND_IN}({});\n", blocks.len()));
                blocks.push(Verbatim { text: &code[start..offset], line: begin_line + 1 });
                open = None;
            }
            (VERBATIM_BEGIN, Some((_, begin_line))) => {
                return Err(format!(
                    "line {}: `{VERBATIM_BEGIN}` inside the block opened at line {begin_line}",
                    index + 1
                ));
            }
            (VERBATIM_END, None) => return Err(format!("line {}: `{VERBATIM_END}` closes no block", index + 1)),
            (_, Some(_)) => {}
            (_, None) => out.push_str(line),
        }
        offset += line.len();
    }
    match open {
        Some((_, line)) => Err(format!("line {line}: `{VERBATIM_BEGIN}` is never closed by `{VERBATIM_END}`")),
        None => Ok((out, blocks)),
    }
}

/// `formatted` with each stand-in line replaced by its block; an error unless every block's
/// stand-in is found, in order, once, as an item of its own.
fn put_verbatim_back(formatted: &str, blocks: &[Verbatim]) -> Result<String, String> {
    if blocks.is_empty() {
        return Ok(formatted.to_string());
    }
    let mut out = String::with_capacity(formatted.len() + blocks.iter().map(|b| b.text.len()).sum::<usize>());
    let mut next = 0;
    for line in formatted.split_inclusive('\n') {
        let index = line.trim().strip_prefix(VERBATIM_STAND_IN).and_then(|t| t.strip_prefix('(')?.strip_suffix(");"));
        match index {
            Some(index) if next < blocks.len() && index == next.to_string() => {
                out.push_str(blocks[next].text);
                next += 1;
            }
            _ => out.push_str(line),
        }
    }
    match blocks.get(next) {
        Some(block) => Err(format!("the verbatim block at line {} is not an item of its own", block.line)),
        None => Ok(out),
    }
}

/// What a run of doc lines stands as in the code while it is set aside: `{STAND_IN}{n}`.
const STAND_IN: &str = "@mdschema-doc-";

/// `code` formatted, with its runs of `///` lines set aside while syn and prettyplease run,
/// and its items; `None` when that cannot be done exactly (the code does not parse, or a
/// stand-in did not come out as a line of its own, as in a string literal), for the caller
/// to format the whole text and report its errors.
fn format_setting_docs_aside(code: &str) -> Option<(String, Vec<syn::Item>)> {
    let (without_docs, runs) = set_docs_aside(code);
    let syntax = syn::parse_file(&without_docs).ok()?;
    let formatted = prettyplease::unparse(&syntax);
    Some((put_docs_back(&formatted, &runs)?, syntax.items))
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
            assert_eq!(format_setting_docs_aside(code).map(|(text, _)| text), Some(whole(code)), "{code}");
        }
    }

    #[test]
    fn a_doc_line_in_a_string_or_a_stand_in_of_the_template_s_own_falls_back() {
        // A line of a multi-line string that looks like a doc comment: its stand-in is
        // not printed as a doc line, so the text is formatted whole.
        let in_string = "pub const S: &str = r\"a\n/// not a doc\n\";\n/// Doc.\npub struct A;\n";
        assert!(format_setting_docs_aside(in_string).is_none());
        let own = "#[doc = \"@mdschema-doc-1\"]\n/// Doc.\npub struct A;\n";
        assert!(format_setting_docs_aside(own).is_none());
        let own_after = "/// Doc.\npub struct A;\n#[doc = \"@mdschema-doc-1\"]\npub struct B;\n";
        assert!(format_setting_docs_aside(own_after).is_none());
        // A doc comment with nothing to document does not parse either way.
        assert!(format_setting_docs_aside("pub struct A;\n/// Dangling.\n").is_none());
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
            proptest::prop_assert_eq!(format_setting_docs_aside(&code).map(|(text, _)| text), Some(whole(&code)));
        }
    }
}
