//! IR → Rust view model: every decision about the generated code (names, type strings,
//! serde attributes, doc lines, escaping) is made here and handed to the templates ready to
//! print. Templates only lay out text.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::ident::{self, Namespace};
use crate::ir::{EnumValue, Field, Literal, Member, Model, ModelKind, Schema, Type};
use crate::rules::{Rules, SerdeImpls};
use crate::rustdoc;

mod derives;

use derives::Comparable;

/// One generated file, before rendering.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct FileView {
    /// Output path relative to the output folder, `/`-separated.
    pub path: String,
    /// The built-in template (or user override) that renders it.
    pub template: &'static str,
    /// The first line of the file.
    pub header: String,
    /// What the template receives as `item`.
    pub item: ItemView,
    /// The model's constant types, each rendered with `const.rs.tera` after the item.
    pub consts: Vec<ConstView>,
}

/// The context of one template.
#[derive(Debug, Clone, Hash, Serialize)]
#[serde(untagged)]
pub enum ItemView {
    /// `mod.rs.tera`.
    Module(ModuleView),
    /// `struct.rs.tera`.
    Struct(StructView),
    /// `enum.rs.tera`.
    Enum(EnumView),
    /// `opaque.rs.tera`.
    Opaque(OpaqueView),
    /// `int_enum.rs.tera`.
    IntEnum(EnumView),
    /// `union.rs.tera`.
    Union(UnionView),
}

/// A folder's `mod.rs`.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct ModuleView {
    /// Sub-folders: each becomes `pub mod name { include!("name/mod.rs"); }`.
    pub modules: Vec<SubmoduleView>,
    /// The model files of this folder, as `include!` path literals.
    pub includes: Vec<String>,
    /// The name of the error type of enums' parsing, in the root module when an enum
    /// can fail to parse.
    pub parse_error: Option<String>,
    /// The name of the module holding the generic half of structs' `Deserialize`, in the
    /// root module when some struct uses it.
    pub serde_support: Option<String>,
}

/// A sub-module declaration.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct SubmoduleView {
    /// Attributes on the `mod` item.
    pub attrs: Vec<String>,
    /// The module's name.
    pub name: String,
    /// The path literal of its `mod.rs`, quoted.
    pub include: String,
}

/// An object model.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct StructView {
    /// The type's name.
    pub name: String,
    /// `///` lines.
    pub docs: Vec<String>,
    /// Attributes: derives, serde, deprecation.
    pub attrs: Vec<String>,
    /// The fields.
    pub fields: Vec<FieldView>,
    /// `new(required fields…)`, when the struct has required fields (else it derives
    /// `Default`).
    pub constructor: Option<ConstructorView>,
    /// The written-out `Serialize` and `Deserialize`, when serde's derives are not used.
    pub serde: Option<SerdeView>,
}

/// A struct's `Serialize` and `Deserialize`, written out over the root's serde support
/// module instead of derived: serde's derives expand to several times the code per field (a
/// field enum and its visitor, a sequence visitor, a wrapper type per `deserialize_with`, a
/// presence test per skipped field), and that expansion was most of the time rustc took
/// over generated models. The fields are listed once to the support module's `impl_serde!`
/// macro, whose body syn keeps as tokens: written out as code, the impls doubled the time
/// mdschema spends parsing its output, and as field attributes they were a tenth of the
/// text it formats.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct SerdeView {
    /// Attributes on the `impl` blocks.
    pub impl_attrs: Vec<String>,
    /// The path of the serde support module.
    pub support: String,
    /// The struct's name as a string literal, for serde's error messages.
    pub name_literal: String,
    /// The fields, in order.
    pub fields: Vec<SerdeFieldView>,
}

/// One field of a written-out `Serialize` and `Deserialize`.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct SerdeFieldView {
    /// The field's Rust name.
    pub name: String,
    /// Its JSON key, as a string literal.
    pub key: String,
    /// How a missing key and `null` read, and what is written: `required` (missing is an
    /// error; always written), `optional` (missing and `null` are `None`) or `nullable`
    /// (missing is `None`, `null` is `Some(None)`); `None` is not written.
    pub presence: &'static str,
}

