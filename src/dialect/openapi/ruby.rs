//! openapi-generator's Ruby docs: `# Vendor::Pet`, `| **name** | **String** | … |` rows with
//! outer pipes; `**Integer**`, `**Float**`, `**Boolean**`, `**Time**`, `**Date**`,
//! `**Object**`, `**Array&lt;String&gt;**`, `**Hash&lt;String, Object&gt;**`. A oneOf schema
//! is a union: `## Class instance methods` lists its members (`openapi_one_of`).

use std::borrow::Cow;

use super::super::{CellType, Dialect, DocType, Family, Meaning, MemberText, Presence};
use crate::ir::Type;
use crate::markdown::DocTables;

/// The openapi-generator Ruby dialect.
pub struct Ruby;

impl Dialect for Ruby {
    fn name(&self) -> &'static str {
        "openapi-ruby"
    }

    fn family(&self) -> Family {
        Family::OpenApiGenerator
    }

    fn help(&self) -> &'static str {
        "`**String**`, `**Integer**`, `**Array&lt;String&gt;**`, `**Hash&lt;String, Object&gt;**` or `[**Tag**](Tag.md)`"
    }

    /// `Hash` alone (`Array<Hash>`) is a map of anything: `Hash<String, Object>`.
    fn cell_text<'c>(&self, cell: &'c str) -> Cow<'c, str> {
        let plain = super::plain_cell(cell);
        if !plain.contains("Hash") {
            return plain;
        }
        let mut out = String::with_capacity(plain.len() + 16);
        let mut rest = plain.as_ref();
        while let Some(at) = rest.find("Hash") {
            let after = &rest[at + 4..];
            let word_before = rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
            let word_after = after.starts_with(|c: char| c.is_alphanumeric() || c == '_');
            out.push_str(&rest[..at + 4]);
            if !word_before && !word_after && !after.trim_start().starts_with('<') {
                out.push_str("<String, Object>");
            }
            rest = after;
        }
        out.push_str(rest);
        Cow::Owned(out)
    }

    fn meaning(&self, name: &str, _url: Option<&str>) -> Option<Meaning> {
        let ty = |ty: DocType| Some(Meaning::Type(ty));
        match name {
            "String" => ty(Type::String),
            "Integer" => ty(Type::Int64),
            "Float" => ty(Type::Float64),
            "Boolean" => ty(Type::Bool),
            "Object" | "Mixed" => ty(Type::Any),
            "Time" | "DateTime" => ty(Type::DateTime),
            "Date" => ty(Type::Date),
            "File" => ty(Type::Stream),
            "Hash" => Some(Meaning::Map),
            "Array" => Some(Meaning::List),
            _ => None,
        }
    }

    fn model_name<'n>(&self, name: &'n str) -> Option<&'n str> {
        super::go::is_model_name(name).then_some(name)
    }

    fn title<'t>(&self, heading: &'t str) -> &'t str {
        super::last_segment(heading, "::")
    }

    fn claims(&self, doc: &DocTables) -> bool {
        doc.title.as_ref().is_some_and(|t| t.text.contains("::"))
    }

    /// `Vendor::X.openapi_one_of` (or `openapi_any_of`, Fastly's `fastly_one_of`) and the
    /// `# =>` list of `:'Member'` symbols after it.
    fn one_of(&self, doc: &DocTables) -> Option<Vec<MemberText>> {
        let block = doc.sections.iter().flat_map(|s| &s.code_blocks).find(|b| {
            ["openapi_one_of", "openapi_any_of", "fastly_one_of"].iter().any(|m| b.text.contains(&format!(".{m}")))
        })?;
        let members = block
            .text
            .lines()
            .filter_map(|line| line.trim().trim_start_matches('#').trim().strip_prefix(":'")?.split('\'').next())
            .map(|name| MemberText {
                name: None,
                text: name.to_string(),
                example: None,
                span: block.span,
                annotation: None,
            })
            .collect();
        Some(members)
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
    fn every_form_in_the_openapi_ruby_grammar() {
        let model = |url: &str| Type::Ref { target: Link::Path { url: url.into() } };
        let list = |item: DocType| Type::List { item: Box::new(item) };
        let map = |value: DocType| Type::Map { value: Box::new(value) };
        super::super::reads_as(
            &Ruby,
            &[
                ("**String**", Type::String, Bare),
                ("**Integer**", Type::Int64, Bare),
                ("**Time**", Type::DateTime, Bare),
                ("**Array&lt;String&gt;**", list(Type::String), Bare),
                ("**Hash&lt;String, Object&gt;**", map(Type::Any), Bare),
                ("[**Hash&lt;String, Link&gt;**](Link.md)", map(model("Link.md")), Bare),
                ("[**Array&lt;AccessDenied&gt;**](AccessDenied.md)", list(model("AccessDenied.md")), Bare),
                ("**Array&lt;Hash&gt;**", list(map(Type::Any)), Bare),
                ("**Hash**", map(Type::Any), Bare),
            ],
        );
        assert_eq!(Ruby.title("LaunchDarklyApi::Access"), "Access");
    }

    #[test]
    fn one_of_lists_become_members() {
        let doc = crate::markdown::parse(
            "# V::U\n\n## Class instance methods\n\n### `openapi_one_of`\n\n```ruby\nrequire 'v'\n\nV::U.openapi_one_of\n# =>\n# [\n#   :'Team',\n#   :'Member'\n# ]\n```\n",
        );
        let members = Ruby.one_of(&doc).unwrap();
        let names: Vec<&str> = members.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(names, ["Team", "Member"]);
    }
}
