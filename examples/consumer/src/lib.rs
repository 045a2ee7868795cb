//! Models generated from `schemas/` by mdschema in `build.rs`.

#![deny(warnings)]

/// The generated models.
pub mod models {
    include!(concat!(env!("OUT_DIR"), "/mod.rs"));
}
