//! A `## Supported Types` section's members → union members: each member's type from its
//! heading, its snippet or its bare name, and members of one type told apart by example.

use super::*;

impl Cx<'_> {
    /// The members' types; members of one type are told apart by their examples
    /// (TypeScript's `number` twice, `10` and `10.5`: an integer and a float).
    pub(super) fn members(&mut self, texts: Vec<MemberText>) -> Vec<Member<Link>> {
        let custom = |name: &str| self.config.doc_type(name).is_some();
        let parsed: Vec<(MemberText, Result<dialect::CellType, dialect::TypeError>)> = texts
            .into_iter()
            .map(|text| {
                let parsed = member_type(self.dialect, &text, &custom);
                (text, parsed)
            })
            .collect();
        let mut members = Vec::new();
        for (text, result) in &parsed {
            let cell = match result {
                Ok(cell) => cell,
                Err(e) => {
                    let message = format!("union member `{}`: {}", text.text, e.message);
                    self.error(text.span, message, e.help.clone());
                    continue;
                }
            };
            let twins = parsed.iter().filter(|(_, p)| p.as_ref().is_ok_and(|c| c.ty == cell.ty)).count();
            let ty = match (&cell.ty, text.example.as_deref()) {
                (Type::Number, Some(example)) if twins > 1 => {
                    if parse_integer(example).is_some() {
                        Type::Int64
                    } else {
                        Type::Float64
                    }
                }
                _ => cell.ty.clone(),
            };
            let ty = match cell.wrapper {
                dialect::Wrapper::Nullable | dialect::Wrapper::OptionalNullable => {
                    Type::Nullable { inner: Box::new(ty) }
                }
                _ => ty,
            };
            members.push(Member { name: text.name.clone(), ty, span: text.span });
        }
        members
    }
}

/// Splits a Speakeasy deprecation notice (`: warning: ** DEPRECATED **: why..<br/><br/>rest`)
/// into its note and the remaining paragraphs. `None` when the text is not such a notice.
/// A union member's type. The heading says it (`` `datetime` ``, `` `models.Pet` ``) unless the
/// snippet annotates a model (older generator versions head a member by its bare name over
/// `value: shared.Pet = …`), or the heading means nothing in the dialect and the snippet
/// does; a heading that is a bare name naming no type of the dialect names a model by title.
fn member_type(
    dialect: &dyn Dialect,
    text: &MemberText,
    custom: &dyn Fn(&str) -> bool,
) -> Result<dialect::CellType, dialect::TypeError> {
    let heading = dialect::parse_type(dialect, &text.text, custom);
    let annotated = text
        .annotation
        .as_ref()
        .filter(|(annotation, _)| *annotation != text.text)
        .and_then(|(annotation, _)| dialect::parse_type(dialect, annotation, custom).ok());
    let is_model = |cell: &dialect::CellType| matches!(cell.ty, Type::Ref { .. });
    match (heading, annotated) {
        (Ok(heading), _) if is_model(&heading) => Ok(heading),
        (_, Some(annotated)) if is_model(&annotated) => Ok(annotated),
        (Ok(heading), _) => Ok(heading),
        (Err(_), Some(annotated)) => Ok(annotated),
        (Err(_), None) if is_bare_name(&text.text) => Ok(dialect::CellType {
            ty: Type::Ref { target: Link::Title { title: text.text.clone() } },
            wrapper: dialect::Wrapper::None,
        }),
        (Err(e), None) => Err(e),
    }
}

/// `TypedObject1`: an identifier, as a model's title may be written.
pub(super) fn is_bare_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_alphabetic() || c == '_') && text.chars().all(|c| c.is_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::FileConfig;

    fn lower_in(dialect: &str, text: &str) -> Lowered {
        let config = Rules::new(FileConfig::default(), None).unwrap();
        let file = SourceFile::new("shared/U.md", "schemas/shared/U.md", text.to_string());
        lower(&file, &markdown::parse(&file.text), crate::dialect::by_name(dialect).unwrap(), &config)
    }

    #[test]
    fn union_members_by_heading_snippet_or_bare_name() {
        let title = |t: &str| Type::Ref { target: Link::Title { title: t.into() } };
        let cases: &[(&str, &str, &str, Type<Link>)] = &[
            // The 2023 generator: a bare model name over a snippet that qualifies it.
            ("typescript", "TypedObject1", "const x: shared.TypedObject1 = /* values here */", title("TypedObject1")),
            // A heading the dialect reads as a scalar, a snippet naming a model: the model.
            ("typescript", "`Date`", "const x: shared.Date = /* values here */", title("Date")),
            ("typescript", "`Date`", "const value: Date = new Date(\"2020-01-01\");", Type::DateTime),
            ("python", "`datetime`", "value: datetime = /* values here */", Type::DateTime),
            (
                "python",
                "`Literal[True]`",
                "value: Literal[True] = /* values here */",
                Type::Const { value: true.into() },
            ),
            // A heading that means nothing, a snippet that does.
            ("python", "Some member", "value: models.Pet = /* values here */", title("Pet")),
            // A bare name and no snippet: a model by title.
            ("python", "Pet", "print(1)", title("Pet")),
        ];
        for (dialect, heading, snippet, expected) in cases {
            let doc = format!("# U\n\n## Supported Types\n\n### {heading}\n\n```\n{snippet}\n```\n");
            let lowered = lower_in(dialect, &doc);
            assert!(lowered.errors.is_empty(), "{heading}: {:?}", lowered.errors);
            let Some(ModelKind::Union { members }) = lowered.model.map(|m| m.kind) else { panic!("{heading}") };
            assert_eq!(&members[0].ty, expected, "{dialect} {heading} over {snippet}");
        }
        // Neither the heading nor the snippet names a type: an error at the heading.
        let lowered = lower_in("python", "# U\n\n## Supported Types\n\n### `List[`\n\n```\nx = 1\n```\n");
        assert_eq!(lowered.errors.len(), 1);
        assert!(lowered.errors[0].to_string().contains("U.md:5:"), "{}", lowered.errors[0]);
    }
}
