//! Whole processes, as users run them, on the Apideck Java docs (every doc but the SDK
//! utilities) copied 1×, 2× and 4× into distinct folders:
//!
//! * `floor`: a program that only reads every `.md` and runs pulldown-cmark over it (tables,
//!   offset iterator) — this bench's own executable, run again with `MDSCHEMA_FLOOR_DIR`;
//! * `fresh`: `mdschema generate` into an empty folder;
//! * `fresh_single_file`: the same with `--single-file models.rs` (the build-script layout);
//! * `fresh_tmpfs`, `fresh_single_file_tmpfs`: the same into `/dev/shm` (in memory), where
//!   it exists, to tell the file system's share from mdschema's;
//! * `unchanged`: `mdschema generate` over its own output;
//! * `check`: `mdschema check` of up-to-date output;
//! * `one_doc_changed`: `mdschema generate` after one doc's description changed;
//! * `process_openapi`: `floor` and `fresh_single_file` on openapi-generator's docs, all
//!   seven LaunchDarkly languages' folders (4,550 docs), for the second family's ratio.
//!
//! Needs `MDSCHEMA_CORPUS` (e.g. `../shared/corpus`): `MDSCHEMA_CORPUS=../shared/corpus
//! cargo bench --bench process`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

mod common;

use common::docs;
use criterion::{BatchSize, Criterion};

const FLOOR_ENV: &str = "MDSCHEMA_FLOOR_DIR";

fn main() {
    if let Some(dir) = std::env::var_os(FLOOR_ENV) {
        println!("{}", floor(Path::new(&dir)));
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    processes(&mut c);
    c.final_summary();
}

/// Reads every `.md` under `dir` and runs pulldown-cmark over it; the number of events.
fn floor(dir: &Path) -> usize {
    let mut files = Vec::new();
    docs(dir, &mut files);
    let options = pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            pulldown_cmark::Parser::new_ext(&text, options).into_offset_iter().count()
        })
        .sum()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "utils" && name != "internal" {
                copy_tree(&path, &to.join(&name));
            }
        } else if path.extension().is_some_and(|e| e == "md") {
            std::fs::copy(&path, to.join(&name)).unwrap();
        }
    }
}

fn run(command: &mut Command) {
    let output = command.output().unwrap();
    assert!(output.status.success(), "{command:?}: {}", String::from_utf8_lossy(&output.stderr));
}

fn processes(c: &mut Criterion) {
    let Some(corpus) = std::env::var_os("MDSCHEMA_CORPUS") else {
        eprintln!("skipped: set MDSCHEMA_CORPUS to the corpus folder");
        return;
    };
    let java = PathBuf::from(&corpus).join("apideck/java/models");
    openapi(c, &PathBuf::from(&corpus));
    let mdschema = env!("CARGO_BIN_EXE_mdschema");
    let this = std::env::current_exe().unwrap();
    for copies in [1, 2, 4] {
        let work = tempfile::tempdir().unwrap();
        let schemas = work.path().join("schemas");
        for copy in 0..copies {
            // `copyN/models/…`: the SDK's links (`../../models/components/X.md`) stay inside their copy.
            copy_tree(&java, &schemas.join(format!("copy{copy}/models")));
        }
        let config = work.path().join("mdschema.toml");
        std::fs::write(&config, "wire_case = \"snake_case\"\n").unwrap();
        let out = work.path().join("out");
        let generate = |out: &Path| {
            let mut command = Command::new(mdschema);
            command.arg("generate").arg(&schemas).arg("--config").arg(&config).arg("--out").arg(out).arg("--quiet");
            command
        };
        run(&mut generate(&out));
        // The doc edited by `one_doc_changed`, with two versions to alternate between.
        let edited = schemas.join("copy0/models/components/Company1.md");
        let original = std::fs::read_to_string(&edited).unwrap();
        let variant = original.replacen("| The ", "| The edited ", 1);
        assert_ne!(original, variant);

        let mut group = c.benchmark_group(format!("process_{copies}x"));
        group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));
        group.bench_function("floor", |b| b.iter(|| run(Command::new(&this).env(FLOOR_ENV, &schemas))));
        // Fresh output goes to the temporary folder's file system, and again to memory
        // (tmpfs, where there is one): the difference is what creating the files costs.
        let in_memory = Path::new("/dev/shm");
        let mut places: Vec<(&str, Option<&Path>)> = vec![("", None)];
        if in_memory.is_dir() {
            places.push(("_tmpfs", Some(in_memory)));
        }
        for (suffix, place) in places {
            let fresh = || match place {
                Some(dir) => tempfile::tempdir_in(dir).unwrap(),
                None => tempfile::tempdir().unwrap(),
            };
            for (name, args) in [("fresh", &[][..]), ("fresh_single_file", &["--single-file", "models.rs"][..])] {
                group.bench_function(format!("{name}{suffix}"), |b| {
                    // The folder is returned, so that removing it is not timed.
                    b.iter_batched(
                        fresh,
                        |dir| {
                            run(generate(&dir.path().join("out")).args(args));
                            dir
                        },
                        BatchSize::PerIteration,
                    )
                });
            }
        }
        group.bench_function("unchanged", |b| b.iter(|| run(&mut generate(&out))));
        group.bench_function("check", |b| {
            b.iter(|| {
                run(Command::new(mdschema)
                    .arg("check")
                    .arg(&schemas)
                    .arg("--config")
                    .arg(&config)
                    .arg("--out")
                    .arg(&out)
                    .arg("--quiet"))
            })
        });
        let mut flip = false;
        group.bench_function("one_doc_changed", |b| {
            b.iter_batched(
                || {
                    flip = !flip;
                    std::fs::write(&edited, if flip { &variant } else { &original }).unwrap();
                },
                |()| run(&mut generate(&out)),
                BatchSize::PerIteration,
            )
        });
        group.finish();
        std::fs::write(&edited, &original).unwrap();
    }
}

/// The second family: every LaunchDarkly language's docs, each folder generated on its own
/// as one file, against the floor over the same files.
fn openapi(c: &mut Criterion, corpus: &Path) {
    let mdschema = env!("CARGO_BIN_EXE_mdschema");
    let this = std::env::current_exe().unwrap();
    let work = tempfile::tempdir().unwrap();
    let languages = ["go", "typescript", "python", "java", "ruby", "php", "javascript"];
    for language in languages {
        copy_tree(&corpus.join("launchdarkly").join(language).join("docs"), &work.path().join(language));
    }
    let mut group = c.benchmark_group("process_openapi");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));
    group.bench_function("floor", |b| b.iter(|| run(Command::new(&this).env(FLOOR_ENV, work.path()))));
    group.bench_function("fresh_single_file", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |out| {
                for language in languages {
                    run(Command::new(mdschema)
                        .arg("generate")
                        .arg(work.path().join(language))
                        .arg("--out")
                        .arg(out.path().join(language))
                        .args(["--single-file", "models.rs", "--quiet"]));
                }
                out
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}
