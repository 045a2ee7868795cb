//! mdschema reads the markdown model docs that SDK generators publish and generates Rust
//! serde models from them.
//!
//! The pipeline, one private module per stage: `load` (files) → `markdown` (doc tables with
//! spans) → `dialect` (what differs between SDK doc dialects) → `lower` (the IR,
//! [`ir::Schema`], links as written) → `resolve` (links, cycles) → `view` (Rust view model) →
//! `render` (templates, formatting) → `output` (files on disk). [`Config`] runs it; the IR is
//! public, the contract between the stages and what `mdschema ir` prints.
//!
//! # Example
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), mdschema::Error> {
//!     mdschema::Config::new()
//!         .schemas_dir("schemas")
//!         .out_dir("src/generated")
//!         .generate()?;
//!     Ok(())
//! }
//! ```

mod builder;
mod cache;
mod config;
mod diag;
mod dialect;
mod generate;
mod ident;
pub mod ir;
mod json_schema;
mod load;
mod lower;
mod markdown;
mod merge;
mod output;
mod read;
mod render;
mod resolve;
mod rustdoc;
mod single_file;
mod source;
mod view;

pub use builder::Config;
pub use generate::Report;
pub use load::Loaded;

/// The names of the doc dialects mdschema reads (`java`, `typescript`, …), in the order
/// detection breaks ties: what mdschema.toml's `dialect`, `--dialect` and
/// [`Config::dialect`] take.
pub fn dialect_names() -> Vec<&'static str> {
    dialect::names()
}
pub use config::{EnumValues, Rules, SerdeImpls, WireCase};
pub use diag::{Diagnostic, Error, Location, Severity, WarningCode, render_warnings};
pub use output::Changes;
pub use render::RenderedFile;
