//! mdschema.toml: what the docs alone cannot tell, read beside the docs. [`mod@file`] is the
//! file as written ([`FileConfig`]); [`rules`] is it compiled ([`Rules`]), which every later
//! stage asks.

mod file;
mod rules;

pub use file::*;
pub use rules::Rules;