/// `impl Name { pub fn new(required…) -> Self }`.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct ConstructorView {
    /// Attributes on the `impl` block.
    pub impl_attrs: Vec<String>,
    /// Attributes on the function.
    pub attrs: Vec<String>,
    /// `///` lines.
    pub docs: Vec<String>,
    /// The parameters: the required fields, in doc order.
    pub params: Vec<ParamView>,
    /// Every field: a parameter's by shorthand (`init` none), the others `Default`.
    pub fields: Vec<InitView>,
}

/// One parameter of `new`.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct ParamView {
    /// The parameter's (and its field's) name.
    pub name: String,
    /// Its type.
    pub ty: String,
}

/// One field initializer of `new`.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct InitView {
    /// The field's name.
    pub name: String,
    /// The expression, or none for a parameter of the same name.
    pub init: Option<String>,
}

/// One struct field.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct FieldView {
    /// The field's Rust name.
    pub name: String,
    /// The field's Rust type.
    pub ty: String,
    /// `///` lines.
    pub docs: Vec<String>,
    /// Attributes: serde, deprecation.
    pub attrs: Vec<String>,
}

/// An enum model, of strings (`enum.rs.tera`) or of integers (`int_enum.rs.tera`).
#[derive(Debug, Clone, Hash, Serialize)]
pub struct EnumView {
    /// The type's name.
    pub name: String,
    /// `///` lines.
    pub docs: Vec<String>,
    /// Attributes: derives, serde conversion, deprecation.
    pub attrs: Vec<String>,
    /// The known values (`value` is a string literal, or an integer literal).
    pub variants: Vec<VariantView>,
    /// The catch-all variant holding unknown values, when the enum is open.
    pub unknown: Option<VariantView>,
    /// Attributes on the `impl` blocks.
    pub impl_attrs: Vec<String>,
    /// The `String` type, as the module can name it.
    pub string_type: String,
    /// The `i64` type, as the module can name it.
    pub int_type: String,
    /// The `str` type, as the module can name it.
    pub str_type: String,
    /// The path of the shared parse error type (set when the enum is closed).
    pub parse_error: String,
    /// The enum's name as a string literal, for the parse error.
    pub name_literal: String,
}

/// One enum variant.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct VariantView {
    /// The variant's name.
    pub name: String,
    /// The wire value as a string literal, quoted.
    pub value: String,
    /// `///` lines.
    pub docs: Vec<String>,
    /// Attributes: serde rename.
    pub attrs: Vec<String>,
}

/// A union: an untagged enum with one variant per member, most specific first.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct UnionView {
    /// The type's name.
    pub name: String,
    /// `///` lines.
    pub docs: Vec<String>,
    /// Attributes: derives, serde, deprecation.
    pub attrs: Vec<String>,
    /// The variants, in the order serde tries them.
    pub variants: Vec<MemberView>,
    /// For a discriminated union: the JSON key of the tag, quoted; its `Deserialize` reads
    /// the tag and picks the variant.
    pub tag: Option<String>,
    /// Attributes on the `impl` blocks.
    pub impl_attrs: Vec<String>,
}

/// One union variant.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct MemberView {
    /// The variant's name.
    pub name: String,
    /// The type it holds.
    pub ty: String,
    /// `///` lines.
    pub docs: Vec<String>,
    /// For a discriminated union: the tag value that selects it, quoted (none for `Unknown`).
    pub tag: Option<String>,
    /// `From<its type>` is implemented: no other variant holds the same type.
    pub from: bool,
}

/// A type that holds exactly one value (a const literal field or member).
#[derive(Debug, Clone, Hash, Serialize)]
pub struct ConstView {
    /// The type's name.
    pub name: String,
    /// `///` lines.
    pub docs: Vec<String>,
    /// Attributes: derives.
    pub attrs: Vec<String>,
    /// The one variant's name.
    pub variant: String,
    /// The value's text, as a string literal (the renamed variant of a string const).
    pub value: String,
    /// For a boolean or integer const, how its written-out serde impls read and write it.
    pub primitive: Option<ConstPrimitiveView>,
}

/// How a boolean or integer const's serde impls read and write its value.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct ConstPrimitiveView {
    /// The Rust type read (`bool`, `i64`).
    pub ty: String,
    /// The value as a Rust expression of that type (`false`, `1`).
    pub value: String,
    /// The `Serializer` method that writes it (`serialize_bool`).
    pub serialize: String,
    /// The condition that the value read, a variable named `value`, is the const (`!value`,
    /// `value == 1`).
    pub accepts: String,
    /// The `Unexpected` of any other value read, over a variable named `value`.
    pub unexpected: String,
    /// What was expected, as a string literal for the error message.
    pub expected: String,
}

