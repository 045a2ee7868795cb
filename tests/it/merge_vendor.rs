//! One vendor's API in openapi-generator's TypeScript, Go, Java and Ruby docs, and in a
//! Speakeasy SDK's (`tests/fixtures/vendor`), merged with no config: every fact from the
//! language that states it; the merged tree generates exactly `expected/models.rs`, which is
//! compiled here and round-trips JSON no single language's types would.

#![deny(warnings)]

use std::path::{Path, PathBuf};

use mdschema::ir::{Field, Model, ModelKind, Type};
use serde_json::{Value, json};

use crate::common::{fields, model};

#[allow(dead_code)]
mod vendor {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/vendor/expected/models.rs"));
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vendor")
}

fn merged(languages: &[&str]) -> mdschema::Config {
    let mut config = mdschema::Config::new();
    config.schemas_dirs(languages.iter().map(|l| fixture().join(l))).single_file("models.rs");
    config
}

const LANGUAGES: [&str; 4] = ["typescript", "go", "java", "ruby"];

fn field<'m>(model: &'m Model, wire_name: &str) -> &'m Field {
    fields(model).iter().find(|f| f.wire_name == wire_name).unwrap_or_else(|| panic!("no key {wire_name}"))
}

#[test]
fn each_fact_comes_from_the_language_that_states_it() {
    let loaded = merged(&LANGUAGES).load().unwrap();
    let conflicts: Vec<_> =
        loaded.warnings.iter().filter(|w| w.code == Some(mdschema::WarningCode::MergeConflict)).collect();
    assert!(conflicts.is_empty(), "{conflicts:#?}");
    let pet = model(&loaded, "Pet");
    assert_eq!(pet.provenance.len(), 4, "{:?}", pet.provenance);
    // TypeScript's names are the keys: `_links` and `petName`, which Go (`Links`, `PetName`),
    // Java (`links`) and Ruby (`pet_name`) spell their own way.
    let keys: Vec<&str> = fields(pet).iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(keys, ["id", "petName", "_links", "status", "born", "nickname", "shape"]);
    assert!(fields(pet).iter().all(|f| f.wire_name_stated));
    // Go's integer width over TypeScript's `number`, its date over TypeScript's string, its
    // `NullableString` over the others' silence.
    assert_eq!(field(pet, "id").ty, Type::Int64);
    assert_eq!(field(pet, "born").ty, Type::DateTime);
    let nickname = field(pet, "nickname");
    assert_eq!((nickname.required, nickname.nullable), (false, true));
    let links = field(pet, "_links");
    assert_eq!((links.required, links.nullable), (false, false), "Go states it is never null");
    // Java's inline enum over everyone's string.
    let Type::Ref { target } = &field(pet, "status").ty else { panic!("status is no enum") };
    assert!(matches!(model(&loaded, "PetStatusEnum").kind, ModelKind::Enum { .. }), "{target:?}");
    // Ruby's union over the flattened object of the others; `kind`, which no member has, stays
    // beside it.
    let shape = model(&loaded, "PetShape");
    let names: Vec<&str> = fields(shape).iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["kind", "member"]);
    assert!(fields(shape)[1].catch_all);
    assert!(matches!(model(&loaded, "PetShapeMember").kind, ModelKind::Union { ref members } if members.len() == 2));
}

#[test]
fn a_stated_key_wins_whichever_language_comes_first() {
    let loaded = merged(&["go", "typescript"]).load().unwrap();
    let pet = model(&loaded, "Pet");
    let links = fields(pet).iter().find(|f| f.name == "Links").expect("Go's name, Go being first");
    assert_eq!(links.wire_name, "_links");
    assert!(links.provenance["wire_name"].ends_with("typescript"), "{:?}", links.provenance);
}

#[test]
fn the_merged_tree_is_the_golden_file() {
    let config = merged(&LANGUAGES);
    let files = config.render(&config.load().unwrap()).unwrap();
    assert_eq!(files.len(), 1);
    expectorate::assert_contents(fixture().join("expected/models.rs"), &files[0].contents);
}

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(input: &Value) -> Result<Value, String> {
    let model: T = serde_json::from_value(input.clone()).map_err(|e| e.to_string())?;
    Ok(serde_json::to_value(&model).unwrap())
}

#[test]
fn the_merged_types_round_trip_what_each_language_alone_cannot() {
    let pet = json!({
        "id": 9_007_199_254_740_993_i64,
        "petName": "Rex",
        "_links": {"self": {"href": "/pets/1"}},
        "status": "sold",
        "born": "2021-03-04T05:06:07+02:00",
        "nickname": null,
        "shape": {"kind": "round", "radius": 1.5},
    });
    assert_eq!(round_trip::<vendor::Pet>(&pet), Ok(pet.clone()));
    let square = json!({"kind": "square", "side": 3});
    assert_eq!(round_trip::<vendor::PetShape>(&square), Ok(square.clone()));
    let shape: vendor::PetShape = serde_json::from_value(square).unwrap();
    assert!(matches!(shape.member, vendor::PetShapeMember::Square(_)));
    // Neither member: rejected, as the spec's oneOf would.
    assert!(round_trip::<vendor::PetShape>(&json!({"kind": "blob"})).is_err());
}

#[test]
fn speakeasy_and_openapi_generator_docs_of_one_api_merge() {
    for order in [["typescript", "speakeasy"], ["speakeasy", "typescript"]] {
        let loaded = merged(&order).load().unwrap();
        let pets: Vec<&Model> = loaded.schema.models.iter().filter(|m| m.title == "Pet").collect();
        assert_eq!(pets.len(), 1, "{order:?}: one `Pet`");
        let pet = pets[0];
        assert_eq!(pet.provenance.len(), 2, "{order:?}: {:?}", pet.provenance);
        // Only the Speakeasy doc lists `weight`; only openapi-generator's, `_links`.
        assert!(fields(pet).iter().any(|f| f.wire_name == "weight"), "{order:?}");
        assert!(fields(pet).iter().any(|f| f.wire_name == "_links"), "{order:?}");
    }
}

#[test]
fn a_union_keeps_its_own_fields_though_its_members_come_later() {
    // The first folder has only the flattened `PetShape`; Ruby's members (`Square` after
    // `PetShape` in its folder) are new to the merge when the union meets the object.
    let first = tempfile::tempdir().unwrap();
    std::fs::copy(fixture().join("typescript/PetShape.md"), first.path().join("PetShape.md")).unwrap();
    let mut config = mdschema::Config::new();
    config.schemas_dirs([first.path().to_path_buf(), fixture().join("ruby")]);
    let loaded = config.load().unwrap();
    let names: Vec<&str> = fields(model(&loaded, "PetShape")).iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["kind", "member"]);
}
