//! The schema IR: plain serde data, the contract between the reading stages and the
//! generating stages. `mdschema ir` prints it as JSON.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::source::Span;

/// Every model read from one schemas folder, sorted by id. Every [`ModelRef`] in it names
/// one of its models: [`resolve`](crate) builds it so, and rendering checks it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    /// The models, sorted by [`Model::id`].
    pub models: Vec<Model>,
}

/// A reference to another model as the doc writes it, before resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Link {
    /// A markdown link to the model's doc (`../../models/components/Pet.md`).
    Path {
        /// The link target as written.
        url: String,
    },
    /// A model named by its title, unlinked (TypeScript's `*components.CustomField*`).
    Title {
        /// The model's title.
        title: String,
    },
}

/// A reference to another model after resolution: the id of a model in the same [`Schema`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelRef {
    /// The target model's [`Model::id`].
    pub id: String,
    /// Stored behind a pointer because it is part of a cycle of direct containment.
    pub boxed: bool,
}

/// One model doc. `R` is how it refers to other models: [`Link`] as read, [`ModelRef`] once
/// resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "R: Serialize", deserialize = "R: Deserialize<'de>"))]
pub struct Model<R = ModelRef> {
    /// The doc's path relative to the schemas folder without `.md` (`components/Credentials`).
    pub id: String,
    /// The doc's path relative to the schemas folder (`components/Credentials.md`).
    pub source: String,
    /// The folders leading to the doc, as written on disk (`["components"]`).
    pub folders: Vec<String>,
    /// The title, without deprecation marks.
    pub title: String,
    /// The doc dialect it was read in (`java`, `typescript`, …): for people, no stage after
    /// lowering reads it.
    pub dialect: String,
    /// Where the title is in the doc.
    pub title_span: Span,
    /// The title was struck through.
    pub deprecated: bool,
    /// Why, when the doc says (its `DEPRECATED` note).
    pub deprecation_note: Option<String>,
    /// The description paragraphs, as markdown.
    pub description: Option<String>,
    /// What the model is.
    pub kind: ModelKind<R>,
    /// When several sources are merged: the sources that document the model, first first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provenance: Vec<String>,
}

/// The shape of a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[serde(bound(serialize = "R: Serialize", deserialize = "R: Deserialize<'de>"))]
#[non_exhaustive]
pub enum ModelKind<R = ModelRef> {
    /// A JSON object with named fields.
    Object {
        /// The fields, in doc order.
        fields: Vec<Field<R>>,
        /// Keep JSON keys that no field names, so that they survive a round trip.
        keep_unknown: bool,
    },
    /// An enum of strings or of integers.
    Enum {
        /// The known values, in doc order.
        values: Vec<EnumValue>,
        /// Unknown values are accepted and kept.
        open: bool,
        /// The values are JSON integers (every value parses as an `i64`), not strings.
        integer: bool,
    },
    /// One of several types (`## Supported Types`), tried in [`Member`] order.
    Union {
        /// The member types, as the doc lists them.
        members: Vec<Member<R>>,
    },
    /// The doc names the model but does not describe its shape (Java union docs), or could
    /// not be read and the run was told to keep going: any JSON.
    Opaque {
        /// Why the doc could not be read, when that is why it is any JSON (`keep_going`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unreadable: Option<String>,
    },
}

/// The one value of a const type, as JSON writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Literal {
    /// `true` or `false` (Python's `Literal[True]`).
    Bool(bool),
    /// An integer (`Literal[1]`).
    Integer(i64),
    /// A string (`"simple"`, `Literal["x"]`).
    String(String),
}

impl Literal {
    /// The value as text, unquoted (`true`, `1`, `x`): for names and doc comments.
    pub fn text(&self) -> String {
        match self {
            Literal::String(s) => s.clone(),
            Literal::Bool(b) => b.to_string(),
            Literal::Integer(i) => i.to_string(),
        }
    }

    /// The string, when the literal is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Literal::String(s) => Some(s),
            Literal::Bool(_) | Literal::Integer(_) => None,
        }
    }
}

impl From<&str> for Literal {
    fn from(value: &str) -> Self {
        Literal::String(value.to_string())
    }
}

