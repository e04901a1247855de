package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// The Accounts sheet is the figure table's Sheet figures, in order (internal/figures), then,
// with a history of two snapshots or more, the trend columns.

// trendColumns are each account's trend over the history's snapshots: sparklines of its
// followers and follower ER (drawn from the hidden History sheet) and its verdicts in words.
var trendColumns = []string{"sheet.accounts.followers_trend", "sheet.accounts.follower_er_trend", "sheet.accounts.verdicts_over_time"}

// accountSheet is the Accounts sheet's layout for one report: its figures and columns.
type accountSheet struct {
	figs   []*figures.Figure
	cols   []column
	trends int // the first trend column (0-based); len(figs) when there are none
}

// at is the column (0-based) of figure f; -1 when the sheet does not show it.
func (s *accountSheet) at(f *figures.Figure) int {
	for i, g := range s.figs {
		if g == f {
			return i
		}
	}
	return -1
}

func newAccountSheet(wb *workbook) *accountSheet {
	res, p := wb.r.Result, wb.p
	s := &accountSheet{figs: figures.In(figures.Sheet, res)}
	for _, f := range s.figs {
		name := f.Label(p)
		c := column{name: name, width: float64(len([]rune(name))) + 4, style: wb.fst.of(f)} // room for the filter button
		if f == figures.Reason {
			c.width, c.style = 60, wb.st.wrap // wrapped: the row is as tall as its lines
		}
		s.cols = append(s.cols, c)
	}
	s.trends = len(s.cols)
	if hasTrends(res) {
		for _, k := range trendColumns {
			s.cols = append(s.cols, column{name: p.T(k), width: 18})
		}
	}
	return s
}

func writeAccountsSheet(wb *workbook) error {
	res, st, p := wb.r.Result, wb.st, wb.p
	s := newAccountSheet(wb)
	ctx := &figures.Context{Result: res, P: p}
	fitWidths(s.cols, func(yield func(int, string)) {
		for i := range res.Accounts {
			ctx.Rank = i + 1
			for j, f := range s.figs {
				if wordy(f) && f != figures.Reason {
					yield(j, f.Format(p, f.Value(&res.Accounts[i], ctx)))
				}
			}
		}
	})
	sheet := wb.sheet(SheetAccounts)
	sw, err := streamSheet(wb, sheet, s.cols, s.at(figures.Handle)+1)
	if err != nil {
		return err
	}
	// Printed one page wide, all the columns would be too small to read: a printout holds the
	// verdict's columns, up to the reason; the buyer's figures after them stay on screen and
	// in accounts.csv.
	last, _ := excelize.ColumnNumberToName(s.at(figures.Reason) + 1)
	err = wb.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Area", RefersTo: quoteSheet(sheet) + "!$A:$" + last, Scope: sheet,
	})
	if err != nil {
		return err
	}
	links := wb.linksOf(sheet)
	rows := wb.rowsOf(sheet, s.cols)
	handleCol, reasonCol := s.at(figures.Handle), s.at(figures.Reason)
	row := make([]any, len(s.cols))
	for i := range res.Accounts {
		a := &res.Accounts[i]
		ctx.Rank = i + 1
		for j, f := range s.figs {
			row[j] = wb.cell(f, f.Value(a, ctx))
		}
		if handleCol >= 0 {
			ref, _ := excelize.CoordinatesToCellName(handleCol+1, i+2)
			if u, ok := linkable(ingest.ProfileURL(a.Handle)); ok && links.add(ref, u) {
				row[handleCol] = excelize.Cell{StyleID: st.link, Value: a.Handle}
			}
		}
		if hasTrends(res) {
			row[s.trends], row[s.trends+1], row[s.trends+2] = nil, nil, verdictsOverTime(historyPoints(a, res.Config), p)
		}
		height := 0.0 // the reason wraps: the row is as tall as its lines
		if reasonCol >= 0 {
			height = wrappedHeight(cellText(row[reasonCol]), s.cols[reasonCol].width)
		}
		if err := rows.add(i+2, row, height); err != nil {
			return err
		}
	}
	lastRow := len(res.Accounts) + 1
	for _, f := range []*figures.Figure{figures.Verdict, figures.PreviousVerdict} {
		if at := s.at(f); at >= 0 {
			col, _ := excelize.ColumnNumberToName(at + 1)
			if err := verdictFormats(wb, sheet, col+"2:"+col+strconv.Itoa(max(lastRow, 2))); err != nil {
				return err
			}
		}
	}
	if hasTrends(res) {
		if err := addTrendSparklines(wb, s.trends+1); err != nil {
			return err
		}
	}
	if wb.fst.err != nil {
		return wb.fst.err
	}
	return finishTable(sw, tableName(sheet), len(s.cols), lastRow)
}

// wordy reports whether a figure is words, whose column is as wide as its longest value.
func wordy(f *figures.Figure) bool {
	switch f.Unit {
	case figures.Text, figures.Code, figures.Codes, figures.List:
		return true
	}
	return false
}

