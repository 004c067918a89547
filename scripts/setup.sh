#!/usr/bin/env bash
# Installs what is missing, at pinned versions, from the package registries
# only. Idempotent: a second run installs nothing and says so.
#
#   scripts/setup.sh [build]  what `trunk build` needs (make dist, make serve):
#                             the wasm32 target, Trunk, wasm-bindgen-cli,
#                             wasm-opt (npm binaryen) and the crates.
#   scripts/setup.sh test     build, plus what `make test` needs: clippy and
#                             rustfmt, the e2e npm packages (Playwright,
#                             axe-core, Lighthouse, vnu-jar), Chromium, a
#                             Java runtime for vnu.jar and poppler-utils (the
#                             print test's pdftotext and pdftoppm).
#   scripts/setup.sh bench    test, plus bench/'s own npm packages (TimelineJS, itemsjs).
#   scripts/setup.sh size     build, plus twiggy (the wasm size profiler of `make size`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

mode=${1:-build}
case "$mode" in
  build | test | bench | size) ;;
  --browser) mode=test ;; # the old flag
  *)
    echo "usage: scripts/setup.sh [build|test|bench]" >&2
    exit 2
    ;;
esac

TRUNK_VERSION=0.21.14
TWIGGY_VERSION=0.8.0
# wasm-bindgen-cli must equal the wasm-bindgen crate that Cargo.lock pins.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
installed=()

say() { printf 'setup: %s\n' "$*"; }

# Debian packages, when run as root; otherwise the command to run.
apt_install() {
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian's $*"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    installed+=("$*")
  else
    say "missing: run 'sudo apt-get install $*' and try again"
    exit 1
  fi
}

# npm packages of the folder $1 from its lockfile; $2 = "build" installs only
# `dependencies` (npm ci --omit=dev), "all" everything. A stamp remembers what
# was installed from which lockfile.
npm_install() {
  local dir=$1 want=$2
  local sum stamp
  sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  stamp=$(cat "$dir/node_modules/.setup-stamp" 2>/dev/null || true)
  if [ "$stamp" = "$sum all" ] || { [ "$want" = build ] && [ "$stamp" = "$sum build" ]; }; then
    return
  fi
  # npm ci empties node_modules first: never do that to an install that
  # another checkout (a git worktree) shares through a link.
  if [ -L "$dir/node_modules" ]; then
    say "$dir/node_modules links to a shared install ($(readlink "$dir/node_modules")): left as it is; run 'npm ci' there if a package is missing"
    return
  fi
  say "installing the npm packages of $dir/package-lock.json ($want)"
  if [ "$want" = build ]; then
    (cd "$dir" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
  else
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  echo "$sum $want" >"$dir/node_modules/.setup-stamp"
  installed+=("npm packages in $dir ($want)")
}

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

# wasm-opt (npm binaryen) for building; the test tools too for test and bench.
if [ "$mode" = build ] || [ "$mode" = size ]; then npm_install . build; else npm_install . all; fi

# Trunk runs offline (Trunk.toml), which makes cargo offline too: fetch crates first.
cargo fetch --locked --quiet

if [ "$mode" = size ] && [ "$(twiggy --version 2>/dev/null)" != "twiggy-opt $TWIGGY_VERSION" ]; then
  say "installing twiggy $TWIGGY_VERSION"
  cargo install --locked "twiggy@$TWIGGY_VERSION"
  installed+=("twiggy $TWIGGY_VERSION")
fi

if [ "$mode" = test ] || [ "$mode" = bench ]; then
  for component in clippy rustfmt; do
    if ! rustup component list --installed | grep -q "^$component"; then
      say "adding the $component component"
      rustup component add "$component"
      installed+=("$component")
    fi
  done
  command -v chromium >/dev/null || apt_install chromium chromium-driver
  # The print test reads the PDF's pages (pdftotext) and renders them (pdftoppm).
  command -v pdftotext >/dev/null || apt_install poppler-utils
  # The Nu HTML Checker (npm vnu-jar) is a Java program.
  command -v java >/dev/null || apt_install default-jre-headless
fi

if [ "$mode" = bench ]; then npm_install bench all; fi

if [ ${#installed[@]} -eq 0 ]; then
  say "nothing to install for $mode (trunk $TRUNK_VERSION, wasm-bindgen $WASM_BINDGEN_VERSION, $(wasm-opt --version), npm packages up to date)"
else
  say "installed: ${installed[*]}"
fi
