//! Several doc dialects of one API → one schema. Models are matched by folder and title,
//! fields by their normalised name, and each fact is taken from the source that states it
//! most precisely: a stated presence over an inferred one, an integer over TypeScript's
//! `number`, nullable items over plain ones, union members over an any-JSON model. Facts
//! that really disagree are kept from the earlier source and reported.

use std::collections::HashMap;

use heck::ToSnakeCase;

use crate::diag::{Diagnostic, WarningCode};
use crate::ir::{Field, Literal, Model, ModelKind, ModelRef, Schema, Type};
use crate::source::{SourceFile, Span};

/// One source folder, read and resolved on its own.
pub struct Source<'a> {
    /// How the source is named in provenance (its folder, as given).
    pub label: String,
    /// Its schema.
    pub schema: Schema,
    /// Its docs by path relative to its folder, to locate conflicts.
    pub files: &'a HashMap<String, SourceFile>,
}

/// The merged schema and the conflicts found.
pub struct Merged {
    /// Every model of every source, matched ones merged.
    pub schema: Schema,
    /// Facts the sources state differently: warnings naming both places.
    pub conflicts: Vec<Diagnostic>,
    /// Docs (source index, path in it) read as any JSON that another source gave a shape:
    /// their warnings no longer hold.
    pub shaped: Vec<(usize, String)>,
}

/// Merges `sources` in order: the first gives the layout (model ids) and wins conflicts.
pub fn merge(sources: Vec<Source<'_>>) -> Merged {
    let mut sources = sources.into_iter();
    let Some(first) = sources.next() else {
        return Merged { schema: Schema { models: Vec::new() }, conflicts: Vec::new(), shaped: Vec::new() };
    };
    let mut state = State {
        models: Vec::new(),
        origin: Vec::new(),
        conflicts: Vec::new(),
        shaped: Vec::new(),
        sources: vec![(first.label.clone(), first.files)],
    };
    for mut model in first.schema.models {
        model.provenance = vec![first.label.clone()];
        state.origin.push(vec![(0, model.source.clone())]);
        state.models.push(model);
    }
    for (index, source) in sources.enumerate() {
        state.sources.push((source.label.clone(), source.files));
        state.add(index + 1, source.schema);
    }
    let State { mut models, conflicts, shaped, .. } = state;
    for model in &mut models {
        for ty in model.types_mut() {
            unbox(ty);
        }
    }
    crate::resolve::box_cycles(&mut models);
    models.sort_by(|a, b| a.id.cmp(&b.id));
    Merged { schema: Schema { models }, conflicts, shaped }
}

struct State<'a> {
    models: Vec<Model>,
    /// For each merged model: (source index, the doc's path in that source) per source
    /// that documents it, so that conflicts can be located.
    origin: Vec<Vec<(usize, String)>>,
    conflicts: Vec<Diagnostic>,
    shaped: Vec<(usize, String)>,
    sources: Vec<(String, &'a HashMap<String, SourceFile>)>,
}

