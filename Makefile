# Confer: `make run` serves the app, `make test` runs every test. Both install what is missing.

SITE_ROOT := target/site
SERVER := target/release/confer
# The query macros check SQL against the query data committed in `.sqlx`, never against
# DATABASE_URL, which may name the empty throwaway test database; `make prepare` refreshes it.
export SQLX_OFFLINE := true

.PHONY: run test tools build bundle-budget check test-rust test-e2e bench prepare clean

run: tools build
	LEPTOS_SITE_ROOT=$(SITE_ROOT) $(SERVER)

test: tools
	.ci/install-tools --browser
	.ci/with-test-db $(MAKE) check test-rust build bundle-budget test-e2e

tools:
	.ci/install-tools

# The bundle is also written pre-compressed, for the server to send as the browser accepts.
build:
	cargo leptos build --release
	for f in $(SITE_ROOT)/pkg/*.wasm $(SITE_ROOT)/pkg/*.js $(SITE_ROOT)/pkg/*.css; do \
	  gzip -9 -k -f "$$f" && brotli -f -q 11 "$$f"; done

# The gzipped WASM every page loads stays within its budget.
WASM_GZ_BUDGET := 250000
bundle-budget:
	@for f in $(SITE_ROOT)/pkg/*.wasm.gz; do size=$$(wc -c < $$f); \
	  echo "WASM bundle: $$size bytes gzip (budget $(WASM_GZ_BUDGET))"; \
	  [ $$size -le $(WASM_GZ_BUDGET) ] || { echo "the WASM bundle is over its budget" >&2; exit 1; }; done

# Formatting, lints for the server and the browser builds, and query data that matches the
# migrations and the code (needs DATABASE_URL: run through .ci/with-test-db).
check:
	cargo fmt --all --check
	sqlx migrate run --source migrations
	SQLX_OFFLINE=false cargo sqlx prepare --check --workspace -- --all-targets --features ssr
	cargo clippy --workspace --all-targets --features ssr -- -D warnings
	cargo clippy -p confer --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

# Rewrites the query data after a query or a migration changed.
prepare:
	.ci/with-test-db sh -c 'sqlx migrate run --source migrations && SQLX_OFFLINE=false cargo sqlx prepare --workspace -- --all-targets --features ssr'

test-rust:
	cargo test --workspace --features ssr

test-e2e:
	data=$$(mktemp -d /tmp/confer-e2e.XXXXXX) && chmod 755 $$data && \
	  (cd end2end && CONFER_E2E_DATA=$$data npx playwright test); status=$$?; rm -rf $$data; exit $$status

bench: tools build
	.ci/with-test-db cargo bench -p app --features ssr --bench messaging
	@for f in $(SITE_ROOT)/pkg/*.wasm; do \
	  echo "WASM bundle (every island of every page): $$(wc -c < $$f) bytes raw, $$(wc -c < $$f.gz) gzip, $$(wc -c < $$f.br) brotli"; done

clean:
	cargo clean
	rm -rf end2end/node_modules end2end/test-results
