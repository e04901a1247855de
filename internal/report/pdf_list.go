package report

import (
	"slices"
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

// shortlistFigures are the shortlist's columns: the figure table writes their labels and
// values. Each is as wide as its longest word or value (the handle and the numbers never wrap);
// the reason takes the rest of the line.
var shortlistFigures = []*figures.Figure{
	figures.Rank, figures.Handle, figures.Verdict, figures.Followers,
	figures.FollowerER, figures.MedianViewER, figures.Reason,
}

// shortlistSize and shortlistLine are the table's type size and line height.
const shortlistSize, shortlistLine = 7.5, 3.5

// shortlist writes the shortlist's table: one row per account, never split across pages, the
// header again on each page, and the page of each creator's section; then what is left out,
// and where it is.
func (d *pdfDoc) shortlist(l shortlist) {
	f, p, res := d.f, d.p, d.res
	d.heading(d.text("pdf.shortlist.heading"))
	intro := "pdf.shortlist.intro"
	switch {
	case res.Kind == scoring.Sample && len(l.rows) == len(res.Accounts):
		intro = "pdf.shortlist.intro_sample_all"
	case res.Kind == scoring.Sample:
		intro = "pdf.shortlist.intro_sample"
	}
	d.para(p.T(intro, "rows", p.Int(pdfShortlistRows)), 9)
	if len(l.rows) == 0 {
		d.para(p.T("pdf.shortlist.none"), 9.5)
	}
	detailed := map[int]bool{}
	for _, i := range l.creators {
		detailed[i] = true
	}
	ctx := &figures.Context{Result: res, P: p}
	labels := []string{}
	for _, fig := range shortlistFigures {
		label := fig.Label(p)
		if fig == figures.Verdict { // and its confidence, below it
			label += " · " + figures.Confidence.Label(p)
		}
		labels = append(labels, d.clean(label))
	}
	labels = append(labels, d.text("pdf.shortlist.page"))
	cells := make([][]string, len(l.rows))
	for n, i := range l.rows {
		ctx.Rank = i + 1
		for _, fig := range shortlistFigures {
			t := d.clean(fig.Format(p, fig.Value(&res.Accounts[i], ctx)))
			if fig == figures.Verdict {
				t += "\n" + d.clean(figures.Confidence.Format(p, figures.Confidence.Value(&res.Accounts[i], ctx)))
			}
			cells[n] = append(cells[n], t)
		}
		page := ""
		if detailed[i] {
			page = p.Int(d.pages[i]) // 0 the first time the document is set
		}
		cells[n] = append(cells[n], page)
	}
	widths := d.columnWidths(labels, cells)
	header := func() {
		f.SetFillColor(235, 238, 242)
		d.tableRow(labels, widths, "B", true, nil)
	}
	if len(l.rows) > 0 {
		header()
	}
	for n, i := range l.rows {
		a := &res.Accounts[i]
		if d.keep(d.rowHeight(cells[n], widths, "")) {
			header()
		}
		f.SetFillColor(248, 249, 251)
		d.tableRow(cells[n], widths, "", n%2 == 1, a)
	}
	f.Ln(3)
	for _, s := range pdfShares {
		if n := l.left[s.v]; n > 0 {
			d.para(p.PluralT(int64(n), "pdf.shortlist.left_out", "verdict_word", verdictWord(p, s.v),
				"workbook", WorkbookFile, "sheet", SheetAccounts.Name(p), "page", PageFile), 9)
		}
	}
	if res.Kind == scoring.Sample && l.left[scoring.Unrated] > 0 {
		d.para(p.PluralT(int64(l.left[scoring.Unrated]), "pdf.shortlist.left_out_sample",
			"workbook", WorkbookFile, "sheet", SheetAccounts.Name(p), "page", PageFile), 9)
	}
	if l.unrated > 0 {
		d.para(p.PluralT(int64(l.unrated), "pdf.shortlist.unrated"), 9)
	}
}

// columnWidths are the shortlist's column widths: each as wide as its widest value and its
// label's longest word, the reason (the one column that wraps) the rest of the line.
func (d *pdfDoc) columnWidths(labels []string, cells [][]string) []float64 {
	f := d.f
	pad := 2*f.GetCellMargin() + 0.5
	widths := make([]float64, len(labels))
	reason := slices.Index(shortlistFigures, figures.Reason)
	used := 0.0
	for k := range labels {
		if k == reason {
			continue
		}
		d.font("B", shortlistSize)
		for _, w := range strings.Fields(labels[k]) {
			widths[k] = max(widths[k], f.GetStringWidth(w)+pad)
		}
		d.font("", shortlistSize)
		for _, row := range cells {
			t := row[k]
			if k == len(shortlistFigures) && t != "" {
				t = "999" // a page number, not its alias
			}
			for _, line := range strings.Split(t, "\n") {
				widths[k] = max(widths[k], f.GetStringWidth(line)+pad)
			}
		}
		if k < len(shortlistFigures) && shortlistFigures[k] == figures.Verdict {
			widths[k] = min(widths[k]+4, 28) // its colour mark; a long confidence wraps
		}
		used += widths[k]
	}
	widths[reason] = max(d.width-used, d.width*0.25)
	if over := used + widths[reason] - d.width; over > 0 { // long handles: the others give way
		for k := range widths {
			if k != reason {
				widths[k] -= over * widths[k] / used
			}
		}
	}
	return widths
}

// alignAt aligns the shortlist's column k: numbers right, words left.
func alignAt(k int) string {
	if k < len(shortlistFigures) && shortlistFigures[k].Numeric() && shortlistFigures[k] != figures.Rank {
		return "R"
	}
	return "L"
}

// rowHeight is the height of a row of the shortlist in style ("" or "B" for the header).
func (d *pdfDoc) rowHeight(texts []string, widths []float64, style string) float64 {
	d.font(style, shortlistSize)
	h := 0.0
	for k, t := range texts {
		w := widths[k]
		if k < len(shortlistFigures) && shortlistFigures[k] == figures.Verdict {
			w -= 4
		}
		h = max(h, float64(len(d.f.SplitText(t, w)))*shortlistLine+1.2)
	}
	return h
}

// tableRow writes one row of the shortlist: the header (a nil account) or an account's, its
// handle linked to the profile and its verdict marked in its colour.
func (d *pdfDoc) tableRow(texts []string, widths []float64, style string, fill bool, a *scoring.Account) {
	f := d.f
	h := d.rowHeight(texts, widths, style)
	d.font(style, shortlistSize)
	y := f.GetY()
	if fill {
		f.Rect(pdfMargin, y, d.width, h, "F")
	}
	x := pdfMargin
	for k, t := range texts {
		f.SetXY(x, y+0.6)
		w := widths[k]
		var fig *figures.Figure
		if k < len(shortlistFigures) {
			fig = shortlistFigures[k]
		}
		switch {
		case a != nil && fig == figures.Handle:
			f.SetTextColor(21, 101, 192)
			link, _ := linkable(ingest.ProfileURL(a.Handle))
			f.MultiCell(w, shortlistLine, t, "", "L", false)
			if link != "" {
				f.LinkString(x, y, w, h, link)
			}
			f.SetTextColor(0, 0, 0)
		case a != nil && fig == figures.Verdict:
			d.verdictMark(a.Verdict, shortlistLine)
			f.MultiCell(w-4, shortlistLine, t, "", "L", false)
		default:
			f.MultiCell(w, shortlistLine, t, "", alignAt(k), false)
		}
		x += w
	}
	f.SetY(y + h)
}
