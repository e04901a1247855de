package report

import (
	"bytes"
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
	"github.com/vet-tool/vet/templates"
)

// renderPage writes the page of r with the given options.
func renderPage(t *testing.T, r *Report, o pageOptions) string {
	t.Helper()
	var b strings.Builder
	if err := writePageWith(&b, r, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// pageData reads back the data the page's script gets.
func pageDataOf(t *testing.T, page string) pageJSON {
	t.Helper()
	const start = "<script>window.VET = "
	i := strings.Index(page, start)
	if i < 0 {
		t.Fatal("no window.VET in the page")
	}
	rest := page[i+len(start):]
	j := strings.Index(rest, ";</script>")
	if j < 0 {
		t.Fatal("window.VET does not end")
	}
	var d pageJSON
	if err := json.Unmarshal([]byte(rest[:j]), &d); err != nil {
		t.Fatalf("window.VET: %v", err)
	}
	return d
}

// visibleText is the page without its scripts, style and tags: roughly what a reader sees.
func visibleText(page string) string {
	page = regexp.MustCompile(`(?s)<script>.*?</script>|<style>.*?</style>`).ReplaceAllString(page, "")
	return regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(page, " ")
}

func TestPageEscapesWhatCameFromTheInput(t *testing.T) {
	r := testReport(t)
	r.Result.Accounts[0].Handle = "</script><script>alert(2)</script>"
	r.Brand = Brand{Title: "<i>Title</i>", Client: "</title><script>alert(3)</script>"}
	page := renderPage(t, r, defaultPageOptions())
	for _, bad := range []string{"<script>alert(1)</script>", "</script><script>alert(2)", "<script>alert(3)", "<i>Title</i>"} {
		if strings.Contains(page, bad) {
			t.Errorf("%q reached the page unescaped", bad)
		}
	}
	if !strings.Contains(page, `\u003c/script\u003e\u003cscript\u003ealert(2)\u003c/script\u003e`) {
		t.Error("the handle is not escaped in the page's data")
	}
	if !strings.Contains(page, "&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;") || !strings.Contains(page, "<h1>&lt;i&gt;Title&lt;/i&gt;</h1>") {
		t.Error("the brand is not written as text")
	}
}

func TestPageHoldsEveryAccount(t *testing.T) {
	var posts []ingest.Post
	const n = 6_000
	for i := range n {
		h := "acct" + strconv.Itoa(i)
		for j := range 3 {
			posts = append(posts, ingest.Post{Account: txt(h), Key: txt(h), Followers: ingest.Count(2_000 + i), Views: ingest.Count(1_000 + 97*j + i%50),
				Likes: ingest.Count(30 + i%40), Comments: ingest.Count(2 + j), Shares: 1, Saves: ingest.Missing})
		}
	}
	res := scoring.Score(scoring.Input{Posts: posts, Texts: &postTexts}, scoring.Default())
	r := &Report{Version: "test", Batch: &ingest.Batch{}, Result: res}
	d := pageDataOf(t, renderPage(t, r, defaultPageOptions()))
	if len(d.Accounts) != n {
		t.Fatalf("the page holds %d accounts, want all %d", len(d.Accounts), n)
	}
	seen := map[string]bool{}
	for i, a := range d.Accounts {
		if a.Rank != i+1 || a.Handle != res.Accounts[i].Handle {
			t.Fatalf("account %d is %d %q, want %d %q", i, a.Rank, a.Handle, i+1, res.Accounts[i].Handle)
		}
		seen[a.Handle] = true
	}
	if len(seen) != n {
		t.Errorf("%d distinct handles, want %d", len(seen), n)
	}
}

func TestPageSaysNothingLocalOrInternal(t *testing.T) {
	r := testReport(t)
	r.Batch.Inputs = []ingest.Input{{Name: "/home/anna/exports/march/posts.csv", Read: 1234}, {Name: `C:\Users\anna\more.csv`, Read: 1}}
	page := renderPage(t, r, defaultPageOptions())
	text := visibleText(page)
	for _, bad := range []string{"/home/anna", `C:\Users`, "exports/march"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds the local path %q", bad)
		}
	}
	for _, want := range []string{"posts.csv (1,234 rows)", "more.csv (1 row)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the page does not name the input %q", want)
		}
	}
	if regexp.MustCompile(`(?i)\bseed`).MatchString(page) {
		t.Errorf("the page says %q", regexp.MustCompile(`(?i).{40}\bseed.{40}`).FindString(page))
	}
	for _, rule := range scoring.Rules(r.Result.Config) {
		if strings.Contains(text, rule.Code) {
			t.Errorf("the page shows the signal code %s", rule.Code)
		}
	}
	for _, bad := range []string{"65,530", "lists them all", "Excel"} {
		if strings.Contains(text, bad) {
			t.Errorf("the page speaks of a tool limit: %q", bad)
		}
	}
}

