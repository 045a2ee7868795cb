//! Compiles the `unions` golden fixture under `deny(warnings)` and round-trips every variant
//! of its unions (untagged, nested, recursive, discriminated with an unknown member), its
//! integer enums (open and closed) and its constants. Where serde's untagged enums depend on
//! variant order, a hand-written enum in the wrong order shows the data it would lose.

#![deny(warnings)]

#[allow(dead_code, deprecated)]
mod models {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/unions/expected/mod.rs"));
}

use models::components::{
    Code, GoVal, Holder, HolderVersion, Level, LinkRequest, Meaning, Nested, Priority, Scalar, Shape, SimpleOption,
    StreamType, Tree,
};
use serde_json::{Value, json};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(input: &Value) -> Result<Value, String> {
    let model: T = serde_json::from_value(input.clone()).map_err(|e| e.to_string())?;
    Ok(serde_json::to_value(&model).unwrap())
}

fn same<T: serde::Serialize + serde::de::DeserializeOwned>(input: Value) {
    assert_eq!(round_trip::<T>(&input), Ok(input.clone()), "{input}");
}

#[test]
fn scalar_members_keep_integers_floats_strings_and_lists() {
    for input in [json!(5), json!(-9_007_199_254_740_993_i64), json!(5.5), json!(true), json!("x"), json!(["a", "b"])] {
        same::<Scalar>(input);
    }
    assert!(matches!(serde_json::from_value(json!(5)).unwrap(), Scalar::Integer(5)));
    // `From` each member type.
    assert_eq!(serde_json::to_value(Scalar::from(5_i64)).unwrap(), json!(5));
    assert_eq!(serde_json::to_value(Scalar::from(String::from("x"))).unwrap(), json!("x"));
    assert_eq!(serde_json::to_value(Tree::from(String::from("leaf"))).unwrap(), json!("leaf"));
    // A list of an unknown enum value is no `Vec<Status>` (closed): it is rejected, not mangled.
    assert!(round_trip::<Scalar>(&json!(["zzz"])).is_err());
}

#[test]
fn the_wrong_order_loses_data() {
    // What the ordering rule prevents: floats before integers, laxer objects first.
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(untagged)]
    enum FloatFirst {
        Number(f64),
        Integer(i64),
    }
    assert_eq!(round_trip::<FloatFirst>(&json!(5)), Ok(json!(5.0)));
    assert_eq!(round_trip::<FloatFirst>(&json!(9_007_199_254_740_993_i64)), Ok(json!(9_007_199_254_740_992.0)));

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(untagged)]
    enum LaxFirst {
        Point(models::components::Point),
        Box(models::components::Box),
    }
    let a_box = json!({"x": 1, "width": 2});
    assert_eq!(round_trip::<LaxFirst>(&a_box), Ok(json!({"x": 1})), "the point drops the width");
    // The generated enum orders them right.
    same::<Shape>(a_box);
    same::<Shape>(json!({"x": 1, "label": "p"}));
    same::<Shape>(json!({"anything": [1, null]}));
    assert!(matches!(serde_json::from_value(json!({"x": 1, "width": 2})).unwrap(), Shape::Box(_)));

    // Each member has one required field, the laxer first: serde's untagged order alone
    // would read keys and a filter as the filter, dropping the keys.
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(untagged)]
    enum FirstThatAccepts {
        ByFilter(models::components::ByFilter),
        ByKeys(models::components::ByKeys),
    }
    let both = json!({"keys": ["a"], "filter": "tag:b", "comment": "c"});
    assert_eq!(round_trip::<FirstThatAccepts>(&both), Ok(json!({"filter": "tag:b", "comment": "c"})));
    // The generated enum takes the member that knows every key, whatever the order.
    same::<LinkRequest>(both.clone());
    assert!(matches!(serde_json::from_value(both).unwrap(), LinkRequest::ByKeys(_)));
    assert!(matches!(serde_json::from_value(json!({"filter": "x"})).unwrap(), LinkRequest::ByFilter(_)));
    // No member knows `other`: the first that accepts it, as serde's untagged order reads it.
    assert!(matches!(serde_json::from_value(json!({"filter": "x", "other": 1})).unwrap(), LinkRequest::ByFilter(_)));
    let error = serde_json::from_value::<LinkRequest>(json!({"comment": "c"})).unwrap_err().to_string();
    assert_eq!(error, "data did not match any variant of untagged enum LinkRequest");
}

#[test]
fn nested_recursive_and_go_unions_round_trip() {
    same::<Nested>(json!({"a": {"b": {"x": 1}}}));
    same::<Nested>(json!([null, {"x": 1, "width": 2}]));
    same::<Nested>(json!(7));
    same::<Tree>(json!("leaf"));
    same::<Tree>(json!({"children": ["a", {"children": [], "first": "b"}], "first": {"children": []}}));
    same::<GoVal>(json!("s"));
    same::<GoVal>(json!(3));
    same::<GoVal>(json!([null, {"x": 2.5}]));
}

