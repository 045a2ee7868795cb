//! A Type cell's meaning in one dialect: the shared syntax tree (`syntax`) lowered through
//! the dialect's names, wrappers, lists and maps into a [`DocType`], with errors placed in
//! the cell.

use std::borrow::Cow;

use super::syntax::{self, Node};
use super::{CellType, Dialect, DocType, Meaning, TypeError, Wrapper};
use crate::ir::{Link, Literal, Type};

/// Parses a Type cell in `dialect`; `custom` says which otherwise unknown names the config
/// maps to a Rust type (`BigDecimal`).
pub fn parse_type(dialect: &dyn Dialect, cell: &str, custom: &dyn Fn(&str) -> bool) -> Result<CellType, TypeError> {
    let text = dialect.cell_text(cell);
    let result = syntax::parse(&text, dialect.help()).and_then(|node| Lowering { dialect, custom }.cell(&node));
    match (result, &text) {
        // Places in a rewritten cell are not places in the doc: the whole cell is.
        (Err(mut error), Cow::Owned(_)) => {
            error.range = 0..cell.len();
            Err(error)
        }
        (result, _) => result,
    }
}

/// Whether `dialect` gives the parsed cell `tree` a meaning.
pub(super) fn reads(dialect: &dyn Dialect, tree: &Node, custom: &dyn Fn(&str) -> bool) -> bool {
    Lowering { dialect, custom }.cell(tree).is_ok()
}

/// Gives a syntax tree its meaning in one dialect.
struct Lowering<'a> {
    dialect: &'a dyn Dialect,
    custom: &'a dyn Fn(&str) -> bool,
}

