//! Sets of docs that link to each other, broken members among them: every problem of every
//! doc is reported once, located, with exit-code-2 errors; never a panic; nothing written.
//! And docs copied out of an SDK keep their links.

use std::path::Path;

const FIELDS: &str = "## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n";
const BROKEN: &str = "# Broken\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `q` | *Frobnicate\\<Q>* | :heavy_check_mark: | x |\n";

fn doc(title: &str, rows: &[(&str, &str)]) -> String {
    let mut text = format!("# {title}\n\n{FIELDS}");
    for (name, ty) in rows {
        text.push_str(&format!("| `{name}` | {ty} | :heavy_check_mark: | x |\n"));
    }
    text
}

/// Writes the docs under `schemas/`, loads and renders them.
fn run(dir: &Path, files: &[(&str, String)]) -> Result<(Vec<mdschema::RenderedFile>, Vec<String>), Vec<String>> {
    let schemas = dir.join("schemas");
    for (path, text) in files {
        let path = schemas.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let mut config = mdschema::Config::new();
    config.schemas_dir(&schemas).out_dir(dir.join("out"));
    let first_lines = |diagnostics: &[mdschema::Diagnostic]| -> Vec<String> {
        diagnostics.iter().map(|d| d.to_string().lines().next().unwrap_or_default().to_string()).collect()
    };
    match config.generate() {
        Ok(report) => {
            let loaded = config.load().unwrap();
            Ok((config.render(&loaded).unwrap(), first_lines(&report.warnings)))
        }
        Err(mdschema::Error::Input(diagnostics)) => {
            assert!(!dir.join("out").exists(), "nothing is written when the input has errors");
            Err(first_lines(&diagnostics))
        }
        Err(other) => panic!("expected input errors, got {other}"),
    }
}

fn ends(lines: &[String], suffixes: &[&str]) {
    assert_eq!(lines.len(), suffixes.len(), "{lines:#?}");
    for (line, suffix) in lines.iter().zip(suffixes) {
        assert!(line.ends_with(suffix) || line.contains(suffix), "`{line}` should say `{suffix}`");
    }
}

#[test]
fn a_broken_doc_is_reported_once_whatever_links_to_it() {
    let broken_only = ["Broken.md:7:10: unknown type `Frobnicate`"];
    type Case<'a> = (&'a str, Vec<(&'a str, String)>, Vec<&'a str>);
    let cases: Vec<Case> = vec![
        (
            "a link to a broken doc",
            vec![("Broken.md", BROKEN.into()), ("Parent.md", doc("Parent", &[("b", "[Broken](Broken.md)")]))],
            broken_only.to_vec(),
        ),
        (
            "a list of a broken doc",
            vec![("Broken.md", BROKEN.into()), ("Parent.md", doc("Parent", &[("b", "List\\<[Broken](Broken.md)>")]))],
            broken_only.to_vec(),
        ),
        (
            "a map of a broken doc",
            vec![
                ("Broken.md", BROKEN.into()),
                ("Parent.md", doc("Parent", &[("b", "Map\\<String, [Broken](Broken.md)>")])),
            ],
            broken_only.to_vec(),
        ),
        (
            "a cycle through a broken doc",
            vec![
                (
                    "Broken.md",
                    format!(
                        "{BROKEN}| `p` | [Parent](Parent.md) | :heavy_check_mark: | x |\n| `r` | *Nope* | :heavy_check_mark: | x |\n"
                    ),
                ),
                (
                    "Parent.md",
                    doc("Parent", &[("b", "[Optional\\<Broken>](Broken.md)"), ("me", "[Parent](Parent.md)")]),
                ),
            ],
            vec!["Broken.md:7:10: unknown type `Frobnicate`", "Broken.md:9:10: unknown type `Nope`"],
        ),
        (
            "a broken doc and a missing one",
            vec![
                ("Broken.md", BROKEN.into()),
                ("Parent.md", doc("Parent", &[("b", "[Broken](Broken.md)"), ("m", "[Missing](Missing.md)")])),
            ],
            vec![broken_only[0], "Parent.md:8:9: the link `Missing.md` names no doc in the schemas folder"],
        ),
    ];
    for (name, files, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        match run(dir.path(), &files) {
            Err(errors) => ends(&errors, &expected),
            Ok(_) if expected.is_empty() => {}
            Ok(_) => panic!("{name}: expected errors"),
        }
    }
}

#[test]
fn a_broken_doc_linked_from_ten_docs_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = vec![("Broken.md".to_string(), BROKEN.to_string())];
    for i in 0..10 {
        let rows = [("b", "[Broken](Broken.md)"), ("l", "List\\<[Broken](Broken.md)>")];
        files.push((format!("P{i}.md"), doc(&format!("P{i}"), &rows)));
    }
    let files: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let errors = run(dir.path(), &files).expect_err("the broken doc is an error");
    ends(&errors, &["Broken.md:7:10: unknown type `Frobnicate`"]);
}

