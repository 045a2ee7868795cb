//! Rust names for the whole schema, decided once: modules for folders, types and files for
//! models, const types for literal fields, and the root's shared items, each unique in its
//! scope.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::consts::{consts_in, labelled_types};
use crate::ident::{self, Namespace};
use crate::ir::{Literal, Model, ModelKind, Schema};

/// Rust names of every model and folder, unique in their scopes. Built from one schema, it
/// holds an entry for every model id and every folder (and its parents) of that schema, so
/// the view's lookups by a model's id or folders cannot miss; lookups by a reference's
/// target rely on the schema having no dangling reference, which `views` checks first.
pub(super) struct Names {
    /// Folder path → module path.
    pub(super) modules: BTreeMap<Vec<String>, Vec<String>>,
    /// Model id → (type name, file stem).
    pub(super) types: HashMap<String, (String, String)>,
    /// Folder path → what its module's own items shadow.
    pub(super) scopes: HashMap<Vec<String>, Scope>,
    /// (Model id, const value) → the name of the type holding exactly that value.
    pub(super) consts: HashMap<(String, Literal), String>,
    /// The root module's error type for enum values that do not parse, when some enum's
    /// parsing can fail (a closed enum, or any integer enum).
    pub(super) parse_error: Option<String>,
    /// The root module's serde support module, when the schema has a struct.
    pub(super) serde_support: Option<String>,
}

/// The names a module's own items (its types and sub-modules) take. Generated code writes
/// std's prelude types and primitives short (`Option<String>`, `i64`) and falls back to the
/// absolute path only where one of them is shadowed — by a doc titled `Option`, say, or a
/// folder named `i64`.
#[derive(Debug, Default)]
pub(super) struct Scope {
    pub(super) taken: BTreeSet<String>,
}

impl Scope {
    pub(super) fn name(&self, short: &str, absolute: &str) -> String {
        if self.taken.contains(short) { absolute.to_string() } else { short.to_string() }
    }

    pub(super) fn string(&self) -> String {
        self.name("String", "::std::string::String")
    }

    pub(super) fn option(&self) -> String {
        self.name("Option", "::core::option::Option")
    }

    pub(super) fn primitive(&self, name: &str) -> String {
        self.name(name, &format!("::core::primitive::{name}"))
    }
}

impl Names {
    pub(super) fn new(schema: &Schema) -> Names {
        let mut folders: BTreeSet<Vec<String>> = BTreeSet::new();
        for model in &schema.models {
            for depth in 0..=model.folders.len() {
                folders.insert(model.folders[..depth].to_vec());
            }
        }
        let mut modules: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
        let mut scopes: HashMap<Vec<String>, Namespace> = HashMap::new();
        for folder in &folders {
            let Some((last, parent)) = folder.split_last() else {
                modules.insert(Vec::new(), Vec::new());
                continue;
            };
            let mut path = modules[parent].clone();
            path.push(scopes.entry(parent.to_vec()).or_default().claim(&ident::module_name(last)));
            modules.insert(folder.clone(), path);
        }
        // Named after the folders, so that no folder loses its name to it.
        let has_struct = schema.models.iter().any(|m| matches!(m.kind, ModelKind::Object { .. }));
        let serde_support = has_struct.then(|| scopes.entry(Vec::new()).or_default().claim("serde_support"));
        let mut types = HashMap::new();
        let mut type_scopes: HashMap<&[String], Namespace> = HashMap::new();
        let mut file_scopes: HashMap<&[String], Namespace> = HashMap::new();
        for model in &schema.models {
            let name = type_scopes.entry(&model.folders).or_default().claim(&ident::type_name(&model.title));
            let stem = file_scopes
                .entry(&model.folders)
                .or_insert_with(|| Namespace::with_reserved(["mod"]))
                .claim(&ident::file_stem(&name));
            types.insert(model.id.clone(), (name, stem));
        }
        // Const types are named after their model and field (`PetKind`), after every model
        // has its name, so that a model never loses its name to a const.
        let mut consts = HashMap::new();
        // Each const's folder and name, for its module's scope.
        let mut const_names: Vec<(&[String], String)> = Vec::new();
        for model in &schema.models {
            for (label, ty) in labelled_types(model) {
                for value in consts_in(ty) {
                    let key = (model.id.clone(), value.clone());
                    if let std::collections::hash_map::Entry::Vacant(entry) = consts.entry(key) {
                        let wanted =
                            format!("{}{}", types[&model.id].0.trim_start_matches("r#"), ident::type_name(&label));
                        let name = type_scopes.entry(&model.folders).or_default().claim(&ident::type_name(&wanted));
                        const_names.push((&model.folders, name.clone()));
                        entry.insert(name);
                    }
                }
            }
        }
        // Named last, so that no model or const loses its name to it.
        let fallible = |m: &Model| matches!(m.kind, ModelKind::Enum { open, integer, .. } if integer || !open);
        let parse_error =
            schema.models.iter().any(fallible).then(|| type_scopes.entry(&[]).or_default().claim("ParseEnumError"));
        let mut scopes: HashMap<Vec<String>, Scope> = HashMap::new();
        for (folder, module_path) in &modules {
            if let Some((_, parent)) = folder.split_last() {
                scopes.entry(parent.to_vec()).or_default().taken.extend(module_path.last().cloned());
            }
            scopes.entry(folder.clone()).or_default();
        }
        for model in &schema.models {
            scopes.entry(model.folders.clone()).or_default().taken.insert(types[&model.id].0.clone());
        }
        for (folders, name) in const_names {
            scopes.entry(folders.to_vec()).or_default().taken.insert(name);
        }
        scopes.entry(Vec::new()).or_default().taken.extend(parse_error.iter().chain(&serde_support).cloned());
        Names { modules, types, scopes, consts, parse_error, serde_support }
    }

    /// The path to `target` from inside the module of `from_folders`. `target` is a model of
    /// the schema (no dangling references reach the view) and both folder paths are folders
    /// of its models, so the lookups cannot miss.
    pub(super) fn type_path(&self, from_folders: &[String], target: &str, target_folders: &[String]) -> String {
        self.item_path(from_folders, &self.types[target].0, target_folders)
    }

    /// The path to the item `name` of the module of `target_folders`.
    pub(super) fn item_path(&self, from_folders: &[String], name: &str, target_folders: &[String]) -> String {
        if from_folders == target_folders {
            return name.to_string();
        }
        let from = &self.modules[from_folders];
        let to = &self.modules[target_folders];
        let mut path: Vec<&str> = if from.is_empty() { vec!["self"] } else { vec!["super"; from.len()] };
        path.extend(to.iter().map(String::as_str));
        path.push(name);
        path.join("::")
    }

    /// The path to the serde support module from inside the module of `from_folders`.
    pub(super) fn serde_support_path(&self, from_folders: &[String]) -> Option<String> {
        // `self::` at the root: a bare name in a `use` would be ambiguous with a crate of
        // that name.
        let path = |name: &str| match self.item_path(from_folders, name, &[]) {
            path if path == name => format!("self::{name}"),
            path => path,
        };
        self.serde_support.as_deref().map(path)
    }

    /// The path to the enums' parse error type from inside the module of `from_folders`.
    pub(super) fn parse_error_path(&self, from_folders: &[String]) -> String {
        self.parse_error.as_deref().map_or_else(String::new, |name| self.item_path(from_folders, name, &[]))
    }
}
