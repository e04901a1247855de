package report

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
	"github.com/vet-tool/vet/internal/synth"
)

// The page in a real browser at 20,000 accounts, and on paper.

// synthReport scores a generated batch of accounts × posts.
func synthReport(t *testing.T, accounts, posts int) *Report {
	t.Helper()
	c := synth.Config{Accounts: accounts, Posts: posts, Seed: 7}
	path := filepath.Join(t.TempDir(), "posts.csv")
	if err := synth.WriteFile(path, c); err != nil {
		t.Fatal(err)
	}
	b, err := ingest.Read([]string{path}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers}, scoring.Default())
	return &Report{Version: "test", Generated: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Batch: b, Result: res}
}

// writePageFile writes only the page into dir.
func writePageFile(t *testing.T, dir string, r *Report) string {
	t.Helper()
	path := filepath.Join(dir, PageFile)
	f, err := os.Create(path)
	must(t, err)
	defer f.Close()
	must(t, writePage(f, r))
	must(t, f.Close())
	return path
}

func TestPageAt20000Accounts(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the 20,000-account page")
	}
	r := synthReport(t, 20_000, 5)
	res := r.Result
	path := writePageFile(t, t.TempDir(), r)
	if st, err := os.Stat(path); err == nil {
		t.Logf("page of %d accounts: %d bytes", len(res.Accounts), st.Size())
	}
	ctx, ev := openPage(t, path)
	heads := eval[[]string](t, ctx, headers)
	verdictCol, handleCol := colIndex(t, heads, "Verdict"), colIndex(t, heads, "Handle")

	// Issue 22: the default print is the summary and a shortlist, never 20,000 rows, on A4 and
	// on Letter (the page names no paper size: the reader's printer chooses).
	t.Run("the default print is a shortlist in at most 60 pages of A4 or Letter", func(t *testing.T) {
		if _, err := exec.LookPath("pdftotext"); err != nil {
			missing(t, "no pdftotext (Debian's poppler-utils)")
		}
		for _, paper := range []struct {
			name          string
			width, height float64 // inches, landscape
			pdfinfo       string  // how pdfinfo names the page size
		}{{"A4", 11.69, 8.27, "(A4)"}, {"Letter", 11, 8.5, "(letter)"}} {
			pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: paper.width, PaperHeight: paper.height, PrintBackground: ptr(true)})
			must(t, err)
			path := filepath.Join(t.TempDir(), "print.pdf")
			must(t, os.WriteFile(path, pdf.Data, 0o644))
			info, err := exec.Command("pdfinfo", path).Output()
			must(t, err)
			pages := 0
			for _, line := range strings.Split(string(info), "\n") {
				if f := strings.Fields(line); len(f) == 2 && f[0] == "Pages:" {
					pages, _ = strconv.Atoi(f[1])
				}
			}
			t.Logf("%s: %d pages", paper.name, pages)
			if pages == 0 || pages > 60 {
				t.Errorf("%s: the default print of %d accounts has %d pages, want 1 to 60", paper.name, len(res.Accounts), pages)
			}
			if !regexp.MustCompile(`Page size: +[0-9.]+ x [0-9.]+ pts ` + regexp.QuoteMeta(paper.pdfinfo)).Match(info) {
				t.Errorf("%s: not printed on its paper: %s", paper.name, info)
			}
			out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
			must(t, err)
			text := string(out)
			first, beyond := res.Accounts[0].Handle, res.Accounts[printRows+10].Handle
			for _, want := range []string{first, res.Accounts[printRows-1].Handle, "first 200 of 20,000 accounts", "What the figures mean"} {
				if !strings.Contains(text, want) {
					t.Errorf("%s: the print lacks %q", paper.name, want)
				}
			}
			if strings.Contains(text, beyond) {
				t.Errorf("%s: the print holds %s, ranked %d", paper.name, beyond, printRows+11)
			}
		}
	})

	for _, v := range []scoring.Verdict{scoring.Fail, scoring.Review, scoring.Unrated} {
		t.Run("the "+v.String()+" filter reaches those accounts", func(t *testing.T) {
			if res.Count(v) == 0 {
				t.Fatalf("the generated batch has no %s account", v)
			}
			eval[bool](t, ctx, clickFilter+"("+jsString(v.String())+")")
			rows := eval[[][]string](t, ctx, rowCells)
			if len(rows) == 0 || rows[0][verdictCol] != v.String() || rows[len(rows)-1][verdictCol] != v.String() {
				t.Fatalf("after clicking %s, %d rows, first %q", v, len(rows), rows)
			}
			showing := eval[string](t, ctx, `document.getElementById('showing').textContent`)
			if !strings.Contains(showing, "of "+lang.New(lang.English, "").Count(int64(res.Count(v)))+" "+v.String()+" accounts") {
				t.Errorf("showing = %q, want the count of %s accounts", showing, v)
			}
		})
	}
	t.Run("the last account is found by its handle", func(t *testing.T) {
		last := res.Accounts[len(res.Accounts)-1].Handle
		eval[bool](t, ctx, clickFilter+`("all")`)
		rows := eval[[][]string](t, ctx, `(function (h) {
			var s = document.getElementById('search');
			s.value = h;
			s.dispatchEvent(new Event('input'));
			return `+rowCells+`;
		})(`+jsString(last)+`)`)
		found := false
		for _, row := range rows {
			found = found || strings.TrimLeft(row[handleCol], "▸▾") == last
		}
		if !found {
			t.Errorf("searching %q gave %q", last, rows)
		}
		eval[bool](t, ctx, `(function () { var s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input')); return true; })()`)
	})
	t.Run("followers sort as numbers", func(t *testing.T) {
		most := int64(0)
		for _, a := range res.Accounts {
			most = max(most, int64(a.Followers))
		}
		followersCol := colIndex(t, heads, "Followers")
		rows := eval[[][]string](t, ctx, `(function (i) {
			var th = document.querySelectorAll('#accounts thead th')[i];
			th.click(); th.click(); // descending
			return `+rowCells+`;
		})(`+strconv.Itoa(followersCol)+`)`)
		if len(rows) == 0 || rows[0][followersCol] != lang.New(lang.English, "").Count(most) {
			t.Errorf("the first row by followers, descending, has %q; want %s", rows[0][followersCol], lang.New(lang.English, "").Count(most))
		}
	})
	t.Run("every verdict with rated accounts has points on the scatter", func(t *testing.T) {
		sizes := eval[[][]string](t, ctx, seriesSizes+`("chart-scatter")`)
		got := map[string]string{}
		for _, s := range sizes {
			got[s[0]] = s[1]
		}
		for _, v := range []scoring.Verdict{scoring.Pass, scoring.Review, scoring.Fail} {
			if n := got[v.String()]; n == "" || n == "0" {
				t.Errorf("the %s series has %q points: %q", v, n, sizes)
			}
		}
		if _, ok := got[scoring.Unrated.String()]; ok {
			t.Errorf("UNRATED accounts are on the scatter: %q", sizes)
		}
	})
	ev.check(t)
}

