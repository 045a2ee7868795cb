//! Hashes that let a run skip work: the fingerprint of everything that decides the output
//! (the generator and every input), and the hash of each file's view, which decides that
//! file's text given the generator. Both are kept in a stamp file in the output folder,
//! apart from the manifest: they name the machine's mdschema executable, so they do not
//! belong in checked-in output.

use std::path::Path;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::diag::Diagnostic;

/// The stamp's file name in the output folder.
pub const STAMP: &str = ".mdschema-fingerprint";

/// A 128-bit hash; written (in the stamp and the manifest) as 32 lowercase hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hash(u128);

impl Hash {
    /// The hash written as `text` (32 hex digits), if it is one.
    pub fn from_hex(text: &str) -> Option<Hash> {
        (text.len() == 32).then(|| u128::from_str_radix(text, 16).ok().map(Hash)).flatten()
    }
}

impl std::fmt::Display for Hash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl Serialize for Hash {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hash {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Hash::from_hex(&text).ok_or_else(|| serde::de::Error::custom("not a 32-digit hex hash"))
    }
}

/// A streaming hash of length-prefixed pieces, so that `("ab", "c")` and `("a", "bc")` differ.
pub struct Hasher(Xxh3);

impl Hasher {
    pub fn new() -> Hasher {
        Hasher(Xxh3::new())
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Hasher {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Hasher {
        self.bytes(text.as_bytes())
    }

    pub fn hash(&mut self, hash: Hash) -> &mut Hasher {
        self.bytes(&hash.0.to_le_bytes())
    }

    pub fn finish(&self) -> Hash {
        Hash(self.0.digest128())
    }
}

/// For `#[derive(Hash)]` types: their `Hash` already delimits each piece it writes.
impl std::hash::Hasher for Hasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    fn finish(&self) -> u64 {
        self.0.digest()
    }
}

/// The hash of a file's text, as the manifest records it.
pub fn content_hash(text: &str) -> Hash {
    Hash(xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
}

/// The hash of what decides a file's text: the generator and the file's view.
/// Views derive `Hash`, which is several times faster than serializing them; its bytes may
/// differ between builds of mdschema, but so does the generator, which changes every hash.
pub fn view_hash(generator: Hash, view: &impl std::hash::Hash) -> Hash {
    let mut hasher = Hasher::new();
    hasher.hash(generator);
    view.hash(&mut hasher);
    Hasher::finish(&hasher)
}

/// mdschema itself: its version, its executable (a rebuilt mdschema is another generator,
/// even at the same version) and the templates in use.
pub fn generator(templates: &[(&str, &str)]) -> Hash {
    let mut hasher = Hasher::new();
    hasher.text(env!("CARGO_PKG_NAME")).text(env!("CARGO_PKG_VERSION"));
    match executable_identity() {
        Some(identity) => hasher.text(&identity),
        // Unknown: a value no later run repeats, so nothing is ever reused.
        None => hasher.text(&format!("{:?}{}", std::time::SystemTime::now(), std::process::id())),
    };
    for (name, source) in templates {
        hasher.text(name).text(source);
    }
    hasher.finish()
}

/// The running executable's path, size and modification time.
fn executable_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(format!("{}\n{}\n{}", exe.display(), meta.len(), modified.as_nanos()))
}

/// What a run that wrote its output records, so that a run with the same fingerprint can
/// report the same without parsing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stamp {
    /// The fingerprint of the run's inputs.
    pub fingerprint: Hash,
    /// Models generated.
    pub models: usize,
    /// Docs read.
    pub docs: usize,
    /// The warnings the run reported.
    pub warnings: Vec<Diagnostic>,
    /// The generator ([`generator`]) the views were hashed with.
    pub generator: Hash,
    /// Each file's view hash ([`view_hash`]), by path.
    pub views: std::collections::BTreeMap<String, Hash>,
}

impl Stamp {
    /// The stamp in `out_dir`, if there is a readable one.
    pub fn read(out_dir: &Path) -> Option<Stamp> {
        let text = std::fs::read(out_dir.join(STAMP)).ok()?;
        serde_json::from_slice(&text).ok()
    }

    /// The stamp as its file holds it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a stamp serializes")
    }
}
