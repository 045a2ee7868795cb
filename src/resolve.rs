//! Resolution: connects links to the loaded docs and boxes the references that close a
//! cycle of direct containment (a struct cannot contain itself without a pointer).
//!
//! Links are resolved among the docs that were loaded, never by opening the path they name,
//! so a doc cannot make mdschema read outside the schemas folder.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::ir::{Link, Model, ModelKind, ModelRef, Schema, Type};
use crate::source::{SourceFile, Span};

/// The resolved schema, or every link that leads nowhere; warnings either way.
pub struct Resolved {
    /// The schema, when every link found its doc.
    pub schema: Result<Schema, Vec<Diagnostic>>,
    /// Links that were matched only loosely (by file name).
    pub warnings: Vec<Diagnostic>,
    /// The ids of the models with a link that leads nowhere.
    pub failed: BTreeSet<String>,
}

/// Resolves every link in `models`. `broken` holds the ids of docs that were found but
/// failed to read or lower: links to them resolve to a placeholder that carries no error of
/// its own (the broken doc reports its own problems once), so that every stage after this
/// one sees a complete model set. `root` is the schemas folder's absolute path, split into
/// its components, so that links which leave the folder and come back in
/// (`../models/pet.md` from the folder `models`) resolve as the filesystem would.
pub fn resolve(
    models: Vec<Model<Link>>,
    broken: &BTreeSet<String>,
    files: &HashMap<&str, &SourceFile>,
    root: &[String],
) -> Resolved {
    let owned_ids: Vec<String> = models.iter().map(|m| m.id.clone()).collect();
    let ids: BTreeSet<&str> = owned_ids.iter().chain(broken).map(String::as_str).collect();
    let index = LinkIndex::new(&ids, root);
    let titles = TitleIndex::new(&models);
    // Each model's links resolve on their own, side by side; problems keep the models' order.
    let each: Vec<(Model, Vec<Diagnostic>, Vec<Diagnostic>)> =
        models.into_par_iter().map(|model| resolve_links(model, &index, &titles, files)).collect();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut failed = BTreeSet::new();
    let mut resolved: Vec<Model> = Vec::with_capacity(each.len() + broken.len());
    for (model, problems, notes) in each {
        if !problems.is_empty() {
            failed.insert(model.id.clone());
        }
        errors.extend(problems);
        warnings.extend(notes);
        resolved.push(model);
    }
    if !errors.is_empty() {
        return Resolved { schema: Err(errors), warnings, failed };
    }
    resolved.extend(broken.iter().map(|id| placeholder(id)));
    resolved.sort_by(|a, b| a.id.cmp(&b.id));
    box_cycles(&mut resolved);
    Resolved { schema: Ok(Schema { models: resolved }), warnings, failed }
}

/// One model with its links resolved to model ids, and the problems (errors, then warnings)
/// its links have.
fn resolve_links(
    model: Model<Link>,
    index: &LinkIndex<'_>,
    titles: &TitleIndex,
    files: &HashMap<&str, &SourceFile>,
) -> (Model, Vec<Diagnostic>, Vec<Diagnostic>) {
    let file = files.get(model.source.as_str()).copied();
    let source = model.source.clone();
    let at = |span: Span, message: String| match file {
        Some(file) => Diagnostic::at(file, span, message),
        None => Diagnostic::file(&source, message),
    };
    let folders = model.folders.clone();
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let model = model.map_refs(&mut |span, link: Link| {
        let (url, found) = match &link {
            Link::Path { url } => (url.as_str(), index.find(&folders, url)),
            Link::Title { title } => (title.as_str(), titles.find(&folders, title)),
        };
        let id = match found {
            Match::Found(id, How::Path | How::Tail) => id.to_string(),
            Match::Found(id, How::FileName) => {
                notes.push(at(span, format!("the link `{url}` names no doc by its path; it was matched by its file name to `{id}.md`"))
                    .with_help("links resolve by path relative to the doc, then by trailing `folder/Name.md`, then by a file name that only one doc has; link by relative path to silence this")
                    .warning(crate::diag::WarningCode::LinkByFileName));
                id.to_string()
            }
            Match::Ambiguous(candidates) => {
                let list = candidates.iter().map(|c| format!("`{c}.md`")).collect::<Vec<_>>().join(", ");
                let message = match &link {
                    Link::Path { .. } => format!("the link `{url}` names no doc by its path, and several docs have its file name: {list}"),
                    Link::Title { .. } => format!("the type `{url}` is named by title, and several docs outside this folder have that title: {list}"),
                };
                problems.push(at(span, message)
                    .with_help("link to the doc by its path relative to this doc, e.g. `[Name](../components/Name.md)`"));
                String::new()
            }
            Match::Missing => {
                let message = match &link {
                    Link::Path { .. } => format!("the link `{url}` names no doc in the schemas folder"),
                    Link::Title { .. } => format!("the type `{url}` names no model: no doc has that title"),
                };
                problems.push(at(span, message)
                    .with_help("link to a doc that exists beside this one, e.g. `[Name](../../models/components/Name.md)`"));
                String::new()
            }
        };
        ModelRef { id, boxed: false }
    });
    (model, problems, notes)
}

