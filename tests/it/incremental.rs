//! Unchanged runs and runs after small edits: a run whose inputs and generator match the
//! previous run's, over intact output, parses nothing; any difference falls back to the
//! full path; and output reused file by file is byte-identical to a full run's, over
//! random edit sequences.

use std::path::Path;

use proptest::prelude::*;

use crate::common;
use common::files_under;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn object(title: &str, rows: &[(&str, &str, bool)]) -> String {
    let mut text = format!(
        "# {title}\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| - | - | - | - | - |\n"
    );
    for (field, ty, required) in rows {
        let required = if *required { ":heavy_check_mark:" } else { ":heavy_minus_sign:" };
        text.push_str(&format!("| `{field}` | {ty} | {required} | About {field}. | |\n"));
    }
    text
}

fn link(title: &str) -> String {
    format!("[Optional\\<{title}>](../../models/components/{title}.md)")
}

fn generate(schemas: &Path, out: &Path) -> mdschema::Report {
    mdschema::Config::new().schemas_dir(schemas).out_dir(out).generate().unwrap()
}

fn base_docs(schemas: &Path) {
    write(
        &schemas.join("components/Pet.md"),
        &object("Pet", &[("id", "*String*", true), ("owner", &link("Owner"), false)]),
    );
    write(
        &schemas.join("components/Owner.md"),
        &object("Owner", &[("name", "*String*", true), ("pet", &link("Pet"), false)]),
    );
    write(&schemas.join("components/Tag.md"), &object("Tag", &[("label", "*Optional\\<String>*", false)]));
}

#[test]
fn an_unchanged_run_parses_nothing_and_every_difference_falls_back() {
    let dir = tempfile::tempdir().unwrap();
    let schemas = dir.path().join("schemas");
    let out = dir.path().join("out");
    base_docs(&schemas);
    let first = generate(&schemas, &out);
    assert!(!first.reused);
    let files = files_under(&out);

    let again = generate(&schemas, &out);
    assert!(again.reused, "nothing changed");
    assert_eq!((again.models, again.docs, again.changes.unchanged.len()), (first.models, first.docs, files.len() - 1));
    assert!(again.changes.written.is_empty());

    // A file edited by hand: the full path restores it.
    let pet = out.join("components/pet.rs");
    let original = std::fs::read_to_string(&pet).unwrap();
    std::fs::write(&pet, original.replace("pub id", "pub idd")).unwrap();
    let edited = generate(&schemas, &out);
    assert!(!edited.reused);
    assert_eq!(edited.changes.written, ["components/pet.rs"]);
    assert_eq!(files_under(&out), files);

    // A deleted file.
    std::fs::remove_file(&pet).unwrap();
    let deleted = generate(&schemas, &out);
    assert!(!deleted.reused);
    assert_eq!(deleted.changes.written, ["components/pet.rs"]);
    assert_eq!(files_under(&out), files);

    // A deleted manifest, a deleted stamp.
    std::fs::remove_file(out.join(".mdschema-manifest")).unwrap();
    assert!(!generate(&schemas, &out).reused);
    assert_eq!(files_under(&out), files);
    std::fs::remove_file(out.join(".mdschema-fingerprint")).unwrap();
    assert!(!generate(&schemas, &out).reused);
    assert!(generate(&schemas, &out).reused);

    // A different config.
    write(&schemas.join("mdschema.toml"), "[wire_names]\n\"components/Pet.id\" = \"ID\"\n");
    let configured = generate(&schemas, &out);
    assert!(!configured.reused);
    assert_eq!(configured.changes.written, ["components/pet.rs"], "a wire name changes one file");
    std::fs::remove_file(schemas.join("mdschema.toml")).unwrap();
    assert!(!generate(&schemas, &out).reused);
    assert_eq!(files_under(&out), files);

    // A doc whose bytes change without changing the output still runs the full path.
    let tag = schemas.join("components/Tag.md");
    let text = std::fs::read_to_string(&tag).unwrap();
    std::fs::write(&tag, format!("{text}\n")).unwrap();
    let touched = generate(&schemas, &out);
    assert!(!touched.reused);
    assert!(touched.changes.written.is_empty());
    assert_eq!(touched.changes.reused.len(), files.len() - 1, "every file's view is unchanged: none is rendered");

    // One description changed: that model alone is rendered.
    std::fs::write(&tag, text.replace("About label.", "About the label.")).unwrap();
    let described = generate(&schemas, &out);
    assert_eq!(described.changes.written, ["components/tag.rs"]);
    assert_eq!(described.changes.reused.len(), files.len() - 2);

    // Other templates.
    let templates = dir.path().join("templates");
    write(&templates.join("opaque.rs.tera"), "{{ header }}\n");
    let with_templates =
        mdschema::Config::new().schemas_dir(&schemas).out_dir(&out).templates_dir(&templates).generate();
    assert!(!with_templates.unwrap().reused);
}

