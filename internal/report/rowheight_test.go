package report

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/lang"
)

func TestWrappedLines(t *testing.T) {
	for _, tc := range []struct {
		name    string
		s       string
		perLine int
		want    int
	}{
		{"an empty text takes one line", "", 10, 1},
		{"a text exactly a line long takes one line", "0123456789", 10, 1},
		{"a text one character longer takes two", "0123456789a", 10, 2},
		{"a word that fits after its space stays on the line", "0123 56789", 10, 1},
		{"a word one character too long for the line moves to the next", "0123 567890", 10, 2},
		{"a word that moves takes its whole length to the next line", "0123 5678901234", 10, 2},
		{"a word longer than a line is cut across lines", strings.Repeat("x", 25), 10, 3},
		{"a word exactly two lines long takes two", strings.Repeat("x", 20), 10, 2},
		{"a newline starts a line", "ab\ncd", 10, 2},
		{"a newline at the end leaves an empty last line", "ab\n", 10, 2},
		{"a letter of two bytes counts as one character", strings.Repeat("é", 10), 10, 1},
		{"a line of no width still holds a character", "abc", 0, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := wrappedLines(tc.s, tc.perLine); got != tc.want {
				t.Errorf("wrappedLines(%q, %d) = %d, want %d", tc.s, tc.perLine, got, tc.want)
			}
		})
	}
}

func TestWrappedHeight(t *testing.T) {
	const width = 60 // the reason's column: 66 characters a line
	for _, tc := range []struct {
		name string
		s    string
		want float64
	}{
		{"a text that fits one line keeps the default height", strings.Repeat("x", 66), 0},
		{"a text one character longer is two lines tall", strings.Repeat("x", 67), 30},
		{"a text of three lines is three lines tall", strings.Repeat("x", 66*2+1), 45},
		{"a text longer than Excel's highest row holds is as tall as Excel allows", strings.Repeat("x", 66*27+1), excelize.MaxRowHeight},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := wrappedHeight(tc.s, width); got != tc.want {
				t.Errorf("wrappedHeight(%d characters, %d) = %g, want %g", len(tc.s), width, got, tc.want)
			}
		})
	}
}

// TestWrappedTextRowsAreTallEnough reads the workbook back: a row whose wrapped text takes
// more than one line is given a height that holds its lines (LibreOffice draws a row the file
// gives no height at the default height, whatever its wrapped text, and Excel keeps the
// height the file gives), and a row whose text fits one line keeps the default height.
func TestWrappedTextRowsAreTallEnough(t *testing.T) {
	r := testReport(t)
	long := &r.Result.Accounts[len(r.Result.Accounts)-1]
	long.Reason = append(append(append(long.Reason, long.Reason...), long.Reason...), long.Reason...) // four times as long
	dir := t.TempDir()
	if _, err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	_, insights := insightsReport(t, lang.New(lang.English, ""))
	for _, tc := range []struct {
		dir, sheet string
		headers    []string // the wrapped columns' headers; none for the About sheet's names and definitions
	}{
		{dir, english(SheetAccounts), []string{"Reason"}}, {dir, english(SheetSignals), []string{"Reason"}},
		{dir, english(SheetAbout), nil}, {insights, english(SheetInsights), []string{"In words"}},
	} {
		t.Run("the rows of "+tc.sheet+" hold their wrapped lines", func(t *testing.T) {
			f, err := excelize.OpenFile(filepath.Join(tc.dir, WorkbookFile))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cols := []int{0, 1}
			if tc.headers != nil {
				cols = nil
				for _, h := range tc.headers {
					cols = append(cols, columnOf(t, f, tc.sheet, h))
				}
			}
			checkWrappedRows(t, f, tc.sheet, cols)
		})
	}
}

// checkWrappedRows checks the height of each row of a sheet after its header against the
// length of its texts in columns cols (0-based), which wrap. The bounds are the fewest and the
// most lines a text can take: 1.2 characters per unit of column width (the most measured, in
// DejaVu Sans and Liberation Sans) and 0.8 (with a whole word moved to the next line).
func checkWrappedRows(t *testing.T, f *excelize.File, sheet string, cols []int) {
	t.Helper()
	widths := make([]float64, len(cols))
	for i, col := range cols {
		name, _ := excelize.ColumnNumberToName(col + 1)
		var err error
		if widths[i], err = f.GetColWidth(sheet, name); err != nil {
			t.Fatal(err)
		}
	}
	lineHeight, err := f.GetRowHeight(sheet, 1) // the header's: the default
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	wraps := false
	for r, row := range rows[1:] {
		fewest, most, oneLine, longest := 1, 1, true, ""
		for i, col := range cols {
			if col >= len(row) {
				continue
			}
			n := float64(len([]rune(row[col])))
			if least := int(math.Ceil(n / (1.2 * widths[i]))); least > fewest {
				fewest, longest = least, row[col]
			}
			most = max(most, int(math.Ceil(n/(0.8*widths[i]))))
			oneLine = oneLine && n <= widths[i]
		}
		wraps = wraps || fewest > 1
		height, err := f.GetRowHeight(sheet, r+2)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case height < float64(fewest)*lineHeight:
			t.Errorf("row %d takes at least %d lines and is %g points tall: %q", r+2, fewest, height, longest)
		case oneLine && height != lineHeight:
			t.Errorf("row %d's texts fit one line each and the row is %g points tall", r+2, height)
		case height > float64(most)*lineHeight:
			t.Errorf("row %d takes at most %d lines and is %g points tall", r+2, most, height)
		}
	}
	if !wraps {
		t.Errorf("no text of %s takes two lines: the check checks nothing", sheet)
	}
}