/// Every model by its title, for types that name a model instead of linking it
/// (TypeScript's `*components.CustomField*`): a title in the linking doc's folder wins,
/// else a title that one doc alone has.
struct TitleIndex {
    by_title: HashMap<String, Vec<(String, Vec<String>)>>,
}

impl TitleIndex {
    fn new(models: &[Model<Link>]) -> Self {
        let mut by_title: HashMap<String, Vec<(String, Vec<String>)>> = HashMap::new();
        for model in models {
            by_title.entry(model.title.to_lowercase()).or_default().push((model.id.clone(), model.folders.clone()));
        }
        TitleIndex { by_title }
    }

    fn find<'a>(&'a self, from_folders: &[String], title: &str) -> Match<'a> {
        let Some(candidates) = self.by_title.get(&title.to_lowercase()) else { return Match::Missing };
        let here: Vec<&str> =
            candidates.iter().filter(|(_, folders)| folders == from_folders).map(|(id, _)| id.as_str()).collect();
        match (here.as_slice(), candidates.as_slice()) {
            ([only], _) => Match::Found(only, How::Path),
            (_, [(only, _)]) => Match::Found(only, How::Path),
            _ => Match::Ambiguous(candidates.iter().map(|(id, _)| id.as_str()).collect()),
        }
    }
}

/// Stands in for a doc that failed to read, so that links to it resolve.
fn placeholder(id: &str) -> Model {
    let (folders, title) = crate::ir::split_id(id);
    let title = title.to_string();
    Model {
        id: id.to_string(),
        source: format!("{id}.md"),
        folders,
        title,
        dialect: String::new(),
        title_span: Span::default(),
        deprecated: false,
        deprecation_note: None,
        description: None,
        kind: ModelKind::Opaque { unreadable: None },
        provenance: Vec::new(),
    }
}

/// Every doc id by its last two path segments (`components/Pet`) and its last one (`Pet`),
/// for links written relative to another root (`../../models/components/Pet.md`).
struct LinkIndex<'a> {
    ids: &'a BTreeSet<&'a str>,
    root: &'a [String],
    by_tail: HashMap<&'a str, Vec<&'a str>>,
    by_name: HashMap<&'a str, Vec<&'a str>>,
}

/// How a link found its doc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    /// By its path relative to the linking doc.
    Path,
    /// By its trailing `folder/Name.md`, which one doc alone has.
    Tail,
    /// By its file name, which one doc alone has.
    FileName,
}

