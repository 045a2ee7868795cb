//! The incremental render and write: decides from a fingerprint of every input whether
//! anything changed, renders only the files whose view changed, lays the tree out as one
//! file when asked, writes what differs and records the run in the output folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::builder::Config;
use crate::cache::{self, Hash, Stamp};
use crate::diag::{Diagnostic, Error};
use crate::load::{self, Loaded};
use crate::output::{self, Changes};
use crate::read::Inputs;
use crate::render::{self, RenderedFile};
use crate::{single_file, view};

/// What `generate` or `check` did.
#[derive(Debug)]
pub struct Report {
    /// Models generated.
    pub models: usize,
    /// Docs read.
    pub docs: usize,
    /// Files written, unchanged and removed (or that would be, for `check`).
    pub changes: Changes,
    /// Problems that did not stop generation.
    pub warnings: Vec<Diagnostic>,
    /// Nothing that decides the output had changed since the run that wrote it, and its
    /// files were intact, so no doc was parsed (the report is that run's).
    pub reused: bool,
}

/// Generates (or, with `dry_run`, checks) the output folder: nothing when no input changed
/// and the output is intact; else only the files whose view changed are rendered.
pub fn run(config: &Config, dry_run: bool) -> Result<Report, Error> {
    let out_dir = resolved_out_dir(config)?;
    single_file_name(config)?;
    let inputs = config.read_inputs()?;
    let templates = render::Templates::load(config.templates_dir.as_deref())?;
    let sources: Vec<(&str, &str)> = templates.sources.iter().map(|(n, s)| (*n, s.as_str())).collect();
    let generator = cache::generator(&sources);
    let fingerprint = fingerprint(config, &inputs, generator);
    // The previous run's record of the folder, read once for every use below.
    let stamp = Stamp::read(&out_dir);
    let manifest = output::Manifest::read(&out_dir)?;
    // Nothing that decides the output changed, and the output is intact: done.
    let unchanged = stamp.as_ref().and_then(|s| output::unchanged(&out_dir, s, &manifest, fingerprint));
    let stamp = match (unchanged, stamp) {
        (Some(files), Some(stamp)) => {
            emit(config, &inputs.watched(), &stamp.warnings, &templates);
            let changes = output::Changes { unchanged: files.clone(), reused: files, ..Default::default() };
            return Ok(Report {
                models: stamp.models,
                docs: stamp.docs,
                changes,
                warnings: stamp.warnings,
                reused: true,
            });
        }
        (_, stamp) => stamp,
    };
    let loaded = load::load(inputs, config.deny_conflicts)?;
    emit(config, &loaded.inputs, &loaded.warnings, &templates);
    let (files, view_hashes) = if config.single_file.is_some() {
        // The tree's files are not on disk to be reused: one file, rendered whole.
        let rendered = layout(config, render_all(&loaded, &templates)?)?;
        (rendered.into_iter().map(|file| output::Generated { file, reused: false }).collect(), BTreeMap::new())
    } else {
        let previous = stamp.filter(|s| s.generator == generator);
        render_reusing(&loaded, &templates, generator, &out_dir, previous.as_ref(), &manifest)?
    };
    let changes = output::sync(&out_dir, &files, &manifest, dry_run)?;
    if !dry_run {
        let stamp = Stamp {
            fingerprint,
            models: loaded.schema.models.len(),
            docs: loaded.docs,
            warnings: loaded.warnings.clone(),
            generator,
            views: view_hashes,
        };
        output::write_atomically(&out_dir.join(cache::STAMP), &stamp.to_json())?;
    }
    Ok(Report {
        models: loaded.schema.models.len(),
        docs: loaded.docs,
        changes,
        warnings: loaded.warnings,
        reused: false,
    })
}

/// Everything that decides the output: the generator, this config, the config file's
/// settings and every doc (path and bytes) of every folder.
fn fingerprint(config: &Config, inputs: &Inputs, generator: Hash) -> Hash {
    let mut hasher = cache::Hasher::new();
    hasher.hash(generator).text(&format!("{config:?}")).text(&format!("{:?}", inputs.rules.file));
    for (dir, found) in &inputs.sources {
        hasher.text(&dir.display().to_string());
        for doc in &found.docs {
            hasher.text(&doc.rel_path).text(&doc.text);
        }
        for (rel_path, why) in &found.unreadable {
            hasher.text(rel_path).text(&why.headline());
        }
        for warning in &found.warnings {
            hasher.text(&warning.headline());
        }
    }
    hasher.finish()
}

fn emit(config: &Config, watched: &[PathBuf], warnings: &[Diagnostic], templates: &render::Templates) {
    if config.emit_rerun_if_changed {
        for line in build_script_lines(config, watched, warnings, templates) {
            println!("{line}");
        }
    }
}

/// The `cargo:` lines a build script prints: what to watch, then the warnings.
fn build_script_lines(
    config: &Config,
    watched: &[PathBuf],
    warnings: &[Diagnostic],
    templates: &render::Templates,
) -> Vec<String> {
    let mut inputs = watched.to_vec();
    inputs.extend(config.templates_dir.clone());
    inputs.extend(templates.override_files.iter().cloned());
    let mut lines: Vec<String> = inputs.iter().map(|p| format!("cargo:rerun-if-changed={}", p.display())).collect();
    // Cargo shows each `cargo:warning` line as one warning: one line per warning.
    lines.extend(warnings.iter().map(|w| format!("cargo:warning={}", w.headline())));
    lines
}

