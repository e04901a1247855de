package report

import (
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// AccountColumns are the Accounts sheet's headers, in order; BaselineColumns follow them when
// the run compared with a baseline.
var AccountColumns = []string{
	"Rank", "Handle", "Followers", "Tier", "Posts in window", "Follower ER", "Median view ER",
	"Pooled view ER", "Benchmark", "Ratio", "Grade", "Verdict", "Signals", "Reason",
	"Days since last post", "Rounded counts", "Notes",
}

// BaselineColumns are the changes since --baseline's report: the follower change in accounts
// and as a share of then, the follower ER's change in percentage points, and the verdict then
// ("new" for an account the baseline did not have).
var BaselineColumns = []string{"Δ followers", "Δ followers %", "Δ follower ER", "Previous verdict"}

// accountVerdictCol is the Verdict column (1-based), coloured by conditional formats.
const accountVerdictCol = 12

func accountColumns(st styles, withBaseline bool) []column {
	names := AccountColumns
	if withBaseline {
		names = append(slices.Clip(names), BaselineColumns...)
	}
	cols := make([]column, len(names))
	for i, n := range names {
		cols[i] = column{name: n, width: float64(len(n)) + 4} // room for the filter button
	}
	cols[2].style = st.count
	for _, i := range []int{5, 6, 7, 8} {
		cols[i].style = st.percent
	}
	cols[9].style = st.ratio
	if withBaseline {
		base := len(AccountColumns)
		cols[base].style, cols[base+1].style, cols[base+2].style = st.delta, st.deltaPercent, st.points
	}
	return cols
}

func writeAccountsSheet(wb *workbook) error {
	res, st := wb.r.Result, wb.st
	cols := accountColumns(st, res.HasBaseline)
	fitWidths(cols, func(yield func(int, string)) {
		for i := range res.Accounts {
			a := &res.Accounts[i]
			yield(1, a.Handle)
			yield(3, tierOf(a))
			yield(12, signalCodes(a.Signals))
			yield(13, a.Reason)
			yield(16, notes(a))
		}
	})
	sw, err := streamSheet(wb, SheetAccounts, cols)
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
		row := accountRow(i+1, a, handle)
		if res.HasBaseline {
			row = append(row, baselineCells(a)...)
		}
		if err := sw.SetRow(ref, row); err != nil {
			return err
		}
	}
	last := len(res.Accounts) + 1
	col, _ := excelize.ColumnNumberToName(accountVerdictCol)
	if err := verdictFormats(wb, SheetAccounts, col+"2:"+col+strconv.Itoa(max(last, 2))); err != nil {
		return err
	}
	return finishTable(sw, tableName(SheetAccounts), len(cols), last)
}

