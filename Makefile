# vet's front door: `make demo` vets the examples, `make test` runs every test.
# Each target installs what it needs: Go modules through the Go module proxy, the ECharts
# script from the npm registry (checked against a pinned checksum), and Chromium from
# Debian's packages for the browser test.

GO              ?= go
ECHARTS_VERSION := 5.4.3
ECHARTS_SHA256  := 1156429a16a38cb8604dcc6518c19406d4226142d908f8edd2e3531443c54d19
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

## browser: Debian's Chromium, for the test that opens the page in a real browser
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

include bench.mk

clean:
	rm -rf bin vet-report bench-out $(ECHARTS_JS)
