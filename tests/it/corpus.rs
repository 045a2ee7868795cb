//! The real Java corpus (`$MDSCHEMA_CORPUS/apideck/java/models`): every doc generates, the
//! result compiles in a crate that has only the documented dependencies (under
//! `deny(warnings)` and `clippy -D warnings`), and JSON documents built from the SDK's own
//! sources (`java-oracle.json`) round-trip through every object model of components/ and
//! errors/:
//!
//! * (a) every field present with a value of its declared type under its real wire name,
//! * (b) required fields only,
//! * (c) every nullable field `null`.
//!
//! Without `MDSCHEMA_CORPUS` the test says so and skips.

use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common;
use common::cargo;

fn corpus() -> Option<PathBuf> {
    common::corpus("apideck/java/models")
}

/// Every dialect folder of the corpus through the real binary: exit 0 (generated) or 2 (the
/// docs have problems, all listed), never a crash: what a user pointing mdschema at any
/// SDK's docs is promised, whatever the dialect.
#[test]
fn every_dialect_folder_generates_or_fails_cleanly() {
    let Some(corpus) = corpus() else { return };
    for (dialect, folder) in
        [("java", "models"), ("typescript", "models"), ("python", "models"), ("go", "models"), ("csharp", "Models")]
    {
        let docs = corpus.join("apideck").join(dialect).join(folder);
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("dialect-{dialect}"));
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_mdschema"))
            .args(["generate".as_ref(), docs.as_os_str(), "--out".as_ref(), out.as_os_str()])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let code = output.status.code();
        assert!(matches!(code, Some(0 | 2)), "{dialect}: exit {code:?}\n{stderr}");
        assert!(!stderr.contains("panicked"), "{dialect}: {stderr}");
        if code == Some(2) {
            assert!(stderr.contains("in the input"), "{dialect}: an input failure lists its problems\n{stderr}");
        }
        eprintln!("{dialect}: exit {code:?}");
    }
}

/// One corpus folder per dialect, with its config fixture (`tests/fixtures/apideck-*.toml`).
struct Folder {
    /// The crate's name, and the config fixture's (`tests/fixtures/apideck-<name>.toml`).
    dialect: &'static str,
    /// The folders read (several are merged, the first giving the layout), and the dialect
    /// each doc must be detected in.
    paths: &'static [(&'static str, &'static str)],
    /// What the dialect's docs cannot state, so that a payload relying on it may fail; every
    /// other failure is a bug (the README's "What each dialect cannot say").
    cannot_state: &'static [Unstated],
    /// Its union docs give their members' types (Java's list none, C#'s name them only).
    lists_union_members: bool,
    /// The config fixture's name (`tests/fixtures/apideck-<config>.toml`).
    config: &'static str,
    /// Generated as one file (`Config::single_file`) rather than a tree of files.
    single_file: bool,
}

/// A fact about the wire that some dialects' docs do not state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Unstated {
    /// A required field that may be `null` (TypeScript and C# show no nullability).
    RequiredNullable,
}

