//! The integration tests, one crate (one link step) with a module per feature:
//!
//! | module | what it holds to |
//! | --- | --- |
//! | `cli` | the `mdschema` command as a user runs it: exit codes, messages, flags, `--keep-going` |
//! | `corpus` | the real SDK docs of `$MDSCHEMA_CORPUS`: every doc generates, compiles and round-trips |
//! | `corpus_launchdarkly` | LaunchDarkly's seven languages against the spec: facts and payload round trips |
//! | `corpus_openapi` | the openapi-generator docs of the corpus: every folder generates in its language and compiles |
//! | `derives` | which derives each type gets, and which structs write their serde impls out |
//! | `doc_sets` | sets of docs that link to each other, broken ones among them |
//! | `enum_errors` | enums' parse errors |
//! | `fixture_*` | each golden fixture compiled under `deny(warnings)` and read on the wire |
//! | `golden` | each fixture generates exactly its `expected` files (`EXPECTORATE=overwrite`) |
//! | `hostile_inputs` | hostile and broken docs: errors with places, never a panic |
//! | `incremental` | unchanged runs, one changed doc, the stamp and the manifest |
//! | `json_schema` | the JSON Schema export |
//! | `merge` | several dialects of one API merged |
//! | `merge_vendor` | one API in four openapi-generator languages and Speakeasy, merged with no config |
//! | `openapi_spec` | (helper) an OpenAPI spec as ground truth: facts, `[wire_names]`, payloads |
//! | `properties` | property tests over generated docs |
//! | `readme` | the README's examples |
//! | `roundtrip` | JSON round trips of the checked-in `generated/` models |
//!
//! Proptest regressions are kept in one place, `proptest-regressions/` at the crate root.

mod cli;
mod common;
mod corpus;
mod corpus_launchdarkly;
mod corpus_openapi;
mod derives;
mod doc_sets;
mod enum_errors;
mod fixture_configured;
mod fixture_dialects;
mod fixture_hostile;
mod fixture_models;
mod fixture_openapi;
mod fixture_unions;
mod fixture_unknown;
mod golden;
mod hostile_inputs;
mod incremental;
mod json_schema;
mod merge;
mod merge_vendor;
mod openapi_spec;
mod properties;
mod readme;
mod roundtrip;
