//! IR → Rust view model: every decision about the generated code (names, type strings,
//! serde attributes, doc lines, escaping) is made here and handed to the templates ready to
//! print. Templates only lay out text.
//!
//! One file per construct: `items` (the types the templates receive), `names` (Rust names
//! for the whole schema), `structs`, `serde_policy` (written-out impls or serde's derives),
//! `enums`, `unions`, `consts`, `rust_types` and `derives` (where `Eq` and `Hash` hold).
//! This module builds each file's view ([`each_file`]) and holds what they share: the
//! model's context, its doc comment and derive list, and the folders' `mod.rs`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use crate::config::{Rules, SerdeImpls};
use crate::ident::{self, Namespace};
use crate::ir::{EnumValue, Field, Literal, Member, Model, ModelKind, Schema, Type};
use crate::rustdoc;

mod consts;
mod derives;
mod enums;
mod items;
mod names;
mod rust_types;
mod serde_policy;
mod structs;
mod unions;

use derives::Comparable;
pub use items::*;
use names::{Names, Scope};
use rust_types::VALUE;

/// The path of every model's type relative to the generated root module
/// (`components::Pet`), by model id.
pub fn type_paths(schema: &Schema) -> BTreeMap<String, String> {
    let names = Names::new(schema);
    schema
        .models
        .iter()
        .map(|model| {
            let mut path = names.modules[&model.folders].clone();
            path.push(names.types[&model.id].0.clone());
            (model.id.clone(), path.join("::"))
        })
        .collect()
}

/// Builds the view of every file to generate and hands each to `consume` as soon as it is
/// built, in parallel; the results come back sorted by the files' paths. A view is dropped
/// where it was consumed, so that the views are never all in memory at once.
pub fn each_file<T, E>(
    schema: &Schema,
    rules: &Rules,
    consume: impl Fn(FileView) -> Result<T, E> + Sync,
) -> Result<Vec<T>, E>
where
    T: Send,
    E: Send,
{
    // Naming and the derives' analysis are independent walks over the whole schema.
    let (names, comparable) = rayon::join(|| Names::new(schema), || derives::comparable(schema, rules));
    let deprecated: BTreeSet<&str> = schema.models.iter().filter(|m| m.deprecated).map(|m| m.id.as_str()).collect();
    let models: HashMap<&str, &Model> = schema.models.iter().map(|m| (m.id.as_str(), m)).collect();
    let defaults = enum_defaults(schema, &models);
    // Each model's view depends on the names and the schema only: built side by side.
    let model_files: Vec<(String, bool, T)> = schema
        .models
        .par_iter()
        .map(|model| {
            let cx = ModelCx {
                names: &names,
                models: &models,
                scope: &names.scopes[&model.folders],
                rules,
                deprecated: &deprecated,
                comparable: comparable[&model.id],
                extras: {
                    let (derives, attrs) = rules.extras(&model.source);
                    Extras { derives, attrs }
                },
                serde_impls: rules.serde_impls(&model.source),
                enum_default: defaults.get(model.id.as_str()).copied(),
                model,
            };
            let view = cx.file_view();
            let calls_support = match &view.item {
                ItemView::Struct(s) => s.serde.is_some(),
                ItemView::Union(u) => u.choice.is_some(),
                _ => false,
            };
            Ok((view.path.clone(), calls_support, consume(view)?))
        })
        .collect::<Result<_, E>>()?;
    let uses_support = model_files.iter().any(|(_, calls_support, _)| *calls_support);
    let mut files: Vec<(String, T)> = names
        .modules
        .par_iter()
        .map(|(folder, module_path)| {
            let view = module_file(schema, &names, folder, module_path, uses_support);
            Ok((view.path.clone(), consume(view)?))
        })
        .collect::<Result<_, E>>()?;
    files.extend(model_files.into_iter().map(|(path, _, result)| (path, result)));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files.into_iter().map(|(_, result)| result).collect())
}

