//! The syntax every doc dialect's Type column is written in, before meaning: one parser for
//! the union of the five spellings. Each dialect gives the tree its meaning.
//!
//! ```text
//! cell    := union
//! union   := postfix ('|' postfix)*
//! postfix := prefix ('[]')*                       TypeScript `string[]`, Java `byte[]`
//! prefix  := '[]' prefix                          Go slice `[]T`
//!          | '*' prefix                           Go pointer `*T` (when not italics)
//!          | '*' union '*' | '`' union '`'        emphasis and code spans: decoration
//!          | '[' union '](' url ')'               a link
//!          | '{' '[' name ':' union ']' ':' union '}'   TypeScript `{ [k: string]: T }`
//!          | '"' text '"'                         a literal (`"simple"`)
//!          | 'map[' union ']' prefix              Go map
//!          | name ('<' args '>' | '[' args ']')?  generics: Java/C#/TS `<>`, Python `[]`
//! ```
//! Markdown escapes (`\<`, `\\<`, `\[`) are skipped wherever they occur.

use std::ops::Range;

use super::TypeError;

/// Deepest nesting accepted; deeper cells are reported, not recursed into.
pub const MAX_DEPTH: usize = 64;

/// A Type cell's syntax tree. Ranges are byte ranges within the cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A name with type arguments (`List<T>`, `Optional[T]`, `string`).
    Name { name: String, args: Vec<Node>, range: Range<usize> },
    /// A markdown link around a type.
    Link { inner: Box<Node>, url: String, range: Range<usize> },
    /// An array (`T[]`, `[]T`).
    Array { item: Box<Node>, range: Range<usize> },
    /// A Go pointer (`*T`).
    Pointer { inner: Box<Node>, range: Range<usize> },
    /// A map with its key type (`map[string]T`, `{ [k: string]: T }`).
    Map { key: Box<Node>, value: Box<Node>, range: Range<usize> },
    /// A quoted literal (`"simple"`), unquoted.
    Literal { value: String, range: Range<usize> },
    /// Alternatives (`str|int`).
    Union { members: Vec<Node>, range: Range<usize> },
}

impl Node {
    /// Where the node is in the cell.
    pub fn range(&self) -> Range<usize> {
        match self {
            Node::Name { range, .. }
            | Node::Link { range, .. }
            | Node::Array { range, .. }
            | Node::Pointer { range, .. }
            | Node::Map { range, .. }
            | Node::Literal { range, .. }
            | Node::Union { range, .. } => range.clone(),
        }
    }
}

/// Parses a whole cell; `help` is the dialect's example of well-formed types.
pub fn parse(cell: &str, help: &str) -> Result<Node, TypeError> {
    let mut parser = Parser { src: cell, pos: 0, help, in_code: false };
    let node = parser.union(0)?;
    parser.skip_ws();
    if parser.pos < cell.len() {
        return Err(parser.error("unexpected text after the type", parser.pos..cell.len()));
    }
    Ok(node)
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    help: &'a str,
    /// Inside a code span, where markdown has no emphasis and `*` is always a pointer.
    in_code: bool,
}

impl<'a> Parser<'a> {
    fn error(&self, message: &str, range: Range<usize>) -> TypeError {
        TypeError { message: format!("{message} in type `{}`", self.src), help: self.help.to_string(), range }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// Skips markdown escapes: the backslashes in `\<` and `\\<`.
    fn skip_escapes(&mut self) {
        while self.rest().starts_with('\\') {
            let rest = self.rest().trim_start_matches('\\');
            if rest.starts_with(|c: char| c.is_ascii_punctuation()) {
                self.pos = self.src.len() - rest.len();
            } else {
                break;
            }
        }
    }

    /// Moves past `token` (after whitespace and escapes) when it comes next.
    fn eat(&mut self, token: &str) -> bool {
        let before = self.pos;
        self.skip_ws();
        self.skip_escapes();
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            self.pos = before;
            false
        }
    }

