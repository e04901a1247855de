package report

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/figures"
)

// needLibreOffice finds soffice (the Makefile's browser target installs it), or fails under CI
// and skips elsewhere.
func needLibreOffice(t *testing.T) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		missing(t, "no LibreOffice (soffice) on PATH")
	}
	return soffice
}

// shownByLibreOffice is a sheet of the workbook as LibreOffice shows it, cell by cell: each
// number through its number format, as a client reading the workbook sees it. sheet counts
// from 1 in the workbook's order.
func shownByLibreOffice(t *testing.T, soffice, workbook string, sheet int) [][]string {
	t.Helper()
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// 44: comma; 34: double quote; 76: UTF-8; 1: from line 1; true (the 9th): cells as shown.
	filter := "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false," + strconv.Itoa(sheet)
	cmd := exec.CommandContext(ctx, soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(out, "profile"),
		"--convert-to", filter, "--outdir", out, workbook)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	matches, _ := filepath.Glob(filepath.Join(out, "*.csv"))
	if len(matches) != 1 {
		t.Fatalf("LibreOffice wrote %q", matches)
	}
	f, err := os.Open(matches[0])
	must(t, err)
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	must(t, err)
	return rows
}

// The page's table shows, for every account of a 20,000-account batch, the digits the workbook
// shows (as LibreOffice renders its cells) and accounts.csv's numbers round to: each figure is
// rounded once, from its exact value.
func TestEveryFigureShowsTheSameDigitsEverywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the 20,000-account comparison")
	}
	soffice := needLibreOffice(t)
	needBrowser(t)
	r := synthReport(t, 20_000, 10)
	p := r.printer()
	dir := t.TempDir()
	_, err := Write(dir, r)
	must(t, err)

	// The page, 250 rows at a time.
	ctx, _ := openPage(t, filepath.Join(dir, PageFile))
	heads := eval[[]string](t, ctx, headers)
	eval[bool](t, ctx, `(function () { var s = document.getElementById('pagesize'); s.value = '250'; s.dispatchEvent(new Event('change')); return true; })()`)
	var pageRows [][]string
	for {
		rows := eval[[][]string](t, ctx, rowCells)
		pageRows = append(pageRows, rows...)
		if eval[bool](t, ctx, `document.getElementById('next').disabled`) {
			break
		}
		eval[bool](t, ctx, `(function () { document.getElementById('next').click(); return true; })()`)
	}
	if len(pageRows) != len(r.Result.Accounts) {
		t.Fatalf("the page's table has %d rows, the batch %d accounts", len(pageRows), len(r.Result.Accounts))
	}

	sheet := shownByLibreOffice(t, soffice, filepath.Join(dir, WorkbookFile), 2) // Summary, then Accounts
	csvHead, csvRows := readCSV(t, filepath.Join(dir, AccountsCSV))
	sheetCol := map[string]int{}
	for i, h := range sheet[0] {
		sheetCol[h] = i
	}
	byLabel := map[string]*figures.Figure{}
	for _, f := range figures.Accounts {
		byLabel[f.Label(p)] = f
	}
	compared, differences := 0, 0
	report := func(format string, args ...any) {
		if differences++; differences <= 20 {
			t.Errorf(format, args...)
		}
	}
	for col, head := range heads {
		f := byLabel[head]
		sc, onSheet := sheetCol[head]
		if f == nil || !onSheet {
			continue
		}
		for i, row := range pageRows {
			shown := strings.TrimLeft(row[col], "▸▾")
			if got := sheet[i+1][sc]; got != shown {
				report("account #%d, %s: the page shows %q, the workbook %q", i+1, head, shown, got)
			}
			compared++
			if !f.Numeric() || !f.Shows(figures.CSV, r.Result) {
				continue
			}
			raw := csvRows[i][f.CSVHeader(p.Currency())]
			want := p.T("word.na")
			if raw != "" {
				v, err := strconv.ParseFloat(raw, 64)
				must(t, err)
				want = f.Format(p, figures.Value{Num: v, OK: true})
			}
			if strings.TrimPrefix(shown, "~") != want {
				report("account #%d, %s: the page shows %q, accounts.csv holds %s (%q)", i+1, head, shown, raw, want)
			}
		}
	}
	t.Logf("compared %d cells of %d accounts over %d columns (accounts.csv: %d columns): %d differences",
		compared, len(pageRows), len(heads), len(csvHead), differences)
	if compared < 10*len(pageRows) {
		t.Errorf("compared only %d cells", compared)
	}
}