const FOLDERS: &[Folder] = &[
    Folder {
        dialect: "java",
        paths: &[("java/models", "java")],
        cannot_state: &[],
        lists_union_members: false,
        config: "java",
        single_file: false,
    },
    Folder {
        dialect: "typescript",
        paths: &[("typescript/models", "typescript")],
        cannot_state: &[Unstated::RequiredNullable],
        lists_union_members: true,
        config: "typescript",
        single_file: false,
    },
    Folder {
        dialect: "python",
        paths: &[("python/models", "python")],
        cannot_state: &[],
        lists_union_members: true,
        config: "python",
        single_file: false,
    },
    Folder {
        dialect: "go",
        paths: &[("go/models", "go")],
        cannot_state: &[],
        lists_union_members: true,
        config: "go",
        single_file: false,
    },
    Folder {
        dialect: "csharp",
        paths: &[("csharp/Models", "csharp")],
        cannot_state: &[Unstated::RequiredNullable],
        lists_union_members: false,
        config: "csharp",
        single_file: false,
    },
    // The Java docs again, as one file: the same types, paths and results.
    Folder {
        dialect: "java_single",
        paths: &[("java/models", "java")],
        cannot_state: &[],
        lists_union_members: false,
        config: "java",
        single_file: true,
    },
    // Java, TypeScript and Python merged: every fact stated somewhere, so nothing may fail.
    Folder {
        dialect: "merged",
        paths: &[("java/models", "java"), ("typescript/models", "typescript"), ("python/models", "python")],
        cannot_state: &[],
        lists_union_members: true,
        config: "merged",
        single_file: false,
    },
];
/// Every dialect folder generates with each doc detected in its dialect; the five results
/// compile as modules of one scratch crate (one dependency build, one test binary) under
/// `deny(warnings)`, `clippy -D warnings` and rustdoc `-D warnings`; and JSON documents built
/// from the Java SDK's sources (`java-oracle.json`) round-trip through every object model of
/// components/ and errors/, matched to each dialect's types by title:
///
/// * (a) every field present with a value of its declared type under its real wire name,
/// * (b) required fields only,
/// * (c) every nullable field `null`.
///
/// A document may fail only on a fact its dialect cannot state (`Folder::cannot_state`), and
/// then the same document with those fields given a value must pass.
#[test]
fn every_dialect_generates_compiles_and_round_trips() {
    let Some(corpus) = corpus() else { return };
    let oracle: Value =
        serde_json::from_slice(&std::fs::read(corpus.join("apideck/java-oracle.json")).unwrap()).unwrap();
    let oracle = Oracle { models: oracle["models"].as_object().unwrap() };
    let tested: Vec<&String> = oracle
        .models
        .iter()
        .filter(|(id, m)| {
            // `security` (the auth header scheme) is the one object role that is not JSON.
            let json_role = ["model", "error", "query_params"].contains(&m["role"].as_str().unwrap_or(""));
            (id.starts_with("components/") || id.starts_with("errors/")) && m["kind"] == "object" && json_role
        })
        .map(|(id, _)| id)
        .collect();

    let tested_unions: Vec<&String> = oracle
        .models
        .iter()
        .filter(|(id, m)| (id.starts_with("components/") || id.starts_with("errors/")) && m["kind"] == "union")
        .map(|(id, _)| id)
        .collect();

    // One crate per dialect in one workspace: one dependency build, one harness binary, and
    // two crates compiling at once (one crate of all five needed 18 GB and twice the time).
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-dialects");
    let mut runs = Vec::new();
    for folder in FOLDERS {
        let dialect = folder.dialect;
        let mut config = mdschema::Config::new();
        config
            .schemas_dirs(folder.paths.iter().map(|(path, _)| corpus.join("apideck").join(path)))
            .config_file(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/apideck-{}.toml", folder.config)),
            )
            .out_dir(scratch.join(dialect).join("models"));
        if folder.single_file {
            config.single_file("models.rs");
        }
        let started = std::time::Instant::now();
        let report = config.generate().unwrap_or_else(|e| panic!("{dialect}: {e}"));
        let elapsed = started.elapsed();
        let loaded = config.load().unwrap();
        let read_as: BTreeSet<&str> = loaded.schema.models.iter().map(|m| m.dialect.as_str()).collect();
        let expected: BTreeSet<&str> = folder.paths.iter().map(|(_, d)| *d).collect();
        assert_eq!(read_as, expected, "{dialect}: every doc is detected in its folder's dialect");
        assert!(report.models > 900, "{dialect}: {} models", report.models);

        eprintln!("{dialect}: {}", kinds(&loaded.schema, &scratch.join(dialect).join("models")));
        let matched = match_models(&oracle, &tested, &loaded.schema);
        let unions = match_unions(&tested_unions, &loaded.schema);
        let all: BTreeMap<String, mdschema::ir::Model> =
            matched.iter().chain(&unions).map(|(id, m)| (id.clone(), m.clone())).collect();
        let construction =
            if dialect == CONSTRUCTED { constructions(&scratch.join(dialect).join("models")) } else { BTreeMap::new() };
        let root = if folder.single_file { "models.rs" } else { "mod.rs" };
        write_dialect_crate(&scratch.join(dialect), root, &all, &loaded.type_paths(), &construction);
        eprintln!(
            "{dialect}: {} docs read, {} models generated in {elapsed:?}, {} warnings; {} of {} oracle object models matched",
            report.docs,
            report.models,
            report.warnings.len(),
            matched.len(),
            tested.len()
        );
        let unmatched = tested.len() - matched.len();
        let json_schema = serde_json::from_str(&config.json_schema(&loaded).unwrap()).unwrap();
        let paths = loaded.type_paths().into_iter().map(|(id, path)| (id, path.replace("::", "."))).collect();
        runs.push(DialectRun { folder, matched, unmatched, unions, json_schema, paths, construction });
    }
    // How often each source's generated presence and scalar type equal the source code's.
    for run in &runs {
        let (fields, presence, types, both) = accuracy(&oracle, &run.matched);
        let share = |n: usize| 100.0 * n as f64 / fields.max(1) as f64;
        eprintln!(
            "{} accuracy over {fields} oracle fields: presence {:.1}%, scalar type {:.1}%, both {:.1}%",
            run.folder.dialect,
            share(presence),
            share(types),
            share(both)
        );
    }
    // Java documents every model; the others may lack a few (another SDK version), never most.
    assert_eq!(runs[0].unmatched, 0, "every oracle object model has a Java doc");
    for run in &runs {
        assert!(run.unmatched * 20 < tested.len(), "{}: {} oracle models unmatched", run.folder.dialect, run.unmatched);
    }

    common::write_harness(&scratch, &FOLDERS.iter().map(|f| f.dialect).collect::<Vec<_>>());
    let started = std::time::Instant::now();
    common::build_with_clippy(&scratch);
    eprintln!("built under clippy in {:?}", started.elapsed());
    let started = std::time::Instant::now();
    // The one-file crate holds the Java crate's doc comments: documented once.
    cargo(&scratch, &["doc", "--no-deps", "--quiet", "--workspace", "--exclude", "models-java_single"]);
    eprintln!("documented in {:?}", started.elapsed());

    let mut cases = Vec::new();
    for run in &runs {
        for (id, model) in &run.matched {
            let unstated = run.unstated(&oracle, id, model);
            for mode in [Mode::AllFields, Mode::RequiredOnly, Mode::NullableNull] {
                let mut input = oracle
                    .object(id, mode, 0)
                    .unwrap_or_else(|| panic!("{id}: the oracle does not say how to build a {mode:?} document"));
                cases.push(Case {
                    run: run.folder.dialect,
                    id: id.to_string(),
                    mode,
                    input: input.clone(),
                    check: None,
                });
                // The same document with the fields whose nullability the doc cannot state given
                // a value: it must pass, so that a failure is owed to those fields alone.
                if mode == Mode::NullableNull && !unstated.is_empty() {
                    let object = input.as_object_mut().unwrap();
                    for (wire, field) in &unstated {
                        let ty = field["type"].as_str().unwrap();
                        object.insert(wire.clone(), oracle.value(ty, field, id, 0).unwrap());
                    }
                    let check = Some(cases.len() - 1);
                    cases.push(Case { run: run.folder.dialect, id: id.to_string(), mode, input, check });
                }
            }
        }
    }
    // Every member of every union, alone: through a real enum where the dialect lists members.
    for run in &runs {
        for id in run.unions.keys() {
            let members = oracle.models[id.as_str()]["members"].as_array().unwrap();
            for (i, member) in members.iter().enumerate() {
                let input = oracle
                    .value(member["type"].as_str().unwrap(), member, id, 0)
                    .unwrap_or_else(|| panic!("{id}: no value for member {i}"));
                cases.push(Case {
                    run: run.folder.dialect,
                    id: id.to_string(),
                    mode: Mode::Member(i),
                    input,
                    check: None,
                });
            }
        }
    }
    // Documents broken in one fact the dialect's docs state: both outputs must reject them.
    for run in &runs {
        for (id, model) in &run.matched {
            let Some(complete) = oracle.object(id, Mode::AllFields, 0) else { continue };
            for (mutation, input) in mutations(model, &complete) {
                cases.push(Case {
                    run: run.folder.dialect,
                    id: id.clone(),
                    mode: Mode::Mutation(mutation),
                    input,
                    check: None,
                });
            }
        }
    }
    // Every object model built without JSON, where the crate does so.
    for run in runs.iter().filter(|r| r.folder.dialect == CONSTRUCTED) {
        let type_paths: BTreeMap<&String, String> =
            run.paths.iter().map(|(id, path)| (id, path.replace('.', "::"))).collect();
        for (id, model) in &run.matched {
            let input = match run.construction.get(&type_paths[&model.id]) {
                Some(Construction::Default) => json!({}),
                Some(Construction::New(_)) => oracle.object(id, Mode::RequiredOnly, 0).unwrap(),
                None => panic!("{id}: the struct has neither Default nor new"),
            };
            cases.push(Case { run: run.folder.dialect, id: id.clone(), mode: Mode::Construct, input, check: None });
        }
    }
    let wire: Vec<(String, Value)> = cases
        .iter()
        .map(|c| {
            let prefix = if c.mode == Mode::Construct { "new:" } else { "" };
            (format!("{}:{prefix}{}", c.run, c.id), c.input.clone())
        })
        .collect();
    let results = common::run_harness(&scratch, &wire);

    let outcomes: Vec<Result<(), String>> = cases
        .iter()
        .zip(&results)
        .map(|(case, result)| {
            let run = runs.iter().find(|r| r.folder.dialect == case.run).unwrap();
            let model = run.matched.get(&case.id).or_else(|| run.unions.get(&case.id)).unwrap();
            match result {
                Err(err) => Err(format!("rejected: {err}")),
                _ if matches!(case.mode, Mode::Mutation(_)) => Ok(()),
                Ok(ok) => same_document(&case.input, ok, &nullable_fields(model)),
            }
        })
        .collect();
    let mut unexplained = Vec::new();
    for run in &runs {
        let dialect = run.folder.dialect;
        let (mut documents, mut deserialized, mut exact, mut owed) = (0, 0, 0, 0);
        let mut failed_models = BTreeSet::new();
        let (mut member_documents, mut member_exact) = (0, 0);
        let (mut built_by_default, mut built_by_new) = ((0, 0), (0, 0));
        for (i, case) in cases.iter().enumerate().filter(|(_, c)| c.run == dialect && c.check.is_none()) {
            if let Mode::Mutation(_) = case.mode {
                continue;
            }
            if case.mode == Mode::Construct {
                let by_default = case.input == json!({});
                let tally = if by_default { &mut built_by_default } else { &mut built_by_new };
                tally.0 += 1;
                match &outcomes[i] {
                    Ok(()) => tally.1 += 1,
                    Err(why) => unexplained.push(format!("{dialect}: {} ({:?}): {why}", case.id, case.mode)),
                }
                continue;
            }
            if let Mode::Member(_) = case.mode {
                member_documents += 1;
                match &outcomes[i] {
                    Ok(()) => member_exact += 1,
                    Err(why) => unexplained.push(format!("{dialect}: {} ({:?}): {why}", case.id, case.mode)),
                }
                continue;
            }
            documents += 1;
            let outcome = &outcomes[i];
            deserialized += usize::from(!matches!(outcome, Err(e) if e.starts_with("rejected")));
            let Err(why) = outcome else {
                exact += 1;
                continue;
            };
            // Owed to an unstated fact when the same document with those fields set passes.
            let companion = cases.iter().position(|c| c.check == Some(i));
            if companion.is_some_and(|c| outcomes[c].is_ok()) && !run.folder.cannot_state.is_empty() {
                owed += 1;
                continue;
            }
            failed_models.insert(&case.id);
            unexplained.push(format!("{dialect}: {} ({:?}): {why}", case.id, case.mode));
        }
        eprintln!(
            "{dialect} round trip: {documents} documents of {} models ({} oracle models not in the docs): \
             {deserialized} deserialized, {exact} exact; {owed} fail on a required field that may be null, \
             which {dialect} docs cannot state; {} fail otherwise ({} models)",
            run.matched.len(),
            run.unmatched,
            documents - exact - owed,
            failed_models.len()
        );
        if dialect == CONSTRUCTED {
            eprintln!(
                "{dialect} construction: {} of {} models built by Default serialize as {{}}; {} of {} built by new(required…) \
                 from a required-only document equal it and serialize back to it",
                built_by_default.1, built_by_default.0, built_by_new.1, built_by_new.0
            );
            assert_eq!(built_by_default.0 + built_by_new.0, run.matched.len(), "every object model is built");
        }
        let real = run.unions.values().filter(|m| matches!(m.kind, mdschema::ir::ModelKind::Union { .. })).count();
        eprintln!(
            "{dialect} unions: {} of {} oracle unions in the docs, {real} real enums ({} any-JSON newtypes); \
             {member_exact} of {member_documents} member documents round-trip exactly",
            run.unions.len(),
            tested_unions.len(),
            run.unions.len() - real
        );
        if run.folder.lists_union_members {
            assert_eq!(run.unions.len(), tested_unions.len(), "{dialect}: every oracle union has a doc");
            assert_eq!(real, run.unions.len(), "{dialect}: every union is a real enum");
        }
    }
    // The JSON Schema export accepts exactly what the generated models accept.
    for run in &runs {
        let dialect = run.folder.dialect;
        let validator = schema_validator(run);
        let (mut documents, mut valid, mut mutated, mut mutated_rejected) = (0, 0, 0, 0);
        let checked = |c: &&Case| c.run == dialect && c.check.is_none() && c.mode != Mode::Construct;
        for (case, result) in cases.iter().zip(&results).filter(|(c, _)| checked(c)) {
            let model = run.matched.get(&case.id).or_else(|| run.unions.get(&case.id)).unwrap();
            let schema_accepts = validator.is_valid(&json!({ run.paths[&model.id].clone(): case.input }));
            let rust_accepts = result.is_ok();
            if schema_accepts != rust_accepts {
                unexplained.push(format!(
                    "{dialect}: {} ({:?}): the JSON Schema {} what the Rust model {}: {}",
                    case.id,
                    case.mode,
                    if schema_accepts { "accepts" } else { "rejects" },
                    if rust_accepts { "accepts" } else { "rejects" },
                    result.as_ref().err().map_or("", String::as_str)
                ));
            }
            match case.mode {
                Mode::Mutation(_) => {
                    mutated += 1;
                    mutated_rejected += usize::from(!schema_accepts);
                }
                _ => {
                    documents += 1;
                    valid += usize::from(schema_accepts);
                }
            }
        }
        eprintln!(
            "{dialect} JSON Schema: {valid} of {documents} payload documents valid; {mutated_rejected} of {mutated} broken documents rejected; the Rust models agree on each"
        );
        assert_eq!(mutated_rejected, mutated, "{dialect}: every broken document is rejected");
    }
    for failure in unexplained.iter().take(40) {
        eprintln!("  {failure}");
    }
    assert!(unexplained.is_empty(), "{} documents failed on facts their docs state", unexplained.len());
}

