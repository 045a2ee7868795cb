//! The builder: [`Config`] says where the docs and the code are and how to read them; its
//! entry points hand the work to the stages (`read`, `load`, `generate`).

use std::path::{Path, PathBuf};

use crate::config::{self, FileConfig, Rules};
use crate::diag::Error;
use crate::generate::{self, Report};
use crate::load::{self, Loaded};
use crate::read::{self, Inputs};
use crate::render::{self, RenderedFile};
use crate::source::SourceFile;
use crate::{dialect, json_schema};

/// How to run mdschema: where the docs are, where the code goes. Shaped like
/// `prost_build::Config`.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub(crate) schemas_dirs: Vec<PathBuf>,
    pub(crate) deny_conflicts: bool,
    pub(crate) keep_going: bool,
    pub(crate) serde_impls: Option<config::SerdeImpls>,
    pub(crate) out_dir: Option<PathBuf>,
    pub(crate) config_file: Option<PathBuf>,
    pub(crate) templates_dir: Option<PathBuf>,
    pub(crate) emit_rerun_if_changed: bool,
    pub(crate) dialect: Option<String>,
    pub(crate) single_file: Option<String>,
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
    pub fn serde_impls(&mut self, serde_impls: config::SerdeImpls) -> &mut Self {
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

    pub(crate) fn schemas(&self) -> &Path {
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
                let path = self.schemas().join(config::FILE_NAME);
                if !path.is_file() {
                    return Ok((Rules::new(self.overriding(FileConfig::default()), None)?, None));
                }
                path
            }
        };
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let file = SourceFile::new(config::FILE_NAME, path.display().to_string(), text);
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
        load::load(self.read_inputs()?, self.deny_conflicts)
    }

    /// Reads the config and every doc from disk, parsing nothing but the config.
    pub(crate) fn read_inputs(&self) -> Result<Inputs, Error> {
        let (rules, config_path) = self.rules()?;
        let dirs = self.sources(&rules, config_path.as_deref());
        read::inputs(rules, config_path, &dirs)
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
        let mut loaded = load::load_docs(self.schemas(), docs, Vec::new(), rules, config_path)?;
        load::drop_allowed(&mut loaded, &[self.schemas().to_path_buf()]);
        Ok(loaded)
    }

    /// The schema as one JSON Schema document (draft 2020-12), pretty-printed: every model
    /// under `$defs`, keyed by its module path (`components.Credentials`).
    pub fn json_schema(&self, loaded: &Loaded) -> Result<String, Error> {
        generate::complete(loaded)?;
        let document = json_schema::export(&loaded.schema, &loaded.type_paths());
        let mut text = serde_json::to_string_pretty(&document).map_err(|e| Error::Setup(e.to_string()))?;
        text.push('\n');
        Ok(text)
    }

    /// Renders every file in memory, without touching the output folder.
    pub fn render(&self, loaded: &Loaded) -> Result<Vec<RenderedFile>, Error> {
        let templates = render::Templates::load(self.templates_dir.as_deref())?;
        let single_file = generate::single_file_name(self.single_file.as_deref())?;
        generate::layout(single_file, generate::render_all(loaded, &templates)?)
    }

    /// Generates the models into the output folder, writing only files that changed and
    /// removing files it wrote earlier whose doc is gone. On any error nothing is written.
    pub fn generate(&self) -> Result<Report, Error> {
        let job = self.job()?;
        generate::run(&job, self.read_inputs()?, false)
    }

    /// Like [`generate`](Self::generate) but writes nothing; the report's changes say what
    /// would change, with a unified diff.
    pub fn check(&self) -> Result<Report, Error> {
        let job = self.job()?;
        generate::run(&job, self.read_inputs()?, true)
    }

    /// What a run needs of the builder, checked before any doc is read.
    fn job(&self) -> Result<generate::Job<'_>, Error> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| {
                Error::Setup(
                    "no output folder: call `out_dir(..)` or run from a build script, where OUT_DIR is set".into(),
                )
            })?,
        };
        Ok(generate::Job {
            out_dir,
            single_file: generate::single_file_name(self.single_file.as_deref())?,
            templates_dir: self.templates_dir.as_deref(),
            emit_rerun_if_changed: self.emit_rerun_if_changed,
            deny_conflicts: self.deny_conflicts,
            settings: format!("{self:?}"),
        })
    }
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
        config.out_dir(dir.join("out"));
        let job = config.job().unwrap();
        let lines = generate::build_script_lines(&job, &loaded.inputs, &loaded.warnings, &templates);
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
