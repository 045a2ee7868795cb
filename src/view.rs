//! IR → Rust view model: every decision about the generated code (names, type strings,
//! serde attributes, doc lines, escaping) is made here and handed to the templates ready to
//! print. Templates only lay out text.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::ident::{self, Namespace};
use crate::ir::{EnumValue, Field, Model, ModelKind, Schema, Type};
use crate::rules::Rules;
use crate::rustdoc;

/// One generated file, before rendering.
#[derive(Debug, Clone, Serialize)]
pub struct FileView {
    /// Output path relative to the output folder, `/`-separated.
    pub path: String,
    /// The built-in template (or user override) that renders it.
    pub template: &'static str,
    /// The first line of the file.
    pub header: String,
    /// What the template receives as `item`.
    pub item: ItemView,
}

/// The context of one template.
#[derive(Debug, Clone, Serialize)]
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
}

/// A folder's `mod.rs`.
#[derive(Debug, Clone, Serialize)]
pub struct ModuleView {
    /// Sub-folders: each becomes `pub mod name { include!("name/mod.rs"); }`.
    pub modules: Vec<SubmoduleView>,
    /// The model files of this folder, as `include!` path literals.
    pub includes: Vec<String>,
}

/// A sub-module declaration.
#[derive(Debug, Clone, Serialize)]
pub struct SubmoduleView {
    /// Attributes on the `mod` item.
    pub attrs: Vec<String>,
    /// The module's name.
    pub name: String,
    /// The path literal of its `mod.rs`, quoted.
    pub include: String,
}

/// An object model.
#[derive(Debug, Clone, Serialize)]
pub struct StructView {
    /// The type's name.
    pub name: String,
    /// `#[doc = "..."]` lines.
    pub docs: Vec<String>,
    /// Attributes: derives, serde, deprecation.
    pub attrs: Vec<String>,
    /// The fields.
    pub fields: Vec<FieldView>,
}

/// One struct field.
#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    /// The field's Rust name.
    pub name: String,
    /// The field's Rust type.
    pub ty: String,
    /// `#[doc = "..."]` lines.
    pub docs: Vec<String>,
    /// Attributes: serde, deprecation.
    pub attrs: Vec<String>,
}

/// An enum model.
#[derive(Debug, Clone, Serialize)]
pub struct EnumView {
    /// The type's name.
    pub name: String,
    /// `#[doc = "..."]` lines.
    pub docs: Vec<String>,
    /// Attributes: derives, deprecation.
    pub attrs: Vec<String>,
    /// The known values.
    pub variants: Vec<VariantView>,
    /// The catch-all variant holding unknown values, when the enum is open.
    pub unknown: Option<VariantView>,
    /// Attributes on the `impl` block.
    pub impl_attrs: Vec<String>,
    /// The `String` type, as the module can name it.
    pub string_type: String,
    /// The `str` type, as the module can name it.
    pub str_type: String,
}

/// One enum variant.
#[derive(Debug, Clone, Serialize)]
pub struct VariantView {
    /// The variant's name.
    pub name: String,
    /// The wire value as a string literal, quoted.
    pub value: String,
    /// `#[doc = "..."]` lines.
    pub docs: Vec<String>,
    /// Attributes: serde rename.
    pub attrs: Vec<String>,
}