#[test]
fn another_mdschema_executable_runs_the_full_path() {
    let dir = tempfile::tempdir().unwrap();
    let schemas = dir.path().join("schemas");
    let out = dir.path().join("out");
    base_docs(&schemas);
    let built = Path::new(env!("CARGO_BIN_EXE_mdschema"));
    let copy = dir.path().join(built.file_name().unwrap());
    std::fs::copy(built, &copy).unwrap();
    let run = |exe: &Path| {
        let output =
            std::process::Command::new(exe).arg("generate").arg(&schemas).arg("--out").arg(&out).output().unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stderr).unwrap()
    };
    assert!(!run(built).contains("no input changed"));
    assert!(run(built).contains("no input changed"));
    let other = run(&copy);
    assert!(!other.contains("no input changed"), "{other}");
    assert!(other.contains("0 written"), "{other}");
    assert!(run(&copy).contains("no input changed"));
}

/// One edit to the doc set.
#[derive(Debug, Clone)]
enum Edit {
    /// A field's description.
    Describe(usize, u8),
    /// A doc's field turned into a link to another doc (links, boxing).
    Link(usize, usize),
    /// A new doc in another folder with the title of an existing one (name collisions).
    Twin(usize),
    /// A doc removed, with every link to it.
    Remove(usize),
    /// A field made required or optional (constructors, `Default`).
    Require(usize, bool),
}

const TITLES: [&str; 4] = ["Pet", "Owner", "Tag", "Home"];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..4usize, any::<u8>()).prop_map(|(d, n)| Edit::Describe(d, n)),
        (0..4usize, 0..4usize).prop_map(|(a, b)| Edit::Link(a, b)),
        (0..4usize).prop_map(Edit::Twin),
        (0..4usize).prop_map(Edit::Remove),
        (0..4usize, any::<bool>()).prop_map(|(d, r)| Edit::Require(d, r)),
    ]
}

/// The doc set as data: per title, (folder, description suffix, link target, required).
#[derive(Debug, Clone)]
struct Doc {
    present: bool,
    twin: bool,
    note: u8,
    link: Option<usize>,
    required: bool,
}

fn apply(docs: &mut [Doc], edit: &Edit) {
    match *edit {
        Edit::Describe(d, n) => docs[d].note = n,
        Edit::Link(a, b) => docs[a].link = Some(b),
        Edit::Twin(d) => docs[d].twin = !docs[d].twin,
        Edit::Remove(d) => {
            docs[d].present = !docs[d].present;
            for doc in docs.iter_mut() {
                if doc.link == Some(d) {
                    doc.link = None;
                }
            }
        }
        Edit::Require(d, r) => docs[d].required = r,
    }
}

fn write_set(schemas: &Path, docs: &[Doc]) {
    let _ = std::fs::remove_dir_all(schemas);
    for (i, doc) in docs.iter().enumerate().filter(|(_, d)| d.present) {
        let title = TITLES[i];
        let description = format!(
            "*String*| {} | About {}. |",
            if doc.required { ":heavy_check_mark:" } else { ":heavy_minus_sign:" },
            doc.note
        );
        let mut text = format!(
            "# {title}\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| - | - | - | - | - |\n| `name` | {description} |\n"
        );
        if let Some(target) = doc.link.filter(|t| docs[*t].present) {
            text.push_str(&format!("| `next` | {} | :heavy_minus_sign: | | |\n", link(TITLES[target])));
        }
        write(&schemas.join(format!("components/{title}.md")), &text);
        if doc.twin {
            write(&schemas.join(format!("other/{title}.md")), &object(title, &[("other", "*Long*", true)]));
        }
    }
}

proptest! {
    #![proptest_config(common::proptest_config(64, "proptest-regressions/incremental.txt"))]

    #[test]
    fn output_reused_file_by_file_equals_a_full_run(edits in proptest::collection::vec(edit(), 1..8)) {
        let dir = tempfile::tempdir().unwrap();
        let schemas = dir.path().join("schemas");
        let incremental = dir.path().join("incremental");
        let mut docs: Vec<Doc> =
            (0..4).map(|i| Doc { present: true, twin: false, note: 0, link: (i < 3).then_some(i + 1), required: i % 2 == 0 }).collect();
        write_set(&schemas, &docs);
        generate(&schemas, &incremental);
        let mut reused = 0;
        for (step, edit) in edits.iter().enumerate() {
            apply(&mut docs, edit);
            if !docs.iter().any(|d| d.present) {
                continue;
            }
            write_set(&schemas, &docs);
            let fresh = dir.path().join(format!("fresh{step}"));
            let full = generate(&schemas, &fresh);
            reused += generate(&schemas, &incremental).changes.reused.len();
            prop_assert!(!full.reused);
            prop_assert!(full.changes.reused.is_empty());
            prop_assert_eq!(files_under(&incremental), files_under(&fresh), "after {:?}", &edits[..=step]);
        }
        // The root module's file and the unedited docs' files are reused at each step.
        prop_assert!(reused > 0);
    }
}
