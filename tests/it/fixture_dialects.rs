//! Compiles the golden fixture of each doc dialect under `deny(warnings)` and checks what each
//! dialect's presence rule promises on the wire (README, "Presence per dialect").

#![deny(warnings)]

#[allow(dead_code, deprecated)]
mod typescript {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/typescript/expected/mod.rs"));
}
#[allow(dead_code, deprecated)]
mod python {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/python/expected/mod.rs"));
}
#[allow(dead_code, deprecated)]
mod go {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/go/expected/mod.rs"));
}
#[allow(dead_code, deprecated)]
mod csharp {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/csharp/expected/mod.rs"));
}
#[allow(dead_code, deprecated)]
mod older {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/older/expected/mod.rs"));
}

use serde_json::{Value, json};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(input: &Value) -> Result<Value, String> {
    let model: T = serde_json::from_value(input.clone()).map_err(|e| e.to_string())?;
    Ok(serde_json::to_value(&model).unwrap())
}

fn with(mut base: Value, key: &str, value: Value) -> Value {
    base.as_object_mut().unwrap().insert(key.to_string(), value);
    base
}

fn without(mut base: Value, key: &str) -> Value {
    base.as_object_mut().unwrap().remove(key);
    base
}

#[test]
fn typescript_numbers_keep_integers_and_floats_exactly() {
    use typescript::components::Pet;
    let pet = json!({"id": "p1", "weight": 7});
    assert_eq!(round_trip::<Pet>(&pet), Ok(pet.clone()), "an integer stays an integer");
    for (key, value) in [
        ("weight", json!(4.5)),
        ("chip_number", json!(9_007_199_254_740_993_u64)),
        ("big_id", json!(-12)),
        ("grid", json!([[1, 2.5], []])),
        ("scores", json!([{"a": 1, "b": 0.25}])),
        ("kind", json!("pet")),
        ("status", json!("sold out")),
        ("status", json!("a|b")),
        ("status", json!("not listed: the enum is open")),
        ("owner", json!({"name": "Ann", "best": {"id": "p2", "weight": 1}})),
        ("tag_ids", json!({"ids": ["x"]})),
        ("born", json!("2021-03-04T05:06:07+02:00")),
        ("birthday", json!("2021-03-04")),
    ] {
        let input = with(pet.clone(), key, value);
        assert_eq!(round_trip::<Pet>(&input), Ok(input.clone()), "{key}");
    }
    // Optional rows are tri-state: the doc cannot say whether `null` is sent.
    let null = with(pet.clone(), "vaccinated", Value::Null);
    assert_eq!(round_trip::<Pet>(&null), Ok(null.clone()));
    // Required rows are plain.
    assert!(round_trip::<Pet>(&with(pet.clone(), "id", Value::Null)).is_err());
    assert!(round_trip::<Pet>(&without(pet, "id")).is_err());
}

#[test]
fn python_wrappers_decide_presence() {
    use python::Pet;
    let pet =
        json!({"id": "p1", "age": 3, "owner_id": null, "updated_at": "2020-09-30T07:43:32Z", "best_friend": null});
    assert_eq!(round_trip::<Pet>(&pet), Ok(pet.clone()));
    // `Nullable[T]` required: `null` is kept, absence is an error.
    assert!(round_trip::<Pet>(&without(pet.clone(), "owner_id")).is_err());
    assert!(round_trip::<Pet>(&without(pet.clone(), "best_friend")).is_err());
    // `OptionalNullable[T]`: absent, null and a value all round-trip.
    for value in [Value::Null, json!(4.5)] {
        let input = with(pet.clone(), "weight", value);
        assert_eq!(round_trip::<Pet>(&input), Ok(input.clone()));
    }
    for (key, value) in [
        ("nickname", json!("Rex")),
        ("friends", json!([null, {"name": "Ann"}])),
        ("notes", json!(["a", null])),
        ("by_name", json!({"a": null, "b": {"name": "Bo"}})),
        ("rows", json!([{"k": [1, null]}])),
        ("flags", json!({"a": 1, "b": "x", "c": true})),
        ("born", json!("2020-09-30")),
        ("status", json!("sold out")),
        // `from_` in the doc is the JSON key `from`.
        ("from", json!("shelter")),
        ("some_unlisted_key", json!({"kept": true})),
    ] {
        let input = with(pet.clone(), key, value);
        assert_eq!(round_trip::<Pet>(&input), Ok(input.clone()), "{key}");
    }
    // The swapped labels: `[date]` holds a date-time, `[datetime]` a date.
    assert!(round_trip::<Pet>(&with(pet.clone(), "updated_at", json!("2020-09-30"))).is_err());
    assert!(round_trip::<Pet>(&with(pet, "born", json!("2020-09-30T07:43:32Z"))).is_err());
}