/// Over every field (with a wire name) of the matched oracle models: how many there are,
/// and how many have the oracle's presence (required, nullable), its scalar type (lists and
/// maps by their items, models as models, nullable items as their item), and both.
fn accuracy(oracle: &Oracle<'_>, matched: &BTreeMap<String, mdschema::ir::Model>) -> (usize, usize, usize, usize) {
    let (mut fields, mut presence, mut types, mut both) = (0, 0, 0, 0);
    for (id, model) in matched {
        let mdschema::ir::ModelKind::Object { fields: ours, .. } = &model.kind else { continue };
        for field in oracle.models[id.as_str()]["fields"].as_array().unwrap() {
            let Some(wire) = field["wire_name"].as_str() else { continue };
            fields += 1;
            let Some(ours) = ours.iter().find(|f| f.wire_name == wire) else { continue };
            let same_presence = field["required"] == ours.required && field["nullable"] == ours.nullable;
            let same_type = oracle_class(field["type"].as_str().unwrap_or("")) == ir_class(&ours.ty);
            presence += usize::from(same_presence);
            types += usize::from(same_type);
            both += usize::from(same_presence && same_type);
        }
    }
    (fields, presence, types, both)
}

/// A Java type's scalar class: `Optional<List<Long>>` → `list<int64>`, a model → `model`.
fn oracle_class(ty: &str) -> String {
    let ty = ty.trim().trim_start_matches("java.util.");
    if let Some((outer, inner)) = ty.split_once('<') {
        let inner = inner.strip_suffix('>').unwrap_or(inner);
        return match outer {
            "Optional" | "JsonNullable" => oracle_class(inner),
            "List" => format!("list<{}>", oracle_class(inner)),
            "Map" => format!("map<{}>", oracle_class(inner.split_once(',').map_or(inner, |(_, v)| v))),
            _ => "model".into(),
        };
    }
    match ty {
        "String" => "string",
        "Long" | "long" => "int64",
        "Integer" | "int" => "int32",
        "Double" | "double" => "float64",
        "Float" | "float" => "float32",
        "Boolean" | "boolean" => "bool",
        "OffsetDateTime" => "date_time",
        "LocalDate" => "date",
        "Object" => "any",
        "byte[]" => "bytes",
        "BigDecimal" | "BigInteger" => "number",
        _ => "model",
    }
    .into()
}

