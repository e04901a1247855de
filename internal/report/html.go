package report

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
	"github.com/vet-tool/vet/templates"
)

// The page is rendered by our own html/template, never by go-echarts' renderer: that one
// inserts options unescaped and turns "__f__" strings into live script, so a creator named
// "</script><script>…" would run (SPEC §7). The charts' options and the accounts go in as
// json.Marshal output, which escapes <, > and &; the page's script builds the table with
// textContent, never with markup taken from the data.

var pageTemplate = template.Must(template.New("page").Parse(templates.Page))

// verdictColours are the verdicts' colours on the page and in the workbook.
var verdictColours = map[scoring.Verdict]string{
	scoring.Pass: "#2e7d32", scoring.Review: "#ef8f00", scoring.Fail: "#c62828", scoring.Unrated: "#8a8f98",
}

// defaultTitle heads the page when the report has no title of its own (--title).
const defaultTitle = "Influencer vetting"

// pageOptions are what the page is built with beyond the report.
type pageOptions struct {
	// ECharts returns the chart script to inline, and false when the build has none.
	ECharts func() ([]byte, bool)
}

// defaultPageOptions inline the script embedded in this build.
func defaultPageOptions() pageOptions { return pageOptions{ECharts: templates.ECharts} }

type pageData struct {
	Title, Client, DocTitle     string
	Logo                        template.URL // a data: URI; "" for none
	AsOf, Generated, Version    string
	Accounts, Reconciliation    string
	Inputs                      []string
	NotRead                     []string // files of an input folder that could not be read, with why
	Baseline                    string   // what the batch was compared with; "" without --baseline
	Warnings                    []scoring.Warning
	Verdicts                    []verdictCount
	Flagged                     string
	Charts                      []pageChart
	HasECharts                  bool
	ECharts, Script, Data       template.JS
	CSS                         template.CSS
	Definitions, SignalMeanings [][2]string
}

type verdictCount struct {
	Name, Count string
}

type pageChart struct {
	ID, Title, Note string
	Wide            bool // spans the page's width
	Height          int  // pixels; 0 for the default
	option          map[string]any
}

// ChartsInlined reports whether this build carries the ECharts script the page inlines. Without
// it the page still holds everything but the charts, and says so at the top.
func ChartsInlined() bool {
	_, ok := templates.ECharts()
	return ok
}

func writePage(w io.Writer, r *Report) error { return writePageWith(w, r, defaultPageOptions()) }

func writePageWith(w io.Writer, r *Report, o pageOptions) error {
	data, err := newPageData(r, o)
	if err != nil {
		return err
	}
	// html/template writes in many small pieces: unbuffered, at 20,000 accounts that was two
	// seconds of write system calls.
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := pageTemplate.Execute(bw, data); err != nil {
		return err
	}
	return bw.Flush()
}

func newPageData(r *Report, o pageOptions) (*pageData, error) {
	res, b := r.Result, r.Batch
	d := &pageData{
		Title: strings.TrimSpace(r.Brand.Title), Client: strings.TrimSpace(r.Brand.Client),
		Version: r.Version, AsOf: res.AsOf.Format("2 January 2006"),
		Accounts:  plural(len(res.Accounts), "account"),
		Generated: r.Generated.Format("2 January 2006, 15:04 UTC"),
		Warnings:  res.Warnings,
		CSS:       template.CSS(templates.PageCSS), Script: template.JS(templates.PageJS),
	}
	if d.Title == "" {
		d.Title = defaultTitle
	}
	d.DocTitle = d.Title
	if d.Client != "" {
		d.DocTitle += " · " + d.Client
	}
	d.DocTitle += " · " + d.AsOf
	d.Logo = logoURI(r.Brand)
	if b != nil {
		d.Reconciliation = reconciliation(b)
		for _, in := range b.Inputs {
			d.Inputs = append(d.Inputs, fmt.Sprintf("%s (%s)", fileName(in.Name), plural(in.Read, "row")))
		}
		for _, sk := range b.Skipped {
			d.NotRead = append(d.NotRead, fmt.Sprintf("%s (%s)", fileName(sk.Name), sk.Reason))
		}
	}
	if res.HasBaseline {
		d.Baseline = baselineLine(res)
	}
	for _, v := range scoring.Verdicts() {
		d.Verdicts = append(d.Verdicts, verdictCount{v.String(), scoring.Commas(int64(res.Count(v)))})
	}
	d.Flagged = scoring.Commas(int64(res.Count(scoring.Review) + res.Count(scoring.Fail)))
	for _, build := range []func(*scoring.Result, *lang.Printer) (pageChart, error){scatterChart, tierChart, distributionChart, histogramChart, flaggedChart} {
		c, err := build(res, r.printer())
		if err != nil {
			return nil, err
		}
		d.Charts = append(d.Charts, c)
	}
	js, err := json.Marshal(newPageJSON(res, r.printer(), d.Charts))
	if err != nil {
		return nil, fmt.Errorf("page data: %w", err)
	}
	d.Data = template.JS(js)
	if o.ECharts != nil {
		if script, ok := o.ECharts(); ok {
			d.HasECharts, d.ECharts = true, template.JS(script)
		}
	}
	d.Definitions = definitions(res)
	d.SignalMeanings = signalMeanings()
	return d, nil
}

