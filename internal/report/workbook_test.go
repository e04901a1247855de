package report

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
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

func TestWorkbookKeepsFormulasFromTheInputAsText(t *testing.T) {
	path, f := writeTestWorkbook(t)
	for _, tc := range []struct{ name, sheet, part, value string }{
		{"a handle that is a HYPERLINK formula stays text on Accounts", SheetAccounts, "xl/worksheets/sheet2.xml", formulaHandle},
		{"a handle that is a HYPERLINK formula stays text on Videos", SheetVideos, "xl/worksheets/sheet3.xml", formulaHandle},
		{"a caption that starts with @ stays text", SheetVideos, "xl/worksheets/sheet3.xml", formulaCaption},
		{"a rejected value that starts with = stays text", SheetRejected, "xl/worksheets/sheet5.xml", "=1+1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cell := findCell(t, f, tc.sheet, tc.value)
			xml := part(t, path, tc.part)
			m := regexp.MustCompile(`<c r="` + cell + `"[^>]*>.*?</c>`).FindString(xml)
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
		{"the handle links to the TikTok profile", SheetAccounts, "healthy", "https://www.tiktok.com/@healthy"},
		{"a script handle links to its escaped profile", SheetAccounts, "<script>alert(1)</script>", "https://www.tiktok.com/@%3Cscript%3Ealert%281%29%3C%2Fscript%3E"},
		{"a video without a URL links to the one made of handle and numeric ID", SheetVideos, "4001", "https://www.tiktok.com/@healthy/video/4001"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cell := findCell(t, f, tc.sheet, tc.value)
			if tc.sheet == SheetVideos {
				col, row, _ := excelize.CellNameToCoordinates(cell)
				cell, _ = excelize.CoordinatesToCellName(col+videoURLCol-2, row) // Video ID → URL
			}
			ok, link, err := f.GetCellHyperLink(tc.sheet, cell)
			if err != nil || !ok || link != tc.want {
				t.Errorf("link of %s = %v %q %v, want %q", cell, ok, link, err, tc.want)
			}
		})
	}
}

func TestWorkbookFinish(t *testing.T) {
	path, f := writeTestWorkbook(t)
	for _, sheet := range []string{SheetAccounts, SheetVideos, SheetSignals, SheetRejected} {
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
		cf, err := f.GetConditionalFormats(SheetAccounts)
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
		rows, _ := f.GetRows(SheetSignals)
		var far int
		for _, r := range rows[1:] {
			if r[2] == "far_below_tier" && strings.HasPrefix(r[4], "ratio ") {
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
		w, _ := f.GetColWidth(SheetAccounts, "N")
		if w < 40 {
			t.Errorf("reason column width = %v", w)
		}
	})
}

func TestWorkbookSplitsVideosPastTheRowLimit(t *testing.T) {
	defer func(rows, links int) { maxSheetRows, maxLinks = rows, links }(maxSheetRows, maxLinks)
	maxSheetRows, maxLinks = 11, 7 // 10 posts a sheet, 7 links a sheet
	_, f := writeTestWorkbook(t)
	t.Run("the posts continue on Videos (2) and Videos (3)", func(t *testing.T) {
		got := strings.Join(f.GetSheetList(), ",")
		if want := "Summary,Accounts,Videos,Videos (2),Videos (3),Signals,Rejected,About"; got != want {
			t.Errorf("sheets = %s, want %s", got, want)
		}
		total := 0
		for _, s := range []string{"Videos", "Videos (2)", "Videos (3)"} {
			rows, _ := f.GetRows(s)
			if rows[0][0] != "Account" || len(rows) > maxSheetRows {
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
			cell, _ := excelize.CoordinatesToCellName(videoURLCol, row)
			ok, _, _ := f.GetCellHyperLink("Videos (2)", cell)
			v, _ := f.GetCellValue("Videos (2)", cell)
			if ok != want || v == "" {
				t.Errorf("%s: link %v (%q), want %v", cell, ok, v, want)
			}
		}
	})
}

func TestSameInputGivesTheSameBytes(t *testing.T) {
	defer func(rows int) { maxSheetRows = rows }(maxSheetRows)
	for _, rows := range []int{maxSheetRows, 11} {
		maxSheetRows = rows
		a, b := t.TempDir(), t.TempDir()
		for _, dir := range []string{a, b} {
			if _, err := Write(dir, testReport(t)); err != nil {
				t.Fatal(err)
			}
		}
		sheets := "one Videos sheet"
		if rows == 11 {
			sheets = "three Videos sheets"
		}
		for _, name := range []string{WorkbookFile, PageFile, SummaryFile} {
			t.Run(name+" with "+sheets+" is byte-identical on a second run", func(t *testing.T) {
				x, _ := os.ReadFile(filepath.Join(a, name))
				y, _ := os.ReadFile(filepath.Join(b, name))
				if len(x) == 0 || !bytes.Equal(x, y) {
					t.Errorf("%s differs between two runs (%d and %d bytes)", name, len(x), len(y))
				}
			})
		}
		t.Run("nothing but the three files is left with "+sheets, func(t *testing.T) {
			entries, _ := os.ReadDir(a)
			if len(entries) != 3 {
				t.Errorf("files = %v", entries)
			}
		})
	}
}
