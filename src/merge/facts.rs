//! Which statement of a fact wins when two sources state it: a stated presence over an
//! inferred one, a stated JSON key over a derived one, the more precise type (an integer over
//! `number`, the narrower width, a date or an enum over a string, nullable items over plain
//! ones); what really disagrees is reported.

use std::collections::{HashMap, HashSet};

use crate::ir::{Field, Literal, Model, ModelKind, ModelRef, Type};

/// Merges `later` into `earlier`; what really disagrees, for a warning.
pub(super) fn merge_field(earlier: &mut Field, later: Field, label: &str, named: &Named) -> Option<String> {
    let mut conflict = None;
    match (earlier.wire_name_stated, later.wire_name_stated) {
        (false, true) => {
            earlier.wire_name = later.wire_name.clone();
            earlier.wire_name_stated = true;
            earlier.provenance.insert("wire_name".into(), label.to_string());
        }
        (true, true) if earlier.wire_name != later.wire_name => {
            conflict = Some(format!(
                "field `{}` has the JSON key `{}` here and `{}` in `{label}`",
                earlier.name, earlier.wire_name, later.wire_name
            ));
        }
        _ => {}
    }
    match (earlier.presence_stated, later.presence_stated) {
        (false, true) => {
            earlier.required = later.required;
            earlier.nullable = later.nullable;
            earlier.presence_stated = true;
            earlier.provenance.insert("presence".into(), label.to_string());
        }
        (true, true) if (earlier.required, earlier.nullable) != (later.required, later.nullable) => {
            conflict = Some(format!(
                "field `{}` is {} here and {} in `{label}`",
                earlier.name,
                presence(earlier),
                presence(&later)
            ));
        }
        // Neither says: `null` is kept if either reads it so.
        (false, false) => earlier.nullable |= later.nullable,
        _ => {}
    }
    match merge_type(&earlier.ty, &later.ty, named) {
        Some(ty) => {
            if ty != earlier.ty {
                earlier.provenance.insert("type".into(), label.to_string());
            }
            earlier.ty = ty;
        }
        None if conflict.is_none() => {
            conflict = Some(format!(
                "field `{}` is {} here and {} in `{label}`",
                earlier.name,
                type_name(&earlier.ty),
                type_name(&later.ty)
            ));
        }
        None => {}
    }
    if earlier.description.is_none() {
        earlier.description = later.description;
    }
    if earlier.example.is_none() {
        earlier.example = later.example;
    }
    earlier.deprecated |= later.deprecated;
    conflict
}

/// What the models a type may refer to are, by merged id, on both sides of a merge.
#[derive(Default)]
pub(super) struct Named {
    /// String enums, which a language without inline enums writes as a string.
    pub enums: HashSet<String>,
    /// Models that are one value of a type (python-prior's `value` docs, a one-member union,
    /// an object of nothing but `any string name`), which another language writes as that
    /// type.
    pub aliases: HashMap<String, Type>,
    /// Objects' field names, either side's: what a union's member holds.
    pub fields: HashMap<String, Vec<String>>,
}

impl Named {
    /// Records `model` under its merged `id`.
    pub(super) fn add(&mut self, id: &str, model: &Model) {
        if let ModelKind::Object { fields, .. } = &model.kind {
            self.fields.entry(id.to_string()).or_default().extend(fields.iter().map(|f| f.name.clone()));
        }
        match &model.kind {
            ModelKind::Enum { integer: false, .. } => {
                self.enums.insert(id.to_string());
            }
            ModelKind::Union { members } if members.len() == 1 => {
                self.aliases.insert(id.to_string(), members[0].ty.clone());
            }
            // An object of nothing but its catch-all is a map.
            ModelKind::Object { fields, .. } if fields.len() == 1 && fields[0].catch_all => {
                self.aliases.insert(id.to_string(), fields[0].ty.clone());
            }
            _ => {}
        }
    }
}

