//! IR types → Rust type strings, through the config's mapped types and the module's scope.

use super::*;

impl ModelCx<'_> {
    pub(super) fn option(&self, inner: &str) -> String {
        format!("{}<{inner}>", self.scope.option())
    }

    pub(super) fn rust_type(&self, ty: &Type) -> String {
        if let Some(rust) = self.rules.scalar_type(ty) {
            return rust.to_string();
        }
        match ty {
            Type::String | Type::Bytes => self.scope.string(),
            Type::Bool => self.scope.primitive("bool"),
            Type::Int32 => self.scope.primitive("i32"),
            Type::Int64 => self.scope.primitive("i64"),
            Type::Float32 => self.scope.primitive("f32"),
            Type::Float64 => self.scope.primitive("f64"),
            Type::DateTime => "::chrono::DateTime<::chrono::FixedOffset>".into(),
            Type::Date => "::chrono::NaiveDate".into(),
            Type::Any | Type::Stream | Type::HttpResponse => VALUE.into(),
            Type::Number => "::serde_json::Number".into(),
            Type::Const { value } => match self.names.consts.get(&(self.model.id.clone(), value.clone())) {
                Some(name) => name.clone(),
                None => self.scope.string(),
            },
            Type::List { item } => format!("{}<{}>", self.scope.name("Vec", "::std::vec::Vec"), self.rust_type(item)),
            Type::Map { value } => {
                format!("{}<{}, {}>", self.rules.map_type(), self.scope.string(), self.rust_type(value))
            }
            // Any JSON holds `null` itself (`Option<Value>` would say it twice).
            Type::Nullable { inner } if matches!(**inner, Type::Any) => self.rust_type(inner),
            Type::Nullable { inner } => self.option(&self.rust_type(inner)),
            Type::Custom { name } => self.rules.doc_type(name).unwrap_or(VALUE).to_string(),
            Type::Ref { target } => {
                let path =
                    self.names.type_path(&self.model.folders, &target.id, &self.models[target.id.as_str()].folders);
                if target.boxed { format!("{}<{path}>", self.scope.name("Box", "::std::boxed::Box")) } else { path }
            }
        }
    }
}

pub(super) const VALUE: &str = "::serde_json::Value";
