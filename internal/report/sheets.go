package report

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// videoColumnKeys are the Videos sheets' columns, in order, by their catalog keys
// (sheet.videos.<key>). The Video ID links to the video; the URL, the file and line each post
// came from and the whole caption are in posts.csv: at 200,000 posts each of them cost
// megabytes and seconds of opening time.
var videoColumnKeys = []string{
	"account", "video_id", "posted_at", "views", "likes", "comments", "shares", "saves",
	"view_er", "above_platform", "in_window", "caption",
}

// VideoHeaders are the Videos sheets' headers in p's language.
func VideoHeaders(p *lang.Printer) []string {
	out := make([]string, len(videoColumnKeys))
	for i, k := range videoColumnKeys {
		out[i] = p.T("sheet.videos." + k)
	}
	return out
}

// videoLinkCol is the Video ID column, which links to the video, by number and by name.
const (
	videoLinkCol  = 2
	videoLinkName = "B"
)

// videoCaption is as much of a caption as Videos shows; posts.csv has it whole.
const videoCaption = 100

func videoColumns(st styles, p *lang.Printer) []column {
	widths := []float64{22, 22, 17, 12, 11, 11, 10, 10, 10, 18, 10, 60}
	cols := make([]column, len(videoColumnKeys))
	for i, n := range VideoHeaders(p) {
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
func videoSheetNames(posts, sheetRows int, p *lang.Printer) []string {
	first := SheetVideos.Name(p)
	names := []string{first}
	for n := sheetRows - 1; n < posts; n += sheetRows - 1 {
		names = append(names, p.T("sheet.name.more", "sheet", first, "n", strconv.Itoa(len(names)+1)))
	}
	return names
}

// writeVideosSheets streams the posts the plan lists, one row each, reusing one row slice: at
// a hundred thousand posts this is most of a run's writing.
func writeVideosSheets(wb *workbook, sheets []string) error {
	res, st, maxRows := wb.r.Result, wb.st, wb.lim.sheetRows
	cfg := res.Config
	cols := videoColumns(st, wb.p)
	yes, no := wb.p.T("word.yes"), wb.p.T("word.no")
	row := make([]any, len(cols))
	var sw *excelize.StreamWriter
	var links *sheetLinks
	var rows *sheetRows
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
				rows = wb.rowsOf(sheets[sheet], cols)
			}
			n++
			p := &a.Posts[j]
			videoRow(row, p, res.Texts, handle, j < a.Window, cfg, st, yes, no)
			if !links.full() { // past the sheet's limit the ID stays plain text
				if u, ok := linkable(ingest.VideoLink(a.Handle, res.Texts.Of(p.VideoID))); ok {
					links.add(videoLinkName+strconv.Itoa(n), u)
					row[videoLinkCol-1] = excelize.Cell{StyleID: st.link, Value: res.Texts.Of(p.VideoID)}
				}
			}
			if err := rows.add(n, row, 0); err != nil { // captions do not wrap: one line a post
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

// videoRow fills row with a post's cells; yes and no are the reader's words for them.
func videoRow(row []any, p *ingest.Post, ts *ingest.Texts, handle any, inWindow bool, cfg scoring.Config, st styles, yes, no string) {
	er := scoring.ViewER(*p, cfg.IncludeSaves)
	var erCell any
	above := ""
	if er.OK {
		erCell = ViewERCell(er.Value)
		above = no
		if er.Value > cfg.PlatformViewER {
			above = yes
		}
	}
	var posted any
	if !p.PostedAt.IsZero() {
		posted = p.PostedAt.Time()
	}
	window := no
	if inWindow {
		window = yes
	}
	row[0], row[1], row[2] = handle, st.text(ts.Of(p.VideoID)), posted
	row[3], row[4], row[5] = approxCount(p.Views, p.Rounded, st), approxCount(p.Likes, p.Rounded, st), approxCount(p.Comments, p.Rounded, st)
	row[6], row[7] = approxCount(p.Shares, p.Rounded, st), approxCount(p.Saves, p.Rounded, st)
	row[8], row[9], row[10] = erCell, above, window
	row[11] = st.text(VideoCaption(ts.Of(p.Caption)))
}

// ViewERCell is a view ER (percent) as the Videos sheet stores it: a fraction to eight
// decimals (8.165479%), which the sheet shows to two; posts.csv has every digit. Half the
// digits of the float make a fifth of the sheet's compressed size.
func ViewERCell(percent float64) float64 { return math.Round(percent*1e6) / 1e8 }

// VideoCaption is a caption as the Videos sheet shows it: its first 100 characters, the cut
// marked with "…"; posts.csv has it whole.
func VideoCaption(s string) string { return lang.Cut(s, videoCaption) }

// tableName is a sheet's table name: its letters and digits, "(" as _ ("Videos (2)" →
// "tblVideos_2", "Video's (2)" → "tblVideos_2"), so unlike any sheet name or cell reference.
func tableName(sheet string) string {
	var b strings.Builder
	b.WriteString("tbl")
	for _, r := range sheet {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '(':
			b.WriteByte('_')
		}
	}
	return b.String()
}

// signalColumns are the Signals sheet's headers: one row per signal raised, named in words
// with its code beside it (the code summary.json and signals.csv use), the numbers that raised
// it in words and as the measured value against its threshold.
func signalColumns(p *lang.Printer) []string {
	h := func(key string) string { return p.T("sheet.signals." + key) }
	return []string{
		figures.Rank.Label(p), figures.Handle.Label(p), h("signal"), h("code"), h("signal_verdict"), h("detail"), h("means"),
		h("measured"), h("threshold"), h("account_verdict"), figures.Reason.Label(p),
	}
}

func writeSignalsSheet(wb *workbook) error {
	res, st, p := wb.r.Result, wb.st, wb.p
	names := signalColumns(p)
	cols := make([]column, len(names))
	for i, n := range names {
		cols[i] = column{name: n, width: float64(len([]rune(n))) + 4}
	}
	cols[0].style, cols[7].style, cols[8].style = st.count, st.decimal2, st.decimal2
	fitWidths(cols, func(yield func(int, string)) {
		for i := range res.Accounts {
			a := &res.Accounts[i]
			for _, s := range a.Signals {
				yield(1, a.Handle)
				yield(2, figures.Signals.CodeWords(p, s.Code))
				yield(3, s.Code)
				yield(5, p.Say(s.Detail))
				yield(6, p.Say(s.Plain))
			}
		}
	})
	cols[10].width, cols[10].style = 60, st.wrap
	sheet := wb.sheet(SheetSignals)
	sw, err := streamSheet(wb, sheet, cols, 2)
	if err != nil {
		return err
	}
	n := 1
	for i := range res.Accounts {
		a := &res.Accounts[i]
		var reason string
		if len(a.Signals) > 0 {
			reason = p.SayAll(a.Reason)
		}
		for _, s := range a.Signals {
			n++
			row := []any{
				i + 1, st.text(a.Handle), figures.Signals.CodeWords(p, s.Code), s.Code, verdictWord(p, s.Verdict), p.Say(s.Detail), p.Say(s.Plain),
				s.Value, s.Limit, verdictWord(p, a.Verdict), excelize.Cell{StyleID: st.wrap, Value: reason},
			}
			height := excelize.RowOpts{Height: wrappedHeight(reason, cols[10].width)}
			if err := sw.SetRow("A"+strconv.Itoa(n), row, height); err != nil {
				return err
			}
		}
	}
	for _, col := range []string{"E", "J"} {
		if err := verdictFormats(wb, sheet, col+"2:"+col+strconv.Itoa(max(n, 2))); err != nil {
			return err
		}
	}
	return finishTable(sw, tableName(sheet), len(cols), n)
}

// rejectedColumns are the Rejected sheet's columns, by their catalog keys (sheet.rejected.*).
var rejectedColumns = []string{"file", "line", "column", "value", "problem"}

func writeRejectedSheet(wb *workbook) error {
	rejected, st := wb.r.Batch.Rejected, wb.st
	cols := make([]column, len(rejectedColumns))
	for i, k := range rejectedColumns {
		n := wb.p.T("sheet.rejected." + k)
		cols[i] = column{name: n, width: float64(len([]rune(n))) + 4}
	}
	cols[1].style = st.count
	reasons := make([]string, len(rejected))
	for i := range rejected {
		reasons[i] = wb.p.Say(rejected[i].Reason)
	}
	fitWidths(cols, func(yield func(int, string)) {
		for i := range rejected {
			e := &rejected[i]
			yield(0, fileName(e.File))
			yield(2, e.Column)
			yield(3, e.Value)
			yield(4, reasons[i])
		}
	})
	sheet := wb.sheet(SheetRejected)
	sw, err := streamSheet(wb, sheet, cols, 0)
	if err != nil {
		return err
	}
	for i := range rejected {
		e := &rejected[i]
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(ref, []any{st.text(fileName(e.File)), e.Line, st.text(e.Column), st.text(e.Value), reasons[i]}); err != nil {
			return err
		}
	}
	return finishTable(sw, tableName(sheet), len(cols), len(rejected)+1)
}
