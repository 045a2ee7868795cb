//! Several dialects of one API merged (`tests/fixtures/merge/{java,typescript,python}`):
//! each fact from the source that states it, real conflicts reported in both docs, models
//! only some sources have kept with their provenance, and one folder exactly as before.

use std::path::{Path, PathBuf};

use mdschema::ir::{Field, Model, ModelKind, Type};

use crate::common::{self, model};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/merge")
}

fn merged() -> mdschema::Config {
    let mut config = mdschema::Config::new();
    config
        .schemas_dirs(["java", "typescript", "python/models"].map(|d| fixture().join(d)))
        .config_file(fixture().join("mdschema.toml"));
    config
}

fn field<'m>(model: &'m Model, name: &str) -> &'m Field {
    common::fields(model).iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no field {name}"))
}

#[test]
fn each_fact_comes_from_the_source_that_states_it() {
    let loaded = merged().load().unwrap();
    let pet = model(&loaded, "Pet");
    assert_eq!(pet.id, "components/Pet", "the first source gives the layout");
    assert_eq!(pet.provenance.len(), 3, "{:?}", pet.provenance);
    // Java's `Optional` with a check mark: required and nullable, which TypeScript cannot say.
    let owner = field(pet, "ownerId");
    assert_eq!((owner.required, owner.nullable), (true, true));
    // Java's `Optional` without one: never null, though TypeScript's optional row is tri-state.
    let nickname = field(pet, "nickname");
    assert_eq!((nickname.required, nickname.nullable), (false, false));
    // Python's nullable items; Java's `long` over TypeScript's `number`.
    let null_string = Type::Nullable { inner: Box::new(Type::String) };
    assert_eq!(field(pet, "tags").ty, Type::List { item: Box::new(null_string) });
    assert_eq!(field(pet, "weight").ty, Type::Int64);
    // Java lists no members of `Shape`; TypeScript does.
    assert!(matches!(model(&loaded, "Shape").kind, ModelKind::Union { .. }));
    // Only TypeScript has `kind`, only Python has `Extra`: both kept, with where they came from.
    let kind = field(pet, "kind");
    assert_eq!(kind.ty, Type::Const { value: "pet".into() });
    assert!(kind.provenance["field"].ends_with("typescript"), "{:?}", kind.provenance);
    assert!(model(&loaded, "Extra").provenance[0].ends_with("python/models"));
    // The Java opaque-union warning is gone: TypeScript gave `Shape` a shape.
    assert!(loaded.warnings.iter().all(|w| !w.message.contains("any JSON")), "{:#?}", loaded.warnings);
}

#[test]
fn a_real_conflict_names_both_docs_and_keeps_the_first() {
    let loaded = merged().load().unwrap();
    let conflicts: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    let shown = &conflicts[0];
    assert!(shown.contains("field `legacy` is int64 here and string in"), "{shown}");
    assert!(shown.contains("java/components/Pet.md:15:"), "{shown}");
    assert!(shown.contains("typescript/components/pet.md:13:"), "{shown}");
    assert_eq!(field(model(&loaded, "Pet"), "legacy").ty, Type::Int64);

    let denied = merged().deny_conflicts(true).load();
    match denied {
        Err(mdschema::Error::Input(errors)) => assert!(errors[0].message.contains("legacy"), "{errors:?}"),
        other => panic!("conflicts denied: {other:?}"),
    }
}

#[test]
fn sources_in_the_config_file_read_the_same() {
    let mut config = mdschema::Config::new();
    config.config_file(fixture().join("mdschema.toml"));
    let from_file = config.load().unwrap();
    let from_builder = merged().load().unwrap();
    assert_eq!(from_file.schema, from_builder.schema);
}