fn ir_class(ty: &mdschema::ir::Type) -> String {
    use mdschema::ir::Type;
    match ty {
        Type::List { item } => format!("list<{}>", ir_class(item)),
        Type::Map { value } => format!("map<{}>", ir_class(value)),
        Type::Nullable { inner } => ir_class(inner),
        Type::Ref { .. } | Type::Const { .. } => "model".into(),
        other => serde_json::to_value(other).unwrap()["type"].as_str().unwrap().to_string(),
    }
}

/// One validator for every model of a run: the instance `{"components.Pet": payload}` is
/// checked against `$defs/components.Pet` alone.
fn schema_validator(run: &DialectRun) -> jsonschema::Validator {
    let mut schema = run.json_schema.clone();
    let properties: Map<String, Value> =
        run.paths.values().map(|path| (path.clone(), json!({"$ref": format!("#/$defs/{path}")}))).collect();
    schema["type"] = json!("object");
    schema["properties"] = Value::Object(properties);
    jsonschema::validator_for(&schema).unwrap()
}

/// `complete` (every field present) broken in one fact each, where the model states it: a
/// required key missing, `null` in a required non-nullable field, a string field holding a
/// number.
fn mutations(model: &mdschema::ir::Model, complete: &Value) -> Vec<(&'static str, Value)> {
    use mdschema::ir::{ModelKind, Type};
    let ModelKind::Object { fields, .. } = &model.kind else { return Vec::new() };
    let Some(object) = complete.as_object() else { return Vec::new() };
    let present = |f: &&mdschema::ir::Field| object.contains_key(&f.wire_name) && !f.catch_all;
    let mut broken = Vec::new();
    if let Some(field) = fields.iter().filter(present).find(|f| f.required) {
        let mut input = object.clone();
        input.remove(&field.wire_name);
        broken.push(("a required key missing", Value::Object(input)));
    }
    // A scalar, list or map field: a referenced model may be any JSON (Java's unions).
    let not_any = |ty: &Type| !matches!(ty, Type::Any | Type::Ref { .. } | Type::Custom { .. });
    if let Some(field) = fields.iter().filter(present).find(|f| f.required && !f.nullable && not_any(&f.ty)) {
        let mut input = object.clone();
        input.insert(field.wire_name.clone(), Value::Null);
        broken.push(("null in a non-nullable field", Value::Object(input)));
    }
    if let Some(field) = fields.iter().filter(present).find(|f| f.ty == Type::String) {
        let mut input = object.clone();
        input.insert(field.wire_name.clone(), json!(12345));
        broken.push(("a number in a string field", Value::Object(input)));
    }
    broken
}