    fn expect(&mut self, token: &str) -> Result<(), TypeError> {
        if self.eat(token) {
            return Ok(());
        }
        self.skip_ws();
        self.skip_escapes();
        let end = self.pos + self.peek().map_or(0, char::len_utf8);
        Err(self.error(&format!("expected `{token}`"), self.pos..end))
    }

    fn check_depth(&self, depth: usize) -> Result<(), TypeError> {
        if depth > MAX_DEPTH {
            return Err(self.error(&format!("types nest deeper than {MAX_DEPTH} levels"), self.pos..self.src.len()));
        }
        Ok(())
    }

    fn union(&mut self, depth: usize) -> Result<Node, TypeError> {
        self.check_depth(depth)?;
        let start = self.pos;
        let first = self.postfix(depth + 1)?;
        let mut members = vec![first];
        while self.eat("|") {
            members.push(self.postfix(depth + 1)?);
        }
        Ok(if members.len() == 1 { members.remove(0) } else { Node::Union { members, range: start..self.pos } })
    }

    fn postfix(&mut self, depth: usize) -> Result<Node, TypeError> {
        let start = self.pos;
        let mut node = self.prefix(depth)?;
        while self.rest().starts_with("[]") || self.rest().starts_with("\\[]") {
            self.eat("[]");
            node = Node::Array { item: Box::new(node), range: start..self.pos };
        }
        Ok(node)
    }

    fn prefix(&mut self, depth: usize) -> Result<Node, TypeError> {
        self.check_depth(depth)?;
        self.skip_ws();
        self.skip_escapes();
        let start = self.pos;
        if self.eat("[]") {
            let item = self.prefix(depth + 1)?;
            return Ok(Node::Array { item: Box::new(item), range: start..self.pos });
        }
        if self.rest().starts_with('*') {
            return self.star(depth);
        }
        if self.eat("`") {
            self.in_code = true;
            let inner = self.union(depth + 1);
            self.in_code = false;
            let inner = inner?;
            self.expect("`")?;
            return Ok(inner);
        }
        if self.eat("[") {
            return self.link(start, depth);
        }
        if self.eat("{") {
            return self.object_map(start, depth);
        }
        if self.eat("\"") {
            let len = string_len(self.rest()).ok_or_else(|| self.error("unclosed string", start..self.src.len()))?;
            let raw = &self.src[start..self.pos + len + 1];
            // JSON escapes (`\"`, `\\`) once the table's `\|` is undone; text that is not valid
            // JSON is kept as written.
            let raw = raw.replace("\\|", "|");
            let value = serde_json::from_str::<String>(&raw).unwrap_or_else(|_| raw[1..raw.len() - 1].to_string());
            self.pos += len + 1;
            return Ok(Node::Literal { value, range: start..self.pos });
        }
        let name = self.name();
        if name.is_empty() {
            let end = self.pos + self.peek().map_or(0, char::len_utf8);
            return Err(self.error("expected a type name", self.pos..end));
        }
        let mut args = Vec::new();
        if self.eat("<") {
            args = self.args(">", depth)?;
        } else if !self.rest().starts_with("[]") && self.eat("[") {
            args = self.args("]", depth)?;
            if name == "map" {
                let [key] = <[Node; 1]>::try_from(args)
                    .map_err(|_| self.error("a Go map takes one key type", start..self.pos))?;
                let value = self.prefix(depth + 1)?;
                return Ok(Node::Map { key: Box::new(key), value: Box::new(value), range: start..self.pos });
            }
        } else if self.rest().starts_with("{}") {
            // Go's `interface{}`.
            self.pos += 2;
        }
        Ok(Node::Name { name, args, range: start..self.pos })
    }

    fn args(&mut self, close: &str, depth: usize) -> Result<Vec<Node>, TypeError> {
        let mut args = Vec::new();
        loop {
            args.push(self.union(depth + 1)?);
            if !self.eat(",") {
                break;
            }
        }
        self.expect(close)?;
        Ok(args)
    }

