//! The schema IR: plain serde data, the contract between the reading stages and the
//! generating stages. `mdschema ir` prints it as JSON.

use serde::{Deserialize, Serialize};

use crate::source::Span;

/// Every model read from one schemas folder, sorted by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    /// The models, sorted by [`Model::id`].
    pub models: Vec<Model>,
}

/// One model doc.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// The doc's path relative to the schemas folder without `.md` (`components/Credentials`).
    pub id: String,
    /// The doc's path relative to the schemas folder (`components/Credentials.md`).
    pub source: String,
    /// The folders leading to the doc, as written on disk (`["components"]`).
    pub folders: Vec<String>,
    /// The title, without deprecation marks.
    pub title: String,
    /// Where the title is in the doc.
    pub title_span: Span,
    /// The title was struck through.
    pub deprecated: bool,
    /// Why, when the doc says (its `DEPRECATED` note).
    pub deprecation_note: Option<String>,
    /// The description paragraphs, as markdown.
    pub description: Option<String>,
    /// What the model is.
    pub kind: ModelKind,
}

/// The shape of a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ModelKind {
    /// A JSON object with named fields.
    Object {
        /// The fields, in doc order.
        fields: Vec<Field>,
        /// Keep JSON keys that no field names, so that they survive a round trip.
        keep_unknown: bool,
    },
    /// A string enum.
    Enum {
        /// The known values, in doc order.
        values: Vec<EnumValue>,
        /// Unknown values are accepted and kept.
        open: bool,
    },
    /// The doc names the model but does not describe its shape (Java union docs): any JSON.
    Opaque,
}

/// One field of an object model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// The name as the doc means it (dialect escapes such as Java's `private_` undone).
    pub name: String,
    /// The JSON key.
    pub wire_name: String,
    /// The value type.
    pub ty: Type,
    /// A missing key is an error.
    pub required: bool,
    /// `null` is a value distinct from absence.
    pub nullable: bool,
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
    /// Where the row is in the doc.
    pub span: Span,
    /// Where the type cell is in the doc.
    pub type_span: Span,
}

/// A value type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Type {
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
    /// Binary data sent as a base64 string.
    Bytes,
    /// A raw byte stream (not JSON): SDK plumbing.
    Stream,
    /// An HTTP response object: SDK plumbing.
    HttpResponse,
    /// A JSON array.
    List {
        /// The item type.
        item: Box<Type>,
    },
    /// A JSON object with arbitrary string keys.
    Map {
        /// The value type.
        value: Box<Type>,
    },
    /// A value that may be `null` (used inside collections).
    Nullable {
        /// The non-null type.
        inner: Box<Type>,
    },
    /// A type the doc names and the config maps to Rust (`[types]`).
    Custom {
        /// The name as the doc writes it.
        name: String,
    },
    /// Another model.
    Ref {
        /// The target model's id.
        target: String,
        /// Stored behind a pointer because it is part of a cycle of direct containment.
        boxed: bool,
    },
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

impl Type {
    /// Whether values of this type are SDK plumbing rather than JSON.
    pub fn is_plumbing(&self) -> bool {
        match self {
            Type::Stream | Type::HttpResponse => true,
            Type::List { item: inner } | Type::Map { value: inner } | Type::Nullable { inner } => inner.is_plumbing(),
            _ => false,
        }
    }
}
