//! The Type column of Speakeasy's Java SDK docs.
//!
//! ```text
//! type    := '*' type '*' | '[' type '](' url ')' | name ('<' type (',' type)* '>')? | 'byte[]'
//! ```
//! `<` is escaped as `\<` (once as `\\<`); wrappers (`Optional`, `JsonNullable`) sit inside
//! link text, collections outside it. Inside a link to another doc, a bare name is that doc.

use super::{CellType, TypeError, Wrapper};
use crate::ir::{Link, Type};

/// A type as a Java doc cell states it, links unresolved.
type DocType = Type<Link>;

/// Deepest nesting of type arguments accepted; deeper cells are reported, not recursed into.
pub const MAX_DEPTH: usize = 64;

/// Parses one raw Type cell (no config: tests).
#[cfg(test)]
pub fn parse_type(cell: &str) -> Result<CellType, TypeError> {
    parse_type_with(cell, &|_| false)
}

/// Parses one raw Type cell; `custom` says which otherwise unknown names the config maps
/// to a Rust type (`BigDecimal`).
pub fn parse_type_with(cell: &str, custom: &dyn Fn(&str) -> bool) -> Result<CellType, TypeError> {
    let mut parser = Parser { src: cell, pos: 0 };
    let node = parser.node(0)?;
    parser.skip_ws();
    if parser.pos < cell.len() {
        return Err(parser.error("unexpected text after the type", parser.pos..cell.len()));
    }
    lower_wrapped(&node, None, custom)
}

/// Java escapes its own keywords in field names with a trailing `_` (`private_`).
pub fn unescape_field_name(name: &str) -> &str {
    match name.strip_suffix('_') {
        Some(base) if JAVA_KEYWORDS.contains(&base) => base,
        _ => name,
    }
}

const JAVA_KEYWORDS: &[&str] = &[
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "try",
    "void",
    "volatile",
    "while",
];

/// The syntax of a Type cell, before meaning.
#[derive(Debug)]
enum Node {
    Name { name: String, args: Vec<Node>, range: std::ops::Range<usize> },
    Link { inner: Box<Node>, url: String, range: std::ops::Range<usize> },
}

impl Node {
    fn range(&self) -> std::ops::Range<usize> {
        match self {
            Node::Name { range, .. } | Node::Link { range, .. } => range.clone(),
        }
    }
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str, range: std::ops::Range<usize>) -> TypeError {
        TypeError {
            message: format!("{message} in type `{}`", self.src),
            help: "Java doc types look like `*String*`, `*Optional\\<Long>*`, `List\\<*String*>` or `[Name](../path/Name.md)`".into(),
            range,
        }
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    /// Skips markdown escapes: the backslashes in `\<` and `\\<`.
    fn skip_escapes(&mut self) {
        while self.src[self.pos..].starts_with('\\') {
            let rest = self.src[self.pos..].trim_start_matches('\\');
            if rest.starts_with(|c: char| c.is_ascii_punctuation()) {
                self.pos = self.src.len() - rest.len();
            } else {
                break;
            }
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_ws();
        self.skip_escapes();
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Result<(), TypeError> {
        if self.eat(c) {
            Ok(())
        } else {
            let at = self.pos.min(self.src.len());
            let end = at + self.peek().map_or(0, char::len_utf8);
            Err(self.error(&format!("expected `{c}`"), at..end))
        }
    }

    fn node(&mut self, depth: usize) -> Result<Node, TypeError> {
        if depth > MAX_DEPTH {
            return Err(self.error(&format!("types nest deeper than {MAX_DEPTH} levels"), self.pos..self.src.len()));
        }
        self.skip_ws();
        self.skip_escapes();
        let start = self.pos;
        if self.eat('*') {
            let inner = self.node(depth + 1)?;
            self.expect('*')?;
            return Ok(inner);
        }
        if self.eat('[') {
            let inner = self.node(depth + 1)?;
            self.expect(']')?;
            self.expect('(')?;
            let url_start = self.pos;
            let url_len =
                self.src[url_start..].find(')').ok_or_else(|| self.error("unclosed link", start..self.src.len()))?;
            self.pos = url_start + url_len + 1;
            let url = self.src[url_start..url_start + url_len].trim().to_string();
            return Ok(Node::Link { inner: Box::new(inner), url, range: start..self.pos });
        }
        let name = self.name();
        if name.is_empty() {
            let end = self.pos + self.peek().map_or(0, char::len_utf8);
            return Err(self.error("expected a type name", self.pos..end));
        }
        let mut args = Vec::new();
        if self.eat('<') {
            loop {
                args.push(self.node(depth + 1)?);
                if !self.eat(',') {
                    break;
                }
            }
            self.expect('>')?;
        }
        let mut name = name;
        let before_suffix = self.pos;
        if self.src[self.pos..].starts_with("[]") {
            self.pos += 2;
            name.push_str("[]");
        } else {
            self.pos = before_suffix;
        }
        Ok(Node::Name { name, args, range: start..self.pos })
    }

    fn name(&mut self) -> String {
        let rest = &self.src[self.pos..];
        let len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '?')).unwrap_or(rest.len());
        self.pos += len;
        rest[..len].to_string()
    }
}

