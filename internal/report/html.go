package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/vet-tool/vet/internal/scoring"
	"github.com/vet-tool/vet/templates"
)

// The page is rendered by our own html/template, never by go-echarts' renderer: that one
// inserts options unescaped and turns "__f__" strings into live script, so a creator named
// "</script><script>…" would run (SPEC §7). Each chart's options go in as json.Marshal output,
// which escapes <, > and &.

var pageTemplate = template.Must(template.New("page").Parse(templates.Page))

// verdictColours are the verdicts' colours on the page and in the workbook.
var verdictColours = map[scoring.Verdict]string{
	scoring.Pass: "#2e7d32", scoring.Review: "#ef8f00", scoring.Fail: "#c62828", scoring.Unrated: "#8a8f98",
}

// maxTableRows caps the page's accounts table: at 20,000 accounts the table alone was 8 MB
// of the page's 10, slow to open and to sort in a browser, while the workbook has every
// account (a variable so tests can reach it).
var maxTableRows = 5_000

type pageData struct {
	Version, AsOf, Generated, Reconciliation string
	Accounts                                 int
	Inputs                                   []string
	Verdicts                                 []verdictCount
	Charts                                   []pageChart
	ChartsJSON                               template.JS
	HasECharts                               bool
	ECharts                                  template.JS
	Columns                                  []string
	Baseline                                 string // what the batch was compared with; "" without --baseline
	Rows                                     []pageRow
	TableNote                                string // says what the table leaves out, when it is capped
	About                                    [][2]string
}

type verdictCount struct {
	Name  string
	Count int
}

type pageChart struct {
	ID, Title, Note string
	Wide            bool // spans the page's width
	option          map[string]any
}

type pageRow struct {
	Rank                                          int
	Handle, Followers, Tier, FollowerER           string
	MedianViewER, Ratio, Verdict, Signals, Reason string
	FollowersV, FollowerERV, MedianViewERV        string
	RatioV                                        string
	VerdictV                                      int
	// With a baseline: the follower change and the verdict then ("new" when it had none).
	FollowersDelta, FollowersDeltaV, Previous string
}

// ChartsInlined reports whether this build carries the ECharts script the page inlines. Without
// it the page still holds everything but the charts, and says so at the top.
func ChartsInlined() bool {
	_, ok := echartsScript()
	return ok
}

// echartsScript is the script the page inlines (a variable so a test can take it away).
var echartsScript = templates.ECharts

func writePage(w io.Writer, r *Report) error {
	data, err := newPageData(r)
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

func newPageData(r *Report) (*pageData, error) {
	res, b := r.Result, r.Batch
	d := &pageData{
		Version: r.Version, AsOf: res.AsOf.Format("2 January 2006"), Accounts: len(res.Accounts),
		Generated: r.Generated.Format("2006-01-02 15:04 UTC"), Reconciliation: "posts " + reconciliation(b),
		Columns: []string{"#", "Handle", "Followers", "Tier", "Follower ER", "Median view ER", "Ratio", "Verdict", "Signals", "Reason"},
	}
	if res.HasBaseline {
		d.Baseline = baselineLine(res)
		d.Columns = append(d.Columns, "Δ followers", "Previous verdict")
	}
	for _, in := range b.Inputs {
		d.Inputs = append(d.Inputs, fmt.Sprintf("%s (%d rows)", in.Name, in.Read))
	}
	for _, v := range scoring.Verdicts() {
		d.Verdicts = append(d.Verdicts, verdictCount{v.String(), res.Count(v)})
	}
	for _, build := range []func(*scoring.Result) (pageChart, error){scatterChart, tierChart, distributionChart, histogramChart, timelineChart} {
		c, err := build(res)
		if err != nil {
			return nil, err
		}
		d.Charts = append(d.Charts, c)
	}
	type chartJSON struct {
		ID     string         `json:"id"`
		Option map[string]any `json:"option"`
	}
	var cs []chartJSON
	for _, c := range d.Charts {
		cs = append(cs, chartJSON{c.ID, c.option})
	}
	js, err := json.Marshal(cs)
	if err != nil {
		return nil, err
	}
	d.ChartsJSON = template.JS(js)
	if script, ok := echartsScript(); ok {
		d.HasECharts, d.ECharts = true, template.JS(script)
	}
	shown := min(len(res.Accounts), maxTableRows)
	for i := range shown {
		d.Rows = append(d.Rows, newPageRow(i+1, &res.Accounts[i]))
	}
	if shown < len(res.Accounts) {
		d.TableNote = fmt.Sprintf("The first %s of %s accounts in rank order (the worst verdicts first); the workbook's Accounts sheet lists them all.",
			scoring.Commas(int64(shown)), scoring.Commas(int64(len(res.Accounts))))
	}
	for _, l := range aboutLines(r) {
		d.About = append(d.About, l)
	}
	return d, nil
}

func newPageRow(rank int, a *scoring.Account) pageRow {
	row := pageRow{
		Rank: rank, Handle: a.Handle, Tier: tierOf(a), Verdict: a.Verdict.String(), VerdictV: int(a.Verdict),
		Signals: signalCodes(a.Signals), Reason: a.Reason,
		FollowerER: percentText(a.FollowerER), MedianViewER: percentText(a.MedianViewER),
		FollowerERV: rateValue(a.FollowerER), MedianViewERV: rateValue(a.MedianViewER), RatioV: rateValue(a.Ratio),
	}
	if a.Followers.Known() {
		row.Followers = scoring.Commas(int64(a.Followers))
		row.FollowersV = fmt.Sprint(int64(a.Followers))
	}
	if a.Ratio.OK {
		row.Ratio = fmt.Sprintf("%.2f×", a.Ratio.Value)
	}
	switch {
	case a.New:
		row.Previous = "new"
	case a.Change != nil:
		row.Previous = a.Change.Before.Verdict.String()
		if d := a.Change.FollowersDelta; d != nil {
			row.FollowersDeltaV = fmt.Sprint(*d)
			row.FollowersDelta = signed(*d)
			if p := a.Change.FollowersPercent; p.OK {
				row.FollowersDelta += fmt.Sprintf(" (%+.1f%%)", p.Value)
			}
		}
	}
	return row
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
	line := fmt.Sprintf("Compared with the report as of %s: %d new, %d gone", res.BaselineAsOf.Format("2 January 2006"), len(res.New), len(res.Gone))
	if len(res.Gone) > 0 {
		var names []string
		for i, g := range res.Gone {
			if i == 20 {
				names = append(names, fmt.Sprintf("and %d more", len(res.Gone)-20))
				break
			}
			names = append(names, g.Handle)
		}
		line += " (gone: " + strings.Join(names, ", ") + ")"
	}
	return line
}

func percentText(r scoring.Rate) string {
	if !r.OK {
		return "n/a"
	}
	return fmt.Sprintf("%.2f%%", r.Value)
}

func rateValue(r scoring.Rate) string {
	if !r.OK {
		return ""
	}
	return fmt.Sprint(r.Value)
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
