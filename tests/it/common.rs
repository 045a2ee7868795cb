//! Helpers shared by the test crates: a scratch crate with only the documented
//! dependencies, for tests that compile generated code, and a folder's files.

// Each test crate uses some of these.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// The `[dependencies]` block the README tells users to paste.
const MANIFEST: &str = r#"[package]
name = "NAME"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
chrono = { version = "0.4", default-features = false, features = ["serde", "std"] }
serde_with = { version = "3", default-features = false, features = ["macros"] }
"#;

/// Writes `Cargo.toml` and the given source files, touching only what changed so that
/// cargo's incremental build stays warm.
pub fn write_crate(dir: &Path, name: &str, sources: &[(&str, &str)]) {
    write_files(dir, &MANIFEST.replace("NAME", name), sources);
}

/// A crate of a workspace (see [`write_workspace`]): the documented dependencies plus
/// `extra_dependencies` lines.
pub fn write_member(dir: &Path, name: &str, extra_dependencies: &str, sources: &[(&str, &str)]) {
    let manifest = MANIFEST.replace("NAME", name).replace("[workspace]\n", "") + extra_dependencies;
    write_files(dir, &manifest, sources);
}

/// A workspace of `members` (folders), sharing one target folder and one dependency build;
/// without debug info or incremental state, which the generated code's size makes costly.
pub fn write_workspace(dir: &Path, members: &[&str]) {
    let list: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n[profile.dev]\ndebug = 0\nincremental = false\n",
        list.join(", ")
    );
    write_files(dir, &manifest, &[]);
}

fn write_files(dir: &Path, manifest: &str, sources: &[(&str, &str)]) {
    std::fs::create_dir_all(if sources.is_empty() { dir.to_path_buf() } else { dir.join("src") }).unwrap();
    for (path, text) in std::iter::once(("Cargo.toml", manifest)).chain(sources.iter().copied()) {
        let path = dir.join(path);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text) {
            std::fs::write(path, text).unwrap();
        }
    }
}