/// The default value of each enum that a field of its type states one of its values as its
/// default (openapi-generator's `[default to "completion"]`), by the enum's id; the first
/// field in schema order decides.
fn enum_defaults<'m>(schema: &'m Schema, models: &HashMap<&str, &'m Model>) -> HashMap<&'m str, &'m str> {
    let mut defaults = HashMap::new();
    for model in &schema.models {
        let ModelKind::Object { fields, .. } = &model.kind else { continue };
        for field in fields {
            let (Some(default), Some(target)) = (&field.default, field.ty.refs().next()) else { continue };
            let Some(ModelKind::Enum { values, .. }) = models.get(target.id.as_str()).map(|m| &m.kind) else {
                continue;
            };
            if values.iter().any(|v| v.value == *default) {
                defaults.entry(target.id.as_str()).or_insert(default.as_str());
            }
        }
    }
    defaults
}

fn dir_of(module_path: &[String]) -> String {
    module_path.iter().map(|m| format!("{m}/")).collect()
}

fn header(source: &str) -> String {
    let source: String = source.chars().flat_map(char::escape_debug).collect();
    format!("// @generated by mdschema from {source}. Do not edit.")
}

/// A folder's `mod.rs`. The root's also holds the enums' parse error type, when one is
/// needed, and the serde support module, when some struct calls it (`uses_support`).
fn module_file(
    schema: &Schema,
    names: &Names,
    folder: &[String],
    module_path: &[String],
    uses_support: bool,
) -> FileView {
    let modules = names
        .modules
        .iter()
        .filter(|(sub, _)| sub.len() == folder.len() + 1 && sub.starts_with(folder))
        .map(|(_, path)| {
            let name = path.last().cloned().unwrap_or_default();
            let inception = module_path.last() == Some(&name);
            SubmoduleView {
                attrs: if inception { vec!["#[allow(clippy::module_inception)]".into()] } else { Vec::new() },
                include: literal(&format!("{name}/mod.rs")),
                name,
            }
        })
        .collect();
    let mut includes: Vec<String> = schema
        .models
        .iter()
        .filter(|m| m.folders == folder)
        .map(|m| literal(&format!("{}.rs", names.types[&m.id].1)))
        .collect();
    includes.sort();
    let source = if folder.is_empty() { "./".to_string() } else { format!("{}/", folder.join("/")) };
    FileView {
        path: format!("{}mod.rs", dir_of(module_path)),
        template: "mod.rs.tera",
        header: header(&source),
        item: ItemView::Module(ModuleView {
            modules,
            includes,
            parse_error: if folder.is_empty() { names.parse_error.clone() } else { None },
            // The root holds the serde support module when some struct's view calls it.
            serde_support: if folder.is_empty() && uses_support { names.serde_support.clone() } else { None },
        }),
        consts: Vec::new(),
    }
}

struct ModelCx<'a> {
    names: &'a Names,
    models: &'a HashMap<&'a str, &'a Model>,
    scope: &'a Scope,
    rules: &'a Rules,
    deprecated: &'a BTreeSet<&'a str>,
    /// Whether the model's type can derive `Eq` and `Hash`.
    comparable: Comparable,
    /// The config's derives and attributes for the model's type.
    extras: Extras,
    /// How the model's struct, if it is one, gets its serde impls.
    serde_impls: SerdeImpls,
    /// For an enum, the value a field of its type defaults to: the enum's `Default`.
    enum_default: Option<&'a str>,
    model: &'a Model,
}

/// Derives and attributes the config adds to a type.
struct Extras {
    derives: Vec<String>,
    attrs: Vec<String>,
}

/// Derive macros live in the macro namespace, which types and modules cannot shadow.
const STD_DERIVES: &str = "Debug, Clone, PartialEq";
const SERDE_DERIVES: &str = "::serde::Serialize, ::serde::Deserialize";

