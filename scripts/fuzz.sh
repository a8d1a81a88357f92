#!/usr/bin/env bash
# Fuzzes the readers and engines with cargo-fuzz (libFuzzer), seeded from the test pages.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# `make test` runs 15 s per target; `make fuzz` an hour each (FUZZ_SECONDS). A crash or an
# input slower than 10 s fails the run; libFuzzer writes it to fuzz/artifacts/<target>/, and it
# becomes a regression test. The machine has only a stable toolchain: RUSTC_BOOTSTRAP lets
# cargo-fuzz pass its flags, and `-s none` skips the sanitizer runtime (safe Rust: a panic is
# the crash we look for).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${1:-15}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(html_reader permission_reader segmentation claims)
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz (crates.io)"
  cargo install cargo-fuzz --locked --quiet
fi
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/fuzz}"
(cd fuzz && cargo fuzz build -s none -O)
corpus_root="${FUZZ_CORPUS:-$(mktemp -d)}"
for target in "${targets[@]}"; do
  mkdir -p "$corpus_root/$target" "fuzz/artifacts/$target"
  log="$corpus_root/$target.log"
  if ! (cd fuzz && cargo fuzz run -s none -O "$target" "$corpus_root/$target" \
        ../tests/fixtures ../tests/policy-pages ../tests/permissions -- \
        -max_total_time="$seconds" -timeout=10 -max_len=65536 -rss_limit_mb=4096 \
        -artifact_prefix="artifacts/$target/" >"$log" 2>&1); then
    tail -40 "$log"
    echo "fuzz: $target FAILED (input in fuzz/artifacts/$target/)"
    exit 1
  fi
  runs=$(grep -Eo '^Done [0-9]+ runs' "$log" | grep -Eo '[0-9]+' || echo "?")
  echo "fuzz: $target: $runs executions in ${seconds} s, 0 crashes, 0 timeouts"
done
