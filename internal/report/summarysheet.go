package report

import (
	"fmt"
	"strconv"
	"strings"

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

// header writes a row of column headings.
func (w *sheetWriter) header(st styles, names ...any) {
	w.line(names...)
	w.style(1, len(names), st.header)
}

func writeSummarySheet(wb *workbook) error {
	f, r, st := wb.f, wb.r, wb.st
	w := &sheetWriter{f: f, sheet: SheetSummary}
	res, b := r.Result, r.Batch
	w.line(wb.title)
	w.style(1, 1, st.title)
	if c := strings.TrimSpace(r.Brand.Client); c != "" {
		w.line("Prepared for", st.text(c))
	}
	w.line("Generated", r.Generated.Format("2 January 2006, 15:04 UTC"))
	w.line("As of", res.AsOf.Format("2 January 2006"))
	w.line("Accounts", len(res.Accounts))
	w.style(2, 2, st.count)
	w.line("Posts", reconciliation(b))
	w.line("Videos sheet", videosNote(wb.plan, res))
	w.line()
	writeVerdictTable(w, res, st)
	if len(res.Warnings) > 0 {
		w.line()
		w.heading("About this batch", st)
		w.header(st, "What", "What to do")
		for _, warn := range res.Warnings {
			w.line(warn.Text, warn.Fix)
		}
	}
	w.line()
	w.heading("Inputs", st)
	w.header(st, "File", "Format", "Rows read", "Rejected", "Duplicates")
	for _, in := range b.Inputs {
		w.line(st.text(fileName(in.Name)), in.Format, in.Read, in.Rejected, in.Duplicates)
		w.style(3, 5, st.count)
	}
	if len(b.Skipped) > 0 {
		w.line()
		w.heading("Files not read", st)
		w.header(st, "File", "Why")
		for _, sk := range b.Skipped {
			w.line(st.text(fileName(sk.Name)), st.text(sk.Reason))
		}
	}
	w.line()
	w.heading("Verdicts per tier", st)
	tiers := tierNames(res.Config)
	w.header(st, append([]any{"Tier"}, verdictHeaders()...)...)
	header := w.row
	counts := verdictsPerTier(res)
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
	w.heading("Benchmarks: "+res.Config.Benchmarks.Name, st)
	w.line("Source", res.Config.Benchmarks.Source)
	w.header(st, "Tier", "From followers", "Benchmark ER")
	for _, t := range res.Config.Benchmarks.Tiers {
		w.line(t.Name, t.Min, percentFraction(t.Benchmark))
		w.style(2, 2, st.count)
		w.style(3, 3, st.percent)
	}
	if res.HasBaseline {
		w.line()
		w.heading("Since the baseline", st)
		w.line("Baseline as of", res.BaselineAsOf.Format("2006-01-02"))
		w.line("New accounts", len(res.New), st.text(strings.Join(res.New, ", ")))
		w.style(2, 2, st.count)
		var gone []string
		for _, g := range res.Gone {
			gone = append(gone, g.Handle)
		}
		w.line("Gone accounts", len(res.Gone), st.text(strings.Join(gone, ", ")))
		w.style(2, 2, st.count)
	}
	w.line()
	w.heading("Thresholds", st)
	w.header(st, "Setting", "Value", "Meaning")
	for _, th := range thresholds(res.Config) {
		w.line(th.name, th.value, th.meaning)
		if th.style != nil {
			w.style(2, 2, th.style(st))
		}
	}
	if w.err != nil {
		return w.err
	}
	for i, width := range []float64{28, 44, 14, 12, 12, 12} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(SheetSummary, col, col, width); err != nil {
			return err
		}
	}
	if err := addLogo(f, r.Brand); err != nil {
		return err
	}
	if err := wb.pageSetup(SheetSummary, false); err != nil {
		return err
	}
	return addTierChart(f, chartRows)
}

