package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// Sheet names, in the order the workbook shows them. Videos past Excel's row limit continue on
// "Videos (2)", "Videos (3)", … placed after Videos.
const (
	SheetSummary  = "Summary"
	SheetAccounts = "Accounts"
	SheetVideos   = "Videos"
	SheetSignals  = "Signals"
	SheetRejected = "Rejected"
	SheetAbout    = "About"
)

// maxSheetRows is Excel's row limit, header included (a variable so tests can split small
// batches).
var maxSheetRows = 1_048_576

// styles are the cell formats the sheets share.
type styles struct {
	header, percent, ratio, count, date, textStyle, link int
	verdict                                              map[scoring.Verdict]int // conditional formats
}

// textFormat is Excel's "@" (Text) number format: a cell in it keeps what is typed as text, so
// editing a cell holding "=1+1" does not turn it into a formula. sortedZip also marks the
// styles using it with quotePrefix, as Excel does for text typed with a leading apostrophe.
const textFormat = 49

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	add := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.header = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE3EA"}}})
	s.percent = add(&excelize.Style{NumFmt: 10}) // 0.00%
	s.ratio = add(&excelize.Style{CustomNumFmt: ptr("0.00\"×\"")})
	s.count = add(&excelize.Style{NumFmt: 3}) // #,##0
	s.date = add(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd hh:mm")})
	s.textStyle = add(&excelize.Style{NumFmt: textFormat})
	s.link = add(&excelize.Style{NumFmt: textFormat, Font: &excelize.Font{Color: "0563C1", Underline: "single"}})
	s.verdict = map[scoring.Verdict]int{}
	for _, v := range scoring.Verdicts() {
		colour := strings.TrimPrefix(verdictColours[v], "#")
		if err == nil {
			s.verdict[v], err = f.NewConditionalStyle(&excelize.Style{
				Font: &excelize.Font{Color: "FFFFFF", Bold: true},
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}},
			})
		}
	}
	return s, err
}

func ptr[T any](v T) *T { return &v }

// writeWorkbook builds the workbook and streams it into w through sortedZip, which orders the
// package's parts so that the same report gives the same bytes.
func writeWorkbook(w io.Writer, r *Report) error {
	f := excelize.NewFile()
	defer f.Close()
	wb, err := buildWorkbook(f, r)
	if err != nil {
		return err
	}
	dir := os.TempDir()
	if named, ok := w.(interface{ Name() string }); ok { // the staged report file: spool beside it
		dir = filepath.Dir(named.Name())
	}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return newSortedZip(w, dir, r.Generated, wb.links) })
	// The buffer WriteToBuffer returns stays empty: sortedZip writes to w itself.
	_, err = f.WriteToBuffer()
	return err
}

// workbook is what the sheets share while they are written.
type workbook struct {
	f     *excelize.File
	r     *Report
	st    styles
	parts map[string]string      // sheet name → part
	links map[string]*sheetLinks // part → links added by the stream sheets
}

// linksOf is the hyperlink list of a sheet.
func (wb *workbook) linksOf(sheet string) *sheetLinks {
	part := wb.parts[sheet]
	if wb.links[part] == nil {
		wb.links[part] = &sheetLinks{}
	}
	return wb.links[part]
}

func buildWorkbook(f *excelize.File, r *Report) (*workbook, error) {
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return nil, err
	}
	videoSheets := videoSheetNames(postCount(r.Result))
	names := append(append([]string{SheetAccounts}, videoSheets...), SheetSignals, SheetRejected, SheetAbout)
	for _, name := range names {
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	wb := &workbook{f: f, r: r, st: st, parts: sheetParts(f), links: map[string]*sheetLinks{}}
	steps := []func(*workbook) error{
		writeSummarySheet, writeAccountsSheet, func(wb *workbook) error { return writeVideosSheets(wb, videoSheets) },
		writeSignalsSheet, writeRejectedSheet, writeAboutSheet,
	}
	for _, step := range steps {
		if err := step(wb); err != nil {
			return nil, err
		}
	}
	t := r.Generated.Format("2006-01-02T15:04:05Z")
	err = f.SetDocProps(&excelize.DocProperties{
		Title: "vet: influencer vetting", Creator: "vet " + r.Version, Created: t, Modified: t,
	})
	return wb, err
}

