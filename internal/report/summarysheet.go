package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// sheetWriter writes rows one after another into an ordinary (non-stream) sheet.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	st    styles
	row   int
	err   error
}

// line writes a row. Every string in it, and every cell styles.text made (an excelize.Cell,
// which only a stream sheet takes as it is), is written by textCell: a string cell, never a
// formula nor the Go form of the struct ({15  =SUM(1)}).
func (w *sheetWriter) line(values ...any) {
	w.row++
	for col, v := range values {
		if w.err != nil {
			return
		}
		cell, _ := excelize.CoordinatesToCellName(col+1, w.row)
		switch v := v.(type) {
		case excelize.Cell:
			if s, ok := v.Value.(string); ok {
				w.err = w.textCell(cell, s)
				continue
			}
			w.err = w.f.SetCellValue(w.sheet, cell, v.Value)
		case string:
			w.err = w.textCell(cell, v)
		default:
			w.err = w.f.SetCellValue(w.sheet, cell, v)
		}
	}
}

// textCell is the one way a string reaches an ordinary sheet: cut to Excel's cell limit, written
// as a string cell, and given the Text format when a spreadsheet could take it for a formula (=,
// +, -, @ first), so that editing the cell keeps it text.
func (w *sheetWriter) textCell(cell, s string) error {
	s = lang.Cut(s, excelCellLimit)
	if err := w.f.SetCellStr(w.sheet, cell, s); err != nil || !risky(s) {
		return err
	}
	return w.f.SetCellStyle(w.sheet, cell, cell, w.st.textStyle)
}

// height sets the current row's height in points; 0 leaves the default.
func (w *sheetWriter) height(points float64) {
	if w.err != nil || points == 0 {
		return
	}
	w.err = w.f.SetRowHeight(w.sheet, w.row, points)
}

// style formats columns from..to of the current row.
func (w *sheetWriter) style(from, to, style int) {
	if w.err != nil {
		return
	}
	a, _ := excelize.CoordinatesToCellName(from, w.row)
	b, _ := excelize.CoordinatesToCellName(to, w.row)
	w.err = w.f.SetCellStyle(w.sheet, a, b, style)
}

func (w *sheetWriter) heading(title string, st styles) {
	w.line(title)
	w.style(1, 1, st.header)
}

// header writes a row of column headings.
func (w *sheetWriter) header(st styles, names ...any) {
	w.line(names...)
	w.style(1, len(names), st.header)
}

func writeSummarySheet(wb *workbook) error {
	f, r, st, p := wb.f, wb.r, wb.st, wb.p
	sheet := wb.sheet(SheetSummary)
	w := &sheetWriter{f: f, sheet: sheet, st: wb.st}
	res, b := r.Result, r.Batch
	label := func(key string) string { return p.T("sheet.summary." + key) }
	w.line(wb.title)
	w.style(1, 1, st.title)
	if c := strings.TrimSpace(r.Brand.Client); c != "" {
		w.line(label("prepared_for"), st.text(c))
	}
	w.line(label("generated"), p.DateTime(r.Generated))
	if !res.AsOf.IsZero() { // no post dated, no --as-of: no date to give
		w.line(label("as_of"), p.Date(res.AsOf))
	}
	w.line(label("accounts"), len(res.Accounts))
	w.style(2, 2, st.count)
	if res.Kind == scoring.Sample {
		w.line(label("discovery"), p.T("page.discovery", "accounts", p.Plural(int64(len(res.Accounts)), "account")))
	}
	w.line(label("posts"), reconciliation(b, p))
	w.line(p.T("sheet.summary.videos", "sheet", wb.sheet(SheetVideos)), videosNote(wb.plan, res, p))
	w.line()
	writeVerdictTable(w, res, st, p)
	if len(res.Warnings) > 0 {
		w.line()
		w.heading(label("batch"), st)
		w.header(st, label("what"), label("what_to_do"))
		for _, warn := range res.Warnings {
			w.line(p.Say(warn.Text), p.Say(warn.Fix))
		}
	}
	if said := b.Said(); len(said) > 0 { // lookalike handles, follower counts that disagree, mixed encodings, no caption column
		w.line()
		w.heading(label("reading"), st)
		for _, m := range said {
			w.line(p.Say(m))
		}
	}
	w.line()
	w.heading(label("inputs"), st)
	w.header(st, label("file"), label("format"), label("rows_read"), label("rejected"), label("duplicates"))
	for _, in := range b.Inputs {
		w.line(st.text(fileName(in.Name)), in.Format, in.Read, in.Rejected, in.Duplicates)
		w.style(3, 5, st.count)
	}
	if len(b.Skipped) > 0 {
		w.line()
		w.heading(label("not_read"), st)
		w.header(st, label("file"), label("why"))
		for _, sk := range b.Skipped {
			w.line(st.text(fileName(sk.Name)), st.text(p.Say(sk.Reason)))
		}
	}
	w.line()
	w.heading(label("per_tier"), st)
	tiers := tierNames(res.Config, p)
	w.header(st, append([]any{figures.Tier.Label(p)}, verdictHeaders(p)...)...)
	header := w.row
	counts := verdictsPerTier(res, p)
	for _, t := range tiers {
		row := []any{t}
		for _, v := range scoring.Verdicts() {
			row = append(row, counts[t][v])
		}
		w.line(row...)
		w.style(2, 5, st.count)
	}
	chartRows := [2]int{header, w.row}
	w.line()
	bench := res.Config.Benchmarks
	w.heading(p.T("sheet.summary.benchmarks", "name", figures.BenchmarkTitle(bench, p)), st)
	if src := figures.BenchmarkSource(bench, p); src != "" {
		w.line(label("source"), src)
	}
	w.header(st, figures.Tier.Label(p), label("from_followers"), label("benchmark_rate"))
	for _, t := range bench.Tiers {
		w.line(t.Name, t.Min, percentFraction(t.Benchmark))
		w.style(2, 2, st.count)
		w.style(3, 3, st.percent)
	}
	if res.HasBaseline {
		w.line()
		w.heading(label("baseline"), st)
		w.line(label("baseline_as_of"), p.Date(res.BaselineAsOf))
		w.line(label("new_accounts"), len(res.New), st.text(strings.Join(res.New, ", ")))
		w.style(2, 2, st.count)
		var gone []string
		for _, g := range res.Gone {
			gone = append(gone, g.Handle)
		}
		w.line(label("gone_accounts"), len(res.Gone), st.text(strings.Join(gone, ", ")))
		w.style(2, 2, st.count)
	}
	w.line()
	w.heading(label("thresholds"), st)
	w.header(st, label("setting"), label("value"), label("meaning"))
	for _, th := range thresholds(res.Config, p) {
		w.line(p.T("sheet.threshold."+th.key+".name"), th.value, p.T("sheet.threshold."+th.key+".means"))
		if th.style != nil {
			w.style(2, 2, th.style(st))
		}
	}
	if w.err != nil {
		return w.err
	}
	for i, width := range []float64{28, 44, 14, 12, 12, 12} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return err
		}
	}
	if err := addLogo(f, sheet, r.Brand); err != nil {
		return err
	}
	if err := wb.pageSetup(sheet, false); err != nil {
		return err
	}
	return addTierChart(f, sheet, chartRows, p)
}

