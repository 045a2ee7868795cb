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

mod common;
use common::cargo;

fn corpus() -> Option<PathBuf> {
    match std::env::var_os("MDSCHEMA_CORPUS") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            assert!(
                dir.join("apideck/java/models").is_dir(),
                "MDSCHEMA_CORPUS={} holds no apideck/java/models",
                dir.display()
            );
            Some(dir)
        }
        None => {
            eprintln!("skipped: set MDSCHEMA_CORPUS to the corpus folder (CI sets ../shared/corpus)");
            None
        }
    }
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

/// The TypeScript, Python, Go and C# folders generate with every dialect detected per doc,
/// and the result compiles under `deny(warnings)`: all four as modules of one scratch crate,
/// so that CI builds the dependencies once.
#[test]
fn other_dialects_generate_and_compile() {
    let Some(corpus) = corpus() else { return };
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-dialects");
    let config_file = scratch.join("mdschema.toml");
    std::fs::create_dir_all(&scratch).unwrap();
    std::fs::write(&config_file, "wire_case = \"snake_case\"\n").unwrap();
    let mut lib = String::from("#![deny(warnings)]\n");
    for (dialect, folder) in [("typescript", "models"), ("python", "models"), ("go", "models"), ("csharp", "Models")] {
        let mut config = mdschema::Config::new();
        config
            .schemas_dir(corpus.join("apideck").join(dialect).join(folder))
            .config_file(&config_file)
            .out_dir(scratch.join(dialect));
        let report = config.generate().unwrap_or_else(|e| panic!("{dialect}: {e}"));
        let loaded = config.load().unwrap();
        let read_as: BTreeSet<&str> = loaded.schema.models.iter().map(|m| m.dialect.as_str()).collect();
        assert_eq!(read_as, BTreeSet::from([dialect]), "{dialect}: every doc is detected as {dialect}");
        eprintln!("{dialect}: {} models from {} docs, {} warnings", report.models, report.docs, report.warnings.len());
        assert!(report.models > 900, "{dialect}: {} models", report.models);
        lib.push_str(&format!("pub mod {dialect} {{\n    include!(\"../{dialect}/mod.rs\");\n}}\n"));
    }
    common::write_crate(&scratch, "corpus-dialects", &[("src/lib.rs", &lib)]);
    cargo(&scratch, &["check", "--quiet"]);
}

#[test]
fn java_corpus_generates_compiles_and_round_trips() {
    let Some(corpus) = corpus() else { return };
    let docs = corpus.join("apideck/java/models");
    let oracle: Value =
        serde_json::from_slice(&std::fs::read(corpus.join("apideck/java-oracle.json")).unwrap()).unwrap();
    let oracle = Oracle { models: oracle["models"].as_object().unwrap() };

    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-java");
    let mut config = mdschema::Config::new();
    config
        .schemas_dir(&docs)
        .config_file(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/apideck-java.toml"))
        .out_dir(scratch.join("models"));
    let started = std::time::Instant::now();
    let report = config.generate().unwrap_or_else(|e| panic!("{e}"));
    eprintln!("generated {} models from {} docs in {:?}", report.models, report.docs, started.elapsed());
    let loaded = config.load().unwrap();
    let paths = loaded.type_paths();

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
    let missing: Vec<&&String> = tested.iter().filter(|id| !paths.contains_key(id.as_str())).collect();
    assert!(missing.is_empty(), "object models without a generated type: {missing:?}");

    write_scratch_crate(&scratch, &tested, &paths);
    cargo(&scratch, &["clippy", "--quiet", "--", "-D", "warnings"]);
    cargo(&scratch, &["doc", "--no-deps", "--quiet"]);

    let mut cases = Vec::new();
    for id in &tested {
        for mode in [Mode::AllFields, Mode::RequiredOnly, Mode::NullableNull] {
            match oracle.object(id, mode, 0) {
                Some(input) => cases.push(json!({"id": id, "mode": format!("{mode:?}"), "input": input})),
                None => panic!("{id}: the oracle does not say how to build a {mode:?} document"),
            }
        }
    }
    let cases_path = scratch.join("cases.json");
    std::fs::write(&cases_path, serde_json::to_vec(&cases).unwrap()).unwrap();
    let output = cargo(&scratch, &["run", "--quiet", "--", cases_path.to_str().unwrap()]);
    let results: Vec<Value> = serde_json::from_slice(&output).unwrap();

    let nullable = nullable_fields(&loaded.schema);
    let mut failures = Vec::new();
    let mut failed_models = BTreeSet::new();
    for (case, result) in cases.iter().zip(&results) {
        let id = case["id"].as_str().unwrap();
        let outcome = match (&result["ok"], &result["err"]) {
            (Value::Null, Value::String(err)) => Err(format!("rejected: {err}")),
            (ok, _) => same_document(&case["input"], ok, &nullable[id]),
        };
        if let Err(why) = outcome {
            failed_models.insert(id.to_string());
            failures.push(format!("{id} ({}): {why}", case["mode"].as_str().unwrap()));
        }
    }
    let documents = cases.len();
    eprintln!(
        "java corpus round trip: {}/{} models, {}/{} documents passed",
        tested.len() - failed_models.len(),
        tested.len(),
        documents - failures.len(),
        documents
    );
    for failure in failures.iter().take(30) {
        eprintln!("  {failure}");
    }
    assert!(failures.is_empty(), "{} of {documents} documents failed to round-trip", failures.len());
}

/// The documents built for each model.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    AllFields,
    RequiredOnly,
    NullableNull,
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

/// Model id → JSON keys whose `null` must survive (fields the docs mark nullable).
fn nullable_fields(schema: &mdschema::ir::Schema) -> BTreeMap<String, BTreeSet<String>> {
    schema
        .models
        .iter()
        .map(|m| {
            let keys = match &m.kind {
                mdschema::ir::ModelKind::Object { fields, .. } => {
                    fields.iter().filter(|f| f.nullable).map(|f| f.wire_name.clone()).collect()
                }
                _ => BTreeSet::new(),
            };
            (m.id.clone(), keys)
        })
        .collect()
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

fn write_scratch_crate(dir: &Path, ids: &[&String], paths: &BTreeMap<String, String>) {
    let mut arms = String::new();
    for id in ids {
        arms.push_str(&format!("        {id:?} => round_trip_as::<models::{}>(input),\n", paths[id.as_str()]));
    }
    let lib = format!(
        r#"#![deny(warnings)]

pub mod models {{
    include!("../models/mod.rs");
}}

/// Deserializes `input` as the model `id` and serializes it back.
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
    );
    let main = r#"fn main() {
    let path = std::env::args().nth(1).expect("usage: corpus-models CASES.json");
    let cases: Vec<serde_json::Value> = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let results: Vec<serde_json::Value> = cases
        .into_iter()
        .map(|case| match corpus_models::round_trip(case["id"].as_str().unwrap(), case["input"].clone()) {
            Ok(output) => serde_json::json!({"ok": output}),
            Err(error) => serde_json::json!({"err": error}),
        })
        .collect();
    println!("{}", serde_json::to_string(&results).unwrap());
}
"#;
    common::write_crate(dir, "corpus-models", &[("src/lib.rs", lib.as_str()), ("src/main.rs", main)]);
}
