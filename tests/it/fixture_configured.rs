//! The `configured` golden fixture: type overrides, closed enums, another map type, extra
//! derives and attributes, and a user template, compiled and checked against JSON.

#![deny(warnings)]

#[allow(dead_code)]
mod models {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/configured/expected/mod.rs"));
}

use models::{Color, Invoice, Payload};
use serde_json::json;

#[test]
fn overrides_take_effect() {
    let input = json!({"number": "A-1", "total": 12.5, "issued_at": "not parsed as a date", "lines": {"a": 1}, "color": "red", "discount": 0.25});
    let invoice: Invoice = serde_json::from_value(input.clone()).unwrap();
    let total: serde_json::Number = invoice.total.clone();
    assert_eq!(total.as_f64(), Some(12.5));
    let lines: Option<Option<std::collections::HashMap<String, i64>>> = invoice.lines.clone();
    assert_eq!(lines.flatten().unwrap()["a"], 1);
    let discount: Option<f64> = invoice.discount;
    assert_eq!(discount, Some(0.25));
    assert_eq!(serde_json::to_value(&invoice).unwrap(), input);
}

/// The config gives `Invoice` serde's derives and a serde attribute, which they honour.
#[test]
fn a_serde_attribute_from_the_config_is_honoured() {
    let input = json!({"number": "A-1", "total": 1, "issued_at": "x", "unlisted": true});
    let error = serde_json::from_value::<Invoice>(input).unwrap_err().to_string();
    assert!(error.starts_with("unknown field `unlisted`"), "{error}");
}

#[test]
fn closed_enums_reject_unknown_values_and_take_extra_derives() {
    assert!(serde_json::from_value::<Color>(json!("blue")).is_err());
    assert!(Color::Red < Color::Green, "PartialOrd and Ord come from the config");
    let copy = Color::Red;
    let _also = copy;
    assert_eq!(copy.as_str(), "red");
    // Closed: parsing an unlisted value fails, naming it.
    assert_eq!("green".parse::<Color>(), Ok(Color::Green));
    let error = "blue".parse::<Color>().unwrap_err();
    assert_eq!((error.enum_name, error.value.as_str()), ("Color", "blue"));
    assert_eq!(error.to_string(), "`blue` is not a value of Color");
    assert_eq!(Color::Red.to_string(), "red");
}

#[test]
fn the_template_override_is_used() {
    let payload: Payload = serde_json::from_value(json!([1, 2])).unwrap();
    assert_eq!(payload.into_inner(), json!([1, 2]));
}
