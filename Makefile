# vet's front door: `make demo` vets the examples, `make test` runs every test.
# Each target installs what it needs: Go modules through the Go module proxy, the ECharts
# script from the npm registry (checked against a pinned checksum), and Chromium and
# poppler-utils (pdftotext) and LibreOffice Calc from Debian's packages for the browser and
# spreadsheet tests.

GO              ?= go
# templates/echarts.version is the one place the ECharts version is written (line 1), with the
# SHA-256 of every file vet takes from its npm package below it, as `sha256sum -c` reads them
# (the script on line 2, then its licence files); the Go build embeds the same file
# (templates.EChartsVersion) and cmd/vet-dist checks the same sums before it packs a release.
ECHARTS_VERSION  := $(shell sed -n 1p templates/echarts.version)
ECHARTS_FILES    := $(shell sed 1d templates/echarts.version | awk '{print $$2}')
ECHARTS_LICENCES := $(patsubst package/%,%,$(filter-out package/dist/echarts.min.js,$(ECHARTS_FILES)))
ECHARTS_JS       := templates/assets/echarts.min.js
ECHARTS_LICDIR   := templates/assets/echarts-licenses
NPM_CACHE        := .cache/npm
# -X main.version=… -X main.commit=…, from git (cmd/vet-dist: the tag, or a pseudo-version of
# the commit as the Go toolchain writes one); empty outside a git checkout.
VERSION_LDFLAGS   = $(shell $(GO) run ./cmd/vet-dist -ldflags 2>/dev/null)

.PHONY: all build dist demo test lint assets echarts browser screenshot clean

all: build

## build: bin/vet, with the chart script inlined
build: assets
	$(GO) build -ldflags '$(VERSION_LDFLAGS)' -o bin/vet ./cmd/vet

## dist: the release archives in dist/, one per platform, with dist/SHA256SUMS (reproducible)
dist: assets
	$(GO) run ./cmd/vet-dist -out dist

## demo: vet the batch in examples/ into vet-report/
demo: build
	./bin/vet run --out vet-report examples/

## test: go vet and every test, with the race detector (internal/dist's release test builds every
## archive: about 15 minutes on a cold build cache, 2 on a warm one; hence the timeout)
test: assets browser
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 45m ./...

## screenshot: docs/screenshot.png, the demo's page as README shows it
screenshot: demo browser
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
		--disable-component-update --disable-sync --user-data-dir="$$(mktemp -d)" --hide-scrollbars \
		--screenshot=docs/screenshot.png --window-size=1400,1150 --virtual-time-budget=3000 \
		"file://$(CURDIR)/vet-report/vetting.html"

## lint: gofmt and go vet
lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }
	$(GO) vet ./...

## assets: fetch the ECharts script the page inlines and its licence files (not committed)
assets:
	@test -s $(ECHARTS_JS) && test -s $(ECHARTS_LICDIR)/NOTICE || $(MAKE) --no-print-directory echarts

## echarts: fetch the pinned echarts npm package, check its files' checksums, place them
echarts:
	@command -v npm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq npm; }
	mkdir -p $(NPM_CACHE)
	cd $(NPM_CACHE) && npm pack --silent echarts@$(ECHARTS_VERSION) >/dev/null
	rm -rf $(NPM_CACHE)/package
	tar -xzf $(NPM_CACHE)/echarts-$(ECHARTS_VERSION).tgz -C $(NPM_CACHE) $(ECHARTS_FILES)
	sed 1d templates/echarts.version | (cd $(NPM_CACHE) && sha256sum -c --quiet)
	cp $(NPM_CACHE)/package/dist/echarts.min.js $(ECHARTS_JS)
	rm -rf $(ECHARTS_LICDIR)
	for f in $(ECHARTS_LICENCES); do mkdir -p $(ECHARTS_LICDIR)/$$(dirname $$f) && cp $(NPM_CACHE)/package/$$f $(ECHARTS_LICDIR)/$$f || exit 1; done

## browser: Debian's Chromium, poppler-utils and LibreOffice Calc, for the tests that open and
## print the page and read the workbook as a spreadsheet shows it
browser:
	@command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && command -v soffice >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils libreoffice-calc; }

include bench.mk

clean:
	rm -rf bin dist vet-report bench-out $(ECHARTS_JS) $(ECHARTS_LICDIR)
