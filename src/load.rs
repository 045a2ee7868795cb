//! Docs → one resolved schema: each folder's docs are lowered in their dialects and their
//! links resolved (a doc that cannot be read stops the run, or becomes any JSON when it keeps
//! going); several folders of one API are merged; the config's presence overrides and
//! `[allow]` apply last.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{self, Rules};
use crate::diag::{Diagnostic, Error, WarningCode};
use crate::read::{self, Inputs};
use crate::source::SourceFile;
use crate::{dialect, ir, lower, markdown, merge, resolve, view};

/// The schema read from the docs, with everything worth telling the user.
#[derive(Debug)]
pub struct Loaded {
    /// The resolved IR.
    pub schema: ir::Schema,
    /// How many docs were read.
    pub docs: usize,
    /// Problems that did not stop generation.
    pub warnings: Vec<Diagnostic>,
    /// Every file and folder read, for `rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// The config the docs were read with.
    pub(crate) rules: Rules,
    /// The docs read, by path relative to their schemas folder, to locate merge conflicts.
    pub(crate) files: HashMap<String, SourceFile>,
}

impl Loaded {
    /// The path of every model's type relative to the generated root module
    /// (`components::Pet`), by model id.
    pub fn type_paths(&self) -> std::collections::BTreeMap<String, String> {
        view::type_paths(&self.schema)
    }
}

/// Parses what [`read::inputs`] read: one folder, or several merged (their conflicts
/// errors with `deny_conflicts`).
pub fn load(inputs: Inputs, deny_conflicts: bool) -> Result<Loaded, Error> {
    let dirs: Vec<PathBuf> = inputs.sources.iter().map(|(dir, _)| dir.clone()).collect();
    let watched = inputs.watched();
    let Inputs { rules, config_path, sources } = inputs;
    let mut loaded = if sources.len() == 1 {
        let (dir, found) = sources.into_iter().next().expect("one source");
        load_found(&dir, found, rules, config_path)?
    } else {
        load_sources(sources, rules, config_path, deny_conflicts)?
    };
    loaded.inputs = watched;
    // The docs' text only places merge conflicts, which are found by now: freeing it here
    // lets the views and files reuse its memory instead of touching more.
    loaded.files = HashMap::new();
    apply_presence(&mut loaded.schema, &loaded.rules);
    drop_allowed(&mut loaded, &dirs);
    Ok(loaded)
}

