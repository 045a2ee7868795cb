//! mdschema reads the markdown model docs that SDK generators publish and generates Rust
//! serde models from them.
//!
//! # Example
//!
//! From a crate's build script, into `OUT_DIR` (the crate then has
//! `include!(concat!(env!("OUT_DIR"), "/mod.rs"));` in a module):
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), mdschema::Error> {
//!     mdschema::Config::new()
//!         .schemas_dir("schemas")
//!         .emit_rerun_if_changed(true)
//!         .generate()?;
//!     Ok(())
//! }
//! ```
//!
//! [`Config`] is the whole interface: where the docs and the code are, how to read them
//! ([`Config::dialect`], [`Config::keep_going`], [`Config::serde_impls`]) and the runs
//! ([`Config::generate`], [`Config::check`], [`Config::load`] for the [`ir`],
//! [`Config::render`] for the files in memory). Problems are [`Diagnostic`]s with a
//! [`Location`]; a run that stops returns an [`Error`].
//!
//! # The pipeline
//!
//! One private module per stage, each with one job: `read` (the folders' docs, from disk) →
//! `markdown` (doc tables with source spans) → `dialect` (what differs between SDK doc
//! dialects, one file each) → `lower` (the IR, [`ir::Schema`], links as written) →
//! `resolve` (links, cycles) → `merge` (several dialects of one API) — orchestrated by
//! `load` — then `view` (the Rust view model) → `render` (templates, formatting) →
//! `generate` (the incremental run) → `output` (files on disk). `config` is mdschema.toml;
//! `builder` is [`Config`]. The IR is public: the contract between the stages and what
//! `mdschema ir` prints.

#![warn(missing_docs)]

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
pub use config::SerdeImpls;
pub use diag::{Diagnostic, Error, Location, Severity, WarningCode, render_warnings};
pub use output::Changes;
pub use render::RenderedFile;