#[test]
fn one_folder_reads_exactly_as_before_and_the_merge_renders_valid_rust() {
    let one = fixture().join("java");
    let mut single = mdschema::Config::new();
    single.schemas_dir(&one).config_file(fixture().join("mdschema.toml"));
    // `sources` in the config file is ignored when the caller names the folders.
    assert!(single.load().unwrap().schema.models.iter().all(|m| m.id.starts_with("components/")));
    let mut listed = mdschema::Config::new();
    listed.schemas_dirs([&one, &one]).config_file(fixture().join("mdschema.toml"));
    let single_loaded = single.load().unwrap();
    assert!(single_loaded.schema.models.iter().all(|m| m.provenance.is_empty()), "no provenance from one folder");
    let config = merged();
    let files = config.render(&config.load().unwrap()).unwrap();
    assert!(files.iter().any(|f| f.path == "components/pet.rs" && f.contents.contains("pub owner_id: Option<String>")));
    let twice = listed.load().unwrap();
    assert_eq!(twice.schema.models.len(), single_loaded.schema.models.len(), "a folder merged with itself");
}

#[test]
fn the_cli_merges_folders_and_denies_conflicts_on_request() {
    let out = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_mdschema"));
        command.arg("generate");
        for folder in ["java", "typescript", "python/models"] {
            command.arg(fixture().join(folder));
        }
        command.arg("--out").arg(out.path()).arg("--config").arg(fixture().join("mdschema.toml")).args(extra);
        command.output().unwrap()
    };
    let merged = run(&[]);
    assert_eq!(merged.status.code(), Some(0), "{}", String::from_utf8_lossy(&merged.stderr));
    assert!(String::from_utf8_lossy(&merged.stderr).contains("field `legacy`"));
    assert!(out.path().join("extra.rs").is_file(), "the Python-only model is generated");
    let denied = run(&["--deny-conflicts"]);
    assert_eq!(denied.status.code(), Some(2), "{}", String::from_utf8_lossy(&denied.stderr));
}

#[test]
fn presence_pins_what_the_docs_say() {
    let dir = tempfile::tempdir().unwrap();
    let config_file = dir.path().join("mdschema.toml");
    std::fs::write(
        &config_file,
        "wire_case = \"snake_case\"\n[presence]\n\"components/Pet.nickname\" = \"optional_nullable\"\n\"components/*.id\" = \"required_nullable\"\n",
    )
    .unwrap();
    let mut config = mdschema::Config::new();
    config.schemas_dirs(["java", "typescript", "python/models"].map(|d| fixture().join(d))).config_file(&config_file);
    let loaded = config.load().unwrap();
    let pet = model(&loaded, "Pet");
    assert_eq!((field(pet, "nickname").required, field(pet, "nickname").nullable), (false, true));
    assert_eq!((field(pet, "id").required, field(pet, "id").nullable), (true, true));

    std::fs::write(&config_file, "[presence]\n\"components/Pet.nickname\" = \"sometimes\"\n").unwrap();
    let error =
        mdschema::Config::new().schemas_dir(fixture().join("java")).config_file(&config_file).load().unwrap_err();
    assert!(error.to_string().contains("mdschema.toml:2:"), "{error}");
}

#[test]
fn allow_silences_a_conflict_by_the_doc_it_is_reported_at() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("mdschema.toml");
    let base = std::fs::read_to_string(fixture().join("mdschema.toml")).unwrap();
    let base: String = base.lines().filter(|l| !l.starts_with("sources")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&config, format!("{base}[allow]\n\"components/Pet\" = [\"merge-conflict\"]\n")).unwrap();
    let mut allowed = merged();
    allowed.config_file(&config);
    let loaded = allowed.load().unwrap();
    assert!(
        loaded.warnings.iter().all(|w| w.code != Some(mdschema::WarningCode::MergeConflict)),
        "{:#?}",
        loaded.warnings
    );
    // The conflict is still what it was: only its report is silenced.
    assert_eq!(field(model(&loaded, "Pet"), "legacy").ty, Type::Int64);
    // Another glob leaves it.
    std::fs::write(&config, format!("{base}[allow]\n\"errors/*\" = [\"merge-conflict\"]\n")).unwrap();
    let loaded = allowed.load().unwrap();
    assert_eq!(loaded.warnings.iter().filter(|w| w.code == Some(mdschema::WarningCode::MergeConflict)).count(), 1);
}
