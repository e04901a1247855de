package report

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// excelizeRows is what excelize's StreamWriter writes of rows (from row 1) in columns of the
// given formats, row n heights[n] points tall (0 or past heights' end: the default height),
// after cellRefFilter: the bytes between <sheetData> and </sheetData>.
func excelizeRows(t testing.TB, colStyles []int, rows [][]any, heights []float64) string {
	t.Helper()
	f, _, _, _, _ := rowXMLFile(t)
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range colStyles {
		if s != 0 {
			if err := sw.SetColStyle(i+1, i+1, s); err != nil {
				t.Fatal(err)
			}
		}
	}
	for n, row := range rows {
		if err := sw.SetRow("A"+strconv.Itoa(n+1), row, excelize.RowOpts{Height: rowHeight(heights, n)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var book bytes.Buffer
	if err := f.Write(&book); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(book.Bytes()), int64(book.Len()))
	if err != nil {
		t.Fatal(err)
	}
	part, err := zr.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(part)
	if err != nil {
		t.Fatal(err)
	}
	out := &closeBuffer{}
	cf := &cellRefFilter{to: out}
	if _, err := cf.Write(raw); err != nil {
		t.Fatal(err)
	}
	if err := cf.Close(); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	from, to := strings.Index(s, "<sheetData>"), strings.Index(s, "</sheetData>")
	if from < 0 || to < from {
		t.Fatalf("no sheetData in %.300s", s)
	}
	return s[from+len("<sheetData>") : to]
}

// rowXMLRows is the same rows as rowXML writes them.
func rowXMLRows(t testing.TB, colStyles []int, rows [][]any, heights []float64) string {
	t.Helper()
	cols := make([]column, len(colStyles))
	for i, s := range colStyles {
		cols[i].style = s
	}
	x := newRowXML(cols)
	var b []byte
	for n, row := range rows {
		var err error
		if b, err = x.appendRow(b, n+1, row, rowHeight(heights, n)); err != nil {
			t.Fatal(err)
		}
	}
	return string(b)
}

// rowHeight is heights[n], 0 past its end.
func rowHeight(heights []float64, n int) float64 {
	if n < len(heights) {
		return heights[n]
	}
	return 0
}

// rowXMLFile is a new workbook with the formats of the test's columns: a date, a count, a
// percent and text, as their style IDs.
func rowXMLFile(t testing.TB) (f *excelize.File, date, num, pct, text int) {
	t.Helper()
	f = excelize.NewFile()
	ids := make([]int, 4)
	for i, fmt := range []int{22, 3, 10, 49} {
		id, err := f.NewStyle(&excelize.Style{NumFmt: fmt})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = id
	}
	return f, ids[0], ids[1], ids[2], ids[3]
}

// rowXMLStyles are rowXMLFile's style IDs, which any new workbook gives them.
func rowXMLStyles(t testing.TB) (date, num, pct, text int) {
	t.Helper()
	f, date, num, pct, text := rowXMLFile(t)
	f.Close()
	return date, num, pct, text
}

// rowXMLTexts are strings each of excelize's steps treats in its own way.
var rowXMLTexts = []string{
	"", "plain", " leading", "trailing ", "\ttab", "line\nbreak", "ends in a newline\n", "cr\rhere",
	`quote"s and 'apos'`, "a & b < c > d", "\x01control\x1f", "bad \xff utf-8", "\uFFFD real",
	"emoji 😀 and é", "_x0041_", "_x005F_x0041_", "_x005F_", "_x005F_xZZZZ_", "_xD800_ gone",
	"a_x12G4_b", "x_X0041_", "=SUM(A1)", "-1", "\u2028 separator", "\uFFFE not a character",
	strings.Repeat("a", 40_000), strings.Repeat("😀", 20_000) + "tail",
	strings.Repeat("é", 32_766) + "😀", strings.Repeat("x", 32_767),
}

func TestRowXMLAsExcelizeWritesIt(t *testing.T) {
	date, num, pct, text := rowXMLStyles(t)
	styles := []int{0, date, num, pct, 0, 0}
	utc := time.Date(2026, time.November, 30, 13, 45, 7, 123456789, time.UTC)
	var rows [][]any
	for _, s := range rowXMLTexts {
		rows = append(rows, []any{s, nil, nil, nil, excelize.Cell{StyleID: text, Value: s}, s})
	}
	for _, v := range []any{int64(0), int64(-5), int64(math.MaxInt64), int64(math.MinInt64), 42} {
		rows = append(rows, []any{nil, nil, v, excelize.Cell{StyleID: num, Value: v}, v})
	}
	for _, v := range []float64{0, 0.1, 0.064, 0.1 + 0.2, 1e21, 1e-7, 5e-324, 123456789.123456789,
		1234567890123456789, 12345678901234567e10, -0.0, -2.5, math.MaxFloat64, -math.MaxFloat64,
		math.NaN(), math.Inf(1), math.Inf(-1), 0.15999347, 1.0000000000000002} {
		rows = append(rows, []any{"f", nil, nil, v, v, excelize.Cell{Value: v}})
	}
	for _, v := range []time.Time{utc, utc.In(time.FixedZone("CET", 3600)), time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC),
		time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1900, 2, 28, 23, 59, 59, 0, time.UTC),
		time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2262, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)} {
		rows = append(rows, []any{nil, v, excelize.Cell{StyleID: date, Value: v}})
	}
	rows = append(rows,
		[]any{}, []any{nil, nil, nil}, []any{nil, "after a gap", nil, nil, nil, "after three"},
		[]any{excelize.Cell{StyleID: num}, excelize.Cell{}, "x"}, // formats without values
		[]any{"more cells", "than", "the", "columns", "have", "formats", "for", int64(7)},
		[]any{"and", nil, nil, nil, nil, nil, nil, "a gap past them", nil, "again"},
	)
	// Rows of every height a sheet gives: the default, wrappedHeight's lines, fractions of a
	// point, Excel's highest, and none for a height that is no height.
	heights := []float64{0, 15, 30, 45, 12.75, 22.5, 1.0 / 3, 0.1 + 0.2, excelize.MaxRowHeight, -1,
		wrappedHeight(strings.Repeat("word ", 100), 60), wrappedHeight(strings.Repeat("x", 40_000), 60)}
	want := excelizeRows(t, styles, rows, heights)
	got := rowXMLRows(t, styles, rows, heights)
	if got != want {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		from := max(0, i-120)
		t.Fatalf("rowXML differs from excelize at byte %d:\n got …%.300s\nwant …%.300s", i, got[from:], want[from:])
	}
}

