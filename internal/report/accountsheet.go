package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/scoring"
)

// AccountColumns are the Accounts sheet's headers, in order; HistoryColumns follow them when
// the run had a history, and BaselineColumns last when it compared with a baseline.
var AccountColumns = []string{
	"Rank", "Handle", "Followers", "Tier", "Posts in window", "Follower ER", "Median view ER",
	"Pooled view ER", "Benchmark", "Ratio", "Grade", "Verdict", "Confidence", "Signals", "Reason",
	"Days since last post", "Rounded counts",
	"Posts behind follower ER", "Posts behind view ER", "Pinned posts left out",
	"Median views", "Average views", "Views per follower", "Posts per week",
	"Sponsored posts", "Sponsored share", "Paid post performance", "Save rate", "Share rate",
	"Price", "CPE", "CPM", "Top hashtags", "Notes",
}

// The Accounts sheet's columns by their place (0-based) in AccountColumns.
const (
	colHandle = 1
	colTier   = 3
	// accountVerdictCol is the Verdict column (1-based), coloured by conditional formats.
	accountVerdictCol = 12
	colSignals        = 13
	colReason         = 14
	colMedianViews    = 20
	colHashtags       = 32
	colNotes          = 33
)

// HistoryColumns are each account's trend over the history's snapshots: sparklines of its
// followers and follower ER (drawn from the hidden History sheet) and its verdicts in words.
var HistoryColumns = []string{"Followers trend", "Follower ER trend", "Verdicts over time"}

// BaselineColumns are the changes since --baseline's report: the follower change in accounts
// and as a share of then, the follower ER's change in percentage points, and the verdict then
// ("new" for an account the baseline did not have).
var BaselineColumns = []string{"Δ followers", "Δ followers %", "Δ follower ER", "Previous verdict"}

func accountColumns(st styles, withHistory, withBaseline bool) []column {
	names := slices.Clip(AccountColumns)
	if withHistory {
		names = append(names, HistoryColumns...)
	}
	if withBaseline {
		names = append(names, BaselineColumns...)
	}
	cols := make([]column, len(names))
	for i, n := range names {
		cols[i] = column{name: n, width: float64(len([]rune(n))) + 4} // room for the filter button
	}
	formats := map[string]int{
		"Rank": st.count, "Followers": st.count, "Posts in window": st.count, "Follower ER": st.percent,
		"Median view ER": st.percent, "Pooled view ER": st.percent, "Benchmark": st.percent, "Ratio": st.ratio,
		"Reason": st.wrap, "Days since last post": st.count, "Posts behind follower ER": st.count,
		"Posts behind view ER": st.count, "Pinned posts left out": st.count, "Median views": st.count,
		"Average views": st.count, "Views per follower": st.percent, "Posts per week": st.decimal,
		"Sponsored posts": st.count, "Sponsored share": st.percent, "Paid post performance": st.ratio,
		"Save rate": st.percent, "Share rate": st.percent, "Price": st.money, "CPE": st.money, "CPM": st.money,
	}
	for i := range cols {
		cols[i].style = formats[cols[i].name]
	}
	if withHistory {
		h := len(AccountColumns)
		cols[h].width, cols[h+1].width = 18, 18
	}
	if withBaseline {
		base := len(names) - len(BaselineColumns)
		cols[base].style, cols[base+1].style, cols[base+2].style = st.delta, st.deltaPercent, st.points
	}
	return cols
}

