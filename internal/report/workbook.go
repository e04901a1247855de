package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// Sheet names, in the order the workbook shows them.
const (
	SheetSummary  = "Summary"
	SheetAccounts = "Accounts"
	SheetVideos   = "Videos"
	SheetRejected = "Rejected"
	SheetAbout    = "About"
)

// AccountColumns are the Accounts sheet's headers, in order.
var AccountColumns = []string{
	"Rank", "Handle", "Followers", "Tier", "Posts in window", "Follower ER", "Median view ER",
	"Pooled view ER", "Benchmark", "Ratio", "Grade", "Verdict", "Signals", "Reason",
	"Days since last post", "Rounded counts", "Notes",
}

// VideoColumns are the Videos sheet's headers, in order.
var VideoColumns = []string{
	"Account", "Video ID", "Posted at", "Views", "Likes", "Comments", "Shares", "Saves",
	"View ER", "Above platform ER", "In window", "URL", "Caption", "File", "Line",
}

// RejectedColumns are the Rejected sheet's headers, in order.
var RejectedColumns = []string{"File", "Line", "Column", "Value", "Reason"}

// styles are the cell formats the sheets share.
type styles struct {
	header, percent, ratio, count, date int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	bold := &excelize.Font{Bold: true}
	add := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.header = add(&excelize.Style{Font: bold, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE3EA"}}})
	s.percent = add(&excelize.Style{NumFmt: 10}) // 0.00%
	s.ratio = add(&excelize.Style{CustomNumFmt: ptr("0.00\"×\"")})
	s.count = add(&excelize.Style{NumFmt: 3}) // #,##0
	s.date = add(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd hh:mm")})
	return s, err
}

func ptr[T any](v T) *T { return &v }

func writeWorkbook(w io.Writer, r *Report) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := buildWorkbook(f, r); err != nil {
		return err
	}
	return f.Write(w)
}

func buildWorkbook(f *excelize.File, r *Report) error {
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return err
	}
	for _, name := range []string{SheetAccounts, SheetVideos, SheetRejected, SheetAbout} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	steps := []func(*excelize.File, *Report, styles) error{
		writeSummarySheet, writeAccountsSheet, writeVideosSheet, writeRejectedSheet, writeAboutSheet,
	}
	for _, step := range steps {
		if err := step(f, r, st); err != nil {
			return err
		}
	}
	t := r.Generated
	return f.SetDocProps(&excelize.DocProperties{
		Title:    "vet: influencer vetting",
		Creator:  "vet " + r.Version,
		Created:  t.Format("2006-01-02T15:04:05Z"),
		Modified: t.Format("2006-01-02T15:04:05Z"),
	})
}

// text makes a string from the input safe to put in a cell: Excel's cell limit is 32,767
// characters, and longer text would be cut silently, so it is cut here with a mark.
func text(s string) string {
	const limit = 32_767
	if len(s) <= limit {
		return s
	}
	r := []rune(s)
	if len(r) <= limit {
		return s
	}
	return string(r[:limit-1]) + "…"
}

// fraction is a rate as Excel's percent format wants it (6.4% → 0.064), or an empty cell.
func fraction(r scoring.Rate) any {
	if !r.OK {
		return nil
	}
	return r.Value / 100
}

func count(c ingest.Count) any {
	if !c.Known() {
		return nil
	}
	return int64(c)
}

func headerRow(names []string, style int) []any {
	row := make([]any, len(names))
	for i, n := range names {
		row[i] = excelize.Cell{StyleID: style, Value: n}
	}
	return row
}

func writeAccountsSheet(f *excelize.File, r *Report, st styles) error {
	sw, err := f.NewStreamWriter(SheetAccounts)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(frozenHeader()); err != nil {
		return err
	}
	widths := []float64{6, 22, 12, 10, 8, 11, 11, 11, 10, 8, 10, 10, 28, 60, 10, 9, 40}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetRow("A1", headerRow(AccountColumns, st.header)); err != nil {
		return err
	}
	for i := range r.Result.Accounts {
		a := &r.Result.Accounts[i]
		var tier, benchmark any
		if a.HasTier {
			tier, benchmark = a.Tier.Name, a.Tier.Benchmark/100
		}
		var days any
		if a.DaysSinceLast >= 0 {
			days = a.DaysSinceLast
		}
		var ratio any
		if a.Ratio.OK {
			ratio = a.Ratio.Value
		}
		rounded := ""
		if a.Rounded {
			rounded = "yes"
		}
		row := []any{
			i + 1, text(a.Handle), excelize.Cell{StyleID: st.count, Value: count(a.Followers)}, tier, a.Window,
			excelize.Cell{StyleID: st.percent, Value: fraction(a.FollowerER)},
			excelize.Cell{StyleID: st.percent, Value: fraction(a.MedianViewER)},
			excelize.Cell{StyleID: st.percent, Value: fraction(a.PooledViewER)},
			excelize.Cell{StyleID: st.percent, Value: benchmark},
			excelize.Cell{StyleID: st.ratio, Value: ratio},
			string(a.Grade), a.Verdict.String(), signalCodes(a.Signals), a.Reason, days, rounded,
			notes(a),
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func frozenHeader() *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}
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

func writeVideosSheet(f *excelize.File, r *Report, st styles) error {
	sw, err := f.NewStreamWriter(SheetVideos)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(frozenHeader()); err != nil {
		return err
	}
	if err := sw.SetRow("A1", headerRow(VideoColumns, st.header)); err != nil {
		return err
	}
	cfg := r.Result.Config
	row := make([]any, len(VideoColumns))
	n := 2
	for i := range r.Result.Accounts {
		a := &r.Result.Accounts[i]
		for j := range a.Posts {
			p := &a.Posts[j]
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
				posted = excelize.Cell{StyleID: st.date, Value: p.PostedAt}
			}
			inWindow := "no"
			if j < a.Window {
				inWindow = "yes"
			}
			row[0], row[1], row[2] = text(a.Handle), p.VideoID, posted
			row[3], row[4], row[5], row[6], row[7] = count(p.Views), count(p.Likes), count(p.Comments), count(p.Shares), count(p.Saves)
			row[8] = excelize.Cell{StyleID: st.percent, Value: fraction(er)}
			row[9], row[10], row[11], row[12], row[13], row[14] = above, inWindow, text(p.URL), text(p.Caption), p.File, p.Line
			cell, _ := excelize.CoordinatesToCellName(1, n)
			if err := sw.SetRow(cell, row); err != nil {
				return err
			}
			n++
		}
	}
	return sw.Flush()
}

func writeRejectedSheet(f *excelize.File, r *Report, st styles) error {
	sw, err := f.NewStreamWriter(SheetRejected)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(frozenHeader()); err != nil {
		return err
	}
	if err := sw.SetColWidth(5, 5, 60); err != nil {
		return err
	}
	if err := sw.SetRow("A1", headerRow(RejectedColumns, st.header)); err != nil {
		return err
	}
	for i, e := range r.Batch.Rejected {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, []any{e.File, e.Line, text(e.Column), text(e.Value), e.Reason}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

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

func (w *sheetWriter) heading(title string, st styles) {
	w.line(title)
	if w.err == nil {
		cell, _ := excelize.CoordinatesToCellName(1, w.row)
		w.err = w.f.SetCellStyle(w.sheet, cell, cell, st.header)
	}
}

func writeSummarySheet(f *excelize.File, r *Report, st styles) error {
	w := &sheetWriter{f: f, sheet: SheetSummary}
	res, b := r.Result, r.Batch
	w.heading("vet: influencer vetting", st)
	w.line("Generated", r.Generated.Format("2006-01-02 15:04 UTC"))
	w.line("As of", res.AsOf.Format("2006-01-02"))
	w.line("Accounts", len(res.Accounts))
	w.line("Posts", reconciliation(b))
	w.line()
	w.heading("Inputs", st)
	w.line("File", "Format", "Rows read", "Rejected", "Duplicates")
	for _, in := range b.Inputs {
		w.line(in.Name, in.Format, in.Read, in.Rejected, in.Duplicates)
	}
	w.line()
	w.heading("Verdicts per tier", st)
	tiers := tierNames(res.Config)
	w.line(append([]any{"Tier"}, verdictHeaders()...)...)
	counts := verdictsPerTier(res)
	for _, t := range tiers {
		row := []any{t}
		for _, v := range scoring.Verdicts() {
			row = append(row, counts[t][v])
		}
		w.line(row...)
	}
	w.line()
	w.heading("Benchmarks: "+res.Config.Benchmarks.Name, st)
	w.line("Source", res.Config.Benchmarks.Source)
	w.line("Tier", "From followers", "Benchmark ER")
	for _, t := range res.Config.Benchmarks.Tiers {
		w.line(t.Name, t.Min, t.Benchmark/100)
	}
	w.line()
	w.heading("Thresholds", st)
	for _, th := range thresholds(res.Config) {
		w.line(th[0], th[1])
	}
	if w.err != nil {
		return w.err
	}
	return f.SetColWidth(SheetSummary, "A", "A", 28)
}

// reconciliation is the line that accounts for every row read.
func reconciliation(b *ingest.Batch) string {
	return fmt.Sprintf("%d read = %d used + %d duplicates + %d rejected",
		b.Read, b.Used(), b.Duplicates, len(b.Rejected))
}

func verdictHeaders() []any {
	var hs []any
	for _, v := range scoring.Verdicts() {
		hs = append(hs, v.String())
	}
	return hs
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

func writeAboutSheet(f *excelize.File, r *Report, st styles) error {
	w := &sheetWriter{f: f, sheet: SheetAbout}
	w.heading("About this report", st)
	for _, l := range aboutLines(r) {
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
		{"Rounded counts", "counts written rounded in the export (1.2K, 3.4M) are read as 1,200 and 3,400,000; accounts whose rates rest on them are marked."},
		{"Version", "vet " + r.Version},
		{"Generated", r.Generated.Format("2006-01-02 15:04:05 UTC")},
	}
}