/// A model whose shape the doc does not give: a newtype over any JSON.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct OpaqueView {
    /// The type's name.
    pub name: String,
    /// `///` lines.
    pub docs: Vec<String>,
    /// Attributes: derives, serde, deprecation.
    pub attrs: Vec<String>,
}

/// Rust names of every model and folder, unique in their scopes. Built from one schema, it
/// holds an entry for every model id and every folder (and its parents) of that schema, so
/// the view's lookups by a model's id or folders cannot miss; lookups by a reference's
/// target rely on the schema having no dangling reference, which `views` checks first.
struct Names {
    /// Folder path → module path.
    modules: BTreeMap<Vec<String>, Vec<String>>,
    /// Model id → (type name, file stem).
    types: HashMap<String, (String, String)>,
    /// Folder path → what its module's own items shadow.
    scopes: HashMap<Vec<String>, Scope>,
    /// (Model id, const value) → the name of the type holding exactly that value.
    consts: HashMap<(String, Literal), String>,
    /// The root module's error type for enum values that do not parse, when some enum's
    /// parsing can fail (a closed enum, or any integer enum).
    parse_error: Option<String>,
    /// The root module's serde support module, when the schema has a struct.
    serde_support: Option<String>,
}

/// The names a module's own items (its types and sub-modules) take. Generated code writes
/// std's prelude types and primitives short (`Option<String>`, `i64`) and falls back to the
/// absolute path only where one of them is shadowed — by a doc titled `Option`, say, or a
/// folder named `i64`.
#[derive(Debug, Default)]
struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    fn name(&self, short: &str, absolute: &str) -> String {
        if self.taken.contains(short) { absolute.to_string() } else { short.to_string() }
    }

    fn string(&self) -> String {
        self.name("String", "::std::string::String")
    }

    fn option(&self) -> String {
        self.name("Option", "::core::option::Option")
    }

    fn primitive(&self, name: &str) -> String {
        self.name(name, &format!("::core::primitive::{name}"))
    }
}

impl Names {
    fn new(schema: &Schema) -> Names {
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
    fn type_path(&self, from_folders: &[String], target: &str, target_folders: &[String]) -> String {
        self.item_path(from_folders, &self.types[target].0, target_folders)
    }

    /// The path to the item `name` of the module of `target_folders`.
    fn item_path(&self, from_folders: &[String], name: &str, target_folders: &[String]) -> String {
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
    fn serde_support_path(&self, from_folders: &[String]) -> Option<String> {
        // `self::` at the root: a bare name in a `use` would be ambiguous with a crate of
        // that name.
        let path = |name: &str| match self.item_path(from_folders, name, &[]) {
            path if path == name => format!("self::{name}"),
            path => path,
        };
        self.serde_support.as_deref().map(path)
    }

    /// The path to the enums' parse error type from inside the module of `from_folders`.
    fn parse_error_path(&self, from_folders: &[String]) -> String {
        self.parse_error.as_deref().map_or_else(String::new, |name| self.item_path(from_folders, name, &[]))
    }
}

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
                model,
            };
            let view = cx.file_view();
            let calls_support = matches!(&view.item, ItemView::Struct(s) if s.serde.is_some());
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