impl From<bool> for Literal {
    fn from(value: bool) -> Self {
        Literal::Bool(value)
    }
}

impl From<i64> for Literal {
    fn from(value: i64) -> Self {
        Literal::Integer(value)
    }
}

impl std::fmt::Display for Literal {
    /// The value as JSON writes it (`true`, `1`, `"x"`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Integer(i) => write!(f, "{i}"),
            Literal::String(s) => f.write_str(&serde_json::to_string(s).map_err(|_| std::fmt::Error)?),
        }
    }
}

/// One field of an object model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "R: Serialize", deserialize = "R: Deserialize<'de>"))]
pub struct Field<R = ModelRef> {
    /// The name as the doc means it (dialect escapes such as Java's `private_` undone).
    pub name: String,
    /// The JSON key.
    pub wire_name: String,
    /// The JSON key is stated (the doc's name cell is the key, as in openapi-generator's
    /// TypeScript and JavaScript docs, or `[wire_names]` gives it) rather than derived by a
    /// case rule: merging docs lets a stated key win.
    #[serde(default)]
    pub wire_name_stated: bool,
    /// The value type.
    pub ty: Type<R>,
    /// A missing key is an error.
    pub required: bool,
    /// `null` is a value distinct from absence.
    pub nullable: bool,
    /// The doc states `required` and `nullable` outright (a wrapper or pointer) rather than
    /// leaving them to be inferred; merging dialects lets a stated presence win.
    #[serde(default)]
    pub presence_stated: bool,
    /// The field was struck through.
    pub deprecated: bool,
    /// Why, when the doc says (its `DEPRECATED` note).
    pub deprecation_note: Option<String>,
    /// The field is the doc's `additionalProperties` row: a map of every JSON key that no
    /// other field names, flattened into the object.
    pub catch_all: bool,
    /// The description, as markdown.
    pub description: Option<String>,
    /// The example, as text.
    pub example: Option<String>,
    /// The default the doc states (openapi-generator's `[default to X]`), its language's
    /// quotes removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Where the row is in the doc.
    pub span: Span,
    /// Where the type cell is in the doc.
    pub type_span: Span,
    /// When several sources are merged: the source that gave a fact (`type`, `presence`,
    /// `field`) other than the model's first source.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub provenance: BTreeMap<String, String>,
}

/// A value type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[serde(bound(serialize = "R: Serialize", deserialize = "R: Deserialize<'de>"))]
#[non_exhaustive]
pub enum Type<R = ModelRef> {
    /// A JSON string.
    String,
    /// `true` or `false`.
    Bool,
    /// A 32-bit integer.
    Int32,
    /// A 64-bit integer.
    Int64,
    /// A 32-bit float.
    Float32,
    /// A 64-bit float.
    Float64,
    /// An RFC 3339 date-time with offset.
    DateTime,
    /// An ISO 8601 calendar date.
    Date,
    /// Any JSON value.
    Any,
    /// An arbitrary-precision number (`BigDecimal`, `decimal`, `big.Int`).
    Number,
    /// Exactly this value (a const literal such as TypeScript's `*"simple"*` or Python's
    /// `Literal[False]`).
    Const {
        /// The value.
        value: Literal,
    },
    /// Binary data sent as a base64 string.
    Bytes,
    /// A raw byte stream (not JSON): SDK plumbing.
    Stream,
    /// An HTTP response object: SDK plumbing.
    HttpResponse,
    /// A JSON array.
    List {
        /// The item type.
        item: Box<Type<R>>,
    },
    /// A JSON object with arbitrary string keys.
    Map {
        /// The value type.
        value: Box<Type<R>>,
    },
    /// A value that may be `null` (used inside collections).
    Nullable {
        /// The non-null type.
        inner: Box<Type<R>>,
    },
    /// A type the doc names and the config maps to Rust (`[types]`).
    Custom {
        /// The name as the doc writes it.
        name: String,
    },
    /// Another model.
    Ref {
        /// Which model: a [`Link`] as read, a [`ModelRef`] once resolved.
        target: R,
    },
}