#[test]
fn a_doc_that_fails_to_read_is_still_a_link_target() {
    // Invalid UTF-8 fails before lowering: the linking doc must not report a missing doc.
    let dir = tempfile::tempdir().unwrap();
    let schemas = dir.path().join("schemas");
    std::fs::create_dir_all(&schemas).unwrap();
    std::fs::write(schemas.join("Bad.md"), b"# Bad\n\xff").unwrap();
    std::fs::write(schemas.join("Parent.md"), doc("Parent", &[("b", "[Bad](Bad.md)")])).unwrap();
    std::fs::write(schemas.join("Other.md"), doc("Other", &[("m", "[Missing](Missing.md)")])).unwrap();
    let error = mdschema::Config::new().schemas_dir(&schemas).out_dir(dir.path().join("out")).generate().unwrap_err();
    let text = error.to_string();
    assert!(text.contains("Bad.md: the doc is not valid UTF-8"), "{text}");
    // The other docs' problems are reported in the same run.
    assert!(text.contains("Other.md:7:9: the link `Missing.md` names no doc"), "{text}");
    assert_eq!(text.matches("names no doc").count(), 1, "{text}");
    assert!(text.contains("\n2 errors in the input\n"), "{text}");
    // The summary says how to generate the rest anyway.
    assert!(text.ends_with("pass `--keep-going` (or set `keep_going = true` in mdschema.toml)"), "{text}");
}

/// `schemas/Credentials.md` and `schemas/ConnectionValue.md` copied from an SDK's
/// `docs/models/components/`: their links still name `../../models/components/…`.
#[test]
fn docs_copied_into_a_flat_folder_keep_their_sdk_links_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let files = vec![
        (
            "Credentials.md",
            doc(
                "Credentials",
                &[("value", "[Optional\\<ConnectionValue>](../../models/components/ConnectionValue.md)")],
            ),
        ),
        (
            "ConnectionValue.md",
            doc("ConnectionValue", &[("back", "List\\<[Credentials](../../models/components/Credentials.md)>")]),
        ),
    ];
    let (rendered, warnings) = run(dir.path(), &files).expect("the links resolve by file name");
    ends(
        &warnings,
        &[
            "ConnectionValue.md:7:12: [link-by-file-name] the link `../../models/components/Credentials.md` names no doc by its path; it was matched by its file name to `Credentials.md`",
            "Credentials.md:7:13: [link-by-file-name] the link `../../models/components/ConnectionValue.md` names no doc by its path; it was matched by its file name to `ConnectionValue.md`",
        ],
    );
    let credentials = rendered.iter().find(|f| f.path == "credentials.rs").unwrap();
    assert!(credentials.contents.contains("pub value: Option<ConnectionValue>"), "{}", credentials.contents);
}