// writeVerdictTable writes the accounts per verdict, split by confidence, as numbers.
func writeVerdictTable(w *sheetWriter, res *scoring.Result, st styles) {
	confs := []scoring.Confidence{scoring.Firm, scoring.Borderline, scoring.Thin}
	w.header(st, "Verdict", "Accounts", "Firm", "Borderline", "Thin")
	counts := map[scoring.Verdict]map[scoring.Confidence]int{}
	for i := range res.Accounts {
		a := &res.Accounts[i]
		if counts[a.Verdict] == nil {
			counts[a.Verdict] = map[scoring.Confidence]int{}
		}
		counts[a.Verdict][a.Confidence]++
	}
	for _, v := range scoring.Verdicts() {
		row := []any{v.String(), res.Count(v)}
		for _, c := range confs {
			row = append(row, counts[v][c])
		}
		w.line(row...)
		w.style(2, 5, st.count)
	}
}

// videosNote says what the Videos sheet lists and where the rest of the posts are.
func videosNote(p videoPlan, res *scoring.Result) string {
	if p.all {
		return fmt.Sprintf("every post used (%s), one row each; posts.csv beside this workbook holds the same for other tools",
			plural(p.posts, "post"))
	}
	what := fmt.Sprintf("each account's newest %s (its window)", plural(p.perAccount, "post"))
	if p.perAccount < res.Config.WindowPosts {
		what = fmt.Sprintf("each account's newest %s", plural(p.perAccount, "post"))
	}
	return fmt.Sprintf("%s: %s of %s; every post used is in posts.csv beside this workbook",
		what, scoring.Commas(int64(p.rows)), plural(p.posts, "post"))
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

// threshold is one line of Summary's thresholds: its value stored as written (a number where
// it is one, formatted), and what it means.
type threshold struct {
	name    string
	value   any
	style   func(styles) int
	meaning string
}

func thresholds(cfg scoring.Config) []threshold {
	saves := "no"
	if cfg.IncludeSaves {
		saves = "yes"
	}
	count := func(st styles) int { return st.count }
	percent := func(st styles) int { return st.percent }
	ratio := func(st styles) int { return st.ratio }
	return []threshold{
		{"Window", cfg.WindowPosts, count, "the newest posts each account is scored on"},
		{"Compared ER", string(cfg.Basis), nil, "the engagement rate held against the tier benchmark"},
		{"Far below tier", cfg.FarBelow, ratio, "a ratio to the benchmark under this fails"},
		{"Platform average view ER", percentFraction(cfg.PlatformViewER), percent, "each video is marked above or below it"},
		{"Minimum posts", cfg.MinPosts, count, "fewer posts in the window leave an account unrated"},
		{"Firm confidence", cfg.FirmPosts, count, "fewer posts in the window make a verdict's confidence thin"},
		{"Implausibly high at any size", cfg.ImplausibleAnyRatio, ratio, "a ratio to the benchmark above this is flagged"},
		{"Sponsored posts underperform", cfg.SponsoredUnderperform, ratio, "paid post performance under this is flagged"},
		{"Posts a week, guide", fmt.Sprintf("%g–%g", cfg.CadenceMin, cfg.CadenceMax), nil, "a steady cadence for a creator to keep"},
		{"Saves counted", saves, nil, "whether saves count as interactions in the view ER"},
	}
}

func writeAboutSheet(wb *workbook) error {
	f := wb.f
	w := &sheetWriter{f: f, sheet: SheetAbout}
	w.heading("About this report", wb.st)
	for _, l := range aboutLines(wb.r) {
		w.line(l[0], l[1])
		w.style(2, 2, wb.st.wrap)
	}
	w.line("Videos sheet", videosNote(wb.plan, wb.r.Result))
	w.style(2, 2, wb.st.wrap)
	if w.err != nil {
		return w.err
	}
	if err := f.SetColWidth(SheetAbout, "A", "A", 24); err != nil {
		return err
	}
	if err := f.SetColWidth(SheetAbout, "B", "B", 100); err != nil {
		return err
	}
	return wb.pageSetup(SheetAbout, false)
}

// aboutLines are the definitions the workbook and the page both explain.
func aboutLines(r *Report) [][2]string {
	cfg := r.Result.Config
	return [][2]string{
		{"View ER", "(likes + comments + shares) / views × 100, per video; a video with 0 views has no view ER (n/a)."},
		{"Follower ER", fmt.Sprintf("((Σ likes + Σ comments over the window) / posts in the window) / followers × 100; the window is the newest %s.", plural(cfg.WindowPosts, "post"))},
		{"Median view ER", "the median of the window's view ERs, so one viral video does not carry an account; the pooled Σ interactions / Σ views is shown beside it."},
		{"Tier", "the account's follower band; its benchmark is the engagement rate an account of that size is expected to reach."},
		{"Ratio", "the compared ER divided by the tier benchmark: ≥ 1 above, under 1 below, under " + strconv.FormatFloat(cfg.FarBelow, 'f', -1, 64) + " far below (FAIL)."},
		{"Verdicts", "UNRATED: under 1,000 followers, fewer than " + plural(cfg.MinPosts, "post") + ", or no follower count; FAIL: far below the tier; REVIEW: a signal to look at; PASS: none of these."},
		{"Confidence", fmt.Sprintf("firm: the verdict holds across resamples of the account's own posts; borderline: it could change within their noise; thin: fewer than %s in the window.", plural(cfg.FirmPosts, "post"))},
		{"Signals", "each reason for doubt raised on an account is one row of the Signals sheet, named in words with its code, the verdict it calls for and the numbers that raised it."},
		{"Posts behind the rates", "the window's posts each rate rests on: the follower ER needs likes and comments, the view ER views too."},
		{"Median and average views", "the median and the mean of the views of the window's posts: what a post of the account can expect to reach."},
		{"Views per follower", "median views per post / followers × 100."},
		{"Posts per week", fmt.Sprintf("(posts in the window − 1) / days from its oldest to its newest post × 7; %g to %g a week is the guide.", cfg.CadenceMin, cfg.CadenceMax)},
		{"Sponsored posts", "posts the export marks as paid, or whose caption says so (#ad, #sponsored, #partner, #advertentie, #gesponsord, #samenwerking, \"paid partnership\", \"betaalde samenwerking\"); their share of the window."},
		{"Paid post performance", fmt.Sprintf("the median view ER of the sponsored posts / that of the others, given at least %s of each; under %s raises \"sponsored posts underperform\".", plural(max(cfg.SponsoredMinPosts, 1), "post"), strconv.FormatFloat(cfg.SponsoredUnderperform, 'f', -1, 64))},
		{"Save rate, share rate", "Σ saves / Σ views × 100 and Σ shares / Σ views × 100 over the window."},
		{"Price, CPE, CPM", "the fee for one sponsored post from the accounts file; CPE = price / the median likes + comments + shares per post; CPM = price / median views × 1,000. In the accounts file's currency."},
		{"n/a", "a figure the account's posts cannot give (no views, no price, too few sponsored posts…): the Notes column says why. Never shown as 0."},
		{"Top hashtags", fmt.Sprintf("the window's %s most used hashtags, most used first.", strconv.Itoa(max(cfg.TopHashtags, 1)))},
		{"Printing", "each sheet prints landscape, one page wide, its header row on every page; Accounts prints its verdict columns (Rank to Reason), the buyer's figures after them being on screen and in accounts.csv."},
		{"Links", "handles link to the TikTok profile and video IDs to their video; a sheet holds at most 65,530 links, so in a very large batch the videos past that show their ID alone. posts.csv has every video's URL."},
		{"Rounded counts", "counts written rounded in the export (1.2K, 3.4M) are read as 1,200 and 3,400,000 and shown as approximate (~1,200); accounts whose rates rest on them are marked."},
		{"Version", "vet " + r.Version},
		{"Generated", r.Generated.Format("2 January 2006, 15:04:05 UTC")},
	}
}
