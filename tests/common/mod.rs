//! A scratch crate with only the documented dependencies, for tests that compile generated
//! code.

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
    let manifest = MANIFEST.replace("NAME", name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    for (path, text) in std::iter::once(("Cargo.toml", manifest.as_str())).chain(sources.iter().copied()) {
        let path = dir.join(path);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text) {
            std::fs::write(path, text).unwrap();
        }
    }
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
