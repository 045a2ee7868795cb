//! Compiles the openapi-generator golden fixture (one folder per language) under
//! `deny(warnings)` and reads JSON through it: each language's names, presence and shapes.

#![deny(warnings)]

#[allow(dead_code, deprecated)]
mod openapi {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/openapi/expected/mod.rs"));
}

use serde_json::{Value, json};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(input: &Value) -> Result<Value, String> {
    let model: T = serde_json::from_value(input.clone()).map_err(|e| e.to_string())?;
    Ok(serde_json::to_value(&model).unwrap())
}

#[test]
fn go_keeps_nullability_and_pascal_names() {
    use openapi::go::Pet;
    let pet = json!({"Id": 1, "Name": "Rex", "Nickname": null, "Grid": [[1, 2]], "Status": "sold out"});
    assert_eq!(round_trip::<Pet>(&pet), Ok(pet.clone()), "NullableString keeps null");
    assert!(round_trip::<Pet>(&json!({"Id": 1})).is_err(), "Name is required");
    assert!(round_trip::<Pet>(&json!({"Id": 1, "Name": "R", "Status": "lost"})).is_ok(), "enums are open");
    // `[default to "available"]` on a field of the enum's type: the enum's `Default`.
    assert_eq!(openapi::go::Status::default(), openapi::go::Status::Available);
}

#[test]
fn typescript_names_are_keys_and_reserved_words_come_back() {
    use openapi::typescript::Pet;
    let pet = json!({"id": 7, "default": true, "_links": {"self": {"href": "/p"}}, "extra": {"a": [1]}});
    assert_eq!(round_trip::<Pet>(&pet), Ok(pet.clone()));
}

#[test]
fn python_prior_reads_none_type_and_the_catch_all() {
    use openapi::python_prior::Pet;
    let pet = json!({"id": 1, "name": null, "born": null, "attrs": {"a": null, "b": 1}, "other": "kept"});
    assert_eq!(round_trip::<Pet>(&pet), Ok(pet.clone()));
    // A model that is its one `value` row: the bare value, an enum or a list.
    use openapi::python_prior::{Names, Region};
    assert_eq!(round_trip::<Region>(&json!("eu-west-1")), Ok(json!("eu-west-1")));
    assert_eq!(serde_json::from_value::<Region>(json!("us-east-1")).unwrap(), Region::UsEast1);
    assert_eq!(round_trip::<Names>(&json!(["a", "b"])), Ok(json!(["a", "b"])));
}

#[test]
fn ruby_one_of_is_a_union() {
    use openapi::ruby::{Pet, Shape};
    let square = json!({"side": 2.0, "rounded": true});
    let shape: Shape = serde_json::from_value(square.clone()).unwrap();
    assert!(matches!(shape, Shape::Square(_)), "{shape:?}");
    assert_eq!(serde_json::to_value(&shape).unwrap(), square);
    let pet = json!({"id": 1, "shape": {"radius": 1.5}, "attrs": {"a": [1, "x"]}});
    assert_eq!(round_trip::<Pet>(&pet), Ok(pet.clone()));
}

#[test]
fn rust_option_on_a_required_field_is_nullable() {
    use openapi::rust::{Pet, Shape};
    let pet = json!({"type": "dog", "nickname": null, "status": "sold", "shape": "red"});
    assert_eq!(round_trip::<Pet>(&pet), Ok(pet.clone()));
    assert!(round_trip::<Pet>(&json!({"type": "dog"})).is_err(), "nickname is required, if nullable");
    assert!(matches!(serde_json::from_value::<Shape>(json!({"name": "t"})).unwrap(), Shape::Tag(_)));
}

#[test]
fn rust_option_alone_in_a_doc_without_notes_may_be_absent() {
    // Fastly's Rust templates write no `[optional]` in model docs: `Option<` marks it.
    use openapi::rust::Bucket;
    for bucket in [json!({"name": "b"}), json!({"name": "b", "region": null, "tags": ["x"]})] {
        assert_eq!(round_trip::<Bucket>(&bucket), Ok(bucket.clone()));
    }
    assert!(round_trip::<Bucket>(&json!({"region": "eu"})).is_err(), "name is required");
}

#[test]
fn inline_enums_become_enums_of_their_own() {
    use openapi::java::{Pet, PetModeEnum};
    let pet: Pet = serde_json::from_value(json!({"id": 1, "name": "n", "mode": "agent"})).unwrap();
    assert_eq!(pet.mode, Some(Some(PetModeEnum::Agent)), "Java's `## Enum: ModeEnum` table");
    let rust: openapi::rust::Pet =
        serde_json::from_value(json!({"type": "t", "nickname": null, "status": "sold"})).unwrap();
    assert_eq!(rust.status, Some(openapi::rust::PetStatus::Sold), "Rust's `(enum: available, sold)`");
}

#[test]
fn the_other_languages_read_their_shapes() {
    let java = json!({"id": 1, "name": "n", "mode": "agent", "labels": {"a": 1}, "born": "2020-01-01T00:00:00Z"});
    assert_eq!(round_trip::<openapi::java::Pet>(&java), Ok(java.clone()));
    let csharp = json!({"Id": 1, "Vaccinated": null, "Born": null, "Uuid": "x"});
    assert_eq!(round_trip::<openapi::csharp::Pet>(&csharp), Ok(csharp.clone()));
    let javascript = json!({"id": 1.5, "tags": ["a"], "labels": {"x": [1]}, "friends": [{"name": "f"}]});
    assert_eq!(round_trip::<openapi::javascript::Pet>(&javascript), Ok(javascript.clone()));
    let php = json!({"id": 1, "born": "2020-01-01", "owners": [{"name": "o"}], "labels": {"a": null}});
    assert_eq!(round_trip::<openapi::php::model::Pet>(&php), Ok(php.clone()));
    // An empty Properties table: any JSON, a string as well as an object.
    assert_eq!(round_trip::<openapi::php::model::Kind>(&json!("dog")), Ok(json!("dog")));
    let python = json!({"id": 1, "from": "x", "kind": "cat", "scores": {"a": [1.5]}, "born": "2020-01-01"});
    assert_eq!(round_trip::<openapi::python::Pet>(&python), Ok(python.clone()));
}