func TestPageIsReproducible(t *testing.T) {
	a := renderPage(t, testReport(t), defaultPageOptions())
	b := renderPage(t, testReport(t), defaultPageOptions())
	if a != b {
		t.Error("the same report gave two different pages")
	}
	big := synthReport(t, 2_000, 5)
	if renderPage(t, big, defaultPageOptions()) != renderPage(t, big, defaultPageOptions()) {
		t.Error("the same generated batch gave two different pages")
	}
}

func TestPageWithoutTheChartScriptSaysSo(t *testing.T) {
	page := renderPage(t, testReport(t), pageOptions{ECharts: func() ([]byte, bool) { return nil, false }})
	t.Run("the banner is shown, not hidden", func(t *testing.T) {
		if !strings.Contains(page, `<div id="nocharts" class="banner">`) {
			t.Error("the no-charts banner is hidden")
		}
	})
	t.Run("the banner says what to do, to whoever made the report and to whoever was sent it", func(t *testing.T) {
		for _, want := range []string{"no charts", "Every account, figure and verdict is still here", "release download", "ask the sender"} {
			if !strings.Contains(page, want) {
				t.Errorf("the banner does not say %q", want)
			}
		}
	})
	t.Run("the empty chart frames are hidden", func(t *testing.T) {
		if !strings.Contains(page, `<div class="grid" id="charts" hidden>`) {
			t.Error("the chart frames are shown, empty")
		}
	})
	t.Run("with the script, the charts are shown and the banner is not", func(t *testing.T) {
		with := renderPage(t, testReport(t), pageOptions{ECharts: func() ([]byte, bool) { return []byte("var echarts = {};"), true }})
		if !strings.Contains(with, `<div id="nocharts" class="banner" hidden>`) || !strings.Contains(with, `<div class="grid" id="charts">`) {
			t.Error("a page with its chart script hides its charts or shows the no-charts banner")
		}
	})
	t.Run("the table still has every account", func(t *testing.T) {
		if n := len(pageDataOf(t, page).Accounts); n != 5 {
			t.Errorf("%d accounts, want 5", n)
		}
	})
	t.Run("the page is light without it", func(t *testing.T) {
		with := renderPage(t, testReport(t), defaultPageOptions())
		if script, ok := templates.ECharts(); ok && len(with)-len(page) < len(script) {
			t.Errorf("the page with the script is only %d bytes heavier", len(with)-len(page))
		}
	})
}

