# haken: the two commands in README.md are `make demo` and `make test`.
# Every target installs what it needs first (scripts/setup.sh is idempotent and quick).
SHELL := /bin/bash
PORT ?= 8787
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner
export CHROMEDRIVER := /usr/bin/chromedriver
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: demo test setup setup-build wasm extension lint test-native test-browser test-e2e test-fuzz fuzz eval claim-model notice-model bench clean

demo: setup wasm
	node scripts/serve.mjs www $(PORT)

setup:
	@scripts/setup.sh --browser

# What building needs (wasm target, wasm-bindgen, wasm-opt), without the browser.
setup-build:
	@scripts/setup.sh

wasm: setup-build
	@scripts/build-wasm.sh

# extension/ loads unpacked after `make wasm`; this also writes dist/haken-{chromium,firefox}.zip.
extension: setup wasm
	node scripts/package-extension.mjs

# The JS type check reads the types wasm-bindgen writes beside the built modules.
lint: setup-build wasm
	cargo fmt --all --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy -p haken-web -p haken-policy-web -p haken-glue --all-targets --target wasm32-unknown-unknown -- -D warnings
	node_modules/.bin/tsc -p tsconfig.json

test-native:
	cargo test --lib --bins --tests --examples
	cargo test --doc
	cargo test --release --test scaling -- --test-threads=1

test-browser:
	cargo test -p haken-web --target wasm32-unknown-unknown --test browser --test scaling

test-e2e: wasm
	node --test --test-reporter=spec tests/e2e/

# A short fuzzing run (15 s per target; installs cargo-fuzz first); `make fuzz` runs long.
FUZZ_SECONDS ?= 3600
test-fuzz: setup-build
	scripts/fuzz.sh 15

fuzz: setup-build
	scripts/fuzz.sh $(FUZZ_SECONDS)

test: setup lint test-native test-browser test-e2e test-fuzz
	@echo "make test: every tier passed (native, browser, end-to-end)"

# Retrains the claim model (rules/policy/model.bin) from the gold sets' development halves and
# the ToS;DR points; deterministic, the same data gives the same file.
claim-model: setup-build
	cargo run --quiet --release --example train_claim_model

# Retrains the breach-notice model (rules/breach/model.bin) from the labelled breach sets and the
# gold sets' policies; prints each set's recognition when the model never saw it. Deterministic.
notice-model: setup-build
	cargo run --quiet --release --example train_notice_model

eval: setup-build
	cargo run --quiet --release --example eval -- tests/fixtures tests/holdout tests/blind tests/blind-platforms tests/blind-platforms-2 tests/blind-platforms-3 tests/blind-platforms-4 tests/blind-platforms-5 tests/blind-platforms-6 tests/blind-platforms-7 tests/blind-platforms-8 tests/blind-platforms-9 tests/blind-platforms-10 tests/blind-platforms-11 tests/blind-platforms-12 tests/blind-platforms-13 tests/blind-platforms-14 tests/blind-platforms-15 tests/blind-platforms-16 tests/blind-platforms-17 tests/blind-platforms-18 tests/blind-platforms-19 tests/blind-platforms-20 tests/blind-platforms-21 tests/blind-platforms-22 tests/blind-platforms-23 tests/blind-platforms-24 tests/blind-platforms-25 tests/blind-platforms-26 tests/blind-platforms-27 tests/blind-platforms-28 tests/blind-platforms-29 tests/blind-platforms-30 tests/blind-platforms-31 tests/blind-platforms-32 tests/blind-platforms-33 tests/blind-platforms-34 tests/blind-platforms-35 tests/blind-platforms-36 tests/blind-platforms-37 $(wildcard tests/labels/*.jsonl)
	cargo run --quiet --release --example policy_gold
	cargo run --quiet --release --example policy_gold -- tests/data/claims-gold-de-shops
	cargo run --quiet --release --example policy_gold -- tests/data/claims-gold-de-shops-2
	cargo run --quiet --release --example policy_gold -- tests/data/claims-gold-en-shops
	cargo run --quiet --release --example policy_gold -- tests/data/claims-gold-en-shops-2
	for set in claims-gold claims-gold-en-shops claims-gold-en-shops-2 claims-gold-de-shops claims-gold-de-shops-2; do \
	  cargo run --quiet --release --example policy_gold -- tests/data/$$set --half test --rules-only; \
	  cargo run --quiet --release --example policy_gold -- tests/data/$$set --half test; done
	$(if $(wildcard ../shared/data/policy),cargo run --quiet --release --example policy_quality -- ../shared/data/policy,@echo "make eval: research corpora not beside the checkout; label-based policy figures skipped")
	cargo run --quiet --release --example permissions_quality -- tests/permissions tests/permissions-blind
	cargo run --quiet --release --example breach_quality -- tests/breach
	cargo run --quiet --release --example breach_quality -- tests/breach-blind
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-2
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-3
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-4
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-5
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-6
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-7
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-8
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-9
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-10
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-11
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-12
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-13
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-14
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-15
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-16
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-17
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-18
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-19
	cargo run --quiet --release --example breach_quality -- tests/breach-blind-20

bench: setup wasm
	cargo test --release --test scaling -- --nocapture --test-threads=1
	cargo bench --bench engine
	node tests/e2e/bench.mjs
	node tests/e2e/bench-extension.mjs
	node tests/e2e/bench-policy.mjs

clean:
	cargo clean
	rm -rf www/pkg extension/pkg extension/pkg-js extension/bundle dist out
