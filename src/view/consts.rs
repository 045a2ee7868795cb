//! Literal fields and members → one-value types that write their value and reject any other.

use super::*;

impl ModelCx<'_> {
    /// The types that hold one const value each, for the model's const fields and members.
    pub(super) fn const_views(&self) -> Vec<ConstView> {
        let mut seen = BTreeSet::new();
        let mut views = Vec::new();
        for (_, ty) in labelled_types(self.model) {
            for value in consts_in(ty) {
                let Some(name) = self.names.consts.get(&(self.model.id.clone(), value.clone())) else { continue };
                if !seen.insert(name.clone()) {
                    continue;
                }
                views.push(ConstView {
                    name: name.clone(),
                    docs: vec![doc_line(&format!(
                        "Exactly {}: any other value is a deserialization error.",
                        rustdoc::code_span(&value.text())
                    ))],
                    attrs: vec![const_derives(value)],
                    variant: ident::variant_name(&const_label(value)),
                    value: literal(&value.text()),
                    primitive: const_primitive(value),
                });
            }
        }
        views
    }
}

/// Each field's or member's type with the name a const type for it is named after.
pub(super) fn labelled_types(model: &Model) -> Vec<(String, &Type)> {
    match &model.kind {
        ModelKind::Object { fields, .. } => fields.iter().map(|f| (f.name.clone(), &f.ty)).collect(),
        // A member the doc does not name is labelled by its value (`AtFalse`).
        ModelKind::Union { members } => members
            .iter()
            .map(|m| {
                let label = m.name.clone().or_else(|| consts_in(&m.ty).first().map(|v| const_label(v)));
                (label.unwrap_or_default(), &m.ty)
            })
            .collect(),
        ModelKind::Enum { .. } | ModelKind::Opaque { .. } => Vec::new(),
    }
}

/// The derives of a const type: serde's for a string, whose one variant serde renames to
/// it; the others' serde impls are written out, since serde renames only to strings.
pub(super) fn const_derives(value: &Literal) -> String {
    match value {
        Literal::String(_) => {
            format!("#[derive({STD_DERIVES}, Copy, Eq, Hash, PartialOrd, Ord, Default, {SERDE_DERIVES})]")
        }
        Literal::Bool(_) | Literal::Integer(_) => {
            format!("#[derive({STD_DERIVES}, Copy, Eq, Hash, PartialOrd, Ord, Default)]")
        }
    }
}

/// How a boolean or integer const is written and read; `None` for a string.
pub(super) fn const_primitive(value: &Literal) -> Option<ConstPrimitiveView> {
    let (ty, serialize, unexpected) = match value {
        Literal::String(_) => return None,
        Literal::Bool(_) => ("bool", "serialize_bool", "Bool"),
        Literal::Integer(_) => ("i64", "serialize_i64", "Signed"),
    };
    Some(ConstPrimitiveView {
        ty: ty.into(),
        value: value.to_string(),
        serialize: serialize.into(),
        accepts: match value {
            Literal::Bool(true) => "value".into(),
            Literal::Bool(false) => "!value".into(),
            _ => format!("value == {value}"),
        },
        unexpected: format!("::serde::de::Unexpected::{unexpected}(value)"),
        expected: literal(&format!("`{value}`")),
    })
}

/// A const's value as words for a name: its text, a negative integer's sign spelled out
/// (`-1` → `minus 1`) so that `1` and `-1` name different things.
pub(super) fn const_label(value: &Literal) -> String {
    match value {
        Literal::Integer(i) if *i < 0 => format!("minus {}", i.unsigned_abs()),
        _ => value.text(),
    }
}

/// The const values in a type, outermost first.
pub(super) fn consts_in(ty: &Type) -> Vec<&Literal> {
    let mut found = Vec::new();
    let mut next = Some(ty);
    while let Some(ty) = next {
        if let Type::Const { value } = ty {
            found.push(value);
        }
        next = ty.inner();
    }
    found
}
