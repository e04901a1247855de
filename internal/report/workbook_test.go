package report

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeTestWorkbook writes the test report and opens its workbook.
func writeTestWorkbook(t *testing.T) (string, *excelize.File) {
	t.Helper()
	dir := t.TempDir()
	if _, err := Write(dir, testReport(t)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, WorkbookFile)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return path, f
}

// part reads one part of the workbook's package.
func part(t *testing.T, path, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("%s has no part %s", path, name)
	return ""
}

// findCell is the first cell of a sheet holding exactly want.
func findCell(t *testing.T, f *excelize.File, sheet, want string) string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			if v == want {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				return cell
			}
		}
	}
	t.Fatalf("%s has no cell holding %q", sheet, want)
	return ""
}

// cellXML is the <c> element of a cell in a sheet's XML, found as a reader finds it: by its
// reference, or, for a cell written without one, as the column after the previous cell's.
func cellXML(t *testing.T, sheet, cell string) string {
	t.Helper()
	col, row, _ := excelize.CellNameToCoordinates(cell)
	r := regexp.MustCompile(`<row r="` + strconv.Itoa(row) + `"[^>]*>(.*?)</row>`).FindStringSubmatch(sheet)
	if r == nil {
		t.Fatalf("no row %d", row)
	}
	at := 0
	for _, c := range regexp.MustCompile(`<c[ >/].*?(?:</c>|/>)`).FindAllString(r[1], -1) {
		at++
		if ref := regexp.MustCompile(`^<c r="([A-Z]+)\d+"`).FindStringSubmatch(c); ref != nil {
			at, _ = excelize.ColumnNameToNumber(ref[1])
		}
		if at == col {
			return c
		}
	}
	t.Fatalf("row %d has no cell in column %d: %s", row, col, r[1])
	return ""
}

func TestWorkbookKeepsFormulasFromTheInputAsText(t *testing.T) {
	path, f := writeTestWorkbook(t)
	for _, tc := range []struct{ name, sheet, part, value string }{
		{"a handle that is a HYPERLINK formula stays text on Accounts", english(SheetAccounts), "xl/worksheets/sheet2.xml", formulaHandle},
		{"a handle that is a HYPERLINK formula stays text on Videos", english(SheetVideos), "xl/worksheets/sheet3.xml", formulaHandle},
		{"a caption that starts with @ stays text", english(SheetVideos), "xl/worksheets/sheet3.xml", formulaCaption},
		{"a rejected value that starts with = stays text", english(SheetRejected), "xl/worksheets/sheet6.xml", "=1+1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cell := findCell(t, f, tc.sheet, tc.value)
			m := cellXML(t, part(t, path, tc.part), cell)
			if !strings.Contains(m, `t="inlineStr"`) || strings.Contains(m, "<f>") {
				t.Errorf("cell %s is %s, want an inline string and no formula", cell, m)
			}
			style, _ := f.GetCellStyle(tc.sheet, cell)
			st, _ := f.GetStyle(style)
			if st == nil || st.NumFmt != textFormat {
				t.Errorf("cell %s's format = %+v, want Text (49) so editing keeps it text", cell, st)
			}
		})
	}
	t.Run("the Text formats carry quotePrefix", func(t *testing.T) {
		if n := strings.Count(part(t, path, "xl/styles.xml"), `quotePrefix="1"`); n != 2 {
			t.Errorf("%d formats with quotePrefix, want 2 (text and link)", n)
		}
	})
}

func TestWorkbookLinks(t *testing.T) {
	_, f := writeTestWorkbook(t)
	for _, tc := range []struct{ name, sheet, value, want string }{
		{"the handle links to the TikTok profile", english(SheetAccounts), "healthy", "https://www.tiktok.com/@healthy"},
		{"a script handle links to its escaped profile", english(SheetAccounts), "<script>alert(1)</script>", "https://www.tiktok.com/@%3Cscript%3Ealert%281%29%3C%2Fscript%3E"},
		{"a video ID without a URL links to the video made of handle and ID", english(SheetVideos), "4001", "https://www.tiktok.com/@healthy/video/4001"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cell := findCell(t, f, tc.sheet, tc.value)
			ok, link, err := f.GetCellHyperLink(tc.sheet, cell)
			if err != nil || !ok || link != tc.want {
				t.Errorf("link of %s = %v %q %v, want %q", cell, ok, link, err, tc.want)
			}
		})
	}
}

