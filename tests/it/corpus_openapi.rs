//! openapi-generator's docs in the corpus (`$MDSCHEMA_CORPUS/launchdarkly/<7 languages>` and
//! `fastly/<5 languages>`): every folder generates without `--keep-going`, each in its own
//! language (detected per doc), with no any-JSON type where the doc has a property row, and
//! six of them, one of each shape of the grammar (Go, TypeScript, Java's inline enums, Ruby's
//! unions, python-prior, Rust), compile together under `deny(warnings)` and
//! `clippy -D warnings` (all twelve did when the family was added; six keep CI under its
//! time limit). The per-folder
//! figures are printed (`-- --nocapture`). Without `MDSCHEMA_CORPUS` the test says so and
//! skips.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common;

/// The folders compiled: one of each shape of the grammar.
const COMPILED: &[&str] = &[
    "launchdarkly/go/docs",
    "launchdarkly/typescript/docs",
    "launchdarkly/java/docs",
    "launchdarkly/ruby/docs",
    "fastly/python/docs",
    "fastly/rust/docs",
];

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
    let Some(dir) = std::env::var_os("MDSCHEMA_CORPUS") else {
        eprintln!("skipped: set MDSCHEMA_CORPUS to the corpus folder (CI sets ../shared/corpus)");
        return None;
    };
    Some(PathBuf::from(dir))
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

/// How one LaunchDarkly language's generated schema matches the spec it was generated from
/// (`launchdarkly/openapi.yaml`): per property of every component schema with properties,
/// whether the model (by title) and field (by JSON key, else by its snake case) are found,
/// and whether the JSON key, required, nullable, type kind and enum values are right.
#[derive(Default)]
struct SpecScore {
    properties: usize,
    found: usize,
    key: usize,
    required: usize,
    nullable: usize,
    kind: usize,
    enums: usize,
    enum_properties: usize,
}

impl SpecScore {
    fn pct(n: usize, of: usize) -> String {
        if of == 0 { "-".into() } else { format!("{:.1}%", 100.0 * n as f64 / of as f64) }
    }
}

#[test]
fn launchdarkly_languages_against_the_spec() {
    let Some(corpus) = corpus() else { return };
    let spec: serde_json::Value =
        serde_yaml_ng::from_str(&std::fs::read_to_string(corpus.join("launchdarkly/openapi.yaml")).unwrap()).unwrap();
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    eprintln!(
        "| language | `wire_case` | properties | found | JSON key | required | nullable | type kind | enum values |"
    );
    eprintln!("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-openapi-spec");
    std::fs::create_dir_all(&scratch).unwrap();
    for (folder, _, _) in FOLDERS.iter().filter(|(f, _, _)| f.starts_with("launchdarkly/")) {
        let language = folder.split('/').nth(1).unwrap();
        // The one setting docs cannot give: the API's keys are camel case, which the
        // languages that rename them (all but TypeScript's and JavaScript's) undo by it.
        let wire_case = if matches!(language, "typescript" | "javascript") { "verbatim" } else { "camel_case" };
        let config_file = scratch.join(format!("{language}.toml"));
        std::fs::write(&config_file, format!("wire_case = \"{wire_case}\"\n")).unwrap();
        let loaded = mdschema::Config::new().schemas_dir(corpus.join(folder)).config_file(&config_file).load().unwrap();
        let score = score(&loaded.schema, schemas);
        let p = |n| SpecScore::pct(n, score.found);
        eprintln!(
            "| {language} | {wire_case} | {} | {} | {} | {} | {} | {} | {} |",
            score.properties,
            SpecScore::pct(score.found, score.properties),
            p(score.key),
            p(score.required),
            p(score.nullable),
            p(score.kind),
            SpecScore::pct(score.enums, score.enum_properties),
        );
        // What every language writes: the required flags and the kinds of types.
        assert!(
            score.found * 100 >= score.properties * 93,
            "{folder}: {} of {} properties found",
            score.found,
            score.properties
        );
        assert!(score.required * 1000 >= score.found * 985, "{folder}: required {}/{}", score.required, score.found);
        assert!(score.kind * 100 >= score.found * 97, "{folder}: type kind {}/{}", score.kind, score.found);
    }
}

