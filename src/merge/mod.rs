//! Several doc dialects (and doc families) of one API → one schema. Models are matched by
//! folder family and title (a flat folder by title alone, `ModelX` for `X`), fields by JSON
//! key, snake-case name or letters; each fact then comes from the source that states it most
//! precisely ([`facts`]). A oneOf one source prints as a flattened object and another as a
//! union becomes the union, its own fields kept beside it. Facts that really disagree are
//! kept from the earlier source and reported.

use std::collections::{HashMap, HashSet};

use heck::ToSnakeCase;

mod facts;

use facts::{Named, merge_field};

use crate::diag::{Diagnostic, WarningCode};
use crate::ir::{Field, Model, ModelKind, ModelRef, Schema, Type};
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
                let family = family(&m.folders);
                if !family.is_empty() {
                    map.entry((family, m.title.to_lowercase())).or_default().push(i);
                }
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
        let mut used: HashSet<String> = self.models.iter().map(|m| m.id.clone()).collect();
        for model in schema.models.iter().filter(|m| !target.contains_key(&m.id)) {
            let mut id = model.id.clone();
            while used.contains(&id) {
                id.push('~');
            }
            used.insert(id.clone());
            ids.insert(model.id.clone(), id);
        }
        let label = self.sources[index].0.clone();
        // What both sides' models are, by merged id: a field one language types as a string or
        // a list another may type as an enum or a named list.
        let mut named = Named::default();
        for model in &self.models {
            named.add(&model.id, model);
        }
        for model in &schema.models {
            named.add(&ids[&model.id], model);
        }
        for model in schema.models {
            let original = model.source.clone();
            let own_id = model.id.clone();
            let mut model = model
                .map_refs(&mut |_, r: ModelRef| ModelRef { id: ids.get(&r.id).cloned().unwrap_or(r.id), boxed: false });
            match target.get(&own_id) {
                Some(&i) => {
                    self.origin[i].push((index, original));
                    self.merge_model(i, index, model, &label, &named);
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
        // A flat folder's family (and PHP's `docs/Model/`) is the empty one: every title.
        let own_family = family(&model.folders);
        let mut candidates = free(by_key.get(&(own_family.clone(), title.clone())));
        // Docs in folders beside docs without (openapi-generator's flat `docs/`): the title
        // alone.
        if candidates.is_empty() && !own_family.is_empty() {
            let flat = |&i: &usize| family(&self.models[i].folders).is_empty();
            candidates = free(by_key.get(&(String::new(), title.clone()))).into_iter().filter(flat).collect();
        }
        // A reserved name one language prefixes with `Model` (`ModelError`, `ModelImport`).
        if candidates.is_empty() {
            let other = title.strip_prefix("model").map_or_else(|| format!("model{title}"), str::to_string);
            candidates = free(by_key.get(&(String::new(), other)));
        }
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

    fn merge_model(&mut self, i: usize, source: usize, mut later: Model, label: &str, named: &Named) {
        let earlier_source = self.origin[i][0].clone();
        let member_names = match &later.kind {
            ModelKind::Union { members } => member_field_names(named, members),
            _ => None,
        };
        let mut beside: Option<Model> = None;
        let model = &mut self.models[i];
        model.provenance.push(label.to_string());
        model.deprecated |= later.deprecated;
        if model.description.is_none() {
            model.description = later.description.take();
        }
        if model.deprecation_note.is_none() {
            model.deprecation_note = later.deprecation_note.take();
        }
        let opaque = || ModelKind::Opaque { unreadable: None };
        let kind = std::mem::replace(&mut model.kind, opaque());
        let later_kind = std::mem::replace(&mut later.kind, opaque());
        let mut shaped = false;
        let mut conflicts = Vec::new();
        model.kind = match (kind, later_kind) {
            (ModelKind::Object { mut fields, keep_unknown }, ModelKind::Object { fields: more, .. }) => {
                conflicts = merge_fields(&mut fields, more, label, named);
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
            (kind @ ModelKind::Union { .. }, ModelKind::Union { .. } | ModelKind::Object { .. }) => kind,
            // Most languages print a oneOf schema as one object with every member's fields;
            // the languages that list its members say what it is. Fields of that object that
            // no member has are the schema's own, beside the members: they stay, and the
            // union is flattened into the object.
            (ModelKind::Object { fields, keep_unknown }, ModelKind::Union { members }) => {
                let own: Vec<Field> = match &member_names {
                    Some(names) => fields.into_iter().filter(|f| !names.contains(&letters(&f.name))).collect(),
                    None => Vec::new(),
                };
                if own.is_empty() {
                    ModelKind::Union { members }
                } else {
                    let union = member_union(model, members, &later, label);
                    let mut fields = own;
                    fields.push(flattened(&union));
                    beside = Some(union);
                    ModelKind::Object { fields, keep_unknown }
                }
            }
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
        if let Some(union) = beside {
            self.origin.push(vec![(source, later.source.clone())]);
            self.models.push(union);
        }
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

    /// The names (their letters) of every field of the union's members, when each member is
    /// an object known here.
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
fn unbox(ty: &mut Type) {
    match ty {
        Type::Ref { target } => target.boxed = false,
        Type::List { item: inner } | Type::Map { value: inner } | Type::Nullable { inner } => unbox(inner),
        _ => {}
    }
}

fn kind_name<R>(kind: &ModelKind<R>) -> &'static str {
    match kind {
        ModelKind::Object { .. } => "an object",
        ModelKind::Enum { .. } => "an enum",
        ModelKind::Union { .. } => "a union",
        ModelKind::Opaque { .. } => "any JSON",
    }
}

/// The names (their letters) of every field of the union's members, when each member is an
/// object either side knows.
fn member_field_names(named: &Named, members: &[crate::ir::Member]) -> Option<HashSet<String>> {
    let mut names = HashSet::new();
    for member in members {
        let Type::Ref { target } = &member.ty else { return None };
        names.extend(named.fields.get(&target.id)?.iter().map(|name| letters(name)));
    }
    Some(names)
}

/// Merges the `later` source's fields into `fields`: each one matched is merged fact by fact,
/// each other added. Returns what really disagrees, with both places.
fn merge_fields(fields: &mut Vec<Field>, later: Vec<Field>, label: &str, named: &Named) -> Vec<(Span, Span, String)> {
    let mut conflicts = Vec::new();
    let mut matched = vec![false; fields.len()];
    for mut field in later {
        match same_field(fields, &matched, &field) {
            Some(i) => {
                matched[i] = true;
                let earlier = &mut fields[i];
                let there = field.type_span;
                if let Some(what) = merge_field(earlier, field, label, named) {
                    conflicts.push((earlier.type_span, there, what));
                }
            }
            None => {
                field.provenance.insert("field".into(), label.to_string());
                fields.push(field);
                // Its own source's other fields do not state it again.
                matched.push(true);
            }
        }
    }
    conflicts
}

/// The union of `members` (from `later`) as a model of its own beside `model`, which keeps
/// the fields no member has: `PetShapeMember`, id `PetShape#Member`.
fn member_union(model: &Model, members: Vec<crate::ir::Member>, later: &Model, label: &str) -> Model {
    Model {
        id: format!("{}#Member", model.id),
        title: format!("{}Member", model.title),
        description: Some(format!("Which member of the `{}` model it is.", model.title)),
        kind: ModelKind::Union { members },
        provenance: vec![label.to_string()],
        source: later.source.clone(),
        folders: later.folders.clone(),
        dialect: later.dialect.clone(),
        title_span: later.title_span,
        deprecated: false,
        deprecation_note: None,
    }
}

/// The field that flattens `union` into an object beside the object's own fields.
fn flattened(union: &Model) -> Field {
    Field {
        name: "member".into(),
        wire_name: String::new(),
        wire_name_stated: false,
        ty: Type::Ref { target: ModelRef { id: union.id.clone(), boxed: false } },
        required: true,
        nullable: false,
        presence_stated: true,
        deprecated: false,
        deprecation_note: None,
        catch_all: true,
        description: Some("The member it is: the object's other keys.".into()),
        example: None,
        default: None,
        span: union.title_span,
        type_span: union.title_span,
        provenance: Default::default(),
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

/// A name's letters and digits in lower case: `_links` and `Links`, `memberIDs` and
/// `member_ids` (which snake case tells apart: `member_i_ds`).
fn letters(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase()
}

/// The earlier field (not yet `matched`) that `field` states again: the same JSON key, else
/// the same name in snake case, else the same letters.
fn same_field(fields: &[Field], matched: &[bool], field: &Field) -> Option<usize> {
    let free = |test: &dyn Fn(&Field) -> bool| (0..fields.len()).find(|&i| !matched[i] && test(&fields[i]));
    free(&|f| f.wire_name == field.wire_name)
        .or_else(|| free(&|f| normalised(&f.name) == normalised(&field.name)))
        .or_else(|| free(&|f| letters(&f.name) == letters(&field.name)))
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
    fn field_names_match_across_casings() {
        for name in ["companyId", "company_id", "CompanyID", "CompanyId"] {
            assert_eq!(normalised(name), "company_id", "{name}");
        }
        let field = |name: &str, wire: &str| Field { wire_name: wire.into(), ..a_field(name) };
        let earlier =
            [field("_id", "_id"), field("id", "id"), field("_links", "_links"), field("memberIDs", "memberIDs")];
        let cases = [
            (field("Id", "id"), Some(1)),
            (field("Id", "Id"), Some(0)),
            (field("Links", "links"), Some(2)),
            (field("member_ids", "member_ids"), Some(3)),
            (field("other", "other"), None),
        ];
        for (later, expected) in cases {
            assert_eq!(same_field(&earlier, &[false; 4], &later), expected, "{}", later.name);
        }
        // A field matched once is not matched again.
        assert_eq!(same_field(&earlier, &[false, true, false, false], &field("Id", "id")), Some(0));
    }

    fn a_field(name: &str) -> Field {
        Field {
            name: name.into(),
            wire_name: name.into(),
            wire_name_stated: false,
            ty: Type::String,
            required: false,
            nullable: false,
            presence_stated: false,
            deprecated: false,
            deprecation_note: None,
            catch_all: false,
            description: None,
            example: None,
            default: None,
            span: Span::default(),
            type_span: Span::default(),
            provenance: Default::default(),
        }
    }
}
