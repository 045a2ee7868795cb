//! Which models may derive `Eq` and `Hash`: those whose every field or member type has
//! them, decided over the whole schema at once because models refer to each other (and to
//! themselves).

use std::collections::HashMap;

use crate::config::{DEFAULT_MAP_TYPE, Rules};
use crate::ir::{Model, ModelKind, Schema, Type};

/// The comparison traits a type can derive beyond `PartialEq`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparable {
    pub eq: bool,
    pub hash: bool,
}

impl Comparable {
    const BOTH: Comparable = Comparable { eq: true, hash: true };
    const NEITHER: Comparable = Comparable { eq: false, hash: false };

    fn and(self, other: Comparable) -> Comparable {
        Comparable { eq: self.eq && other.eq, hash: self.hash && other.hash }
    }
}

/// Every model's comparison traits, by id. Starts from "all models have both" and takes
/// away what a field forbids until nothing changes, so that a cycle of models that only
/// hold each other and strings keeps both.
pub fn comparable(schema: &Schema, rules: &Rules) -> HashMap<String, Comparable> {
    let models: HashMap<&str, &Model> = schema.models.iter().map(|m| (m.id.as_str(), m)).collect();
    let mut known: HashMap<String, Comparable> =
        schema.models.iter().map(|m| (m.id.clone(), Comparable::BOTH)).collect();
    loop {
        let mut changed = false;
        for model in &schema.models {
            let found = of_model(model, rules, &known, &models);
            if known[&model.id] != found {
                known.insert(model.id.clone(), found);
                changed = true;
            }
        }
        if !changed {
            return known;
        }
    }
}

fn of_model(
    model: &Model,
    rules: &Rules,
    known: &HashMap<String, Comparable>,
    models: &HashMap<&str, &Model>,
) -> Comparable {
    match &model.kind {
        // `Unknown(String)` or `Unknown(i64)`: both have the traits.
        ModelKind::Enum { .. } => Comparable::BOTH,
        // Held as `serde_json::Value`.
        ModelKind::Opaque { .. } => Comparable::NEITHER,
        ModelKind::Object { keep_unknown: true, .. } => Comparable::NEITHER,
        ModelKind::Object { fields, keep_unknown: false } => fields
            .iter()
            .filter(|f| !f.ty.is_plumbing())
            .map(|f| match rules.field_type(&model.id, &f.name) {
                // A Rust type of the user's: nothing is known of it.
                Some(_) => Comparable::NEITHER,
                None => of_type(&f.ty, rules, known),
            })
            .fold(Comparable::BOTH, Comparable::and),
        ModelKind::Union { members } => {
            // A discriminated union keeps unknown members as `serde_json::Value`.
            if crate::ir::discriminator(members, |id| models.get(id).copied()).is_some() {
                return Comparable::NEITHER;
            }
            members.iter().map(|m| of_type(&m.ty, rules, known)).fold(Comparable::BOTH, Comparable::and)
        }
    }
}

fn of_type(ty: &Type, rules: &Rules, known: &HashMap<String, Comparable>) -> Comparable {
    if rules.scalar_type(ty).is_some() {
        return Comparable::NEITHER;
    }
    match ty {
        Type::String | Type::Bytes | Type::Bool | Type::Int32 | Type::Int64 => Comparable::BOTH,
        Type::DateTime | Type::Date | Type::Const { .. } | Type::Number => Comparable::BOTH,
        Type::Float32 | Type::Float64 => Comparable::NEITHER,
        Type::Any | Type::Stream | Type::HttpResponse | Type::Custom { .. } => Comparable::NEITHER,
        Type::List { item: inner } | Type::Nullable { inner } => of_type(inner, rules, known),
        Type::Map { value } => {
            let map = of_type(value, rules, known);
            // `HashMap` is `Eq` but not `Hash`; a user's map type may be neither.
            match rules.map_type() {
                DEFAULT_MAP_TYPE => map,
                other if other.ends_with("HashMap") => Comparable { eq: map.eq, hash: false },
                _ => Comparable::NEITHER,
            }
        }
        Type::Ref { target } => known.get(&target.id).copied().unwrap_or(Comparable::NEITHER),
    }
}
