//! `## Values` models → enums of strings or integers, open or closed.

use super::*;

impl ModelCx<'_> {
    /// An enum of strings, or of integers (`integer`): the variants, the catch-all of an open
    /// enum, and the derives and serde conversion that differ between the two.
    pub(super) fn enum_view(&self, name: &str, values: &[EnumValue], open: bool, integer: bool) -> EnumView {
        let mut names = Namespace::default();
        let variants: Vec<VariantView> = values
            .iter()
            .map(|v| {
                let source = match (v.name.trim().is_empty(), integer, v.value.strip_prefix('-')) {
                    (false, _, _) => v.name.clone(),
                    (true, false, _) => v.value.clone(),
                    (true, true, Some(negative)) => format!("Minus {negative}"),
                    (true, true, None) => format!("Value {}", v.value),
                };
                let (value, mut attrs) = if integer {
                    (v.value.clone(), Vec::new())
                } else {
                    (literal(&v.value), vec![format!("#[serde(rename = {})]", literal(&v.value))])
                };
                if self.enum_default == Some(v.value.as_str()) {
                    attrs.insert(0, "#[default]".to_string());
                }
                VariantView {
                    name: names.claim(&ident::variant_name_in(&source, name)),
                    value,
                    docs: vec![doc_line(&format!("The value {}.", rustdoc::code_span(&v.value)))],
                    attrs,
                }
            })
            .collect();
        let unknown = open.then(|| VariantView {
            name: names.claim("Unknown"),
            value: String::new(),
            docs: vec![doc_line("A value the doc did not list, kept as received.")],
            attrs: if integer { Vec::new() } else { vec!["#[serde(untagged)]".into()] },
        });
        let int_type = self.scope.primitive("i64");
        let mut docs = self.model_docs(&[]);
        // An enum a field defaults to is `Default`, its `#[default]` that value.
        let default = match self.enum_default {
            Some(value) if values.iter().any(|v| v.value == value) => ", Default",
            _ => "",
        };
        let mut attrs;
        if integer {
            attrs = self.type_attrs(&format!("{STD_DERIVES}, Copy, Eq, Hash{default}, {SERDE_DERIVES}"));
            let from = if open { "from" } else { "try_from" };
            attrs.push(format!("#[serde({from} = {}, into = {})]", literal(&int_type), literal(&int_type)));
            docs.push(doc_line(""));
            docs.push(doc_line("Sent as a JSON integer."));
        } else {
            attrs = self.type_attrs(&format!("{STD_DERIVES}, Eq, Hash{default}, {SERDE_DERIVES}"));
            if open {
                // Read through `From<String>` rather than serde's untagged catch-all, which
                // buffers every value and costs rustc a tenth of the whole crate's time.
                attrs.push(format!("#[serde(from = {})]", literal(&self.scope.string())));
            }
        }
        let impl_attrs = if self.model.deprecated { vec!["#[allow(deprecated)]".to_string()] } else { Vec::new() };
        attrs.extend(impl_attrs.iter().cloned());
        EnumView {
            name: name.to_string(),
            docs,
            attrs,
            variants,
            unknown,
            impl_attrs,
            string_type: self.scope.string(),
            int_type,
            str_type: self.scope.primitive("str"),
            parse_error: self.names.parse_error_path(&self.model.folders),
            name_literal: literal(name.trim_start_matches("r#")),
        }
    }
}
