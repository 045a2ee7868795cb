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
