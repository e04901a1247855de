package report

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
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
)

// chromiumPath is Debian's Chromium (the Makefile's browser target installs it).
const chromiumPath = "/usr/bin/chromium"

// needBrowser finds Chromium and the chart script: without them the test fails under CI and
// skips, saying why, on a developer's machine.
func needBrowser(t *testing.T) string {
	t.Helper()
	missing := func(what string) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s (CI=true: the browser test must run; `make test` installs what it needs)", what)
		}
		t.Skipf("%s: skipping the browser test (`make test` installs what it needs)", what)
	}
	path := chromiumPath
	if _, err := os.Stat(path); err != nil {
		p, err := exec.LookPath("chromium")
		if err != nil {
			missing("no chromium at " + chromiumPath + " or on PATH")
		}
		path = p
	}
	if !ChartsInlined() {
		missing("this build has no chart script (templates/assets/echarts.min.js; run `make assets`)")
	}
	return path
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
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
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
	handleCells = `Array.from(document.querySelectorAll('#accounts tbody tr')).map(function (r) { return r.cells[1].textContent; })`
	// showTooltip opens a chart's tooltip on the point named by the argument (on the scatter) or
	// on the first point of the series named by it (on the timeline), and returns the tooltip's
	// text and how many elements it holds.
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
		return [['no point named ' + name, '0']];
	})`
)

func TestPageInARealBrowser(t *testing.T) {
	chromium := needBrowser(t)
	dir := t.TempDir()
	if _, err := Write(dir, testReport(t)); err != nil {
		t.Fatal(err)
	}
	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.NoFirstRun,
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 1150),
	)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	var ev browserEvents
	if err := ev.listen(ctx); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	must(err)
	_, err = chromedp.Call(ctx, runtime.Enable, cdp.Empty{})
	must(err)
	_, err = chromedp.Call(ctx, log.Enable, cdp.Empty{})
	must(err)
	// alert, confirm and prompt only record that they were called.
	_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__alerts = []; window.alert = window.confirm = window.prompt = function (m) { window.__alerts.push(String(m)); };`,
	})
	must(err)
	must(chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(dir, PageFile))))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('#accounts tbody tr').length > 0 && document.querySelectorAll('.chart canvas').length === document.querySelectorAll('.chart').length`))
	must(err)
	must(chromedp.Do(ctx, chromedp.Sleep(1500*time.Millisecond))) // ECharts animates the first draw
	ink, err := chromedp.Run(ctx, chromedp.Evaluate[[][2]any](inkPerChart))
	must(err)
	handles, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](handleCells))
	must(err)
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	must(err)
	alerts, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__alerts`))
	must(err)
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
	for _, h := range []string{"<script>alert(1)</script>", `"><img src=x onerror=alert(1)>`, formulaHandle} {
		t.Run("the handle "+h+" is text in the table", func(t *testing.T) {
			found := false
			for _, got := range handles {
				found = found || got == h
			}
			if !found {
				t.Errorf("no table cell reads %q: %q", h, handles)
			}
		})
		for _, chart := range []string{"chart-scatter", "chart-timeline"} {
			t.Run("the handle "+h+" is text in the tooltip of "+chart, func(t *testing.T) {
				tips, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](showTooltip+"("+jsString(chart)+", "+jsString(h)+")"))
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(h, "alert") && (len(tips) == 0 || !strings.Contains(tips[0][0], h) || tips[0][1] != "0") {
					t.Errorf("tooltip = %q, want the raw handle as text and no elements from it", tips)
				}
			})
		}
	}
	t.Run("no alert, confirm or prompt ran", func(t *testing.T) {
		late, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__alerts`))
		ev.mu.Lock()
		defer ev.mu.Unlock()
		if len(alerts)+len(late) > 0 || len(ev.dialogs) > 0 {
			t.Errorf("alerts = %q %q, dialogs = %q", alerts, late, ev.dialogs)
		}
	})
	t.Run("the console has no errors", func(t *testing.T) {
		ev.mu.Lock()
		defer ev.mu.Unlock()
		if len(ev.errors) > 0 {
			t.Errorf("console: %q", ev.errors)
		}
	})
	t.Run("the page asked nothing of the network", func(t *testing.T) {
		ev.mu.Lock()
		defer ev.mu.Unlock()
		if len(ev.remote) > 0 {
			t.Errorf("requests: %q", ev.remote)
		}
	})
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "<", `\u003c`)
	return `"` + r.Replace(s) + `"`
}