#[test]
fn two_docs_with_the_linked_file_name_are_an_error_listing_both() {
    let dir = tempfile::tempdir().unwrap();
    let files = vec![
        ("a/Pet.md", doc("Pet", &[])),
        ("b/Pet.md", doc("Pet", &[])),
        ("Owner.md", doc("Owner", &[("pet", "[Pet](../../models/components/Pet.md)")])),
    ];
    let errors = run(dir.path(), &files).expect_err("ambiguous");
    ends(
        &errors,
        &[
            "Owner.md:7:11: the link `../../models/components/Pet.md` names no doc by its path, and several docs have its file name: `a/Pet.md`, `b/Pet.md`",
        ],
    );
}

#[test]
fn a_flat_sdk_folder_linking_through_its_own_name_resolves_without_warning() {
    // Python and Go SDKs keep every model in `models/` and link `../models/name.md`.
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().join("models");
    std::fs::create_dir_all(&models).unwrap();
    std::fs::write(models.join("owner.md"), doc("Owner", &[("pet", "[models.Pet](../models/pet.md)")])).unwrap();
    std::fs::write(models.join("pet.md"), doc("Pet", &[])).unwrap();
    let loaded = mdschema::Config::new().schemas_dir(&models).load().unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    // The same docs under another folder name still resolve, by file name, with a warning.
    let renamed = dir.path().join("copied");
    std::fs::rename(&models, &renamed).unwrap();
    let loaded = mdschema::Config::new().schemas_dir(&renamed).load().unwrap();
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
}

/// `Config::keep_going`: the doc that is not UTF-8 and the doc whose link leads nowhere
/// become any-JSON types titled as the docs are; the doc linking to the first generates.
#[test]
fn keeping_going_every_readable_doc_generates() {
    let dir = tempfile::tempdir().unwrap();
    let schemas = dir.path().join("schemas");
    std::fs::create_dir_all(&schemas).unwrap();
    std::fs::write(schemas.join("Bad.md"), b"# Bad\n\xff").unwrap();
    std::fs::write(schemas.join("Parent.md"), doc("Parent", &[("b", "[Bad](Bad.md)")])).unwrap();
    std::fs::write(schemas.join("Other.md"), doc("Other Thing", &[("m", "[Missing](Missing.md)")])).unwrap();
    let loaded = mdschema::Config::new().schemas_dir(&schemas).keep_going(true).load().expect("keeps going");
    let kinds: Vec<(&str, &str, String)> = loaded
        .schema
        .models
        .iter()
        .map(|m| (m.id.as_str(), m.title.as_str(), serde_json::to_value(&m.kind).unwrap()["kind"].to_string()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Bad", "Bad", "\"opaque\"".to_string()),
            ("Other", "Other Thing", "\"opaque\"".to_string()),
            ("Parent", "Parent", "\"object\"".to_string())
        ]
    );
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.headline()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings[0].ends_with("Bad.md: [unreadable-doc] the doc is not valid UTF-8 (invalid byte at offset 6)"));
    assert!(
        warnings[1]
            .ends_with("Other.md:7:9: [unreadable-doc] the link `Missing.md` names no doc in the schemas folder")
    );
    let ir = serde_json::to_value(&loaded.schema).unwrap();
    assert_eq!(
        ir["models"][1]["kind"]["unreadable"],
        "line 7, column 9: the link `Missing.md` names no doc in the schemas folder"
    );
}

/// A model whose file name is longer than a formatted line: its `include!` stays one line,
/// so the one-file output still finds it.
#[test]
fn a_long_model_name_is_included_in_one_file_output() {
    let title = "AiConfigTargetingEnvironmentFallthroughRolloutExperimentationAllocationWithAVeryLongNameIndeed";
    let docs = [(format!("{title}.md"), doc(title, &[("x", "*String*")]))];
    let mut config = mdschema::Config::new();
    config.schemas_dir("schemas").single_file("models.rs");
    let loaded = config.load_texts(docs).unwrap();
    let files = config.render(&loaded).expect("one file");
    assert!(files[0].contents.contains(&format!("pub struct {title} {{")), "{}", files[0].contents);
}
