//! Templates → formatted files: renders each view with Tera, then parses the result with
//! `syn` (so that nothing but valid Rust leaves mdschema) and prints it with prettyplease.

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

    /// Renders and formats every file, in parallel, keeping their order.
    pub fn render_all(&self, files: &[FileView]) -> Result<Vec<RenderedFile>, Error> {
        use rayon::prelude::*;
        files.par_iter().map(|file| self.render(file)).collect()
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
        let syntax = syn::parse_file(&code).map_err(|e| {
            Error::Template(format!(
                "{} produced code that is not valid Rust for {}: {e}\n{code}",
                file.template, file.path
            ))
        })?;
        let body = prettyplease::unparse(&syntax);
        let newline = if body.is_empty() || body.ends_with('\n') { "" } else { "\n" };
        let contents = format!("{}\n{body}{newline}", file.header);
        Ok(RenderedFile { path: file.path.clone(), contents })
    }
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