    fn struct_view(&self, name: &str, fields: &[Field], keep_unknown: bool) -> StructView {
        let mut field_names = Namespace::default();
        let mut skipped = Vec::new();
        let mut views = Vec::new();
        let mut required = Vec::new();
        // Fields serde flattens a map into: a constructor starts them empty, not `None`.
        let mut flattened = Vec::new();
        let mut serde_fields = Vec::new();
        let support =
            self.names.serde_support_path(&self.model.folders).filter(|_| writes_serde(self.model, self.serde_impls));
        for field in fields {
            if field.ty.is_plumbing() {
                skipped.push(format!(
                    "The doc's field {} is SDK plumbing, not JSON, and is not generated.",
                    rustdoc::code_span(&field.name)
                ));
                continue;
            }
            let view = self.field_view(field, &mut field_names, support.is_none());
            if field.required && !field.catch_all {
                required.push(view.name.clone());
            }
            if field.catch_all {
                flattened.push(view.name.clone());
            }
            serde_fields.push(serde_field(field, &view.name));
            views.push(view);
        }
        if keep_unknown && !fields.iter().any(|f| f.catch_all) {
            let name = field_names.claim("unknown_fields");
            flattened.push(name.clone());
            views.push(FieldView {
                name,
                ty: format!("{}<{}, {VALUE}>", self.rules.map_type(), self.scope.string()),
                docs: vec![doc_line("JSON keys the doc does not list, kept so that they survive a round trip.")],
                attrs: vec!["#[serde(flatten)]".into()],
            });
        }
        // Every field optional: `Default` builds it absent everywhere. Else `new(required…)`.
        let default = if required.is_empty() { ", Default" } else { "" };
        let serde_derives = if support.is_some() { String::new() } else { format!(", {SERDE_DERIVES}") };
        let mut attrs = self.type_attrs(&format!("{STD_DERIVES}{}{default}{serde_derives}", self.eq_hash()));
        let uses_deprecated = fields.iter().any(|f| f.deprecated || self.refers_to_deprecated(&f.ty));
        let allow_deprecated = uses_deprecated || self.model.deprecated;
        let impl_attrs = if allow_deprecated { vec!["#[allow(deprecated)]".to_string()] } else { Vec::new() };
        attrs.extend(impl_attrs.iter().cloned());
        let constructor =
            (!required.is_empty()).then(|| self.constructor(name, &views, &required, &flattened, &impl_attrs));
        let serde = support.map(|support| SerdeView {
            impl_attrs,
            support,
            name_literal: literal(name.trim_start_matches("r#")),
            fields: serde_fields,
        });
        StructView { name: name.to_string(), docs: self.model_docs(&skipped), attrs, fields: views, constructor, serde }
    }

    fn constructor(
        &self,
        name: &str,
        views: &[FieldView],
        required: &[String],
        flattened: &[String],
        impl_attrs: &[String],
    ) -> ConstructorView {
        let params = views
            .iter()
            .filter(|v| required.contains(&v.name))
            .map(|v| ParamView { name: v.name.clone(), ty: v.ty.clone() })
            .collect::<Vec<_>>();
        let absent = |name: &String| match flattened.contains(name) {
            true => "::core::default::Default::default()".to_string(),
            false => self.scope.name("None", "::core::option::Option::None"),
        };
        let fields = views
            .iter()
            .map(|v| InitView { name: v.name.clone(), init: (!required.contains(&v.name)).then(|| absent(&v.name)) })
            .collect();
        // Clippy's default limit on arguments is seven.
        let attrs =
            if params.len() > 7 { vec!["#[allow(clippy::too_many_arguments)]".to_string()] } else { Vec::new() };
        let docs = [format!("A {} with its required fields; every other field absent.", rustdoc::code_span(name))];
        ConstructorView {
            impl_attrs: impl_attrs.to_vec(),
            attrs,
            docs: docs.iter().map(|l| doc_line(l)).collect(),
            params,
            fields,
        }
    }

    /// A field and, where serde's derives are used (`derives_serde`), its serde attributes.
    fn field_view(&self, field: &Field, names: &mut Namespace, derives_serde: bool) -> FieldView {
        let name = names.claim(&ident::field_name(&field.name));
        let inner = match self.rules.field_type(&self.model.id, &field.name) {
            Some(rust) => rust.to_string(),
            None => self.rust_type(&field.ty),
        };
        let mut attrs = Vec::new();
        if field.deprecated {
            attrs.push(deprecated_attr(field.deprecation_note.as_deref()));
        }
        if field.catch_all {
            attrs.insert(0, "#[serde(flatten)]".into());
            return FieldView { name, ty: inner, docs: field_docs(field), attrs };
        }
        let ty = match (field.required, field.nullable) {
            (true, false) => inner,
            (true, true) | (false, false) => self.option(&inner),
            (false, true) => self.option(&self.option(&inner)),
        };
        if derives_serde {
            attrs.splice(0..0, self.serde_field_attr(field, &name));
        }
        FieldView { name, ty, docs: field_docs(field), attrs }
    }

