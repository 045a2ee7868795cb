//! `## Supported Types` models → enums tried in order of specificity, or read by a tag.

use super::*;

impl ModelCx<'_> {
    /// An untagged enum of the members, ordered by [`specificity`](Self::specificity) so that serde tries the
    /// narrowest first. A union whose members are all objects told apart by a constant field
    /// is read by that field instead, and keeps an object with any other value whole.
    pub(super) fn union_view(&self, name: &str, members: &[Member]) -> UnionView {
        let tags = crate::ir::discriminator(members, |id| self.models.get(id).copied());
        let mut order: Vec<(usize, &Member)> = members.iter().enumerate().collect();
        if tags.is_none() {
            order.sort_by_key(|(_, m)| self.specificity(&m.ty));
        }
        let mut names = Namespace::default();
        let mut variants: Vec<MemberView> = order
            .iter()
            .map(|(i, m)| {
                let wanted = m.name.clone().unwrap_or_else(|| self.member_name(&m.ty));
                let ty = self.rust_type(&m.ty);
                MemberView {
                    name: names.claim(&ident::variant_name(&wanted)),
                    docs: vec![doc_line(&format!("A {}.", rustdoc::code_span(&ty)))],
                    ty,
                    tag: tags.as_ref().map(|(_, values)| literal(&values[*i])),
                    from: false,
                }
            })
            .collect();
        let mut attrs = self.type_attrs(&format!("{STD_DERIVES}{}, {SERDE_DERIVES}", self.eq_hash()));
        let choice = tags.is_none().then(|| self.member_choice(&order, &variants)).flatten();
        let (note, tag) = match &tags {
            Some((key, _)) => {
                variants.push(MemberView {
                    name: names.claim("Unknown"),
                    ty: VALUE.to_string(),
                    docs: vec![doc_line("A member the doc did not list, kept as received.")],
                    tag: None,
                    from: false,
                });
                // Deserialize is written out: it dispatches on the tag.
                attrs = self.type_attrs(&format!("{STD_DERIVES}, ::serde::Serialize"));
                let note = format!(
                    "The members are objects told apart by their {} field; an object with another value of it is kept whole in `Unknown`.",
                    rustdoc::code_span(key)
                );
                (note, Some(literal(key)))
            }
            None if choice.is_some() => {
                // Deserialize is written out: it tries the members that know every key first.
                attrs = self.type_attrs(&format!("{STD_DERIVES}{}, ::serde::Serialize", self.eq_hash()));
                ("Deserializing tries first each object member that knows every key of the JSON object, then every member in the order listed here, most specific first.".to_string(), None)
            }
            None => {
                ("Deserializing tries the members in the order listed here, most specific first.".to_string(), None)
            }
        };
        attrs.push("#[serde(untagged)]".into());
        let mut impl_attrs = Vec::new();
        if self.model.deprecated || members.iter().any(|m| self.refers_to_deprecated(&m.ty)) {
            attrs.push("#[allow(deprecated)]".into());
            impl_attrs.push("#[allow(deprecated)]".to_string());
        }
        // `From` for each member type that one variant alone holds (not the catch-all).
        let member_count = members.len();
        let types: Vec<String> = variants.iter().map(|v| v.ty.clone()).collect();
        for variant in variants.iter_mut().take(member_count) {
            variant.from = types.iter().filter(|t| **t == variant.ty).count() == 1;
        }
        let no_match =
            literal(&format!("data did not match any variant of untagged enum {}", name.trim_start_matches("r#")));
        UnionView {
            name: name.to_string(),
            docs: self.model_docs(&[note]),
            attrs,
            variants,
            tag,
            choice,
            no_match,
            impl_attrs,
        }
    }

    /// The object members (in `order`, beside their `variants`) and the keys each knows, when
    /// at least two members are objects whose keys are all listed (no catch-all): serde's
    /// untagged order alone would take the first that accepts an object, dropping the keys
    /// only a later member knows.
    fn member_choice(&self, order: &[(usize, &Member)], variants: &[MemberView]) -> Option<MemberChoiceView> {
        let fits: Vec<FitView> = order
            .iter()
            .zip(variants)
            .filter_map(|((_, member), variant)| {
                let Type::Ref { target } = &member.ty else { return None };
                let ModelKind::Object { fields, keep_unknown: false } = &self.models.get(target.id.as_str())?.kind
                else {
                    return None;
                };
                if fields.iter().any(|f| f.catch_all) {
                    return None;
                }
                let keys = fields.iter().filter(|f| !f.ty.is_plumbing()).map(|f| literal(&f.wire_name)).collect();
                Some(FitView { variant: variant.name.clone(), keys })
            })
            .collect();
        let support = self.names.serde_support_path(&self.model.folders)?;
        (fits.len() >= 2).then_some(MemberChoiceView { support, fits })
    }

    /// Where a member goes in an untagged enum: serde takes the first member that accepts
    /// the JSON, so narrower types go before the types that would also accept their values.
    /// Constants, then booleans, closed integer enums, integers, floats, then strings of a
    /// shape (closed string enums, dates), objects (more required fields first: an object
    /// with fewer would also accept theirs, dropping keys), other unions, lists, plain
    /// strings and open string enums, maps, and any JSON last. Doc order breaks ties.
    pub(super) fn specificity(&self, ty: &Type) -> (u8, i64) {
        match ty {
            Type::Nullable { inner } => self.specificity(inner),
            Type::Const { .. } => (0, 0),
            Type::Bool => (1, 0),
            Type::Int32 | Type::Int64 => (3, 0),
            Type::Float32 | Type::Float64 => (4, 0),
            Type::Number => (5, 0),
            Type::DateTime | Type::Date => (6, 1),
            Type::List { item } => (10, i64::from(self.specificity(item).0)),
            Type::String | Type::Bytes => (11, 0),
            Type::Map { value } => (12, i64::from(self.specificity(value).0)),
            Type::Any | Type::Stream | Type::HttpResponse | Type::Custom { .. } => (13, 0),
            Type::Ref { target } => match self.models.get(target.id.as_str()).map(|m| &m.kind) {
                Some(ModelKind::Enum { integer: true, open: false, .. }) => (2, 0),
                Some(ModelKind::Enum { integer: true, open: true, .. }) => (3, -1),
                Some(ModelKind::Enum { open: false, .. }) => (6, 0),
                Some(ModelKind::Enum { open: true, .. }) => (11, -1),
                Some(ModelKind::Object { fields, .. }) => {
                    let required = fields.iter().filter(|f| f.required && !f.catch_all).count();
                    (7, -i64::try_from(required).unwrap_or(i64::MAX))
                }
                Some(ModelKind::Union { .. }) => (8, 0),
                Some(ModelKind::Opaque { .. }) | None => (13, 0),
            },
        }
    }

    /// A variant name for a member the doc does not name, as Speakeasy's SDKs name them:
    /// `Str`, `Integer`, `Number`, `Boolean`, `ArrayOfFive`, `MapOfAny`, or the model's name.
    pub(super) fn member_name(&self, ty: &Type) -> String {
        match ty {
            Type::String | Type::Bytes => "Str".into(),
            Type::Bool => "Boolean".into(),
            Type::Int32 | Type::Int64 => "Integer".into(),
            Type::Float32 | Type::Float64 | Type::Number => "Number".into(),
            Type::DateTime => "DateTime".into(),
            Type::Date => "Date".into(),
            Type::Any | Type::Stream | Type::HttpResponse => "Any".into(),
            Type::Const { value } => value.text(),
            Type::Custom { name } => name.clone(),
            Type::List { item } => format!("ArrayOf{}", self.member_name(item)),
            Type::Map { value } => format!("MapOf{}", self.member_name(value)),
            Type::Nullable { inner } => self.member_name(inner),
            Type::Ref { target } => self
                .names
                .types
                .get(&target.id)
                .map_or_else(|| "Model".into(), |(n, _)| n.trim_start_matches("r#").to_string()),
        }
    }
}