/// One member type of a union.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "R: Serialize", deserialize = "R: Deserialize<'de>"))]
pub struct Member<R = ModelRef> {
    /// The SDK's name for the member (Go's and C#'s `Str`, `MapOfAny`, `Two`), if it gives one.
    pub name: Option<String>,
    /// The member's type.
    pub ty: Type<R>,
    /// Where the member is in the doc.
    pub span: Span,
}

/// One value of an enum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumValue {
    /// The constant's name in the doc (`FILTERED_SELECT`).
    pub name: String,
    /// The wire value (`filtered-select`).
    pub value: String,
    /// Where the row is in the doc.
    pub span: Span,
}

/// The tag of a discriminated union: the JSON key of the required field that every member
/// (an object) has, holding one constant — a const literal, or an enum of one string value
/// (Python's and Go's `OptionType`) — distinct in each; with each member's value, in member
/// order. `None` when the members are not told apart so. `model` looks a model up by id.
pub fn discriminator<'m>(
    members: &[Member],
    model: impl Fn(&str) -> Option<&'m Model>,
) -> Option<(String, Vec<String>)> {
    let mut key: Option<&str> = None;
    let mut values: Vec<String> = Vec::new();
    for member in members {
        let Type::Ref { target } = &member.ty else { return None };
        let ModelKind::Object { fields, .. } = &model(&target.id)?.kind else { return None };
        let (field, value) =
            fields.iter().filter(|f| f.required && key.is_none_or(|k| k == f.wire_name)).find_map(|f| {
                let value = match &f.ty {
                    Type::Const { value: Literal::String(value) } => value.clone(),
                    Type::Ref { target } => match &model(&target.id)?.kind {
                        ModelKind::Enum { values, integer: false, .. } if values.len() == 1 => values[0].value.clone(),
                        _ => return None,
                    },
                    _ => return None,
                };
                Some((f, value))
            })?;
        if values.contains(&value) {
            return None;
        }
        key = Some(&field.wire_name);
        values.push(value);
    }
    Some((key?.to_string(), values))
}

/// A model id's folders and its last segment (`components/Pet` → `["components"]`, `Pet`).
pub fn split_id(id: &str) -> (Vec<String>, &str) {
    match id.rsplit_once('/') {
        Some((folders, name)) => (folders.split('/').map(str::to_string).collect(), name),
        None => (Vec::new(), id),
    }
}

impl Schema {
    /// `(model, target)` for every reference that names no model of the schema. A schema
    /// that resolution built has none; rendering refuses one that has.
    pub fn dangling_refs(&self) -> Vec<(&str, &str)> {
        let ids: std::collections::HashSet<&str> = self.models.iter().map(|m| m.id.as_str()).collect();
        self.models
            .iter()
            .flat_map(|m| m.refs().map(move |(_, r)| (m.id.as_str(), r.id.as_str())))
            .filter(|(_, target)| !ids.contains(target))
            .collect()
    }
}

impl<R> Type<R> {
    /// Whether values of this type are SDK plumbing rather than JSON.
    pub fn is_plumbing(&self) -> bool {
        match self {
            Type::Stream | Type::HttpResponse => true,
            _ => self.inner().is_some_and(Type::is_plumbing),
        }
    }

    /// The type inside a list, map or nullable.
    pub fn inner(&self) -> Option<&Type<R>> {
        match self {
            Type::List { item: inner } | Type::Map { value: inner } | Type::Nullable { inner } => Some(inner),
            _ => None,
        }
    }

    /// Every model reference in the type, outermost first.
    pub fn refs(&self) -> impl Iterator<Item = &R> {
        let mut next = Some(self);
        std::iter::from_fn(move || {
            while let Some(ty) = next {
                next = ty.inner();
                if let Type::Ref { target } = ty {
                    return Some(target);
                }
            }
            None
        })
    }

