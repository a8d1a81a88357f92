#!/usr/bin/env bash
# Builds the wasm package into www/pkg (and extension/pkg when extension/ exists):
# cargo (release, no CLI feature) -> wasm-bindgen --target web -> wasm-opt -Oz (npm binaryen 132).
# Prints the size of haken_bg.wasm, raw and gzipped, against the 200 KB gzip budget.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --lib --target wasm32-unknown-unknown --no-default-features
out=www/pkg
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" target/wasm32-unknown-unknown/release/haken.wasm
# The features rustc emits today; Debian's binaryen 108 miscompiles, npm binaryen 132 does not.
node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/haken_bg.wasm" -o "$out/haken_bg.opt.wasm"
mv "$out/haken_bg.opt.wasm" "$out/haken_bg.wasm"
if [ -d extension ]; then rm -rf extension/pkg && cp -r "$out" extension/pkg; fi
raw=$(wc -c < "$out/haken_bg.wasm")
gz=$(gzip -9c "$out/haken_bg.wasm" | wc -c)
printf 'wasm size: haken_bg.wasm %d KB raw, %d KB gzipped (budget 200 KB gzipped)\n' $((raw / 1024)) $((gz / 1024))
[ "$gz" -le $((200 * 1024)) ] || { echo "wasm over the 200 KB gzip budget" >&2; exit 1; }
