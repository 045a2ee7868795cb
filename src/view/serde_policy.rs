//! How a struct gets its `Serialize` and `Deserialize`: written out by an `impl_serde!` call
//! (compact mode), or serde's derives with each field's `#[serde(…)]` attribute.

use super::*;

impl ModelCx<'_> {
    /// The `#[serde(…)]` attribute of a field of a struct that derives serde's traits, if any.
    pub(super) fn serde_field_attr(&self, field: &Field, name: &str) -> Option<String> {
        let mut serde = Vec::new();
        if name.trim_start_matches("r#") != field.wire_name {
            serde.push(format!("rename = {}", literal(&field.wire_name)));
        }
        let skip_none = format!("skip_serializing_if = \"{}::is_none\"", self.scope.option());
        match (field.required, field.nullable) {
            (true, false) => {}
            // `deserialize_with` makes serde report a missing key instead of reading None.
            (true, true) => serde.push("deserialize_with = \"::serde::Deserialize::deserialize\"".into()),
            (false, false) => serde.extend(["default".to_string(), skip_none]),
            // Only reading needs double_option (`null` is `Some(None)`, not `None`): serde
            // already writes `Some(None)` as `null`, and the absent `None` is skipped.
            (false, true) => serde.extend([
                "default".to_string(),
                skip_none,
                "deserialize_with = \"::serde_with::rust::double_option::deserialize\"".into(),
            ]),
        }
        (!serde.is_empty()).then(|| format!("#[serde({})]", serde.join(", ")))
    }
}

/// Whether a struct's `Serialize` and `Deserialize` are written out rather than derived: in
/// compact mode, unless a field flattens the keys the doc does not list (only serde's derive
/// buffers the rest of an object) or the struct has no field.
pub(super) fn writes_serde(model: &Model, mode: SerdeImpls) -> bool {
    let ModelKind::Object { fields, keep_unknown } = &model.kind else { return false };
    let has_fields = fields.iter().any(|f| !f.ty.is_plumbing());
    let flattens = *keep_unknown || fields.iter().any(|f| f.catch_all);
    mode == SerdeImpls::Compact && has_fields && !flattens
}

/// How the written-out impls read and write `field` (named `name` in Rust).
pub(super) fn serde_field(field: &Field, name: &str) -> SerdeFieldView {
    let presence = match (field.required, field.nullable) {
        (true, _) => "required",
        (false, false) => "optional",
        (false, true) => "nullable",
    };
    SerdeFieldView { name: name.to_string(), key: literal(&field.wire_name), presence }
}