// writeVerdictTable writes the accounts per verdict, split by confidence, as numbers.
func writeVerdictTable(w *sheetWriter, res *scoring.Result, st styles, p *lang.Printer) {
	confs := []scoring.Confidence{scoring.Firm, scoring.Borderline, scoring.Thin, scoring.NotRated}
	names := []any{figures.Verdict.Label(p), p.T("sheet.summary.accounts")}
	for _, c := range confs {
		names = append(names, capitalised(figures.Confidence.CodeWords(p, string(c))))
	}
	w.header(st, names...)
	counts := map[scoring.Verdict]map[scoring.Confidence]int{}
	for i := range res.Accounts {
		a := &res.Accounts[i]
		if counts[a.Verdict] == nil {
			counts[a.Verdict] = map[scoring.Confidence]int{}
		}
		counts[a.Verdict][a.Confidence]++
	}
	for _, v := range scoring.Verdicts() {
		row := []any{verdictWord(p, v), res.Count(v)}
		for _, c := range confs {
			row = append(row, counts[v][c])
		}
		w.line(row...)
		w.style(2, 2+len(confs), st.count)
	}
}

// videosNote says what the Videos sheet lists and where the rest of the posts are.
func videosNote(v videoPlan, res *scoring.Result, p *lang.Printer) string {
	if v.all {
		return p.T("sheet.videos_note.all", "posts", p.Plural(int64(v.posts), "post"))
	}
	key := "sheet.videos_note.windows"
	if v.perAccount < res.Config.WindowPosts {
		key = "sheet.videos_note.fewer"
	}
	return p.T(key, "posts", p.Plural(int64(v.perAccount), "post"), "rows", p.Int(v.rows), "total", p.Plural(int64(v.posts), "post"))
}

// addTierChart draws the verdicts-per-tier table (header row, last row) of sheet as a native
// stacked column chart beside it.
func addTierChart(f *excelize.File, sheet string, rows [2]int, p *lang.Printer) error {
	ref := quoteSheet(sheet)
	var series []excelize.ChartSeries
	for i, v := range scoring.Verdicts() {
		col, _ := excelize.ColumnNumberToName(i + 2)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", ref, col, rows[0]),
			Categories: fmt.Sprintf("%s!$A$%d:$A$%d", ref, rows[0]+1, rows[1]),
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", ref, col, rows[0]+1, col, rows[1]),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{verdictColours[v][1:]}},
		})
	}
	return f.AddChart(sheet, "G2", &excelize.Chart{
		Type: excelize.ColStacked, Series: series, VaryColors: ptr(false),
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: p.T("chart.tiers.title")}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 560, Height: 320},
	})
}