func TestPagePrintsEveryAccount(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		missing(t, "no pdftotext (Debian's poppler-utils)")
	}
	b, err := ingest.Read([]string{"../../examples"}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers}, scoring.Default())
	r := &Report{Version: "test", Generated: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Batch: b, Result: res}
	dir := t.TempDir()
	ctx, ev := openPage(t, writePageFile(t, dir, r))
	// A page of 25 rows on screen: the print must still hold all 34 accounts.
	shown := eval[float64](t, ctx, `(function () {
		var s = document.getElementById('pagesize'); s.value = '25'; s.dispatchEvent(new Event('change'));
		return document.querySelectorAll('#accounts tbody tr.row').length;
	})()`)
	if shown != 25 || len(res.Accounts) <= 25 {
		t.Fatalf("%v rows on screen of %d accounts, want a page of 25 of more", shown, len(res.Accounts))
	}
	pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: ptr(true), PrintBackground: ptr(true)})
	must(t, err)
	pdfPath := filepath.Join(dir, "vetting.pdf")
	must(t, os.WriteFile(pdfPath, pdf.Data, 0o644))
	out, err := exec.Command("pdftotext", "-layout", pdfPath, "-").Output()
	must(t, err)
	text := string(out)
	for _, a := range res.Accounts {
		if !strings.Contains(text, a.Handle) {
			t.Errorf("the printed page lacks the account %s", a.Handle)
		}
	}
	for _, want := range []string{"Verdict", "Signals", "Reason", "What the figures mean"} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed page lacks %q", want)
		}
	}
	if after := eval[float64](t, ctx, `document.querySelectorAll('#accounts tbody tr.row').length`); after != 25 {
		t.Errorf("after printing, %v rows on screen, want the page of 25 back", after)
	}
	ev.check(t)
}