/// Peels `Optional`/`JsonNullable` (possibly inside a link) off the top of a type.
fn lower_wrapped(node: &Node, link: Option<&str>, custom: &dyn Fn(&str) -> bool) -> Result<CellType, TypeError> {
    match node {
        Node::Link { inner, url, .. } => lower_wrapped(inner, Some(url), custom),
        Node::Name { name, args, range } if is_wrapper(name) => {
            let [inner] = args.as_slice() else {
                return Err(arity_error(name, 1, range.clone()));
            };
            let wrapper = if name == "Optional" { Wrapper::Optional } else { Wrapper::Nullable };
            Ok(CellType { ty: lower(inner, link, custom)?, wrapper })
        }
        _ => Ok(CellType { ty: lower(node, link, custom)?, wrapper: Wrapper::None }),
    }
}

fn is_wrapper(name: &str) -> bool {
    name == "Optional" || name == "JsonNullable"
}

fn arity_error(name: &str, expected: usize, range: std::ops::Range<usize>) -> TypeError {
    TypeError {
        message: format!("`{name}` takes {expected} type argument{}", if expected == 1 { "" } else { "s" }),
        help: if expected == 2 {
            "write it as `Map\\<String, T>`".to_string()
        } else {
            format!("write it as `{name}\\<T>`")
        },
        range,
    }
}

/// The meaning of a type node. `link` is the URL of the innermost enclosing link.
fn lower(node: &Node, link: Option<&str>, custom: &dyn Fn(&str) -> bool) -> Result<DocType, TypeError> {
    let (name, args, range) = match node {
        Node::Link { inner, url, .. } => return lower(inner, Some(url), custom),
        Node::Name { name, args, range } => (name.as_str(), args.as_slice(), range.clone()),
    };
    let arg = |i: usize| lower(&args[i], link, custom);
    let boxed = |ty: DocType| Box::new(ty);
    // Inside a link to a doc, a bare name is that doc, even one named like a builtin.
    if args.is_empty() {
        if let Some(url) = link.filter(|url| is_doc_link(url)) {
            return Ok(Type::Ref { target: Link::Path { url: url.to_string() } });
        }
        if let Some(ty) = builtin(name) {
            return Ok(ty);
        }
        if custom(name) {
            return Ok(Type::Custom { name: name.to_string() });
        }
    }
    let ty = match (name, args.len()) {
        ("List", 1) => Type::List { item: boxed(arg(0)?) },
        ("Map", 2) => {
            let key = arg(0)?;
            if key != Type::String {
                return Err(TypeError {
                    message: "map keys must be `String`".into(),
                    help: "JSON object keys are strings: write `Map\\<String, T>`".into(),
                    range: args[0].range(),
                });
            }
            Type::Map { value: boxed(arg(1)?) }
        }
        ("JsonNullable", 1) => Type::Nullable { inner: boxed(arg(0)?) },
        ("Optional", 1) => {
            return Err(TypeError {
                message: "`Optional` can only wrap a whole field type".into(),
                help: "use `JsonNullable\\<T>` for items that may be null".into(),
                range,
            });
        }
        ("HttpResponse", 1) => Type::HttpResponse,
        ("List" | "JsonNullable" | "HttpResponse", n) if n != 1 => return Err(arity_error(name, 1, range)),
        ("Map", _) => return Err(arity_error(name, 2, range)),
        _ => return Err(unknown_type(name, link, range)),
    };
    Ok(ty)
}