/// One dialect's folder, generated, with the oracle models it documents.
struct DialectRun {
    folder: &'static Folder,
    /// Oracle id → the dialect's model for it.
    matched: BTreeMap<String, mdschema::ir::Model>,
    unmatched: usize,
    /// Oracle union id → the dialect's model of it.
    unions: BTreeMap<String, mdschema::ir::Model>,
    /// The schema exported as JSON Schema (`mdschema schema`).
    json_schema: Value,
    /// Model id → its key under `$defs` (`components.Pet`).
    paths: BTreeMap<String, String>,
    /// Type path → how the struct is built without JSON (for [`CONSTRUCTED`] only).
    construction: BTreeMap<String, Construction>,
}

impl DialectRun {
    /// The oracle's fields of `id` (by wire name) whose facts the dialect's docs cannot state
    /// and that its model therefore gets wrong: required fields that may be `null`.
    fn unstated<'o>(&self, oracle: &Oracle<'o>, id: &str, model: &mdschema::ir::Model) -> BTreeMap<String, &'o Value> {
        let mdschema::ir::ModelKind::Object { fields, .. } = &model.kind else { return BTreeMap::new() };
        if !self.folder.cannot_state.contains(&Unstated::RequiredNullable) {
            return BTreeMap::new();
        }
        oracle.models[id]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["required"] == true && f["nullable"] == true)
            .filter_map(|f| Some((f["wire_name"].as_str()?.to_string(), f)))
            .filter(|(wire, _)| fields.iter().any(|f| &f.wire_name == wire && !f.nullable))
            .collect()
    }
}

