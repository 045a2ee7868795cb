//! Compiles the `models` golden fixture the way a build script's user includes it (one
//! `include!` of `mod.rs` inside a `mod` block, under `deny(warnings)`), and checks its JSON
//! behaviour: required and nullable fields, enums, recursion, keywords, std-named models.

#![deny(warnings)]

#[allow(dead_code, deprecated)]
mod models {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/models/expected/mod.rs"));
}

/// The same models generated as one file (`single_file`).
#[allow(dead_code, deprecated)]
mod single {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/models/single/models.rs"));
}

/// The same models with serde's derives on every struct.
#[allow(dead_code, deprecated)]
mod derived {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/models/derived/models.rs"));
}

use models::components::{Keywords, Node, Pet, Status};
use serde_json::{Value, json};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(input: &Value) -> Result<Value, String> {
    let model: T = serde_json::from_value(input.clone()).map_err(|e| e.to_string())?;
    Ok(serde_json::to_value(&model).unwrap())
}

fn minimal_pet() -> Value {
    json!({"id": "p1", "owner_id": null, "age": 3, "vaccinated": true, "updated_at": "2020-01-01T00:00:00Z"})
}

fn with(mut base: Value, key: &str, value: Value) -> Value {
    base.as_object_mut().unwrap().insert(key.to_string(), value);
    base
}

#[test]
fn pet_fields_round_trip() {
    let values = [
        ("name", json!("Rex")),
        ("nickname", json!(null)),
        ("nickname", json!("R")),
        ("chip_number", json!(9_007_199_254_740_993_i64)),
        ("weight", json!(4.5)),
        ("ratio", json!(0.5)),
        ("born", json!("2020-02-29")),
        ("born", json!(null)),
        ("extra", json!({"search": ["San Francisco", 1, null]})),
        ("photo", json!("aGVsbG8=")),
        ("tags", json!(["a", "b"])),
        ("tags", json!(null)),
        ("scores", json!([1.5, 2.0])),
        ("labels", json!({"b": 1, "a": {"x": null}})),
        ("headers", json!({"accept": ["a", "b"]})),
        ("status", json!("*")),
        (
            "owner",
            json!({"name": "Ann", "best": {"id": "p2", "owner_id": "o", "age": 1, "vaccinated": false, "updated_at": "2020-01-01T00:00:00-05:00"}}),
        ),
        ("owner", json!(null)),
        (
            "friends",
            json!([{"id": "p3", "owner_id": null, "age": 2, "vaccinated": true, "updated_at": "2020-01-01T00:00:00Z"}]),
        ),
        ("private", json!("secret")),
        ("legacy_id", json!("old")),
    ];
    assert_eq!(round_trip::<Pet>(&minimal_pet()), Ok(minimal_pet()));
    for (key, value) in values {
        let input = with(minimal_pet(), key, value);
        assert_eq!(round_trip::<Pet>(&input), Ok(input.clone()), "{key}");
    }
}

#[test]
fn required_fields_are_required_and_required_nullable_accepts_null() {
    for key in ["id", "owner_id", "age", "vaccinated", "updated_at"] {
        let mut input = minimal_pet();
        input.as_object_mut().unwrap().remove(key);
        let error = round_trip::<Pet>(&input).expect_err(key);
        assert!(error.contains(&format!("missing field `{key}`")), "{key}: {error}");
    }
    let input = with(minimal_pet(), "owner_id", json!("o1"));
    assert_eq!(round_trip::<Pet>(&input), Ok(input.clone()));
    assert!(
        round_trip::<Pet>(&with(minimal_pet(), "id", json!(null))).is_err(),
        "a required, non-nullable field accepts null"
    );
}

#[test]
fn enums_are_open() {
    for value in ["active", "*", "send-letter", "crm.activity.created", "apiKey", "UNKNOWN", "brand-new"] {
        let status: Status = serde_json::from_value(json!(value)).unwrap();
        assert_eq!(status.as_str(), value);
        assert_eq!(serde_json::to_value(&status).unwrap(), json!(value));
    }
    assert_eq!(serde_json::from_value::<Status>(json!("*")).unwrap(), Status::Wildcard);
    assert_eq!(serde_json::from_value::<Status>(json!("brand-new")).unwrap(), Status::Unknown2("brand-new".into()));
    assert!(serde_json::from_value::<Status>(json!(1)).is_err());
}

