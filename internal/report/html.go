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

	"github.com/vet-tool/vet/internal/figures"
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

// pageTemplate is parsed once; each page is executed from a clone whose t is bound to the
// report's printer: {{t "page.meta" "date" .AsOf}} is Printer.T's template, filled and escaped.
var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{"t": lang.New(lang.English, "").T}).Parse(templates.Page))

// verdictColours are the verdicts' colours on the page and in the workbook.
var verdictColours = map[scoring.Verdict]string{
	scoring.Pass: "#2e7d32", scoring.Review: "#ef8f00", scoring.Fail: "#c62828", scoring.Unrated: "#8a8f98",
}

// pageOptions are what the page is built with beyond the report.
type pageOptions struct {
	// ECharts returns the chart script to inline, and false when the build has none.
	ECharts func() ([]byte, bool)
}

// defaultPageOptions inline the script embedded in this build.
func defaultPageOptions() pageOptions { return pageOptions{ECharts: templates.ECharts} }

type pageData struct {
	Lang                        string // the page's language: <html lang>
	Title, Client, DocTitle     string
	Logo                        template.URL // a data: URI; "" for none
	AsOf, Generated, Version    string
	Accounts, Reconciliation    string // "34 accounts", and the line that accounts for every row read
	Workbook                    string // the workbook's file name, which the page refers to
	AccountCount, FlaggedLabel  string // "34", "Flagged (REVIEW + FAIL)"
	Inputs                      []string
	NotRead                     []string // files of an input folder that could not be read, with why
	Baseline                    string   // what the batch was compared with; "" without --baseline
	Warnings                    []Warning
	Reading                     []string // what reading the inputs found (ingest's notices), in the report's language
	Verdicts                    []verdictCount
	Flagged                     string
	Charts                      []pageChart
	Discovery                   string // a sample batch: what the list is, shown instead of the verdict counts
	HasECharts                  bool
	ECharts, Script, Data       template.JS
	CSS                         template.CSS
	Definitions, SignalMeanings [][2]string
	// What goes with a higher view ER over the whole batch, in sentences, and how each trait is told.
	Insights       []string
	InsightsCaveat string
	TraitMeanings  [][2]string
}

// verdictCount is a verdict's filter: its code (the CSS class and data-filter), its words and
// how many accounts have it.
type verdictCount struct {
	Code, Word, Count string
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
	tmpl, err := pageTemplate.Clone()
	if err != nil {
		return err
	}
	if err := tmpl.Funcs(template.FuncMap{"t": r.printer().T}).Execute(bw, data); err != nil {
		return err
	}
	return bw.Flush()
}