impl ModelCx<'_> {
    /// The model's file: its item, then its constant types.
    fn file_view(&self) -> FileView {
        let model = self.model;
        let (name, stem) = &self.names.types[&model.id];
        let dir = dir_of(&self.names.modules[&model.folders]);
        let (template, item) = match &model.kind {
            ModelKind::Object { fields, keep_unknown } => {
                ("struct.rs.tera", ItemView::Struct(self.struct_view(name, fields, *keep_unknown)))
            }
            ModelKind::Enum { values, open, integer: false } => {
                ("enum.rs.tera", ItemView::Enum(self.enum_view(name, values, *open, false)))
            }
            ModelKind::Enum { values, open, integer: true } => {
                ("int_enum.rs.tera", ItemView::IntEnum(self.enum_view(name, values, *open, true)))
            }
            ModelKind::Union { members } => ("union.rs.tera", ItemView::Union(self.union_view(name, members))),
            ModelKind::Opaque { unreadable } => {
                ("opaque.rs.tera", ItemView::Opaque(self.opaque_view(name, unreadable.as_deref())))
            }
        };
        FileView {
            path: format!("{dir}{stem}.rs"),
            template,
            header: header(&model.source),
            item,
            consts: self.const_views(),
        }
    }

    fn model_docs(&self, extra: &[String]) -> Vec<String> {
        let mut lines = self.model.description.as_deref().map(rustdoc::description).unwrap_or_default();
        if lines.is_empty() {
            lines = vec![format!("The {} model.", rustdoc::code_span(&self.model.title))];
        }
        for line in extra {
            lines.push(String::new());
            lines.push(line.clone());
        }
        lines.iter().map(|l| doc_line(l)).collect()
    }

    /// `, Eq, Hash`, `, Eq` or nothing: what every field or member type allows.
    fn eq_hash(&self) -> &'static str {
        match self.comparable {
            Comparable { eq: true, hash: true } => ", Eq, Hash",
            Comparable { eq: true, hash: false } => ", Eq",
            Comparable { eq: false, .. } => "",
        }
    }

    /// The derive list (built-in derives, then the config's) and the config's attributes.
    fn type_attrs(&self, derives: &str) -> Vec<String> {
        let mut all: Vec<String> = derives.split(", ").map(str::to_string).collect();
        for derive in &self.extras.derives {
            let last_segment = |d: &str| d.rsplit("::").next().unwrap_or(d).trim().to_string();
            if !all.iter().any(|d| last_segment(d) == last_segment(derive)) {
                all.push(derive.clone());
            }
        }
        let mut attrs = vec![format!("#[derive({})]", all.join(", "))];
        if self.model.deprecated {
            attrs.push(deprecated_attr(self.model.deprecation_note.as_deref()));
        }
        attrs.extend(self.extras.attrs.iter().cloned());
        attrs
    }

    fn opaque_view(&self, name: &str, unreadable: Option<&str>) -> OpaqueView {
        let note = match unreadable {
            None => "The doc does not describe this model's shape (SDK docs of unions list no members), so it accepts any JSON.".to_string(),
            Some(why) => format!("mdschema could not read this doc ({why}), so it accepts any JSON: the run kept going (`keep_going`). Fix the doc to get its type."),
        };
        let mut attrs = self.type_attrs(&format!("{STD_DERIVES}, {SERDE_DERIVES}"));
        attrs.push("#[serde(transparent)]".into());
        if self.model.deprecated {
            attrs.push("#[allow(deprecated)]".into());
        }
        OpaqueView { name: name.to_string(), docs: self.model_docs(&[note]), attrs }
    }

    fn refers_to_deprecated(&self, ty: &Type) -> bool {
        match ty {
            Type::Ref { target } => self.deprecated.contains(target.id.as_str()),
            _ => ty.inner().is_some_and(|inner| self.refers_to_deprecated(inner)),
        }
    }
}

fn deprecated_attr(note: Option<&str>) -> String {
    match note {
        Some(note) => format!("#[deprecated(note = {})]", literal(note)),
        None => "#[deprecated]".into(),
    }
}

fn field_docs(field: &Field) -> Vec<String> {
    let mut lines = field.description.as_deref().map(rustdoc::description).unwrap_or_default();
    if let Some(default) = &field.default {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!("Default: {}", rustdoc::code_span(default)));
    }
    if let Some(example) = &field.example {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(rustdoc::example(example));
    }
    lines.iter().map(|l| doc_line(l)).collect()
}

/// A `///` line holding `line`, laid out as prettyplease prints doc comments (no trailing
/// spaces). [`rustdoc::visible`] leaves no character that ends a comment, so the text
/// stays a comment whatever it says.
fn doc_line(line: &str) -> String {
    let mut doc = format!("/// {}", rustdoc::visible(line));
    doc.truncate(doc.trim_end_matches(' ').len());
    doc
}

/// A Rust string literal holding `text` exactly.
pub fn literal(text: &str) -> String {
    format!("{text:?}")
}
