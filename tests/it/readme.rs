//! The README's "Using the models" example, compiled and run: it builds a request body from
//! the checked-in `generated/` Credentials and matches on an enum of the `models` fixture.
//! The test also checks that the README shows exactly this code.

#![deny(warnings)]

#[allow(dead_code)]
mod generated {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/generated/mod.rs"));
}

#[allow(dead_code, deprecated)]
mod models {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/models/expected/mod.rs"));
}

// README example start
use generated::Credentials;
use models::components::{Pet, Status};

fn request_body() -> serde_json::Value {
    // Every field of Credentials is optional: start from Default (all absent)
    // and say what is sent. `Some(None)` sends an explicit null.
    let credentials =
        Credentials { access_token: Some("1234".into()), refresh_token: Some(None), ..Default::default() };
    serde_json::to_value(&credentials).unwrap()
}

fn new_pet() -> Pet {
    // Pet has required fields: `new` takes them in doc order, the rest start absent.
    Pet { name: Some("Rex".into()), ..Pet::new("p1".into(), None, 3, true, None) }
}

fn describe(status: &Status) -> String {
    match status {
        Status::Active => "active".to_string(),
        Status::SendLetter | Status::CrmCreated => format!("busy ({status})"),
        // Open enums keep values the doc did not list (in `Unknown2` here,
        // because this doc lists a value `UNKNOWN` of its own).
        Status::Unknown2(other) => format!("new to us: {other}"),
        _ => status.to_string(),
    }
}
// README example end

#[test]
fn the_readme_example_runs() {
    assert_eq!(request_body(), serde_json::json!({"access_token": "1234", "refresh_token": null}));
    let pet = new_pet();
    assert_eq!(pet.name.as_deref(), Some("Rex"));
    assert_eq!(pet.age, 3);
    assert_eq!(describe(&"send-letter".parse().unwrap()), "busy (send-letter)");
    assert_eq!(describe(&"archived".parse().unwrap()), "new to us: archived");
    assert_eq!(describe(&Status::Active), "active");
}

#[test]
fn the_readme_shows_this_code() {
    let source = include_str!("readme.rs");
    let start = source.find("// README example start\n").unwrap() + "// README example start\n".len();
    let end = source.find("// README example end").unwrap();
    let readme = include_str!("../../README.md");
    assert!(
        readme.contains(&source[start..end]),
        "README.md's example differs from tests/readme.rs:\n{}",
        &source[start..end]
    );
}
