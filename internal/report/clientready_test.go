package report

import (
	"archive/zip"
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// localDir is where the sender keeps the exports: no part of it may reach the client.
const localDir = "/home/agency/exports/"

// testLogo is a 200 × 100 PNG.
func testLogo(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 200, 100))
	for x := range 200 {
		img.Set(x, x/2, color.RGBA{200, 30, 30, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// brandedReport is the test report as a client receives it: branded, read from absolute paths,
// with the buyer's figures on the first account and none priced but it, a batch warning, and
// histories of 1, 2 and 14 snapshots on the first three accounts.
func brandedReport(t *testing.T) *Report {
	t.Helper()
	r := testReport(t)
	r.Brand = Brand{Title: "Spring & Summer shortlist", Client: "Acme Foods", Logo: testLogo(t), LogoType: "image/png"}
	r.Batch.Inputs[0].Name = localDir + "posts.csv"
	r.Batch.Rejected[0].File = localDir + "posts.csv"
	res := r.Result
	for i := range res.Accounts {
		a := &res.Accounts[i]
		for j := range a.Posts {
			a.Posts[j].File = txt(localDir + "posts.csv")
		}
		noPrice := scoring.Metric{NA: lang.M("na.no_price")}
		a.Price, a.CPE, a.CPM = noPrice, noPrice, noPrice
		a.Confidence, a.TopPosts = scoring.Thin, nil // only the first account's are set, below
	}
	a := &res.Accounts[0]
	a.Confidence, a.FollowerERPosts, a.ViewERPosts, a.PinnedOut = scoring.Firm, 5, 5, 1
	a.MedianViews, a.AvgViews = scoring.Metric{Value: 40_000, OK: true}, scoring.Metric{Value: 40_100, OK: true}
	a.ViewRate, a.PostsPerWeek = scoring.Metric{Value: 80, OK: true}, scoring.Metric{Value: 3.5, OK: true}
	a.SponsoredPosts, a.SponsoredShare = 2, scoring.Metric{Value: 40, OK: true}
	a.PaidERRatio = scoring.Metric{NA: lang.M("na.few_others", lang.Plural("n", "other_post", 2))}
	a.SaveRate, a.ShareRate = scoring.Metric{Value: 1.25, OK: true}, scoring.Metric{Value: 0.5, OK: true}
	a.Price, a.CPE, a.CPM = scoring.Metric{Value: 250, OK: true}, scoring.Metric{Value: 0.156, OK: true}, scoring.Metric{Value: 6.25, OK: true}
	a.TopHashtags = []string{"grwm", "#travel"}
	a.Rounded = true
	for j := range a.Posts { // its counts, its followers among them, were written rounded (50K)
		a.Posts[j].Rounded = true
	}
	res.Warnings = []scoring.Warning{{Code: "no_followers", Text: lang.M("say.warn.no_followers", lang.Sub("of", lang.MN("say.warn.of", 2, lang.Plural("all", "account", 34)))), Fix: lang.M("say.warn.no_followers_fix")}}
	res.HasHistory = true
	week := func(n int) time.Time { return time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*n) }
	for i, n := range []int{1, 2, 14} {
		for k := range n {
			res.Accounts[i].History = append(res.Accounts[i].History, scoring.Point{
				AsOf: week(k), Followers: ingest.Count(50_000 + 100*k), FollowerER: scoring.Rate{Value: 3 + float64(k)/10, OK: true},
			})
		}
	}
	return r
}

// writeBranded writes the branded report and opens its workbook.
func writeBranded(t *testing.T) (string, string, *excelize.File) {
	t.Helper()
	dir := t.TempDir()
	if _, err := Write(dir, brandedReport(t)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, WorkbookFile)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return dir, path, f
}

// column is the index of a header in a sheet's first row.
func columnOf(t *testing.T, f *excelize.File, sheet, header string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range rows[0] {
		if h == header {
			return i
		}
	}
	t.Fatalf("%s has no column %q: %q", sheet, header, rows[0])
	return -1
}

// cellAt is the name of the cell of a header's column in a row (1-based).
func cellAt(t *testing.T, f *excelize.File, sheet, header string, row int) string {
	t.Helper()
	c, _ := excelize.CoordinatesToCellName(columnOf(t, f, sheet, header)+1, row)
	return c
}

func TestEverySheetPrintsForAClient(t *testing.T) {
	_, _, f := writeBranded(t)
	names, err := f.GetDefinedName(), error(nil)
	for _, sheet := range f.GetSheetList() {
		if sheet == english(SheetHistory) {
			continue
		}
		t.Run(sheet+" prints landscape, one page wide, with the title and page numbers", func(t *testing.T) {
			layout, err := f.GetPageLayout(sheet)
			if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" ||
				layout.FitToWidth == nil || *layout.FitToWidth != 1 || layout.FitToHeight == nil || *layout.FitToHeight != 0 {
				t.Errorf("page layout = %+v, %v", layout, err)
			}
			props, err := f.GetSheetProps(sheet)
			if err != nil || props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("fit to page = %+v, %v", props.FitToPage, err)
			}
			hf, err := f.GetHeaderFooter(sheet)
			if err != nil || !strings.Contains(hf.OddHeader, "Spring && Summer shortlist") || !strings.Contains(hf.OddHeader, "Acme Foods") ||
				!strings.Contains(hf.OddFooter, "Page &P of &N") {
				t.Errorf("header and footer = %+v, %v", hf, err)
			}
		})
	}
	for _, tc := range []struct {
		sheet, refersTo string
		frozenCols      int
	}{
		{english(SheetAccounts), "Accounts!$1:$1", 2}, {english(SheetVideos), "Videos!$1:$1", 1},
		{english(SheetSignals), "Signals!$1:$1", 2}, {english(SheetRejected), "Rejected!$1:$1", 0},
	} {
		t.Run(tc.sheet+" repeats its header row on every page and keeps it and the handle in view", func(t *testing.T) {
			found := false
			for _, n := range names {
				if n.Name == "_xlnm.Print_Titles" && n.Scope == tc.sheet {
					found = n.RefersTo == tc.refersTo
				}
			}
			if !found || err != nil {
				t.Errorf("print titles of %s not %s: %+v", tc.sheet, tc.refersTo, names)
			}
			p, err := f.GetPanes(tc.sheet)
			if err != nil || !p.Freeze || p.YSplit != 1 || p.XSplit != tc.frozenCols {
				t.Errorf("panes = %+v, %v", p, err)
			}
		})
	}
	t.Run("Accounts prints its verdict columns, Rank to Reason", func(t *testing.T) {
		found := false
		for _, n := range names {
			found = found || n.Name == "_xlnm.Print_Area" && n.Scope == english(SheetAccounts) && n.RefersTo == "Accounts!$A:$O"
		}
		if !found || columnOf(t, f, english(SheetAccounts), "Reason") != 14 {
			t.Errorf("no print area Accounts!$A:$O ending at Reason: %+v", names)
		}
	})
	t.Run("the reason wraps", func(t *testing.T) {
		for _, sheet := range []string{english(SheetAccounts), english(SheetSignals)} {
			id, err := f.GetCellStyle(sheet, cellAt(t, f, sheet, "Reason", 2))
			st, _ := f.GetStyle(id)
			if err != nil || st == nil || st.Alignment == nil || !st.Alignment.WrapText {
				t.Errorf("%s's reason style = %+v, %v", sheet, st, err)
			}
		}
	})
}

func TestWorkbookCarriesTheBrand(t *testing.T) {
	_, path, f := writeBranded(t)
	t.Run("the document properties name the report and the client, at the report's time", func(t *testing.T) {
		p, err := f.GetDocProps()
		if err != nil || p.Title != "Spring & Summer shortlist" || p.Creator != "Acme Foods" ||
			!strings.Contains(p.Subject, "Acme Foods") || p.Created != "2026-11-29T00:00:00Z" || p.Modified != p.Created {
			t.Errorf("doc props = %+v, %v", p, err)
		}
		app, err := f.GetAppProps()
		if err != nil || app.Application != "vet" || app.Company != "Acme Foods" {
			t.Errorf("app props = %+v, %v", app, err)
		}
		for _, name := range []string{"docProps/app.xml", "docProps/core.xml"} {
			if strings.Contains(strings.ToLower(part(t, path, name)), "excelize") {
				t.Errorf("%s names the library", name)
			}
		}
	})
	t.Run("Summary opens with the title, the client and the logo", func(t *testing.T) {
		if v, _ := f.GetCellValue(english(SheetSummary), "A1"); v != "Spring & Summer shortlist" {
			t.Errorf("A1 = %q", v)
		}
		if v, _ := f.GetCellValue(english(SheetSummary), "B2"); v != "Acme Foods" {
			t.Errorf("B2 = %q", v)
		}
		pics, err := f.GetPictures(english(SheetSummary), "D1")
		if err != nil || len(pics) != 1 || !bytes.Equal(pics[0].File, testLogo(t)) {
			t.Errorf("logo at D1: %d pictures, %v", len(pics), err)
		}
	})
}

func TestNothingLocalOrInternalReachesTheClient(t *testing.T) {
	dir, path, _ := writeBranded(t)
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		text := strings.ToLower(string(b))
		if strings.Contains(text, "/home/agency") || regexp.MustCompile(`\bseed\b`).MatchString(text) {
			t.Errorf("%s holds a local path or the word seed", zf.Name)
		}
	}
	for _, name := range []string{SummaryFile, AccountsCSV, SignalsCSV, PostsCSV} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || strings.Contains(string(b), "/home/agency") {
			t.Errorf("%s holds a local path (%v)", name, err)
		}
	}
	if _, err := exec.LookPath("pdftotext"); err == nil { // the PDF's text, as its reader reads it
		text := strings.ToLower(pdfText(t, filepath.Join(dir, PDFFile)))
		if strings.Contains(text, "/home/agency") || regexp.MustCompile(`\bseed\b`).MatchString(text) {
			t.Errorf("%s holds a local path or the word seed", PDFFile)
		}
	}
}

