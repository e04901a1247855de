package report

import (
	"math"
	"net/url"
	"unicode/utf8"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// A creator's section of the PDF: what the page's detail of the account shows, on paper.

// creatorHidden are the detail's figures a creator's section shows in its own way (its heading,
// its axes), not among the key figures.
var creatorHidden = map[*figures.Figure]bool{
	figures.Rank: true, figures.Handle: true, figures.Verdict: true, figures.Confidence: true, figures.Reason: true,
}

// creators writes a section on each of the shortlist's first creators. Measuring, it starts
// each on a page of its own and records its height; else it starts one on the page under way
// when its measured height fits there, and records the page it starts on.
func (d *pdfDoc) creators(l shortlist, measure bool) {
	if len(l.creators) == 0 {
		return
	}
	d.heading(d.text("pdf.creator.heading"))
	d.para(d.p.T("pdf.creator.intro", "n", d.p.Int(len(l.creators))), 9)
	ctx := &figures.Context{Result: d.res, P: d.p}
	figs := figures.In(figures.Detail, d.res)
	for n, i := range l.creators {
		ctx.Rank = i + 1
		switch {
		case measure && n > 0:
			d.f.AddPage()
		case n > 0:
			d.keep(d.heights[i])
		}
		page, y := d.f.PageNo(), d.f.GetY()
		d.creator(&d.res.Accounts[i], ctx, figs)
		d.pages[i] = page
		if measure {
			d.heights[i] = d.f.GetY() - y
			if d.f.PageNo() != page {
				d.heights[i] = 1000 // longer than a page: it starts where it is
			}
		}
	}
}

// creator writes one account's section.
func (d *pdfDoc) creator(a *scoring.Account, ctx *figures.Context, figs []*figures.Figure) {
	f, p := d.f, d.p
	f.Ln(2)
	y := f.GetY()
	f.SetDrawColor(200, 205, 212)
	f.Line(pdfMargin, y, pdfMargin+d.width, y)
	f.Ln(2)
	handle := d.clean(a.Handle)
	f.Bookmark(handle, 1, -1)
	d.font("B", 13)
	rank := "#" + p.Int(ctx.Rank)
	f.CellFormat(f.GetStringWidth(rank)+2, 7, rank, "", 0, "L", false, 0, "")
	f.SetTextColor(21, 101, 192)
	link, _ := linkable(ingest.ProfileURL(a.Handle))
	hw := min(f.GetStringWidth(handle)+3, d.width-60)
	f.CellFormat(hw, 7, handle, "", 0, "L", false, 0, link)
	f.SetTextColor(0, 0, 0)
	d.font("B", 10)
	d.verdictMark(a.Verdict, 7)
	f.CellFormat(0, 7, d.clean(verdictWord(p, a.Verdict)+" · "+figures.Confidence.Format(p, figures.Confidence.Value(a, ctx))), "", 1, "L", false, 0, "")
	if r := p.SayAll(a.Reason); r != "" {
		d.para(capitalised(r)+".", 8.5)
	}
	d.axes(a, ctx)
	d.keyFigures(a, ctx, figs)
	d.signals(a)
	d.bestPosts(a)
}

// axes says where the account stands on both axes: its follower ER against its tier's
// benchmark, and its posts' median view ER against the platform average.
func (d *pdfDoc) axes(a *scoring.Account, ctx *figures.Context) {
	p := d.p
	d.small(d.text("pdf.creator.axes"))
	show := func(fig *figures.Figure) string { return fig.Format(p, fig.Value(a, ctx)) }
	var lines []string
	if v := figures.FollowerER.Value(a, ctx); v.OK && a.HasTier {
		lines = append(lines, p.T("pdf.creator.follower_axis", "label", figures.FollowerER.Label(p), "er", show(figures.FollowerER), "tier_name", show(figures.Tier),
			"benchmark", show(figures.Benchmark), "times", show(figures.Ratio)))
	} else {
		lines = append(lines, figures.FollowerER.Label(p)+": "+naWhy(p.T("word.na"), v.NA))
	}
	if v := figures.MedianViewER.Value(a, ctx); v.OK {
		lines = append(lines, p.T("pdf.creator.view_axis", "label", figures.MedianViewER.Label(p), "er", show(figures.MedianViewER), "platform", p.Percent(d.res.Config.PlatformViewER, 2)))
	} else {
		lines = append(lines, figures.MedianViewER.Label(p)+": "+naWhy(p.T("word.na"), v.NA))
	}
	d.font("", 8.5)
	for _, l := range lines {
		d.f.CellFormat(d.width, 4.2, d.clean(l), "", 1, "L", false, 0, "")
	}
}

// naWhy is n/a with why, when there is something to say.
func naWhy(na, why string) string {
	if why == "" {
		return na
	}
	return na + " — " + why
}

// small is a small bold heading inside a creator's section.
func (d *pdfDoc) small(s string) {
	d.keep(10)
	d.f.Ln(0.8)
	d.font("B", 8.5)
	d.f.CellFormat(d.width, 4.4, s, "", 1, "L", false, 0, "")
}

// keyFigures are the detail's figures in two columns of label and value, and beside them the
// chart of the posts' view ER: one block, kept on one page.
func (d *pdfDoc) keyFigures(a *scoring.Account, ctx *figures.Context, figs []*figures.Figure) {
	f, p := d.f, d.p
	type pair struct {
		label, value string
		long         bool // words that may be cut (the hashtags, a note) rather than the labels
	}
	var pairs []pair
	for _, fig := range figs {
		if creatorHidden[fig] {
			continue
		}
		v := fig.Value(a, ctx)
		t := fig.Format(p, v)
		if v.OK && t == "" {
			continue // no hashtags: nothing to say
		}
		pairs = append(pairs, pair{d.clean(fig.Label(p)), d.clean(t), fig.Unit == figures.List || fig.Unit == figures.Text})
	}
	for _, n := range []lang.Msg{a.FollowersNote, a.WindowNote, a.PinnedNote} {
		if !n.IsZero() {
			pairs = append(pairs, pair{d.text("page.js.detail.note"), d.clean(p.Say(n)), true})
		}
	}
	const cols, lh, head = 2, 3.3, 5.2
	figsW := d.width * 0.64
	colW := figsW / cols
	rows := (len(pairs) + cols - 1) / cols
	h := float64(rows) * lh
	d.keep(head + max(h, 30) + 1)
	f.Ln(0.8)
	top := f.GetY()
	d.font("B", 8.5)
	f.CellFormat(figsW, 4.4, d.text("pdf.creator.figures"), "", 0, "L", false, 0, "")
	f.SetXY(pdfMargin+figsW+4, top)
	chart := d.text("pdf.creator.chart")
	for size := 8.0; f.GetStringWidth(chart) > d.width-figsW-6 && size >= 6.5; size -= 0.5 {
		d.font("B", size) // the chart's heading in a size its column holds
	}
	f.CellFormat(d.width-figsW-4, 4.4, fit(f.GetStringWidth, chart, d.width-figsW-6), "", 0, "L", false, 0, "")
	y := top + head
	d.font("", 7)
	// Each column's labels as wide as its widest, unless a number needs the room; a long value
	// (the hashtags, a note) is cut to what is left.
	labelW, valueW := make([]float64, cols), make([]float64, cols)
	for k, pr := range pairs {
		labelW[k/rows] = max(labelW[k/rows], f.GetStringWidth(pr.label)+3)
		if !pr.long {
			valueW[k/rows] = max(valueW[k/rows], f.GetStringWidth(pr.value)+4)
		}
	}
	for c := range labelW {
		labelW[c] = min(labelW[c], colW-valueW[c])
	}
	for k, pr := range pairs {
		col, row := k/rows, k%rows
		x := pdfMargin + float64(col)*colW
		f.SetXY(x, y+float64(row)*lh)
		f.SetTextColor(90, 90, 90)
		for size := 6.5; f.GetStringWidth(pr.label) > labelW[col]-2 && size >= 5.5; size -= 0.5 {
			d.font("", size) // a long label in a smaller size rather than cut
		}
		f.CellFormat(labelW[col], lh, fit(f.GetStringWidth, pr.label, labelW[col]-2), "", 0, "L", false, 0, "")
		d.font("", 7)
		f.SetTextColor(0, 0, 0)
		vw := colW - labelW[col] - 2
		f.CellFormat(vw, lh, fit(f.GetStringWidth, pr.value, vw-2), "", 0, "R", false, 0, "")
	}
	chartH := max(h, 30) - 6
	d.postsChart(a, pdfMargin+figsW+4, y, d.width-figsW-4, chartH)
	f.SetXY(pdfMargin, y+max(h, chartH+6)+1)
}

// fit cuts s to what width w holds, with an ellipsis.
func fit(width func(string) float64, s string, w float64) string {
	if width(s) <= w+0.01 { // a text measured for this width fits it, whatever the rounding
		return s
	}
	r := []rune(s)
	for len(r) > 1 && width(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// signals lists the account's signals with their evidence.
func (d *pdfDoc) signals(a *scoring.Account) {
	f, p := d.f, d.p
	d.small(d.text("pdf.creator.signals"))
	if len(a.Signals) == 0 {
		d.para(p.T("pdf.creator.no_signals"), 8.5)
		return
	}
	for _, s := range a.Signals {
		name := signalName(p, s.Code)
		text := name
		if plain := p.Say(s.Plain); plain != "" {
			text += ": " + plain
		}
		d.font("", 8.5)
		d.keep(float64(len(f.SplitText(d.clean(text), d.width-4))) * 4)
		f.SetX(pdfMargin + 2)
		f.MultiCell(d.width-2, 4, "• "+d.clean(text), "", "L", false)
	}
	f.Ln(1)
}

// bestPosts lists the window's best posts by view ER, each linked to its video.
func (d *pdfDoc) bestPosts(a *scoring.Account) {
	f, p := d.f, d.p
	d.small(d.text("pdf.creator.best_posts"))
	if len(a.TopPosts) == 0 {
		d.para(p.T("pdf.creator.no_best_posts"), 8.5)
		return
	}
	for k, t := range a.TopPosts {
		day := p.T("page.js.detail.undated")
		if !t.PostedAt.IsZero() {
			day = p.Date(t.PostedAt)
		}
		views := p.T("word.na")
		switch {
		case !t.Views.Known():
		case t.Rounded:
			views = p.Approx(int64(t.Views))
		default:
			views = p.Count(int64(t.Views))
		}
		er := p.T("word.na")
		if t.ViewER.OK && !math.IsInf(t.ViewER.Value, 0) && !math.IsNaN(t.ViewER.Value) {
			er = p.Percent(t.ViewER.Value, 2)
		}
		words := d.clean(p.Int(k+1) + ". " + p.T("page.js.detail.best_post", "day", day, "views", views, "er", er))
		link, ok := linkable(ingest.VideoLink(a.Handle, t.VideoID))
		f.SetX(pdfMargin + 2)
		d.font("", 8.5)
		ww := min(f.GetStringWidth(words)+3, d.width-2)
		f.CellFormat(ww, 4.2, fit(f.GetStringWidth, words, ww), "", 0, "L", false, 0, link)
		if ok { // the address itself, for a reader on paper: whole, on the next line when it does not fit
			d.font("", 7)
			f.SetTextColor(21, 101, 192)
			shown := d.clean(shownURL(link))
			if f.GetStringWidth(shown)+3 > d.width-2-ww {
				f.Ln(-1)
				f.SetX(pdfMargin + 6)
			}
			f.CellFormat(f.GetStringWidth(shown)+3, 4.2, shown, "", 0, "L", false, 0, link)
			f.SetTextColor(0, 0, 0)
		}
		f.Ln(4.2)
	}
	f.Ln(1)
}

// shownURL is an address as a reader reads it: a handle's letters, not their percent-encoding.
func shownURL(u string) string {
	if s, err := url.PathUnescape(u); err == nil && utf8.ValidString(s) {
		return s
	}
	return u
}

// postsChart draws the view ER of each dated post of the window, oldest to newest, as bars
// in the box at x, y of w × h, with the platform average as a dashed red line.
func (d *pdfDoc) postsChart(a *scoring.Account, x, y, w, h float64) {
	f, p, cfg := d.f, d.p, d.res.Config
	series := postSeries(a, cfg.IncludeSaves)
	if len(series) == 0 {
		d.font("", 8)
		f.SetXY(x, y)
		f.MultiCell(w, 4, d.text("pdf.creator.no_chart"), "", "L", false)
		return
	}
	const axis = 12.0
	top := cfg.PlatformViewER
	for _, s := range series {
		top = max(top, s[1])
	}
	top = evenTop(niceCeil(top * 1.05)) // two significant figures: 24%, 3.6%
	x0, y0 := x+axis, y+1
	bars := min(w-axis, float64(len(series))*8)
	d.font("", 6.5)
	f.SetTextColor(90, 90, 90)
	f.SetDrawColor(180, 180, 180)
	f.SetLineWidth(0.2)
	for _, tick := range []float64{0, top / 2, top} {
		ty := y0 + h - tick/top*h
		f.Line(x0, ty, x0+bars, ty)
		f.SetXY(x, ty-1.5)
		f.CellFormat(axis-1, 3, p.Percent(tick, decimalsFor(top)), "", 0, "R", false, 0, "")
	}
	slot := bars / float64(len(series))
	d.fill("#5470c6")
	for k, s := range series {
		bh := max(0, s[1]) / top * h
		f.Rect(x0+float64(k)*slot+slot*0.15, y0+h-bh, slot*0.7, bh, "F")
	}
	py := y0 + h - cfg.PlatformViewER/top*h
	f.SetDrawColor(198, 40, 40)
	f.SetLineWidth(0.35)
	f.SetDashPattern([]float64{1.2, 0.8}, 0)
	f.Line(x0, py, x0+bars, py)
	f.SetDashPattern([]float64{}, 0)
	f.SetTextColor(198, 40, 40)
	f.SetXY(x0, y0+h+1)
	f.CellFormat(bars, 3, d.text("pdf.creator.chart_platform", "er", p.Percent(cfg.PlatformViewER, 2)), "", 0, "L", false, 0, "")
	f.SetTextColor(0, 0, 0)
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.2)
}

// evenTop rounds a chart's top up so that half of it is written as exactly as the top is
// (decimalsFor): 23% → 24%, so the middle tick says 12%, not 11.5% rounded.
func evenTop(top float64) float64 {
	step := 2.0 // whole percents
	switch dec := decimalsFor(top); dec {
	case 1:
		step = 0.2
	case 2:
		step = 0.02
	}
	return math.Ceil(top/step-1e-9) * step
}

// decimalsFor is how many decimals a chart's ticks up to top need.
func decimalsFor(top float64) int {
	switch {
	case top >= 20:
		return 0
	case top >= 2:
		return 1
	}
	return 2
}