#[test]
fn discriminated_members_are_told_apart_and_unknown_ones_kept_whole() {
    let options = json!([
        {"id": "a", "option_type": "simple"},
        {"id": "g", "option_type": "group", "options": [{"id": "b", "option_type": "simple"}]},
        {"id": "n", "option_type": "new-kind", "extra": [1, 2]},
    ]);
    let holder = json!({"version": "v1", "option": options});
    same::<Holder>(holder.clone());
    let parsed: Holder = serde_json::from_value(holder).unwrap();
    let kinds: Vec<&str> = parsed
        .option
        .iter()
        .flatten()
        .flatten()
        .map(|o| match o {
            models::components::Option::SimpleOption(_) => "simple",
            models::components::Option::GroupOption(_) => "group",
            models::components::Option::Unknown(_) => "unknown",
        })
        .collect();
    assert_eq!(kinds, ["simple", "group", "unknown"]);
    // The same with Python's tags, enums of one open value each: the tag still decides.
    let py = json!([
        {"id": "g", "option_type": "group", "options": [{"id": "b", "option_type": "simple"}]},
        {"id": "n", "option_type": "other"},
    ]);
    let parsed: Vec<models::components::PyOption> = serde_json::from_value(py.clone()).unwrap();
    assert!(matches!(parsed[0], models::components::PyOption::PyGroup(_)), "not swallowed by the laxer PySimple");
    assert!(matches!(parsed[1], models::components::PyOption::Unknown(_)));
    assert_eq!(serde_json::to_value(&parsed).unwrap(), py);
    // A group missing its required `id` is an error, not an unknown member.
    assert!(serde_json::from_value::<models::components::PyOption>(json!({"option_type": "group"})).is_err());
    // A simple option with the group's tag is not a simple option.
    assert!(round_trip::<SimpleOption>(&json!({"id": "a", "option_type": "group"})).is_err());
}

#[test]
fn integer_enums_are_json_integers() {
    for value in [1, 2, -3, 99] {
        same::<StreamType>(json!(value));
    }
    assert_eq!(serde_json::from_value::<StreamType>(json!(99)).unwrap(), StreamType::Unknown(99));
    assert_eq!(StreamType::Minus3.value(), -3);
    assert_eq!(i64::from(StreamType::Value2), 2);
    assert_eq!(*StreamType::Minus3.as_ref(), -3);
    assert_eq!(*StreamType::Unknown(99).as_ref(), 99);
    assert!(round_trip::<StreamType>(&json!("1")).is_err(), "the string \"1\" is not the number 1");
    same::<Priority>(json!(10));
    // Bullet lists of meanings before and inside `## Values` do not hide the table.
    assert_eq!(serde_json::from_value::<Meaning>(json!(2)).unwrap(), Meaning::Second);
    // Closed: only the listed integers.
    same::<Level>(json!(2));
    let error = round_trip::<Level>(&json!(3)).unwrap_err();
    assert!(error.contains("`3` is not a value of Level"), "{error}");
    assert_eq!(Level::try_from(1), Ok(Level::Value1));
    // Display and FromStr speak the integer.
    assert_eq!(StreamType::Minus3.to_string(), "-3");
    assert_eq!("99".parse::<StreamType>(), Ok(StreamType::Unknown(99)));
    assert_eq!("2".parse::<Level>(), Ok(Level::Value2));
    let error = "3".parse::<Level>().unwrap_err();
    assert_eq!((error.enum_name, error.value.as_str()), ("Level", "3"));
    assert_eq!(error.to_string(), "`3` is not a value of Level");
    assert_eq!("two".parse::<Level>().unwrap_err().to_string(), "`two` is not a value of Level");
    assert_eq!("two".parse::<StreamType>().unwrap_err().value, "two", "an open integer enum needs an integer");
    let _: &dyn std::error::Error = &error;
    // Quoted values in TypeScript's block: a string enum, even though they look like numbers.
    same::<Code>(json!("1"));
    assert!(round_trip::<Code>(&json!(1)).is_err());
}

#[test]
fn constants_accept_exactly_their_value() {
    assert_eq!(serde_json::to_value(HolderVersion::default()).unwrap(), json!("v1"));
    assert!(round_trip::<Holder>(&json!({"version": "v2"})).is_err());
    assert!(round_trip::<Holder>(&json!({})).is_err(), "a required constant must be sent");
    same::<Holder>(json!({"version": "v1", "scalar": 1.5, "stream": 2, "priority": 0, "code": "2", "go": "g"}));
}
