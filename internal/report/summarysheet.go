package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/scoring"
)

// sheetWriter writes rows one after another into an ordinary (non-stream) sheet.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	row   int
	err   error
}

func (w *sheetWriter) line(values ...any) {
	w.row++
	if w.err != nil || len(values) == 0 {
		return
	}
	cell, _ := excelize.CoordinatesToCellName(1, w.row)
	w.err = w.f.SetSheetRow(w.sheet, cell, &values)
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

func writeSummarySheet(wb *workbook) error {
	f, r, st := wb.f, wb.r, wb.st
	w := &sheetWriter{f: f, sheet: SheetSummary}
	res, b := r.Result, r.Batch
	w.heading("vet: influencer vetting", st)
	w.line("Generated", r.Generated.Format("2006-01-02 15:04 UTC"))
	w.line("As of", res.AsOf.Format("2006-01-02"))
	w.line("Accounts", len(res.Accounts))
	w.line(append([]any{"Verdicts"}, verdictTotals(res)...)...)
	w.line("Posts", reconciliation(b))
	w.line()
	w.heading("Inputs", st)
	w.line("File", "Format", "Rows read", "Rejected", "Duplicates")
	w.style(1, 5, st.header)
	for _, in := range b.Inputs {
		w.line(st.text(in.Name), in.Format, in.Read, in.Rejected, in.Duplicates)
	}
	w.line()
	w.heading("Verdicts per tier", st)
	tiers := tierNames(res.Config)
	w.line(append([]any{"Tier"}, verdictHeaders()...)...)
	w.style(1, 5, st.header)
	header := w.row
	counts := verdictsPerTier(res)
	for _, t := range tiers {
		row := []any{t}
		for _, v := range scoring.Verdicts() {
			row = append(row, counts[t][v])
		}
		w.line(row...)
	}
	chartRows := [2]int{header, w.row}
	w.line()
	w.heading("Benchmarks: "+res.Config.Benchmarks.Name, st)
	w.line("Source", res.Config.Benchmarks.Source)
	w.line("Tier", "From followers", "Benchmark ER")
	w.style(1, 3, st.header)
	for _, t := range res.Config.Benchmarks.Tiers {
		w.line(t.Name, t.Min, t.Benchmark/100)
		w.style(2, 2, st.count)
		w.style(3, 3, st.percent)
	}
	w.line()
	w.heading("Thresholds", st)
	for _, th := range thresholds(res.Config) {
		w.line(th[0], th[1])
	}
	if w.err != nil {
		return w.err
	}
	for i, width := range []float64{28, 16, 14, 12, 12} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(SheetSummary, col, col, width); err != nil {
			return err
		}
	}
	return addTierChart(f, chartRows)
}

// addTierChart draws the verdicts-per-tier table (header row, last row) as a native stacked
// column chart beside it.
func addTierChart(f *excelize.File, rows [2]int) error {
	var series []excelize.ChartSeries
	for i, v := range scoring.Verdicts() {
		col, _ := excelize.ColumnNumberToName(i + 2)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", SheetSummary, col, rows[0]),
			Categories: fmt.Sprintf("%s!$A$%d:$A$%d", SheetSummary, rows[0]+1, rows[1]),
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", SheetSummary, col, rows[0]+1, col, rows[1]),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{verdictColours[v][1:]}},
		})
	}
	return f.AddChart(SheetSummary, "G2", &excelize.Chart{
		Type: excelize.ColStacked, Series: series, VaryColors: ptr(false),
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Verdicts per tier"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 560, Height: 320},
	})
}

func verdictTotals(res *scoring.Result) []any {
	var vs []any
	for _, v := range scoring.Verdicts() {
		vs = append(vs, fmt.Sprintf("%d %s", res.Count(v), v))
	}
	return vs
}

// unrated is the tier name of accounts under the first tier or without followers.
const unrated = "no tier"

func tierNames(cfg scoring.Config) []string {
	var ns []string
	for _, t := range cfg.Benchmarks.Tiers {
		ns = append(ns, t.Name)
	}
	return append(ns, unrated)
}

func tierOf(a *scoring.Account) string {
	if a.HasTier {
		return a.Tier.Name
	}
	return unrated
}

func verdictsPerTier(res *scoring.Result) map[string]map[scoring.Verdict]int {
	m := map[string]map[scoring.Verdict]int{}
	for _, t := range tierNames(res.Config) {
		m[t] = map[scoring.Verdict]int{}
	}
	for i := range res.Accounts {
		a := &res.Accounts[i]
		m[tierOf(a)][a.Verdict]++
	}
	return m
}

func thresholds(cfg scoring.Config) [][2]string {
	saves := "no"
	if cfg.IncludeSaves {
		saves = "yes: saves are counted as interactions"
	}
	return [][2]string{
		{"Window", fmt.Sprintf("newest %d posts per account", cfg.WindowPosts)},
		{"Compared ER", string(cfg.Basis)},
		{"Far below tier", fmt.Sprintf("ratio < %.2f", cfg.FarBelow)},
		{"Platform average view ER", fmt.Sprintf("%.2f%%", cfg.PlatformViewER)},
		{"Minimum posts", fmt.Sprintf("%d", cfg.MinPosts)},
		{"Saves counted", saves},
	}
}

func writeAboutSheet(wb *workbook) error {
	f := wb.f
	w := &sheetWriter{f: f, sheet: SheetAbout}
	w.heading("About this report", wb.st)
	for _, l := range aboutLines(wb.r) {
		w.line(l[0], l[1])
	}
	if w.err != nil {
		return w.err
	}
	if err := f.SetColWidth(SheetAbout, "A", "A", 24); err != nil {
		return err
	}
	return f.SetColWidth(SheetAbout, "B", "B", 100)
}

// aboutLines are the definitions the workbook and the page both explain.
func aboutLines(r *Report) [][2]string {
	cfg := r.Result.Config
	return [][2]string{
		{"View ER", "(likes + comments + shares) / views × 100, per video; a video with 0 views has no view ER (n/a)."},
		{"Follower ER", fmt.Sprintf("((Σ likes + Σ comments over the window) / posts in the window) / followers × 100; the window is the newest %d posts.", cfg.WindowPosts)},
		{"Median view ER", "the median of the window's view ERs, so one viral video does not carry an account; the pooled Σ interactions / Σ views is shown beside it."},
		{"Tier", "the account's follower band; its benchmark is the engagement rate an account of that size is expected to reach."},
		{"Ratio", "the compared ER divided by the tier benchmark: ≥ 1 above, under 1 below, under " + fmt.Sprintf("%.2g", cfg.FarBelow) + " far below (FAIL)."},
		{"Verdicts", "UNRATED: under 1,000 followers, fewer than " + fmt.Sprint(cfg.MinPosts) + " posts, or no follower count; FAIL: far below the tier; REVIEW: a signal to look at; PASS: none of these."},
		{"Signals", "each reason for doubt raised on an account is one row of the Signals sheet, with the verdict it calls for and the numbers that raised it."},
		{"Links", "handles link to the TikTok profile and videos to their page; Excel takes at most 65,530 links a sheet, so past that the URLs are plain text."},
		{"Rounded counts", "counts written rounded in the export (1.2K, 3.4M) are read as 1,200 and 3,400,000; accounts whose rates rest on them are marked."},
		{"Version", "vet " + r.Version},
		{"Generated", r.Generated.Format("2006-01-02 15:04:05 UTC")},
	}
}