func newPageData(r *Report, o pageOptions) (*pageData, error) {
	res, b, p := r.Result, r.Batch, r.printer()
	d := &pageData{
		Lang:  string(p.Lang()),
		Title: reportTitle(r), Client: strings.TrimSpace(r.Brand.Client),
		Version: r.Version, AsOf: asOfDate(res, p),
		Accounts: p.Plural(int64(len(res.Accounts)), "account"), AccountCount: p.Int(len(res.Accounts)),
		FlaggedLabel: p.T("page.accounts.flagged", "review", verdictWord(p, scoring.Review), "fail", verdictWord(p, scoring.Fail)),
		Generated:    p.DateTime(r.Generated), Workbook: WorkbookFile,
		Warnings: warnings(res, p),
		CSS:      template.CSS(templates.PageCSS), Script: template.JS(templates.PageJS),
	}
	for _, in := range res.Insights {
		d.Insights = append(d.Insights, figures.BatchInsightWords(in, &res.Config, p))
	}
	d.InsightsCaveat = p.T("insight.batch_caveat", "min_posts", p.Plural(int64(res.Config.InsightMinPosts), "post"))
	d.TraitMeanings = figures.TraitMeanings(&res.Config, p)
	d.DocTitle = d.Title
	if d.Client != "" {
		d.DocTitle += " · " + d.Client
	}
	if d.AsOf != "" {
		d.DocTitle += " · " + d.AsOf
	}
	d.Logo = logoURI(r.Brand)
	if b != nil {
		d.Reconciliation = reconciliation(b, p)
		for _, in := range b.Inputs {
			d.Inputs = append(d.Inputs, fmt.Sprintf("%s (%s)", fileName(in.Name), p.Plural(int64(in.Read), "row")))
		}
		for _, sk := range b.Skipped {
			d.NotRead = append(d.NotRead, fmt.Sprintf("%s (%s)", fileName(sk.Name), p.Say(sk.Reason)))
		}
		for _, m := range b.Said() {
			d.Reading = append(d.Reading, p.Say(m))
		}
	}
	if res.HasBaseline {
		d.Baseline = baselineLine(res, p)
	}
	for _, v := range scoring.Verdicts() {
		d.Verdicts = append(d.Verdicts, verdictCount{v.String(), verdictWord(p, v), p.Int(res.Count(v))})
	}
	d.Flagged = p.Int(res.Count(scoring.Review) + res.Count(scoring.Fail))
	builds := []func(*scoring.Result, *lang.Printer) (pageChart, error){scatterChart, tierChart, distributionChart, histogramChart, flaggedChart}
	if res.Kind == scoring.Sample {
		// A discovery list rates no account: the charts of rates against the tiers and of
		// flagged accounts would be empty frames. The posts' view ERs are what it has.
		d.Discovery = p.T("page.discovery", "accounts", p.Plural(int64(len(res.Accounts)), "account"))
		builds = builds[3:4]
	}
	for _, build := range builds {
		c, err := build(res, p)
		if err != nil {
			return nil, err
		}
		d.Charts = append(d.Charts, c)
	}
	js, err := json.Marshal(newPageJSON(res, p, d.Charts))
	if err != nil {
		return nil, fmt.Errorf("page data: %w", err)
	}
	d.Data = template.JS(js)
	if o.ECharts != nil {
		if script, ok := o.ECharts(); ok {
			d.HasECharts, d.ECharts = true, template.JS(script)
		}
	}
	d.Definitions = definitions(res, p)
	d.SignalMeanings = signalMeanings(res, p)
	return d, nil
}

// logoURI inlines the brand's logo as a data: URI, so the page needs nothing beside it; only
// image types a browser draws without running anything (an SVG in <img> runs no script).
// asOfDate is the batch's as-of date as the report writes it, "" when no post is dated and no
// --as-of given: the report then says no date rather than "1 January 0001".
func asOfDate(res *scoring.Result, p *lang.Printer) string {
	if res.AsOf.IsZero() {
		return ""
	}
	return p.Date(res.AsOf)
}

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

// reconciliation is the line that accounts for every row read, on the page, on Summary and on
// stdout's summary, with thousands separators and plurals.
func reconciliation(b *ingest.Batch, p *lang.Printer) string {
	return p.T("report.reconciliation", "read", p.Int(b.Read), "used", p.Int(b.Used()),
		"duplicates", p.Plural(int64(b.Duplicates), "duplicate"), "rejected", p.Int(len(b.Rejected)))
}

// maxGoneNamed is how many accounts gone since the baseline the page names.
const maxGoneNamed = 20

// baselineLine says what the batch was compared with, and which accounts came and went.
func baselineLine(res *scoring.Result, p *lang.Printer) string {
	line := p.T("page.baseline.line", "date", p.Date(res.BaselineAsOf), "new", p.Int(len(res.New)), "gone", p.Int(len(res.Gone)))
	if len(res.Gone) > 0 {
		var names []string
		for i, g := range res.Gone {
			if i == maxGoneNamed {
				names = append(names, p.T("word.and_more", "n", p.Int(len(res.Gone)-maxGoneNamed)))
				break
			}
			names = append(names, g.Handle)
		}
		line += p.T("page.baseline.gone", "handles", strings.Join(names, ", "))
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