// logoURI inlines the brand's logo as a data: URI, so the page needs nothing beside it; only
// image types a browser draws without running anything (an SVG in <img> runs no script).
func logoURI(b Brand) template.URL {
	switch b.LogoType {
	case "image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml":
	default:
		return ""
	}
	if len(b.Logo) == 0 {
		return ""
	}
	return template.URL("data:" + b.LogoType + ";base64," + base64.StdEncoding.EncodeToString(b.Logo))
}

// fileName is an input's name as the client sees it: never a path on the machine vet ran on.
// An absolute name, or one that climbs out of the folder vet ran in (../), is cut to its base.
func fileName(name string) string {
	slashed := strings.ReplaceAll(name, `\`, "/")
	if filepath.IsAbs(name) || strings.HasPrefix(slashed, "/") || strings.HasPrefix(slashed, "../") ||
		strings.Contains(slashed, "/../") || len(slashed) > 2 && slashed[1] == ':' {
		return path.Base(slashed)
	}
	return name
}

// reconciliation is the line that accounts for every row read, on the page and on Summary, with
// thousands separators and plurals.
func reconciliation(b *ingest.Batch) string {
	return fmt.Sprintf("%s read = %s used + %s + %s rejected",
		scoring.Commas(int64(b.Read)), scoring.Commas(int64(b.Used())),
		plural(b.Duplicates, "duplicate"), scoring.Commas(int64(len(b.Rejected))))
}

// plural writes a count of things with separators: 1 post, 2,000 posts.
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return scoring.Commas(int64(n)) + " " + thing + "s"
}

// signed writes a change with its sign and thousands: +1,234 or −56.
func signed(n int64) string {
	if n < 0 {
		return "−" + scoring.Commas(-n)
	}
	return "+" + scoring.Commas(n)
}

// baselineLine says what the batch was compared with, and which accounts came and went.
func baselineLine(res *scoring.Result) string {
	line := fmt.Sprintf("Compared with the report as of %s: %s new, %s gone", res.BaselineAsOf.Format("2 January 2006"),
		scoring.Commas(int64(len(res.New))), scoring.Commas(int64(len(res.Gone))))
	if len(res.Gone) > 0 {
		var names []string
		for i, g := range res.Gone {
			if i == 20 {
				names = append(names, fmt.Sprintf("and %s more", scoring.Commas(int64(len(res.Gone)-20))))
				break
			}
			names = append(names, g.Handle)
		}
		line += " (gone: " + strings.Join(names, ", ") + ")"
	}
	return line
}

// options turns a go-echarts chart into the plain options ECharts takes, as generic JSON values
// so a chart can add what go-echarts has no type for.
func options(c interface {
	Validate()
	JSON() map[string]any
}) (map[string]any, error) {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return nil, fmt.Errorf("chart options: %w", err)
	}
	var m map[string]any
	err = json.Unmarshal(b, &m)
	return m, err
}

func initOpts(id string) charts.GlobalOpts {
	return charts.WithInitializationOpts(opts.Initialization{ChartID: id, Theme: "white"})
}
