//! The incremental render and write: decides from a fingerprint of every input whether
//! anything changed, renders only the files whose view changed, lays the tree out as one
//! file when asked, writes what differs and records the run in the output folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::cache::{self, Hash, Stamp};
use crate::diag::{Diagnostic, Error};
use crate::load::{self, Loaded};
use crate::output::{self, Changes};
use crate::read::Inputs;
use crate::render::{self, RenderedFile};
use crate::{single_file, view};

/// What a run needs of the builder, checked.
pub struct Job<'a> {
    /// The output folder.
    pub out_dir: PathBuf,
    /// The one file to lay the tree out as, if any (see [`single_file_name`]).
    pub single_file: Option<&'a str>,
    /// The folder of template overrides, if any.
    pub templates_dir: Option<&'a Path>,
    /// Print the `cargo:` lines of a build script.
    pub emit_rerun_if_changed: bool,
    /// Conflicts between merged sources are errors.
    pub deny_conflicts: bool,
    /// The builder's settings as text: they decide the output, so they are fingerprinted.
    pub settings: String,
}

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
pub fn run(job: &Job, inputs: Inputs, dry_run: bool) -> Result<Report, Error> {
    let out_dir = &job.out_dir;
    let templates = render::Templates::load(job.templates_dir)?;
    let sources: Vec<(&str, &str)> = templates.sources.iter().map(|(n, s)| (*n, s.as_str())).collect();
    let generator = cache::generator(&sources);
    let fingerprint = fingerprint(job, &inputs, generator);
    // The previous run's record of the folder, read once for every use below.
    let stamp = Stamp::read(out_dir);
    let manifest = output::Manifest::read(out_dir)?;
    // Nothing that decides the output changed, and the output is intact: done.
    let unchanged = stamp.as_ref().and_then(|s| output::unchanged(out_dir, s, &manifest, fingerprint));
    let stamp = match (unchanged, stamp) {
        (Some(files), Some(stamp)) => {
            emit(job, &inputs.watched(), &stamp.warnings, &templates);
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
    let loaded = load::load(inputs, job.deny_conflicts)?;
    emit(job, &loaded.inputs, &loaded.warnings, &templates);
    let (files, view_hashes) = if job.single_file.is_some() {
        // The tree's files are not on disk to be reused: one file, rendered whole.
        let rendered = layout(job.single_file, render_all(&loaded, &templates)?)?;
        (rendered.into_iter().map(|file| output::Generated { file, reused: false }).collect(), BTreeMap::new())
    } else {
        let previous = stamp.filter(|s| s.generator == generator);
        render_reusing(&loaded, &templates, generator, out_dir, previous.as_ref(), &manifest)?
    };
    let changes = output::sync(out_dir, &files, &manifest, dry_run)?;
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

/// Everything that decides the output: the generator, the builder's settings, the config
/// file's settings and every doc (path and bytes) of every folder.
fn fingerprint(job: &Job, inputs: &Inputs, generator: Hash) -> Hash {
    let mut hasher = cache::Hasher::new();
    hasher.hash(generator).text(&job.settings).text(&format!("{:?}", inputs.rules.file));
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

fn emit(job: &Job, watched: &[PathBuf], warnings: &[Diagnostic], templates: &render::Templates) {
    if job.emit_rerun_if_changed {
        for line in build_script_lines(job, watched, warnings, templates) {
            println!("{line}");
        }
    }
}

/// The `cargo:` lines a build script prints: what to watch, then the warnings.
pub fn build_script_lines(
    job: &Job,
    watched: &[PathBuf],
    warnings: &[Diagnostic],
    templates: &render::Templates,
) -> Vec<String> {
    let mut inputs = watched.to_vec();
    inputs.extend(job.templates_dir.map(Path::to_path_buf));
    inputs.extend(templates.override_files.iter().cloned());
    let mut lines: Vec<String> = inputs.iter().map(|p| format!("cargo:rerun-if-changed={}", p.display())).collect();
    // Cargo shows each `cargo:warning` line as one warning: one line per warning.
    lines.extend(warnings.iter().map(|w| format!("cargo:warning={}", w.headline())));
    lines
}

/// The single file's name, checked: a plain `.rs` file name.
pub fn single_file_name(name: Option<&str>) -> Result<Option<&str>, Error> {
    let Some(name) = name else { return Ok(None) };
    let plain = !name.contains(['/', '\\']) && name.ends_with(".rs") && name != ".rs" && !name.starts_with('.');
    if !plain || name == "mod.rs" {
        return Err(Error::Setup(format!(
            "the single file's name `{name}` must be a plain `.rs` file name other than mod.rs (such as models.rs)"
        )));
    }
    Ok(Some(name))
}

/// The rendered tree, or the one file named `single_file` it becomes.
pub fn layout(single_file: Option<&str>, files: Vec<RenderedFile>) -> Result<Vec<RenderedFile>, Error> {
    let Some(name) = single_file else { return Ok(files) };
    let header = files.iter().find(|f| f.path == "mod.rs").and_then(|f| f.contents.lines().next()).unwrap_or_default();
    Ok(vec![single_file::assemble(name, &files, header)?])
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
