package report

import (
	"strings"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// The PDF's shortlist: what a client reads to the end, whatever the batch's size.
const (
	// pdfShortlistRows is the most accounts the shortlist lists: at 20,000 accounts it is the
	// firm PASS accounts at the top of the ranking and the worst of the others, in three pages.
	pdfShortlistRows = 60
	// pdfCreators is the most creators the PDF gives a section of their own, taken from the
	// shortlist in the same shares.
	pdfCreators = 20
)

// pdfShares are the parts of the shortlist (and of the creators' sections) each verdict gets
// when there are more accounts than rows: half the rows for PASS, a quarter each for REVIEW and
// FAIL; rows a verdict leaves unused go to the others.
var pdfShares = []struct {
	v     scoring.Verdict
	share int // of 4
}{{scoring.Pass, 2}, {scoring.Review, 1}, {scoring.Fail, 1}}

// shortlist is what the PDF lists: indexes into the result's accounts, in rank order.
type shortlist struct {
	rows     []int
	creators []int
	left     map[scoring.Verdict]int // accounts of each verdict the shortlist leaves out
	unrated  int
}

// shortlistOf picks the shortlist: of each verdict, its first accounts in rank order (firm ones
// first, as the ranking has them), within its share of pdfShortlistRows. A discovery list (a
// sample, every account unrated) is the top of its ranking.
func shortlistOf(res *scoring.Result) shortlist {
	l := shortlist{left: map[scoring.Verdict]int{}}
	if res.Kind == scoring.Sample {
		n := min(len(res.Accounts), pdfShortlistRows)
		for i := range n {
			l.rows = append(l.rows, i)
		}
		l.creators = l.rows[:min(n, pdfCreators)]
		l.left[scoring.Unrated] = len(res.Accounts) - n
		return l
	}
	byVerdict := map[scoring.Verdict][]int{}
	for i := range res.Accounts {
		v := res.Accounts[i].Verdict
		byVerdict[v] = append(byVerdict[v], i)
	}
	l.unrated = len(byVerdict[scoring.Unrated])
	have := make([]int, len(pdfShares))
	for k, s := range pdfShares {
		have[k] = len(byVerdict[s.v])
	}
	rows, creators := allot(pdfShortlistRows, have), allot(pdfCreators, have)
	for k, s := range pdfShares {
		l.rows = append(l.rows, byVerdict[s.v][:rows[k]]...)
		l.left[s.v] = have[k] - rows[k]
		l.creators = append(l.creators, byVerdict[s.v][:creators[k]]...)
	}
	return l // PASS, REVIEW, FAIL: the ranking's own order
}

// allot shares n places among groups that have have[k] candidates each, by pdfShares; what a
// group cannot use goes to the groups after it, then before it.
func allot(n int, have []int) []int {
	got := make([]int, len(have))
	total := 0
	for _, s := range pdfShares {
		total += s.share
	}
	left := n
	for k, s := range pdfShares {
		got[k] = min(have[k], n*s.share/total)
		left -= got[k]
	}
	for left > 0 {
		gave := false
		for k := range got {
			if left > 0 && got[k] < have[k] {
				got[k]++
				left--
				gave = true
			}
		}
		if !gave {
			break
		}
	}
	return got
}

// shortlistFigures are the shortlist's columns, with their widths as shares of the page's
// width: the figure table writes their labels and values.
var shortlistFigures = []struct {
	f     *figures.Figure
	width float64
}{
	{figures.Rank, 0.05}, {figures.Handle, 0.18}, {figures.Verdict, 0.12}, {figures.Confidence, 0.10},
	{figures.Followers, 0.10}, {figures.FollowerER, 0.08}, {figures.MedianViewER, 0.08}, {figures.Reason, 0.29},
}

// shortlist writes the shortlist's table: one row per account, never split across pages, the
// header again on each page; then what is left out, and where it is.
func (d *pdfDoc) shortlist(l shortlist) {
	f, p, res := d.f, d.p, d.res
	d.heading(d.text("pdf.shortlist.heading"))
	intro := "pdf.shortlist.intro"
	if res.Kind == scoring.Sample {
		intro = "pdf.shortlist.intro_sample"
	}
	d.para(p.T(intro, "rows", p.Int(pdfShortlistRows)), 9)
	if len(l.rows) == 0 {
		d.para(p.T("pdf.shortlist.none"), 9.5)
	}
	ctx := &figures.Context{Result: res, P: p}
	const size, lh = 7.5, 3.6
	header := func() {
		d.font("B", size)
		f.SetFillColor(235, 238, 242)
		y := f.GetY()
		x := pdfMargin
		h := 0.0
		for _, c := range shortlistFigures {
			w := c.width * d.width
			h = max(h, float64(len(f.SplitText(d.g.clean(c.f.Label(p)), w-1.5)))*lh+1.5)
		}
		for _, c := range shortlistFigures {
			w := c.width * d.width
			f.SetXY(x, y)
			f.Rect(x, y, w, h, "F")
			f.MultiCell(w, lh, d.g.clean(c.f.Label(p)), "", alignOf(c.f), false)
			x += w
		}
		f.SetY(y + h)
	}
	if len(l.rows) > 0 {
		header()
	}
	for n, i := range l.rows {
		a := &res.Accounts[i]
		ctx.Rank = i + 1
		cells := make([]string, len(shortlistFigures))
		h := 0.0
		d.font("", size)
		for k, c := range shortlistFigures {
			cells[k] = d.g.clean(c.f.Format(p, c.f.Value(a, ctx)))
			h = max(h, float64(len(f.SplitText(cells[k], c.width*d.width-1.5)))*lh+1.2)
		}
		if d.keep(h) {
			header()
			d.font("", size)
		}
		y := f.GetY()
		if n%2 == 1 {
			f.SetFillColor(248, 249, 251)
			f.Rect(pdfMargin, y, d.width, h, "F")
		}
		x := pdfMargin
		for k, c := range shortlistFigures {
			w := c.width * d.width
			f.SetXY(x, y+0.6)
			switch c.f {
			case figures.Handle:
				f.SetTextColor(21, 101, 192)
				link, _ := linkable(ingest.ProfileURL(a.Handle))
				f.CellFormat(w, lh, cells[k], "", 0, "L", false, 0, link)
				f.SetTextColor(0, 0, 0)
			case figures.Verdict:
				d.verdictMark(a.Verdict, lh)
				f.MultiCell(w-4, lh, cells[k], "", "L", false)
			default:
				f.MultiCell(w, lh, cells[k], "", alignOf(c.f), false)
			}
			x += w
		}
		f.SetY(y + h)
	}
	f.Ln(3)
	for _, s := range pdfShares {
		if n := l.left[s.v]; n > 0 {
			d.para(p.PluralT(int64(n), "pdf.shortlist.left_out", "verdict", verdictWord(p, s.v),
				"workbook", WorkbookFile, "sheet", SheetAccounts.Name(p)), 9)
		}
	}
	if res.Kind == scoring.Sample && l.left[scoring.Unrated] > 0 {
		d.para(p.PluralT(int64(l.left[scoring.Unrated]), "pdf.shortlist.left_out", "verdict", "",
			"workbook", WorkbookFile, "sheet", SheetAccounts.Name(p)), 9)
	}
	if l.unrated > 0 {
		d.para(p.PluralT(int64(l.unrated), "pdf.shortlist.unrated"), 9)
	}
}

// alignOf aligns numbers right and words left, as the workbook does.
func alignOf(f *figures.Figure) string {
	if f.Numeric() && f != figures.Rank {
		return "R"
	}
	return "L"
}

// oneLine is s on one line, for a cell.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// creators writes a section on each of the shortlist's first creators.
func (d *pdfDoc) creators(l shortlist) {}