impl State<'_> {
    /// Adds source `index`: matches its models to the merged ones, then merges them with
    /// their references rewritten to merged ids.
    fn add(&mut self, index: usize, schema: Schema) {
        let by_key: HashMap<(String, String), Vec<usize>> = {
            let mut map: HashMap<(String, String), Vec<usize>> = HashMap::new();
            for (i, m) in self.models.iter().enumerate() {
                map.entry((family(&m.folders), m.title.to_lowercase())).or_default().push(i);
                map.entry((String::new(), m.title.to_lowercase())).or_default().push(i);
            }
            map
        };
        let mut target: HashMap<String, usize> = HashMap::new();
        let mut taken: Vec<bool> = vec![false; self.models.len()];
        for model in &schema.models {
            if let Some(i) = self.find(&by_key, model, &taken) {
                taken[i] = true;
                target.insert(model.id.clone(), i);
            }
        }
        // Models only this source has join with their own ids (made unique).
        let mut ids: HashMap<String, String> =
            target.iter().map(|(id, &i)| (id.clone(), self.models[i].id.clone())).collect();
        let mut used: std::collections::HashSet<String> = self.models.iter().map(|m| m.id.clone()).collect();
        for model in schema.models.iter().filter(|m| !target.contains_key(&m.id)) {
            let mut id = model.id.clone();
            while used.contains(&id) {
                id.push('~');
            }
            used.insert(id.clone());
            ids.insert(model.id.clone(), id);
        }
        let label = self.sources[index].0.clone();
        for model in schema.models {
            let original = model.source.clone();
            let own_id = model.id.clone();
            let mut model = model
                .map_refs(&mut |_, r: ModelRef| ModelRef { id: ids.get(&r.id).cloned().unwrap_or(r.id), boxed: false });
            match target.get(&own_id) {
                Some(&i) => {
                    self.origin[i].push((index, original));
                    self.merge_model(i, index, model, &label);
                }
                None => {
                    model.id = ids[&own_id].clone();
                    model.provenance = vec![label.clone()];
                    self.origin.push(vec![(index, original)]);
                    self.models.push(model);
                }
            }
        }
    }

    /// The merged model `model` matches: the same title in the same folder family; in a
    /// flat folder (Python) the same title anywhere, or a title it extends (`DetailUnauthorized2`
    /// for `Detail`) with the same JSON keys.
    fn find(&self, by_key: &HashMap<(String, String), Vec<usize>>, model: &Model, taken: &[bool]) -> Option<usize> {
        let title = model.title.to_lowercase();
        let free = |list: Option<&Vec<usize>>| -> Vec<usize> {
            list.map(|l| l.iter().copied().filter(|&i| !taken[i]).collect()).unwrap_or_default()
        };
        let candidates = if model.folders.is_empty() {
            free(by_key.get(&(String::new(), title.clone())))
        } else {
            free(by_key.get(&(family(&model.folders), title.clone())))
        };
        match candidates.as_slice() {
            [one] => return Some(*one),
            [] => {}
            // Several (Python's flat folder: `Detail` in components and in errors): the one
            // with the same JSON keys, else the first of the same kind.
            several => {
                let same_kind =
                    |&&i: &&usize| std::mem::discriminant(&self.models[i].kind) == std::mem::discriminant(&model.kind);
                return several
                    .iter()
                    .copied()
                    .find(|&i| same_keys(&self.models[i], model))
                    .or_else(|| several.iter().find(same_kind).copied());
            }
        }
        if !model.folders.is_empty() {
            return None;
        }
        // Only titles that are a prefix of this one: look each prefix up.
        let extended: Vec<usize> = (1..title.len())
            .filter(|&end| title.is_char_boundary(end))
            .filter_map(|end| by_key.get(&(String::new(), title[..end].to_string())))
            .flatten()
            .copied()
            .filter(|&i| !taken[i] && same_keys(&self.models[i], model))
            .collect();
        match extended.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    fn merge_model(&mut self, i: usize, source: usize, later: Model, label: &str) {
        let earlier_source = self.origin[i][0].clone();
        let model = &mut self.models[i];
        model.provenance.push(label.to_string());
        model.deprecated |= later.deprecated;
        if model.description.is_none() {
            model.description = later.description;
        }
        if model.deprecation_note.is_none() {
            model.deprecation_note = later.deprecation_note;
        }
        let kind = std::mem::replace(&mut model.kind, ModelKind::Opaque { unreadable: None });
        let mut shaped = false;
        let mut conflicts = Vec::new();
        model.kind = match (kind, later.kind) {
            (ModelKind::Object { mut fields, keep_unknown }, ModelKind::Object { fields: more, .. }) => {
                let index: HashMap<String, usize> =
                    fields.iter().enumerate().map(|(i, f)| (normalised(&f.name), i)).collect();
                for field in more {
                    match index.get(&normalised(&field.name)).and_then(|&i| fields.get_mut(i)) {
                        Some(earlier) => {
                            if let Some(what) = merge_field(earlier, field.clone(), label) {
                                conflicts.push((earlier.type_span, field.type_span, what));
                            }
                        }
                        None => {
                            let mut field = field;
                            field.provenance.insert("field".into(), label.to_string());
                            fields.push(field);
                        }
                    }
                }
                ModelKind::Object { fields, keep_unknown }
            }
            (
                ModelKind::Opaque { .. },
                later @ (ModelKind::Union { .. } | ModelKind::Object { .. } | ModelKind::Enum { .. }),
            ) => {
                shaped = true;
                later
            }
            (
                ModelKind::Enum { mut values, open, integer },
                ModelKind::Enum { values: more, open: more_open, integer: more_integer },
            ) => {
                for value in more {
                    if !values.iter().any(|v| v.value == value.value) {
                        values.push(value);
                    }
                }
                // A string in any dialect is a string; closed in any is closed.
                ModelKind::Enum { values, open: open && more_open, integer: integer && more_integer }
            }
            (kind, ModelKind::Opaque { .. }) => kind,
            (kind @ ModelKind::Union { .. }, ModelKind::Union { .. }) => kind,
            (kind, other) => {
                conflicts.push((
                    model.title_span,
                    later.title_span,
                    format!("the model is {} here and {} in `{label}`", kind_name(&kind), kind_name(&other)),
                ));
                kind
            }
        };
        let model_title = model.title.clone();
        if shaped {
            let earlier = self.origin[i].len() - 1;
            self.shaped.extend(self.origin[i][..earlier].iter().cloned());
        }
        for (here, there, what) in conflicts {
            let diagnostic =
                self.conflict(earlier_source.clone(), here, (source, later.source.clone()), there, &model_title, &what);
            self.conflicts.push(diagnostic);
        }
    }

    fn conflict(
        &self,
        (first, first_path): (usize, String),
        here: Span,
        (second, second_path): (usize, String),
        there: Span,
        title: &str,
        what: &str,
    ) -> Diagnostic {
        let other = match self.sources[second].1.get(&second_path) {
            Some(file) => {
                let at = file.line_col(there.start);
                format!("{}:{}:{}", file.display_path, at.line, at.column)
            }
            None => format!("{}/{second_path}", self.sources[second].0),
        };
        let message = format!("`{title}`: {what} (the other doc: {other}); the first source's is kept");
        let help = "pin the field with `[field_types]` or `[presence]` in mdschema.toml (`\"<doc glob>.<field>\" = ...`), or reorder the sources";
        match self.sources[first].1.get(&first_path) {
            Some(file) => Diagnostic::at(file, here, message).with_help(help).warning(WarningCode::MergeConflict),
            None => Diagnostic::file(format!("{}/{first_path}", self.sources[first].0), message)
                .with_help(help)
                .warning(WarningCode::MergeConflict),
        }
    }
}

