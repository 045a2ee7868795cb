//! An OpenAPI spec as the tests' ground truth (mdschema never reads one): how a generated
//! schema matches its component schemas fact by fact, the `[wire_names]` that docs cannot
//! give, and JSON payloads built from it (every field, required fields only, nulls).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

/// The component schemas of the spec at `path` (YAML).
pub fn component_schemas(path: &std::path::Path) -> Map<String, Value> {
    let spec: Value = serde_yaml_ng::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    spec["components"]["schemas"].as_object().unwrap().clone()
}

/// How one LaunchDarkly language's generated schema matches the spec it was generated from
/// (`launchdarkly/openapi.yaml`): per property of every component schema with properties,
/// whether the model (by title) and field (by JSON key, else by its snake case) are found,
/// and whether the JSON key, required, nullable, type kind and enum values are right.
#[derive(Default)]
pub struct SpecScore {
    pub properties: usize,
    pub found: usize,
    pub key: usize,
    pub required: usize,
    pub nullable: usize,
    pub kind: usize,
    pub enums: usize,
    pub enum_properties: usize,
    /// The properties whose type kind is wrong, and why.
    pub wrong_kinds: Vec<String>,
}

impl SpecScore {
    /// Each fact's name and share: properties found, and of those the right JSON key,
    /// required, nullable, type kind; of enum properties, the right values.
    pub fn facts(&self) -> [(&'static str, f64); 6] {
        let share = |n: usize, of: usize| n as f64 / of.max(1) as f64;
        [
            ("found", share(self.found, self.properties)),
            ("JSON key", share(self.key, self.found)),
            ("required", share(self.required, self.found)),
            ("nullable", share(self.nullable, self.found)),
            ("type kind", share(self.kind, self.found)),
            ("enum values", share(self.enums, self.enum_properties)),
        ]
    }

    pub fn pct(n: usize, of: usize) -> String {
        if of == 0 { "-".into() } else { format!("{:.1}%", 100.0 * n as f64 / of as f64) }
    }
}

pub fn score(schema: &mdschema::ir::Schema, specs: &serde_json::Map<String, serde_json::Value>) -> SpecScore {
    use mdschema::ir::ModelKind;
    let mut score = SpecScore::default();
    let by_id: BTreeMap<&str, &mdschema::ir::Model> = schema.models.iter().map(|m| (m.id.as_str(), m)).collect();
    for (name, spec) in specs {
        let Some(properties) = spec["properties"].as_object() else { continue };
        let required: Vec<&str> =
            spec["required"].as_array().map_or(Vec::new(), |r| r.iter().filter_map(|v| v.as_str()).collect());
        let fields = match model_for(schema, name).map(|m| &m.kind) {
            Some(ModelKind::Object { fields, .. }) => fields.as_slice(),
            _ => &[],
        };
        for (key, property) in properties {
            score.properties += 1;
            let Some(field) = find_field(fields, key) else { continue };
            score.found += 1;
            score.key += usize::from(field.wire_name == *key);
            score.required += usize::from(field.required == required.contains(&key.as_str()));
            let nullable = property["nullable"].as_bool().unwrap_or(false);
            score.nullable += usize::from(field.nullable == nullable);
            let kind = same_kind(&field.ty, property, specs, &by_id);
            if !kind {
                score.wrong_kinds.push(format!("{name}.{key}: {:?} for {property}", field.ty));
            }
            score.kind += usize::from(kind);
            let values = enum_values(property, specs);
            if !values.is_empty() {
                score.enum_properties += 1;
                let read: Vec<String> = match target(&field.ty, &by_id).map(|m| &m.kind) {
                    Some(ModelKind::Enum { values, .. }) => values.iter().map(|v| v.value.clone()).collect(),
                    _ => Vec::new(),
                };
                score.enums += usize::from(values.iter().all(|v| read.contains(v)));
            }
        }
    }
    score
}

/// The model a reference names.
fn target<'m>(
    ty: &mdschema::ir::Type,
    models: &BTreeMap<&str, &'m mdschema::ir::Model>,
) -> Option<&'m mdschema::ir::Model> {
    match ty {
        mdschema::ir::Type::Ref { target } => models.get(target.id.as_str()).copied(),
        mdschema::ir::Type::Nullable { inner } => target(inner, models),
        _ => None,
    }
}

