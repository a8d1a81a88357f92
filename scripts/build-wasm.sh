#!/usr/bin/env bash
# Builds the engine for the browser, from one cargo build:
# - www/pkg (and extension/pkg): wasm-bindgen --target web -> wasm-opt -Oz (npm binaryen 132);
#   prints the size of haken_bg.wasm, raw and gzipped, against the 290 KB gzip budget (200 before the permission catalogue joined it, 240 before the consent model and the recall rules of 2026-12-06, 280 before reading boxes' own descriptions and the rules of 2026-12-07).
# - extension/pkg-js (when extension/ exists): the same module compiled to JavaScript with
#   binaryen's wasm2js, for pages whose Content-Security-Policy forbids WebAssembly in content
#   scripts (see README, "Strict CSP"). Same Rust, same glue, same findings.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=node_modules/.bin
features="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue"
# wasm2js supports one table only, so the glue must keep JS objects in a JS-side heap, not an
# externref table: the crate is compiled for the MVP (wasm-bindgen decides by target feature)
# and the target-features section, which the prebuilt std marks with reference types, goes.
# One build serves both outputs; its own target dir keeps the test builds' cache intact.
RUSTFLAGS="-C target-cpu=mvp" cargo build --release -p haken-web --target wasm32-unknown-unknown \
  --target-dir target/web
work=target/web/bindgen
rm -rf "$work" && mkdir -p "$work"
# shellcheck disable=SC2086
"$bin/wasm-opt" $features --strip-target-features \
  target/web/wasm32-unknown-unknown/release/haken_web.wasm -o "$work/haken.wasm"

# web_pkg WASM OUT LABEL BUDGET_KB [OPT]: wasm-bindgen --target web into OUT, wasm-opt OPT
# (default -Oz), then the size of OUT/<name>_bg.wasm, raw and gzipped, checked against its gzip
# budget.
web_pkg() {
  local wasm=$1 out=$2 label=$3 budget=$4 opt=${5:--Oz}
  local name
  name=$(basename "$wasm" .wasm)_bg.wasm
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --out-dir "$out" "$wasm" 2> >(grep -v target_features >&2)
  # The features rustc emits today; Debian's binaryen 108 miscompiles, npm binaryen 132 does not.
  # shellcheck disable=SC2086
  "$bin/wasm-opt" "$opt" --strip-debug --strip-producers $features "$out/$name" -o "$out/$name.opt"
  mv "$out/$name.opt" "$out/$name"
  local raw gz
  raw=$(wc -c < "$out/$name")
  gz=$(gzip -9c "$out/$name" | wc -c)
  printf '%s: %s %d KB raw, %d KB gzipped (budget %d KB gzipped)\n' "$label" "$name" $((raw / 1024)) $((gz / 1024)) "$budget"
  [ "$gz" -le $((budget * 1024)) ] || { echo "$name over the $budget KB gzip budget" >&2; exit 1; }
}

out=www/pkg
web_pkg "$work/haken.wasm" "$out" "wasm size" 290

# The policy module (web/policy: privacy-policy analysis on the same core), for
# the extension's service worker and the demo. Its own budget: it is loaded only where a
# policy is analysed, never by every page; so it is optimised for speed, not size (-O3 at both
# steps: a long policy analyses in about a third less time for 9 KB more).
CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo build --release -p haken-policy-web \
  --target wasm32-unknown-unknown --target-dir target/web-policy
policy=www/pkg-policy
# shellcheck disable=SC2086
"$bin/wasm-opt" $features --strip-target-features \
  target/web-policy/wasm32-unknown-unknown/release/haken_policy_web.wasm -o "$work/haken-policy.wasm"
# 400 KB since the claim model (rules/policy/model.bin, 2026-12-07; 300 before): issue 14 lets
# the module grow to 400 for a model that adds recall at equal precision (docs/figures.md).
web_pkg "$work/haken-policy.wasm" "$policy" "policy wasm" 400 -O3

# (The demo imports these and the rest of the extension's modules from /ext/: no copies.)
rm -rf www/lib

if [ -d extension ]; then
  rm -rf extension/pkg && cp -r "$out" extension/pkg
  rm -rf extension/pkg-policy && cp -r "$policy" extension/pkg-policy
  js=extension/pkg-js
  rm -rf "$js" && mkdir -p "$js"
  wasm-bindgen --target bundler --out-dir "$work/bundler" "$work/haken.wasm" 2> >(grep -v target_features >&2)
  # wasm2js speaks the MVP: lower what rustc's default features add, then translate.
  # shellcheck disable=SC2086
  "$bin/wasm-opt" $features --llvm-memory-copy-fill-lowering --signext-lowering \
    --llvm-nontrapping-fptoint-lowering --alignment-lowering --strip-debug --strip-producers \
    "$work/bundler/haken_bg.wasm" -o "$work/haken.mvp.wasm"
  "$bin/wasm2js" -Oz "$work/haken.mvp.wasm" -o "$js/haken_bg.wasm.js"
  # wasm2js grows memory by copying into a new ArrayBuffer without detaching the old one, so
  # the glue's "is my cached view stale?" test (detached or zero length) never fires and JS
  # would read and write the old copy after a grow. Stale means: not the current buffer.
  sed -E 's#if \((cached(Uint8Array|DataView)Memory0) === null \|\| .*\) \{$#if (\1 === null || \1.buffer !== wasm.memory.buffer) {#' \
    "$work/bundler/haken_bg.js" > "$js/haken_bg.js"
  [ "$(grep -c 'Memory0.buffer !== wasm.memory.buffer) {' "$js/haken_bg.js")" = 2 ] ||
    { echo "unexpected wasm-bindgen glue (memory views)" >&2; exit 1; }
  cp -r "$work/bundler/snippets" "$js/snippets"
  sed 's#"./haken_bg.wasm"#"./haken_bg.wasm.js"#' "$work/bundler/haken.js" > "$js/haken.js"
  grep -q 'haken_bg.wasm.js' "$js/haken.js" || { echo "unexpected wasm-bindgen glue" >&2; exit 1; }
  jsraw=$(wc -c < "$js/haken_bg.wasm.js")
  jsgz=$(gzip -9c "$js/haken_bg.wasm.js" | wc -c)
  printf 'js fallback: haken_bg.wasm.js %d KB raw, %d KB gzipped\n' $((jsraw / 1024)) $((jsgz / 1024))
  # The content shell and both engine builds as modules without relative imports (extension/bundle/).
  node scripts/bundle-content.mjs
fi
