# axdash: common tasks. GNU make; recipes use tabs.

GO      ?= go
BIN     ?= bin/axdash
PKGS    ?= ./...
# extra flags for go test, e.g. make test TESTFLAGS='-v -run TestX'
TESTFLAGS ?=

.DEFAULT_GOAL := help

.PHONY: help run test test-race bench lint build clean fuzz

help: ## list the targets
	@echo "axdash make targets:"
	@grep -E '^[a-z][a-zA-Z_-]*:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  %-10s %s\n", $$1, $$2}'

# make run ADDR=127.0.0.1:8081 serves on another address (AXDASH_ADDR works too)
ADDR ?=

run: ## build bin/axdash, then serve the two synthetic demo waves on SQLite at http://127.0.0.1:8080
	@echo "building $(BIN): the first build compiles every dependency and takes a few minutes; later ones take seconds"
	$(GO) build -o $(BIN) ./app
	./$(BIN) serve --demo$(if $(ADDR), --addr $(ADDR))

test: ## run the whole test suite (PostgreSQL and browser tests skip unless configured)
	$(GO) test -count=1 -timeout 20m $(TESTFLAGS) $(PKGS)

# the packages whose code runs concurrently: the job runner, the HTTP
# server, the store under both, and the streaming ingest
RACE_PKGS ?= ./app/jobs ./app/web ./app/store ./app/ingest

test-race: ## run the concurrent packages' tests under the race detector
	$(GO) test -race -count=1 -timeout 30m $(TESTFLAGS) $(RACE_PKGS)

bench: ## run the benchmarks (no tests)
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# staticcheck, pinned; go run fetches it once into the module cache (checked
# against sum.golang.org) without adding it to go.mod.
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

lint: ## fail on unformatted Go files, then go vet, then staticcheck
	@out="$$(gofmt -l .)"; \
	if [ -n "$$out" ]; then \
		echo "gofmt: these files need formatting (run gofmt -w):"; \
		echo "$$out"; \
		exit 1; \
	fi
	$(GO) vet $(PKGS)
	$(GO) run $(STATICCHECK) $(PKGS)

FUZZTIME ?= 30s
fuzz: ## run each fuzz target for FUZZTIME; crashers are kept in importers/testdata/fuzz
	@for t in FuzzReadXLSX FuzzSheetXML FuzzCSV FuzzParseMoney FuzzParseDate FuzzRegion FuzzHeaderMatch; do \
		echo "== $$t"; \
		$(GO) test ./importers -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s || exit 1; \
	done

build: ## build a static binary at bin/axdash
	CGO_ENABLED=0 $(GO) build -o $(BIN) ./app

clean: ## remove build output (bin/); the data/ directory is left alone
	rm -rf bin
