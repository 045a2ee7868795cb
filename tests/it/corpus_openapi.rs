//! openapi-generator's docs in the corpus (`$MDSCHEMA_CORPUS/launchdarkly/<7 languages>` and
//! `fastly/<5 languages>`): every folder generates without `--keep-going`, each in its own
//! language (detected per doc), with no any-JSON type where the doc has a property row; and
//! Fastly's python-prior and Rust docs compile together under `deny(warnings)` and
//! `clippy -D warnings` (`corpus_launchdarkly` builds LaunchDarkly's seven languages; all
//! twelve compiled when the family was added, and building every one would not fit CI's
//! time limit). The per-folder
//! figures are printed (`-- --nocapture`). Without `MDSCHEMA_CORPUS` the test says so and
//! skips.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common;

/// The folders compiled here: python-prior and Rust, the two shapes LaunchDarkly lacks
/// (`corpus_launchdarkly` builds its seven languages).
const COMPILED: &[&str] = &["fastly/python/docs", "fastly/rust/docs"];

/// Each folder, the language its docs must be read in, and the least number of models.
const FOLDERS: &[(&str, &str, usize)] = &[
    ("launchdarkly/go/docs", "openapi-go", 590),
    ("launchdarkly/typescript/docs", "openapi-typescript", 590),
    ("launchdarkly/python/docs", "openapi-python", 590),
    ("launchdarkly/java/docs", "openapi-java", 590),
    ("launchdarkly/ruby/docs", "openapi-ruby", 590),
    ("launchdarkly/php/docs", "openapi-php", 580),
    ("launchdarkly/javascript/docs", "openapi-javascript", 580),
    ("fastly/python/docs", "openapi-python-prior", 830),
    ("fastly/rust/docs", "openapi-rust", 830),
    ("fastly/javascript/docs", "openapi-javascript", 830),
    ("fastly/ruby/docs", "openapi-ruby", 830),
    ("fastly/php/docs", "openapi-php", 830),
];

fn corpus() -> Option<PathBuf> {
    common::corpus("launchdarkly/go/docs")
}

#[test]
fn every_openapi_generator_folder_generates_in_its_language_and_compiles() {
    let Some(corpus) = corpus() else { return };
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-openapi");
    let mut lib = String::from("#![deny(warnings)]\n");
    for (folder, language, least) in FOLDERS {
        let docs = corpus.join(folder);
        let module = folder.trim_end_matches("/docs").replace(['/', '-'], "_");
        let mut config = mdschema::Config::new();
        config.schemas_dir(&docs).single_file("models.rs").out_dir(scratch.join("gen").join(&module));
        let report = config.generate().unwrap_or_else(|e| panic!("{folder}: {e}"));
        let loaded = config.load().unwrap();
        let mut dialects: BTreeMap<&str, usize> = BTreeMap::new();
        for model in &loaded.schema.models {
            *dialects.entry(model.dialect.as_str()).or_default() += 1;
        }
        assert_eq!(dialects.keys().copied().collect::<Vec<_>>(), [*language], "{folder}: read as {dialects:?}");
        assert!(report.models >= *least, "{folder}: {} models", report.models);
        let codes = |code: mdschema::WarningCode| report.warnings.iter().filter(|w| w.code == Some(code)).count();
        let empty = codes(mdschema::WarningCode::EmptyProperties);
        let opaque =
            loaded.schema.models.iter().filter(|m| matches!(m.kind, mdschema::ir::ModelKind::Opaque { .. })).count();
        // Any JSON only where the doc has no property row to read.
        assert_eq!(opaque, empty, "{folder}: {opaque} any-JSON models, {empty} empty property tables");
        let kinds =
            |f: &dyn Fn(&mdschema::ir::ModelKind) -> bool| loaded.schema.models.iter().filter(|m| f(&m.kind)).count();
        eprintln!(
            "{folder}: {} docs read, {} models ({} objects, {} enums, {} unions, {opaque} any JSON from empty property tables), {} skipped (operation docs, READMEs)",
            report.docs,
            report.models,
            kinds(&|k| matches!(k, mdschema::ir::ModelKind::Object { .. })),
            kinds(&|k| matches!(k, mdschema::ir::ModelKind::Enum { .. })),
            kinds(&|k| matches!(k, mdschema::ir::ModelKind::Union { .. })),
            codes(mdschema::WarningCode::NoModel),
        );
        if COMPILED.contains(folder) {
            lib.push_str(&format!(
                "#[allow(deprecated)]\npub mod {module} {{\n    include!(\"../gen/{module}/models.rs\");\n}}\n"
            ));
        }
    }
    common::write_crate(&scratch, "corpus_openapi", &[("src/lib.rs", &lib)]);
    let started = std::time::Instant::now();
    let output = std::process::Command::new(env!("CARGO"))
        .args(["clippy", "--quiet", "--", "-D", "warnings"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "clippy failed:\n{}", String::from_utf8_lossy(&output.stderr));
    eprintln!("{} folders checked under clippy in {:?}", COMPILED.len(), started.elapsed());
}

/// Fastly's five languages (no spec to measure against) merge with no conflict: Rust's
/// `Option<` in docs without Notes is read as may-be-absent, and python-prior's models that
/// are one value (a named list, an object of nothing but `any string name`) as that value.
#[test]
fn fastly_languages_merge_without_conflicts() {
    let Some(corpus) = corpus() else { return };
    let folders = ["python", "rust", "javascript", "ruby", "php"].map(|l| corpus.join("fastly").join(l).join("docs"));
    let loaded = mdschema::Config::new().schemas_dirs(folders).load().unwrap();
    let conflicts: Vec<_> =
        loaded.warnings.iter().filter(|w| w.code == Some(mdschema::WarningCode::MergeConflict)).collect();
    let unions =
        loaded.schema.models.iter().filter(|m| matches!(m.kind, mdschema::ir::ModelKind::Union { .. })).count();
    eprintln!("fastly merged: {} models ({unions} unions), {} conflicts", loaded.schema.models.len(), conflicts.len());
    assert!(conflicts.is_empty(), "{:#?}", conflicts.iter().take(5).collect::<Vec<_>>());
}
