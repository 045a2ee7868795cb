//! One-file output: the tree of files laid out as nested inline modules in one file, for
//! build scripts (`include!(concat!(env!("OUT_DIR"), "/models.rs"))`). Each line that is
//! exactly `include!("<file>");` is replaced by that file's text, indented to the line, so
//! the types and paths are the tree layout's.

use std::collections::{HashMap, HashSet};

use crate::diag::Error;
use crate::render::RenderedFile;

/// The tree rooted at `mod.rs`, as one file named `name`, with one header.
pub fn assemble(name: &str, files: &[RenderedFile], header: &str) -> Result<RenderedFile, Error> {
    let by_path: HashMap<&str, &str> = files.iter().map(|f| (f.path.as_str(), f.contents.as_str())).collect();
    let mut used = HashSet::new();
    // Room for every file and some indentation, so that the text is not copied as it grows.
    let mut contents = String::with_capacity(files.iter().map(|f| f.contents.len()).sum::<usize>() * 5 / 4);
    contents.push_str(header);
    contents.push('\n');
    inline("mod.rs", "", &by_path, &mut used, &mut contents)?;
    if let Some(orphan) = files.iter().find(|f| !used.contains(f.path.as_str())) {
        return Err(Error::Template(format!(
            "single-file output: no module includes {} (mod.rs.tera must include each file as `include!(\"<path>\");` on a line of its own)",
            orphan.path
        )));
    }
    Ok(RenderedFile { path: name.to_string(), contents })
}

fn inline<'a>(
    path: &str,
    indent: &str,
    files: &HashMap<&'a str, &'a str>,
    used: &mut HashSet<&'a str>,
    out: &mut String,
) -> Result<(), Error> {
    let Some((&path, text)) = files.get_key_value(path) else {
        return Err(Error::Template(format!("single-file output: {path} is included but was not generated")));
    };
    if !used.insert(path) {
        return Err(Error::Template(format!("single-file output: {path} is included twice")));
    }
    let dir = path.rfind('/').map_or("", |i| &path[..=i]);
    // The first line is the file's own `@generated` header.
    for line in text.lines().skip(1) {
        let trimmed = line.trim_start();
        let own_indent = &line[..line.len() - trimmed.len()];
        match included(trimmed) {
            Some(target) => {
                // A blank line between items, as between the tree's files.
                if !(out.ends_with("{\n") || out.ends_with("\n\n") || out.matches('\n').nth(1).is_none()) {
                    out.push('\n');
                }
                inline(&format!("{dir}{target}"), &format!("{indent}{own_indent}"), files, used, out)?;
            }
            None if line.is_empty() => out.push('\n'),
            None => {
                out.push_str(indent);
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    Ok(())
}

/// The path of `include!("<path>");`, when the line is exactly that. Generated paths are
/// plain module and file names, which need no escapes.
fn included(line: &str) -> Option<&str> {
    let path = line.strip_prefix("include!(\"")?.strip_suffix("\");")?;
    (!path.contains(['"', '\\'])).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> RenderedFile {
        RenderedFile { path: path.into(), contents: contents.into() }
    }

    #[test]
    fn includes_become_inline_modules_indented_to_their_line() {
        let files = [
            file("mod.rs", "// h\npub mod a {\n    include!(\"a/mod.rs\");\n}\ninclude!(\"top.rs\");\n"),
            file("a/mod.rs", "// h\ninclude!(\"x.rs\");\n"),
            file("a/x.rs", "// h\n/// X.\npub struct X {\n    pub y: i64,\n}\n\nimpl X {}\n"),
            file("top.rs", "// h\npub struct Top;\n"),
        ];
        let one = assemble("models.rs", &files, "// @generated").unwrap();
        assert_eq!(
            one.contents,
            "// @generated\npub mod a {\n    /// X.\n    pub struct X {\n        pub y: i64,\n    }\n\n    impl X {}\n}\n\npub struct Top;\n"
        );
    }

    #[test]
    fn a_file_no_module_includes_is_an_error() {
        let files = [file("mod.rs", "// h\n"), file("lost.rs", "// h\n")];
        let error = assemble("models.rs", &files, "// h").unwrap_err().to_string();
        assert!(error.contains("no module includes lost.rs"), "{error}");
        let files = [file("mod.rs", "// h\ninclude!(\"gone.rs\");\n")];
        assert!(assemble("models.rs", &files, "// h").is_err());
    }
}
