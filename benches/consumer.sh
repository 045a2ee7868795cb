#!/usr/bin/env bash
# The user's edit-compile loop, measured: a crate whose build.rs generates the whole Apideck
# Java corpus with mdschema (debug profile), built once; then timed:
#   check      `cargo check` of the crate after `touch src/lib.rs` (dependencies built)
#   build      `cargo build` of the crate after `touch src/lib.rs`
#   edit       one doc's description made longer, then `cargo build` (build.rs reruns mdschema)
#   same_length one letter of that description changed, then `cargo build`: no generated file
#              after the edited one moves, which rustc's incremental cache notices (see README)
#   unchanged  `cargo build` with nothing changed
#
# Usage: benches/consumer.sh [MDSCHEMA_REPO] [WORK_DIR]
#   MDSCHEMA_REPO  the mdschema checkout used as build-dependency (default: this one), so
#                  that two versions can be compared (`git worktree add /tmp/old <commit>`)
#   MDSCHEMA_CORPUS must point at the corpus (default ../shared/corpus).
#   MDSCHEMA_TOML   extra lines for the crate's mdschema.toml, e.g. 'serde_impls = "derive"'
#                   for serde's derives instead of the written-out impls.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "${1:-$here}" && pwd)"
work="${2:-$(mktemp -d)}"
corpus="$(cd "${MDSCHEMA_CORPUS:-$here/../shared/corpus}" && pwd)"
crate="$work/consumer"
rm -rf "$crate"
mkdir -p "$crate/src"
cp -r "$corpus/apideck/java/models" "$crate/schemas"
cp "$here/tests/fixtures/apideck-java.toml" "$crate/mdschema.toml"
if [ -n "${MDSCHEMA_TOML:-}" ]; then
  # Top-level keys go before the file's first table.
  { printf '%s\n' "$MDSCHEMA_TOML"; cat "$here/tests/fixtures/apideck-java.toml"; } > "$crate/mdschema.toml"
fi

cat > "$crate/Cargo.toml" <<EOF
[package]
name = "consumer"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
chrono = { version = "0.4", default-features = false, features = ["serde", "std"] }
serde_with = { version = "3", default-features = false, features = ["macros"] }

[build-dependencies]
mdschema = { path = "$repo", default-features = false }

[profile.dev]
debug = 0
EOF
# OPTIMIZE_BUILD_SCRIPT=1: mdschema itself optimized inside the build script.
if [ -n "${OPTIMIZE_BUILD_SCRIPT:-}" ]; then
  printf '\n[profile.dev.build-override]\nopt-level = 3\n' >> "$crate/Cargo.toml"
fi

cat > "$crate/build.rs" <<'EOF'
fn main() -> Result<(), mdschema::Error> {
    mdschema::Config::new()
        .schemas_dir("schemas")
        .config_file("mdschema.toml")
        .emit_rerun_if_changed(true)
        .generate()?;
    Ok(())
}
EOF

cat > "$crate/src/lib.rs" <<'EOF'
#![deny(warnings)]
#[allow(deprecated)]
pub mod models {
    include!(concat!(env!("OUT_DIR"), "/mod.rs"));
}
EOF

cd "$crate"
export CARGO_TARGET_DIR="$work/target"
cargo build --quiet 2>/dev/null
cargo check --quiet 2>/dev/null
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }

# check and build are measured before any edit (after one, they would redo the edit's work);
# the edits are made RUNS times (default 3): the median is shown, then every sample.
runs="${RUNS:-3}"
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
touch src/lib.rs
check=$(seconds cargo check --quiet)
touch src/lib.rs
build=$(seconds cargo build --quiet)
doc="$(find schemas -name 'Company1.md' | head -1)"
edits=(); same_lengths=(); unchangeds=()
for _ in $(seq "$runs"); do
  # A description made longer: the output of one model changes, and so does its length.
  sed -i "0,/| The /s//| The edited ($(date +%s%N)) /" "$doc"
  edits+=("$(seconds cargo build --quiet)")
  sed -i "0,/| The edited/s//| Thx edited/" "$doc"
  same_lengths+=("$(seconds cargo build --quiet)")
  unchangeds+=("$(seconds cargo build --quiet)")
done
edit=$(median "${edits[@]}"); same_length=$(median "${same_lengths[@]}"); unchanged=$(median "${unchangeds[@]}")
lines=$(find "$work/target/debug/build" -path '*consumer*/out/*' -name '*.rs' -exec cat {} + | wc -l)
echo "mdschema: $repo"
echo "generated lines: $lines"
echo "check: ${check}s  build: ${build}s  one doc edited: ${edit}s  same length: ${same_length}s  unchanged: ${unchanged}s (edits: medians of $runs)"
echo "samples: edited ${edits[*]} | same length ${same_lengths[*]} | unchanged ${unchangeds[*]}"