    /// The same type with every reference replaced by `f`'s answer: the one walk that
    /// turns links into resolved references.
    pub fn map_refs<S>(self, f: &mut impl FnMut(R) -> S) -> Type<S> {
        match self {
            Type::String => Type::String,
            Type::Bool => Type::Bool,
            Type::Int32 => Type::Int32,
            Type::Int64 => Type::Int64,
            Type::Float32 => Type::Float32,
            Type::Float64 => Type::Float64,
            Type::DateTime => Type::DateTime,
            Type::Date => Type::Date,
            Type::Any => Type::Any,
            Type::Number => Type::Number,
            Type::Const { value } => Type::Const { value },
            Type::Bytes => Type::Bytes,
            Type::Stream => Type::Stream,
            Type::HttpResponse => Type::HttpResponse,
            Type::Custom { name } => Type::Custom { name },
            Type::List { item } => Type::List { item: Box::new(item.map_refs(f)) },
            Type::Map { value } => Type::Map { value: Box::new(value.map_refs(f)) },
            Type::Nullable { inner } => Type::Nullable { inner: Box::new(inner.map_refs(f)) },
            Type::Ref { target } => Type::Ref { target: f(target) },
        }
    }
}

impl<R> Model<R> {
    /// The same model with every reference replaced by `f`'s answer; `f` also gets where in
    /// the doc the reference is written.
    pub fn map_refs<S>(self, f: &mut impl FnMut(Span, R) -> S) -> Model<S> {
        let kind = match self.kind {
            ModelKind::Object { fields, keep_unknown } => ModelKind::Object {
                fields: fields
                    .into_iter()
                    .map(|field| {
                        let span = field.type_span;
                        Field {
                            ty: field.ty.map_refs(&mut |r| f(span, r)),
                            name: field.name,
                            wire_name: field.wire_name,
                            wire_name_stated: field.wire_name_stated,
                            required: field.required,
                            nullable: field.nullable,
                            presence_stated: field.presence_stated,
                            deprecated: field.deprecated,
                            deprecation_note: field.deprecation_note,
                            catch_all: field.catch_all,
                            description: field.description,
                            example: field.example,
                            default: field.default,
                            span: field.span,
                            type_span: field.type_span,
                            provenance: field.provenance,
                        }
                    })
                    .collect(),
                keep_unknown,
            },
            ModelKind::Enum { values, open, integer } => ModelKind::Enum { values, open, integer },
            ModelKind::Union { members } => ModelKind::Union {
                members: members
                    .into_iter()
                    .map(|m| Member { ty: m.ty.map_refs(&mut |r| f(m.span, r)), name: m.name, span: m.span })
                    .collect(),
            },
            ModelKind::Opaque { unreadable } => ModelKind::Opaque { unreadable },
        };
        Model {
            id: self.id,
            source: self.source,
            folders: self.folders,
            title: self.title,
            dialect: self.dialect,
            title_span: self.title_span,
            deprecated: self.deprecated,
            deprecation_note: self.deprecation_note,
            description: self.description,
            kind,
            provenance: self.provenance,
        }
    }

    /// Every model reference in the model, with where it is written.
    pub fn refs(&self) -> impl Iterator<Item = (Span, &R)> {
        self.types().flat_map(|(span, ty)| ty.refs().map(move |r| (span, r)))
    }

    /// The type of every field or member, to change in place (resolution's boxing).
    pub fn types_mut(&mut self) -> Box<dyn Iterator<Item = &mut Type<R>> + '_> {
        match &mut self.kind {
            ModelKind::Object { fields, .. } => Box::new(fields.iter_mut().map(|f| &mut f.ty)),
            ModelKind::Union { members } => Box::new(members.iter_mut().map(|m| &mut m.ty)),
            ModelKind::Enum { .. } | ModelKind::Opaque { .. } => Box::new(std::iter::empty()),
        }
    }

    /// The type of every field or member, with where it is written.
    pub fn types(&self) -> Box<dyn Iterator<Item = (Span, &Type<R>)> + '_> {
        match &self.kind {
            ModelKind::Object { fields, .. } => Box::new(fields.iter().map(|f| (f.type_span, &f.ty))),
            ModelKind::Union { members } => Box::new(members.iter().map(|m| (m.span, &m.ty))),
            ModelKind::Enum { .. } | ModelKind::Opaque { .. } => Box::new(std::iter::empty()),
        }
    }
}