// tierNames are the tiers' names, and the words for accounts in none.
func tierNames(cfg scoring.Config, p *lang.Printer) []string {
	var ns []string
	for _, t := range cfg.Benchmarks.Tiers {
		ns = append(ns, t.Name)
	}
	return append(ns, p.T("tier.none"))
}

func tierOf(a *scoring.Account, p *lang.Printer) string {
	if a.HasTier {
		return a.Tier.Name
	}
	return p.T("tier.none")
}

func verdictsPerTier(res *scoring.Result, p *lang.Printer) map[string]map[scoring.Verdict]int {
	m := map[string]map[scoring.Verdict]int{}
	for _, t := range tierNames(res.Config, p) {
		m[t] = map[scoring.Verdict]int{}
	}
	for i := range res.Accounts {
		a := &res.Accounts[i]
		m[tierOf(a, p)][a.Verdict]++
	}
	return m
}

// threshold is one line of Summary's thresholds: its value stored as written (a number where
// it is one, formatted), named and explained by the catalog's sheet.threshold.<key>.
type threshold struct {
	key   string
	value any
	style func(styles) int
}

func thresholds(cfg scoring.Config, p *lang.Printer) []threshold {
	saves := p.T("word.no")
	if cfg.IncludeSaves {
		saves = p.T("word.yes")
	}
	basis := figures.FollowerER.Label(p)
	if cfg.Basis == scoring.BasisViews {
		basis = figures.MedianViewER.Label(p)
	}
	count := func(st styles) int { return st.count }
	percent := func(st styles) int { return st.percent }
	ratio := func(st styles) int { return st.ratio }
	return []threshold{
		{"window", cfg.WindowPosts, count},
		{"basis", basis, nil},
		{"far_below", cfg.FarBelow, ratio},
		{"platform", percentFraction(cfg.PlatformViewER), percent},
		{"min_posts", cfg.MinPosts, count},
		{"firm_posts", cfg.FirmPosts, count},
		{"implausible", cfg.ImplausibleAnyRatio, ratio},
		{"sponsored", cfg.SponsoredUnderperform, ratio},
		{"cadence", p.Exact(cfg.CadenceMin) + "–" + p.Exact(cfg.CadenceMax), nil},
		{"saves", saves, nil},
	}
}

// The widths of the About sheet's columns: the names, and their definitions. Both wrap.
const (
	aboutNameWidth = 24
	aboutTextWidth = 100
)

func writeAboutSheet(wb *workbook) error {
	f, p := wb.f, wb.p
	sheet := wb.sheet(SheetAbout)
	w := &sheetWriter{f: f, sheet: sheet, st: wb.st}
	w.heading(p.T("sheet.about.heading"), wb.st)
	for _, l := range aboutLines(wb) {
		w.line(l[0], l[1])
		w.style(1, 2, wb.st.wrap) // the name at the top of its definition's lines
		w.height(max(wrappedHeight(l[0], aboutNameWidth), wrappedHeight(l[1], aboutTextWidth)))
	}
	if w.err != nil {
		return w.err
	}
	if err := f.SetColWidth(sheet, "A", "A", aboutNameWidth); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", "B", aboutTextWidth); err != nil {
		return err
	}
	return wb.pageSetup(sheet, false)
}

// aboutLines are what the workbook explains: a post's view ER and the platform average, every
// figure of the Accounts sheet by the figure table's own definition, the signals, how the
// sheets print and link, and the version.
func aboutLines(wb *workbook) [][2]string {
	r, p := wb.r, wb.p
	res := r.Result
	lines := defineAround(figures.Definitions(figures.Sheet, res, p), res, p)
	lines = append(lines, signalMeanings(res, p)...)
	lines = append(lines, [2]string{wb.sheet(SheetInsights), p.T("insight.caveat", "min_posts", p.Plural(int64(res.Config.InsightMinPosts), "post"))})
	lines = append(lines, figures.TraitMeanings(&res.Config, p)...)
	about := func(key string, args ...string) [2]string {
		return [2]string{p.T("sheet.about."+key+".label", args...), p.T("sheet.about."+key+".def", args...)}
	}
	return append(lines,
		about("signal_sheet", "sheet", wb.sheet(SheetSignals)),
		[2]string{p.T("sheet.summary.videos", "sheet", wb.sheet(SheetVideos)), videosNote(wb.plan, res, p)},
		about("printing", "sheet", wb.sheet(SheetAccounts), "first", figures.Rank.Label(p), "last", figures.Reason.Label(p)),
		about("links", "links", p.Int(wb.lim.links)),
		[2]string{p.T("sheet.about.version"), "vet " + r.Version},
		[2]string{p.T("sheet.about.generated"), p.DateTime(r.Generated)},
	)
}
