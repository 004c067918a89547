# The two commands of the README: `make serve` and `make test`. Each installs
# what is missing first (scripts/setup.sh), at pinned versions, and only what
# it needs: serve and dist the build tools; test also the test tools and
# Chromium; bench also the peers in bench/package.json.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
PORT ?= 8765

.PHONY: serve test dist setup build lint test-native test-e2e check-data pack bench size

## Build the release dist/ and serve it on 127.0.0.1.
serve: dist
	node scripts/serve.mjs --dir dist --port $(PORT)

## Run every test: lints, native core tests, then end-to-end tests on the built dist/.
test:
	@scripts/setup.sh test
	$(MAKE) --no-print-directory lint check-data test-native build
	$(MAKE) --no-print-directory test-e2e

## Build dist/ only.
dist: setup build

## Benchmark against TimelineJS and itemsjs at 1k/10k/100k events: bench/RESULTS.md.
bench:
	@scripts/setup.sh bench
	$(MAKE) --no-print-directory build
	node bench/run.mjs

## What the wasm is made of, by crate and function: bench/SIZE.md.
size:
	@scripts/setup.sh size
	$(MAKE) --no-print-directory build
	python3 scripts/size.py

setup:
	@scripts/setup.sh

build:
	trunk build --release

## rustfmt, and clippy on every native target, on the wasm app and on the pictures' module.
lint:
	cargo fmt --check
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --bin briefing -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown -p briefing-pictures -- -D warnings

check-data:
	cargo run --quiet --locked --bin briefing-check -- data/briefing.json
	cargo run --quiet --locked --bin briefing-check -- data/briefing.pack

## After editing data/briefing.json: write the pack the page bundles from it.
pack:
	rm -f data/briefing.pack
	cargo run --quiet --locked --bin briefing-check -- --pack data/briefing.pack data/briefing.json

test-native:
	cargo test --locked

test-e2e:
	node --test --test-concurrency=1 tests/e2e/
