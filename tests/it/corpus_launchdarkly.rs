//! LaunchDarkly's openapi-generator docs (`$MDSCHEMA_CORPUS/launchdarkly/<7 languages>`)
//! against the spec they were generated from (`launchdarkly/openapi.yaml`, read by this test
//! only): per language, the share of the spec's properties whose JSON key, required flag,
//! nullability, type kind and enum values the generated schema gets right; and JSON payloads
//! built from the spec (every field, required fields only, nulls, each oneOf member)
//! round-tripped through each language's generated types, all seven crates built under
//! `deny(warnings)` and clippy. The per-language tables are printed (`-- --nocapture`).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::common;
use crate::openapi_spec::{Mode, Payloads, SpecScore, component_schemas, fields_of, model_for, score, wire_names};

/// Each language, and the `wire_case` of the API's camel-case keys in it: what docs cannot
/// give (TypeScript and JavaScript keep the keys; the others rename them by a case rule).
/// Whether its docs are of the spec's release (PHP's and JavaScript's are of client 20.0.0,
/// two releases behind: what they do not list they cannot keep).
const LANGUAGES: &[(&str, &str, bool)] = &[
    ("go", "camel_case", true),
    ("typescript", "verbatim", true),
    ("python", "camel_case", true),
    ("java", "camel_case", true),
    ("ruby", "camel_case", true),
    ("php", "camel_case", false),
    ("javascript", "verbatim", false),
];

/// The languages merged, in order (the first wins conflicts): TypeScript's keys first.
const MERGED: &[&str] = &["typescript", "go", "java", "python", "ruby"];

/// One language's generated crate: the Rust type path of each spec schema it matched by title.
struct Run {
    language: &'static str,
    /// Its docs are of the spec's release.
    current: bool,
    types: BTreeMap<String, String>,
    schema: mdschema::ir::Schema,
}

