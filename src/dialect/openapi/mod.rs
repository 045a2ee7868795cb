//! openapi-generator's model docs: the second family. Each language writes one doc per
//! model — `# Pet`, a description, `## Properties` and a `Name | Type | Description | Notes`
//! table — and spells its Type cells, titles and names its own way; each has a file here.
//! What they share (the cell's markup, HTML entities, the title forms, bracket lists) is in
//! this module; the skeleton and the Notes column are read by `lower::properties`.

use std::borrow::Cow;

use crate::markdown::DocTables;

mod csharp;
mod go;
mod java;
mod javascript;
mod php;
mod python;
mod python_prior;
mod ruby;
mod rust;
mod typescript;

pub use csharp::CSharp;
pub use go::Go;
pub use java::Java;
pub use javascript::JavaScript;
pub use php::Php;
pub use python::Python;
pub use python_prior::PythonPrior;
pub use ruby::Ruby;
pub use rust::Rust;
pub use typescript::TypeScript;

/// A Type cell with the family's markup gone: HTML entities decoded (`&lt;` → `<`,
/// `\&quot;` → `"`), bold markers (`**T**`) and code spans removed.
pub fn plain_cell(cell: &str) -> Cow<'_, str> {
    let cell = cell.trim();
    // A nested container whose link was lost (Go links it to `array.md`, Rust to `Vec.md`),
    // an empty link (`[**JsonObject**](.md)`): the link is no model's.
    let unlinked = unlink_containers(cell);
    let cell = unlinked.unwrap_or(cell);
    if !cell.contains(['&', '*', '`']) && unlinked.is_none() {
        return Cow::Borrowed(cell);
    }
    let decoded = decode_entities(cell);
    Cow::Owned(decoded.replace("**", "").replace('`', "").trim().to_string())
}

/// The pages openapi-generator links a container or a primitive to, which are no doc.
const NOT_DOCS: &[&str] = &[
    "",
    "array",
    "Array",
    "Vec",
    "Map",
    "map",
    "List",
    "Dict",
    "HashMap",
    "Set",
    "Object",
    "object",
    "SerdeJsonValue",
    "Std__collections__HashMap",
    "String",
    "string",
];

/// The link's text when the whole cell is a link to one of [`NOT_DOCS`] (or the link's
/// text wrapped in `Option<…>`).
fn unlink_containers(cell: &str) -> Option<&str> {
    let open = cell.find('[')?;
    let close = cell.rfind("](")?;
    let url_end = cell[close..].find(')')? + close;
    let stem = cell[close + 2..url_end].trim().strip_suffix(".md")?;
    if !NOT_DOCS.contains(&stem) || open != 0 || url_end + 1 != cell.len() {
        return None;
    }
    Some(&cell[open + 1..close])
}

/// The HTML entities openapi-generator's templates write, decoded; `\&quot;` is `"`.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("\\&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x60;", "`")
        .replace("&#x3D;", "=")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// `[T]` lists (JavaScript, python-prior) as `Array<T>`, leaving link text (`[T](T.md)`)
/// alone: a `]` followed by `(` closes a link.
pub fn bracket_lists(text: &str) -> String {
    let bytes = text.as_bytes();
    // For each `[`, whether it opens a list (its `]` is not followed by `(`).
    let mut opens_list = vec![false; bytes.len()];
    let mut stack = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'[' => stack.push(i),
            b']' => {
                if let Some(open) = stack.pop() {
                    opens_list[open] = bytes.get(i + 1) != Some(&b'(');
                }
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut closes: Vec<bool> = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '[' => {
                closes.push(opens_list[i]);
                out.push_str(if opens_list[i] { "Array<" } else { "[" });
            }
            ']' => out.push(if closes.pop().unwrap_or(false) { '>' } else { ']' }),
            c => out.push(c),
        }
    }
    out
}

/// `{K: V}` maps (JavaScript's `{String: Object}`, python-prior's `{str: (T,)}`) as
/// `<map_name><K, V>`, inside out; anything else as it is.
pub fn brace_maps(text: &str, map_name: &str) -> String {
    let Some(open) = text.find('{') else { return text.to_string() };
    let Some(close) = matching(text, open, '{', '}') else { return text.to_string() };
    let inside = &text[open + 1..close];
    let replaced = match top_level(inside, ':') {
        Some(colon) => {
            let value = brace_maps(inside[colon + 1..].trim(), map_name);
            format!("{map_name}<{}, {value}>", inside[..colon].trim())
        }
        None => format!("{{{}}}", brace_maps(inside, map_name)),
    };
    format!("{}{replaced}{}", &text[..open], brace_maps(&text[close + 1..], map_name))
}