/// Builds the crate or workspace in `dir` with clippy as the compiler (`clippy-driver`, as
/// `cargo clippy` runs it), so that one pass both lints (the crates deny warnings, clippy's
/// included) and produces binaries.
pub fn build_with_clippy(dir: &Path) {
    let driver = Path::new(env!("CARGO")).with_file_name(format!("clippy-driver{}", std::env::consts::EXE_SUFFIX));
    assert!(driver.is_file(), "{} is missing: `rustup component add clippy`", driver.display());
    let output = Command::new(env!("CARGO"))
        .args(["build", "--quiet"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("RUSTC_WORKSPACE_WRAPPER", &driver)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "clippy build failed:\n{}", String::from_utf8_lossy(&output.stderr));
}

/// Runs cargo in the scratch crate (with its own target folder) and returns its stdout.
pub fn cargo(dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        // Only `cargo doc` reads this: rustdoc's default lints become errors.
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "cargo {args:?} failed:\n{}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

/// Every file under `dir` (none when it does not exist), by `/`-separated relative path,
/// with its bytes; the fingerprint left out, since it names the executable that ran.
pub fn files_under(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.file_name().is_some_and(|n| n != ".mdschema-fingerprint") {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// A proptest config of `cases` cases whose regressions are kept with every other one, in
/// `proptest-regressions/<file>` at the crate root.
pub fn proptest_config(cases: u32, file: &'static str) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(file))),
        ..proptest::test_runner::Config::default()
    }
}

/// The `lib.rs` of a crate of generated models (`root`, a file under `../models/`) with
/// `round_trip(id, JSON)`: `arms` are the `match id` arms, each `"id" => expression,` with
/// `round_trip_as::<models::Pet>(input)` at hand.
pub fn round_trip_lib(root: &str, arms: &str) -> String {
    format!(
        r#"#![deny(warnings)]

pub mod models {{
    include!("../models/{root}");
}}

/// Deserializes `input` as the model named `id` and serializes it back.
#[allow(deprecated)]
pub fn round_trip(id: &str, input: serde_json::Value) -> Result<serde_json::Value, String> {{
    match id {{
{arms}        _ => Err(format!("no type for {{id}}")),
    }}
}}

fn round_trip_as<T: serde::Serialize + serde::de::DeserializeOwned>(input: serde_json::Value) -> Result<serde_json::Value, String> {{
    let model: T = serde_json::from_value(input).map_err(|e| e.to_string())?;
    serde_json::to_value(&model).map_err(|e| e.to_string())
}}
"#
    )
}

/// Makes `scratch` a workspace of the model crates in `scratch/<name>` (package
/// `models-<name>`, each written by [`round_trip_lib`]) and a `harness` binary, which reads
/// `[{"id": "<name>:<id>", "input": …}]` and prints `[{"ok": …} | {"err": …}]`.
pub fn write_harness(scratch: &Path, names: &[&str]) {
    let deps: String = names.iter().map(|n| format!("models-{n} = {{ path = \"../{n}\" }}\n")).collect();
    let arms: String = names
        .iter()
        .map(|n| format!("            Some(({n:?}, id)) => models_{}::round_trip(id, input),\n", n.replace('-', "_")))
        .collect();
    let main = format!(
        r#"fn main() {{
    let path = std::env::args().nth(1).expect("usage: harness CASES.json");
    let cases: Vec<serde_json::Value> = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let results: Vec<serde_json::Value> = cases
        .into_iter()
        .map(|case| {{
            let input = case["input"].clone();
            let outcome = match case["id"].as_str().and_then(|id| id.split_once(':')) {{
{arms}                _ => Err(format!("no crate for {{}}", case["id"])),
            }};
            match outcome {{
                Ok(output) => serde_json::json!({{"ok": output}}),
                Err(error) => serde_json::json!({{"err": error}}),
            }}
        }})
        .collect();
    println!("{{}}", serde_json::to_string(&results).unwrap());
}}
"#
    );
    write_member(&scratch.join("harness"), "harness", &deps, &[("src/main.rs", &main)]);
    let mut members = names.to_vec();
    members.push("harness");
    write_workspace(scratch, &members);
}

/// Runs the built harness of [`write_harness`] over `(id, input)` cases: each one's
/// serialized output, or why it was rejected.
pub fn run_harness(scratch: &Path, cases: &[(String, serde_json::Value)]) -> Vec<Result<serde_json::Value, String>> {
    let path = scratch.join("cases.json");
    let wire: Vec<serde_json::Value> =
        cases.iter().map(|(id, input)| serde_json::json!({"id": id, "input": input})).collect();
    std::fs::write(&path, serde_json::to_vec(&wire).unwrap()).unwrap();
    let harness = scratch.join("target/debug").join(format!("harness{}", std::env::consts::EXE_SUFFIX));
    let output = Command::new(&harness).arg(&path).output().expect("the harness runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let results: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results.len(), cases.len(), "one result per case");
    results
        .into_iter()
        .map(|result| match (&result["ok"], &result["err"]) {
            (serde_json::Value::Null, serde_json::Value::String(err)) => Err(err.clone()),
            (ok, _) => Ok(ok.clone()),
        })
        .collect()
}

/// The corpus folder of `$MDSCHEMA_CORPUS`, which must hold `expected` (a folder relative to
/// it); `None`, said on stderr, when the variable is unset: the corpus tests skip.
pub fn corpus(expected: &str) -> Option<std::path::PathBuf> {
    let Some(dir) = std::env::var_os("MDSCHEMA_CORPUS") else {
        eprintln!("skipped: set MDSCHEMA_CORPUS to the corpus folder (CI sets ../shared/corpus)");
        return None;
    };
    let dir = std::path::PathBuf::from(dir);
    assert!(dir.join(expected).is_dir(), "MDSCHEMA_CORPUS={} holds no {expected}", dir.display());
    Some(dir)
}

/// The model titled `title`.
pub fn model<'s>(loaded: &'s mdschema::Loaded, title: &str) -> &'s mdschema::ir::Model {
    loaded.schema.models.iter().find(|m| m.title == title).unwrap_or_else(|| panic!("no model {title}"))
}

/// The fields of `model`, an object.
pub fn fields(model: &mdschema::ir::Model) -> &[mdschema::ir::Field] {
    let mdschema::ir::ModelKind::Object { fields, .. } = &model.kind else { panic!("{} is no object", model.title) };
    fields
}
