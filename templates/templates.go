// Package templates holds the HTML page's template, its style and script, and the chart script
// it inlines, embedded into the vet binary so a report needs nothing beside it.
package templates

import (
	"embed"
	_ "embed" // the page template, style and script
	"strings"
)

// Page is the template of vetting.html (html/template syntax).
//
//go:embed page.html.tmpl
var Page string

// PageCSS is the page's style sheet, screen and print.
//
//go:embed page.css
var PageCSS string

// PageJS is the page's own script: the accounts table, its filters, pages and details.
//
//go:embed page.js
var PageJS string

//go:embed assets
var assets embed.FS

// echartsVersion is echarts.version: the version of Apache ECharts on its first line, then the
// SHA-256 of each file vet takes from its npm package (dist/echarts.min.js, then its licence
// files), as `sha256sum -c` reads them. It is the one place the version is written: the
// Makefile's assets target and cmd/vet-dist read the same file.
//
//go:embed echarts.version
var echartsVersion string

// EChartsVersion is the version of Apache ECharts the Makefile fetches and the page inlines
// (the 5.x line that go-echarts targets).
func EChartsVersion() string {
	v, _, _ := strings.Cut(echartsVersion, "\n")
	return strings.TrimSpace(v)
}

// ECharts is the minified ECharts script to inline into the page, and false when this build
// was made without it (run `make assets`).
func ECharts() ([]byte, bool) {
	b, err := assets.ReadFile("assets/echarts.min.js")
	if err != nil || len(b) == 0 {
		return nil, false
	}
	return b, true
}