/// Where the bracket opened at `open` closes.
fn matching(text: &str, open: usize, opener: char, closer: char) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in text[open..].char_indices() {
        if c == opener {
            depth += 1;
        } else if c == closer {
            depth -= 1;
            if depth == 0 {
                return Some(open + i);
            }
        }
    }
    None
}

/// Where `needle` first occurs outside any bracket.
pub fn top_level(text: &str, needle: char) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '[' | '{' | '(' | '<' => depth += 1,
            ']' | '}' | ')' | '>' => depth -= 1,
            c if c == needle && depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// A title after its language's decoration (`LaunchDarklyApi::Access` → `Access`).
pub fn last_segment<'t>(title: &'t str, separator: &str) -> &'t str {
    title.rsplit(separator).next().unwrap_or(title).trim()
}

/// Whether the doc's `###`/`##` structure has a section named `name`.
pub fn has_section(doc: &DocTables, name: &str) -> bool {
    doc.sections.iter().any(|s| s.heading.text.eq_ignore_ascii_case(name))
}

/// Whether a code block of the doc is in `language` (its example, ```` ```ruby ````).
pub fn has_code_in(doc: &DocTables, first_line: &str) -> bool {
    doc.sections.iter().flat_map(|s| &s.code_blocks).any(|b| b.text.trim_start().starts_with(first_line))
}

/// Reserved words that TypeScript's and JavaScript's generators prefix with `_` in a name
/// cell (`_default` for the key `default`).
pub const JS_RESERVED: &[&str] = &[
    "abstract",
    "arguments",
    "await",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "double",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "final",
    "finally",
    "float",
    "for",
    "function",
    "goto",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "int",
    "interface",
    "let",
    "long",
    "native",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "volatile",
    "while",
    "with",
    "yield",
];

/// A TypeScript or JavaScript name cell as the key it stands for: the key verbatim, but a
/// reserved word's `_` prefix undone.
pub fn js_key(name: &str) -> String {
    match name.strip_prefix('_') {
        Some(word) if JS_RESERVED.contains(&word) => word.to_string(),
        _ => name.to_string(),
    }
}

/// For the languages' tests: the dialect reads `cell` as `expected`.
#[cfg(test)]
pub fn reads_as(dialect: &dyn super::Dialect, cases: &[(&str, crate::dialect::DocType, crate::dialect::Wrapper)]) {
    for (cell, ty, wrapper) in cases {
        let parsed = crate::dialect::parse_type(dialect, cell, &|_| false).unwrap_or_else(|e| panic!("{cell}: {e:?}"));
        assert_eq!((&parsed.ty, parsed.wrapper), (ty, *wrapper), "{} {cell}", dialect.name());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_entities_go() {
        for (cell, plain) in [
            ("**string**", "string"),
            ("[**Array&lt;AccessDenied&gt;**](AccessDenied.md)", "[Array<AccessDenied>](AccessDenied.md)"),
            ("**map[string]interface{}**", "map[string]interface{}"),
            ("Option<**String**>", "Option<String>"),
            ("[**[][]string**](array.md)", "[][]string"),
            ("[**JsonObject**](.md)", "JsonObject"),
            ("[**Vec<String>**](Vec.md)", "Vec<String>"),
            ("**array&lt;string,mixed&gt;**", "array<string,mixed>"),
        ] {
            assert_eq!(plain_cell(cell), plain, "{cell}");
        }
        assert_eq!(
            decode_entities("a &quot;b&quot; \\&quot;c\\&quot; &#39;d&#39; &#x60;e&#x60; &#x3D; &amp;lt;"),
            "a \"b\" \"c\" 'd' `e` = &lt;"
        );
    }

    #[test]
    fn bracket_lists_leave_links_alone() {
        for (text, expected) in [
            ("[String]", "Array<String>"),
            ("[[Statement]](Statement.md)", "[Array<Statement>](Statement.md)"),
            ("[Statement](Statement.md)", "[Statement](Statement.md)"),
            ("[[str]]", "Array<Array<str>>"),
            ("{str: ([str],)}", "{str: (Array<str>,)}"),
        ] {
            assert_eq!(bracket_lists(text), expected, "{text}");
        }
    }

    #[test]
    fn brace_maps_read_inside_out() {
        for (text, expected) in [
            ("{String: Object}", "Map<String, Object>"),
            ("[{String: Link}](Link.md)", "[Map<String, Link>](Link.md)"),
            ("{str: ({str: (int,)},)}", "Map<str, (Map<str, (int,)>,)>"),
            ("String", "String"),
        ] {
            assert_eq!(brace_maps(text, "Map"), expected, "{text}");
        }
    }

    #[test]
    fn js_keys_undo_reserved_word_prefixes_only() {
        for (name, key) in [("_default", "default"), ("_links", "_links"), ("_class", "class"), ("name", "name")] {
            assert_eq!(js_key(name), key);
        }
    }
}
