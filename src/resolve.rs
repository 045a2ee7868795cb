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
    files: &HashMap<String, SourceFile>,
) -> Result<Schema, Vec<Diagnostic>> {
    models.sort_by(|a, b| a.id.cmp(&b.id));
    let mut errors = Vec::new();
    for model in &mut models {
        let ModelKind::Object { fields } = &mut model.kind else { continue };
        for field in fields {
            let mut unresolved = Vec::new();
            visit_refs(&mut field.ty, &mut |target| match link_target(&model.folders, target, ids) {
                Some(id) => *target = id,
                None => unresolved.push(target.clone()),
            });
            for target in unresolved {
                let file = &files[&model.source];
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

fn visit_refs(ty: &mut Type, f: &mut impl FnMut(&mut String)) {
    match ty {
        Type::Ref { target, .. } => f(target),
        Type::List { item: inner } | Type::Map { value: inner } | Type::Nullable { inner } => visit_refs(inner, f),
        _ => {}
    }
}

/// The id a link names: by its path relative to the linking doc, or else by its trailing
/// `folder/Name.md` (SDK docs link as `../../models/folder/Name.md` from `folder/`).
pub fn link_target(from_folders: &[String], url: &str, ids: &BTreeSet<String>) -> Option<String> {
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
    if !escaped && ids.contains(&relative) {
        return Some(relative);
    }
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty() && *s != "." && *s != "..").collect();
    let tail = segments[segments.len().saturating_sub(2)..].join("/");
    let matches: Vec<&String> = ids.iter().filter(|id| *id == &tail || id.ends_with(&format!("/{tail}"))).collect();
    match matches.as_slice() {
        [only] => Some((*only).clone()),
        _ => None,
    }
}

/// Marks `boxed` on every direct reference (not inside a list or map) between models of one
/// strongly connected component, so that every containment cycle passes through a `Box`.
fn box_cycles(models: &mut [Model]) {
    let index: HashMap<String, usize> = models.iter().enumerate().map(|(i, m)| (m.id.clone(), i)).collect();
    let edges: Vec<Vec<usize>> = models
        .iter()
        .map(|model| {
            let mut out = Vec::new();
            if let ModelKind::Object { fields } = &model.kind {
                for field in fields {
                    direct_targets(&field.ty, &mut |t| out.push(index[t]));
                }
            }
            out
        })
        .collect();
    let component = strongly_connected(&edges);
    for (i, model) in models.iter_mut().enumerate() {
        let ModelKind::Object { fields } = &mut model.kind else { continue };
        for field in fields {
            box_direct(&mut field.ty, &mut |target| component[index[target]] == component[i]);
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

fn box_direct(ty: &mut Type, in_cycle: &mut impl FnMut(&str) -> bool) {
    match ty {
        Type::Ref { target, boxed } => *boxed = in_cycle(target),
        Type::Nullable { inner } => box_direct(inner, in_cycle),
        _ => {}
    }
}

/// Tarjan's algorithm, iterative so that long chains of docs cannot overflow the stack.
/// Returns a component number per node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let (mut order, mut low, mut component) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let (mut stack, mut on_stack) = (Vec::new(), vec![false; n]);
    let (mut next_order, mut next_component) = (0, 0);
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some((node, edge)) = work.pop() {
            if edge == 0 {
                order[node] = next_order;
                low[node] = next_order;
                next_order += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(edge) {
                work.push((node, edge + 1));
                if order[next] == UNSEEN {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(order[next]);
                }
                continue;
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
        }
    }
    component
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
            assert_eq!(link_target(&from(folders), url, &ids).as_deref(), *expected, "{url}");
        }
    }

    #[test]
    fn components() {
        // 0 → 1 → 2 → 0 is a cycle; 3 → 3 a self-loop; 4 is alone.
        let c = strongly_connected(&[vec![1], vec![2], vec![0, 3], vec![3], vec![]]);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[3] && c[4] != c[0]);
    }
}