fn score(schema: &mdschema::ir::Schema, specs: &serde_json::Map<String, serde_json::Value>) -> SpecScore {
    use heck::ToSnakeCase;
    use mdschema::ir::ModelKind;
    let mut score = SpecScore::default();
    let by_title: BTreeMap<&str, &mdschema::ir::Model> = schema.models.iter().map(|m| (m.title.as_str(), m)).collect();
    let by_id: BTreeMap<&str, &mdschema::ir::Model> = schema.models.iter().map(|m| (m.id.as_str(), m)).collect();
    for (name, spec) in specs {
        let Some(properties) = spec["properties"].as_object() else { continue };
        let required: Vec<&str> =
            spec["required"].as_array().map_or(Vec::new(), |r| r.iter().filter_map(|v| v.as_str()).collect());
        let fields = match by_title.get(name.as_str()).map(|m| &m.kind) {
            Some(ModelKind::Object { fields, .. }) => fields.as_slice(),
            _ => &[],
        };
        for (key, property) in properties {
            score.properties += 1;
            let field = fields
                .iter()
                .find(|f| f.wire_name == *key)
                .or_else(|| fields.iter().find(|f| f.name.to_snake_case() == key.to_snake_case()));
            let Some(field) = field else { continue };
            score.found += 1;
            score.key += usize::from(field.wire_name == *key);
            score.required += usize::from(field.required == required.contains(&key.as_str()));
            let nullable = property["nullable"].as_bool().unwrap_or(false);
            score.nullable += usize::from(field.nullable == nullable);
            score.kind += usize::from(same_kind(&field.ty, property, specs, &by_id));
            let values = enum_values(property, specs);
            if !values.is_empty() {
                score.enum_properties += 1;
                let read: Vec<String> = match target(&field.ty, &by_id).map(|m| &m.kind) {
                    Some(ModelKind::Enum { values, .. }) => values.iter().map(|v| v.value.clone()).collect(),
                    _ => Vec::new(),
                };
                score.enums += usize::from(values.iter().all(|v| read.contains(v)));
            }
        }
    }
    score
}

/// The model a reference names.
fn target<'m>(
    ty: &mdschema::ir::Type,
    models: &BTreeMap<&str, &'m mdschema::ir::Model>,
) -> Option<&'m mdschema::ir::Model> {
    match ty {
        mdschema::ir::Type::Ref { target } => models.get(target.id.as_str()).copied(),
        mdschema::ir::Type::Nullable { inner } => target(inner, models),
        _ => None,
    }
}

/// The spec property's enum values, inline or through a `$ref`.
fn enum_values(property: &serde_json::Value, specs: &serde_json::Map<String, serde_json::Value>) -> Vec<String> {
    let resolved = property["$ref"].as_str().and_then(|r| specs.get(r.rsplit('/').next()?)).unwrap_or(property);
    resolved["enum"]
        .as_array()
        .map_or(Vec::new(), |values| values.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
}

/// Whether the IR type is of the spec property's kind: a string, an integer (a TypeScript or
/// JavaScript `number` stands for one), a number, a boolean, a date or date-time (a string
/// where the language writes dates as strings), an array, a map, a model (a `$ref`, or an
/// inline object), or any JSON where the spec gives no type.
fn same_kind(
    ty: &mdschema::ir::Type,
    property: &serde_json::Value,
    specs: &serde_json::Map<String, serde_json::Value>,
    models: &BTreeMap<&str, &mdschema::ir::Model>,
) -> bool {
    use mdschema::ir::{ModelKind, Type};
    let ty = match ty {
        Type::Nullable { inner } => inner.as_ref(),
        ty => ty,
    };
    if let Some(reference) = property["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap_or("");
        let referenced = specs.get(name);
        // A `$ref` to a plain string enum is read as a string where the language inlines it.
        let is_enum = referenced.is_some_and(|s| s.get("enum").is_some());
        return match ty {
            Type::Ref { .. } => true,
            Type::String | Type::Const { .. } => is_enum,
            Type::Any => referenced.is_some_and(|s| s.get("properties").is_none() && s.get("enum").is_none()),
            _ => false,
        };
    }
    let string = matches!(ty, Type::String | Type::Const { .. });
    match property["type"].as_str() {
        Some("string") => match property["format"].as_str() {
            Some("date-time") => matches!(ty, Type::DateTime) || string,
            Some("date") => matches!(ty, Type::Date) || string,
            _ => string || target(ty, models).is_some_and(|m| matches!(m.kind, ModelKind::Enum { .. })),
        },
        Some("integer") => matches!(ty, Type::Int32 | Type::Int64 | Type::Number),
        Some("number") => matches!(ty, Type::Float32 | Type::Float64 | Type::Number),
        Some("boolean") => matches!(ty, Type::Bool),
        Some("array") => matches!(ty, Type::List { .. }),
        Some("object") if property.get("properties").is_some() => matches!(ty, Type::Ref { .. } | Type::Any),
        Some("object") => matches!(ty, Type::Map { .. } | Type::Any),
        None => matches!(ty, Type::Any | Type::Map { .. } | Type::Ref { .. }),
        Some(_) => false,
    }
}
