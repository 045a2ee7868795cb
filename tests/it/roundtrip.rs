//! Compiles the checked-in `generated/` model as a module (under `deny(warnings)`) and checks
//! that JSON round-trips exactly: absent, `null` and values, field by field.

#![deny(warnings)]

#[allow(dead_code)]
#[path = "../../generated/mod.rs"]
mod generated;

use generated::Credentials;
use serde_json::{Value, json};

fn round_trip(input: &Value) -> Result<Value, serde_json::Error> {
    let model: Credentials = serde_json::from_value(input.clone())?;
    Ok(serde_json::to_value(&model).expect("a model always serializes"))
}

/// Each case: input JSON, and the JSON expected back (None = same as input).
#[test]
fn every_field_round_trips_absent_null_and_value() {
    let cases: Vec<(Value, Option<Value>)> = vec![
        (json!({}), None),
        (json!({"refresh_token": null}), None),
        (json!({"refresh_token": "r1"}), None),
        (json!({"access_token": "a1"}), None),
        // Optional and not nullable: null reads as absent.
        (json!({"access_token": null}), Some(json!({}))),
        (json!({"issued_at": null}), None),
        (json!({"issued_at": "2020-01-01T00:00:00+02:00"}), None),
        (json!({"issued_at": "2020-01-01T00:00:00Z"}), None),
        // The same instant and offset, spelled as chrono writes a zero offset.
        (json!({"issued_at": "2020-01-01T00:00:00+00:00"}), Some(json!({"issued_at": "2020-01-01T00:00:00Z"}))),
        (json!({"expires_in": null}), None),
        (json!({"expires_in": 3600}), None),
        (json!({"expires_in": 9_007_199_254_740_993_i64}), None),
        (
            json!({"refresh_token": "r", "access_token": "a", "issued_at": "2021-06-30T23:59:59.123-07:00", "expires_in": 0}),
            None,
        ),
        // Unknown keys from a newer server are ignored.
        (json!({"access_token": "a", "new_field": 1}), Some(json!({"access_token": "a"}))),
    ];
    for (input, expected) in cases {
        let output = round_trip(&input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(output, expected.unwrap_or(input.clone()), "{input}");
    }
}

#[test]
fn issued_at_keeps_its_offset() {
    let model: Credentials = serde_json::from_value(json!({"issued_at": "2020-01-01T10:00:00+05:30"})).unwrap();
    let issued_at = model.issued_at.flatten().unwrap();
    assert_eq!(issued_at.offset().local_minus_utc(), 5 * 3600 + 30 * 60);
    assert_eq!(issued_at.to_rfc3339(), "2020-01-01T10:00:00+05:30");
}

#[test]
fn absent_and_null_stay_distinct_in_rust() {
    let absent: Credentials = serde_json::from_value(json!({})).unwrap();
    let null: Credentials = serde_json::from_value(json!({"refresh_token": null})).unwrap();
    let value: Credentials = serde_json::from_value(json!({"refresh_token": "x"})).unwrap();
    assert_eq!(absent.refresh_token, None);
    assert_eq!(null.refresh_token, Some(None));
    assert_eq!(value.refresh_token, Some(Some("x".to_string())));
}

#[test]
fn wrong_json_types_are_rejected() {
    let cases = [
        json!({"refresh_token": 1}),
        json!({"access_token": false}),
        json!({"issued_at": "yesterday"}),
        json!({"issued_at": 1_600_000_000}),
        json!({"expires_in": "3600"}),
        json!({"expires_in": 1.5}),
        json!("credentials"),
        json!(42),
        // Not checked: serde's derived structs also accept a JSON array of field values in
        // declaration order (`[]` reads as all-absent). Known gap, see the README.
    ];
    for input in cases {
        assert!(serde_json::from_value::<Credentials>(input.clone()).is_err(), "{input} was accepted");
    }
}
