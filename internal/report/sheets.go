package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// VideoColumns are the Videos sheets' headers, in order. The Video ID links to the video;
// the URL, the file and line each post came from and the whole caption are in posts.csv: at
// 200,000 posts each of them cost megabytes and seconds of opening time.
var VideoColumns = []string{
	"Account", "Video ID", "Posted at", "Views", "Likes", "Comments", "Shares", "Saves",
	"View ER", "Above platform ER", "In window", "Caption",
}

// videoLinkCol is the Video ID column, which links to the video, by number and by name.
const (
	videoLinkCol  = 2
	videoLinkName = "B"
)

// videoCaption is as much of a caption as Videos shows; posts.csv has it whole.
const videoCaption = 100

func videoColumns(st styles) []column {
	widths := []float64{22, 22, 17, 12, 11, 11, 10, 10, 10, 18, 10, 60}
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

// videoPlan is which posts the Videos sheets list: every post used, or each account's newest
// perAccount (its window, or fewer when the windows alone would not fit).
type videoPlan struct {
	all        bool
	perAccount int
	rows       int // the posts listed
	posts      int // the posts used
}

// planVideos decides what Videos holds: every post when the batch is small enough, else the
// posts the verdicts rest on (each account's window), cut evenly when even those would be too
// many. posts.csv holds every post either way.
func planVideos(res *scoring.Result, lim limits) videoPlan {
	p := videoPlan{posts: postCount(res)}
	if p.posts <= lim.allPosts {
		p.all, p.rows = true, p.posts
		return p
	}
	windows := 0
	for i := range res.Accounts {
		windows += res.Accounts[i].Window
	}
	p.perAccount = res.Config.WindowPosts
	if windows > lim.videoRows {
		p.perAccount = max(1, lim.videoRows/len(res.Accounts))
	}
	for i := range res.Accounts {
		p.rows += p.listed(&res.Accounts[i])
	}
	return p
}

// listed is how many of the account's posts (newest first) Videos lists.
func (p videoPlan) listed(a *scoring.Account) int {
	if p.all {
		return len(a.Posts)
	}
	return min(a.Window, p.perAccount)
}

// videoSheetNames are the sheets the posts need: Videos, then Videos (2), … past the row limit.
func videoSheetNames(posts, sheetRows int) []string {
	names := []string{SheetVideos}
	for n := sheetRows - 1; n < posts; n += sheetRows - 1 {
		names = append(names, SheetVideos+" ("+strconv.Itoa(len(names)+1)+")")
	}
	return names
}

// writeVideosSheets streams the posts the plan lists, one row each, reusing one row slice: at
// a hundred thousand posts this is most of a run's writing.
func writeVideosSheets(wb *workbook, sheets []string) error {
	res, st, maxRows := wb.r.Result, wb.st, wb.lim.sheetRows
	cfg := res.Config
	cols := videoColumns(st)
	row := make([]any, len(VideoColumns))
	var sw *excelize.StreamWriter
	var links *sheetLinks
	sheet, n := -1, maxRows // n: the row last written on the current sheet
	finish := func() error {
		if sw == nil {
			return nil
		}
		return finishTable(sw, tableName(sheets[sheet]), len(cols), n)
	}
	for i := range res.Accounts {
		a := &res.Accounts[i]
		handle := st.text(a.Handle)
		for j := range wb.plan.listed(a) {
			if n == maxRows {
				if err := finish(); err != nil {
					return err
				}
				sheet++
				var err error
				if sw, err = streamSheet(wb, sheets[sheet], cols, 1); err != nil {
					return err
				}
				links, n = wb.linksOf(sheets[sheet]), 1
			}
			n++
			p := &a.Posts[j]
			videoRow(row, p, handle, j < a.Window, cfg, st)
			if !links.full() { // past the sheet's limit the ID stays plain text
				if u, ok := linkable(ingest.VideoLink(a.Handle, p.VideoID)); ok {
					links.add(videoLinkName+strconv.Itoa(n), u)
					row[videoLinkCol-1] = excelize.Cell{StyleID: st.link, Value: p.VideoID}
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
		if sw, err = streamSheet(wb, sheets[0], cols, 1); err != nil {
			return err
		}
		sheet, n = 0, 1
	}
	return finish()
}

func videoRow(row []any, p *ingest.Post, handle any, inWindow bool, cfg scoring.Config, st styles) {
	er := scoring.ViewER(*p, cfg.IncludeSaves)
	var erCell any
	above := ""
	if er.OK {
		erCell = ViewERCell(er.Value)
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
	row[3], row[4], row[5] = approxCount(p.Views, p.Rounded, st), approxCount(p.Likes, p.Rounded, st), approxCount(p.Comments, p.Rounded, st)
	row[6], row[7] = approxCount(p.Shares, p.Rounded, st), approxCount(p.Saves, p.Rounded, st)
	row[8], row[9], row[10] = erCell, above, window
	row[11] = st.text(VideoCaption(p.Caption))
}

// ViewERCell is a view ER (percent) as the Videos sheet stores it: a fraction to eight
// decimals (8.165479%), which the sheet shows to two; posts.csv has every digit. Half the
// digits of the float make a fifth of the sheet's compressed size.
func ViewERCell(percent float64) float64 { return math.Round(percent*1e6) / 1e8 }

// VideoCaption is a caption as the Videos sheet shows it: its first 100 characters, the cut
// marked with "…"; posts.csv has it whole.
func VideoCaption(s string) string { return cutText(s, videoCaption) }

// cutText cuts s to at most n characters, marking the cut with "…".
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// tableName is a sheet's table name: letters, digits and _ only, and unlike any sheet name or
// cell reference ("Videos (2)" → "tblVideos_2").
func tableName(sheet string) string {
	return "tbl" + strings.NewReplacer(" ", "", "(", "_", ")", "").Replace(sheet)
}

// SignalColumns are the Signals sheet's headers: one row per signal raised, named in words
// with its code beside it (the code summary.json and signals.csv use), the numbers that raised
// it in words and as the measured value against its threshold.
var SignalColumns = []string{
	"Rank", "Handle", "Signal", "Code", "Verdict", "Detail", "What it may mean", "Measured",
	"Threshold", "Account verdict", "Reason",
}

func writeSignalsSheet(wb *workbook) error {
	res, st := wb.r.Result, wb.st
	cols := make([]column, len(SignalColumns))
	for i, n := range SignalColumns {
		cols[i] = column{name: n, width: float64(len([]rune(n))) + 4}
	}
	cols[0].style, cols[7].style, cols[8].style = st.count, st.decimal2, st.decimal2
	fitWidths(cols, func(yield func(int, string)) {
		for i := range res.Accounts {
			a := &res.Accounts[i]
			for _, s := range a.Signals {
				yield(1, a.Handle)
				yield(2, scoring.SignalName(s.Code))
				yield(3, s.Code)
				yield(5, s.Detail)
				yield(6, s.Plain)
			}
		}
	})
	cols[10].width, cols[10].style = 60, st.wrap
	sw, err := streamSheet(wb, SheetSignals, cols, 2)
	if err != nil {
		return err
	}
	n := 1
	for i := range res.Accounts {
		a := &res.Accounts[i]
		for _, s := range a.Signals {
			n++
			row := []any{
				i + 1, st.text(a.Handle), scoring.SignalName(s.Code), s.Code, s.Verdict.String(), s.Detail, s.Plain,
				s.Value, s.Limit, a.Verdict.String(), excelize.Cell{StyleID: st.wrap, Value: a.Reason},
			}
			if err := sw.SetRow("A"+strconv.Itoa(n), row); err != nil {
				return err
			}
		}
	}
	for _, col := range []string{"E", "J"} {
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
	cols[1].style = st.count
	fitWidths(cols, func(yield func(int, string)) {
		for i := range rejected {
			e := &rejected[i]
			yield(0, fileName(e.File))
			yield(2, e.Column)
			yield(3, e.Value)
			yield(4, e.Reason)
		}
	})
	sw, err := streamSheet(wb, SheetRejected, cols, 0)
	if err != nil {
		return err
	}
	for i := range rejected {
		e := &rejected[i]
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(ref, []any{st.text(fileName(e.File)), e.Line, st.text(e.Column), st.text(e.Value), e.Reason}); err != nil {
			return err
		}
	}
	return finishTable(sw, tableName(SheetRejected), len(cols), len(rejected)+1)
}
