//! The facade: [`Config`] says where the docs and the code are, and runs the pipeline over
//! them — read, lower, resolve, render, write.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cache::{self, Hash, Stamp};
use crate::diag::{Diagnostic, Error, WarningCode};
use crate::output::Changes;
use crate::render::{self, RenderedFile};
use crate::rules::{self, FileConfig, Rules};
use crate::source::SourceFile;
use crate::{dialect, ir, json_schema, load, lower, markdown, merge, output, resolve, single_file, view};

/// How to run mdschema: where the docs are, where the code goes. Shaped like
/// `prost_build::Config`.
#[derive(Debug, Clone, Default)]
pub struct Config {
    schemas_dirs: Vec<PathBuf>,
    deny_conflicts: bool,
    keep_going: bool,
    serde_impls: Option<rules::SerdeImpls>,
    out_dir: Option<PathBuf>,
    config_file: Option<PathBuf>,
    templates_dir: Option<PathBuf>,
    emit_rerun_if_changed: bool,
    dialect: Option<String>,
    single_file: Option<String>,
}

/// The schema read from the docs, with everything worth telling the user.
#[derive(Debug)]
pub struct Loaded {
    /// The resolved IR.
    pub schema: ir::Schema,
    /// How many docs were read.
    pub docs: usize,
    /// Problems that did not stop generation.
    pub warnings: Vec<Diagnostic>,
    /// Every file and folder read, for `rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// The config the docs were read with.
    pub rules: Rules,
    /// The docs read, by path relative to their schemas folder, to locate merge conflicts.
    files: HashMap<String, SourceFile>,
}

impl Loaded {
    /// The path of every model's type relative to the generated root module
    /// (`components::Pet`), by model id.
    pub fn type_paths(&self) -> std::collections::BTreeMap<String, String> {
        view::type_paths(&self.schema)
    }
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

impl Config {
    /// A config with the defaults: docs in `schemas`, output in `$OUT_DIR`.
    pub fn new() -> Self {
        Config::default()
    }

    /// The folder holding the docs (default `schemas`).
    pub fn schemas_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.schemas_dirs = vec![dir.into()];
        self
    }

    /// Several folders of docs of one API, each in its own dialect (`java/models`,
    /// `typescript/models`): their models are merged into one schema, each fact taken from
    /// the folder that states it most precisely; the first folder gives the layout and wins
    /// conflicts. The config file's `sources` says the same.
    pub fn schemas_dirs(&mut self, dirs: impl IntoIterator<Item = impl Into<PathBuf>>) -> &mut Self {
        self.schemas_dirs = dirs.into_iter().map(Into::into).collect();
        self
    }

    /// Makes conflicts between merged sources errors instead of warnings (for CI).
    pub fn deny_conflicts(&mut self, deny: bool) -> &mut Self {
        self.deny_conflicts = deny;
        self
    }

    /// Generates every doc that can be read (default: off, any problem stops the run). A
    /// doc that cannot be read becomes an any-JSON type and each of its problems a warning
    /// with the code `unreadable-doc`; docs that link to it still generate. mdschema.toml's
    /// `keep_going = true` turns it on too.
    pub fn keep_going(&mut self, keep_going: bool) -> &mut Self {
        self.keep_going = keep_going;
        self
    }

    /// How structs' `Serialize` and `Deserialize` are generated, overriding mdschema.toml's
    /// `serde_impls`: [`SerdeImpls::Compact`](crate::SerdeImpls::Compact) (the default) or
    /// [`SerdeImpls::Derive`](crate::SerdeImpls::Derive).
    pub fn serde_impls(&mut self, serde_impls: rules::SerdeImpls) -> &mut Self {
        self.serde_impls = Some(serde_impls);
        self
    }

    /// The folder the models are written to (default `$OUT_DIR`).
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The config file (default `mdschema.toml` in the schemas folder, if present).
    pub fn config_file(&mut self, file: impl Into<PathBuf>) -> &mut Self {
        self.config_file = Some(file.into());
        self
    }