#[derive(Debug, PartialEq, Eq)]
enum Match<'a> {
    Found(&'a str, How),
    Ambiguous(Vec<&'a str>),
    Missing,
}

impl<'a> LinkIndex<'a> {
    fn new(ids: &'a BTreeSet<&'a str>, root: &'a [String]) -> Self {
        let mut by_tail: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut by_name: HashMap<&str, Vec<&str>> = HashMap::new();
        for &id in ids {
            // Where each segment starts: `a/b/C` → [0, 2, 4].
            let starts: Vec<usize> = std::iter::once(0).chain(id.match_indices('/').map(|(i, _)| i + 1)).collect();
            if let [.., tail, name] = starts.as_slice() {
                by_tail.entry(&id[*tail..]).or_default().push(id);
                by_name.entry(&id[*name..]).or_default().push(id);
            } else {
                by_name.entry(id).or_default().push(id);
            }
        }
        LinkIndex { ids, root, by_tail, by_name }
    }

    /// The doc a link names: by its path relative to the linking doc (taken from the schemas
    /// folder's real place, so `../models/x.md` from the folder `models` is `x.md`), else by
    /// a trailing `folder/Name.md` that only one doc has (SDK docs copied into a new root
    /// keep links like `../../models/folder/Name.md`), else by a file name that only one doc
    /// has (SDK docs copied into one flat folder).
    fn find(&self, from_folders: &[String], url: &str) -> Match<'a> {
        let Some(path) = url.split(['#', '?']).next().and_then(|p| p.strip_suffix(".md")) else {
            return Match::Missing;
        };
        let mut parts: Vec<&str> = self.root.iter().chain(from_folders).map(String::as_str).collect();
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                part => parts.push(part),
            }
        }
        let inside = parts.len() > self.root.len() && parts.iter().zip(self.root).all(|(a, b)| *a == b);
        if inside && let Some(&id) = self.ids.get(parts[self.root.len()..].join("/").as_str()) {
            return Match::Found(id, How::Path);
        }
        let segments: Vec<&str> = path.split('/').filter(|s| !matches!(*s, "" | "." | "..")).collect();
        let Some(&name) = segments.last() else { return Match::Missing };
        if segments.len() >= 2 {
            let tail = segments[segments.len() - 2..].join("/");
            if let Some([only]) = self.by_tail.get(tail.as_str()).map(Vec::as_slice) {
                return Match::Found(only, How::Tail);
            }
        }
        match self.by_name.get(name).map(Vec::as_slice) {
            Some([only]) => Match::Found(only, How::FileName),
            Some(many) if !many.is_empty() => Match::Ambiguous(many.to_vec()),
            _ => Match::Missing,
        }
    }
}

/// Boxes the back edges of a depth-first walk over direct references (not inside a list or
/// map): without them the containment graph has no cycle, so every cycle passes through
/// exactly the boxes it needs. The walk goes in id order, so the choice is deterministic.
pub(crate) fn box_cycles(models: &mut [Model]) {
    // Every reference names a model of the set (resolution builds it so, with placeholders
    // for broken docs); a reference that does not is left unboxed rather than indexed.
    let index: HashMap<String, usize> = models.iter().enumerate().map(|(i, m)| (m.id.clone(), i)).collect();
    let edges: Vec<Vec<usize>> = models
        .iter()
        .map(|model| {
            // Fields and union members alike hold their model directly.
            model.types().filter_map(|(_, ty)| direct_ref(ty).and_then(|r| index.get(&r.id).copied())).collect()
        })
        .collect();
    let back_edges = back_edges(&edges);
    for (i, model) in models.iter_mut().enumerate() {
        for ty in model.types_mut() {
            if let Some(target) = direct_ref_mut(ty) {
                target.boxed = index.get(&target.id).is_some_and(|&t| back_edges.contains(&(i, t)));
            }
        }
    }
}

/// The model a field holds directly (maybe nullable), not through a list or map.
fn direct_ref(ty: &Type) -> Option<&ModelRef> {
    match ty {
        Type::Ref { target } => Some(target),
        Type::Nullable { inner } => direct_ref(inner),
        _ => None,
    }
}

fn direct_ref_mut(ty: &mut Type) -> Option<&mut ModelRef> {
    match ty {
        Type::Ref { target } => Some(target),
        Type::Nullable { inner } => direct_ref_mut(inner),
        _ => None,
    }
}

