//! The JSON Schema export: for each golden fixture, the document is valid draft 2020-12
//! (checked against the meta-schema by a maintained validator) and equals its golden file
//! (`tests/fixtures/<case>/schema.json`; `EXPECTORATE=overwrite` updates it). Payloads of the
//! `unions` fixture validate as the generated Rust models accept them, and payloads broken in
//! one fact do not.

use std::path::Path;

use serde_json::{Value, json};

fn export(case: &str) -> Value {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case).join("schemas");
    let mut config = mdschema::Config::new();
    config.schemas_dir(&schemas);
    let loaded = config.load().unwrap_or_else(|e| panic!("{case}: {e}"));
    let text = config.json_schema(&loaded).unwrap();
    expectorate::assert_contents(schemas.with_file_name("schema.json"), &text);
    serde_json::from_str(&text).unwrap()
}

/// A validator for the model at `path` (`components.Holder`) of the exported document.
fn validator(document: &Value, path: &str) -> jsonschema::Validator {
    let mut schema = document.clone();
    schema["$ref"] = json!(format!("#/$defs/{path}"));
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_fixture_exports_a_valid_draft_2020_12_document() {
    for case in ["models", "hostile", "unions", "typescript", "python", "go", "csharp"] {
        let document = export(case);
        assert_eq!(document["$schema"], "https://json-schema.org/draft/2020-12/schema");
        if let Err(error) = jsonschema::meta::validate(&document) {
            panic!("{case}: not a valid JSON Schema: {error}");
        }
        for path in document["$defs"].as_object().unwrap().keys() {
            validator(&document, path);
        }
    }
}

#[test]
fn payloads_validate_and_broken_ones_do_not() {
    let document = export("unions");
    let holder = validator(&document, "components.Holder");
    let accepted = [
        json!({"version": "v1"}),
        json!({"version": "v1", "scalar": 5, "shape": {"x": 1, "width": 2}, "tree": {"children": ["a"]}}),
        json!({"version": "v1", "option": [{"id": "a", "option_type": "simple"}, {"id": "n", "option_type": "new-kind"}]}),
        json!({"version": "v1", "stream": 99, "priority": 10, "code": "1", "nested": {"a": {"b": {"x": 1}}}, "go": [null]}),
        json!({"version": "v1", "an_unlisted_key": [1, 2]}),
    ];
    for payload in &accepted {
        let errors: Vec<String> = holder.iter_errors(payload).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{payload}: {errors:?}");
    }
    let rejected = [
        (json!({}), "a missing required key"),
        (json!({"version": "v2"}), "another value of a constant"),
        (json!({"version": "v1", "stream": "1"}), "a string for an integer enum"),
        (json!({"version": "v1", "code": 1}), "an integer for a string enum"),
        (
            json!({"version": "v1", "option": [{"id": "a", "option_type": "simple", "extra": 1}, {"option_type": "simple"}]}),
            "a tagged member without its required id",
        ),
        (json!({"version": "v1", "scalar": {}}), "a value of no member"),
        (json!({"version": "v1", "option": [{"id": 7, "option_type": "simple"}]}), "a wrong scalar type"),
        (json!({"version": "v1", "stream": 1.5}), "a float for an integer enum"),
        (json!({"version": null}), "null in a non-nullable field"),
    ];
    for (payload, why) in &rejected {
        assert!(!holder.is_valid(payload), "{why}: {payload} validated");
    }
    // `Shape` has a map member: any object is one, as it is for the Rust enum.
    assert!(validator(&document, "components.Shape").is_valid(&json!({"x": "one"})));
    let level = validator(&document, "components.Level");
    assert!(level.is_valid(&json!(1)) && !level.is_valid(&json!(3)), "a closed integer enum");
}

#[test]
fn the_cli_writes_the_same_document() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unions");
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("schema.json");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_mdschema"))
        .arg("schema")
        .arg(fixture.join("schemas"))
        .arg("--out")
        .arg(&file)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), std::fs::read_to_string(fixture.join("schema.json")).unwrap());
}