func writeAccountsSheet(wb *workbook) error {
	res, st := wb.r.Result, wb.st
	cols := accountColumns(st, hasTrends(res), res.HasBaseline)
	fitWidths(cols, func(yield func(int, string)) {
		for i := range res.Accounts {
			a := &res.Accounts[i]
			yield(colHandle, a.Handle)
			yield(colTier, tierOf(a))
			yield(colSignals, signalNames(a.Signals))
			yield(colHashtags, hashtags(a.TopHashtags))
			yield(colNotes, accountNotes(a))
		}
	})
	cols[colReason].width = 60 // wrapped: the row grows instead
	sw, err := streamSheet(wb, SheetAccounts, cols, 2)
	if err != nil {
		return err
	}
	// Printed one page wide, all the columns would be too small to read: a printout holds the
	// verdict's columns, Rank to Reason; the buyer's figures after them stay on screen and in
	// accounts.csv.
	last, _ := excelize.ColumnNumberToName(colReason + 1)
	err = wb.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Area", RefersTo: SheetAccounts + "!$A:$" + last, Scope: SheetAccounts,
	})
	if err != nil {
		return err
	}
	links := wb.linksOf(SheetAccounts)
	for i := range res.Accounts {
		a := &res.Accounts[i]
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		handle := st.text(a.Handle)
		if u, ok := linkable(profileURL(a.Handle)); ok {
			ref, _ := excelize.CoordinatesToCellName(2, i+2)
			if links.add(ref, u) {
				handle = excelize.Cell{StyleID: st.link, Value: cellText(handle)}
			}
		}
		row := accountRow(i+1, a, handle, st)
		if hasTrends(res) {
			row = append(row, nil, nil, verdictsOverTime(historyPoints(a, res.Config)))
		}
		if res.HasBaseline {
			row = append(row, baselineCells(a)...)
		}
		if err := sw.SetRow(ref, row); err != nil {
			return err
		}
	}
	lastRow := len(res.Accounts) + 1
	col, _ := excelize.ColumnNumberToName(accountVerdictCol)
	if err := verdictFormats(wb, SheetAccounts, col+"2:"+col+strconv.Itoa(max(lastRow, 2))); err != nil {
		return err
	}
	if hasTrends(res) {
		if err := addTrendSparklines(wb); err != nil {
			return err
		}
	}
	return finishTable(sw, tableName(SheetAccounts), len(cols), lastRow)
}

func accountRow(rank int, a *scoring.Account, handle any, st styles) []any {
	var tier, benchmark, days, ratio any
	if a.HasTier {
		tier, benchmark = a.Tier.Name, percentFraction(a.Tier.Benchmark)
	}
	if a.DaysSinceLast >= 0 {
		days = a.DaysSinceLast
	}
	if a.Ratio.OK {
		ratio = a.Ratio.Value
	}
	rounded := ""
	if a.Rounded {
		rounded = "yes"
	}
	na := func(m scoring.Metric, value func(float64) any) any {
		if !m.OK || math.IsNaN(m.Value) || math.IsInf(m.Value, 0) { // no number a cell can hold
			return excelize.Cell{StyleID: st.na, Value: "n/a"}
		}
		return value(m.Value)
	}
	plain := func(v float64) any { return v }
	percent := func(v float64) any { return percentFraction(v) }
	views := func(v float64) any {
		if a.Rounded && v >= 1_000 {
			return excelize.Cell{StyleID: st.approx, Value: v}
		}
		return v
	}
	return []any{
		rank, handle, approxCount(a.Followers, a.Rounded, st), tier, a.Window,
		fraction(a.FollowerER), fraction(a.MedianViewER), fraction(a.PooledViewER), benchmark, ratio,
		string(a.Grade), a.Verdict.String(), string(a.Confidence), signalNames(a.Signals),
		excelize.Cell{StyleID: st.wrap, Value: a.Reason}, days, rounded,
		a.FollowerERPosts, a.ViewERPosts, a.PinnedOut,
		na(a.MedianViews, views), na(a.AvgViews, views), na(a.ViewRate, percent), na(a.PostsPerWeek, plain),
		a.SponsoredPosts, na(a.SponsoredShare, percent), na(a.PaidERRatio, plain),
		na(a.SaveRate, percent), na(a.ShareRate, percent),
		na(a.Price, plain), na(a.CPE, plain), na(a.CPM, plain),
		st.text(hashtags(a.TopHashtags)), accountNotes(a),
	}
}

// buyerMetrics are the Accounts sheet's metrics that may be n/a, by the name the notes give.
func buyerMetrics(a *scoring.Account) []struct {
	name string
	m    scoring.Metric
} {
	return []struct {
		name string
		m    scoring.Metric
	}{
		{"median views", a.MedianViews}, {"average views", a.AvgViews}, {"views per follower", a.ViewRate},
		{"posts per week", a.PostsPerWeek}, {"sponsored share", a.SponsoredShare},
		{"paid post performance", a.PaidERRatio}, {"save rate", a.SaveRate}, {"share rate", a.ShareRate},
		{"price", a.Price}, {"CPE", a.CPE}, {"CPM", a.CPM},
	}
}