#[test]
fn launchdarkly_languages_against_the_spec_and_its_payloads() {
    let Some(corpus) = common::corpus("launchdarkly/go/docs") else { return };
    let schemas = component_schemas(&corpus.join("launchdarkly/openapi.yaml"));
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-launchdarkly");
    std::fs::create_dir_all(&scratch).unwrap();
    eprintln!(
        "| language | `wire_case` | properties | found | JSON key | required | nullable | type kind | enum values |"
    );
    eprintln!("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    let mut runs = Vec::new();
    let mut scores = Vec::new();
    for (language, wire_case, current) in LANGUAGES {
        let docs = corpus.join("launchdarkly").join(language).join("docs");
        let config_file = scratch.join(format!("{language}.toml"));
        std::fs::write(&config_file, format!("wire_case = \"{wire_case}\"\n")).unwrap();
        let loaded = mdschema::Config::new().schemas_dir(&docs).config_file(&config_file).load().unwrap();
        let score = score(&loaded.schema, &schemas);
        print_score(language, wire_case, &score);
        scores.push(score);
        let score = scores.last().unwrap();
        // What every language writes: the required flags and the kinds of types.
        assert!(
            score.found * 100 >= score.properties * 93,
            "{language}: {} of {} found",
            score.found,
            score.properties
        );
        assert!(score.required * 1000 >= score.found * 995, "{language}: required {}/{}", score.required, score.found);
        assert!(score.kind * 100 >= score.found * 99, "{language}: type kind {}/{}", score.kind, score.found);

        // The payloads' run: the JSON keys no `wire_case` rebuilds, from the spec.
        std::fs::write(&config_file, format!("wire_case = \"{wire_case}\"\n{}", wire_names(&loaded.schema, &schemas)))
            .unwrap();
        let mut config = mdschema::Config::new();
        config
            .schemas_dir(&docs)
            .config_file(&config_file)
            .single_file("models.rs")
            .out_dir(scratch.join(language).join("models"));
        config.generate().unwrap_or_else(|e| panic!("{language}: {e}"));
        let loaded = config.load().unwrap();
        runs.push(Run { language, current: *current, types: types_by_title(&loaded, &schemas), schema: loaded.schema });
    }

    // The merge of five languages, with no config at all: it must know what each knows.
    let mut config = mdschema::Config::new();
    config
        .schemas_dirs(MERGED.iter().map(|language| corpus.join("launchdarkly").join(language).join("docs")))
        .single_file("models.rs")
        .out_dir(scratch.join("merged").join("models"));
    let report = config.generate().unwrap_or_else(|e| panic!("merged: {e}"));
    let loaded = config.load().unwrap();
    let merged = score(&loaded.schema, &schemas);
    print_score("merged", "(none)", &merged);
    let conflicts: Vec<_> =
        report.warnings.iter().filter(|w| w.code == Some(mdschema::WarningCode::MergeConflict)).collect();
    eprintln!("merged: {} models, {} merge conflicts", report.models, conflicts.len());
    for conflict in conflicts.iter().filter(|c| !c.message.contains("is int32 here and int64")).take(30) {
        eprintln!("  {}", conflict.message);
    }
    for wrong in &merged.wrong_kinds {
        eprintln!("  wrong kind: {wrong}");
    }
    let singles: Vec<&SpecScore> =
        scores.iter().zip(LANGUAGES).filter(|(_, (l, ..))| MERGED.contains(l)).map(|(s, _)| s).collect();
    for (i, (fact, share)) in merged.facts().into_iter().enumerate() {
        let best = singles.iter().map(|s| s.facts()[i].1).fold(0.0, f64::max);
        assert!(share >= best, "merged {fact}: {share} < the best language's {best}");
    }
    // Every oneOf schema is a Rust enum: alone, or flattened beside the schema's own
    // properties (`kind` in `AIConfig__maintainer`).
    let by_id: BTreeMap<&str, &mdschema::ir::Model> = loaded.schema.models.iter().map(|m| (m.id.as_str(), m)).collect();
    let is_union = |model: &mdschema::ir::Model| matches!(model.kind, mdschema::ir::ModelKind::Union { .. });
    for (name, schema) in &schemas {
        if schema.get("oneOf").is_some() {
            let model = model_for(&loaded.schema, name).unwrap_or_else(|| panic!("merged: no model for {name}"));
            let flattens_a_union = match &model.kind {
                mdschema::ir::ModelKind::Object { fields, .. } => fields.iter().any(|f| {
                    let mdschema::ir::Type::Ref { target } = &f.ty else { return false };
                    f.catch_all && by_id.get(target.id.as_str()).is_some_and(|m| is_union(m))
                }),
                _ => false,
            };
            assert!(is_union(model) || flattens_a_union, "merged: {name} is not a union");
        }
    }
    runs.push(Run {
        language: "merged",
        current: true,
        types: types_by_title(&loaded, &schemas),
        schema: loaded.schema,
    });

    for run in &runs {
        let arms: String = run
            .types
            .iter()
            .map(|(title, path)| format!("        {title:?} => round_trip_as::<models::{path}>(input),\n"))
            .collect();
        common::write_member(
            &scratch.join(run.language),
            &format!("models-{}", run.language),
            "",
            &[("src/lib.rs", &common::round_trip_lib("models.rs", &arms))],
        );
    }
    common::write_harness(&scratch, &runs.iter().map(|r| r.language).collect::<Vec<_>>());
    let started = std::time::Instant::now();
    common::build_with_clippy(&scratch);
    eprintln!("{} crates built under clippy in {:?}", runs.len(), started.elapsed());

    // Each payload twice: from the whole spec, and from the properties the docs list (for
    // docs of an older release than the spec).
    let mut cases = Vec::new();
    for run in &runs {
        let listed = |name: &str, key: &str| {
            fields_of(&run.schema, name).is_none_or(|fields| crate::openapi_spec::find_field(fields, key).is_some())
        };
        for (listed_only, filter) in [(false, None), (true, Some(&listed as &dyn Fn(&str, &str) -> bool))] {
            let payloads = Payloads::new(&schemas, filter);
            for title in run.types.keys() {
                for payload in payloads.of(title) {
                    cases.push(Case { language: run.language, title: title.clone(), listed_only, payload });
                }
            }
        }
    }
    let wire: Vec<(String, Value)> =
        cases.iter().map(|case| (format!("{}:{}", case.language, case.title), case.payload.value.clone())).collect();
    let results = common::run_harness(&scratch, &wire);
    let exact: Vec<bool> =
        cases.iter().zip(&results).map(|(case, r)| r.as_ref().is_ok_and(|o| *o == case.payload.value)).collect();

    eprintln!(
        "| language | schemas typed | payloads | all fields | required only | nulls | oneOf members | exact | exact, no oneOf | exact, no oneOf, properties the docs list |"
    );
    eprintln!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    let all = Payloads::new(&schemas, None);
    let with_payloads: std::collections::BTreeSet<&str> =
        schemas.keys().map(String::as_str).filter(|name| !all.of(name).is_empty()).collect();
    let mut failures = Vec::new();
    let mut shares = Vec::new();
    for run in &runs {
        let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let ours = cases.iter().zip(&results).zip(&exact).filter(|((c, _), _)| c.language == run.language);
        for ((case, result), exact) in ours {
            let mode = match case.payload.mode {
                Mode::AllFields => "all",
                Mode::RequiredOnly => "required",
                Mode::Nulls => "nulls",
                Mode::Member(_) => "members",
            };
            let no_one_of = !case.payload.one_of;
            let labels: &[(&str, bool)] = &[
                (mode, !case.listed_only),
                ("exact", !case.listed_only),
                ("no oneOf", !case.listed_only && no_one_of),
                ("listed", case.listed_only && no_one_of),
            ];
            for (label, _) in labels.iter().filter(|(_, counted)| *counted) {
                let entry = tally.entry(label).or_default();
                entry.0 += 1;
                entry.1 += usize::from(*exact);
            }
            if !exact && !case.listed_only {
                failures.push(format!(
                    "{}: {} ({:?}{}): {}",
                    run.language,
                    case.title,
                    case.payload.mode,
                    if no_one_of { "" } else { ", holds a oneOf" },
                    explain(&case.payload.value, result)
                ));
            }
        }
        let cell = |key: &str| tally.get(key).map_or("-".into(), |(n, ok)| format!("{ok}/{n}"));
        let pct = |key: &str| tally.get(key).map_or("-".into(), |(n, ok)| SpecScore::pct(*ok, *n));
        eprintln!(
            "| {} | {} of {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            run.language,
            run.types.keys().filter(|name| with_payloads.contains(name.as_str())).count(),
            with_payloads.len(),
            tally["exact"].0,
            cell("all"),
            cell("required"),
            cell("nulls"),
            cell("members"),
            pct("exact"),
            pct("no oneOf"),
            pct("listed"),
        );
        shares.push((run, tally));
    }
    // A sample of each language's failures, to tell their causes apart.
    let mut shown: BTreeMap<&str, usize> = BTreeMap::new();
    for failure in &failures {
        let count = shown.entry(failure.split(':').next().unwrap()).or_default();
        *count += 1;
        if *count <= 12 {
            eprintln!("  {failure}");
        }
    }
    // What one language can type: every payload without a oneOf schema (which all but Ruby
    // flatten into one object), built from what its docs list; the merge, every payload.
    for (run, tally) in &shares {
        let at_least = |label: &str, share: usize| {
            let (of, exact) = tally[label];
            assert!(exact * 1000 >= of * share, "{}: {exact} of {of} payloads exact ({label})", run.language);
        };
        at_least("listed", 995);
        if run.current {
            at_least("no oneOf", 995);
        }
        // The merge types the oneOf schemas too: every payload counts.
        if run.language == "merged" {
            at_least("exact", 990);
        }
    }
}

fn print_score(language: &str, wire_case: &str, score: &SpecScore) {
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
}

/// The Rust type of each spec schema, matched by title.
fn types_by_title(loaded: &mdschema::Loaded, schemas: &serde_json::Map<String, Value>) -> BTreeMap<String, String> {
    let paths = loaded.type_paths();
    schemas
        .keys()
        .filter_map(|name| Some((name.clone(), paths[&model_for(&loaded.schema, name)?.id].clone())))
        .collect()
}

/// One payload of one language's crate.
struct Case {
    language: &'static str,
    title: String,
    /// Built from the properties the docs list only.
    listed_only: bool,
    payload: crate::openapi_spec::Payload,
}

/// Why a payload did not come back exactly: the rejection, or the first key that differs.
fn explain(input: &Value, result: &Result<Value, String>) -> String {
    match result {
        Err(error) => format!("rejected: {error}"),
        Ok(output) => match (input, output) {
            (Value::Object(a), Value::Object(b)) => {
                let key = a.keys().chain(b.keys()).find(|k| a.get(*k) != b.get(*k)).cloned().unwrap_or_default();
                format!(
                    "`{key}`: {} came back as {}",
                    a.get(&key).unwrap_or(&Value::Null),
                    b.get(&key).map_or("absent".into(), Value::to_string)
                )
            }
            _ => format!("{input} came back as {output}"),
        },
    }
}