func TestSummaryNumbersAreNumbers(t *testing.T) {
	r := brandedReport(t)
	dir := t.TempDir()
	if _, err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, WorkbookFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(english(SheetSummary), excelize.Options{RawCellValue: true})
	// find is the first row labelled label, after the first labelled after when it is given.
	find := func(label string, after ...string) (int, []string) {
		from := 0
		if len(after) > 0 {
			from, _ = find0(rows, after[0])
		}
		for i := from; i < len(rows); i++ {
			if r := rows[i]; len(r) > 0 && r[0] == label {
				return i + 1, r
			}
		}
		t.Fatalf("Summary has no row %q", label)
		return 0, nil
	}
	t.Run("verdict counts are stored as numbers, split by confidence", func(t *testing.T) {
		pass, firm := 0, 0
		for _, a := range r.Result.Accounts {
			if a.Verdict == scoring.Pass {
				pass++
				if a.Confidence == scoring.Firm {
					firm++
				}
			}
		}
		n, row := find("PASS")
		if row[1] != strconv.Itoa(pass) || row[2] != strconv.Itoa(firm) || firm != 1 {
			t.Errorf("PASS row = %q, want %d accounts, %d firm", row, pass, firm)
		}
		if typ, _ := f.GetCellType(english(SheetSummary), "B"+itoa(n)); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
			t.Errorf("the PASS count is stored as text")
		}
		_, fail := find("FAIL")
		if fail[1] != "3" {
			t.Errorf("FAIL row = %q", fail)
		}
	})
	t.Run("benchmarks are stored exactly as written", func(t *testing.T) {
		_, row := find("1K–5K", "Benchmarks: TikTok engagement by follower tier")
		if len(row) < 3 || row[2] != "0.056" {
			t.Errorf("1K–5K row = %q, want the benchmark 0.056", row)
		}
		_, pl := find("Platform average view ER")
		if pl[1] != "0.033" {
			t.Errorf("platform view ER = %q, want 0.033", pl)
		}
	})
	t.Run("the benchmark table is labelled by its name", func(t *testing.T) {
		find("Benchmarks: TikTok engagement by follower tier")
	})
	t.Run("the batch's warnings come with their fixes", func(t *testing.T) {
		_, row := find("2 of 34 accounts have no follower count, so cannot be rated")
		if len(row) < 2 || row[1] != "pass their follower counts with --accounts FILE (columns handle and followers)" {
			t.Errorf("warning row = %q", row)
		}
	})
	t.Run("input files are named without their folders, counts with separators", func(t *testing.T) {
		_, row := find("posts.csv")
		if row[2] != "26" {
			t.Errorf("input row = %q", row)
		}
		id, _ := f.GetCellStyle(english(SheetSummary), "C"+itoa(func() int { n, _ := find("posts.csv"); return n }()))
		if st, _ := f.GetStyle(id); st == nil || st.NumFmt != 3 {
			t.Errorf("rows read format = %+v, want #,##0", st)
		}
	})
}

