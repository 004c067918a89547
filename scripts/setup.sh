#!/usr/bin/env bash
# Installs what building (and, with --browser, end-to-end testing) needs, at
# pinned versions, from the package registries only. Idempotent: a second run
# installs nothing and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate that Cargo.lock pins.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
installed=()

say() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
  installed+=("wasm32 target")
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes about 8 minutes)"
  cargo install --locked "trunk@$TRUNK_VERSION"
  installed+=("trunk $TRUNK_VERSION")
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its own lockfile names a crate version the registry no longer has.
  cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
  installed+=("wasm-bindgen-cli $WASM_BINDGEN_VERSION")
fi

# npm packages (wasm-opt from binaryen, Playwright, axe-core) from the committed lockfile.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.setup-stamp ] || [ "$(cat node_modules/.setup-stamp)" != "$lock_sum" ]; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.setup-stamp
  installed+=("npm packages")
fi

# Trunk runs offline (Trunk.toml), which makes cargo offline too: fetch crates first.
cargo fetch --locked --quiet

if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian's chromium and chromium-driver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    installed+=("chromium")
  else
    say "Chromium is missing: run 'sudo apt-get install chromium chromium-driver' and try again"
    exit 1
  fi
fi

if [ ${#installed[@]} -eq 0 ]; then
  say "nothing to install (trunk $TRUNK_VERSION, wasm-bindgen $WASM_BINDGEN_VERSION, $(wasm-opt --version), npm packages up to date)"
else
  say "installed: ${installed[*]}"
fi