/// The `(from, to)` pairs that point back to a node on the current path of a depth-first
/// walk. Iterative, so that long chains of docs cannot overflow the stack.
fn back_edges(edges: &[Vec<usize>]) -> BTreeSet<(usize, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Unseen,
        OnPath,
        Done,
    }
    // Indexing cannot fail: every edge target is an index into `edges` (built from the model
    // index above), and nodes come from `0..edges.len()`.
    let mut state = vec![State::Unseen; edges.len()];
    let mut back = BTreeSet::new();
    for root in 0..edges.len() {
        if state[root] != State::Unseen {
            continue;
        }
        state[root] = State::OnPath;
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some((node, next_edge)) = path.last_mut() {
            let node = *node;
            let Some(&target) = edges[node].get(*next_edge) else {
                state[node] = State::Done;
                path.pop();
                continue;
            };
            *next_edge += 1;
            match state[target] {
                State::Unseen => {
                    state[target] = State::OnPath;
                    path.push((target, 0));
                }
                State::OnPath => {
                    back.insert((node, target));
                }
                State::Done => {}
            }
        }
    }
    back
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids<'a>(list: &[&'a str]) -> BTreeSet<&'a str> {
        list.iter().copied().collect()
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn links_resolve_by_relative_path_then_trailing_folder_then_unique_file_name() {
        let ids = ids(&["components/Address", "errors/Detail", "components/Detail", "Root", "a/Same", "b/Same"]);
        let root = strings(&["work", "sdk", "models"]);
        let index = LinkIndex::new(&ids, &root);
        let cases: &[(&[&str], &str, Match)] = &[
            (&["components"], "Address.md", Match::Found("components/Address", How::Path)),
            (&["components"], "./Address.md#anchor", Match::Found("components/Address", How::Path)),
            (&["components"], "../../models/components/Address.md", Match::Found("components/Address", How::Path)),
            (&["errors"], "../../models/errors/Detail.md", Match::Found("errors/Detail", How::Path)),
            (&["errors"], "../components/Detail.md", Match::Found("components/Detail", How::Path)),
            (&[], "components/Address.md", Match::Found("components/Address", How::Path)),
            (&["components"], "../Root.md", Match::Found("Root", How::Path)),
            // Leaves the root and comes back in: Python's `../models/name.md`.
            (&[], "../models/Root.md", Match::Found("Root", How::Path)),
            // Copied into another root: the trailing folder/Name.md, then the file name.
            (&["components"], "../../../other/components/Address.md", Match::Found("components/Address", How::Tail)),
            (&[], "../../models/components/Address.md", Match::Found("components/Address", How::Tail)),
            (&[], "../../x/components/Address.md", Match::Found("components/Address", How::Tail)),
            (&[], "../../x/y/Address.md", Match::Found("components/Address", How::FileName)),
            (&[], "Address.md", Match::Found("components/Address", How::FileName)),
            (
                &["components"],
                "../../models/other/Detail.md",
                Match::Ambiguous(vec!["components/Detail", "errors/Detail"]),
            ),
            (&[], "../../models/c/Same.md", Match::Ambiguous(vec!["a/Same", "b/Same"])),
            (&["components"], "Missing.md", Match::Missing),
            (&["components"], "../../../../../../etc/passwd.md", Match::Missing),
            (&["components"], "Address.html", Match::Missing),
            (&["components"], ".md", Match::Missing),
            (&["components"], "", Match::Missing),
        ];
        for (folders, url, expected) in cases {
            assert_eq!(&index.find(&strings(folders), url), expected, "{url}");
        }
    }

    #[test]
    fn back_edges_break_every_cycle_and_nothing_else() {
        // 0 → 1 → 2 → 0 is a cycle; 3 → 3 a self-loop; 2 → 3 and 4 are not in cycles.
        let back = back_edges(&[vec![1], vec![2], vec![0, 3], vec![3], vec![]]);
        assert_eq!(back.into_iter().collect::<Vec<_>>(), [(2, 0), (3, 3)]);
        // A long chain is walked without recursion.
        let chain: Vec<Vec<usize>> =
            (0..100_000).map(|i| if i + 1 < 100_000 { vec![i + 1] } else { vec![0] }).collect();
        assert_eq!(back_edges(&chain).into_iter().collect::<Vec<_>>(), [(99_999, 0)]);
    }
}
