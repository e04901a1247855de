// Package templates holds the HTML page's template and the script it inlines, embedded into
// the vet binary so a report needs nothing beside it.
package templates

import (
	"embed"
	_ "embed" // the page template
)

// Page is the template of vetting.html (html/template syntax).
//
//go:embed page.html.tmpl
var Page string

//go:embed assets
var assets embed.FS

// EChartsVersion is the version of Apache ECharts the Makefile fetches (the 5.x line that
// go-echarts targets).
const EChartsVersion = "5.4.3"

// ECharts is the minified ECharts script to inline into the page, and false when this build
// was made without it (run `make assets`).
func ECharts() ([]byte, bool) {
	b, err := assets.ReadFile("assets/echarts.min.js")
	if err != nil || len(b) == 0 {
		return nil, false
	}
	return b, true
}
