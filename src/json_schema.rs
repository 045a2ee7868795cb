//! IR → one JSON Schema document (draft 2020-12): every model under `$defs`, keyed by its
//! module path (`components.Credentials`), `$ref` between them. It accepts what the
//! generated Rust models accept: the same presence, nullability, enums, unions and
//! constants.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::ir::{EnumValue, Field, Member, Model, ModelKind, Schema, Type};

/// The draft this module writes.
pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The whole schema: `$defs` by module path, with each model's title and description.
pub fn export(schema: &Schema, paths: &BTreeMap<String, String>) -> Value {
    let key = |id: &str| paths.get(id).map_or_else(|| id.replace('/', "."), |p| p.replace("::", "."));
    let by_id: BTreeMap<&str, &Model> = schema.models.iter().map(|m| (m.id.as_str(), m)).collect();
    let cx = Cx { key: &key, models: &by_id };
    let defs: Map<String, Value> = schema.models.iter().map(|m| (key(&m.id), cx.model(m))).collect();
    json!({ "$schema": DRAFT, "$defs": defs })
}

struct Cx<'a> {
    key: &'a dyn Fn(&str) -> String,
    models: &'a BTreeMap<&'a str, &'a Model>,
}

impl Cx<'_> {
    fn model(&self, model: &Model) -> Value {
        let mut schema = match &model.kind {
            ModelKind::Object { fields, .. } => self.object(fields),
            ModelKind::Enum { values, open, integer } => enumeration(values, *open, *integer),
            ModelKind::Union { members } => self.union(members),
            // Any JSON: the doc does not say the shape.
            ModelKind::Opaque { .. } => Map::new(),
        };
        schema.insert("title".into(), json!(model.title));
        if let Some(description) = &model.description {
            schema.insert("description".into(), json!(description));
        }
        if model.deprecated {
            schema.insert("deprecated".into(), json!(true));
        }
        Value::Object(schema)
    }

    fn object(&self, fields: &[Field]) -> Map<String, Value> {
        let mut properties = Map::new();
        let mut required = Vec::new();
        // Unknown keys are accepted, as the generated structs ignore (or keep) them.
        let mut additional = json!(true);
        let mut all_of = Vec::new();
        for field in fields.iter().filter(|f| !f.ty.is_plumbing()) {
            if field.catch_all {
                match &field.ty {
                    Type::Map { value } => additional = self.ty(value),
                    // A union flattened beside the object's own fields: the rest of it.
                    ty => all_of.push(self.ty(ty)),
                }
                continue;
            }
            let mut schema = self.ty(&field.ty);
            if field.nullable {
                schema = nullable(schema);
            }
            if let Value::Object(object) = &mut schema {
                if let Some(description) = &field.description {
                    object.insert("description".into(), json!(description));
                }
                if let Some(example) = &field.example {
                    let example = serde_json::from_str(example).unwrap_or_else(|_| json!(example));
                    object.insert("examples".into(), json!([example]));
                }
                if field.deprecated {
                    object.insert("deprecated".into(), json!(true));
                }
            }
            if field.required {
                required.push(json!(field.wire_name));
            }
            properties.insert(field.wire_name.clone(), schema);
        }
        let mut schema = Map::new();
        schema.insert("type".into(), json!("object"));
        schema.insert("properties".into(), Value::Object(properties));
        if !required.is_empty() {
            schema.insert("required".into(), Value::Array(required));
        }
        schema.insert("additionalProperties".into(), additional);
        if !all_of.is_empty() {
            schema.insert("allOf".into(), Value::Array(all_of));
        }
        schema
    }

    /// `anyOf` the members. A discriminated union (every member an object with a required
    /// constant tag) also accepts an object whose tag is none of theirs, as the generated
    /// enum keeps it whole.
    fn union(&self, members: &[Member]) -> Map<String, Value> {
        let mut any_of: Vec<Value> = members.iter().map(|m| self.ty(&m.ty)).collect();
        if let Some((key, values)) = crate::ir::discriminator(members, |id| self.models.get(id).copied()) {
            any_of.push(json!({
                "type": "object",
                "not": { "properties": { key.clone(): { "enum": values } }, "required": [key] },
            }));
        }
        let mut schema = Map::new();
        schema.insert("anyOf".into(), Value::Array(any_of));
        schema
    }

    fn ty(&self, ty: &Type) -> Value {
        match ty {
            Type::String => json!({"type": "string"}),
            Type::Bytes => json!({"type": "string", "contentEncoding": "base64"}),
            Type::Bool => json!({"type": "boolean"}),
            Type::Int32 => json!({"type": "integer", "format": "int32"}),
            Type::Int64 => json!({"type": "integer", "format": "int64"}),
            Type::Float32 => json!({"type": "number", "format": "float"}),
            Type::Float64 => json!({"type": "number", "format": "double"}),
            Type::Number => json!({"type": "number"}),
            Type::DateTime => json!({"type": "string", "format": "date-time"}),
            Type::Date => json!({"type": "string", "format": "date"}),
            Type::Any | Type::Custom { .. } | Type::Stream | Type::HttpResponse => json!({}),
            Type::Const { value } => json!({"const": value}),
            Type::List { item } => json!({"type": "array", "items": self.ty(item)}),
            Type::Map { value } => json!({"type": "object", "additionalProperties": self.ty(value)}),
            Type::Nullable { inner } => nullable(self.ty(inner)),
            Type::Ref { target } => json!({"$ref": format!("#/$defs/{}", (self.key)(&target.id))}),
        }
    }
}

/// `null` too: `type: [T, "null"]` where the schema is one plain type, else `anyOf`.
fn nullable(schema: Value) -> Value {
    match &schema {
        Value::Object(object) if object.is_empty() => schema,
        Value::Object(object) if object.len() <= 2 && object.get("type").is_some_and(Value::is_string) => {
            let mut object = object.clone();
            let ty = object["type"].clone();
            object.insert("type".into(), json!([ty, "null"]));
            Value::Object(object)
        }
        _ => json!({"anyOf": [schema, {"type": "null"}]}),
    }
}

/// A closed enum lists its values; an open one also takes any other string (or integer).
fn enumeration(values: &[EnumValue], open: bool, integer: bool) -> Map<String, Value> {
    let listed: Vec<Value> = values
        .iter()
        .map(|v| {
            if integer { v.value.parse::<i64>().map_or_else(|_| json!(v.value), |n| json!(n)) } else { json!(v.value) }
        })
        .collect();
    let mut schema = Map::new();
    if open {
        let other = if integer { json!({"type": "integer"}) } else { json!({"type": "string"}) };
        schema.insert("anyOf".into(), json!([{ "enum": listed }, other]));
    } else {
        schema.insert("enum".into(), Value::Array(listed));
    }
    schema
}