// cell is a figure's value as the workbook stores it: a number in the figure's format (a
// percentage as the fraction Excel's percent formats show), words in the reader's language,
// and n/a in grey for a figure the account lacks (the notes say why), as the page shows it.
func (wb *workbook) cell(f *figures.Figure, v figures.Value) any {
	st, p := wb.st, wb.p
	if !v.OK {
		return excelize.Cell{StyleID: st.na, Value: p.T("word.na")}
	}
	switch f.Unit {
	case figures.Text, figures.List:
		return st.text(f.Format(p, v))
	case figures.Code, figures.Codes:
		return f.Format(p, v)
	case figures.Flag:
		if v.Num == 0 {
			return nil
		}
		return p.T("word.yes")
	case figures.Count, figures.Signed:
		if v.Approx {
			return excelize.Cell{StyleID: wb.fst.code(approxFormatOf(p)), Value: int64(math.Round(v.Num))}
		}
		return int64(math.Round(v.Num))
	case figures.Percent, figures.SignedPercent:
		return percentFraction(v.Num)
	}
	return v.Num
}

// cellText is the string inside a value made by styles.text.
func cellText(v any) string {
	if c, ok := v.(excelize.Cell); ok {
		return c.Value.(string)
	}
	return v.(string)
}

// hasTrends reports whether the workbook draws trends: a history with at least two snapshots of
// some account. The first snapshot of a new history has nothing to draw a line through, and
// sparklines for 20,000 accounts cost a second of a run.
func hasTrends(res *scoring.Result) bool {
	if !res.HasHistory {
		return false
	}
	for i := range res.Accounts {
		if len(res.Accounts[i].History) >= 2 {
			return true
		}
	}
	return false
}

// historyPoints are the account's last snapshots the report shows (Config.HistoryPoints).
func historyPoints(a *scoring.Account, cfg scoring.Config) []scoring.Point {
	n := cfg.HistoryPoints
	if n <= 0 {
		n = 12
	}
	if len(a.History) > n {
		return a.History[len(a.History)-n:]
	}
	return a.History
}

// verdictsOverTime are an account's verdicts, snapshot by snapshot, in the reader's words.
func verdictsOverTime(ps []scoring.Point, p *lang.Printer) string {
	vs := make([]string, len(ps))
	for i, pt := range ps {
		vs[i] = figures.Verdict.CodeWords(p, pt.Verdict.String())
	}
	return strings.Join(vs, " → ")
}

// writeHistorySheet writes the hidden sheet the trend sparklines draw: row i+2 holds account
// i's followers (from column B) and then its follower ERs, oldest first, one column a snapshot.
func writeHistorySheet(wb *workbook) error {
	res, p := wb.r.Result, wb.p
	sheet := wb.sheet(SheetHistory)
	n := historyWidth(res)
	names := []string{figures.Handle.Label(p)}
	for i := 1; i <= n; i++ {
		names = append(names, p.T("sheet.history.followers", "n", strconv.Itoa(i)))
	}
	for i := 1; i <= n; i++ {
		names = append(names, p.T("sheet.history.follower_er", "n", strconv.Itoa(i)))
	}
	sw, err := wb.f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", headerRow(names, wb.st.header)); err != nil {
		return err
	}
	row := make([]any, 1+2*n)
	for i := range res.Accounts {
		a := &res.Accounts[i]
		clear(row)
		row[0] = wb.st.text(a.Handle)
		for j, pt := range historyPoints(a, res.Config) {
			row[1+j], row[1+n+j] = count(pt.Followers), fraction(pt.FollowerER)
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return wb.f.SetSheetVisible(sheet, false)
}

// historyWidth is the most snapshots any account shows.
func historyWidth(res *scoring.Result) int {
	n := 1
	for i := range res.Accounts {
		n = max(n, len(historyPoints(&res.Accounts[i], res.Config)))
	}
	return n
}

// addTrendSparklines draws, from column first (1-based) on, each account's followers and follower ER over its snapshots in the
// Accounts sheet's trend columns, from its row of the History sheet. The StreamWriter cannot
// write sparklines, so excelize's AddSparkline draws them on a scratch sheet and sortedZip
// moves them into Accounts (extFilter).
func addTrendSparklines(wb *workbook, first int) error {
	res := wb.r.Result
	history := quoteSheet(wb.sheet(SheetHistory))
	n := historyWidth(res)
	var groups []*excelize.SparklineOptions
	for k, from := range []int{2, 2 + n} {
		g := &excelize.SparklineOptions{Type: "line", Markers: true, Last: true}
		for i := range res.Accounts {
			points := len(historyPoints(&res.Accounts[i], res.Config))
			if points == 0 {
				continue
			}
			loc, _ := excelize.CoordinatesToCellName(first+k, i+2)
			a, _ := excelize.CoordinatesToCellName(from, i+2)
			b, _ := excelize.CoordinatesToCellName(from+points-1, i+2)
			g.Location, g.Range = append(g.Location, loc), append(g.Range, history+"!"+a+":"+b)
		}
		if len(g.Location) > 0 {
			groups = append(groups, g)
		}
	}
	if len(groups) == 0 {
		return nil
	}
	ext, err := sparklineExt(groups)
	if err != nil {
		return err
	}
	wb.ext[wb.parts[wb.sheet(SheetAccounts)]] = ext
	return nil
}