    /// The `#[serde(…)]` attribute of a field of a struct that derives serde's traits, if any.
    fn serde_field_attr(&self, field: &Field, name: &str) -> Option<String> {
        let mut serde = Vec::new();
        if name.trim_start_matches("r#") != field.wire_name {
            serde.push(format!("rename = {}", literal(&field.wire_name)));
        }
        let skip_none = format!("skip_serializing_if = \"{}::is_none\"", self.scope.option());
        match (field.required, field.nullable) {
            (true, false) => {}
            // `deserialize_with` makes serde report a missing key instead of reading None.
            (true, true) => serde.push("deserialize_with = \"::serde::Deserialize::deserialize\"".into()),
            (false, false) => serde.extend(["default".to_string(), skip_none]),
            // Only reading needs double_option (`null` is `Some(None)`, not `None`): serde
            // already writes `Some(None)` as `null`, and the absent `None` is skipped.
            (false, true) => serde.extend([
                "default".to_string(),
                skip_none,
                "deserialize_with = \"::serde_with::rust::double_option::deserialize\"".into(),
            ]),
        }
        (!serde.is_empty()).then(|| format!("#[serde({})]", serde.join(", ")))
    }

    /// An enum of strings, or of integers (`integer`): the variants, the catch-all of an open
    /// enum, and the derives and serde conversion that differ between the two.
    fn enum_view(&self, name: &str, values: &[EnumValue], open: bool, integer: bool) -> EnumView {
        let mut names = Namespace::default();
        let variants: Vec<VariantView> = values
            .iter()
            .map(|v| {
                let source = match (v.name.trim().is_empty(), integer, v.value.strip_prefix('-')) {
                    (false, _, _) => v.name.clone(),
                    (true, false, _) => v.value.clone(),
                    (true, true, Some(negative)) => format!("Minus {negative}"),
                    (true, true, None) => format!("Value {}", v.value),
                };
                let (value, attrs) = if integer {
                    (v.value.clone(), Vec::new())
                } else {
                    (literal(&v.value), vec![format!("#[serde(rename = {})]", literal(&v.value))])
                };
                VariantView {
                    name: names.claim(&ident::variant_name_in(&source, name)),
                    value,
                    docs: vec![doc_line(&format!("The value {}.", rustdoc::code_span(&v.value)))],
                    attrs,
                }
            })
            .collect();
        let unknown = open.then(|| VariantView {
            name: names.claim("Unknown"),
            value: String::new(),
            docs: vec![doc_line("A value the doc did not list, kept as received.")],
            attrs: if integer { Vec::new() } else { vec!["#[serde(untagged)]".into()] },
        });
        let int_type = self.scope.primitive("i64");
        let mut docs = self.model_docs(&[]);
        let mut attrs;
        if integer {
            attrs = self.type_attrs(&format!("{STD_DERIVES}, Copy, Eq, Hash, {SERDE_DERIVES}"));
            let from = if open { "from" } else { "try_from" };
            attrs.push(format!("#[serde({from} = {}, into = {})]", literal(&int_type), literal(&int_type)));
            docs.push(doc_line(""));
            docs.push(doc_line("Sent as a JSON integer."));
        } else {
            attrs = self.type_attrs(&format!("{STD_DERIVES}, Eq, Hash, {SERDE_DERIVES}"));
            if open {
                // Read through `From<String>` rather than serde's untagged catch-all, which
                // buffers every value and costs rustc a tenth of the whole crate's time.
                attrs.push(format!("#[serde(from = {})]", literal(&self.scope.string())));
            }
        }
        let impl_attrs = if self.model.deprecated { vec!["#[allow(deprecated)]".to_string()] } else { Vec::new() };
        attrs.extend(impl_attrs.iter().cloned());
        EnumView {
            name: name.to_string(),
            docs,
            attrs,
            variants,
            unknown,
            impl_attrs,
            string_type: self.scope.string(),
            int_type,
            str_type: self.scope.primitive("str"),
            parse_error: self.names.parse_error_path(&self.model.folders),
            name_literal: literal(name.trim_start_matches("r#")),
        }
    }