// accountNotes are what the account's row needs said: where its follower count came from, how
// its window was chosen, and why each metric that is n/a is (metrics sharing a reason named
// together: "price, CPE, CPM n/a: no price given").
func accountNotes(a *scoring.Account) string {
	var ns []string
	for _, n := range []string{a.FollowersNote, a.WindowNote} {
		if n != "" {
			ns = append(ns, n)
		}
	}
	var reasons []string
	named := map[string][]string{}
	for _, bm := range buyerMetrics(a) {
		if bm.m.OK || bm.m.NA == "" {
			continue
		}
		if named[bm.m.NA] == nil {
			reasons = append(reasons, bm.m.NA)
		}
		named[bm.m.NA] = append(named[bm.m.NA], bm.name)
	}
	for _, r := range reasons {
		ns = append(ns, strings.Join(named[r], ", ")+" n/a: "+r)
	}
	return strings.Join(ns, "; ")
}

// hashtags are the account's top hashtags as a client reads them: "#grwm #travel".
func hashtags(tags []string) string {
	var b strings.Builder
	for i, t := range tags {
		if i > 0 {
			b.WriteByte(' ')
		}
		if !strings.HasPrefix(t, "#") {
			b.WriteByte('#')
		}
		b.WriteString(t)
	}
	return b.String()
}

// baselineCells are an account's BaselineColumns.
func baselineCells(a *scoring.Account) []any {
	if a.New || a.Change == nil {
		return []any{nil, nil, nil, "new"}
	}
	c := a.Change
	var followers, share, er any
	if c.FollowersDelta != nil {
		followers = *c.FollowersDelta
	}
	if c.FollowersPercent.OK {
		share = percentFraction(c.FollowersPercent.Value)
	}
	if c.FollowerERDelta.OK {
		er = c.FollowerERDelta.Value
	}
	return []any{followers, share, er, c.Before.Verdict.String()}
}

// cellText is the string inside a value made by styles.text.
func cellText(v any) string {
	if c, ok := v.(excelize.Cell); ok {
		return c.Value.(string)
	}
	return v.(string)
}

// signalNames are an account's signals in words, for the client: codes stay in summary.json,
// the CSVs and the Signals sheet's Code column.
func signalNames(ss []scoring.Signal) string {
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = scoring.SignalName(s.Code)
	}
	return strings.Join(names, "; ")
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

func verdictsOverTime(ps []scoring.Point) string {
	vs := make([]string, len(ps))
	for i, p := range ps {
		vs[i] = p.Verdict.String()
	}
	return strings.Join(vs, " → ")
}

// writeHistorySheet writes the hidden sheet the trend sparklines draw: row i+2 holds account
// i's followers (from column B) and then its follower ERs, oldest first, one column a snapshot.
func writeHistorySheet(wb *workbook) error {
	res := wb.r.Result
	n := historyWidth(res)
	names := []string{"Handle"}
	for i := 1; i <= n; i++ {
		names = append(names, fmt.Sprintf("Followers %d", i))
	}
	for i := 1; i <= n; i++ {
		names = append(names, fmt.Sprintf("Follower ER %d", i))
	}
	sw, err := wb.f.NewStreamWriter(SheetHistory)
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
		for j, p := range historyPoints(a, res.Config) {
			row[1+j], row[1+n+j] = count(p.Followers), fraction(p.FollowerER)
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return wb.f.SetSheetVisible(SheetHistory, false)
}

// historyWidth is the most snapshots any account shows.
func historyWidth(res *scoring.Result) int {
	n := 1
	for i := range res.Accounts {
		n = max(n, len(historyPoints(&res.Accounts[i], res.Config)))
	}
	return n
}

// addTrendSparklines draws each account's followers and follower ER over its snapshots in the
// Accounts sheet's trend columns, from its row of the History sheet. The StreamWriter cannot
// write sparklines, so excelize's AddSparkline draws them on a scratch sheet and sortedZip
// moves them into Accounts (extFilter).
func addTrendSparklines(wb *workbook) error {
	res := wb.r.Result
	n := historyWidth(res)
	first := len(AccountColumns) + 1
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
			g.Location, g.Range = append(g.Location, loc), append(g.Range, SheetHistory+"!"+a+":"+b)
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
	wb.ext[wb.parts[SheetAccounts]] = ext
	return nil
}

// signalCodes are the signals' codes, comma-separated (the page's table shows them).
func signalCodes(ss []scoring.Signal) string {
	codes := make([]string, len(ss))
	for i, s := range ss {
		codes[i] = s.Code
	}
	return strings.Join(codes, ", ")
}