func TestWorkbookFinish(t *testing.T) {
	path, f := writeTestWorkbook(t)
	for _, sheet := range []string{english(SheetAccounts), english(SheetVideos), english(SheetSignals), english(SheetRejected)} {
		t.Run(sheet+" has a frozen header and a table to filter and sort", func(t *testing.T) {
			p, err := f.GetPanes(sheet)
			if err != nil || !p.Freeze || p.YSplit != 1 {
				t.Errorf("panes = %+v, %v", p, err)
			}
			tables, err := f.GetTables(sheet)
			if err != nil || len(tables) != 1 || !strings.HasPrefix(tables[0].Range, "A1:") {
				t.Errorf("tables = %+v, %v", tables, err)
			}
		})
	}
	t.Run("the verdicts are coloured by conditional formats", func(t *testing.T) {
		cf, err := f.GetConditionalFormats(english(SheetAccounts))
		if err != nil || len(cf) == 0 {
			t.Fatalf("conditional formats = %v, %v", cf, err)
		}
		for rng, opts := range cf {
			if !strings.HasPrefix(rng, "L2:") || len(opts) != 4 {
				t.Errorf("%s: %+v", rng, opts)
			}
		}
	})
	t.Run("every signal raised has its row with its numbers", func(t *testing.T) {
		rows, _ := f.GetRows(english(SheetSignals))
		var far int
		for _, r := range rows[1:] {
			if r[3] == "far_below_tier" && r[2] == "far below its tier" && strings.HasPrefix(r[5], "ratio ") {
				far++
			}
		}
		if far != 3 {
			t.Errorf("far_below_tier rows = %d, want 3: %q", far, rows)
		}
	})
	t.Run("the summary has a stacked column chart of verdicts per tier", func(t *testing.T) {
		chart := part(t, path, "xl/charts/chart1.xml")
		if !strings.Contains(chart, `<grouping val="stacked"`) || !strings.Contains(chart, "Summary!$B$") {
			t.Errorf("chart1.xml is not a stacked column chart of the summary's table")
		}
	})
	t.Run("columns are wide enough for the longest reason", func(t *testing.T) {
		w, _ := f.GetColWidth(english(SheetAccounts), "O")
		if w < 40 {
			t.Errorf("reason column width = %v", w)
		}
	})
}

// writeWorkbookAt writes r's workbook alone with the limits given and opens it.
func writeWorkbookAt(t *testing.T, r *Report, lim limits) (string, *excelize.File) {
	t.Helper()
	path := filepath.Join(t.TempDir(), WorkbookFile)
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeWorkbookWith(out, r, lim); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return path, f
}

// smallSheets split the test report's 25 posts over three Videos sheets of 10, 7 links each.
func smallSheets() limits {
	lim := workbookLimits()
	lim.sheetRows, lim.links = 11, 7
	return lim
}

func TestWorkbookSplitsVideosPastTheRowLimit(t *testing.T) {
	lim := smallSheets()
	_, f := writeWorkbookAt(t, testReport(t), lim)
	t.Run("the posts continue on Videos (2) and Videos (3)", func(t *testing.T) {
		got := strings.Join(f.GetSheetList(), ",")
		if want := "Summary,Accounts,Videos,Videos (2),Videos (3),Signals,Insights,Rejected,About"; got != want {
			t.Errorf("sheets = %s, want %s", got, want)
		}
		total := 0
		for _, s := range []string{"Videos", "Videos (2)", "Videos (3)"} {
			rows, _ := f.GetRows(s)
			if rows[0][0] != "Account" || len(rows) > lim.sheetRows {
				t.Errorf("%s: %d rows, header %q", s, len(rows), rows[0])
			}
			total += len(rows) - 1
		}
		if total != 25 {
			t.Errorf("posts on the Videos sheets = %d, want 25", total)
		}
	})
	t.Run("links stop at the sheet's limit and the rest is plain text", func(t *testing.T) {
		for row, want := range map[int]bool{2: true, 8: true, 9: false, 11: false} {
			cell, _ := excelize.CoordinatesToCellName(videoLinkCol, row)
			ok, _, _ := f.GetCellHyperLink("Videos (2)", cell)
			v, _ := f.GetCellValue("Videos (2)", cell)
			if ok != want || v == "" {
				t.Errorf("%s: link %v (%q), want %v", cell, ok, v, want)
			}
		}
	})
}

func TestSameInputGivesTheSameBytes(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, err := Write(dir, testReport(t)); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range Files() {
		t.Run(name+" is byte-identical on a second run", func(t *testing.T) {
			x, _ := os.ReadFile(filepath.Join(a, name))
			y, _ := os.ReadFile(filepath.Join(b, name))
			if len(x) == 0 || !bytes.Equal(x, y) {
				t.Errorf("%s differs between two runs (%d and %d bytes)", name, len(x), len(y))
			}
		})
	}
	t.Run("nothing but the report's files is left", func(t *testing.T) {
		entries, _ := os.ReadDir(a)
		if len(entries) != len(Files()) {
			t.Errorf("files = %v, want %v", entries, Files())
		}
	})
	t.Run("the workbook with three Videos sheets is byte-identical on a second run", func(t *testing.T) {
		x, _ := writeWorkbookAt(t, testReport(t), smallSheets())
		y, _ := writeWorkbookAt(t, testReport(t), smallSheets())
		xb, _ := os.ReadFile(x)
		yb, _ := os.ReadFile(y)
		if len(xb) == 0 || !bytes.Equal(xb, yb) {
			t.Errorf("the workbooks differ (%d and %d bytes)", len(xb), len(yb))
		}
	})
}