struct Case {
    run: &'static str,
    id: String,
    mode: Mode,
    input: Value,
    /// For a companion document: the index of the case whose failure it explains.
    check: Option<usize>,
}

/// How many unions (discriminated ones among them), integer enums and const fields a schema
/// has; discriminated unions are counted in the generated files, where that is decided.
fn kinds(schema: &mdschema::ir::Schema, out: &Path) -> String {
    use mdschema::ir::{ModelKind, Type};
    let count = |f: &dyn Fn(&ModelKind) -> bool| schema.models.iter().filter(|m| f(&m.kind)).count();
    let unions = count(&|k| matches!(k, ModelKind::Union { .. }));
    let opaque = count(&|k| matches!(k, ModelKind::Opaque { .. }));
    let integer_enums = count(&|k| matches!(k, ModelKind::Enum { integer: true, .. }));
    let consts: usize = schema
        .models
        .iter()
        .map(|m| match &m.kind {
            ModelKind::Object { fields, .. } => {
                fn has_const(ty: &Type) -> bool {
                    matches!(ty, Type::Const { .. }) || ty.inner().is_some_and(has_const)
                }
                fields.iter().filter(|f| has_const(&f.ty)).count()
            }
            _ => 0,
        })
        .sum();
    let discriminated = common::files_under(out)
        .values()
        .filter(|bytes| std::str::from_utf8(bytes).is_ok_and(|t| t.contains("told apart by their")))
        .count();
    format!(
        "{unions} unions ({discriminated} discriminated), {opaque} any-JSON models, {integer_enums} integer enums, {consts} const fields"
    )
}

/// Each oracle union id → the dialect's model with its title in the matching folder (or
/// the flat folder), when exactly one.
fn match_unions(tested: &[&String], schema: &mdschema::ir::Schema) -> BTreeMap<String, mdschema::ir::Model> {
    let mut matched = BTreeMap::new();
    for id in tested {
        let (folder, name) = id.split_once('/').unwrap();
        let mut candidates: Vec<&mdschema::ir::Model> = schema
            .models
            .iter()
            .filter(|m| m.title.eq_ignore_ascii_case(name))
            .filter(|m| m.folders.first().is_none_or(|f| family(f) == folder))
            .filter(|m| {
                !matches!(m.kind, mdschema::ir::ModelKind::Object { .. } | mdschema::ir::ModelKind::Enum { .. })
            })
            .collect();
        // A model in the very folder beats one from a flat folder.
        if candidates.iter().any(|m| !m.folders.is_empty()) {
            candidates.retain(|m| !m.folders.is_empty());
        }
        if let [model] = candidates.as_slice() {
            matched.insert(id.to_string(), (*model).clone());
        }
    }
    matched
}

/// A dialect's folder name as the oracle's: Go's `apierrors` is `errors`, C#'s `Components`
/// is `components`.
fn family(folder: &str) -> String {
    match folder.to_ascii_lowercase().as_str() {
        "apierrors" => "errors".to_string(),
        other => other.to_string(),
    }
}

/// Each tested oracle id → the dialect's model of it: the object model with that title
/// (case-insensitive) in the matching folder (`errors`, Go's `apierrors`; Python's flat
/// folder matches any). Where that gives none or several, the one whose title starts with the
/// oracle's name and whose JSON keys are exactly the oracle's (Python's renamed colliders:
/// `DetailUnauthorized2`, `CategoriesModel`).
fn match_models(
    oracle: &Oracle<'_>,
    tested: &[&String],
    schema: &mdschema::ir::Schema,
) -> BTreeMap<String, mdschema::ir::Model> {
    let objects: Vec<&mdschema::ir::Model> =
        schema.models.iter().filter(|m| matches!(m.kind, mdschema::ir::ModelKind::Object { .. })).collect();
    let mut matched = BTreeMap::new();
    for id in tested {
        let (folder, name) = id.split_once('/').unwrap();
        let in_folder = |m: &&&mdschema::ir::Model| m.folders.first().is_none_or(|f| family(f) == folder);
        let keys: BTreeSet<&str> = oracle.models[id.as_str()]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["wire_name"].as_str())
            .collect();
        let same_keys = |m: &&&mdschema::ir::Model| match &m.kind {
            mdschema::ir::ModelKind::Object { fields, .. } => {
                fields.iter().filter(|f| !f.catch_all).map(|f| f.wire_name.as_str()).collect::<BTreeSet<_>>() == keys
            }
            _ => false,
        };
        let by_title: Vec<_> =
            objects.iter().filter(in_folder).filter(|m| m.title.eq_ignore_ascii_case(name)).collect();
        let found = match by_title.as_slice() {
            [one] => Some(**one),
            _ => {
                let prefix = name.to_ascii_lowercase();
                let renamed: Vec<_> = objects
                    .iter()
                    .filter(in_folder)
                    .filter(|m| m.title.to_ascii_lowercase().starts_with(&prefix))
                    .filter(same_keys)
                    .collect();
                match renamed.as_slice() {
                    [one] => Some(**one),
                    _ => None,
                }
            }
        };
        if let Some(model) = found {
            matched.insert(id.to_string(), model.clone());
        }
    }
    matched
}
/// The documents built for each model.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    AllFields,
    RequiredOnly,
    NullableNull,
    /// A union's member, by its index in the oracle.
    Member(usize),
    /// A document broken in one fact, for the JSON Schema export's agreement.
    Mutation(&'static str),
    /// The model built by `Default` (from `{}`) or by `new` (from a required-only document).
    Construct,
}