    /// An untagged enum of the members, ordered by [`specificity`](Self::specificity) so that serde tries the
    /// narrowest first. A union whose members are all objects told apart by a constant field
    /// is read by that field instead, and keeps an object with any other value whole.
    fn union_view(&self, name: &str, members: &[Member]) -> UnionView {
        let tags = crate::ir::discriminator(members, |id| self.models.get(id).copied());
        let mut order: Vec<(usize, &Member)> = members.iter().enumerate().collect();
        if tags.is_none() {
            order.sort_by_key(|(_, m)| self.specificity(&m.ty));
        }
        let mut names = Namespace::default();
        let mut variants: Vec<MemberView> = order
            .iter()
            .map(|(i, m)| {
                let wanted = m.name.clone().unwrap_or_else(|| self.member_name(&m.ty));
                let ty = self.rust_type(&m.ty);
                MemberView {
                    name: names.claim(&ident::variant_name(&wanted)),
                    docs: vec![doc_line(&format!("A {}.", rustdoc::code_span(&ty)))],
                    ty,
                    tag: tags.as_ref().map(|(_, values)| literal(&values[*i])),
                    from: false,
                }
            })
            .collect();
        let mut attrs = self.type_attrs(&format!("{STD_DERIVES}{}, {SERDE_DERIVES}", self.eq_hash()));
        let (note, tag) = match &tags {
            Some((key, _)) => {
                variants.push(MemberView {
                    name: names.claim("Unknown"),
                    ty: VALUE.to_string(),
                    docs: vec![doc_line("A member the doc did not list, kept as received.")],
                    tag: None,
                    from: false,
                });
                // Deserialize is written out: it dispatches on the tag.
                attrs = self.type_attrs(&format!("{STD_DERIVES}, ::serde::Serialize"));
                let note = format!(
                    "The members are objects told apart by their {} field; an object with another value of it is kept whole in `Unknown`.",
                    rustdoc::code_span(key)
                );
                (note, Some(literal(key)))
            }
            None => {
                ("Deserializing tries the members in the order listed here, most specific first.".to_string(), None)
            }
        };
        attrs.push("#[serde(untagged)]".into());
        let mut impl_attrs = Vec::new();
        if self.model.deprecated || members.iter().any(|m| self.refers_to_deprecated(&m.ty)) {
            attrs.push("#[allow(deprecated)]".into());
            impl_attrs.push("#[allow(deprecated)]".to_string());
        }
        // `From` for each member type that one variant alone holds (not the catch-all).
        let member_count = members.len();
        let types: Vec<String> = variants.iter().map(|v| v.ty.clone()).collect();
        for variant in variants.iter_mut().take(member_count) {
            variant.from = types.iter().filter(|t| **t == variant.ty).count() == 1;
        }
        UnionView { name: name.to_string(), docs: self.model_docs(&[note]), attrs, variants, tag, impl_attrs }
    }

    /// Where a member goes in an untagged enum: serde takes the first member that accepts
    /// the JSON, so narrower types go before the types that would also accept their values.
    /// Constants, then booleans, closed integer enums, integers, floats, then strings of a
    /// shape (closed string enums, dates), objects (more required fields first: an object
    /// with fewer would also accept theirs, dropping keys), other unions, lists, plain
    /// strings and open string enums, maps, and any JSON last. Doc order breaks ties.
    fn specificity(&self, ty: &Type) -> (u8, i64) {
        match ty {
            Type::Nullable { inner } => self.specificity(inner),
            Type::Const { .. } => (0, 0),
            Type::Bool => (1, 0),
            Type::Int32 | Type::Int64 => (3, 0),
            Type::Float32 | Type::Float64 => (4, 0),
            Type::Number => (5, 0),
            Type::DateTime | Type::Date => (6, 1),
            Type::List { item } => (10, i64::from(self.specificity(item).0)),
            Type::String | Type::Bytes => (11, 0),
            Type::Map { value } => (12, i64::from(self.specificity(value).0)),
            Type::Any | Type::Stream | Type::HttpResponse | Type::Custom { .. } => (13, 0),
            Type::Ref { target } => match self.models.get(target.id.as_str()).map(|m| &m.kind) {
                Some(ModelKind::Enum { integer: true, open: false, .. }) => (2, 0),
                Some(ModelKind::Enum { integer: true, open: true, .. }) => (3, -1),
                Some(ModelKind::Enum { open: false, .. }) => (6, 0),
                Some(ModelKind::Enum { open: true, .. }) => (11, -1),
                Some(ModelKind::Object { fields, .. }) => {
                    let required = fields.iter().filter(|f| f.required && !f.catch_all).count();
                    (7, -i64::try_from(required).unwrap_or(i64::MAX))
                }
                Some(ModelKind::Union { .. }) => (8, 0),
                Some(ModelKind::Opaque { .. }) | None => (13, 0),
            },
        }
    }

