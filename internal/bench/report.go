package bench

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// SplitFiles is how many workbooks the batch is split into to measure reading files at once.
const SplitFiles = 4

// Stages are the stages `vet run` times, in order.
var Stages = []string{"history-load", "ingest", "scoring", "workbook", "html", "summary", "accounts-csv", "signals-csv", "posts-csv", "profiles", "pdf", "history"}

// Result is everything measured at one batch size.
type Result struct {
	Name  string // 100k, 1m
	Posts int
	Vet   []Sample // vet run on the CSV, appending to a history
	// vet run on the CSV without a history: what the append adds (SPEC §8: at most 20%).
	VetNoHistory []Sample
	VetXLSX      []Sample // vet run on the same batch as XLSX
	FloorCSV     []Sample // vet-floor csv: a bare encoding/csv loop
	FloorWrite   []Sample // vet-floor xlsx-stream: the Videos cells through StreamWriter
	FloorFast    []Sample // the same saved as vet saves: straight to the file at deflate BestSpeed
	FloorXLSX    []Sample // vet-floor xlsx-read: a bare excelize row loop
	// vet validate on the batch as SplitFiles workbooks, on one core (GOMAXPROCS=1) and on all:
	// what reading files at once gives.
	SplitOne, SplitAll []Sample
	Files              map[string]int64 // the report's files (ReportFiles) after vet run, in bytes
	// LibreOffice opening the workbook of this size's vet run (measured at the largest size
	// only, when LibreOffice is installed).
	Open  []Sample
	Notes []string // what could not be measured, and why
}

func (r *Result) floor() Spread { return r.floorWith(r.FloorWrite) }

// HistoryGoal is the most a history append may add to a run (SPEC §8: 20%).
const HistoryGoal = 0.20

// historyShare is how much longer the run with a history append took than the one without,
// medians of the wall times.
func (r *Result) historyShare() string {
	with, without := Durations(r.Vet, Wall), Durations(r.VetNoHistory, Wall)
	if with.N == 0 || without.N == 0 || without.Median <= 0 {
		return "—"
	}
	return fmt.Sprintf("%+.0f%% (%.2f s with, %.2f s without)", (with.Median/without.Median-1)*100, with.Median, without.Median)
}

func (r *Result) floorWith(writes []Sample) Spread {
	read, write := Durations(r.FloorCSV, Step("csv-read")), Durations(writes, Step("xlsx-stream"))
	if read.N == 0 || write.N == 0 {
		return Spread{}
	}
	return Spread{Median: read.Median + write.Median, Min: read.Min + write.Min, Max: read.Max + write.Max, N: min(read.N, write.N)}
}

func (r *Result) vsFloor() float64 { return r.vs(r.floor()) }

func (r *Result) vs(f Spread) float64 {
	v := Durations(r.Vet, Wall)
	if f.Median == 0 || v.N == 0 {
		return 0
	}
	return v.Median / f.Median
}

func (r *Result) perSecond(s Spread) string {
	if s.N == 0 || s.Median == 0 {
		return "—"
	}
	return fmt.Sprintf("%s", count(float64(r.Posts)/s.Median))
}

func secs(s Spread) string {
	switch {
	case s.N == 0:
		return "—"
	case s.N == 1:
		return fmt.Sprintf("%.3f s", s.Median)
	}
	return fmt.Sprintf("%.3f s (%.3f–%.3f)", s.Median, s.Min, s.Max)
}

func mb(s Spread) string {
	if s.N == 0 || s.Median == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f MB (max %.0f)", s.Median/1e6, s.Max/1e6)
}

func count(x float64) string {
	switch {
	case x >= 1e6 && x == float64(int64(x/1e6))*1e6:
		return fmt.Sprintf("%.0fM", x/1e6)
	case x >= 1e6:
		return fmt.Sprintf("%.2fM", x/1e6)
	case x >= 1e3:
		return fmt.Sprintf("%.0fK", x/1e3)
	}
	return fmt.Sprintf("%.0f", x)
}

func ratio(x float64) string {
	if x == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f×", x)
}