/// The spec property's enum values, inline or through a `$ref`.
fn enum_values(property: &serde_json::Value, specs: &serde_json::Map<String, serde_json::Value>) -> Vec<String> {
    let resolved = property["$ref"].as_str().and_then(|r| specs.get(r.rsplit('/').next()?)).unwrap_or(property);
    resolved["enum"]
        .as_array()
        .map_or(Vec::new(), |values| values.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
}

/// Whether the IR type is of the spec property's kind: a string, an integer (a TypeScript or
/// JavaScript `number` stands for one), a number, a boolean, a date or date-time (a string
/// where the language writes dates as strings), an array, a map, a model (a `$ref`, or an
/// inline object), or any JSON where the spec gives no type.
fn same_kind(
    ty: &mdschema::ir::Type,
    property: &serde_json::Value,
    specs: &serde_json::Map<String, serde_json::Value>,
    models: &BTreeMap<&str, &mdschema::ir::Model>,
) -> bool {
    use mdschema::ir::{ModelKind, Type};
    let ty = match ty {
        Type::Nullable { inner } => inner.as_ref(),
        ty => ty,
    };
    if let Some(reference) = property["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap_or("");
        let referenced = specs.get(name);
        // A `$ref` to a plain string enum is read as a string where the language inlines it.
        let is_enum = referenced.is_some_and(|s| s.get("enum").is_some());
        return match ty {
            Type::Ref { .. } => true,
            Type::String | Type::Const { .. } => is_enum,
            Type::Any => referenced.is_some_and(|s| s.get("properties").is_none() && s.get("enum").is_none()),
            _ => false,
        };
    }
    let string = matches!(ty, Type::String | Type::Const { .. });
    match property["type"].as_str() {
        Some("string") => match property["format"].as_str() {
            Some("date-time") => matches!(ty, Type::DateTime) || string,
            Some("date") => matches!(ty, Type::Date) || string,
            _ => string || target(ty, models).is_some_and(|m| matches!(m.kind, ModelKind::Enum { .. })),
        },
        Some("integer") => matches!(ty, Type::Int32 | Type::Int64 | Type::Number),
        Some("number") => matches!(ty, Type::Float32 | Type::Float64 | Type::Number),
        Some("boolean") => matches!(ty, Type::Bool),
        Some("array") => matches!(ty, Type::List { .. }),
        // An object with properties is a model; with none (`properties: {}`), any keys.
        Some("object") if property["properties"].as_object().is_some_and(|p| !p.is_empty()) => {
            matches!(ty, Type::Ref { .. } | Type::Any)
        }
        Some("object") => matches!(ty, Type::Map { .. } | Type::Any),
        None => matches!(ty, Type::Any | Type::Map { .. } | Type::Ref { .. }),
        Some(_) => false,
    }
}

/// Letters and digits, lower case: how spec names and keys are matched to titles and names
/// that a language spelled its own way (`AIConfig__maintainer` and `AIConfigMaintainer`,
/// `_links` and `Links`, `memberIDs` and `member_ids`).
fn letters(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase()
}

/// The model (not an enum defined inside another) of the spec schema `name`: by title, else by
/// the title's letters, else `Model` and the name.
pub fn model_for<'m>(schema: &'m mdschema::ir::Schema, name: &str) -> Option<&'m mdschema::ir::Model> {
    let models = || schema.models.iter().filter(|m| !m.id.contains('#'));
    let prefixed = format!("Model{name}");
    models()
        .find(|m| m.title == name)
        .or_else(|| models().find(|m| letters(&m.title) == letters(name)))
        // A reserved name some languages prefix (`ModelError`, `ModelImport`).
        .or_else(|| models().find(|m| m.title == prefixed))
}

/// The field of `fields` for the spec property `key`: by JSON key, else by its letters.
pub fn find_field<'f>(fields: &'f [mdschema::ir::Field], key: &str) -> Option<&'f mdschema::ir::Field> {
    fields.iter().find(|f| f.wire_name == key).or_else(|| fields.iter().find(|f| letters(&f.name) == letters(key)))
}

/// The fields of the model of spec schema `name`, if it is an object.
pub fn fields_of<'m>(schema: &'m mdschema::ir::Schema, name: &str) -> Option<&'m [mdschema::ir::Field]> {
    match &model_for(schema, name)?.kind {
        mdschema::ir::ModelKind::Object { fields, .. } => Some(fields),
        _ => None,
    }
}