    /// `*T*` is emphasis. A `*` is a Go pointer instead inside a code span, before another
    /// `*` (`**string*` is an emphasised pointer), or when no `*` follows before the link
    /// text ends (`[*components.M](…)`). Decided by looking ahead, never by backtracking, so
    /// that runs of stars cost linear time.
    fn star(&mut self, depth: usize) -> Result<Node, TypeError> {
        let start = self.pos;
        self.pos += 1;
        let closer = find_outside_strings(self.rest(), "*");
        let link_end = find_outside_strings(self.rest(), "](");
        let pointer = self.in_code
            || self.rest().starts_with('*')
            || closer.is_none()
            || link_end.is_some_and(|end| closer.is_some_and(|c| end < c));
        if pointer {
            let inner = self.prefix(depth + 1)?;
            return Ok(Node::Pointer { inner: Box::new(inner), range: start..self.pos });
        }
        let inner = self.union(depth + 1)?;
        self.expect("*")?;
        Ok(inner)
    }

    fn link(&mut self, start: usize, depth: usize) -> Result<Node, TypeError> {
        let inner = self.union(depth + 1)?;
        self.expect("]")?;
        if !self.rest().starts_with('(') {
            let end = self.pos + self.peek().map_or(0, char::len_utf8);
            return Err(self.error("expected `(`", self.pos..end));
        }
        self.pos += 1;
        let url_len = self.rest().find(')').ok_or_else(|| self.error("unclosed link", start..self.src.len()))?;
        let url = self.rest()[..url_len].trim().to_string();
        self.pos += url_len + 1;
        Ok(Node::Link { inner: Box::new(inner), url, range: start..self.pos })
    }

    /// `{ [k: string]: T }`, after the `{`.
    fn object_map(&mut self, start: usize, depth: usize) -> Result<Node, TypeError> {
        self.expect("[")?;
        self.name();
        self.expect(":")?;
        let key = self.union(depth + 1)?;
        self.expect("]")?;
        self.expect(":")?;
        let value = self.union(depth + 1)?;
        self.expect("}")?;
        Ok(Node::Map { key: Box::new(key), value: Box::new(value), range: start..self.pos })
    }

    fn name(&mut self) -> String {
        self.skip_ws();
        let rest = self.rest();
        // A negative integer literal (`Literal[-1]`) is read as a name, as positive ones are.
        let sign = usize::from(rest.starts_with('-') && rest[1..].starts_with(|c: char| c.is_ascii_digit()));
        let len = sign
            + rest[sign..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '?'))
                .unwrap_or(rest.len() - sign);
        self.pos += len;
        rest[..len].to_string()
    }
}