// WriteMarkdown writes the figures of rs (smallest batch first) as Markdown: the machine, a
// table of medians with each figure's spread, and the SPEC §5 goals met or missed.
func WriteMarkdown(w io.Writer, m Machine, rs []Result) {
	fmt.Fprintf(w, "Measured by `make bench` on %s.  \n", m)
	fmt.Fprintf(w, "Load average (1/5/15 min) %s before, %s after. ", m.LoadFrom, m.LoadTo)
	fmt.Fprintf(w, "Each figure is the median of the runs, with (min–max) beside it; ")
	fmt.Fprintf(w, "wall times move with the machine's load, CPU times much less.\n\n")
	fmt.Fprint(w, "| |")
	for _, r := range rs {
		fmt.Fprintf(w, " %s posts |", count(float64(r.Posts)))
	}
	fmt.Fprint(w, "\n|---|")
	for range rs {
		fmt.Fprint(w, "--:|")
	}
	fmt.Fprintln(w)
	row := func(label string, f func(r *Result) string) {
		fmt.Fprintf(w, "| %s |", label)
		for i := range rs {
			fmt.Fprintf(w, " %s |", f(&rs[i]))
		}
		fmt.Fprintln(w)
	}
	row("runs", func(r *Result) string { return fmt.Sprint(len(r.Vet)) })
	row("**vet run** (CSV in), wall", func(r *Result) string { return secs(Durations(r.Vet, Wall)) })
	for _, st := range Stages {
		row("&nbsp;&nbsp;"+st, func(r *Result) string { return secs(Durations(r.Vet, Step(st))) })
	}
	row("vet run CPU time (user + sys)", func(r *Result) string { return secs(Durations(r.Vet, CPU)) })
	row("vet run without --history, wall", func(r *Result) string { return secs(Durations(r.VetNoHistory, Wall)) })
	row("the history append adds", func(r *Result) string { return r.historyShare() })
	row("posts/s, whole run", func(r *Result) string { return r.perSecond(Durations(r.Vet, Wall)) })
	row("posts/s, CSV ingest", func(r *Result) string { return r.perSecond(Durations(r.Vet, Step("ingest"))) })
	row("peak RSS", func(r *Result) string { return mb(PeakRSS(r.Vet)) })
	row("**floor**: CSV read, bare encoding/csv", func(r *Result) string { return secs(Durations(r.FloorCSV, Step("csv-read"))) })
	row("**floor**: Videos cells, StreamWriter alone", func(r *Result) string { return secs(Durations(r.FloorWrite, Step("xlsx-stream"))) })
	row("**floor** total", func(r *Result) string { return secs(r.floor()) })
	row("**vet run ÷ floor**", func(r *Result) string { return ratio(r.vsFloor()) })
	row("floor, saved as vet saves (straight to the file, deflate BestSpeed): Videos write", func(r *Result) string {
		return secs(Durations(r.FloorFast, Step("xlsx-stream")))
	})
	row("vet run ÷ that floor", func(r *Result) string { return ratio(r.vs(r.floorWith(r.FloorFast))) })
	row("floor CPU time (CSV read + Videos write processes)", func(r *Result) string {
		a, b := Durations(r.FloorCSV, CPU), Durations(r.FloorWrite, CPU)
		if a.N == 0 || b.N == 0 {
			return "—"
		}
		return fmt.Sprintf("%.3f s (the write's includes loading the CSV)", a.Median+b.Median)
	})
	row("XLSX in: floor read, bare excelize rows", func(r *Result) string { return secs(Durations(r.FloorXLSX, Step("xlsx-read"))) })
	row("XLSX in: floor posts/s", func(r *Result) string { return r.perSecond(Durations(r.FloorXLSX, Step("xlsx-read"))) })
	row("XLSX in: vet ingest", func(r *Result) string { return secs(Durations(r.VetXLSX, Step("ingest"))) })
	row("XLSX in: vet ingest posts/s", func(r *Result) string { return r.perSecond(Durations(r.VetXLSX, Step("ingest"))) })
	row("XLSX in: vet run wall", func(r *Result) string { return secs(Durations(r.VetXLSX, Wall)) })
	split := fmt.Sprintf("XLSX in, as %d files: vet validate", SplitFiles)
	row(split+", 1 core (GOMAXPROCS=1)", func(r *Result) string { return secs(Durations(r.SplitOne, Wall)) })
	row(split+", every core (files read at once)", func(r *Result) string { return secs(Durations(r.SplitAll, Wall)) })
	row(split+": speed-up from reading files at once", func(r *Result) string {
		one, all := Durations(r.SplitOne, Wall), Durations(r.SplitAll, Wall)
		if one.N == 0 || all.N == 0 {
			return "—"
		}
		return ratio(one.Median / all.Median)
	})
	row("workbook (vetting.xlsx) size", func(r *Result) string { return megabytes(r.Files["vetting.xlsx"]) })
	row("accounts.csv, signals.csv, posts.csv sizes", func(r *Result) string {
		return megabytes(r.Files["accounts.csv"]) + ", " + megabytes(r.Files["signals.csv"]) + ", " + megabytes(r.Files["posts.csv"])
	})
	row("LibreOffice opens the workbook (headless, to CSV), wall", func(r *Result) string { return secs(Durations(r.Open, Wall)) })
	row("LibreOffice opens the workbook, CPU time", func(r *Result) string { return secs(Durations(r.Open, CPU)) })
	for _, r := range rs {
		for _, n := range r.Notes {
			fmt.Fprintf(w, "\n- %s: %s", count(float64(r.Posts)), n)
		}
	}
	fmt.Fprintln(w)
	writeGoals(w, rs)
}

