package report

import (
	"math"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/scoring"
)

// insightColumns are the Insights sheet's columns by their catalog keys (insight.sheet.*),
// after the rank and the handle: one row per trait compared, the batch's first. The traits'
// codes are in summary.json and posts.csv; the sheet names them in words.
var insightColumns = []string{
	"trait", "with_posts", "with_median", "without_posts", "without_median", "median_ratio", "within", "creators", "higher", "words",
}

// insightWordsWidth is the width of the Insights sheet's last column, the batch's comparisons
// in words, which wrap.
const insightWordsWidth = 90

// writeInsightsSheet lists what goes with a higher view ER (issue 21): over the whole batch
// first, with how many creators do better with each trait and the comparison in words, then
// each account's comparisons in rank order. It says what goes together, never what causes
// what. An account's rows carry no sentence: at 20,000 accounts their 80,000 sentences were
// 6 MB of a workbook SPEC holds to 25 (the page's detail says each in words).
//
// The sheet is written in three steps: begin (its stream and header, in the workbook's
// goroutine), rows (which touch nothing but its own stream writer, so buildWorkbook writes them
// beside the other sheets), and finish (its table, in the workbook's goroutine again).
func beginInsightsSheet(wb *workbook) (*insightsSheet, error) {
	res, st, p := wb.r.Result, wb.st, wb.p
	cfg := &res.Config
	cols := []column{{name: figures.Rank.Label(p), width: 8, style: st.count}, {name: figures.Handle.Label(p), width: 24}}
	for _, k := range insightColumns {
		n := p.T("insight.sheet." + k)
		cols = append(cols, column{name: n, width: float64(len([]rune(n))) + 4})
	}
	cols[2].width = 26
	cols[3].style, cols[5].style, cols[9].style, cols[10].style = st.count, st.count, st.count, st.count
	cols[4].style, cols[6].style = st.percent, st.percent
	cols[7].style = st.ratio
	cols[11].width, cols[11].style = insightWordsWidth, st.wrap
	names := make([]string, len(scoring.Traits()))
	for _, t := range scoring.Traits() {
		names[t] = figures.TraitName(t, cfg, p)
	}
	yes, no := p.T("word.yes"), p.T("word.no")
	yesNo := func(b bool) string {
		if b {
			return yes
		}
		return no
	}
	sheet := wb.sheet(SheetInsights)
	sw, err := streamSheet(wb, sheet, cols, 3)
	if err != nil {
		return nil, err
	}
	return &insightsSheet{wb: wb, sw: sw, body: wb.rowsOf(sheet, cols), name: sheet, cols: len(cols), names: names, yes: yes, no: no, yesNo: yesNo}, nil
}

// insightsSheet is the Insights sheet between begin and finish.
type insightsSheet struct {
	wb      *workbook
	sw      *excelize.StreamWriter // the header and the table
	body    *sheetRows             // the rows after it
	name    string
	cols, n int // its columns, and the row last written
	names   []string
	yes, no string
	yesNo   func(bool) string
}

// rows writes the sheet's rows: the batch's first, then each account's in rank order.
func (s *insightsSheet) rows() error {
	res, st, p, rows, names, yesNo := s.wb.r.Result, s.wb.st, s.wb.p, s.body, s.names, s.yesNo
	cfg := &res.Config
	n := 1
	row := make([]any, s.cols)
	put := func(rank any, handle any, in scoring.Insight, creators, higher any, words string) error {
		n++
		row[0], row[1], row[2] = rank, handle, names[in.Trait]
		row[3], row[4], row[5], row[6] = in.With.Posts, medianCell(in.With.Median), in.Without.Posts, medianCell(in.Without.Median)
		row[7], row[8], row[9], row[10] = ratioCell(in.Ratio), yesNo(in.WithinSpread), creators, higher
		row[11] = nil
		if words != "" {
			row[11] = words
		}
		return rows.add(n, row, wrappedHeight(words, insightWordsWidth))
	}
	all := p.T("insight.all_creators")
	for _, b := range res.Insights {
		if err := put(nil, all, b.Insight, b.Creators, b.Higher, figures.BatchInsightWords(b, cfg, p)); err != nil {
			return err
		}
	}
	for i := range res.Accounts {
		a := &res.Accounts[i]
		handle := st.text(a.Handle)
		for _, in := range a.Insights {
			if err := put(i+1, handle, in, nil, nil, ""); err != nil {
				return err
			}
		}
	}
	s.n = n
	return nil
}

// finish adds the sheet's table and flushes it.
func (s *insightsSheet) finish() error { return finishTable(s.sw, tableName(s.name), s.cols, s.n) }

// medianCell is an insight's median as the sheet stores it: a fraction to eight decimals, as
// the Videos sheet stores a view ER (shown to two; every digit in summary.json). The floats
// in full were half the sheet's size at 20,000 accounts.
func medianCell(r scoring.Rate) any {
	if !r.OK {
		return nil
	}
	return ViewERCell(r.Value)
}

// ratioCell is a ratio of medians to four decimals (shown to two), or an empty cell when there
// is none.
func ratioCell(r scoring.Rate) any {
	if !r.OK {
		return nil
	}
	return math.Round(r.Value*1e4) / 1e4
}
