# vet's front door: `make demo` vets the examples, `make test` runs every test.
# Each target installs what it needs: Go modules through the Go module proxy, the ECharts
# script from the npm registry (checked against a pinned checksum), and Chromium and
# poppler-utils (pdftotext) and LibreOffice Calc from Debian's packages for the browser and
# spreadsheet tests.

GO              ?= go
# templates/echarts.version is the one place the ECharts version is written (line 1, with the
# script's SHA-256 on line 2); the Go build embeds the same file (templates.EChartsVersion).
ECHARTS_VERSION := $(shell sed -n 1p templates/echarts.version)
ECHARTS_SHA256  := $(shell sed -n 2p templates/echarts.version)
ECHARTS_JS      := templates/assets/echarts.min.js
NPM_CACHE       := .cache/npm

.PHONY: all build demo test lint assets browser screenshot clean

all: build

## build: bin/vet, with the chart script inlined
build: assets
	$(GO) build -o bin/vet ./cmd/vet

## demo: vet the batch in examples/ into vet-report/
demo: build
	./bin/vet run --out vet-report examples/

## test: go vet and every test, with the race detector
test: assets browser
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

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

## assets: fetch the ECharts script the page inlines (not committed)
assets: $(ECHARTS_JS)

$(ECHARTS_JS):
	@command -v npm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq npm; }
	mkdir -p $(NPM_CACHE)
	cd $(NPM_CACHE) && npm pack --silent echarts@$(ECHARTS_VERSION) >/dev/null
	tar -xzf $(NPM_CACHE)/echarts-$(ECHARTS_VERSION).tgz -C $(NPM_CACHE) package/dist/echarts.min.js
	echo "$(ECHARTS_SHA256)  $(NPM_CACHE)/package/dist/echarts.min.js" | sha256sum -c --quiet
	cp $(NPM_CACHE)/package/dist/echarts.min.js $@

## browser: Debian's Chromium, poppler-utils and LibreOffice Calc, for the tests that open and
## print the page and read the workbook as a spreadsheet shows it
browser:
	@command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && command -v soffice >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils libreoffice-calc; }

include bench.mk

clean:
	rm -rf bin vet-report bench-out $(ECHARTS_JS)
