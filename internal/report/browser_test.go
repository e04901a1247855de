package report

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// chromiumPath is Debian's Chromium (the Makefile's browser target installs it).
const chromiumPath = "/usr/bin/chromium"

// needBrowser finds Chromium and the chart script: without them the test fails under CI and
// skips, saying why, on a developer's machine.
func needBrowser(t *testing.T) string {
	t.Helper()
	path := chromiumPath
	if _, err := os.Stat(path); err != nil {
		p, err := exec.LookPath("chromium")
		if err != nil {
			missing(t, "no chromium at "+chromiumPath+" or on PATH")
		}
		path = p
	}
	if !ChartsInlined() {
		missing(t, "this build has no chart script (templates/assets/echarts.min.js; run `make assets`)")
	}
	return path
}

// missing fails the test under CI and skips it elsewhere.
func missing(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s (CI=true: the browser test must run; `make test` installs what it needs)", what)
	}
	t.Skipf("%s: skipping the browser test (`make test` installs what it needs)", what)
}

// browserEvents collects what the page did that it should not have.
type browserEvents struct {
	mu                      sync.Mutex
	errors, dialogs, remote []string
}

func (e *browserEvents) add(list *[]string, s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	*list = append(*list, s)
}

func (e *browserEvents) listen(ctx context.Context) error {
	return chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				e.add(&e.errors, "console."+string(ev.Type)+": "+strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			e.add(&e.errors, "exception: "+msg)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				e.add(&e.errors, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		case *page.EventJavascriptDialogOpening:
			e.add(&e.dialogs, string(ev.Type)+": "+ev.Message)
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		case *network.EventRequestWillBeSent:
			if u := ev.Request.URL; !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") {
				e.add(&e.remote, u)
			}
		}
	})
}

// check asserts, at the end of a test, that the page logged no error, opened no dialog and
// asked nothing of the network.
func (e *browserEvents) check(t *testing.T) {
	t.Run("the console has no errors", func(t *testing.T) {
		e.mu.Lock()
		defer e.mu.Unlock()
		if len(e.errors) > 0 {
			t.Errorf("console: %q", e.errors)
		}
	})
	t.Run("no dialog opened and the page asked nothing of the network", func(t *testing.T) {
		e.mu.Lock()
		defer e.mu.Unlock()
		if len(e.dialogs) > 0 || len(e.remote) > 0 {
			t.Errorf("dialogs = %q, requests = %q", e.dialogs, e.remote)
		}
	})
}

