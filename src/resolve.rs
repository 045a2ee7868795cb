//! Resolution: connects links to the loaded docs and boxes the references that close a
//! cycle of direct containment (a struct cannot contain itself without a pointer).
//!
//! Links are resolved among the docs that were loaded, never by opening the path they name,
//! so a doc cannot make mdschema read outside the schemas folder.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::diag::Diagnostic;
use crate::ir::{Model, ModelKind, Schema, Type};
use crate::source::SourceFile;

/// Resolves every link in `models`; the errors name each link that leads nowhere. `ids`
/// holds every doc found, including docs that failed to read, so that a link to a broken
/// doc is not also reported as a link to a missing one.
pub fn resolve(
    mut models: Vec<Model>,
    ids: &BTreeSet<String>,
    files: &HashMap<&str, &SourceFile>,
) -> Result<Schema, Vec<Diagnostic>> {
    models.sort_by(|a, b| a.id.cmp(&b.id));
    let index = LinkIndex::new(ids);
    let mut errors = Vec::new();
    for model in &mut models {
        let ModelKind::Object { fields, .. } = &mut model.kind else { continue };
        for field in fields {
            let mut unresolved = Vec::new();
            visit_refs(&mut field.ty, &mut |target| match link_target(&model.folders, target, &index) {
                Some(id) => *target = id,
                None => unresolved.push(target.clone()),
            });
            for target in unresolved {
                let file = files[model.source.as_str()];
                errors.push(
                    Diagnostic::at(
                        file,
                        field.type_span,
                        format!("the link `{target}` names no doc in the schemas folder"),
                    )
                    .with_help("link to a doc that exists beside this one, e.g. `../../models/components/Name.md`"),
                );
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    box_cycles(&mut models);
    Ok(Schema { models })
}

/// Every doc id by its last two path segments (`components/Pet`) and its last one (`Pet`),
/// for links written relative to another root (`../../models/components/Pet.md`).
pub struct LinkIndex<'a> {
    ids: &'a BTreeSet<String>,
    by_tail: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> LinkIndex<'a> {
    /// Indexes `ids`.
    pub fn new(ids: &'a BTreeSet<String>) -> Self {
        let mut by_tail: HashMap<&str, Vec<&str>> = HashMap::new();
        for id in ids {
            let mut starts = id.match_indices('/').map(|(i, _)| i + 1).collect::<Vec<_>>();
            starts.insert(0, 0);
            for &start in starts.iter().rev().take(2) {
                by_tail.entry(&id[start..]).or_default().push(id);
            }
        }
        LinkIndex { ids, by_tail }
    }
}

fn visit_refs(ty: &mut Type, f: &mut impl FnMut(&mut String)) {
    match ty {
        Type::Ref { target, .. } => f(target),
        Type::List { item: inner } | Type::Map { value: inner } | Type::Nullable { inner } => visit_refs(inner, f),
        _ => {}
    }
}

/// The id a link names: by its path relative to the linking doc, or else by its trailing
/// `folder/Name.md` (SDK docs link as `../../models/folder/Name.md` from `folder/`).
pub fn link_target(from_folders: &[String], url: &str, index: &LinkIndex) -> Option<String> {
    let path = url.split(['#', '?']).next()?;
    let path = path.strip_suffix(".md")?;
    let mut parts: Vec<&str> = from_folders.iter().map(String::as_str).collect();
    let mut escaped = false;
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => escaped |= parts.pop().is_none(),
            part => parts.push(part),
        }
    }
    let relative = parts.join("/");
    if !escaped && index.ids.contains(&relative) {
        return Some(relative);
    }
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty() && *s != "." && *s != "..").collect();
    let tail = segments[segments.len().saturating_sub(2)..].join("/");
    match index.by_tail.get(tail.as_str()).map(Vec::as_slice) {
        Some([only]) => Some(only.to_string()),
        _ => None,
    }
}

/// Boxes the back edges of a depth-first walk over direct references (not inside a list or
/// map): without them the containment graph has no cycle, so every cycle passes through
/// exactly the boxes it needs. The walk goes in id order, so the choice is deterministic.
fn box_cycles(models: &mut [Model]) {
    let index: HashMap<String, usize> = models.iter().enumerate().map(|(i, m)| (m.id.clone(), i)).collect();
    let edges: Vec<Vec<usize>> = models
        .iter()
        .map(|model| {
            let mut out = Vec::new();
            if let ModelKind::Object { fields, .. } = &model.kind {
                for field in fields {
                    direct_targets(&field.ty, &mut |t| out.push(index[t]));
                }
            }
            out
        })
        .collect();
    let back_edges = back_edges(&edges);
    for (i, model) in models.iter_mut().enumerate() {
        let ModelKind::Object { fields, .. } = &mut model.kind else { continue };
        for field in fields {
            box_direct(&mut field.ty, &mut |target| back_edges.contains(&(i, index[target])));
        }
    }
}

fn direct_targets(ty: &Type, f: &mut impl FnMut(&str)) {
    match ty {
        Type::Ref { target, .. } => f(target),
        Type::Nullable { inner } => direct_targets(inner, f),
        _ => {}
    }
}

fn box_direct(ty: &mut Type, is_back_edge: &mut impl FnMut(&str) -> bool) {
    match ty {
        Type::Ref { target, boxed } => *boxed = is_back_edge(target),
        Type::Nullable { inner } => box_direct(inner, is_back_edge),
        _ => {}
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

/// Models grouped by folder path, for the stages that lay out modules.
pub fn by_folder(schema: &Schema) -> BTreeMap<Vec<String>, Vec<&Model>> {
    let mut folders: BTreeMap<Vec<String>, Vec<&Model>> = BTreeMap::new();
    for model in &schema.models {
        folders.entry(model.folders.clone()).or_default().push(model);
    }
    folders
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn links_resolve_by_relative_path_then_by_trailing_folder_and_name() {
        let ids = ids(&["components/Address", "errors/Detail", "components/Detail", "Root"]);
        let from = |f: &[&str]| f.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let cases: &[(&[&str], &str, Option<&str>)] = &[
            (&["components"], "Address.md", Some("components/Address")),
            (&["components"], "./Address.md#anchor", Some("components/Address")),
            (&["components"], "../../models/components/Address.md", Some("components/Address")),
            (&["errors"], "../../models/errors/Detail.md", Some("errors/Detail")),
            (&["errors"], "../components/Detail.md", Some("components/Detail")),
            (&[], "components/Address.md", Some("components/Address")),
            (&["components"], "../Root.md", Some("Root")),
            (&["components"], "../../models/other/Detail.md", None),
            (&["components"], "Missing.md", None),
            (&["components"], "../../../etc/passwd.md", None),
            (&["components"], "Address.html", None),
        ];
        for (folders, url, expected) in cases {
            assert_eq!(link_target(&from(folders), url, &LinkIndex::new(&ids)).as_deref(), *expected, "{url}");
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