/// Parses each folder on its own, then merges them.
fn load_sources(
    sources: Vec<(PathBuf, read::Found)>,
    rules: Rules,
    config_path: Option<PathBuf>,
    deny_conflicts: bool,
) -> Result<Loaded, Error> {
    let mut loaded = Vec::new();
    let mut errors = Vec::new();
    let results: Vec<(PathBuf, Result<Loaded, Error>)> = sources
        .into_par_iter()
        .map(|(dir, found)| {
            let one = load_found(&dir, found, rules.clone(), config_path.clone());
            (dir, one)
        })
        .collect();
    for (dir, result) in results {
        match result {
            Ok(one) => loaded.push((dir.display().to_string(), one)),
            Err(Error::Input(problems)) => errors.extend(problems),
            Err(other) => return Err(other),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    merge_sources(loaded, rules, deny_conflicts)
}

/// Merges sources read one by one.
fn merge_sources(loaded: Vec<(String, Loaded)>, rules: Rules, deny_conflicts: bool) -> Result<Loaded, Error> {
    let mut warnings = Vec::new();
    let mut docs = 0;
    let mut parts = Vec::new();
    let mut loaded = loaded;
    let schemas: Vec<ir::Schema> = loaded
        .iter_mut()
        .map(|(_, one)| std::mem::replace(&mut one.schema, ir::Schema { models: Vec::new() }))
        .collect();
    for ((label, one), schema) in loaded.iter().zip(schemas) {
        warnings.extend(one.warnings.iter().cloned());
        docs += one.docs;
        parts.push(merge::Source { label: label.clone(), schema, files: &one.files });
    }
    let merged = merge::merge(parts);
    // A doc read as any JSON that another source gave a shape is no longer worth a warning.
    let shaped: BTreeSet<&str> = merged
        .shaped
        .iter()
        .filter_map(|(source, path)| loaded.get(*source)?.1.files.get(path))
        .map(|file| file.display_path.as_str())
        .collect();
    warnings.retain(|w| !(w.code == Some(WarningCode::OpaqueUnion) && shaped.contains(w.path.as_str())));
    if deny_conflicts && !merged.conflicts.is_empty() {
        let errors = merged
            .conflicts
            .into_iter()
            .map(|mut d| {
                d.severity = crate::diag::Severity::Error;
                d
            })
            .collect();
        return Err(Error::Input(errors));
    }
    warnings.extend(merged.conflicts);
    // What was read is known before parsing: `load` fills `inputs`.
    Ok(Loaded { schema: merged.schema, docs, warnings, inputs: Vec::new(), rules, files: HashMap::new() })
}

/// Parses one folder's docs.
fn load_found(dir: &Path, found: read::Found, rules: Rules, config_path: Option<PathBuf>) -> Result<Loaded, Error> {
    let mut loaded = load_docs(dir, found.docs, found.unreadable, rules, config_path)?;
    loaded.warnings.splice(0..0, found.warnings);
    Ok(loaded)
}

/// Lowers and resolves one folder's docs (read into memory): the part of loading that
/// needs no disk.
pub fn load_docs(
    dir: &Path,
    docs: Vec<SourceFile>,
    unreadable: Vec<(String, Diagnostic)>,
    rules: Rules,
    config_path: Option<PathBuf>,
) -> Result<Loaded, Error> {
    let keep_going = rules.file.keep_going;
    let mut warnings = Vec::new();
    let mut models = Vec::new();
    let mut broken = BTreeSet::new();
    let mut errors = Vec::new();
    // Docs that could not be read, with their problems and what was read of them.
    let mut failed: Vec<Failed> = unreadable
        .into_iter()
        .map(|(rel_path, problem)| Failed { rel_path, model: None, title: None, problems: vec![problem] })
        .collect();
    // Docs are independent until detection and again until resolution: read them in
    // parallel, keep their order.
    let tables: Vec<markdown::DocTables> = docs.par_iter().map(|doc| markdown::parse(&doc.text)).collect();
    let pairs: Vec<(&SourceFile, &markdown::DocTables)> = docs.iter().zip(&tables).collect();
    let custom = |name: &str| rules.doc_type(name).is_some();
    let dialects = dialect::detect(&pairs, rules.dialect(), &custom);
    let lowered: Vec<Result<lower::Lowered, Diagnostic>> = pairs
        .par_iter()
        .zip(dialects)
        .map(|((doc, tables), dialect)| dialect.map(|d| lower::lower(doc, tables, d, &rules)))
        .collect();
    for ((doc, tables), lowered) in pairs.iter().zip(lowered) {
        let title = tables.title.as_ref().map(|t| t.text.to_string());
        let rel_path = doc.rel_path.clone();
        let lowered = match lowered {
            Ok(lowered) => lowered,
            Err(undecidable) => {
                failed.push(Failed { rel_path, model: None, title, problems: vec![undecidable] });
                continue;
            }
        };
        warnings.extend(lowered.warnings);
        match lowered.model {
            Some(model) if lowered.errors.is_empty() => {
                models.push(model);
                models.extend(lowered.inline);
            }
            None if lowered.skipped => {}
            model => failed.push(Failed { rel_path, model, title, problems: lowered.errors }),
        }
    }
    for doc in failed {
        if keep_going {
            models.push(doc.any_json());
            warnings.extend(doc.problems.into_iter().map(|p| p.warning(WarningCode::UnreadableDoc)));
            continue;
        }
        errors.extend(doc.problems);
        // What was read of a doc with errors still resolves, so that the problems of its
        // links are reported in the same run.
        match doc.model {
            Some(model) => models.push(model),
            None => {
                broken.insert(doc.rel_path.strip_suffix(".md").unwrap_or(&doc.rel_path).to_string());
            }
        }
    }
    let files: HashMap<&str, &SourceFile> = docs.iter().map(|d| (d.rel_path.as_str(), d)).collect();
    let root = root_components(dir);
    // Keeping going, a model whose links lead nowhere becomes any JSON in a second pass.
    let kept = keep_going.then(|| models.clone());
    let mut resolved = resolve::resolve(models, &broken, &files, &root);
    if let (Err(link_errors), Some(kept)) = (&mut resolved.schema, kept) {
        let problems = std::mem::take(link_errors);
        let models = kept
            .into_iter()
            .map(|model| match resolved.failed.contains(&model.id) {
                true => {
                    let mine: Vec<Diagnostic> = problems
                        .iter()
                        .filter(|p| files.get(model.source.as_str()).is_some_and(|f| p.path == f.display_path))
                        .cloned()
                        .collect();
                    lower::unreadable(&model.source, Some(&model), None, &model.dialect, &mine)
                }
                false => model,
            })
            .collect();
        warnings.extend(problems.into_iter().map(|p| p.warning(WarningCode::UnreadableDoc)));
        warnings.append(&mut resolved.warnings);
        resolved = resolve::resolve(models, &broken, &files, &root);
    }
    warnings.extend(resolved.warnings);
    let schema = match resolved.schema {
        Ok(schema) if errors.is_empty() => schema,
        Ok(_) => return Err(Error::Input(errors)),
        Err(link_errors) => {
            errors.extend(link_errors);
            return Err(Error::Input(errors));
        }
    };
    let fields: Vec<(&str, &str)> = schema
        .models
        .iter()
        .flat_map(|m| match &m.kind {
            ir::ModelKind::Object { fields, .. } => fields.iter().map(|f| (m.id.as_str(), f.name.as_str())).collect(),
            _ => Vec::new(),
        })
        .collect();
    for key in rules.unused_field_keys(&fields) {
        let path = config_path.as_deref().unwrap_or(Path::new(config::FILE_NAME)).display().to_string();
        warnings.push(
            Diagnostic::file(path, format!("the field key `{key}` matches no field")).warning(WarningCode::UnusedKey),
        );
    }
    let inputs = config_path.into_iter().collect();
    let count = docs.len();
    let files = docs.into_iter().map(|d| (d.rel_path.clone(), d)).collect();
    Ok(Loaded { schema, docs: count, warnings, inputs, rules, files })
}

/// A doc that could not be read: what was read of it, and why not.
struct Failed {
    /// Its path relative to the schemas folder.
    rel_path: String,
    /// As much of its model as was read, if its shape was.
    model: Option<ir::Model<ir::Link>>,
    /// Its `#` title as written, if it has one.
    title: Option<String>,
    /// Its problems.
    problems: Vec<Diagnostic>,
}

impl Failed {
    /// The any-JSON model that stands for it when the run keeps going.
    fn any_json(&self) -> ir::Model<ir::Link> {
        let dialect = self.model.as_ref().map_or("", |m| m.dialect.as_str());
        lower::unreadable(&self.rel_path, self.model.as_ref(), self.title.as_deref(), dialect, &self.problems)
    }
}

/// `[presence]` overrides, last: they pin what the docs (or their merge) say.
fn apply_presence(schema: &mut ir::Schema, rules: &Rules) {
    for model in &mut schema.models {
        let ir::ModelKind::Object { fields, .. } = &mut model.kind else { continue };
        for field in fields.iter_mut() {
            if let Some((required, nullable)) = rules.presence(&model.id, &field.name) {
                field.required = required;
                field.nullable = nullable;
                field.presence_stated = true;
            }
        }
    }
}

/// The schemas folder as an absolute path, `.` and `..` removed without asking the disk
/// (links were written against the folder's name as the user gives it, not a symlink's
/// target).
fn root_components(dir: &Path) -> Vec<String> {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut parts: Vec<String> = Vec::new();
    for component in absolute.components() {
        match component {
            std::path::Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            std::path::Component::ParentDir => {
                parts.pop();
            }
            _ => {}
        }
    }
    parts
}

/// Drops the warnings that `[allow]` silences for their doc, whose path is taken relative
/// to the schemas folder it is in.
pub fn drop_allowed(loaded: &mut Loaded, sources: &[PathBuf]) {
    let prefixes: Vec<String> = sources.iter().map(|dir| format!("{}/", dir.display())).collect();
    let rules = &loaded.rules;
    loaded.warnings.retain(|warning| {
        let Some(code) = warning.code else { return true };
        let rel_path = prefixes.iter().find_map(|p| warning.path.strip_prefix(p.as_str())).unwrap_or(&warning.path);
        !rules.allows(rel_path, code)
    });
}
