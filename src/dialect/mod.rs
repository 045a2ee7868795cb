//! Dialect type parsing: each SDK generator spells types its own way in the Type column.
//! A dialect turns one raw Type cell into an IR [`Type`](crate::ir::Type) plus the
//! optional/nullable wrapper the cell shows.

pub mod java;

use crate::ir::{Link, Type};

/// The wrapper a Type cell puts around the whole type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    /// No wrapper shown.
    None,
    /// May be absent, never `null` (`Optional<T>`).
    Optional,
    /// May be absent or `null` (`JsonNullable<T>`).
    Nullable,
}

/// A parsed Type cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellType {
    /// The value type; `Ref` targets are the link's URL as written.
    pub ty: Type<Link>,
    /// The wrapper around it.
    pub wrapper: Wrapper,
}

/// A problem in a Type cell, with a byte range relative to the cell's start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeError {
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: String,
    /// Byte range within the cell.
    pub range: std::ops::Range<usize>,
}