/// The `[wire_names]` table that gives every field of `schema` found in the spec its
/// spec's JSON key, where the doc and `wire_case` did not: what docs cannot say. A schema's
/// keys include its allOf and oneOf members' (a language may flatten a oneOf into one object).
pub fn wire_names(schema: &mdschema::ir::Schema, specs: &Map<String, Value>) -> String {
    let payloads = Payloads::new(specs, None);
    let mut keys = BTreeMap::new();
    for name in specs.keys() {
        let Some(model) = model_for(schema, name) else { continue };
        let mdschema::ir::ModelKind::Object { fields, .. } = &model.kind else { continue };
        for key in payloads.keys(&specs[name]) {
            if let Some(field) = find_field(fields, key).filter(|f| f.wire_name != key) {
                keys.entry(format!("{}.{}", model.id, field.name)).or_insert(key);
            }
        }
    }
    keys.iter().fold(String::from("[wire_names]\n"), |table, (field, key)| table + &format!("{field:?} = {key:?}\n"))
}

/// Which fields a payload built from the spec holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mode {
    /// Every property, with a value.
    AllFields,
    /// The required properties only.
    RequiredOnly,
    /// The required properties with a value, every nullable property `null`.
    Nulls,
    /// The `n`th member of a oneOf schema, with every field.
    Member(usize),
}

/// One payload built from the spec.
pub struct Payload {
    pub mode: Mode,
    pub value: Value,
    /// It holds an instance of a oneOf schema somewhere, which a language that flattens oneOf
    /// schemas into one object cannot type.
    pub one_of: bool,
}

/// Nested objects deeper than this hold their required properties only, so that recursive
/// schemas end.
const DEPTH: usize = 4;

/// Whether the docs list property `key` of spec schema `name`.
pub type Listed<'l> = &'l dyn Fn(&str, &str) -> bool;

/// JSON payloads built from component schemas, each value a valid instance of its schema.
pub struct Payloads<'s> {
    pub schemas: &'s Map<String, Value>,
    /// Set when a payload built holds an instance of a oneOf schema.
    pub one_of: std::cell::Cell<bool>,
    /// Only the properties the docs list, where docs of another version than the spec's are
    /// measured (what they do not list they cannot keep); `None` for every property.
    pub listed: Option<Listed<'s>>,
}

impl<'s> Payloads<'s> {
    pub fn new(schemas: &'s Map<String, Value>, listed: Option<Listed<'s>>) -> Self {
        Payloads { schemas, one_of: Default::default(), listed }
    }

    /// The payloads of the component schema `name`: for an object, one per mode that differs
    /// from required-only (nulls only where a property is nullable); for a oneOf, one per
    /// member; none for other schemas.
    pub fn of(&self, name: &'s str) -> Vec<Payload> {
        let schema = &self.schemas[name];
        let build = |mode: Mode, value: &dyn Fn() -> Value| {
            self.one_of.set(false);
            let value = value();
            Payload { mode, value, one_of: self.one_of.get() }
        };
        if let Some(members) = schema["oneOf"].as_array().filter(|_| schema.get("properties").is_none()) {
            return members
                .iter()
                .enumerate()
                .map(|(i, m)| Payload {
                    one_of: true,
                    ..build(Mode::Member(i), &|| self.value(Some(name), m, Mode::AllFields, 0))
                })
                .collect();
        }
        let properties = self.properties(Some(name), schema);
        if properties.is_empty() {
            return Vec::new();
        }
        let object = |mode| build(mode, &|| self.object(Some(name), schema, mode, 0));
        let mut payloads = vec![object(Mode::AllFields)];
        let required = object(Mode::RequiredOnly);
        if required.value != payloads[0].value {
            payloads.push(required);
        }
        if properties.values().any(|p| p["nullable"] == true) {
            payloads.push(object(Mode::Nulls));
        }
        payloads
    }