/// A model whose shape the doc does not give: a newtype over any JSON.
#[derive(Debug, Clone, Serialize)]
pub struct OpaqueView {
    /// The type's name.
    pub name: String,
    /// `#[doc = "..."]` lines.
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
        Names { modules, types, scopes }
    }

    /// The path to `target` from inside the module of `from_folders`. `target` is a model of
    /// the schema (no dangling references reach the view) and both folder paths are folders
    /// of its models, so the lookups cannot miss.
    fn type_path(&self, from_folders: &[String], target: &str, target_folders: &[String]) -> String {
        let name = &self.types[target].0;
        if from_folders == target_folders {
            return name.clone();
        }
        let from = &self.modules[from_folders];
        let to = &self.modules[target_folders];
        let mut path: Vec<&str> = if from.is_empty() { vec!["self"] } else { vec!["super"; from.len()] };
        path.extend(to.iter().map(String::as_str));
        path.push(name);
        path.join("::")
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

/// Builds the view of every file to generate, sorted by path.
pub fn build(schema: &Schema, rules: &Rules) -> Vec<FileView> {
    let names = Names::new(schema);
    let deprecated: BTreeSet<&str> = schema.models.iter().filter(|m| m.deprecated).map(|m| m.id.as_str()).collect();
    let folders_of: HashMap<&str, &[String]> =
        schema.models.iter().map(|m| (m.id.as_str(), m.folders.as_slice())).collect();
    let mut files = Vec::new();
    for (folder, module_path) in &names.modules {
        files.push(module_file(schema, &names, folder, module_path));
    }
    for model in &schema.models {
        let scope = &names.scopes[&model.folders];
        let cx = ModelCx { names: &names, scope, rules, deprecated: &deprecated, folders_of: &folders_of, model };
        let (name, stem) = &names.types[&model.id];
        let dir = dir_of(&names.modules[&model.folders]);
        let (template, item) = match &model.kind {
            ModelKind::Object { fields, keep_unknown } => {
                ("struct.rs.tera", ItemView::Struct(cx.struct_view(name, fields, *keep_unknown)))
            }
            ModelKind::Enum { values, open } => ("enum.rs.tera", ItemView::Enum(cx.enum_view(name, values, *open))),
            ModelKind::Opaque => ("opaque.rs.tera", ItemView::Opaque(cx.opaque_view(name))),
        };
        files.push(FileView { path: format!("{dir}{stem}.rs"), template, header: header(&model.source), item });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn dir_of(module_path: &[String]) -> String {
    module_path.iter().map(|m| format!("{m}/")).collect()
}

fn header(source: &str) -> String {
    let source: String = source.chars().flat_map(char::escape_debug).collect();
    format!("// @generated by mdschema from {source}. Do not edit.")
}

fn module_file(schema: &Schema, names: &Names, folder: &[String], module_path: &[String]) -> FileView {
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
        item: ItemView::Module(ModuleView { modules, includes }),
    }
}

struct ModelCx<'a> {
    names: &'a Names,
    scope: &'a Scope,
    rules: &'a Rules,
    deprecated: &'a BTreeSet<&'a str>,
    folders_of: &'a HashMap<&'a str, &'a [String]>,
    model: &'a Model,
}

/// Derive macros live in the macro namespace, which types and modules cannot shadow.
const STD_DERIVES: &str = "Debug, Clone, PartialEq";
const SERDE_DERIVES: &str = "::serde::Serialize, ::serde::Deserialize";

impl ModelCx<'_> {
    fn model_docs(&self, extra: &[String]) -> Vec<String> {
        let mut lines = self.model.description.as_deref().map(rustdoc::description).unwrap_or_default();
        if lines.is_empty() {
            lines = vec![format!("The {} model.", rustdoc::code_span(&self.model.title))];
        }
        for line in extra {
            lines.push(String::new());
            lines.push(line.clone());
        }
        lines.iter().map(|l| doc_attr(l)).collect()
    }

    /// The derive list (built-in derives, then the config's) and the config's attributes.
    fn type_attrs(&self, derives: &str) -> Vec<String> {
        let (extra_derives, extra_attrs) = self.rules.extras(&self.model.source);
        let mut all: Vec<String> = derives.split(", ").map(str::to_string).collect();
        for derive in extra_derives {
            let last_segment = |d: &str| d.rsplit("::").next().unwrap_or(d).trim().to_string();
            if !all.iter().any(|d| last_segment(d) == last_segment(&derive)) {
                all.push(derive);
            }
        }
        let mut attrs = vec![format!("#[derive({})]", all.join(", "))];
        if self.model.deprecated {
            attrs.push(deprecated_attr(self.model.deprecation_note.as_deref()));
        }
        attrs.extend(extra_attrs);
        attrs
    }

    fn struct_view(&self, name: &str, fields: &[Field], keep_unknown: bool) -> StructView {
        let mut field_names = Namespace::default();
        let mut skipped = Vec::new();
        let mut views = Vec::new();
        for field in fields {
            if field.ty.is_plumbing() {
                skipped.push(format!(
                    "The doc's field {} is SDK plumbing, not JSON, and is not generated.",
                    rustdoc::code_span(&field.name)
                ));
                continue;
            }
            views.push(self.field_view(field, &mut field_names));
        }
        if keep_unknown && !fields.iter().any(|f| f.catch_all) {
            views.push(FieldView {
                name: field_names.claim("unknown_fields"),
                ty: format!("{}<{}, {VALUE}>", self.rules.map_type(), self.scope.string()),
                docs: vec![doc_attr("JSON keys the doc does not list, kept so that they survive a round trip.")],
                attrs: vec!["#[serde(flatten)]".into()],
            });
        }
        let mut attrs = self.type_attrs(&format!("{STD_DERIVES}, {SERDE_DERIVES}"));
        let uses_deprecated = fields.iter().any(|f| f.deprecated || self.refers_to_deprecated(&f.ty));
        if uses_deprecated || self.model.deprecated {
            attrs.push("#[allow(deprecated)]".into());
        }
        StructView { name: name.to_string(), docs: self.model_docs(&skipped), attrs, fields: views }
    }

    fn field_view(&self, field: &Field, names: &mut Namespace) -> FieldView {
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
        let mut serde = Vec::new();
        if name.trim_start_matches("r#") != field.wire_name {
            serde.push(format!("rename = {}", literal(&field.wire_name)));
        }
        let skip_none = format!("default, skip_serializing_if = \"{}::is_none\"", self.scope.option());
        let ty = match (field.required, field.nullable) {
            (true, false) => inner,
            (true, true) => {
                // `deserialize_with` makes serde report a missing key instead of reading None.
                serde.push("deserialize_with = \"::serde::Deserialize::deserialize\"".into());
                self.option(&inner)
            }
            (false, false) => {
                serde.push(skip_none);
                self.option(&inner)
            }
            (false, true) => {
                serde.push(format!("{skip_none}, with = \"::serde_with::rust::double_option\""));
                self.option(&self.option(&inner))
            }
        };
        if !serde.is_empty() {
            attrs.insert(0, format!("#[serde({})]", serde.join(", ")));
        }
        FieldView { name, ty, docs: field_docs(field), attrs }
    }

    fn enum_view(&self, name: &str, values: &[EnumValue], open: bool) -> EnumView {
        let mut names = Namespace::default();
        let variants: Vec<VariantView> = values
            .iter()
            .map(|v| {
                let source = if v.name.trim().is_empty() { &v.value } else { &v.name };
                VariantView {
                    name: names.claim(&ident::variant_name_in(source, name)),
                    value: literal(&v.value),
                    docs: vec![doc_attr(&format!("The value {}.", rustdoc::code_span(&v.value)))],
                    attrs: vec![format!("#[serde(rename = {})]", literal(&v.value))],
                }
            })
            .collect();
        let unknown = open.then(|| VariantView {
            name: names.claim("Unknown"),
            value: String::new(),
            docs: vec![doc_attr("A value the doc did not list, kept as received.")],
            attrs: vec!["#[serde(untagged)]".into()],
        });
        let derives = format!("{STD_DERIVES}, Eq, Hash, {SERDE_DERIVES}");
        let mut attrs = self.type_attrs(&derives);
        let impl_attrs = if self.model.deprecated { vec!["#[allow(deprecated)]".to_string()] } else { Vec::new() };
        attrs.extend(impl_attrs.iter().cloned());
        EnumView {
            name: name.to_string(),
            docs: self.model_docs(&[]),
            attrs,
            variants,
            unknown,
            impl_attrs,
            string_type: self.scope.string(),
            str_type: self.scope.primitive("str"),
        }
    }

    fn opaque_view(&self, name: &str) -> OpaqueView {
        let note = "The doc does not describe this model's shape (SDK docs of unions list no members), so it accepts any JSON.".to_string();
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
            // Consts get a type of their own later; today they are the string they hold.
            Type::Const { .. } => self.scope.string(),
            Type::List { item } => format!("{}<{}>", self.scope.name("Vec", "::std::vec::Vec"), self.rust_type(item)),
            Type::Map { value } => {
                format!("{}<{}, {}>", self.rules.map_type(), self.scope.string(), self.rust_type(value))
            }
            Type::Nullable { inner } => self.option(&self.rust_type(inner)),
            Type::Custom { name } => self.rules.doc_type(name).unwrap_or(VALUE).to_string(),
            Type::Ref { target } => {
                let path = self.names.type_path(&self.model.folders, &target.id, self.folders_of[target.id.as_str()]);
                if target.boxed { format!("{}<{path}>", self.scope.name("Box", "::std::boxed::Box")) } else { path }
            }
        }
    }
}

const VALUE: &str = "::serde_json::Value";

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
    lines.iter().map(|l| doc_attr(l)).collect()
}

/// `#[doc = "..."]` with the text as an escaped string literal; rustdoc needs the leading
/// space that `///` would have given.
fn doc_attr(line: &str) -> String {
    if line.is_empty() {
        return "#[doc = \"\"]".to_string();
    }
    format!("#[doc = {}]", literal(&format!(" {}", rustdoc::visible(line))))
}

/// A Rust string literal holding `text` exactly.
pub fn literal(text: &str) -> String {
    format!("{text:?}")
}