    /// A variant name for a member the doc does not name, as Speakeasy's SDKs name them:
    /// `Str`, `Integer`, `Number`, `Boolean`, `ArrayOfFive`, `MapOfAny`, or the model's name.
    fn member_name(&self, ty: &Type) -> String {
        match ty {
            Type::String | Type::Bytes => "Str".into(),
            Type::Bool => "Boolean".into(),
            Type::Int32 | Type::Int64 => "Integer".into(),
            Type::Float32 | Type::Float64 | Type::Number => "Number".into(),
            Type::DateTime => "DateTime".into(),
            Type::Date => "Date".into(),
            Type::Any | Type::Stream | Type::HttpResponse => "Any".into(),
            Type::Const { value } => value.text(),
            Type::Custom { name } => name.clone(),
            Type::List { item } => format!("ArrayOf{}", self.member_name(item)),
            Type::Map { value } => format!("MapOf{}", self.member_name(value)),
            Type::Nullable { inner } => self.member_name(inner),
            Type::Ref { target } => self
                .names
                .types
                .get(&target.id)
                .map_or_else(|| "Model".into(), |(n, _)| n.trim_start_matches("r#").to_string()),
        }
    }

    /// The types that hold one const value each, for the model's const fields and members.
    fn const_views(&self) -> Vec<ConstView> {
        let mut seen = BTreeSet::new();
        let mut views = Vec::new();
        for (_, ty) in labelled_types(self.model) {
            for value in consts_in(ty) {
                let Some(name) = self.names.consts.get(&(self.model.id.clone(), value.clone())) else { continue };
                if !seen.insert(name.clone()) {
                    continue;
                }
                views.push(ConstView {
                    name: name.clone(),
                    docs: vec![doc_line(&format!(
                        "Exactly {}: any other value is a deserialization error.",
                        rustdoc::code_span(&value.text())
                    ))],
                    attrs: vec![const_derives(value)],
                    variant: ident::variant_name(&const_label(value)),
                    value: literal(&value.text()),
                    primitive: const_primitive(value),
                });
            }
        }
        views
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

    fn option(&self, inner: &str) -> String {
        format!("{}<{inner}>", self.scope.option())
    }

    fn refers_to_deprecated(&self, ty: &Type) -> bool {
        match ty {
            Type::Ref { target } => self.deprecated.contains(target.id.as_str()),
            _ => ty.inner().is_some_and(|inner| self.refers_to_deprecated(inner)),
        }
    }

    fn rust_type(&self, ty: &Type) -> String {
        if let Some(rust) = self.rules.scalar_type(ty) {
            return rust.to_string();
        }
        match ty {
            Type::String | Type::Bytes => self.scope.string(),
            Type::Bool => self.scope.primitive("bool"),
            Type::Int32 => self.scope.primitive("i32"),
            Type::Int64 => self.scope.primitive("i64"),
            Type::Float32 => self.scope.primitive("f32"),
            Type::Float64 => self.scope.primitive("f64"),
            Type::DateTime => "::chrono::DateTime<::chrono::FixedOffset>".into(),
            Type::Date => "::chrono::NaiveDate".into(),
            Type::Any | Type::Stream | Type::HttpResponse => VALUE.into(),
            Type::Number => "::serde_json::Number".into(),
            Type::Const { value } => match self.names.consts.get(&(self.model.id.clone(), value.clone())) {
                Some(name) => name.clone(),
                None => self.scope.string(),
            },
            Type::List { item } => format!("{}<{}>", self.scope.name("Vec", "::std::vec::Vec"), self.rust_type(item)),
            Type::Map { value } => {
                format!("{}<{}, {}>", self.rules.map_type(), self.scope.string(), self.rust_type(value))
            }
            Type::Nullable { inner } => self.option(&self.rust_type(inner)),
            Type::Custom { name } => self.rules.doc_type(name).unwrap_or(VALUE).to_string(),
            Type::Ref { target } => {
                let path =
                    self.names.type_path(&self.model.folders, &target.id, &self.models[target.id.as_str()].folders);
                if target.boxed { format!("{}<{path}>", self.scope.name("Box", "::std::boxed::Box")) } else { path }
            }
        }
    }
}

const VALUE: &str = "::serde_json::Value";

/// Whether a struct's `Serialize` and `Deserialize` are written out rather than derived: in
/// compact mode, unless a field flattens the keys the doc does not list (only serde's derive
/// buffers the rest of an object) or the struct has no field.
fn writes_serde(model: &Model, mode: SerdeImpls) -> bool {
    let ModelKind::Object { fields, keep_unknown } = &model.kind else { return false };
    let has_fields = fields.iter().any(|f| !f.ty.is_plumbing());
    let flattens = *keep_unknown || fields.iter().any(|f| f.catch_all);
    mode == SerdeImpls::Compact && has_fields && !flattens
}

/// How the written-out impls read and write `field` (named `name` in Rust).
fn serde_field(field: &Field, name: &str) -> SerdeFieldView {
    let presence = match (field.required, field.nullable) {
        (true, _) => "required",
        (false, false) => "optional",
        (false, true) => "nullable",
    };
    SerdeFieldView { name: name.to_string(), key: literal(&field.wire_name), presence }
}

/// Each field's or member's type with the name a const type for it is named after.
fn labelled_types(model: &Model) -> Vec<(String, &Type)> {
    match &model.kind {
        ModelKind::Object { fields, .. } => fields.iter().map(|f| (f.name.clone(), &f.ty)).collect(),
        // A member the doc does not name is labelled by its value (`AtFalse`).
        ModelKind::Union { members } => members
            .iter()
            .map(|m| {
                let label = m.name.clone().or_else(|| consts_in(&m.ty).first().map(|v| const_label(v)));
                (label.unwrap_or_default(), &m.ty)
            })
            .collect(),
        ModelKind::Enum { .. } | ModelKind::Opaque { .. } => Vec::new(),
    }
}

/// The derives of a const type: serde's for a string, whose one variant serde renames to
/// it; the others' serde impls are written out, since serde renames only to strings.
fn const_derives(value: &Literal) -> String {
    match value {
        Literal::String(_) => {
            format!("#[derive({STD_DERIVES}, Copy, Eq, Hash, PartialOrd, Ord, Default, {SERDE_DERIVES})]")
        }
        Literal::Bool(_) | Literal::Integer(_) => {
            format!("#[derive({STD_DERIVES}, Copy, Eq, Hash, PartialOrd, Ord, Default)]")
        }
    }
}

/// How a boolean or integer const is written and read; `None` for a string.
fn const_primitive(value: &Literal) -> Option<ConstPrimitiveView> {
    let (ty, serialize, unexpected) = match value {
        Literal::String(_) => return None,
        Literal::Bool(_) => ("bool", "serialize_bool", "Bool"),
        Literal::Integer(_) => ("i64", "serialize_i64", "Signed"),
    };
    Some(ConstPrimitiveView {
        ty: ty.into(),
        value: value.to_string(),
        serialize: serialize.into(),
        accepts: match value {
            Literal::Bool(true) => "value".into(),
            Literal::Bool(false) => "!value".into(),
            _ => format!("value == {value}"),
        },
        unexpected: format!("::serde::de::Unexpected::{unexpected}(value)"),
        expected: literal(&format!("`{value}`")),
    })
}

/// A const's value as words for a name: its text, a negative integer's sign spelled out
/// (`-1` → `minus 1`) so that `1` and `-1` name different things.
fn const_label(value: &Literal) -> String {
    match value {
        Literal::Integer(i) if *i < 0 => format!("minus {}", i.unsigned_abs()),
        _ => value.text(),
    }
}

/// The const values in a type, outermost first.
fn consts_in(ty: &Type) -> Vec<&Literal> {
    let mut found = Vec::new();
    let mut next = Some(ty);
    while let Some(ty) = next {
        if let Type::Const { value } = ty {
            found.push(value);
        }
        next = ty.inner();
    }
    found
}

fn deprecated_attr(note: Option<&str>) -> String {
    match note {
        Some(note) => format!("#[deprecated(note = {})]", literal(note)),
        None => "#[deprecated]".into(),
    }
}

fn field_docs(field: &Field) -> Vec<String> {
    let mut lines = field.description.as_deref().map(rustdoc::description).unwrap_or_default();
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
