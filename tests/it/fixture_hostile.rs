//! The `hostile` golden fixture: names that collide, keywords, std-like titles, quotes,
//! `*/`, `#[...]`, control and bidi characters, CRLF and a BOM. It must compile under
//! `deny(warnings)` and keep every JSON key and value exactly.

#![deny(warnings)]

#[allow(dead_code, deprecated)]
mod models {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile/expected/mod.rs"));
}

use models::things;
use serde_json::{Value, json};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(input: &Value) -> Value {
    let model: T = serde_json::from_value(input.clone()).unwrap_or_else(|e| panic!("{input}: {e}"));
    serde_json::to_value(&model).unwrap()
}

#[test]
fn colliding_and_strange_names_keep_their_wire_names() {
    let mut input = json!({"guid": "a", "Guid": "b"});
    let keys = [
        "a-b",
        "a_b",
        "type",
        "self",
        "Self",
        "crate",
        "super",
        "_",
        "1st",
        "$ref",
        "@id",
        "a.b",
        "x[0]",
        "first name",
        "quote\"q",
        "名前",
        "naïve",
        "ctrl",
        "doc",
    ];
    for (i, key) in keys.iter().enumerate() {
        input[key] = json!(format!("value {i}"));
    }
    assert_eq!(round_trip::<things::Names>(&input), input);
    let names: things::Names = serde_json::from_value(input).unwrap();
    assert_eq!((names.guid.as_str(), names.guid_2.as_str()), ("a", "b"));
}

#[test]
fn std_and_derive_named_models_compile_and_work() {
    let id = json!({"id": "x"});
    assert_eq!(round_trip::<things::Some>(&id), id);
    assert_eq!(round_trip::<things::Ok>(&id), id);
    assert_eq!(round_trip::<things::Err>(&id), id);
    assert_eq!(round_trip::<things::None>(&id), id);
    assert_eq!(round_trip::<things::Value>(&id), id);
    assert_eq!(round_trip::<things::Serialize>(&id), id);
    assert_eq!(round_trip::<things::Deserialize>(&id), id);
    assert_eq!(round_trip::<things::Clone>(&id), id);
    assert_eq!(round_trip::<things::Debug>(&id), id);
    assert_eq!(round_trip::<things::PartialEq>(&id), id);
    assert_eq!(round_trip::<things::Default>(&id), id);
    assert_eq!(round_trip::<things::Self_>(&id), id);
    assert_eq!(round_trip::<things::Into>(&id), id);
    assert_eq!(round_trip::<things::From>(&id), id);
    assert_eq!(round_trip::<things::Vec>(&id), id);
}

#[test]
fn crlf_and_bom_docs_are_read() {
    assert_eq!(round_trip::<things::Box>(&json!({"a": "x"})), json!({"a": "x"}));
    assert_eq!(round_trip::<things::Bom>(&json!({"a": "x"})), json!({"a": "x"}));
}

#[test]
#[allow(deprecated)]
fn enum_values_with_quotes_controls_and_collisions_round_trip() {
    for value in ["a-b", "a_b", "Unknown", "Self", "q\"uote\\", "no name", "", "1", "x\u{202e}y", "a\0b", "other"] {
        let parsed: things::EnumEvil = serde_json::from_value(json!(value)).unwrap();
        assert_eq!(parsed.as_str(), value);
        assert_eq!(serde_json::to_value(&parsed).unwrap(), json!(value));
    }
    assert_eq!(serde_json::from_value::<things::EnumEvil>(json!("Unknown")).unwrap(), things::EnumEvil::Unknown);
}

#[test]
fn folders_named_like_crates_do_not_shadow_them() {
    let input = json!({"at": "2020-01-01T00:00:00+01:00", "tags": {"a": ["b"]}, "other": {"id": "x"}});
    assert_eq!(round_trip::<models::serde::Thing>(&input), input);
    assert_eq!(round_trip::<models::core::Thing>(&input), input);
    assert_eq!(round_trip::<models::std::Thing>(&input), input);
    assert_eq!(round_trip::<models::chrono::Thing>(&input), input);
}

#[test]
fn hostile_docs_in_every_dialect_round_trip() {
    use models::dialects::{CsThing, GoThing, PyEnum, PyThing, TsEnum, TsThing};
    let ts = json!({"*/x": "*/", "\"]#[evil]": [{"a": 1, "b": 2.5}], "kind": "*/ \"]#[evil] \\ x", "self": "a|b", "Self": ["", "名前", "x\\y"]});
    assert_eq!(round_trip::<TsThing>(&ts), ts);
    for value in ["*/", "\"]#[evil]", "a|b", "", "Unknown", "名前", "x\\y", "unlisted"] {
        let parsed: TsEnum = serde_json::from_value(json!(value)).unwrap();
        assert_eq!(parsed.as_str(), value);
    }
    let py = json!({"from": "x", "class": null, "*/": "\"]#[evil]", "items": [null, "*/", "-1", "true", "a b/c"], "extra": {"k": [1]}});
    assert_eq!(round_trip::<PyThing>(&py), py);
    assert_eq!(serde_json::from_value::<PyEnum>(json!("true")).unwrap().as_str(), "true");
    // The fixture's `wire_case` is verbatim: Go and C# keys keep their PascalCase.
    let go = json!({"Type": null, "*/": {"k": [null, "v"]}, "Thing": {"Type": "t"}});
    assert_eq!(round_trip::<GoThing>(&go), go);
    let cs = json!({"CsThing": "x", "Impl": {"a": {"b": null}}, "Others": [{"CsThing": "y"}]});
    assert_eq!(round_trip::<CsThing>(&cs), cs);
}