func writeGoals(w io.Writer, rs []Result) {
	if len(rs) == 0 {
		return
	}
	big := &rs[len(rs)-1]
	at := count(float64(big.Posts))
	fmt.Fprintf(w, "\n| SPEC §5 goal (at %s posts) | target | measured | met |\n|---|---|---|---|\n", at)
	goal := func(name, target, got string, ok, known bool) {
		mark := "—"
		if known {
			mark = map[bool]string{true: "yes", false: "**no**"}[ok]
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", name, target, got, mark)
	}
	v := big.vsFloor()
	goal("whole run vs the floor", "≤ 1.3×", ratio(v), v <= 1.3, v > 0)
	in := Durations(big.Vet, Step("ingest"))
	goal("CSV ingest (parse + validate)", "< 2 s", secs(in), in.Median < 2, in.N > 0)
	rss := PeakRSS(big.Vet)
	goal("peak RSS", "< 600 MB", mb(rss), rss.Max < 600e6, rss.N > 0 && rss.Max > 0)
	if len(rs) > 1 {
		small := &rs[0]
		// The fastest run is the one least disturbed by other work on the machine: on a shared
		// machine it says more about how cost grows than a median that a burst of load moved.
		a, b := Durations(small.Vet, Wall), Durations(big.Vet, Wall)
		if a.N > 0 && b.N > 0 {
			per := (b.Min / float64(big.Posts)) / (a.Min / float64(small.Posts))
			goal(fmt.Sprintf("cost linear in posts (time per post, %s vs %s, fastest runs)", at, count(float64(small.Posts))),
				"≤ 1.2×", ratio(per), per <= 1.2, true)
		} else {
			goal("cost linear in posts", "≤ 1.2×", "—", false, false)
		}
	}
	with, without := Durations(big.Vet, Wall), Durations(big.VetNoHistory, Wall)
	goal("a history append adds to the run (SPEC §8)", "≤ 20%", big.historyShare(),
		without.N > 0 && with.Median <= without.Median*(1+HistoryGoal), with.N > 0 && without.N > 0)
	x := Durations(big.VetXLSX, Step("ingest"))
	goal("XLSX ingest posts/s", "reported", big.perSecond(x), true, x.N > 0)
	size := big.Files["vetting.xlsx"]
	goal("workbook size (SPEC §4, at 20,000 × 50)", "≤ 25 MB", megabytes(size), float64(size) <= WorkbookGoal, size > 0)
	open := Durations(big.Open, Wall)
	goal("LibreOffice opens the workbook (SPEC §4)", "≤ 30 s", secs(open), open.Median <= OpenGoal, open.N > 0)
}

// Between the markers is what WriteFile replaces in BENCHMARKS.md; the rest of the file is
// prose people write.
const (
	StartMarker = "<!-- bench:start (written by make bench; edit outside the markers) -->"
	EndMarker   = "<!-- bench:end -->"
)

// Splice puts figures between the markers of doc, or appends them with markers when doc has
// none.
func Splice(doc, figures string) string {
	block := StartMarker + "\n" + strings.TrimRight(figures, "\n") + "\n" + EndMarker
	i := strings.Index(doc, StartMarker)
	j := strings.Index(doc, EndMarker)
	if i < 0 || j < i {
		if doc != "" && !strings.HasSuffix(doc, "\n") {
			doc += "\n"
		}
		return doc + block + "\n"
	}
	return doc[:i] + block + doc[j+len(EndMarker):]
}

// WriteFile splices figures into the Markdown file at path, creating it if need be.
func WriteFile(path, figures string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	return os.WriteFile(path, []byte(Splice(string(old), figures)), 0o644)
}