struct Oracle<'a> {
    models: &'a Map<String, Value>,
}

impl Oracle<'_> {
    /// A JSON object for model `id`; nested models get their required fields only.
    fn object(&self, id: &str, mode: Mode, depth: usize) -> Option<Value> {
        if depth > 12 {
            return None;
        }
        let model = self.models.get(id)?;
        let mut object = Map::new();
        for field in model["fields"].as_array()? {
            let Some(wire) = field["wire_name"].as_str() else {
                if field["catch_all"] == true && mode == Mode::AllFields {
                    object.insert("an_extra_key".into(), json!({"kept": [1, "two", null]}));
                }
                continue;
            };
            let required = field["required"] == true;
            let nullable = field["nullable"] == true;
            let value = match mode {
                Mode::NullableNull if nullable => Value::Null,
                Mode::AllFields => self.value(field["type"].as_str()?, field, id, depth)?,
                _ if required => self.value(field["type"].as_str()?, field, id, depth)?,
                _ => continue,
            };
            object.insert(wire.to_string(), value);
        }
        Some(Value::Object(object))
    }

    /// A value of the Java type `ty` (`Optional<List<Foo>>`).
    fn value(&self, ty: &str, field: &Value, from: &str, depth: usize) -> Option<Value> {
        let ty = ty.trim().trim_start_matches("java.util.");
        if let Some((outer, inner)) = ty.split_once('<') {
            let inner = inner.strip_suffix('>')?;
            return match outer {
                "Optional" | "JsonNullable" => self.value(inner, field, from, depth),
                "List" => Some(json!([self.value(inner, field, from, depth)?])),
                "Map" => Some(json!({"key": self.value(inner.split_once(',')?.1, field, from, depth)?})),
                _ => None,
            };
        }
        Some(match ty {
            "String" => json!("text"),
            "Long" | "long" => json!(9_007_199_254_740_993_i64),
            "Integer" | "int" => json!(7),
            "Double" | "double" => json!(1.25),
            "Float" | "float" => json!(0.5),
            "Boolean" | "boolean" => json!(true),
            "OffsetDateTime" => json!("2021-03-04T05:06:07.250+02:00"),
            "LocalDate" => json!("2021-03-04"),
            "Object" => json!({"any": [1, "x", null, {"deep": true}]}),
            "byte[]" => json!("aGVsbG8="),
            name => return self.model_value(&self.resolve(name, field, from)?, depth + 1),
        })
    }

    /// The oracle key of the model `name` referenced from `from`.
    fn resolve(&self, name: &str, field: &Value, from: &str) -> Option<String> {
        let refs = field["refs"].as_array().into_iter().flatten().filter_map(Value::as_str);
        if let Some(found) = refs.clone().find(|r| r.rsplit('/').next() == Some(name)) {
            return Some(found.to_string());
        }
        let folder = from.split('/').next()?;
        let local = format!("{folder}/{name}");
        if self.models.contains_key(&local) {
            return Some(local);
        }
        refs.into_iter().next().map(str::to_string)
    }

    fn model_value(&self, id: &str, depth: usize) -> Option<Value> {
        let model = self.models.get(id)?;
        match model["kind"].as_str()? {
            "object" => self.object(id, Mode::RequiredOnly, depth),
            "enum" => model["values"][0]["value"].as_str().map(|v| json!(v)),
            "union" => {
                let member = &model["members"][0];
                self.value(member["type"].as_str()?, member, id, depth)
            }
            _ => None,
        }
    }
}

/// The JSON keys of `model` whose `null` must survive (fields the doc marks nullable).
fn nullable_fields(model: &mdschema::ir::Model) -> BTreeSet<String> {
    match &model.kind {
        mdschema::ir::ModelKind::Object { fields, .. } => {
            fields.iter().filter(|f| f.nullable).map(|f| f.wire_name.clone()).collect()
        }
        _ => BTreeSet::new(),
    }
}

/// Compares a top-level document: a `null` may come back absent only for a field the doc
/// does not mark nullable.
fn same_document(input: &Value, output: &Value, nullable: &BTreeSet<String>) -> Result<(), String> {
    let (Value::Object(input), Value::Object(output)) = (input, output) else {
        return same(input, output, "");
    };
    for (key, value) in input {
        match output.get(key) {
            Some(out) => same(value, out, key)?,
            None if value.is_null() && !nullable.contains(key) => {}
            None => return Err(format!("`{key}` was dropped")),
        }
    }
    if let Some(extra) = output.keys().find(|k| !input.contains_key(*k)) {
        return Err(format!("`{extra}` was added"));
    }
    Ok(())
}

