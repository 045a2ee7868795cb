//! End-to-end generation of the whole Apideck corpus of each doc dialect (read, detect,
//! parse, IR, render, format, write to a fresh temporary folder) against a
//! pulldown-cmark-only pass over the same files, the floor no generator can go below. Needs
//! `MDSCHEMA_CORPUS` (e.g. `../shared/corpus`).

use std::path::{Path, PathBuf};

mod common;

use common::docs;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

fn corpora(c: &mut Criterion) {
    let Some(corpus) = std::env::var_os("MDSCHEMA_CORPUS") else {
        eprintln!("skipped: set MDSCHEMA_CORPUS to the corpus folder");
        return;
    };
    for (dialect, folder) in
        [("java", "models"), ("typescript", "models"), ("python", "models"), ("go", "models"), ("csharp", "Models")]
    {
        dialect_corpus(c, dialect, &PathBuf::from(&corpus).join("apideck").join(dialect).join(folder));
    }
    let apideck = PathBuf::from(&corpus).join("apideck");
    let folders = ["java/models", "typescript/models", "python/models"].map(|f| apideck.join(f));
    merged_corpus(c, "merge", &folders, "wire_case = \"snake_case\"\n");
    let launchdarkly = PathBuf::from(&corpus).join("launchdarkly");
    let folders = ["typescript", "go", "java", "python", "ruby"].map(|l| launchdarkly.join(l).join("docs"));
    merged_corpus(c, "merge_openapi", &folders, "");
}

/// Reading each folder, against reading them merged (Apideck's Java, TypeScript and Python;
/// LaunchDarkly's five openapi-generator languages): the merge should cost no more than the
/// sum of the reads.
fn merged_corpus(c: &mut Criterion, group: &str, folders: &[PathBuf], config: &str) {
    let config_dir = tempfile::tempdir().unwrap();
    let config_file = config_dir.path().join("mdschema.toml");
    std::fs::write(&config_file, config).unwrap();
    let mut group = c.benchmark_group(group);
    group.sample_size(10);
    for folder in folders {
        let name = folder.parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
        group.bench_function(format!("load_{name}"), |b| {
            b.iter(|| {
                mdschema::Config::new()
                    .schemas_dir(folder)
                    .config_file(&config_file)
                    .load()
                    .unwrap()
                    .schema
                    .models
                    .len()
            })
        });
    }
    group.bench_function("load_merged", |b| {
        b.iter(|| {
            mdschema::Config::new().schemas_dirs(folders).config_file(&config_file).load().unwrap().schema.models.len()
        })
    });
    group.finish();
}

fn dialect_corpus(c: &mut Criterion, dialect: &str, models: &Path) {
    // Every doc but the SDK utilities, operations wrappers included, so that both passes read
    // (nearly) the same files.
    let config_dir = tempfile::tempdir().unwrap();
    let config_file = config_dir.path().join("mdschema.toml");
    std::fs::write(&config_file, "wire_case = \"snake_case\"\nexclude = [\"utils/**\", \"internal/**\"]\n").unwrap();
    let mut files = Vec::new();
    docs(models, &mut files);

    let mut group = c.benchmark_group(format!("{dialect}_corpus"));
    group.sample_size(10);
    group.bench_function("pulldown_cmark_only", |b| {
        b.iter(|| {
            let mut events = 0usize;
            for path in &files {
                let text = std::fs::read_to_string(path).unwrap();
                let options = pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
                events += pulldown_cmark::Parser::new_ext(&text, options).into_offset_iter().count();
            }
            events
        })
    });
    group.bench_function("in_memory", |b| {
        b.iter(|| {
            let mut config = mdschema::Config::new();
            config.schemas_dir(models).config_file(&config_file);
            let loaded = config.load().unwrap();
            config.render(&loaded).unwrap().len()
        })
    });
    group.bench_function("end_to_end", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |out| {
                let report = mdschema::Config::new()
                    .schemas_dir(models)
                    .config_file(&config_file)
                    .out_dir(out.path())
                    .generate()
                    .unwrap();
                (report.models, out)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, corpora);
criterion_main!(benches);