impl Lowering<'_> {
    fn error(&self, message: impl Into<String>, range: std::ops::Range<usize>) -> TypeError {
        TypeError { message: message.into(), help: self.dialect.help().to_string(), range }
    }

    /// Peels the wrapper off the whole cell (possibly inside the link text).
    fn cell(&self, node: &Node) -> Result<CellType, TypeError> {
        self.wrapped(node, None)
    }

    fn wrapped(&self, node: &Node, link: Option<&str>) -> Result<CellType, TypeError> {
        match node {
            Node::Link { inner, url, .. } => self.wrapped(inner, Some(url)),
            Node::Pointer { inner, .. } if self.dialect.has_pointers() => {
                Ok(CellType { ty: self.ty(inner, link)?, wrapper: Wrapper::Pointer })
            }
            Node::Name { name, args, range } => match self.dialect.meaning(name, None) {
                Some(Meaning::Wrapper(wrapper)) => {
                    let [inner] = args.as_slice() else { return Err(self.arity(name, 1, range.clone())) };
                    // A wrapper around a pointer (`Optional[*T]`) says no more than the wrapper.
                    let inner = match inner {
                        Node::Pointer { inner, .. } if self.dialect.has_pointers() => inner,
                        inner => inner,
                    };
                    Ok(CellType { ty: self.ty(inner, link)?, wrapper })
                }
                _ => Ok(CellType { ty: self.ty(node, link)?, wrapper: Wrapper::None }),
            },
            _ => Ok(CellType { ty: self.ty(node, link)?, wrapper: Wrapper::None }),
        }
    }

    fn arity(&self, name: &str, expected: usize, range: std::ops::Range<usize>) -> TypeError {
        let s = if expected == 1 { "" } else { "s" };
        self.error(format!("`{name}` takes {expected} type argument{s}"), range)
    }

    /// The meaning of a node below the cell's wrapper. `link` is the URL of the innermost
    /// enclosing link.
    fn ty(&self, node: &Node, link: Option<&str>) -> Result<DocType, TypeError> {
        let boxed = |ty: DocType| Box::new(ty);
        match node {
            Node::Link { inner, url, .. } => self.ty(inner, Some(url)),
            Node::Array { item, .. } => match item.as_ref() {
                Node::Name { name, args, .. } if args.is_empty() && name == "byte" => Ok(Type::Bytes),
                item => Ok(Type::List { item: boxed(self.ty(item, link)?) }),
            },
            Node::Pointer { inner, .. } if self.dialect.has_pointers() => {
                // A pointer inside a collection: the item may be null.
                Ok(Type::Nullable { inner: boxed(self.ty(inner, link)?) })
            }
            Node::Pointer { range, .. } => {
                Err(self.error("`*` opens emphasis that is never closed", range.start..range.start + 1))
            }
            Node::Map { key, value, .. } => self.map(key, value, link),
            Node::Literal { value, .. } => Ok(Type::Const { value: Literal::String(value.clone()) }),
            // Alternatives become real unions later; today they accept any JSON.
            Node::Union { .. } => Ok(Type::Any),
            Node::Name { name, args, range } => self.name(name, args, link, range.clone()),
        }
    }

    fn map(&self, key: &Node, value: &Node, link: Option<&str>) -> Result<DocType, TypeError> {
        // A key is never the linked model (`[Map<String, Link>](Link.md)`).
        let key_ty = self.ty(key, None)?;
        if key_ty != Type::String {
            return Err(self
                .error("map keys must be strings", key.range())
                .with_help_text("JSON object keys are strings: the key type must be the dialect's string type"));
        }
        Ok(Type::Map { value: Box::new(self.ty(value, link)?) })
    }

    fn name(
        &self,
        name: &str,
        args: &[Node],
        link: Option<&str>,
        range: std::ops::Range<usize>,
    ) -> Result<DocType, TypeError> {
        if let Some(url) = link.filter(|url| is_doc_link(url) && (args.is_empty() || name == "Union")) {
            // Links to the generator's own type pages (`../../types/rfcdate.md`).
            if let Some(ty) = generator_type_page(url) {
                return Ok(ty);
            }
            // Inside a link to a doc, a bare name is that doc, even one named like a builtin.
            return Ok(Type::Ref { target: Link::Path { url: url.to_string() } });
        }
        // `Literal["x"]`, `Literal[True]`, `Literal[1]`: a const; `Literal["a", "b"]`: one of
        // several values of one type.
        if name == "Literal" && !args.is_empty() {
            return self.literal_type(args, range);
        }
        // `Union[A, B]`: real unions come later; today any JSON.
        if name == "Union" && !args.is_empty() {
            return Ok(Type::Any);
        }
        // A name the config maps wins over the dialect's own meaning of it.
        if args.is_empty() && (self.custom)(name) {
            return Ok(Type::Custom { name: name.to_string() });
        }
        let external = link.filter(|url| !is_doc_link(url));
        match self.dialect.meaning(name, external) {
            Some(Meaning::Type(ty)) if args.is_empty() || ty.is_plumbing() => Ok(ty),
            Some(Meaning::Wrapper(wrapper)) => {
                let [inner] = args else { return Err(self.arity(name, 1, range)) };
                match wrapper {
                    Wrapper::Optional => Err(self.error(
                        format!("`{name}` can only wrap a whole field type"),
                        range,
                    )
                    .with_help_text("items of a list or map are never absent; use the dialect's nullable wrapper for items that may be null")),
                    _ => Ok(Type::Nullable { inner: Box::new(self.ty(inner, link)?) }),
                }
            }
            Some(Meaning::List) => match args {
                [item] => Ok(Type::List { item: Box::new(self.ty(item, link)?) }),
                // A list of what the doc does not say (Ruby's `Hash<String, Array>`).
                [] => Ok(Type::List { item: Box::new(Type::Any) }),
                _ => Err(self.arity(name, 1, range)),
            },
            Some(Meaning::Map) => match args {
                [key, value] => self.map(key, value, link),
                [] => Ok(Type::Map { value: Box::new(Type::Any) }),
                _ => Err(self.arity(name, 2, range)),
            },
            _ => match self.dialect.model_name(name) {
                Some(title) if args.is_empty() => Ok(Type::Ref { target: Link::Title { title: title.to_string() } }),
                _ => Err(self.unknown(name, link, range)),
            },
        }
    }

    /// The type of `Literal[…]`'s arguments: the one value's const, or the type that holds
    /// all of them (any JSON when they differ in kind).
    fn literal_type(&self, args: &[Node], range: std::ops::Range<usize>) -> Result<DocType, TypeError> {
        let values = args
            .iter()
            .map(|arg| match arg {
                Node::Literal { value, .. } => Some(Literal::String(value.clone())),
                Node::Name { name, args, .. } if args.is_empty() => literal_name(name),
                _ => None,
            })
            .collect::<Option<Vec<Literal>>>()
            .ok_or_else(|| {
                self.error("`Literal` takes strings, integers or booleans", range)
                    .with_help_text("write the values as Python does: `Literal[\"x\"]`, `Literal[1]`, `Literal[True]`")
            })?;
        Ok(match values.as_slice() {
            [one] => Type::Const { value: one.clone() },
            many if many.iter().all(|v| matches!(v, Literal::String(_))) => Type::String,
            many if many.iter().all(|v| matches!(v, Literal::Integer(_))) => Type::Int64,
            many if many.iter().all(|v| matches!(v, Literal::Bool(_))) => Type::Bool,
            _ => Type::Any,
        })
    }

    fn unknown(&self, name: &str, link: Option<&str>, range: std::ops::Range<usize>) -> TypeError {
        let help = match link {
            Some(url) if !is_doc_link(url) => format!(
                "`{url}` is external documentation, not a model doc, and `{name}` is not a type mdschema knows there; map it to Rust in mdschema.toml's [types], e.g. `\"{name}\" = \"my_crate::MyType\"`"
            ),
            _ => format!(
                "a model type must be a link to its doc, e.g. `[Name](../../models/components/Name.md)`; the {} dialect's types look like {}; map another type to Rust in mdschema.toml's [types], e.g. `BigDecimal = \"rust_decimal::Decimal\"`",
                self.dialect.name(),
                self.dialect.help()
            ),
        };
        TypeError { message: format!("unknown type `{name}`"), help, range }
    }
}

impl TypeError {
    fn with_help_text(mut self, help: &str) -> Self {
        self.help = help.to_string();
        self
    }
}

/// The literal a bare name spells, in Python's or TypeScript's syntax: `True`, `false`,
/// `-1`.
pub fn literal_name(name: &str) -> Option<Literal> {
    match name {
        "True" | "true" => Some(Literal::Bool(true)),
        "False" | "false" => Some(Literal::Bool(false)),
        _ => name.parse::<i64>().ok().map(Literal::Integer),
    }
}

/// A link to another doc, as opposed to external documentation.
pub fn is_doc_link(url: &str) -> bool {
    let path = url.split('#').next().unwrap_or("");
    !url.contains("://") && !url.starts_with("mailto:") && path.ends_with(".md")
}

/// The generators' pages for their own scalar types, linked like docs but outside the model
/// folders: `../../types/rfcdate.md` (TypeScript) and `../../types/date.md` (Go) are dates.
fn generator_type_page(url: &str) -> Option<DocType> {
    let path = url.split(['#', '?']).next()?.strip_suffix(".md")?;
    let mut segments = path.rsplit('/');
    let name = segments.next()?;
    if segments.next()? != "types" {
        return None;
    }
    match name.to_ascii_lowercase().as_str() {
        "rfcdate" | "date" => Some(Type::Date),
        "datetime" | "rfcdatetime" => Some(Type::DateTime),
        _ => None,
    }
}