func accountRow(rank int, a *scoring.Account, handle any) []any {
	var tier, benchmark, days, ratio any
	if a.HasTier {
		tier, benchmark = a.Tier.Name, a.Tier.Benchmark/100
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
	return []any{
		rank, handle, count(a.Followers), tier, a.Window,
		fraction(a.FollowerER), fraction(a.MedianViewER), fraction(a.PooledViewER), benchmark, ratio,
		string(a.Grade), a.Verdict.String(), signalCodes(a.Signals), a.Reason, days, rounded,
		notes(a),
	}
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
		share = c.FollowersPercent.Value / 100
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

func signalCodes(ss []scoring.Signal) string {
	codes := make([]string, len(ss))
	for i, s := range ss {
		codes[i] = s.Code
	}
	return strings.Join(codes, ", ")
}

func notes(a *scoring.Account) string {
	var ns []string
	for _, n := range []string{a.FollowersNote, a.WindowNote} {
		if n != "" {
			ns = append(ns, n)
		}
	}
	return strings.Join(ns, "; ")
}

// VideoColumns are the Videos sheets' headers, in order.
var VideoColumns = []string{
	"Account", "Video ID", "Posted at", "Views", "Likes", "Comments", "Shares", "Saves",
	"View ER", "Above platform ER", "In window", "URL", "Caption", "File", "Line",
}

// videoURLCol is the URL column, by number and by name.
const (
	videoURLCol  = 12
	videoURLName = "L"
)

func videoColumns(st styles) []column {
	widths := []float64{22, 22, 17, 12, 11, 11, 10, 10, 10, 12, 10, 50, 60, 24, 8}
	cols := make([]column, len(VideoColumns))
	for i, n := range VideoColumns {
		cols[i] = column{name: n, width: widths[i]}
	}
	cols[2].style = st.date
	for i := 3; i <= 7; i++ {
		cols[i].style = st.count
	}
	cols[8].style = st.percent
	return cols
}

func postCount(res *scoring.Result) int {
	n := 0
	for i := range res.Accounts {
		n += len(res.Accounts[i].Posts)
	}
	return n
}

// videoSheetNames are the sheets the posts need: Videos, then Videos (2), … past Excel's rows.
func videoSheetNames(posts int) []string {
	names := []string{SheetVideos}
	for n := maxSheetRows - 1; n < posts; n += maxSheetRows - 1 {
		names = append(names, SheetVideos+" ("+strconv.Itoa(len(names)+1)+")")
	}
	return names
}

// writeVideosSheets streams every post, one row each, reusing one row slice: at a million
// posts this is most of a run's writing.
func writeVideosSheets(wb *workbook, sheets []string) error {
	res, st := wb.r.Result, wb.st
	cfg := res.Config
	cols := videoColumns(st)
	row := make([]any, len(VideoColumns))
	var sw *excelize.StreamWriter
	var links *sheetLinks
	sheet, n := -1, maxSheetRows // n: the row last written on the current sheet
	finish := func() error {
		if sw == nil {
			return nil
		}
		return finishTable(sw, tableName(sheets[sheet]), len(cols), n)
	}
	for i := range res.Accounts {
		a := &res.Accounts[i]
		handle := st.text(a.Handle)
		for j := range a.Posts {
			if n == maxSheetRows {
				if err := finish(); err != nil {
					return err
				}
				sheet++
				var err error
				if sw, err = streamSheet(wb, sheets[sheet], cols); err != nil {
					return err
				}
				links, n = wb.linksOf(sheets[sheet]), 1
			}
			n++
			p := &a.Posts[j]
			videoRow(row, p, handle, j < a.Window, cfg, st)
			u := videoURL(p, a.Handle)
			row[videoURLCol-1] = st.text(u)
			if !links.full() { // past Excel's limit the URL stays plain text
				if u, ok := linkable(u); ok {
					links.add(videoURLName+strconv.Itoa(n), u)
					row[videoURLCol-1] = excelize.Cell{StyleID: st.link, Value: u}
				}
			}
			// "A"+n, not CoordinatesToCellName: at a million rows its checks cost a second.
			if err := sw.SetRow("A"+strconv.Itoa(n), row); err != nil {
				return err
			}
		}
	}
	if sw == nil { // no posts: the header alone
		var err error
		if sw, err = streamSheet(wb, sheets[0], cols); err != nil {
			return err
		}
		sheet, n = 0, 1
	}
	return finish()
}

func videoRow(row []any, p *ingest.Post, handle any, inWindow bool, cfg scoring.Config, st styles) {
	er := scoring.ViewER(*p, cfg.IncludeSaves)
	above := ""
	if er.OK {
		above = "no"
		if er.Value > cfg.PlatformViewER {
			above = "yes"
		}
	}
	var posted any
	if !p.PostedAt.IsZero() {
		posted = p.PostedAt
	}
	window := "no"
	if inWindow {
		window = "yes"
	}
	row[0], row[1], row[2] = handle, st.text(p.VideoID), posted
	row[3], row[4], row[5], row[6], row[7] = count(p.Views), count(p.Likes), count(p.Comments), count(p.Shares), count(p.Saves)
	row[8], row[9], row[10] = fraction(er), above, window
	row[12], row[13], row[14] = st.text(p.Caption), st.text(p.File), p.Line // row[11]: the URL, set by the caller
}

// videoURL is the post's link: its URL, else one made from the handle and a numeric video ID.
func videoURL(p *ingest.Post, handle string) string {
	if u := p.VideoURL(); u != "" {
		return u
	}
	if p.VideoID == "" || strings.Trim(p.VideoID, "0123456789") != "" {
		return ""
	}
	return profileURL(handle) + "/video/" + p.VideoID
}

// tableName is a sheet's table name: letters, digits and _ only, and unlike any sheet name or
// cell reference ("Videos (2)" → "tblVideos_2").
func tableName(sheet string) string {
	return "tbl" + strings.NewReplacer(" ", "", "(", "_", ")", "").Replace(sheet)
}

// SignalColumns are the Signals sheet's headers: one row per signal raised.
//
// When scoring's signals carry their numbers as fields (value, threshold), they go after
// "Detail" as columns of their own.
var SignalColumns = []string{"Rank", "Handle", "Signal", "Verdict", "Detail", "Account verdict", "Reason"}

func writeSignalsSheet(wb *workbook) error {
	res, st := wb.r.Result, wb.st
	cols := make([]column, len(SignalColumns))
	for i, n := range SignalColumns {
		cols[i] = column{name: n, width: float64(len(n)) + 4}
	}
	fitWidths(cols, func(yield func(int, string)) {
		for i := range res.Accounts {
			a := &res.Accounts[i]
			for _, s := range a.Signals {
				yield(1, a.Handle)
				yield(2, s.Code)
				yield(4, s.Detail)
				yield(6, a.Reason)
			}
		}
	})
	sw, err := streamSheet(wb, SheetSignals, cols)
	if err != nil {
		return err
	}
	n := 1
	for i := range res.Accounts {
		a := &res.Accounts[i]
		for _, s := range a.Signals {
			n++
			ref, _ := excelize.CoordinatesToCellName(1, n)
			row := []any{i + 1, st.text(a.Handle), s.Code, s.Verdict.String(), s.Detail, a.Verdict.String(), a.Reason}
			if err := sw.SetRow(ref, row); err != nil {
				return err
			}
		}
	}
	for _, col := range []string{"D", "F"} {
		if err := verdictFormats(wb, SheetSignals, col+"2:"+col+strconv.Itoa(max(n, 2))); err != nil {
			return err
		}
	}
	return finishTable(sw, tableName(SheetSignals), len(cols), n)
}

// RejectedColumns are the Rejected sheet's headers, in order.
var RejectedColumns = []string{"File", "Line", "Column", "Value", "Reason"}

func writeRejectedSheet(wb *workbook) error {
	rejected, st := wb.r.Batch.Rejected, wb.st
	cols := make([]column, len(RejectedColumns))
	for i, n := range RejectedColumns {
		cols[i] = column{name: n, width: float64(len(n)) + 4}
	}
	fitWidths(cols, func(yield func(int, string)) {
		for i := range rejected {
			e := &rejected[i]
			yield(0, e.File)
			yield(2, e.Column)
			yield(3, e.Value)
			yield(4, e.Reason)
		}
	})
	sw, err := streamSheet(wb, SheetRejected, cols)
	if err != nil {
		return err
	}
	for i := range rejected {
		e := &rejected[i]
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(ref, []any{st.text(e.File), e.Line, st.text(e.Column), st.text(e.Value), e.Reason}); err != nil {
			return err
		}
	}
	return finishTable(sw, tableName(SheetRejected), len(cols), len(rejected)+1)
}
