//! Object models → structs: fields and their Rust types, the constructor of the required
//! fields, and the plumbing fields left out.

use super::serde_policy::{serde_field, writes_serde};
use super::*;

impl ModelCx<'_> {
    pub(super) fn struct_view(&self, name: &str, fields: &[Field], keep_unknown: bool) -> StructView {
        let mut field_names = Namespace::default();
        let mut skipped = Vec::new();
        let mut views = Vec::new();
        let mut required = Vec::new();
        // Fields serde flattens a map into: a constructor starts them empty, not `None`.
        let mut flattened = Vec::new();
        let mut serde_fields = Vec::new();
        let support =
            self.names.serde_support_path(&self.model.folders).filter(|_| writes_serde(self.model, self.serde_impls));
        for field in fields {
            if field.ty.is_plumbing() {
                skipped.push(format!(
                    "The doc's field {} is SDK plumbing, not JSON, and is not generated.",
                    rustdoc::code_span(&field.name)
                ));
                continue;
            }
            let view = self.field_view(field, &mut field_names, support.is_none());
            // A catch-all map is never required; a flattened union member always is.
            if field.required {
                required.push(view.name.clone());
            }
            if field.catch_all {
                flattened.push(view.name.clone());
            }
            serde_fields.push(serde_field(field, &view.name));
            views.push(view);
        }
        if keep_unknown && !fields.iter().any(|f| f.catch_all) {
            let name = field_names.claim("unknown_fields");
            flattened.push(name.clone());
            views.push(FieldView {
                name,
                ty: format!("{}<{}, {VALUE}>", self.rules.map_type(), self.scope.string()),
                docs: vec![doc_line("JSON keys the doc does not list, kept so that they survive a round trip.")],
                attrs: vec!["#[serde(flatten)]".into()],
            });
        }
        // Every field optional: `Default` builds it absent everywhere. Else `new(required…)`.
        let default = if required.is_empty() { ", Default" } else { "" };
        let serde_derives = if support.is_some() { String::new() } else { format!(", {SERDE_DERIVES}") };
        let mut attrs = self.type_attrs(&format!("{STD_DERIVES}{}{default}{serde_derives}", self.eq_hash()));
        let uses_deprecated = fields.iter().any(|f| f.deprecated || self.refers_to_deprecated(&f.ty));
        let allow_deprecated = uses_deprecated || self.model.deprecated;
        let impl_attrs = if allow_deprecated { vec!["#[allow(deprecated)]".to_string()] } else { Vec::new() };
        attrs.extend(impl_attrs.iter().cloned());
        let constructor =
            (!required.is_empty()).then(|| self.constructor(name, &views, &required, &flattened, &impl_attrs));
        let serde = support.map(|support| SerdeView {
            impl_attrs,
            support,
            name_literal: literal(name.trim_start_matches("r#")),
            fields: serde_fields,
        });
        StructView { name: name.to_string(), docs: self.model_docs(&skipped), attrs, fields: views, constructor, serde }
    }

    pub(super) fn constructor(
        &self,
        name: &str,
        views: &[FieldView],
        required: &[String],
        flattened: &[String],
        impl_attrs: &[String],
    ) -> ConstructorView {
        let params = views
            .iter()
            .filter(|v| required.contains(&v.name))
            .map(|v| ParamView { name: v.name.clone(), ty: v.ty.clone() })
            .collect::<Vec<_>>();
        let absent = |name: &String| match flattened.contains(name) {
            true => "::core::default::Default::default()".to_string(),
            false => self.scope.name("None", "::core::option::Option::None"),
        };
        let fields = views
            .iter()
            .map(|v| InitView { name: v.name.clone(), init: (!required.contains(&v.name)).then(|| absent(&v.name)) })
            .collect();
        // Clippy's default limit on arguments is seven.
        let attrs =
            if params.len() > 7 { vec!["#[allow(clippy::too_many_arguments)]".to_string()] } else { Vec::new() };
        let docs = [format!("A {} with its required fields; every other field absent.", rustdoc::code_span(name))];
        ConstructorView {
            impl_attrs: impl_attrs.to_vec(),
            attrs,
            docs: docs.iter().map(|l| doc_line(l)).collect(),
            params,
            fields,
        }
    }

    /// A field and, where serde's derives are used (`derives_serde`), its serde attributes.
    pub(super) fn field_view(&self, field: &Field, names: &mut Namespace, derives_serde: bool) -> FieldView {
        let name = names.claim(&ident::field_name(&field.name));
        let inner = match self.rules.field_type(&self.model.id, &field.name) {
            Some(rust) => rust.to_string(),
            None => self.rust_type(&field.ty),
        };
        let mut attrs = Vec::new();
        if field.deprecated {
            attrs.push(deprecated_attr(field.deprecation_note.as_deref()));
        }
        if field.catch_all {
            attrs.insert(0, "#[serde(flatten)]".into());
            return FieldView { name, ty: inner, docs: field_docs(field), attrs };
        }
        let ty = match (field.required, field.nullable) {
            (true, false) => inner,
            (true, true) | (false, false) => self.option(&inner),
            (false, true) => self.option(&self.option(&inner)),
        };
        if derives_serde {
            attrs.splice(0..0, self.serde_field_attr(field, &name));
        }
        FieldView { name, ty, docs: field_docs(field), attrs }
    }
}