fn builtin(name: &str) -> Option<DocType> {
    Some(match name {
        "String" => Type::String,
        "Boolean" | "boolean" => Type::Bool,
        "int" | "Integer" => Type::Int32,
        "long" | "Long" => Type::Int64,
        "double" | "Double" => Type::Float64,
        "float" | "Float" => Type::Float32,
        "OffsetDateTime" => Type::DateTime,
        "LocalDate" => Type::Date,
        "Object" => Type::Any,
        "byte[]" => Type::Bytes,
        "InputStream" => Type::Stream,
        _ => return None,
    })
}

/// A link to another doc, as opposed to external documentation.
pub fn is_doc_link(url: &str) -> bool {
    let path = url.split('#').next().unwrap_or("");
    !url.contains("://") && !url.starts_with("mailto:") && path.ends_with(".md")
}

fn unknown_type(name: &str, link: Option<&str>, range: std::ops::Range<usize>) -> TypeError {
    let help = match link {
        Some(url) if !is_doc_link(url) => format!("`{url}` is external documentation, not a model doc; only OffsetDateTime, LocalDate and HttpResponse are known there"),
        _ => "a model type must be a link to its doc, e.g. `[Name](../../models/components/Name.md)`; the known Java types are String, Boolean, int, long, double, float, OffsetDateTime, LocalDate, Object, byte[], InputStream, List, Map, Optional and JsonNullable; map another type to Rust in mdschema.toml's [types], e.g. `BigDecimal = \"rust_decimal::Decimal\"`".into(),
    };
    TypeError { message: format!("unknown type `{name}`"), help, range }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(item: DocType) -> DocType {
        Type::List { item: Box::new(item) }
    }
    fn map(value: DocType) -> DocType {
        Type::Map { value: Box::new(value) }
    }
    fn model(url: &str) -> DocType {
        Type::Ref { target: Link::Path { url: url.into() } }
    }

    #[test]
    fn every_form_in_the_java_grammar() {
        use Wrapper::{None as Bare, Nullable, Optional};
        let cases: &[(&str, DocType, Wrapper)] = &[
            ("*String*", Type::String, Bare),
            ("*boolean*", Type::Bool, Bare),
            ("*Boolean*", Type::Bool, Bare),
            ("*int*", Type::Int32, Bare),
            ("*Integer*", Type::Int32, Bare),
            ("*long*", Type::Int64, Bare),
            ("*Long*", Type::Int64, Bare),
            ("*double*", Type::Float64, Bare),
            ("*float*", Type::Float32, Bare),
            ("*Float*", Type::Float32, Bare),
            ("*Object*", Type::Any, Bare),
            ("byte[]", Type::Bytes, Bare),
            ("*byte[]*", Type::Bytes, Bare),
            ("*Optional\\<InputStream>*", Type::Stream, Optional),
            ("*Optional\\<String>*", Type::String, Optional),
            ("*JsonNullable\\<Double>*", Type::Float64, Nullable),
            (
                "[OffsetDateTime](https://docs.oracle.com/javase/8/docs/api/java/time/OffsetDateTime.html)",
                Type::DateTime,
                Bare,
            ),
            ("[LocalDate](https://docs.oracle.com/javase/8/docs/api/java/time/LocalDate.html)", Type::Date, Bare),
            (
                "[HttpResponse\\<?>](https://docs.oracle.com/en/java/javase/11/docs/api/java.net.http/java/net/http/HttpResponse.html)",
                Type::HttpResponse,
                Bare,
            ),
            ("[M](../../models/components/M.md)", model("../../models/components/M.md"), Bare),
            ("[Optional\\<M>](../../models/components/M.md)", model("../../models/components/M.md"), Optional),
            ("[JsonNullable\\<M>](M.md)", model("M.md"), Nullable),
            ("List\\<[M](M.md)>", list(model("M.md")), Bare),
            ("List\\<[List](../../models/components/List.md)>", list(model("../../models/components/List.md")), Bare),
            ("[Optional\\<String>](String.md)", model("String.md"), Optional),
            ("List\\<*String*>", list(Type::String), Bare),
            ("List\\<*double*>", list(Type::Float64), Bare),
            ("Map\\<String, *Object*>", map(Type::Any), Bare),
            ("Map\\<String, [M](M.md)>", map(model("M.md")), Bare),
            ("Map\\<String, List\\\\<*String*>>", map(list(Type::String)), Bare),
            ("*List\\<JsonNullable\\<String>>*", list(Type::Nullable { inner: Box::new(Type::String) }), Bare),
        ];
        for (cell, ty, wrapper) in cases {
            let parsed = parse_type(cell).unwrap_or_else(|e| panic!("{cell}: {e:?}"));
            assert_eq!(&parsed.ty, ty, "{cell}");
            assert_eq!(parsed.wrapper, *wrapper, "{cell}");
        }
    }

    #[test]
    fn errors_point_into_the_cell() {
        let cases: &[(&str, &str, &str)] = &[
            ("*Strin*", "unknown type `Strin`", "Strin"),
            ("[Foo](https://example.com/Foo.html)", "unknown type `Foo`", "Foo"),
            ("*Foo*", "unknown type `Foo`", "Foo"),
            ("Map\\<Long, *String*>", "map keys must be `String`", "Long"),
            ("List\\<*String*", "expected `>`", ""),
            ("*String", "expected `*`", ""),
            ("", "expected a type name", ""),
            ("*String* extra", "unexpected text after the type", "extra"),
            ("List\\<*String*, *String*>", "`List` takes 1 type argument", "List\\<*String*, *String*>"),
            ("[Foo](Foo.md", "unclosed link", "[Foo](Foo.md"),
        ];
        for (cell, message, underlined) in cases {
            let error = parse_type(cell).expect_err(cell);
            assert!(error.message.starts_with(message), "{cell}: {}", error.message);
            assert_eq!(&cell[error.range.clone()], *underlined, "{cell}");
        }
    }

    #[test]
    fn names_the_config_maps_are_custom_types() {
        let custom = |name: &str| name == "BigDecimal";
        let parsed = parse_type_with("*Optional\\<BigDecimal>*", &custom).unwrap();
        assert_eq!(parsed.ty, Type::Custom { name: "BigDecimal".into() });
        assert_eq!(
            parse_type_with("List\\<*BigDecimal*>", &custom).unwrap().ty,
            list(Type::Custom { name: "BigDecimal".into() })
        );
        assert!(parse_type_with("*BigInteger*", &custom).is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let cell = format!("{}*String*{}", "List\\<".repeat(10_000), ">".repeat(10_000));
        let error = parse_type(&cell).unwrap_err();
        assert!(error.message.contains("nest deeper"), "{}", error.message);
    }

    #[test]
    fn java_keyword_escapes_are_undone() {
        for (doc, meant) in [("private_", "private"), ("class_", "class"), ("name_", "name_"), ("x", "x")] {
            assert_eq!(unescape_field_name(doc), meant);
        }
    }
}