#[test]
fn go_pointers_are_nullable_and_required_keeps_its_meaning() {
    use go::components::Pet;
    let pet = json!({"id": "p1", "age": 3, "owner_id": null, "updated_at": "2021-03-04T05:06:07Z"});
    assert_eq!(round_trip::<Pet>(&pet), Ok(pet.clone()));
    // `*string` required: `null` is kept, absence is an error.
    assert!(round_trip::<Pet>(&without(pet.clone(), "owner_id")).is_err());
    // A required non-pointer is plain.
    assert!(round_trip::<Pet>(&with(pet.clone(), "updated_at", Value::Null)).is_err());
    for (key, value) in [
        ("nickname", Value::Null),
        ("nickname", json!("Rex")),
        ("legacy", json!("old")),
        ("big", json!(123_456_789_012_u64)),
        ("friends", json!([null, {"name": "Ann"}])),
        ("notes", json!([null, "x"])),
        ("keeper", json!({"name": "Kim"})),
        ("born", json!("2021-03-04")),
        ("labels", json!({"a": ["b"]})),
    ] {
        let input = with(pet.clone(), key, value);
        assert_eq!(round_trip::<Pet>(&input), Ok(input.clone()), "{key}");
    }
    let error = json!({"status_code": 404, "message": null});
    assert_eq!(round_trip::<go::apierrors::NotFound>(&error).map(|v| v["message"].clone()), Ok(Value::Null));
}

#[test]
fn csharp_optional_rows_are_tri_state_and_value_suffixes_are_undone() {
    use csharp::components::{Owner, Pet};
    let pet = json!({"id": "p1", "age": 3, "updated_at": "2021-03-04T05:06:07Z"});
    assert_eq!(round_trip::<Pet>(&pet), Ok(pet.clone()));
    for (key, value) in [
        ("weight", Value::Null),
        ("counts", json!([1, 9_007_199_254_740_993_i64])),
        ("nested", json!({"a": {"b": [1]}})),
        ("status_value", json!("x")),
        ("keeper", json!({"name": "Kim", "owner": "Kim"})),
    ] {
        let input = with(pet.clone(), key, value);
        assert_eq!(round_trip::<Pet>(&input), Ok(input.clone()), "{key}");
    }
    // C# renamed the property `Owner` of class `Owner` to `OwnerValue`; the JSON key is `owner`.
    let owner = json!({"name": "Ann", "owner": "Bo"});
    assert_eq!(round_trip::<Owner>(&owner), Ok(owner.clone()));
}

#[test]
fn boolean_and_integer_literals_are_exactly_their_value() {
    use older::python::models::shared::ChatRequest;
    let base = json!({"model": "m", "strict": true, "n": 1});
    assert_eq!(round_trip::<ChatRequest>(&base), Ok(base.clone()));
    for (key, value) in [
        ("stream", json!(false)),
        ("n", Value::Null),
        ("offset", json!(-1)),
        ("offset", Value::Null),
        ("role", json!("user")),
        ("level", json!("high")),
    ] {
        let input = with(base.clone(), key, value);
        assert_eq!(round_trip::<ChatRequest>(&input), Ok(input.clone()), "{key}");
    }
    for (key, value) in [
        ("stream", json!(true)),
        ("strict", json!(false)),
        ("n", json!(2)),
        ("n", json!(1.5)),
        ("n", json!("1")),
        ("offset", json!(1)),
        ("role", json!("admin")),
    ] {
        let input = with(base.clone(), key, value.clone());
        assert!(round_trip::<ChatRequest>(&input).is_err(), "{key} = {value} must be rejected");
    }
    assert!(round_trip::<ChatRequest>(&without(base.clone(), "strict")).is_err(), "a required const is required");
    // The Rust value writes the literal back.
    let request = ChatRequest::new("m".into(), Default::default(), None);
    assert_eq!(serde_json::to_value(&request).unwrap(), json!({"model": "m", "strict": true, "n": null}));
}

#[test]
fn union_members_headed_by_scalars_literals_and_bare_model_names() {
    use older::python::models::shared::At;
    use older::typescript::models::shared::{NullableOneOfSchemaPostJSON, When};
    for (input, variant) in [
        (json!("2023-01-01T00:00:00Z"), "DateTime"),
        (json!("2023-01-01"), "Date"),
        (json!(false), "False"),
        (json!(7), "Integer"),
        (json!({"start": 1, "end": 2}), "Window"),
    ] {
        let at: At = serde_json::from_value(input.clone()).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert!(format!("{at:?}").starts_with(variant), "{input} read as {at:?}");
        assert_eq!(serde_json::to_value(&at).unwrap(), input);
    }
    assert!(serde_json::from_value::<At>(json!(true)).is_err(), "only `false` is a member");
    for input in [json!(true), json!(7), json!("2023-01-01T00:00:00Z")] {
        assert_eq!(round_trip::<When>(&input), Ok(input.clone()));
    }
    for input in [json!({"type": "obj1", "value": "a"}), json!({"type": "obj2", "value": "b"})] {
        let payload: NullableOneOfSchemaPostJSON = serde_json::from_value(input.clone()).unwrap();
        assert!(!matches!(payload, NullableOneOfSchemaPostJSON::Unknown(_)), "{input} is a listed member");
        assert_eq!(serde_json::to_value(&payload).unwrap(), input);
    }
}

#[test]
fn raw_responses_of_older_generators_are_left_out() {
    use older::python::models::shared::CreateChatResponse;
    use older::typescript::models::errors::NotFound;
    use older::typescript::models::operations::GetFlagsResponse;
    let response = json!({"contentType": "application/json", "statusCode": 200});
    assert_eq!(round_trip::<GetFlagsResponse>(&response), Ok(response.clone()));
    assert_eq!(round_trip::<NotFound>(&json!({})), Ok(json!({})), "the required raw response is not a key");
    let response = json!({"content_type": "application/json", "status_code": 200});
    assert_eq!(round_trip::<CreateChatResponse>(&response), Ok(response.clone()));
}
