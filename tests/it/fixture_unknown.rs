//! The `unknown` golden fixture: `keep_unknown_fields = true`, a wire-name override and the
//! default exclusion of operation wrappers, compiled and checked against JSON.

#![deny(warnings)]

#[allow(dead_code)]
mod models {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/unknown/expected/mod.rs"));
}

use models::components::GetThingResponse;
use serde_json::{Value, json};

fn round_trip(input: &Value) -> Value {
    let model: GetThingResponse = serde_json::from_value(input.clone()).unwrap();
    serde_json::to_value(&model).unwrap()
}

#[test]
fn unknown_keys_survive_a_round_trip() {
    let cases = [
        json!({"status_code": 200}),
        json!({"status_code": 200, "_raw": {"a": 1}, "unknown_fields": "named field", "new": [1, 2], "z": null}),
    ];
    for input in cases {
        assert_eq!(round_trip(&input), input);
    }
    let model: GetThingResponse = serde_json::from_value(json!({"status_code": 1, "new": true})).unwrap();
    assert_eq!(model.unknown_fields_2.get("new"), Some(&json!(true)));
}

#[test]
fn the_override_renames_raw_and_operation_wrappers_are_excluded() {
    let model: GetThingResponse = serde_json::from_value(json!({"status_code": 1, "_raw": "r"})).unwrap();
    assert_eq!(model.raw, Some(json!("r")));
    // Only UploadResponse is in operations/: the excluded docs have no type. The plumbing
    // fields of the included one are left out.
    let upload: models::operations::UploadResponse =
        serde_json::from_value(json!({"content_type": "a/b", "other": 1})).unwrap();
    assert_eq!(serde_json::to_value(&upload).unwrap(), json!({"content_type": "a/b", "other": 1}));
}
