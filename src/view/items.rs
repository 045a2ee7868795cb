//! The view model's types: what each template receives as `item`, every string in it ready
//! to print.

use serde::Serialize;

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
    /// For an untagged union of several objects, its `Deserialize` written out: first the
    /// members that know every key of the object, then every variant in order, so that a
    /// member that would drop keys is never taken for one that keeps them.
    pub choice: Option<MemberChoiceView>,
    /// The error when no member accepts the JSON, as a string literal.
    pub no_match: String,
    /// Attributes on the `impl` blocks.
    pub impl_attrs: Vec<String>,
}

/// How an untagged union of objects picks its member.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct MemberChoiceView {
    /// The path to the serde support module, whose `member` reads each one.
    pub support: String,
    /// The object members, in order.
    pub fits: Vec<FitView>,
}

/// An object member of a union, and the JSON keys it knows.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct FitView {
    /// The variant's name.
    pub variant: String,
    /// The member's JSON keys, quoted.
    pub keys: Vec<String>,
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
