use mdschema_consumer_example::models::pets::{Pet, Status};
use serde_json::json;

#[test]
fn generated_models_round_trip() {
    let input = json!({"id": "p-1", "nickname": null, "status": "sold", "born_at": "2020-01-01T00:00:00+01:00"});
    let pet: Pet = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(pet.status, Some(Status::Sold));
    assert_eq!(pet.nickname, Some(None));
    assert_eq!(serde_json::to_value(&pet).unwrap(), input);
}

#[test]
fn unknown_enum_values_are_kept() {
    let status: Status = serde_json::from_value(json!("adopted")).unwrap();
    assert_eq!(status.as_str(), "adopted");
}
