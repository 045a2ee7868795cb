//! Reading the schemas folders: finds the docs (`*.md`, sorted, symlinks skipped) that the
//! config selects and reads them as UTF-8, parsing nothing. Nothing outside the folders is
//! opened.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Rules;
use crate::diag::{Diagnostic, Error, WarningCode};
use crate::source::SourceFile;

/// Docs larger than this are refused rather than read.
pub const MAX_DOC_BYTES: u64 = 16 * 1024 * 1024;

/// What was found in the schemas folder.
pub struct Found {
    /// The docs, sorted by relative path.
    pub docs: Vec<SourceFile>,
    /// Every folder walked, for `rerun-if-changed`.
    pub folders: Vec<PathBuf>,
    /// Entries that were skipped, with why.
    pub warnings: Vec<Diagnostic>,
    /// Docs left out by the selection.
    pub skipped: usize,
    /// Docs that could not be read (too large, not UTF-8), by path relative to the folder,
    /// with why. Links to them must not also be reported as links to missing docs.
    pub unreadable: Vec<(String, Diagnostic)>,
}

/// Reads every doc under `root` whose relative path `select` accepts.
pub fn read_docs(root: &Path, select: impl Fn(&str) -> bool) -> Result<Found, Error> {
    let meta = std::fs::metadata(root)
        .map_err(|e| Error::Setup(format!("the schemas folder {} cannot be read: {e}", root.display())))?;
    if !meta.is_dir() {
        return Err(Error::Setup(format!("the schemas folder {} is not a folder", root.display())));
    }
    let mut found =
        Found { docs: Vec::new(), folders: Vec::new(), warnings: Vec::new(), skipped: 0, unreadable: Vec::new() };
    let mut pending = vec![root.to_path_buf()];
    let mut to_read = Vec::new();
    while let Some(dir) = pending.pop() {
        found.folders.push(dir.clone());
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|e| Error::io(&dir, e))?
            .collect::<Result<_, _>>()
            .map_err(|e| Error::io(&dir, e))?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let file_type = entry.file_type().map_err(|e| Error::io(&path, e))?;
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                found.warnings.push(
                    Diagnostic::file(path.display().to_string(), "skipped: the name is not UTF-8")
                        .warning(WarningCode::SkippedFile),
                );
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            if file_type.is_symlink() {
                if name.ends_with(".md") || path.is_dir() {
                    found.warnings.push(
                        Diagnostic::file(
                            path.display().to_string(),
                            "skipped: symbolic links are not followed, so that docs stay inside the schemas folder",
                        )
                        .warning(WarningCode::SkippedFile),
                    );
                }
            } else if file_type.is_dir() {
                pending.push(path);
            } else if name.ends_with(".md") {
                if !select(&relative(root, &path)) {
                    found.skipped += 1;
                    continue;
                }
                to_read.push(path);
            }
        }
    }
    // The walk decides what to read; the reads themselves overlap.
    let read: Vec<(PathBuf, Result<SourceFile, Diagnostic>)> =
        to_read.into_par_iter().map(|path| (path.clone(), read_doc(root, &path))).collect();
    for (path, doc) in read {
        match doc {
            Ok(doc) => found.docs.push(doc),
            Err(diagnostic) => found.unreadable.push((relative(root, &path), diagnostic)),
        }
    }
    found.unreadable.sort_by(|a, b| a.0.cmp(&b.0));
    found.docs.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    found.folders.sort();
    Ok(found)
}

/// `path` relative to `root`, `/`-separated.
fn relative(root: &Path, path: &Path) -> String {
    let parts: Vec<_> =
        path.strip_prefix(root).unwrap_or(path).components().map(|c| c.as_os_str().to_string_lossy()).collect();
    parts.join("/")
}

fn read_doc(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let display = path.display().to_string();
    let rel_path = relative(root, path);
    // One open: the size comes from the open file, and the read stops past the limit.
    let file = std::fs::File::open(path).map_err(|e| Diagnostic::file(&display, e.to_string()))?;
    let size = file.metadata().map_err(|e| Diagnostic::file(&display, e.to_string()))?.len();
    let too_big = |size: u64| {
        Diagnostic::file(&display, format!("the doc is {size} bytes; docs over {MAX_DOC_BYTES} bytes are refused"))
            .with_help("split the doc, or check that this file is really a model doc")
    };
    if size > MAX_DOC_BYTES {
        return Err(too_big(size));
    }
    let mut bytes = Vec::with_capacity(size as usize + 1);
    (&file).take(MAX_DOC_BYTES + 1).read_to_end(&mut bytes).map_err(|e| Diagnostic::file(&display, e.to_string()))?;
    if bytes.len() as u64 > MAX_DOC_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Diagnostic::file(
            &display,
            format!("the doc is not valid UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()),
        )
        .with_help("save the doc as UTF-8")
    })?;
    Ok(SourceFile::new(rel_path, display, text))
}

/// Everything read from disk before parsing: the config and each folder's docs.
pub struct Inputs {
    /// The config.
    pub rules: Rules,
    /// The config file, if one was read.
    pub config_path: Option<PathBuf>,
    /// Each folder and what was found in it.
    pub sources: Vec<(PathBuf, Found)>,
}

impl Inputs {
    /// Every folder walked, doc read and the config file, for `rerun-if-changed`.
    pub fn watched(&self) -> Vec<PathBuf> {
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

/// Reads every doc of each folder of `dirs` that `rules` selects, parsing nothing.
pub fn inputs(rules: Rules, config_path: Option<PathBuf>, dirs: &[PathBuf]) -> Result<Inputs, Error> {
    // Each folder is read on its own, so they are read side by side.
    let sources =
        dirs.par_iter().map(|dir| Ok((dir.clone(), read_folder(dir, &rules)?))).collect::<Result<Vec<_>, Error>>()?;
    Ok(Inputs { rules, config_path, sources })
}

/// Reads one schemas folder's docs; a folder with none selected is an error.
fn read_folder(dir: &Path, rules: &Rules) -> Result<Found, Error> {
    let found = read_docs(dir, |rel_path| rules.selects(rel_path))?;
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
