//! Golden tests: each fixture under `tests/fixtures/<case>/schemas` generates exactly the
//! files under `tests/fixtures/<case>/expected`. Run with `EXPECTORATE=overwrite` to update
//! them after an intended change, then read the diff like code.

use std::path::Path;

use crate::common;

fn generate_in_memory(case: &str) -> Vec<mdschema::RenderedFile> {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case).join("schemas");
    let mut config = mdschema::Config::new();
    config.schemas_dir(&schemas);
    let templates = schemas.with_file_name("templates");
    if templates.is_dir() {
        config.templates_dir(templates);
    }
    let loaded = config.load().unwrap_or_else(|e| panic!("{case}: {e}"));
    config.render(&loaded).unwrap_or_else(|e| panic!("{case}: {e}"))
}

fn expected_files(dir: &Path) -> Vec<String> {
    common::files_under(dir).into_keys().collect()
}

fn check_case(case: &str) {
    let expected_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case).join("expected");
    let files = generate_in_memory(case);
    for file in &files {
        let path = expected_dir.join(&file.path);
        if std::env::var_os("EXPECTORATE").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        }
        expectorate::assert_contents(path, &file.contents);
    }
    let generated: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    assert_eq!(expected_files(&expected_dir), generated, "{case}: the expected folder holds other files");
}

#[test]
fn models_fixture() {
    check_case("models");
}

#[test]
fn unknown_fields_fixture() {
    check_case("unknown");
}

#[test]
fn hostile_fixture() {
    check_case("hostile");
}

#[test]
fn configured_fixture_with_a_template_override() {
    check_case("configured");
}

/// Unions (untagged, nested, recursive, discriminated), integer enums and consts.
#[test]
fn unions_fixture() {
    check_case("unions");
}

/// One fixture per doc dialect, each covering its grammar (DIALECTS.md and the forms other
/// generator versions write).
#[test]
fn dialect_fixtures() {
    for dialect in ["typescript", "python", "go", "csharp"] {
        check_case(dialect);
        let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dialect).join("schemas");
        let loaded = mdschema::Config::new().schemas_dir(&schemas).load().unwrap();
        for model in &loaded.schema.models {
            assert_eq!(model.dialect, dialect, "{}: detected as {}", model.id, model.dialect);
        }
    }
}

/// Docs in the style of Speakeasy's 2023 generator (TypeScript on axios, Python on requests)
/// beside today's literal forms: members headed by a bare model name, scalar headings,
/// boolean and integer literals, raw-response plumbing.
#[test]
fn older_generator_fixture() {
    check_case("older");
}

/// openapi-generator's docs in each of its languages, one folder each, detected per doc.
#[test]
fn openapi_generator_fixture() {
    check_case("openapi");
}

#[test]
fn output_is_deterministic() {
    assert_eq!(generate_in_memory("models"), generate_in_memory("models"));
}

/// The `models` fixture as one file (`single_file`): `tests/fixtures/models/single/models.rs`,
/// compiled and used by `tests/fixture_models.rs` with the same paths as the tree.
#[test]
fn models_fixture_as_one_file() {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/models/schemas");
    let contents = one_file(mdschema::Config::new().schemas_dir(&schemas));
    assert!(syn::parse_file(&contents).is_ok());
    expectorate::assert_contents(schemas.with_file_name("single").join("models.rs"), &contents);
}

/// What `config` renders as the one file `models.rs`.
fn one_file(config: &mut mdschema::Config) -> String {
    config.single_file("models.rs");
    let loaded = config.load().unwrap();
    let mut files = config.render(&loaded).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].path, "models.rs");
    files.remove(0).contents
}

/// The `models` fixture with serde's derives on every struct (`serde_impls = "derive"`), as
/// one file: `tests/it/fixture_models.rs` compares its impls with the written-out ones on
/// the same JSON.
#[test]
fn models_fixture_with_serdes_derives() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/models");
    let contents = one_file(
        mdschema::Config::new().schemas_dir(fixture.join("schemas")).config_file(fixture.join("derived/mdschema.toml")),
    );
    assert!(!contents.contains("serde_support"), "no struct's serde impls are written out");
    expectorate::assert_contents(fixture.join("derived/models.rs"), &contents);
}

/// Every fixture, as one file: it parses, and it holds every type the tree holds, each in
/// the module of the same path.
#[test]
fn every_fixture_as_one_file_has_the_trees_types() {
    fn types(items: &[syn::Item], path: &str, out: &mut Vec<String>) {
        for item in items {
            match item {
                syn::Item::Struct(s) => out.push(format!("{path}{}", s.ident)),
                syn::Item::Enum(e) => out.push(format!("{path}{}", e.ident)),
                syn::Item::Mod(m) => {
                    if let Some((_, items)) = &m.content {
                        types(items, &format!("{path}{}::", m.ident), out);
                    }
                }
                _ => {}
            }
        }
    }
    for case in [
        "models",
        "unknown",
        "hostile",
        "configured",
        "unions",
        "typescript",
        "python",
        "go",
        "csharp",
        "older",
        "openapi",
    ] {
        let tree = generate_in_memory(case);
        let mut expected = Vec::new();
        for file in &tree {
            let module =
                file.path.rsplit_once('/').map_or(String::new(), |(dir, _)| format!("{}::", dir.replace('/', "::")));
            types(&syn::parse_file(&file.contents).unwrap().items, &module, &mut expected);
        }
        let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case).join("schemas");
        let mut config = mdschema::Config::new();
        config.schemas_dir(&schemas).single_file("models.rs");
        let templates = schemas.with_file_name("templates");
        if templates.is_dir() {
            config.templates_dir(templates);
        }
        let one = config.render(&config.load().unwrap()).unwrap();
        let mut found = Vec::new();
        types(&syn::parse_file(&one[0].contents).unwrap().items, "", &mut found);
        expected.sort();
        found.sort();
        assert_eq!(found, expected, "{case}");
    }
}