/// The more precise of two statements of one type, or `None` when they disagree.
pub(super) fn merge_type(a: &Type, b: &Type, named: &Named) -> Option<Type> {
    use Type::*;
    let boxed = |t: Type| Box::new(t);
    let merge = |x: &Type, y: &Type| merge_type(x, y, named);
    let alias_of = |target: &ModelRef, x: &Type| named.aliases.get(&target.id).is_some_and(|ty| merge(x, ty).is_some());
    Some(match (a, b) {
        (a, b) if a == b => a.clone(),
        // The narrower width: languages without widths (Python's `int` and `float`, Ruby's
        // `Integer`) read as the widest.
        (Int32, Int64) | (Int64, Int32) => Int32,
        (Float32, Float64) | (Float64, Float32) => Float32,
        // Dates are strings in the languages that do not parse them.
        (String, x @ (Date | DateTime)) | (x @ (Date | DateTime), String) => x.clone(),
        (String, x @ Ref { target }) | (x @ Ref { target }, String) if named.enums.contains(&target.id) => x.clone(),
        // A model that is one value of a type is that type: the first statement is kept.
        (x, Ref { target }) | (Ref { target }, x) if alias_of(target, x) => a.clone(),
        (Number, x @ (Int32 | Int64 | Float32 | Float64)) | (x @ (Int32 | Int64 | Float32 | Float64), Number) => {
            x.clone()
        }
        (Any, x) | (x, Any) => x.clone(),
        (Nullable { inner: x }, Nullable { inner: y }) => Nullable { inner: boxed(merge(x, y)?) },
        (Nullable { inner: x }, y) | (y, Nullable { inner: x }) => Nullable { inner: boxed(merge(x, y)?) },
        (List { item: x }, List { item: y }) => List { item: boxed(merge(x, y)?) },
        (Map { value: x }, Map { value: y }) => Map { value: boxed(merge(x, y)?) },
        // A const stands for one value of the type another dialect writes.
        (String, c @ Const { value: Literal::String(_) })
        | (c @ Const { value: Literal::String(_) }, String)
        | (Bool, c @ Const { value: Literal::Bool(_) })
        | (c @ Const { value: Literal::Bool(_) }, Bool)
        | (Int32 | Int64 | Number, c @ Const { value: Literal::Integer(_) })
        | (c @ Const { value: Literal::Integer(_) }, Int32 | Int64 | Number) => c.clone(),
        // A const here, a one-value enum there (or two models matched apart): keep the first.
        (Ref { .. } | Const { .. }, Ref { .. } | Const { .. }) => a.clone(),
        _ => return None,
    })
}

fn presence(field: &Field) -> &'static str {
    match (field.required, field.nullable) {
        (true, false) => "required",
        (true, true) => "required and nullable",
        (false, false) => "optional",
        (false, true) => "optional and nullable",
    }
}

fn type_name(ty: &Type) -> String {
    serde_json::to_value(ty).ok().and_then(|v| v["type"].as_str().map(str::to_string)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(id: &str) -> Type {
        Type::Ref { target: ModelRef { id: id.into(), boxed: false } }
    }

    #[test]
    fn the_precise_statement_of_a_type_wins() {
        let list = |t: Type| Type::List { item: Box::new(t) };
        let null = |t: Type| Type::Nullable { inner: Box::new(t) };
        let mut named = Named::default();
        named.enums.insert("Mode".into());
        named.aliases.insert("Names".into(), list(Type::String));
        let cases: Vec<(Type, Type, Option<Type>)> = vec![
            (Type::Number, Type::Int64, Some(Type::Int64)),
            (Type::Float64, Type::Number, Some(Type::Float64)),
            (list(Type::String), list(null(Type::String)), Some(list(null(Type::String)))),
            (Type::Any, Type::Map { value: Box::new(Type::Any) }, Some(Type::Map { value: Box::new(Type::Any) })),
            (Type::String, Type::Const { value: "x".into() }, Some(Type::Const { value: "x".into() })),
            (Type::Int64, Type::String, None),
            (Type::Date, Type::DateTime, None),
            (Type::String, Type::DateTime, Some(Type::DateTime)),
            (Type::Int64, Type::Int32, Some(Type::Int32)),
            (list(Type::Float32), list(Type::Float64), Some(list(Type::Float32))),
            (Type::Date, Type::String, Some(Type::Date)),
            (Type::String, reference("Mode"), Some(reference("Mode"))),
            (reference("Mode"), Type::String, Some(reference("Mode"))),
            // Not a string enum: a real disagreement.
            (Type::String, reference("Pet"), None),
            // A model that is a list of strings is that list.
            (list(Type::String), reference("Names"), Some(list(Type::String))),
            (reference("Names"), list(Type::String), Some(reference("Names"))),
            (list(Type::Int64), reference("Names"), None),
        ];
        for (a, b, expected) in cases {
            assert_eq!(merge_type(&a, &b, &named), expected, "{a:?} + {b:?}");
        }
    }
}