/// The single file's name, checked: a plain `.rs` file name.
fn single_file_name(config: &Config) -> Result<Option<&str>, Error> {
    let Some(name) = config.single_file.as_deref() else { return Ok(None) };
    let plain = !name.contains(['/', '\\']) && name.ends_with(".rs") && name != ".rs" && !name.starts_with('.');
    if !plain || name == "mod.rs" {
        return Err(Error::Setup(format!(
            "the single file's name `{name}` must be a plain `.rs` file name other than mod.rs (such as models.rs)"
        )));
    }
    Ok(Some(name))
}

/// The rendered tree, or the one file it becomes with [`Config::single_file`].
pub fn layout(config: &Config, files: Vec<RenderedFile>) -> Result<Vec<RenderedFile>, Error> {
    let Some(name) = single_file_name(config)? else { return Ok(files) };
    let header = files.iter().find(|f| f.path == "mod.rs").and_then(|f| f.contents.lines().next()).unwrap_or_default();
    Ok(vec![single_file::assemble(name, &files, header)?])
}

fn resolved_out_dir(config: &Config) -> Result<PathBuf, Error> {
    match &config.out_dir {
        Some(dir) => Ok(dir.clone()),
        None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| {
            Error::Setup("no output folder: call `out_dir(..)` or run from a build script, where OUT_DIR is set".into())
        }),
    }
}

/// Renders every file.
pub fn render_all(loaded: &Loaded, templates: &render::Templates) -> Result<Vec<RenderedFile>, Error> {
    each_view(loaded, |view| templates.render(&view))
}

/// Hands the view of every file to `consume` as it is built ([`view::each_file`]), after
/// refusing a schema whose references lead nowhere, which the views index.
fn each_view<T: Send>(
    loaded: &Loaded,
    consume: impl Fn(view::FileView) -> Result<T, Error> + Sync,
) -> Result<Vec<T>, Error> {
    complete(loaded)?;
    view::each_file(&loaded.schema, &loaded.rules, consume)
}

/// Renders every file, except that a file whose view (with the generator) is the one the
/// previous run recorded (`previous`, a stamp of the same generator), and whose text on disk
/// is the one the manifest records, is taken from the folder: it is what rendering would
/// give. Also each file's view hash, for the stamp.
fn render_reusing(
    loaded: &Loaded,
    templates: &render::Templates,
    generator: Hash,
    out_dir: &Path,
    previous: Option<&Stamp>,
    manifest: &output::Manifest,
) -> Result<(Vec<output::Generated>, BTreeMap<String, Hash>), Error> {
    let rendered: Vec<(output::Generated, Hash)> = each_view(loaded, |view| {
        let hash = cache::view_hash(generator, &view);
        let unchanged = previous.and_then(|p| p.views.get(&view.path)) == Some(&hash);
        let generated = match unchanged.then(|| manifest.intact_text(out_dir, &view.path)).flatten() {
            Some(contents) => {
                output::Generated { file: RenderedFile { path: view.path.clone(), contents }, reused: true }
            }
            None => output::Generated { file: templates.render(&view)?, reused: false },
        };
        Ok((generated, hash))
    })?;
    let hashes = rendered.iter().map(|(g, hash)| (g.file.path.clone(), *hash)).collect();
    Ok((rendered.into_iter().map(|(g, _)| g).collect(), hashes))
}

/// Refuses a schema with a reference to a model it does not hold, which the outputs index:
/// resolution never builds one, but a schema edited by hand might.
pub fn complete(loaded: &Loaded) -> Result<(), Error> {
    match loaded.schema.dangling_refs().first() {
        Some((model, target)) => {
            Err(Error::Setup(format!("the schema's model `{model}` refers to `{target}`, which is not in the schema")))
        }
        None => Ok(()),
    }
}

#[cfg(test)]
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_scripts_watch_every_input_and_see_warnings() {
        let dir = std::env::temp_dir().join(format!("mdschema-rerun-{}", std::process::id()));
        let schemas = dir.join("schemas");
        std::fs::create_dir_all(schemas.join("sub")).unwrap();
        std::fs::create_dir_all(dir.join("templates")).unwrap();
        std::fs::write(schemas.join("sub/A.md"), "# A\n\n## Fields\n\n| Field | Type | Required |\n| - | - | - |\n")
            .unwrap();
        std::fs::write(schemas.join("U.md"), "# U\n").unwrap();
        std::fs::write(schemas.join("mdschema.toml"), "").unwrap();
        std::fs::write(dir.join("templates/enum.rs.tera"), render::BUILTIN_TEMPLATES[2].1).unwrap();
        let mut config = Config::new();
        config.schemas_dir(&schemas).templates_dir(dir.join("templates"));
        let loaded = config.load().unwrap();
        let templates = render::Templates::load(Some(&dir.join("templates"))).unwrap();
        let lines = build_script_lines(&config, &loaded.inputs, &loaded.warnings, &templates);
        let watched = |p: PathBuf| format!("cargo:rerun-if-changed={}", p.display());
        for expected in [
            watched(schemas.clone()),
            watched(schemas.join("sub")),
            watched(schemas.join("sub/A.md")),
            watched(schemas.join("U.md")),
            watched(schemas.join("mdschema.toml")),
            watched(dir.join("templates")),
            watched(dir.join("templates/enum.rs.tera")),
        ] {
            assert!(lines.contains(&expected), "{expected} missing from {lines:#?}");
        }
        let warnings: Vec<&String> = lines.iter().filter(|l| l.starts_with("cargo:warning=")).collect();
        assert_eq!(warnings.len(), 1, "one line per warning: {lines:#?}");
        assert!(warnings[0].contains("U.md:1:3: [opaque-union] the doc has no"), "{lines:#?}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