    /// Every key an instance of `schema` may hold: its properties, its allOf members' and
    /// its oneOf members'.
    pub fn keys(&self, schema: &'s Value) -> Vec<&'s str> {
        let (_, schema) = self.resolve(None, schema);
        let mut keys: Vec<&str> = self.properties(None, schema).into_keys().collect();
        for member in schema["oneOf"].as_array().into_iter().flatten() {
            keys.extend(self.keys(member));
        }
        keys
    }

    /// The schema a `$ref` names, with its name; else `schema` as the property of `owner`.
    fn resolve(&self, owner: Option<&'s str>, schema: &'s Value) -> (Option<&'s str>, &'s Value) {
        match schema["$ref"].as_str().and_then(|r| r.rsplit('/').next()) {
            Some(name) => {
                let (name, schema) = self.schemas.get_key_value(name).unwrap();
                self.resolve(Some(name.as_str()), schema)
            }
            None => (owner, schema),
        }
    }

    /// The schema's properties that the docs list: its own, its allOf members' and, where it
    /// has properties and a oneOf, its first member's (an instance holds both).
    fn properties(&self, owner: Option<&'s str>, schema: &'s Value) -> BTreeMap<&'s str, &'s Value> {
        let (owner, schema) = self.resolve(owner, schema);
        let mut found: BTreeMap<&str, &Value> = schema["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(key, _)| match (self.listed, owner) {
                (Some(listed), Some(owner)) => listed(owner, key),
                _ => true,
            })
            .map(|(k, v)| (k.as_str(), v))
            .collect();
        for member in self.members(schema) {
            found.extend(self.properties(owner, member));
        }
        found
    }

    /// The members whose properties an instance of `schema` also holds.
    fn members(&self, schema: &'s Value) -> impl Iterator<Item = &'s Value> {
        let first_of =
            schema["oneOf"].as_array().and_then(|m| m.first()).filter(|_| schema.get("properties").is_some());
        if first_of.is_some() {
            self.one_of.set(true);
        }
        schema["allOf"].as_array().into_iter().flatten().chain(first_of)
    }

    fn required(&self, schema: &'s Value) -> Vec<&'s str> {
        let (_, schema) = self.resolve(None, schema);
        let mut found: Vec<&str> =
            schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        for member in self.members(schema) {
            found.extend(self.required(member));
        }
        found
    }

    fn object(&self, owner: Option<&'s str>, schema: &'s Value, mode: Mode, depth: usize) -> Value {
        let required = self.required(schema);
        let mut object = Map::new();
        for (key, property) in self.properties(owner, schema) {
            let value = match mode {
                _ if required.contains(&key) => self.value(None, property, mode, depth + 1),
                Mode::Nulls if property["nullable"] == true => Value::Null,
                Mode::AllFields | Mode::Member(_) if depth < DEPTH => self.value(None, property, mode, depth + 1),
                _ => continue,
            };
            object.insert(key.to_string(), value);
        }
        object.into()
    }

    /// A value of `schema` (the property schema of `owner`, or a `$ref`): nested objects in
    /// `mode` (nulls and members: every field).
    fn value(&self, owner: Option<&'s str>, schema: &'s Value, mode: Mode, depth: usize) -> Value {
        let mode = if mode == Mode::Nulls { Mode::RequiredOnly } else { mode };
        let (owner, resolved) = self.resolve(owner, schema);
        if let Some(first) = resolved["enum"].as_array().and_then(|values| values.first()) {
            return first.clone();
        }
        if resolved.get("properties").is_some() || resolved.get("allOf").is_some() {
            return self.object(owner, resolved, mode, depth);
        }
        if let Some(first) = resolved["oneOf"].as_array().or(resolved["anyOf"].as_array()).and_then(|m| m.first()) {
            self.one_of.set(true);
            return self.value(None, first, mode, depth);
        }
        match resolved["type"].as_str() {
            Some("string") => match resolved["format"].as_str() {
                Some("date-time") => json!("2021-03-04T05:06:07Z"),
                Some("date") => json!("2021-03-04"),
                _ => json!("text"),
            },
            Some("integer") => json!(7),
            Some("number") => json!(2.5),
            Some("boolean") => json!(true),
            Some("array") => json!([self.value(None, &resolved["items"], mode, depth + 1)]),
            Some("object") => match &resolved["additionalProperties"] {
                additional @ Value::Object(_) => json!({ "key": self.value(None, additional, mode, depth + 1) }),
                _ => json!({ "key": "value" }),
            },
            _ => json!("any"),
        }
    }
}
