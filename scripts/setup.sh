#!/usr/bin/env bash
# Installs what building and testing haken needs, and nothing that is already there.
# Idempotent; quick (a few seconds) when everything is present. Safe to run as root or with sudo.
# Usage: scripts/setup.sh [--browser]   (--browser also installs Debian chromium + chromedriver and firefox-esr)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
need_browser=false
[ "${1:-}" = "--browser" ] && need_browser=true

command -v cargo >/dev/null || { echo "setup: cargo is missing; install Rust with rustup first" >&2; exit 1; }
command -v node >/dev/null || { echo "setup: node is missing; install Node.js 20+ first" >&2; exit 1; }

# 1. The wasm target (a no-op when present).
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen CLI at exactly the version in Cargo.lock (the glue and the crate must match).
#    Not wasm-pack: it downloads prebuilt tools from release pages, which fail on these machines.
want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found '${have:-none}'); takes about 2 minutes once"
  cargo install wasm-bindgen-cli --version "$want"
fi

# 3. npm packages (wasm-opt from binaryen 132, playwright-core, typescript for the JS type check). Never 'npx playwright install'.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/puppeteer-core ] || [ ! -x node_modules/.bin/tsc ] || [ package.json -nt node_modules/.package-lock.json ]; then
  if [ -L node_modules ]; then
    # A link to an install shared by several checkouts: npm ci here would replace the link with a
    # directory and move the shared packages out from under the other checkouts. Not here.
    say "warning: node_modules links to $(readlink node_modules), which lacks or predates packages in package.json; run 'npm ci' there"
  else
  say "installing npm packages"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
  fi
fi

# 4. Headless Chromium and its driver from Debian (for browser and end-to-end tests).
if $need_browser && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  say "installing Debian chromium and chromium-driver"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# 5. Headless Firefox from Debian (firefox-esr 153 in bookworm-security; BiDi webExtension.install
#    needs 138, the manifest 142) for tests/e2e/firefox.test.mjs, driven by puppeteer-core.
if $need_browser && [ ! -x /usr/bin/firefox-esr ]; then
  say "installing Debian firefox-esr"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq firefox-esr >/dev/null
fi
if $need_browser; then
  ff=$(/usr/bin/firefox-esr --version 2>/dev/null | grep -o '[0-9]*' | head -1 || true)
  [ "${ff:-0}" -ge 142 ] || say "warning: firefox-esr ${ff:-?} is older than 142; the Firefox tests need 142 or later"
fi
say "ready"
