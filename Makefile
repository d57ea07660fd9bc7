# Confer: `make run` serves the app, `make test` runs every test. Both install what is missing.

# The query macros check SQL against the query data committed in `.sqlx`, never against
# DATABASE_URL, which may name a server not yet migrated or the empty throwaway test database.
# After changing a query, refresh the data against a migrated database:
#   DATABASE_URL=... cargo sqlx prepare --workspace -- --features ssr
export SQLX_OFFLINE := true

SITE_ROOT := target/site
SERVER := target/release/confer

.PHONY: run test tools build test-rust test-e2e bench clean

run: tools build
	LEPTOS_SITE_ROOT=$(SITE_ROOT) $(SERVER)

test: tools
	.ci/install-tools --browser
	.ci/with-test-db $(MAKE) test-rust build test-e2e

tools:
	.ci/install-tools

build:
	cargo leptos build --release

test-rust:
	cargo test --workspace --features ssr

test-e2e:
	data=$$(mktemp -d /tmp/confer-e2e.XXXXXX) && chmod 755 $$data && \
	  (cd end2end && CONFER_E2E_DATA=$$data npx playwright test); status=$$?; rm -rf $$data; exit $$status

bench:
	.ci/with-test-db cargo bench -p app --features ssr --bench messaging

clean:
	cargo clean
	rm -rf end2end/node_modules end2end/test-results