/// Merges `later` into `earlier`; what really disagrees, for a warning.
fn merge_field(earlier: &mut Field, later: Field, label: &str) -> Option<String> {
    let mut conflict = None;
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
    match merge_type(&earlier.ty, &later.ty) {
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

/// The more precise of two statements of one type, or `None` when they disagree.
fn merge_type(a: &Type, b: &Type) -> Option<Type> {
    use Type::*;
    let boxed = |t: Type| Box::new(t);
    Some(match (a, b) {
        (a, b) if a == b => a.clone(),
        (Number, x @ (Int32 | Int64 | Float32 | Float64)) | (x @ (Int32 | Int64 | Float32 | Float64), Number) => {
            x.clone()
        }
        (Any, x) | (x, Any) => x.clone(),
        (Nullable { inner: x }, Nullable { inner: y }) => Nullable { inner: boxed(merge_type(x, y)?) },
        (Nullable { inner: x }, y) | (y, Nullable { inner: x }) => Nullable { inner: boxed(merge_type(x, y)?) },
        (List { item: x }, List { item: y }) => List { item: boxed(merge_type(x, y)?) },
        (Map { value: x }, Map { value: y }) => Map { value: boxed(merge_type(x, y)?) },
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

fn unbox(ty: &mut Type) {
    match ty {
        Type::Ref { target } => target.boxed = false,
        Type::List { item: inner } | Type::Map { value: inner } | Type::Nullable { inner } => unbox(inner),
        _ => {}
    }
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

fn kind_name<R>(kind: &ModelKind<R>) -> &'static str {
    match kind {
        ModelKind::Object { .. } => "an object",
        ModelKind::Enum { .. } => "an enum",
        ModelKind::Union { .. } => "a union",
        ModelKind::Opaque { .. } => "any JSON",
    }
}

/// The folder a model sits in, as every dialect means it (`Components` and `components`,
/// Go's `apierrors` and `errors`, C#'s `Requests` and `operations`): each dialect says.
fn family(folders: &[String]) -> String {
    folders.first().map(|f| crate::dialect::folder_family(f)).unwrap_or_default()
}

/// A field's name with the dialect's casing gone: `companyId`, `company_id`, `CompanyID`.
fn normalised(name: &str) -> String {
    name.to_snake_case()
}

fn same_keys(a: &Model, b: &Model) -> bool {
    let keys = |m: &Model| -> Option<Vec<String>> {
        match &m.kind {
            ModelKind::Object { fields, .. } => {
                let mut keys: Vec<String> = fields.iter().map(|f| normalised(&f.name)).collect();
                keys.sort();
                Some(keys)
            }
            _ => None,
        }
    };
    keys(a).is_some_and(|k| Some(k) == keys(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_precise_statement_of_a_type_wins() {
        let list = |t: Type| Type::List { item: Box::new(t) };
        let null = |t: Type| Type::Nullable { inner: Box::new(t) };
        let cases: Vec<(Type, Type, Option<Type>)> = vec![
            (Type::Number, Type::Int64, Some(Type::Int64)),
            (Type::Float64, Type::Number, Some(Type::Float64)),
            (list(Type::String), list(null(Type::String)), Some(list(null(Type::String)))),
            (Type::Any, Type::Map { value: Box::new(Type::Any) }, Some(Type::Map { value: Box::new(Type::Any) })),
            (Type::String, Type::Const { value: "x".into() }, Some(Type::Const { value: "x".into() })),
            (Type::Int64, Type::String, None),
            (Type::Date, Type::DateTime, None),
        ];
        for (a, b, expected) in cases {
            assert_eq!(merge_type(&a, &b), expected, "{a:?} + {b:?}");
        }
    }

    #[test]
    fn field_names_match_across_casings() {
        for name in ["companyId", "company_id", "CompanyID", "CompanyId"] {
            assert_eq!(normalised(name), "company_id", "{name}");
        }
    }
}