func find0(rows [][]string, label string) (int, []string) {
	for i, r := range rows {
		if len(r) > 0 && r[0] == label {
			return i, r
		}
	}
	return len(rows), nil
}

func itoa(n int) string { c, _ := excelize.CoordinatesToCellName(1, n); return c[1:] }

func TestAccountsShowWhatABuyerDecidesOn(t *testing.T) {
	_, _, f := writeBranded(t)
	raw := func(header string, row int) string {
		v, _ := f.GetCellValue(english(SheetAccounts), cellAt(t, f, english(SheetAccounts), header, row), excelize.Options{RawCellValue: true})
		return v
	}
	for _, tc := range []struct{ header, want string }{
		{"Confidence", "firm"}, {"Posts behind follower ER", "5"}, {"Pinned posts left out", "1"},
		{"Median views", "40000"}, {"Views per follower", "0.8"}, {"Posts per week", "3.5"},
		{"Sponsored posts", "2"}, {"Sponsored share", "0.4"}, {"Save rate", "0.0125"}, {"Share rate", "0.005"},
		{"Price", "250"}, {"CPE", "0.156"}, {"CPM", "6.25"}, {"Top hashtags", "#grwm #travel"},
		{"Paid post performance", "n/a"},
	} {
		t.Run(tc.header+" of the first account is "+tc.want, func(t *testing.T) {
			if got := raw(tc.header, 2); got != tc.want {
				t.Errorf("%s = %q, want %q", tc.header, got, tc.want)
			}
		})
	}
	t.Run("a metric that is n/a says why in the notes, never 0", func(t *testing.T) {
		for row := 3; row <= 6; row++ {
			if got := raw("CPE", row); got != "n/a" {
				t.Errorf("row %d's CPE = %q", row, got)
			}
			if got := raw("Notes", row); !strings.Contains(got, "Price, CPE, CPM n/a: no price given") {
				t.Errorf("row %d's notes = %q", row, got)
			}
		}
		if got := raw("Notes", 2); !strings.Contains(got, "Paid post performance n/a: fewer than 2 other posts") {
			t.Errorf("first account's notes = %q", got)
		}
	})
	t.Run("prices are numbers in a sortable format, without a currency when none is known", func(t *testing.T) {
		for h, want := range map[string]string{"Price": "#,##0.00", "CPE": "#,##0.000", "CPM": "#,##0.00"} {
			id, _ := f.GetCellStyle(english(SheetAccounts), cellAt(t, f, english(SheetAccounts), h, 2))
			if st, _ := f.GetStyle(id); st == nil || st.CustomNumFmt == nil || *st.CustomNumFmt != want {
				t.Errorf("%s format = %+v, want %s", h, st, want)
			}
		}
	})
	t.Run("rounded counts are shown as approximate", func(t *testing.T) {
		for _, h := range []string{"Followers", "Median views"} {
			id, _ := f.GetCellStyle(english(SheetAccounts), cellAt(t, f, english(SheetAccounts), h, 2))
			st, _ := f.GetStyle(id)
			v, _ := f.GetCellValue(english(SheetAccounts), cellAt(t, f, english(SheetAccounts), h, 2))
			if st == nil || st.CustomNumFmt == nil || *st.CustomNumFmt != approxFormatOf(lang.New(lang.English, "")) || !strings.HasPrefix(v, "~") {
				t.Errorf("%s = %q in %+v, want ~", h, v, st)
			}
		}
	})
	t.Run("signals are named in words on Accounts and by name and code on Signals", func(t *testing.T) {
		rows, _ := f.GetRows(english(SheetAccounts))
		sig := columnOf(t, f, english(SheetAccounts), "Signals")
		for _, r := range rows[1:] {
			if strings.Contains(r[sig], "_") {
				t.Errorf("Accounts signals %q hold a code", r[sig])
			}
		}
		if !strings.Contains(strings.Join(rows[len(rows)-1], "|"), "far below its tier") {
			t.Errorf("the last account's row names no signal in words: %q", rows[len(rows)-1])
		}
	})
}