// text makes a string from the input safe to put in a cell. Excel's cell limit is 32,767
// characters, and longer text would be cut silently, so it is cut here with a mark. Text
// Excel could take for a formula (=, +, -, @, tab, CR first) gets the Text format; the cell is
// an inline string either way, never a formula.
func (st styles) text(s string) any {
	const limit = 32_767
	if len(s) > limit {
		if r := []rune(s); len(r) > limit {
			s = string(r[:limit-1]) + "…"
		}
	}
	if risky(s) {
		return excelize.Cell{StyleID: st.textStyle, Value: s}
	}
	return s
}

// risky reports whether a spreadsheet could read s as a formula.
func risky(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// fraction is a rate as Excel's percent format wants it (6.4% → 0.064), or an empty cell.
func fraction(r scoring.Rate) any {
	if !r.OK {
		return nil
	}
	return r.Value / 100
}

func count(c ingest.Count) any {
	if !c.Known() {
		return nil
	}
	return int64(c)
}

func headerRow(names []string, style int) []any {
	row := make([]any, len(names))
	for i, n := range names {
		row[i] = excelize.Cell{StyleID: style, Value: n}
	}
	return row
}

func frozenHeader() *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}
}

// streamSheet opens a stream sheet with its frozen header, column widths and formats: all of
// which a StreamWriter takes only before the first row.
func streamSheet(wb *workbook, sheet string, cols []column) (*excelize.StreamWriter, error) {
	sw, err := wb.f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	if err := sw.SetPanes(frozenHeader()); err != nil {
		return nil, err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
		if c.style != 0 {
			if err := sw.SetColStyle(i+1, i+1, c.style); err != nil {
				return nil, err
			}
		}
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	return sw, sw.SetRow("A1", headerRow(names, wb.st.header))
}

// finishTable makes rows 1..last of a stream sheet an Excel table (sorting and filtering in
// the header; a stream sheet drops AutoFilter) and flushes it.
func finishTable(sw *excelize.StreamWriter, name string, cols, last int) error {
	end, _ := excelize.CoordinatesToCellName(cols, max(last, 2))
	err := sw.AddTable(&excelize.Table{
		Range: "A1:" + end, Name: name, StyleName: "TableStyleLight1", ShowRowStripes: ptr(true),
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// column is one column of a stream sheet.
type column struct {
	name  string
	width float64
	style int // the column's format for cells that carry none
}

// fitWidths widens columns to their longest value, within [min, 60] characters.
func fitWidths(cols []column, rows func(yield func(col int, s string))) {
	rows(func(col int, s string) {
		w := float64(len([]rune(s))) + 2
		if w > 60 {
			w = 60
		}
		if w > cols[col].width {
			cols[col].width = w
		}
	})
}

func verdictHeaders() []any {
	var hs []any
	for _, v := range scoring.Verdicts() {
		hs = append(hs, v.String())
	}
	return hs
}

// verdictColours: a conditional format per verdict, over one column's range.
func verdictFormats(wb *workbook, sheet, rng string) error {
	for _, v := range scoring.Verdicts() {
		err := wb.f.SetConditionalFormat(sheet, rng, []excelize.ConditionalFormatOptions{{
			Type: "cell", Criteria: "==", Value: `"` + v.String() + `"`, Format: ptr(wb.st.verdict[v]),
		}})
		if err != nil {
			return err
		}
	}
	return nil
}

// reconciliation is the line that accounts for every row read.
func reconciliation(b *ingest.Batch) string {
	return fmt.Sprintf("%d read = %d used + %d duplicates + %d rejected",
		b.Read, b.Used(), b.Duplicates, len(b.Rejected))
}