/// The length of a string literal's body up to its closing `"` (`rest` starts after the
/// opening one), with backslash escapes skipped; `None` when it is not closed.
fn string_len(rest: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// Where `pattern` first occurs in `text` outside closed string literals.
fn find_outside_strings(text: &str, pattern: &str) -> Option<usize> {
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with(pattern) {
            return Some(i);
        }
        match rest.strip_prefix('"').and_then(string_len) {
            Some(len) => i += len + 2,
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree in a compact notation: names with args, `[]T`, `*T`, `map[K]V`, `link(T)`.
    fn show(node: &Node) -> String {
        match node {
            Node::Name { name, args, .. } if args.is_empty() => name.clone(),
            Node::Name { name, args, .. } => format!("{name}<{}>", args.iter().map(show).collect::<Vec<_>>().join(",")),
            Node::Link { inner, url, .. } => format!("link({},{url})", show(inner)),
            Node::Array { item, .. } => format!("[]{}", show(item)),
            Node::Pointer { inner, .. } => format!("*{}", show(inner)),
            Node::Map { key, value, .. } => format!("map[{}]{}", show(key), show(value)),
            Node::Literal { value, .. } => format!("{value:?}"),
            Node::Union { members, .. } => members.iter().map(show).collect::<Vec<_>>().join("|"),
        }
    }

    #[test]
    fn every_dialects_spelling() {
        let cases = [
            // Java
            ("*Optional\\<String>*", "Optional<String>"),
            ("Map\\<String, List\\\\<*String*>>", "Map<String,List<String>>"),
            ("[Optional\\<M>](M.md)", "link(Optional<M>,M.md)"),
            ("byte[]", "[]byte"),
            ("[HttpResponse\\<?>](https://x)", "link(HttpResponse<?>,https://x)"),
            // TypeScript
            ("[components.M](m.md)[]", "[]link(components.M,m.md)"),
            ("*components.M*[]", "[]components.M"),
            ("Record<string, *any*>", "Record<string,any>"),
            ("*\"simple\"*", "\"simple\""),
            ("{ [k: string]: { [k: string]: components.X } }", "map[string]map[string]components.X"),
            ("*ReadableStream<Uint8Array>*", "ReadableStream<Uint8Array>"),
            ("Record<string, *string*>[][]", "[][]Record<string,string>"),
            // Python
            ("[OptionalNullable[models.M]](../models/m.md)", "link(OptionalNullable<models.M>,../models/m.md)"),
            ("List[[Nullable[models.M]](m.md)]", "List<link(Nullable<models.M>,m.md)>"),
            ("*Nullable[str|float|bool|int]*", "Nullable<str|float|bool|int>"),
            ("Dict[str, *str*|*int*]", "Dict<str,str|int>"),
            ("*Optional[Literal[\"x\"]]*", "Optional<Literal<\"x\">>"),
            // Literals keep `*`, `]`, `|` and escaped quotes inside them.
            ("*\"a*/ \\\"]#[x] \\\\ |\"*", "\"a*/ \\\"]#[x] \\\\ |\""),
            ("*Literal[\"\\\"](x)\"]*", "Literal<\"\\\"](x)\">"),
            ("*Literal[\"a\\qb\"]*", "Literal<\"a\\\\qb\">"),
            ("*\"a\\|b\"*", "\"a|b\""),
            ("[Optional[Union[shared.A, shared.B]]](u.md)", "link(Optional<Union<shared.A,shared.B>>,u.md)"),
            // Go
            ("`*string`", "*string"),
            ("[*components.M](m.md)", "link(*components.M,m.md)"),
            ("[][*components.M](m.md)", "[]link(*components.M,m.md)"),
            ("[]`*string`", "[]*string"),
            ("map[string]`any`", "map[string]any"),
            ("map[string][]`string`", "map[string][]string"),
            ("map[string]*interface{}*", "map[string]interface"),
            ("**string*", "*string"),
            ("*[]byte*", "[]byte"),
            // C#
            ("Dictionary<String, List<*string*>>", "Dictionary<String,List<string>>"),
            ("List<[Models.Components.M](m.md)>", "List<link(Models.Components.M,m.md)>"),
        ];
        for (cell, expected) in cases {
            let node = parse(cell, "").unwrap_or_else(|e| panic!("{cell}: {e:?}"));
            assert_eq!(show(&node), expected, "{cell}");
        }
    }

    #[test]
    fn errors_point_into_the_cell() {
        let cases: &[(&str, &str, &str)] = &[
            ("List\\<*String*", "expected `>`", ""),
            ("", "expected a type name", ""),
            ("*String* extra", "unexpected text after the type", "extra"),
            ("[Foo](Foo.md", "unclosed link", "[Foo](Foo.md"),
            ("[Foo]", "expected `(`", ""),
        ];
        for (cell, message, underlined) in cases {
            let error = parse(cell, "").expect_err(cell);
            assert!(error.message.starts_with(message), "{cell}: {}", error.message);
            assert_eq!(&cell[error.range.clone()], *underlined, "{cell}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        for cell in [
            format!("{}*String*{}", "List\\<".repeat(10_000), ">".repeat(10_000)),
            "*".repeat(100_000),
            "[".repeat(100_000),
            "[]".repeat(100_000),
        ] {
            assert!(parse(&cell, "").is_err());
        }
    }
}
