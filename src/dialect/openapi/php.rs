//! openapi-generator's PHP docs (`docs/Model/`): `# # Pet`; `**string**`, `**int**`,
//! `**float**`, `**bool**`, `**mixed**`, `**\DateTime**` (dates and date-times alike),
//! `**string[]**`, `**array<string,mixed>**`, and models by their fully qualified names
//! (`[**\Vendor\Model\Tag[]**](Tag.md)`). Name cells are snake case.

use std::borrow::Cow;

use super::super::{CellType, Dialect, DocType, Family, Meaning, Presence};
use crate::ir::Type;
use crate::markdown::DocTables;

/// The openapi-generator PHP dialect.
pub struct Php;

impl Dialect for Php {
    /// PHP's models sit in `docs/Model/` (its operations in `docs/Api/`): the flat family of
    /// the other languages' `docs/`, for the merge.
    fn folder_family(&self, folder: &str) -> Option<&'static str> {
        (folder == "Model").then_some("")
    }

    fn name(&self) -> &'static str {
        "openapi-php"
    }

    fn family(&self) -> Family {
        Family::OpenApiGenerator
    }

    fn help(&self) -> &'static str {
        "`**string**`, `**int**`, `**string[]**`, `**array<string,mixed>**` or `[**\\Vendor\\Model\\Tag**](Tag.md)`"
    }

    /// Namespaces gone (`\Vendor\Model\Tag` is `Tag`, `\DateTime` is `DateTime`), and
    /// `array<string,T>` read as the map it is.
    fn cell_text<'c>(&self, cell: &'c str) -> Cow<'c, str> {
        let plain = super::plain_cell(cell);
        let plain = if plain.contains("array<") { Cow::Owned(plain.replace("array<", "Map<")) } else { plain };
        if !plain.contains('\\') {
            return plain;
        }
        let mut out = String::with_capacity(plain.len());
        let mut word = String::new();
        for c in plain.chars() {
            match c {
                '\\' => word.clear(),
                c if c.is_alphanumeric() || c == '_' => word.push(c),
                c => {
                    out.push_str(&word);
                    word.clear();
                    out.push(c);
                }
            }
        }
        out.push_str(&word);
        Cow::Owned(out)
    }

    fn meaning(&self, name: &str, _url: Option<&str>) -> Option<Meaning> {
        let ty = |ty: DocType| Some(Meaning::Type(ty));
        match name {
            "string" => ty(Type::String),
            "int" => ty(Type::Int64),
            "float" => ty(Type::Float64),
            "bool" => ty(Type::Bool),
            "mixed" | "object" | "array" => ty(Type::Any),
            // `\DateTime` stands for dates and date-times alike: the text is kept as sent.
            "DateTime" => ty(Type::String),
            "SplFileObject" => ty(Type::Stream),
            "Map" => Some(Meaning::Map),
            _ => None,
        }
    }

    fn model_name<'n>(&self, name: &'n str) -> Option<&'n str> {
        super::go::is_model_name(name).then_some(name)
    }

    /// `# # Pet`: the heading's text starts with `#`.
    fn title<'t>(&self, heading: &'t str) -> &'t str {
        heading.trim().trim_start_matches('#').trim()
    }

    fn claims(&self, doc: &DocTables) -> bool {
        doc.title.as_ref().is_some_and(|t| t.text.starts_with('#'))
    }

    fn presence(&self, _cell: &CellType, required: bool) -> Presence {
        super::super::presence_unknown_nullability(required)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::Wrapper::None as Bare;
    use crate::ir::Link;

    #[test]
    fn every_form_in_the_openapi_php_grammar() {
        let model = |url: &str| Type::Ref { target: Link::Path { url: url.into() } };
        let list = |item: DocType| Type::List { item: Box::new(item) };
        let map = |value: DocType| Type::Map { value: Box::new(value) };
        super::super::reads_as(
            &Php,
            &[
                ("**string**", Type::String, Bare),
                ("**int**", Type::Int64, Bare),
                ("**string[]**", list(Type::String), Bare),
                ("**array&lt;string,mixed&gt;**", map(Type::Any), Bare),
                ("**array<string,mixed>**", map(Type::Any), Bare),
                ("**mixed**", Type::Any, Bare),
                ("**array[]**", list(Type::Any), Bare),
                ("**\\DateTime**", Type::String, Bare),
                (
                    "[**\\LaunchDarklyApi\\Model\\AccessDenied[]**](AccessDenied.md)",
                    list(model("AccessDenied.md")),
                    Bare,
                ),
                ("[**array<string,\\LaunchDarklyApi\\Model\\Link>**](Link.md)", map(model("Link.md")), Bare),
                ("[**\\Fastly\\Model\\PaginationMeta**](PaginationMeta.md)", model("PaginationMeta.md"), Bare),
            ],
        );
        assert_eq!(Php.title("# Access"), "Access");
    }
}