/// Equal by value: numbers by value, date-times as the same instant and offset.
fn same(a: &Value, b: &Value, path: &str) -> Result<(), String> {
    let equal = match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || (x.as_f64() == y.as_f64() && x.as_i64().is_none()),
        (Value::String(x), Value::String(y)) => x == y || same_date_time(x, y),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            return x.iter().zip(y).enumerate().try_for_each(|(i, (x, y))| same(x, y, &format!("{path}[{i}]")));
        }
        (Value::Object(x), Value::Object(y)) if x.len() == y.len() => {
            return x.iter().try_for_each(|(k, v)| match y.get(k) {
                Some(w) => same(v, w, &format!("{path}.{k}")),
                None => Err(format!("`{path}.{k}` was dropped")),
            });
        }
        _ => a == b,
    };
    if equal { Ok(()) } else { Err(format!("`{path}`: sent {a}, got back {b}")) }
}

fn same_date_time(a: &str, b: &str) -> bool {
    match (chrono::DateTime::parse_from_rfc3339(a), chrono::DateTime::parse_from_rfc3339(b)) {
        (Ok(x), Ok(y)) => x == y && x.offset() == y.offset(),
        _ => false,
    }
}

/// The crate of one dialect's generated models, with `round_trip(oracle id, JSON)`.
fn write_dialect_crate(
    dir: &Path,
    root: &str,
    matched: &BTreeMap<String, mdschema::ir::Model>,
    paths: &BTreeMap<String, String>,
    construction: &BTreeMap<String, Construction>,
) {
    let mut arms: String = matched
        .iter()
        .map(|(id, model)| format!("        {id:?} => round_trip_as::<models::{}>(input),\n", paths[&model.id]))
        .collect();
    // `new:<id>`: the model built by `Default` or by `new` from a deserialized document's
    // required fields, which must equal that document.
    for (id, model) in matched {
        let path = format!("models::{}", paths[&model.id]);
        let build = match construction.get(&paths[&model.id]) {
            Some(Construction::Default) => format!("Ok(<{path} as Default>::default())"),
            Some(Construction::New(params)) => format!(
                "{{ let read: {path} = serde_json::from_value(input).map_err(|e| e.to_string())?; \
                 let {path} {{ {fields}, .. }} = read.clone(); \
                 let built = {path}::new({fields}); \
                 if built == read {{ Ok(built) }} else {{ Err(\"new(..) differs from the document\".to_string()) }} }}",
                fields = params.join(", ")
            ),
            None => continue,
        };
        arms.push_str(&format!(
            "        {:?} => {{ let built: Result<{path}, String> = {build}; built.and_then(|b| serde_json::to_value(&b).map_err(|e| e.to_string())) }}\n",
            format!("new:{id}")
        ));
    }
    let lib = common::round_trip_lib(root, &arms);
    let name = dir.file_name().unwrap().to_str().unwrap();
    common::write_member(dir, &format!("models-{name}"), "", &[("src/lib.rs", &lib)]);
}

/// How a generated struct is built without JSON.
#[derive(Debug, Clone, PartialEq)]
enum Construction {
    /// It derives `Default`.
    Default,
    /// `new` with these parameters (the required fields' names).
    New(Vec<String>),
}

/// Each generated struct's construction, by its path from the root module (`components::Pet`),
/// read from the generated files themselves.
fn constructions(out: &Path) -> BTreeMap<String, Construction> {
    let mut found = BTreeMap::new();
    let mut pending = vec![out.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let module: Vec<String> = path
                .parent()
                .unwrap()
                .strip_prefix(out)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .collect();
            let file = syn::parse_file(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let name = |ident: &dyn std::fmt::Display| {
                let mut full = module.clone();
                full.push(ident.to_string());
                full.join("::")
            };
            for item in file.items {
                match item {
                    syn::Item::Struct(item) => {
                        let derives = item.attrs.iter().filter(|a| a.path().is_ident("derive"));
                        if derives
                            .map(|a| a.meta.require_list().unwrap().tokens.to_string())
                            .any(|d| d.split(',').any(|x| x.trim() == "Default"))
                        {
                            found.insert(name(&item.ident), Construction::Default);
                        }
                    }
                    syn::Item::Impl(item) if item.trait_.is_none() => {
                        let syn::Type::Path(ty) = &*item.self_ty else { continue };
                        for f in item.items {
                            let syn::ImplItem::Fn(f) = f else { continue };
                            if f.sig.ident != "new" {
                                continue;
                            }
                            let params = f
                                .sig
                                .inputs
                                .iter()
                                .map(|arg| match arg {
                                    syn::FnArg::Typed(arg) => param_name(&arg.pat),
                                    syn::FnArg::Receiver(_) => panic!("new takes no self"),
                                })
                                .collect();
                            found.insert(name(&ty.path.segments.last().unwrap().ident), Construction::New(params));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    found
}

fn param_name(pat: &syn::Pat) -> String {
    match pat {
        syn::Pat::Ident(ident) => ident.ident.to_string(),
        _ => panic!("a parameter of new is not a plain name"),
    }
}

/// The dialect whose crate also builds every model without JSON (`Default` or `new`).
const CONSTRUCTED: &str = "java";