#[test]
fn recursion_is_boxed_only_where_needed() {
    let input = json!({"value": 1, "parent": {"value": 0, "parent": null}, "children": [{"value": 2, "children": []}]});
    assert_eq!(round_trip::<Node>(&input), Ok(input.clone()));
    let node: Node = serde_json::from_value(input).unwrap();
    let parent: Option<Option<Box<Node>>> = node.parent;
    assert_eq!(parent.flatten().map(|p| p.value), Some(0));
    let children: Option<Option<Vec<Node>>> = node.children;
    assert_eq!(children.flatten().map(|c| c.len()), Some(1));
}

#[test]
fn keyword_fields_and_std_named_models() {
    let input = json!({
        "type": "t", "ref": "r", "self": "s", "async": "a", "crate": "c",
        "list": {"id": "l", "items": [{"id": "l2"}]},
        "option": {"id": "o"}, "result": {"id": "r"}, "string": "a",
        "vec": [{"id": "v"}], "box": {"id": "b"}, "object": {"id": "o"},
        "map": "m", "key": null, "deserializer": "d"
    });
    assert_eq!(round_trip::<Keywords>(&input), Ok(input.clone()));
    let keywords: Keywords = serde_json::from_value(input).unwrap();
    assert_eq!(keywords.r#type, "t");
    assert_eq!(keywords.self_.as_deref(), Some("s"));
    assert_eq!(
        (keywords.map.as_deref(), keywords.key, keywords.deserializer.as_deref()),
        (Some("m"), Some(None), Some("d"))
    );
}

#[test]
fn same_title_in_two_folders_and_opaque_and_empty_models() {
    let input = json!({"code": 400, "cause": {"message": "m"}});
    assert_eq!(round_trip::<models::errors::Detail>(&input), Ok(input.clone()));
    let any = json!({"anything": [1, "two", null]});
    assert_eq!(round_trip::<models::components::Shape>(&any), Ok(any.clone()));
    assert_eq!(round_trip::<models::components::Empty>(&json!({})), Ok(json!({})));
}

#[test]
fn additional_properties_collect_and_write_back_extra_keys() {
    let input = json!({"owner": "o", "x": 1, "nested": {"a": [null]}, "n": 1.5});
    assert_eq!(round_trip::<models::components::Metadata>(&input), Ok(input.clone()));
    let metadata: models::components::Metadata = serde_json::from_value(input).unwrap();
    assert_eq!(metadata.additional_properties.keys().collect::<Vec<_>>(), ["n", "nested", "x"]);
    assert_eq!(metadata.owner.as_deref(), Some("o"));
}

/// Structs' `Serialize` and `Deserialize` are written out (over the root's `serde_support`),
/// not derived: they must read what serde's derive reads and fail where it fails, with the
/// same messages.
#[test]
fn written_out_deserialize_reads_like_serdes_derive() {
    let minimal = minimal_pet().to_string();
    let duplicate = minimal.replacen('{', r#"{"id":"first","#, 1);
    let error = serde_json::from_str::<Pet>(&duplicate).unwrap_err().to_string();
    assert!(error.starts_with("duplicate field `id`"), "{error}");
    let error = serde_json::from_value::<Pet>(json!("pet")).unwrap_err().to_string();
    assert_eq!(error, r#"invalid type: string "pet", expected struct Pet"#);
    // A sequence of field values in field order, as serde's derive reads it.
    let error = serde_json::from_value::<Pet>(json!([1])).unwrap_err().to_string();
    assert_eq!(error, "invalid type: integer `1`, expected a string");
    let error = serde_json::from_value::<Pet>(json!(["p"])).unwrap_err().to_string();
    let derived_error = serde_json::from_value::<derived::components::Pet>(json!(["p"])).unwrap_err().to_string();
    assert_eq!(error, derived_error);
    assert!(error.starts_with("invalid length 3, expected struct Pet with 22 elements"), "{error}");
    // An escaped key is the key it spells; a reader hands keys over as owned strings.
    let escaped = minimal.replacen(r#""id""#, r#""\u0069d""#, 1);
    assert_eq!(serde_json::from_str::<Pet>(&escaped).unwrap(), serde_json::from_value(minimal_pet()).unwrap());
    let read: Pet = serde_json::from_reader(minimal.as_bytes()).unwrap();
    assert_eq!(serde_json::to_value(read).unwrap(), minimal_pet());
    // `null` in an optional field that is not nullable reads as absent; in a nullable one, as `null`.
    assert_eq!(round_trip::<Pet>(&with(minimal_pet(), "name", json!(null))), Ok(minimal_pet()));
    let pet: Pet = serde_json::from_value(with(minimal_pet(), "nickname", json!(null))).unwrap();
    assert_eq!(pet.nickname, Some(None));
    // A value of the wrong type names the field's type, as serde does.
    let error = round_trip::<Pet>(&with(minimal_pet(), "age", json!("three"))).unwrap_err();
    assert!(error.starts_with("invalid type: string \"three\", expected i"), "{error}");
}

/// Methods of the user's own, named like the serde support module's helpers.
#[allow(dead_code)]
impl models::components::Owner {
    const KEYS: u8 = 0;
    fn next_key(&self) {}
    fn read(&self) {}
    fn skip(&self) {}
    fn required(&self) {}
    fn optional(&self) {}
    fn nullable(&self) {}
}

#[test]
fn methods_named_like_the_helpers_do_not_change_reading() {
    let input = json!({"name": "Ann", "best": minimal_pet()});
    assert_eq!(round_trip::<models::components::Owner>(&input), Ok(input.clone()));
    let error = round_trip::<models::components::Owner>(&json!({})).unwrap_err();
    assert_eq!(error, "missing field `name`");
}

#[test]
fn unknown_keys_are_ignored_by_default() {
    let input = with(minimal_pet(), "brand_new", json!({"x": 1}));
    assert_eq!(round_trip::<Pet>(&input), Ok(minimal_pet()));
}

#[test]
fn structs_are_built_with_new_or_default() {
    use models::components::Owner;
    // Required fields are `new`'s arguments, in doc order; every other field is absent.
    let owner = Owner { best: None, ..Owner::new("Ann".into()) };
    assert_eq!(serde_json::to_value(&owner).unwrap(), json!({"name": "Ann"}));
    let pet = Pet::new(
        "p1".into(),
        None,
        3,
        true,
        Some(chrono::DateTime::parse_from_rfc3339("2020-01-01T00:00:00Z").unwrap()),
    );
    assert_eq!(serde_json::to_value(&pet).unwrap(), minimal_pet());
    // A struct whose every field is optional derives `Default`: absent everywhere.
    let empty: Value = serde_json::to_value(models::components::Empty::default()).unwrap();
    assert_eq!(empty, json!({}));
}

#[test]
fn open_enums_display_parse_and_convert_their_wire_values() {
    let status: Status = "send-letter".parse().unwrap();
    assert_eq!(status.to_string(), "send-letter");
    assert_eq!(AsRef::<str>::as_ref(&status), "send-letter");
    // Open: an unlisted value is kept, never an error.
    let other: Status = "brand-new".parse().unwrap();
    assert_eq!(String::from(other), "brand-new");
}

#[test]
fn the_one_file_layout_has_the_same_types_at_the_same_paths() {
    let pet = with(minimal_pet(), "owner", json!({"name": "Ann", "best": minimal_pet()}));
    assert_eq!(round_trip::<single::components::Pet>(&pet), round_trip::<Pet>(&pet));
    assert_eq!(round_trip::<single::components::Pet>(&pet), Ok(pet));
    let detail = json!({"code": 1});
    assert_eq!(round_trip::<single::errors::Detail>(&detail), Ok(detail));
    assert_eq!(single::components::Status::Active.to_string(), Status::Active.to_string());
}

/// What reading `json` as `T` gives: the JSON it writes back and what its `Serialize` tells
/// a serializer, or serde's error message.
fn read_as<T: serde::Serialize + serde::de::DeserializeOwned>(json: &str) -> Result<(Value, StructCalls), String> {
    let model = serde_json::from_str::<T>(json).map_err(|e| e.to_string())?;
    Ok((serde_json::to_value(&model).unwrap(), model.serialize(Recorder).unwrap()))
}

/// What a struct's `Serialize` tells a serializer beyond the JSON it makes: the name and
/// length it announces, and each field written (its value as JSON) or skipped, in order.
/// JSON ignores the length and the skips; other formats do not.
#[derive(Debug, PartialEq)]
struct StructCalls {
    name: &'static str,
    len: usize,
    fields: Vec<(&'static str, Option<Value>)>,
}

/// A serializer that records the calls of a struct's `Serialize` and refuses anything else.
struct Recorder;

macro_rules! not_a_struct {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, Self::Error> {
            Err(serde::ser::Error::custom("not a struct"))
        })*
    };
}

impl serde::Serializer for Recorder {
    type Ok = StructCalls;
    type Error = serde_json::Error;
    type SerializeSeq = serde::ser::Impossible<StructCalls, serde_json::Error>;
    type SerializeTuple = serde::ser::Impossible<StructCalls, serde_json::Error>;
    type SerializeTupleStruct = serde::ser::Impossible<StructCalls, serde_json::Error>;
    type SerializeTupleVariant = serde::ser::Impossible<StructCalls, serde_json::Error>;
    type SerializeMap = serde::ser::Impossible<StructCalls, serde_json::Error>;
    type SerializeStruct = StructCalls;
    type SerializeStructVariant = serde::ser::Impossible<StructCalls, serde_json::Error>;

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<StructCalls, Self::Error> {
        Ok(StructCalls { name, len, fields: Vec::new() })
    }

    not_a_struct! {
        serialize_bool(bool) -> StructCalls; serialize_i8(i8) -> StructCalls; serialize_i16(i16) -> StructCalls;
        serialize_i32(i32) -> StructCalls; serialize_i64(i64) -> StructCalls; serialize_u8(u8) -> StructCalls;
        serialize_u16(u16) -> StructCalls; serialize_u32(u32) -> StructCalls; serialize_u64(u64) -> StructCalls;
        serialize_f32(f32) -> StructCalls; serialize_f64(f64) -> StructCalls; serialize_char(char) -> StructCalls;
        serialize_str(&str) -> StructCalls; serialize_bytes(&[u8]) -> StructCalls; serialize_none() -> StructCalls;
        serialize_unit() -> StructCalls; serialize_unit_struct(&'static str) -> StructCalls;
        serialize_unit_variant(&'static str, u32, &'static str) -> StructCalls;
        serialize_seq(Option<usize>) -> Self::SerializeSeq; serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: ?Sized + serde::Serialize>(self, _: &T) -> Result<StructCalls, Self::Error> {
        Err(serde::ser::Error::custom("not a struct"))
    }

    fn serialize_newtype_struct<T: ?Sized + serde::Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<StructCalls, Self::Error> {
        Err(serde::ser::Error::custom("not a struct"))
    }

    fn serialize_newtype_variant<T: ?Sized + serde::Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<StructCalls, Self::Error> {
        Err(serde::ser::Error::custom("not a struct"))
    }
}

impl serde::ser::SerializeStruct for StructCalls {
    type Ok = StructCalls;
    type Error = serde_json::Error;

    fn serialize_field<T: ?Sized + serde::Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        self.fields.push((key, Some(serde_json::to_value(value)?)));
        Ok(())
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), Self::Error> {
        self.fields.push((key, None));
        Ok(())
    }

    fn end(self) -> Result<StructCalls, Self::Error> {
        Ok(self)
    }
}

/// What reading a struct gave: its JSON back and its serializer calls, or the error.
type Read = Result<(Value, StructCalls), String>;

/// `text` read as the struct `index` (of five) by the written-out impls and by serde's
/// derives.
fn read_both(index: usize, text: &str) -> (Read, Read) {
    match index {
        0 => (read_as::<Pet>(text), read_as::<derived::components::Pet>(text)),
        1 => (read_as::<Keywords>(text), read_as::<derived::components::Keywords>(text)),
        2 => (read_as::<Node>(text), read_as::<derived::components::Node>(text)),
        3 => (read_as::<models::components::Owner>(text), read_as::<derived::components::Owner>(text)),
        _ => (read_as::<models::errors::Detail>(text), read_as::<derived::errors::Detail>(text)),
    }
}

/// A JSON object text from `(key, value)` entries, duplicates and order kept.
fn object_text(entries: &[(String, Value)]) -> String {
    let entries: Vec<String> = entries.iter().map(|(k, v)| format!("{}:{v}", Value::String(k.clone()))).collect();
    format!("{{{}}}", entries.join(","))
}

proptest::proptest! {
    #![proptest_config(crate::common::proptest_config(2000, "proptest-regressions/fixture_models.txt"))]
    /// The written-out `Serialize` and `Deserialize` and serde's derived ones agree on any
    /// object over a struct's keys (and others): each present, absent, `null`, a value of
    /// its type or of another, repeated or not, in any order. Same JSON back and the same
    /// calls to a serializer (name, length, fields written and skipped), or the same error.
    #[test]
    fn written_out_serde_impls_agree_with_serdes_derives(
        picks in proptest::collection::vec((0usize..40, 0usize..12), 0..14),
        struct_index in 0usize..5,
    ) {
        let pets = [minimal_pet(), json!({"id": "p", "name": "n", "nickname": "k", "chip_number": 7, "weight": 1.5, "ratio": 0.5, "born": "2020-02-29", "extra": {"a": 1}, "tags": ["t"], "scores": [1.0], "labels": {"l": 2}, "headers": {"h": ["v"]}, "status": "active", "owner": {"name": "o"}, "friends": [], "private": "s", "legacy_id": "l"})];
        let keys: Vec<String> = pets.iter().flat_map(|p| p.as_object().unwrap().keys().cloned())
            .chain(["type", "ref", "self", "value", "parent", "children", "items", "code", "cause", "map", "key", "unlisted"].map(String::from))
            .collect();
        let values = [json!(null), json!("s"), json!(1), json!(-2.5), json!(true), json!([]), json!({}), json!("2020-01-01T00:00:00Z"), json!("2020-02-29"), json!({"id": "x"}), json!([{"value": 1}]), json!({"value": 0, "parent": null})];
        let mut entries: Vec<(String, Value)> = Vec::new();
        // Mostly valid: start from a valid object, then add, replace or repeat picked keys.
        let start = match struct_index {
            0 => pets[picks.len() % 2].clone(),
            1 => json!({"type": "t"}),
            2 => json!({"value": 1, "parent": {"value": 2}}),
            3 => json!({"name": "n", "best": minimal_pet()}),
            _ => json!({"code": 400, "cause": {"message": "m"}}),
        };
        entries.extend(start.as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.clone())));
        for (key, value) in &picks {
            let key = keys[key % keys.len()].clone();
            match entries.iter().position(|(k, _)| *k == key) {
                Some(_) if value % 3 == 0 => entries.push((key, values[*value].clone())),
                Some(at) => entries[at].1 = values[*value].clone(),
                None => entries.push((key, values[*value].clone())),
            }
        }
        let text = object_text(&entries);
        let (written, derived) = read_both(struct_index, &text);
        proptest::prop_assert_eq!(written, derived, "{}", text);
    }

    /// Both read a struct from a sequence of its field values in field order (formats that
    /// write structs as sequences), with the same values, errors and messages: too few,
    /// too many, `null` and values of the wrong type among them.
    #[test]
    fn written_out_and_derived_impls_read_sequences_alike(
        picks in proptest::collection::vec(0usize..12, 0..22),
        struct_index in 0usize..5,
    ) {
        let values = [json!(null), json!("s"), json!(1), json!(-2.5), json!(true), json!([]), json!({}), json!("2020-01-01T00:00:00Z"), json!("2020-02-29"), json!({"id": "x"}), json!([{"value": 1}]), json!({"value": 0, "parent": null})];
        let text = Value::Array(picks.iter().map(|i| values[*i].clone()).collect()).to_string();
        let (written, derived) = read_both(struct_index, &text);
        proptest::prop_assert_eq!(written, derived, "{}", text);
    }
}