// openPage opens the page in headless Chromium and waits until it says it is ready: every
// chart has drawn (ECharts' "finished" event) and the table is on the page.
func openPage(t *testing.T, path string) (context.Context, *browserEvents) {
	t.Helper()
	chromium := needBrowser(t)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.NoFirstRun,
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 1150),
	)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(cancel)

	ev := &browserEvents{}
	must(t, ev.listen(ctx))
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	must(t, err)
	_, err = chromedp.Call(ctx, runtime.Enable, cdp.Empty{})
	must(t, err)
	_, err = chromedp.Call(ctx, log.Enable, cdp.Empty{})
	must(t, err)
	// alert, confirm and prompt only record that they were called.
	_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__alerts = []; window.alert = window.confirm = window.prompt = function (m) { window.__alerts.push(String(m)); };`,
	})
	must(t, err)
	must(t, chromedp.Do(ctx, chromedp.Navigate("file://"+path)))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`window.__vetReady === true`))
	must(t, err)
	return ctx, ev
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// eval runs a script in the page and returns its value.
func eval[T any](t *testing.T, ctx context.Context, script string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script))
	if err != nil {
		t.Fatalf("%s: %v", script, err)
	}
	return v
}

// The page's own checks, run in the browser.
const (
	// inkPerChart counts, for each chart, the canvas pixels that are neither blank nor white.
	inkPerChart = `Array.from(document.querySelectorAll('.chart')).map(function (div) {
		var c = div.querySelector('canvas');
		if (!c || !c.width || !c.height) { return [div.id, 0]; }
		var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;
		for (var i = 0; i < d.length; i += 4) {
			if (d[i+3] > 0 && (d[i] < 240 || d[i+1] < 240 || d[i+2] < 240)) { n++; }
		}
		return [div.id, n];
	})`
	// rowCells are the table's rows as the user reads them, cell by cell.
	rowCells = `Array.from(document.querySelectorAll('#accounts tbody tr.row')).map(function (r) {
		return Array.from(r.cells).map(function (c) { return c.textContent; });
	})`
	// headers are the table's column names.
	headers = `Array.from(document.querySelectorAll('#accounts thead th')).map(function (th) { return th.textContent; })`
	// seriesSizes is each series of a chart with its number of points.
	seriesSizes = `(function (id) {
		return echarts.getInstanceByDom(document.getElementById(id)).getOption().series.map(function (s) { return [s.name, String((s.data || []).length)]; });
	})`
	// showTooltip opens a chart's tooltip on the point named by the argument (on the scatter) or
	// on the first point of the series named by it (on the flagged accounts' charts), and
	// returns the tooltip's text and how many elements it holds.
	showTooltip = `(function (id, name) {
		var chart = echarts.getInstanceByDom(document.getElementById(id));
		var series = chart.getOption().series;
		for (var s = 0; s < series.length; s++) {
			var data = series[s].data || [];
			for (var i = 0; i < data.length; i++) {
				if (series[s].name === name || (data[i] && data[i].name === name)) {
					chart.dispatchAction({type: 'showTip', seriesIndex: s, dataIndex: i});
					var tips = Array.from(document.querySelectorAll('#' + id + ' > div')).filter(function (d) { return d.textContent.indexOf('alert') >= 0; });
					return tips.map(function (d) { return [d.textContent, String(d.querySelectorAll('img,script').length)]; });
				}
			}
		}
		return [];
	})`
	// clickFilter presses one of the table's filter buttons.
	clickFilter = `(function (f) { document.querySelector('.filters [data-filter="' + f + '"]').click(); return true; })`
)

// colIndex is the index of the column named name, or fails the test.
func colIndex(t *testing.T, heads []string, name string) int {
	t.Helper()
	i := slices.Index(heads, name)
	if i < 0 {
		t.Fatalf("no column %q in %q", name, heads)
	}
	return i
}

func TestPageInARealBrowser(t *testing.T) {
	dir := t.TempDir()
	r := testReport(t)
	for i := range r.Result.Accounts {
		if a := &r.Result.Accounts[i]; a.Handle == "sleepy" { // as scoring measures them (issues 11 and 12)
			a.FollowerERPosts, a.ViewERPosts = 5, 5
			a.MedianViews = scoring.Metric{Value: 40_000, OK: true}
			a.CPE = scoring.Metric{NA: lang.M("na.no_price")}
			a.TopPosts = []scoring.TopPost{{VideoID: "4005", URL: "https://www.tiktok.com/@sleepy/video/4005",
				PostedAt: time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC), Views: 40_000, ViewER: scoring.Rate{Value: 0.55, OK: true}}}
			a.History = []scoring.Point{
				{AsOf: time.Date(2026, 11, 13, 0, 0, 0, 0, time.UTC), Followers: 48_000, FollowerER: scoring.Rate{Value: 0.5, OK: true}},
				{AsOf: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Followers: 50_000, FollowerER: scoring.Rate{Value: 0.42, OK: true}},
			}
		}
	}
	r.Brand = Brand{Title: "Spring campaign shortlist", Client: `Acme <b>Foods</b>`, Logo: testPNG, LogoType: "image/png"}
	if _, err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	ctx, ev := openPage(t, filepath.Join(dir, PageFile))
	ink := eval[[][2]any](t, ctx, inkPerChart)
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	must(t, err)
	screenshot := os.Getenv("VET_BROWSER_SCREENSHOT")
	if screenshot == "" {
		screenshot = filepath.Join(os.TempDir(), "vet-browser-test.jpg")
	}
	if err := os.WriteFile(screenshot, shot, 0o644); err != nil {
		t.Error(err)
	}
	t.Logf("screenshot: %s; drawn pixels per chart: %v", screenshot, ink)

	t.Run("every chart drew on its canvas", func(t *testing.T) {
		if len(ink) != 5 {
			t.Errorf("charts = %v, want 5", ink)
		}
		for _, c := range ink {
			if n, _ := c[1].(float64); n < 500 {
				t.Errorf("chart %v has %v drawn pixels", c[0], c[1])
			}
		}
	})
	t.Run("the header carries the brand, the client as text and the logo", func(t *testing.T) {
		got := eval[[]string](t, ctx, `[document.querySelector('h1').textContent, document.querySelector('.client').textContent,
			String(document.querySelector('header img.logo').naturalWidth), String(document.querySelectorAll('.client b').length)]`)
		if got[0] != "Spring campaign shortlist" || got[1] != "Prepared for Acme <b>Foods</b>" || got[2] != "1" || got[3] != "0" {
			t.Errorf("header = %q", got)
		}
	})

	heads := eval[[]string](t, ctx, headers)
	rows := eval[[][]string](t, ctx, rowCells)
	handleCol := colIndex(t, heads, "Handle")
	flaggedOnes := map[string]bool{}
	for _, a := range r.Result.Accounts {
		flaggedOnes[a.Handle] = flagged(&a)
	}
	for _, h := range []string{"<script>alert(1)</script>", `"><img src=x onerror=alert(1)>`, formulaHandle} {
		t.Run("the handle "+h+" is text in the table and links to its profile", func(t *testing.T) {
			found := false
			for _, row := range rows {
				found = found || strings.TrimLeft(row[handleCol], "▸▾") == h
			}
			if !found {
				t.Errorf("no table cell reads %q: %q", h, rows)
			}
			link := eval[[]string](t, ctx, `(function (h) {
				var a = Array.from(document.querySelectorAll('#accounts tbody a')).filter(function (a) { return a.textContent === h; })[0];
				return a ? [a.href, a.rel, a.target] : [];
			})(`+jsString(h)+`)`)
			target := ""
			if len(link) == 3 {
				target, _ = url.PathUnescape(link[0])
			}
			if target != "https://www.tiktok.com/@"+h || link[1] != "noopener" || link[2] != "_blank" {
				t.Errorf("link = %q, want %s opening apart", link, ingest.ProfileURL(h))
			}
		})
		for _, chart := range []string{"chart-scatter", "chart-flagged"} {
			if chart == "chart-flagged" && !flaggedOnes[h] {
				continue
			}
			t.Run("the handle "+h+" is text in the tooltip of "+chart, func(t *testing.T) {
				tips := eval[[][]string](t, ctx, showTooltip+"("+jsString(chart)+", "+jsString(h)+")")
				if strings.Contains(h, "alert") && (len(tips) == 0 || !strings.Contains(tips[0][0], h) || tips[0][1] != "0") {
					t.Errorf("tooltip = %q, want the raw handle as text and no elements from it", tips)
				}
			})
		}
	}
	t.Run("a row opens the account's detail, with its signals in words and its posts drawn", func(t *testing.T) {
		got := eval[[]string](t, ctx, `(function () {
			var row = Array.from(document.querySelectorAll('#accounts tbody tr.row')).filter(function (r) { return r.textContent.indexOf('sleepy') >= 0; })[0];
			row.click();
			var d = document.querySelector('#accounts tbody tr.detail');
			if (!d) { return ['no detail']; }
			var best = d.querySelector('ol a');
			return [d.textContent, String(d.querySelectorAll('.mini canvas').length), String(document.querySelectorAll('#accounts img, #accounts script').length),
				best ? best.href + ' ' + best.rel + ' ' + best.target : 'no link'];
		})()`)
		if len(got) != 4 {
			t.Fatalf("detail = %q", got)
		}
		for _, want := range []string{"Far below its tier", "Follower ER0.42%", "Posts behind follower ER5", "Median views40,000", "CPEn/a — no price given",
			"20 Nov 2026 · 40,000 views · view ER 0.55%", "Followers and follower ER, report by report"} {
			if !strings.Contains(got[0], want) {
				t.Errorf("the detail does not say %q: %s", want, got[0])
			}
		}
		if strings.Contains(got[0], scoring.FarBelowTier) {
			t.Errorf("the detail shows the signal's code: %s", got[0])
		}
		if strings.Contains(got[0], "NaN") || strings.Contains(got[0], "undefined") {
			t.Errorf("the detail shows a number it does not have: %s", got[0])
		}
		if !strings.Contains(got[0], "Sponsored posts0Sponsored share0.0%") {
			t.Errorf("the detail does not count its paid posts: %s", got[0])
		}
		if got[1] != "2" || got[2] != "0" {
			t.Errorf("charts in the detail = %s (want its posts and its history), elements from the data = %s", got[1], got[2])
		}
		if got[3] != "https://www.tiktok.com/@sleepy/video/4005 noopener _blank" {
			t.Errorf("best post link = %q", got[3])
		}
	})
	t.Run("no alert, confirm or prompt ran", func(t *testing.T) {
		if alerts := eval[[]string](t, ctx, `window.__alerts`); len(alerts) > 0 {
			t.Errorf("alerts = %q", alerts)
		}
	})
	ev.check(t)
}

// testPNG is a 1×1 PNG, the brand's logo in tests.
var testPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "<", `\u003c`)
	return `"` + r.Replace(s) + `"`
}