func TestEveryNumberHasThousandsSeparators(t *testing.T) {
	_, _, f := writeBranded(t)
	checked := 0
	defer func() {
		if checked < 200 {
			t.Errorf("only %d numbers checked", checked)
		}
	}()
	for _, sheet := range f.GetSheetList() {
		if sheet == english(SheetHistory) { // hidden: the sparklines' data
			continue
		}
		rows, _ := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		for r, row := range rows {
			for c, v := range row {
				if _, err := strconv.ParseFloat(v, 64); err != nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if typ, _ := f.GetCellType(sheet, cell); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
					continue
				}
				checked++
				id, _ := f.GetCellStyle(sheet, cell)
				st, _ := f.GetStyle(id)
				ok := st != nil && (st.NumFmt == 3 || st.CustomNumFmt != nil && (strings.Contains(*st.CustomNumFmt, "#,##0") || strings.HasPrefix(*st.CustomNumFmt, "yyyy")))
				if !ok {
					t.Errorf("%s!%s holds %s in format %+v, without thousands separators", sheet, cell, v, st)
				}
			}
		}
	}
}

func TestBrandedWorkbookIsByteStable(t *testing.T) {
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#c33"/></svg>`)
	for _, logo := range []struct {
		name, typ string
		data      []byte
	}{{"a PNG logo", "image/png", testLogo(t)}, {"an SVG logo", "image/svg+xml", svg}} {
		t.Run("with "+logo.name+", sparklines and History the workbook is the same bytes twice", func(t *testing.T) {
			var out [2][]byte
			for i := range out {
				r := brandedReport(t)
				r.Brand.Logo, r.Brand.LogoType = logo.data, logo.typ
				dir := t.TempDir()
				if _, err := Write(dir, r); err != nil {
					t.Fatal(err)
				}
				out[i], _ = os.ReadFile(filepath.Join(dir, WorkbookFile))
			}
			if len(out[0]) == 0 || !bytes.Equal(out[0], out[1]) {
				t.Errorf("two runs differ (%d and %d bytes)", len(out[0]), len(out[1]))
			}
			f, err := excelize.OpenReader(bytes.NewReader(out[0]))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			pics, err := f.GetPictures(english(SheetSummary), "D1")
			if err != nil || len(pics) != 1 || !bytes.Equal(pics[0].File, logo.data) {
				t.Errorf("logo: %d pictures, %v", len(pics), err)
			}
		})
	}
}