    /// A folder of templates replacing built-in ones of the same name.
    pub fn templates_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.templates_dir = Some(dir.into());
        self
    }

    /// Reads every doc in one dialect (one of [`dialect_names`](crate::dialect_names))
    /// instead of deciding per doc; overrides the config file's `dialect`.
    pub fn dialect(&mut self, name: impl Into<String>) -> &mut Self {
        self.dialect = Some(name.into());
        self
    }

    /// For build scripts: print `cargo:rerun-if-changed` for every doc read, every folder
    /// walked (so that an added doc is noticed), the config file and every template
    /// override, and print warnings as `cargo:warning`. Off by default.
    pub fn emit_rerun_if_changed(&mut self, emit: bool) -> &mut Self {
        self.emit_rerun_if_changed = emit;
        self
    }

    /// Writes the whole tree as nested inline modules in one file of this name in the
    /// output folder (`models.rs`), with the same types and paths as the tree layout;
    /// include it with `include!(concat!(env!("OUT_DIR"), "/models.rs"))`.
    pub fn single_file(&mut self, name: impl Into<String>) -> &mut Self {
        self.single_file = Some(name.into());
        self
    }

    /// The single file's name, checked: a plain `.rs` file name.
    fn single_file_name(&self) -> Result<Option<&str>, Error> {
        let Some(name) = self.single_file.as_deref() else { return Ok(None) };
        let plain = !name.contains(['/', '\\']) && name.ends_with(".rs") && name != ".rs" && !name.starts_with('.');
        if !plain || name == "mod.rs" {
            return Err(Error::Setup(format!(
                "the single file's name `{name}` must be a plain `.rs` file name other than mod.rs (such as models.rs)"
            )));
        }
        Ok(Some(name))
    }

    /// The rendered tree, or the one file it becomes with [`single_file`](Self::single_file).
    fn layout(&self, files: Vec<RenderedFile>) -> Result<Vec<RenderedFile>, Error> {
        let Some(name) = self.single_file_name()? else { return Ok(files) };
        let header =
            files.iter().find(|f| f.path == "mod.rs").and_then(|f| f.contents.lines().next()).unwrap_or_default();
        Ok(vec![single_file::assemble(name, &files, header)?])
    }

    fn schemas(&self) -> &Path {
        self.schemas_dirs.first().map_or(Path::new("schemas"), PathBuf::as_path)
    }

    /// The folders to read: the ones given, else the config file's `sources` (relative to
    /// the config file), else `schemas`.
    fn sources(&self, rules: &Rules, config_path: Option<&Path>) -> Vec<PathBuf> {
        if !self.schemas_dirs.is_empty() || rules.file.sources.is_empty() {
            return vec![self.schemas().to_path_buf()]
                .into_iter()
                .chain(self.schemas_dirs.iter().skip(1).cloned())
                .collect();
        }
        let base = config_path.and_then(Path::parent).unwrap_or(Path::new(""));
        rules.file.sources.iter().map(|s| base.join(s.get_ref())).collect()
    }

    fn resolved_out_dir(&self) -> Result<PathBuf, Error> {
        match &self.out_dir {
            Some(dir) => Ok(dir.clone()),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| {
                Error::Setup(
                    "no output folder: call `out_dir(..)` or run from a build script, where OUT_DIR is set".into(),
                )
            }),
        }
    }

    fn rules(&self) -> Result<(Rules, Option<PathBuf>), Error> {
        let (mut rules, path) = self.file_rules()?;
        if let Some(name) = &self.dialect {
            let names = dialect::names();
            let dialect = dialect::by_name(name).ok_or_else(|| {
                Error::Setup(format!("`{name}` is not a doc dialect; the dialects are {}", names.join(", ")))
            })?;
            rules.force_dialect(dialect);
        }
        Ok((rules, path))
    }

    fn file_rules(&self) -> Result<(Rules, Option<PathBuf>), Error> {
        let path = match &self.config_file {
            Some(path) => path.clone(),
            None => {
                let path = self.schemas().join(rules::FILE_NAME);
                if !path.is_file() {
                    return Ok((Rules::new(self.overriding(FileConfig::default()), None)?, None));
                }
                path
            }
        };
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let file = SourceFile::new(rules::FILE_NAME, path.display().to_string(), text);
        Ok((Rules::new(self.overriding(FileConfig::parse(&file)?), Some(&file))?, Some(path)))
    }

    /// The file's settings with the builder's in place of the ones it overrides.
    fn overriding(&self, mut file: FileConfig) -> FileConfig {
        if let Some(serde_impls) = self.serde_impls {
            file.serde_impls = serde_impls;
        }
        file.keep_going |= self.keep_going;
        file
    }

    /// Reads the docs into the resolved IR. Every problem in every doc is reported at once.
    /// Several sources are each read on their own, then merged.
    pub fn load(&self) -> Result<Loaded, Error> {
        let inputs = self.read_inputs()?;
        self.load_inputs(inputs)
    }

    /// Reads the config and every doc from disk, parsing nothing but the config.
    fn read_inputs(&self) -> Result<Inputs, Error> {
        let (rules, config_path) = self.rules()?;
        let dirs = self.sources(&rules, config_path.as_deref());
        // Each folder is read on its own, so they are read side by side.
        let sources = dirs
            .par_iter()
            .map(|dir| Ok((dir.clone(), read_folder(dir, &rules)?)))
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(Inputs { rules, config_path, sources })
    }

    /// Parses what [`read_inputs`](Self::read_inputs) read: one folder, or several merged.
    fn load_inputs(&self, inputs: Inputs) -> Result<Loaded, Error> {
        let dirs: Vec<PathBuf> = inputs.sources.iter().map(|(dir, _)| dir.clone()).collect();
        let watched = inputs.watched();
        let Inputs { rules, config_path, sources } = inputs;
        let mut loaded = if sources.len() == 1 {
            let (dir, found) = sources.into_iter().next().expect("one source");
            self.load_found(&dir, found, rules, config_path)?
        } else {
            self.load_sources(sources, rules, config_path)?
        };
        loaded.inputs = watched;
        // The docs' text only places merge conflicts, which are found by now: freeing it here
        // lets the views and files reuse its memory instead of touching more.
        loaded.files = HashMap::new();
        apply_presence(&mut loaded.schema, &loaded.rules);
        drop_allowed(&mut loaded, &dirs);
        Ok(loaded)
    }

    /// Parses each folder on its own, then merges them.
    fn load_sources(
        &self,
        sources: Vec<(PathBuf, load::Found)>,
        rules: Rules,
        config_path: Option<PathBuf>,
    ) -> Result<Loaded, Error> {
        let mut loaded = Vec::new();
        let mut errors = Vec::new();
        let results: Vec<(PathBuf, Result<Loaded, Error>)> = sources
            .into_par_iter()
            .map(|(dir, found)| {
                let one = self.load_found(&dir, found, rules.clone(), config_path.clone());
                (dir, one)
            })
            .collect();
        for (dir, result) in results {
            match result {
                Ok(one) => loaded.push((dir.display().to_string(), one)),
                Err(Error::Input(problems)) => errors.extend(problems),
                Err(other) => return Err(other),
            }
        }
        if !errors.is_empty() {
            return Err(Error::Input(errors));
        }
        self.merge(loaded, rules)
    }

    /// Merges sources read one by one.
    fn merge(&self, loaded: Vec<(String, Loaded)>, rules: Rules) -> Result<Loaded, Error> {
        let mut warnings = Vec::new();
        let mut docs = 0;
        let mut parts = Vec::new();
        let mut loaded = loaded;
        let schemas: Vec<ir::Schema> = loaded
            .iter_mut()
            .map(|(_, one)| std::mem::replace(&mut one.schema, ir::Schema { models: Vec::new() }))
            .collect();
        for ((label, one), schema) in loaded.iter().zip(schemas) {
            warnings.extend(one.warnings.iter().cloned());
            docs += one.docs;
            parts.push(merge::Source { label: label.clone(), schema, files: &one.files });
        }
        let merged = merge::merge(parts);
        // A doc read as any JSON that another source gave a shape is no longer worth a warning.
        let shaped: BTreeSet<&str> = merged
            .shaped
            .iter()
            .filter_map(|(source, path)| loaded.get(*source)?.1.files.get(path))
            .map(|file| file.display_path.as_str())
            .collect();
        warnings.retain(|w| !(w.code == Some(WarningCode::OpaqueUnion) && shaped.contains(w.path.as_str())));
        if self.deny_conflicts && !merged.conflicts.is_empty() {
            let errors = merged
                .conflicts
                .into_iter()
                .map(|mut d| {
                    d.severity = crate::diag::Severity::Error;
                    d
                })
                .collect();
            return Err(Error::Input(errors));
        }
        warnings.extend(merged.conflicts);
        // What was read is known before parsing: `load_inputs` fills `inputs`.
        Ok(Loaded { schema: merged.schema, docs, warnings, inputs: Vec::new(), rules, files: HashMap::new() })
    }

    /// Parses one folder's docs.
    fn load_found(
        &self,
        dir: &Path,
        found: load::Found,
        rules: Rules,
        config_path: Option<PathBuf>,
    ) -> Result<Loaded, Error> {
        let mut loaded = self.read(dir, found.docs, found.unreadable, rules, config_path)?;
        loaded.warnings.splice(0..0, found.warnings);
        Ok(loaded)
    }

    /// Like [`load`](Self::load), for docs held in memory: `(path relative to the schemas
    /// folder, text)` pairs. The config file is read as `load` reads it; no doc is read from
    /// disk. Links resolve as if the docs were in the schemas folder.
    pub fn load_texts(&self, docs: impl IntoIterator<Item = (String, String)>) -> Result<Loaded, Error> {
        let (rules, config_path) = self.rules()?;
        let mut docs: Vec<SourceFile> = docs
            .into_iter()
            .filter(|(rel_path, _)| rules.selects(rel_path))
            .map(|(rel_path, text)| {
                let display = self.schemas().join(&rel_path).display().to_string();
                SourceFile::new(rel_path, display, text)
            })
            .collect();
        docs.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        docs.dedup_by(|a, b| a.rel_path == b.rel_path);
        let mut loaded = self.read(self.schemas(), docs, Vec::new(), rules, config_path)?;
        drop_allowed(&mut loaded, &[self.schemas().to_path_buf()]);
        Ok(loaded)
    }

    /// Lowers and resolves the docs: the part of loading that needs no disk.
    fn read(
        &self,
        dir: &Path,
        docs: Vec<SourceFile>,
        unreadable: Vec<(String, Diagnostic)>,
        rules: Rules,
        config_path: Option<PathBuf>,
    ) -> Result<Loaded, Error> {
        let keep_going = rules.file.keep_going;
        let mut warnings = Vec::new();
        let mut models = Vec::new();
        let mut broken = BTreeSet::new();
        let mut errors = Vec::new();
        // Docs that could not be read, with their problems and what was read of them.
        let mut failed: Vec<Failed> = unreadable
            .into_iter()
            .map(|(rel_path, problem)| Failed { rel_path, model: None, title: None, problems: vec![problem] })
            .collect();
        // Docs are independent until detection and again until resolution: read them in
        // parallel, keep their order.
        let tables: Vec<markdown::DocTables> = docs.par_iter().map(|doc| markdown::parse(&doc.text)).collect();
        let pairs: Vec<(&SourceFile, &markdown::DocTables)> = docs.iter().zip(&tables).collect();
        let custom = |name: &str| rules.doc_type(name).is_some();
        let dialects = dialect::detect(&pairs, rules.dialect(), &custom);
        let lowered: Vec<Result<lower::Lowered, Diagnostic>> = pairs
            .par_iter()
            .zip(dialects)
            .map(|((doc, tables), dialect)| dialect.map(|d| lower::lower(doc, tables, d, &rules)))
            .collect();
        for ((doc, tables), lowered) in pairs.iter().zip(lowered) {
            let title = tables.title.as_ref().map(|t| t.text.to_string());
            let rel_path = doc.rel_path.clone();
            let lowered = match lowered {
                Ok(lowered) => lowered,
                Err(undecidable) => {
                    failed.push(Failed { rel_path, model: None, title, problems: vec![undecidable] });
                    continue;
                }
            };
            warnings.extend(lowered.warnings);
            match lowered.model {
                Some(model) if lowered.errors.is_empty() => models.push(model),
                None if lowered.skipped => {}
                model => failed.push(Failed { rel_path, model, title, problems: lowered.errors }),
            }
        }
        for doc in failed {
            if keep_going {
                models.push(doc.any_json());
                warnings.extend(doc.problems.into_iter().map(|p| p.warning(WarningCode::UnreadableDoc)));
                continue;
            }
            errors.extend(doc.problems);
            // What was read of a doc with errors still resolves, so that the problems of its
            // links are reported in the same run.
            match doc.model {
                Some(model) => models.push(model),
                None => {
                    broken.insert(doc.rel_path.strip_suffix(".md").unwrap_or(&doc.rel_path).to_string());
                }
            }
        }
        let files: HashMap<&str, &SourceFile> = docs.iter().map(|d| (d.rel_path.as_str(), d)).collect();
        let root = root_components(dir);
        // Keeping going, a model whose links lead nowhere becomes any JSON in a second pass.
        let kept = keep_going.then(|| models.clone());
        let mut resolved = resolve::resolve(models, &broken, &files, &root);
        if let (Err(link_errors), Some(kept)) = (&mut resolved.schema, kept) {
            let problems = std::mem::take(link_errors);
            let models = kept
                .into_iter()
                .map(|model| match resolved.failed.contains(&model.id) {
                    true => {
                        let mine: Vec<Diagnostic> = problems
                            .iter()
                            .filter(|p| files.get(model.source.as_str()).is_some_and(|f| p.path == f.display_path))
                            .cloned()
                            .collect();
                        lower::unreadable(&model.source, Some(&model), None, &model.dialect, &mine)
                    }
                    false => model,
                })
                .collect();
            warnings.extend(problems.into_iter().map(|p| p.warning(WarningCode::UnreadableDoc)));
            warnings.append(&mut resolved.warnings);
            resolved = resolve::resolve(models, &broken, &files, &root);
        }
        warnings.extend(resolved.warnings);
        let schema = match resolved.schema {
            Ok(schema) if errors.is_empty() => schema,
            Ok(_) => return Err(Error::Input(errors)),
            Err(link_errors) => {
                errors.extend(link_errors);
                return Err(Error::Input(errors));
            }
        };
        let fields: Vec<(&str, &str)> = schema
            .models
            .iter()
            .flat_map(|m| match &m.kind {
                ir::ModelKind::Object { fields, .. } => {
                    fields.iter().map(|f| (m.id.as_str(), f.name.as_str())).collect()
                }
                _ => Vec::new(),
            })
            .collect();
        for key in rules.unused_field_keys(&fields) {
            let path = config_path.as_deref().unwrap_or(Path::new(rules::FILE_NAME)).display().to_string();
            warnings.push(
                Diagnostic::file(path, format!("the field key `{key}` matches no field"))
                    .warning(WarningCode::UnusedKey),
            );
        }
        let inputs = config_path.into_iter().collect();
        let count = docs.len();
        let files = docs.into_iter().map(|d| (d.rel_path.clone(), d)).collect();
        Ok(Loaded { schema, docs: count, warnings, inputs, rules, files })
    }

    /// The schema as one JSON Schema document (draft 2020-12), pretty-printed: every model
    /// under `$defs`, keyed by its module path (`components.Credentials`).
    pub fn json_schema(&self, loaded: &Loaded) -> Result<String, Error> {
        complete(loaded)?;
        let document = json_schema::export(&loaded.schema, &loaded.type_paths());
        let mut text = serde_json::to_string_pretty(&document).map_err(|e| Error::Setup(e.to_string()))?;
        text.push('\n');
        Ok(text)
    }

    /// Renders every file in memory, without touching the output folder.
    pub fn render(&self, loaded: &Loaded) -> Result<Vec<RenderedFile>, Error> {
        let templates = render::Templates::load(self.templates_dir.as_deref())?;
        self.layout(render_all(loaded, &templates)?)
    }

    /// Generates the models into the output folder, writing only files that changed and
    /// removing files it wrote earlier whose doc is gone. On any error nothing is written.
    pub fn generate(&self) -> Result<Report, Error> {
        self.run(false)
    }

    /// Like [`generate`](Self::generate) but writes nothing; the report's changes say what
    /// would change, with a unified diff.
    pub fn check(&self) -> Result<Report, Error> {
        self.run(true)
    }

    /// The `cargo:` lines a build script prints: what to watch, then the warnings.
    fn build_script_lines(
        &self,
        watched: &[PathBuf],
        warnings: &[Diagnostic],
        templates: &render::Templates,
    ) -> Vec<String> {
        let mut inputs = watched.to_vec();
        inputs.extend(self.templates_dir.clone());
        inputs.extend(templates.override_files.iter().cloned());
        let mut lines: Vec<String> = inputs.iter().map(|p| format!("cargo:rerun-if-changed={}", p.display())).collect();
        // Cargo shows each `cargo:warning` line as one warning: one line per warning.
        lines.extend(warnings.iter().map(|w| format!("cargo:warning={}", w.headline())));
        lines
    }

    fn emit(&self, watched: &[PathBuf], warnings: &[Diagnostic], templates: &render::Templates) {
        if self.emit_rerun_if_changed {
            for line in self.build_script_lines(watched, warnings, templates) {
                println!("{line}");
            }
        }
    }

    /// Everything that decides the output: the generator, this config, the config file's
    /// settings and every doc (path and bytes) of every folder.
    fn fingerprint(&self, inputs: &Inputs, generator: Hash) -> Hash {
        let mut hasher = cache::Hasher::new();
        hasher.hash(generator).text(&format!("{self:?}")).text(&format!("{:?}", inputs.rules.file));
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

    fn run(&self, dry_run: bool) -> Result<Report, Error> {
        let out_dir = self.resolved_out_dir()?;
        self.single_file_name()?;
        let inputs = self.read_inputs()?;
        let templates = render::Templates::load(self.templates_dir.as_deref())?;
        let sources: Vec<(&str, &str)> = templates.sources.iter().map(|(n, s)| (*n, s.as_str())).collect();
        let generator = cache::generator(&sources);
        let fingerprint = self.fingerprint(&inputs, generator);
        // The previous run's record of the folder, read once for every use below.
        let stamp = Stamp::read(&out_dir);
        let manifest = output::Manifest::read(&out_dir)?;
        // Nothing that decides the output changed, and the output is intact: done.
        let unchanged = stamp.as_ref().and_then(|s| output::unchanged(&out_dir, s, &manifest, fingerprint));
        let stamp = match (unchanged, stamp) {
            (Some(files), Some(stamp)) => {
                self.emit(&inputs.watched(), &stamp.warnings, &templates);
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
        let loaded = self.load_inputs(inputs)?;
        self.emit(&loaded.inputs, &loaded.warnings, &templates);
        let (files, view_hashes) = if self.single_file.is_some() {
            // The tree's files are not on disk to be reused: one file, rendered whole.
            let rendered = self.layout(render_all(&loaded, &templates)?)?;
            (rendered.into_iter().map(|file| output::Generated { file, reused: false }).collect(), BTreeMap::new())
        } else {
            let previous = stamp.filter(|s| s.generator == cache::hex(generator));
            render_reusing(&loaded, &templates, generator, &out_dir, previous.as_ref(), &manifest)?
        };
        let changes = output::sync(&out_dir, &files, &manifest, dry_run)?;
        if !dry_run {
            let stamp = Stamp {
                fingerprint: cache::hex(fingerprint),
                models: loaded.schema.models.len(),
                docs: loaded.docs,
                warnings: loaded.warnings.clone(),
                generator: cache::hex(generator),
                views: view_hashes,
            };
            stamp.write(&out_dir)?;
        }
        Ok(Report {
            models: loaded.schema.models.len(),
            docs: loaded.docs,
            changes,
            warnings: loaded.warnings,
            reused: false,
        })
    }
}

/// A doc that could not be read: what was read of it, and why not.
struct Failed {
    /// Its path relative to the schemas folder.
    rel_path: String,
    /// As much of its model as was read, if its shape was.
    model: Option<ir::Model<ir::Link>>,
    /// Its `#` title as written, if it has one.
    title: Option<String>,
    /// Its problems.
    problems: Vec<Diagnostic>,
}

impl Failed {
    /// The any-JSON model that stands for it when the run keeps going.
    fn any_json(&self) -> ir::Model<ir::Link> {
        let dialect = self.model.as_ref().map_or("", |m| m.dialect.as_str());
        lower::unreadable(&self.rel_path, self.model.as_ref(), self.title.as_deref(), dialect, &self.problems)
    }
}

/// Renders every file.
fn render_all(loaded: &Loaded, templates: &render::Templates) -> Result<Vec<RenderedFile>, Error> {
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
) -> Result<(Vec<output::Generated>, BTreeMap<String, String>), Error> {
    let rendered: Vec<(output::Generated, String)> = each_view(loaded, |view| {
        let hash = cache::hex(cache::view_hash(generator, &view));
        let unchanged = previous.and_then(|p| p.views.get(&view.path)) == Some(&hash);
        let generated = match unchanged.then(|| manifest.intact_text(out_dir, &view.path)).flatten() {
            Some(contents) => {
                output::Generated { file: RenderedFile { path: view.path.clone(), contents }, reused: true }
            }
            None => output::Generated { file: templates.render(&view)?, reused: false },
        };
        Ok((generated, hash))
    })?;
    let hashes = rendered.iter().map(|(g, hash)| (g.file.path.clone(), hash.clone())).collect();
    Ok((rendered.into_iter().map(|(g, _)| g).collect(), hashes))
}

/// Refuses a schema with a reference to a model it does not hold, which the outputs index:
/// resolution never builds one, but a schema edited by hand might.
fn complete(loaded: &Loaded) -> Result<(), Error> {
    match loaded.schema.dangling_refs().first() {
        Some((model, target)) => {
            Err(Error::Setup(format!("the schema's model `{model}` refers to `{target}`, which is not in the schema")))
        }
        None => Ok(()),
    }
}

/// `[presence]` overrides, last: they pin what the docs (or their merge) say.
fn apply_presence(schema: &mut ir::Schema, rules: &Rules) {
    for model in &mut schema.models {
        let ir::ModelKind::Object { fields, .. } = &mut model.kind else { continue };
        for field in fields.iter_mut() {
            if let Some((required, nullable)) = rules.presence(&model.id, &field.name) {
                field.required = required;
                field.nullable = nullable;
                field.presence_stated = true;
            }
        }
    }
}

/// The schemas folder as an absolute path, `.` and `..` removed without asking the disk
/// (links were written against the folder's name as the user gives it, not a symlink's
/// target).
fn root_components(dir: &Path) -> Vec<String> {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut parts: Vec<String> = Vec::new();
    for component in absolute.components() {
        match component {
            std::path::Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            std::path::Component::ParentDir => {
                parts.pop();
            }
            _ => {}
        }
    }
    parts
}

/// Everything read from disk before parsing: the config and each folder's docs.
struct Inputs {
    rules: Rules,
    config_path: Option<PathBuf>,
    sources: Vec<(PathBuf, load::Found)>,
}

impl Inputs {
    /// Every folder walked, doc read and the config file, for `rerun-if-changed`.
    fn watched(&self) -> Vec<PathBuf> {
        let mut watched: Vec<PathBuf> = Vec::new();
        for (_, found) in &self.sources {
            watched.extend(found.folders.iter().cloned());
            watched.extend(found.docs.iter().map(|d| PathBuf::from(&d.display_path)));
        }
        watched.extend(self.config_path.clone());
        watched.sort();
        watched.dedup();
        watched
    }
}

/// Reads one schemas folder's docs; a folder with none selected is an error.
fn read_folder(dir: &Path, rules: &Rules) -> Result<load::Found, Error> {
    let found = load::read_docs(dir, |rel_path| rules.selects(rel_path))?;
    if found.docs.is_empty() && found.unreadable.is_empty() {
        let why = if found.skipped > 0 {
            format!("; {} docs were found but the config's include/exclude selected none", found.skipped)
        } else {
            String::new()
        };
        return Err(Error::Setup(format!("no docs (*.md) in the schemas folder {}{why}", dir.display())));
    }
    Ok(found)
}

/// Drops the warnings that `[allow]` silences for their doc, whose path is taken relative
/// to the schemas folder it is in.
fn drop_allowed(loaded: &mut Loaded, sources: &[PathBuf]) {
    let prefixes: Vec<String> = sources.iter().map(|dir| format!("{}/", dir.display())).collect();
    let rules = &loaded.rules;
    loaded.warnings.retain(|warning| {
        let Some(code) = warning.code else { return true };
        let rel_path = prefixes.iter().find_map(|p| warning.path.strip_prefix(p.as_str())).unwrap_or(&warning.path);
        !rules.allows(rel_path, code)
    });
}

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
        let lines = config.build_script_lines(&loaded.inputs, &loaded.warnings, &templates);
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