func TestRowXMLRefusesWhatItCannotWrite(t *testing.T) {
	x := newRowXML([]column{{}, {}})
	for name, row := range map[string][]any{
		"a formula":                       {excelize.Cell{Formula: "SUM(A1:A2)"}},
		"a date in a column of no format": {nil, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)},
		"a bool":                          {true},
		"a pointer to a cell":             {&excelize.Cell{Value: "x"}},
	} {
		if _, err := x.appendRow(nil, 2, row, 0); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := x.appendRow(nil, 2, []any{"x"}, excelize.MaxRowHeight+0.5); err == nil {
		t.Error("a row taller than Excel's highest: no error")
	}
}

// FuzzRowXML: any text, integer and float are written as excelize writes them.
func FuzzRowXML(f *testing.F) {
	for i, s := range rowXMLTexts {
		if len(s) < 1000 {
			f.Add(s, int64(i)*-7919, float64(i)/3)
		}
	}
	f.Fuzz(func(t *testing.T, s string, i int64, x float64) {
		_, num, pct, _ := rowXMLStyles(t)
		styles := []int{0, num, pct}
		rows := [][]any{{s, i, x}, {nil, excelize.Cell{Value: s}, s}, {excelize.Cell{StyleID: pct, Value: x}, nil, i}}
		if got, want := rowXMLRows(t, styles, rows, nil), excelizeRows(t, styles, rows, nil); got != want {
			t.Fatalf("rowXML:\n%q\nexcelize:\n%q", got, want)
		}
	})
}