func TestPageBrand(t *testing.T) {
	r := testReport(t)
	page := renderPage(t, r, defaultPageOptions())
	if !strings.Contains(page, "<h1>Influencer vetting</h1>") || strings.Contains(page, "Prepared for") || strings.Contains(page, `class="logo"`) {
		t.Error("with no brand, the page is not titled Influencer vetting alone")
	}
	r.Brand = Brand{Title: "Shortlist", Client: "Acme", Logo: []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"), LogoType: "image/svg+xml"}
	page = renderPage(t, r, defaultPageOptions())
	for _, want := range []string{"<h1>Shortlist</h1>", "Prepared for Acme", `<img class="logo" src="data:image/svg&#43;xml;base64,PHN2Zy`, "<title>Shortlist · Acme · "} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	r.Brand.LogoType = "text/html"
	if page = renderPage(t, r, defaultPageOptions()); strings.Contains(page, `class="logo"`) {
		t.Error("a logo that is not an image is inlined")
	}
}

func TestPageWords(t *testing.T) {
	en := lang.New(lang.English, "")
	for _, tc := range []struct{ got, want string }{
		{fileName("/tmp/x/posts.csv"), "posts.csv"},
		{fileName(`D:\exports\posts.csv`), "posts.csv"},
		{fileName("exports/posts.csv"), "exports/posts.csv"},
		{fileName("../../exports/posts.csv"), "posts.csv"},
		{fileName(`..\exports\posts.csv`), "posts.csv"},
		{reconciliation(&ingest.Batch{Read: 1_002, Posts: make([]ingest.Post, 1_000), Duplicates: 1, Rejected: make([]ingest.RowError, 1)}, en), "1,002 read = 1,000 used + 1 duplicate + 1 rejected"},
		{reconciliation(&ingest.Batch{Read: 1_002, Posts: make([]ingest.Post, 1_000), Duplicates: 2, Rejected: make([]ingest.RowError, 1)}, lang.New(lang.Dutch, "")), "1.002 gelezen = 1.000 gebruikt + 2 dubbel + 1 afgewezen"},
		{capitalised(figures.Signals.CodeWords(en, scoring.GhostFollowers)), "Ghost followers"},
		{figures.BenchmarkName(scoring.Benchmarks{Name: "TikTok engagement by follower tier (seed)"}, en), "TikTok engagement by follower tier"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestDefinitionsSayTheBuyerMetrics(t *testing.T) {
	text := ""
	for _, d := range definitions(testReport(t).Result, lang.New(lang.English, "")) {
		text += d[0] + ": " + d[1] + "\n"
	}
	for _, want := range []string{
		"CPE: cost per engagement: the price of one sponsored post ÷ the median interactions",
		"CPM: cost per thousand views: the price of one sponsored post ÷ median views × 1,000",
		"Posts per week: (posts in the window − 1) ÷ days",
		"Paid post performance: the median view ER of the account's paid",
		"the newest 10 posts",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the definitions do not say %q", want)
		}
	}
}

func TestRoundedCountsShowApproximate(t *testing.T) {
	r := testReport(t)
	a := &r.Result.Accounts[0]
	for i := range a.Posts {
		a.Posts[i].Rounded = true
	}
	a.Rounded = true
	d := pageDataOf(t, renderPage(t, r, defaultPageOptions()))
	at := pageFig(d.Meta, "Followers")
	first, second := d.Accounts[0].Figures[at], d.Accounts[1].Figures[at]
	if m, ok := first.(map[string]any); !ok || m["t"] != "~50,000" {
		t.Errorf("the first account's followers = %#v, want them shown approximate, as the workbook does: ~50,000", first)
	}
	if _, ok := second.(float64); !ok {
		t.Errorf("the second account's followers = %#v, want a plain number", second)
	}
}

func TestBoxStats(t *testing.T) {
	// 1, 2, 3, 4, 100: quartiles 2, 3, 4; IQR 2; fences −1 and 7: 100 is an outlier.
	b, ok := newBoxStats([]float64{100, 3, 1, 4, 2})
	if !ok || b.low != 1 || b.q1 != 2 || b.median != 3 || b.q3 != 4 || b.high != 4 {
		t.Errorf("box = %+v", b)
	}
	if len(b.outliers) != 1 || b.outliers[0] != 0 {
		t.Errorf("outliers = %v, want the first value given (100)", b.outliers)
	}
	// A value exactly on the fence stays inside the whisker.
	b, _ = newBoxStats([]float64{1, 2, 3, 4, 7})
	if b.high != 7 || len(b.outliers) != 0 {
		t.Errorf("box of 1..4, 7 = %+v", b)
	}
	if b, _ := newBoxStats([]float64{5}); b.low != 5 || b.high != 5 || b.median != 5 {
		t.Errorf("box of one value = %+v", b)
	}
	if _, ok := newBoxStats(nil); ok {
		t.Error("a box of no values")
	}
}

func TestAxisTop(t *testing.T) {
	small := []float64{1, 2, 300}
	if top, clipped := axisTop(small); top != 300 || clipped {
		t.Errorf("a small batch: top %v, clipped %v; want every value shown", top, clipped)
	}
	var xs []float64
	for i := 1; i <= 1000; i++ {
		xs = append(xs, float64(i))
	}
	if top, clipped := axisTop(xs); top != 990 || !clipped {
		t.Errorf("1..1000: top %v, clipped %v; want 990 (the 99th percentile), clipped", top, clipped)
	}
	for _, tc := range [][2]float64{{23.47, 24}, {3.412, 3.5}, {990, 990}, {0.0731, 0.074}, {5, 5}} {
		if got := niceCeil(tc[0]); math.Abs(got-tc[1]) > 1e-9 {
			t.Errorf("niceCeil(%v) = %v, want %v", tc[0], got, tc[1])
		}
	}
	for _, tc := range [][2]float64{{0.7, 1}, {1, 1}, {1.1, 2}, {2.2, 2.5}, {3, 5}, {6, 10}, {22, 25}} {
		if got := niceStep(tc[0]); math.Abs(got-tc[1]) > 1e-9 {
			t.Errorf("niceStep(%v) = %v, want %v", tc[0], got, tc[1])
		}
	}
}

// scatterBatch is n accounts, the first fail of them FAIL, the next review REVIEW, then PASS;
// every tenth of the rest UNRATED.
func scatterBatch(n, fail, review int) *scoring.Result {
	res := &scoring.Result{}
	for i := range n {
		v := scoring.Pass
		switch {
		case i < fail:
			v = scoring.Fail
		case i < fail+review:
			v = scoring.Review
		case i%10 == 0:
			v = scoring.Unrated
		}
		res.Accounts = append(res.Accounts, scoring.Account{
			Handle: "a" + strconv.Itoa(i), Key: "a" + strconv.Itoa(i), Followers: 5000,
			FollowerER: scoring.Rate{Value: 1 + float64(i%97)/10, OK: true}, Verdict: v,
		})
	}
	return res
}

func TestScatterSamplesWithinEachVerdict(t *testing.T) {
	for _, tc := range []struct {
		name                string
		accounts, fail, rev int
	}{
		{"a small batch shows every rated account", 50, 5, 5},
		{"a big batch of mostly PASS still shows its few failures", 20_000, 12, 4_000},
		{"a batch of mostly failures still shows PASS", 20_000, 19_000, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := scatterBatch(tc.accounts, tc.fail, tc.rev)
			p := planScatter(res, 3000)
			again := planScatter(res, 3000)
			ratedN := map[scoring.Verdict]int{}
			for i := range res.Accounts {
				if p.keep[i] != again.keep[i] {
					t.Fatal("two samples of the same batch differ")
				}
				if a := &res.Accounts[i]; p.keep[i] && a.Verdict == scoring.Unrated {
					t.Fatalf("the UNRATED account %s is on the scatter", a.Handle)
				}
				if a := &res.Accounts[i]; rated(a) {
					ratedN[a.Verdict]++
				}
			}
			total := ratedN[scoring.Pass] + ratedN[scoring.Review] + ratedN[scoring.Fail]
			if p.shown != min(3000, total-p.beyond) {
				t.Errorf("shown %d of %d rated", p.shown, total)
			}
			for _, v := range []scoring.Verdict{scoring.Pass, scoring.Review, scoring.Fail} {
				want := min(ratedN[v], 1000) // an even third each, or all of a small verdict
				if p.perVerdict[v] < want*9/10 {
					t.Errorf("%s: %d drawn of %d, want about %d", v, p.perVerdict[v], ratedN[v], want)
				}
			}
		})
	}
}

func TestFlaggedChartIsLegible(t *testing.T) {
	res := scatterBatch(200, 40, 40)
	for i := range res.Accounts {
		a := &res.Accounts[i]
		for j := range 6 {
			a.Posts = append(a.Posts, ingest.Post{Views: 1000, Likes: ingest.Count(10 * (j + 1)), Comments: 1, Shares: 1, Saves: ingest.Missing,
				PostedAt: ingest.At(time.Date(2026, 11, 20-j, 12, 0, 0, 0, time.UTC))})
		}
		a.Window = len(a.Posts)
	}
	res.Config = scoring.Default()
	c, err := flaggedChart(res, lang.New(lang.English, ""))
	if err != nil {
		t.Fatal(err)
	}
	series := c.option["series"].([]any)
	if len(series) != flaggedMultiples || len(c.option["grid"].([]any)) != flaggedMultiples {
		t.Fatalf("%d series, want %d small charts", len(series), flaggedMultiples)
	}
	for _, s := range series {
		m := s.(map[string]any)
		line := m["markLine"].(map[string]any)["data"].([]any)[0].(map[string]any)["yAxis"]
		if line != res.Config.PlatformViewER {
			t.Errorf("%v: the line is at %v, want the platform average", m["name"], line)
		}
		if !strings.HasPrefix(m["name"].(string), "a") || res.Accounts[mustAtoi(t, m["name"].(string)[1:])].Verdict != scoring.Fail {
			t.Errorf("%v is drawn before every FAIL account is", m["name"])
		}
	}
	if _, ok := c.option["legend"]; ok {
		t.Error("the small charts carry a legend")
	}
	if !strings.Contains(c.Note, "Showing 8 of 80 flagged accounts") {
		t.Errorf("note = %q", c.Note)
	}
	js, _ := json.Marshal(c.option)
	if !bytes.Contains(js, []byte(`"text":"a0"`)) {
		t.Errorf("the first small chart is not titled by its handle: %.300s", js)
	}
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPageBaselineColumns(t *testing.T) {
	r := testReport(t)
	res := r.Result
	res.HasBaseline = true
	d0 := int64(-1_250)
	res.Accounts[0].Change = &scoring.Change{Before: scoring.Previous{Verdict: scoring.Review}, FollowersDelta: &d0,
		FollowersPercent: scoring.Rate{Value: -2.44, OK: true}}
	res.Accounts[1].New = true
	d := pageDataOf(t, renderPage(t, r, defaultPageOptions()))
	if !d.Meta.Baseline {
		t.Error("the page does not know there is a baseline")
	}
	prev, delta, pct := pageFig(d.Meta, "Previous verdict"), pageFig(d.Meta, "Δ followers"), pageFig(d.Meta, "Δ followers %")
	if prev < 0 || delta < 0 || pct < 0 || !d.Meta.Figures[prev].Table || !d.Meta.Figures[delta].Table {
		t.Fatalf("the page lacks the baseline's columns: %+v", d.Meta.Figures)
	}
	if a := d.Accounts[0]; pageShown(d.Meta, a, "Previous verdict") != "REVIEW" || a.Figures[delta] != -1_250.0 || a.Figures[pct] != -2.4 {
		t.Errorf("first account: previous %v, delta %v (%v%%)", pageShown(d.Meta, a, "Previous verdict"), a.Figures[delta], a.Figures[pct])
	}
	if a := d.Accounts[1]; pageShown(d.Meta, a, "Previous verdict") != "new" || a.Figures[delta] != nil {
		t.Errorf("new account: previous %v, delta %v", pageShown(d.Meta, a, "Previous verdict"), a.Figures[delta])
	}
}

func TestThinAccountsStayOffTheRateCharts(t *testing.T) {
	res := scatterBatch(40, 5, 5)
	res.Config = scoring.Default()
	thin := &res.Accounts[1] // a FAIL on too few posts, with a rate far above the rest
	thin.Confidence, thin.FollowerER = scoring.Thin, scoring.Rate{Value: 4_000, OK: true}
	p := planScatter(res, 3000)
	if p.keep[1] {
		t.Error("the account rated on too few posts is on the scatter")
	}
	if p.top >= 4_000 {
		t.Errorf("the axis reaches %v: the thin account still stretches it", p.top)
	}
	for _, build := range []func(*scoring.Result, *lang.Printer) (pageChart, error){scatterChart, distributionChart} {
		c, err := build(res, lang.New(lang.English, ""))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(c.Note, "1 account rated on fewer than 5 posts (confidence thin)") {
			t.Errorf("%s's note does not say what it left out: %q", c.ID, c.Note)
		}
	}
}
