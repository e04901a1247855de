package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/vet-tool/vet/internal/config"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/report"
	"github.com/vet-tool/vet/internal/scoring"
)

// mapFlags collects the repeatable --map FIELD=HEADER.
type mapFlags []string

func (m *mapFlags) String() string     { return strings.Join(*m, ",") }
func (m *mapFlags) Set(v string) error { *m = append(*m, v); return nil }

// settings are the flags shared by run and validate: how inputs are read, and the config file.
type settings struct {
	configPath string
	maps       mapFlags
	quiet      bool
}

// readFlags declares the flags that say how exports are read.
func (s *settings) readFlags(fs *flag.FlagSet, def *config.File) {
	fs.StringVar(&s.configPath, "config", "", "read settings from `FILE` (default: ./vet.yaml when there is one)")
	fs.String("accounts", def.Run.Accounts, "join follower counts by handle from `FILE` (CSV or XLSX: handle, followers)")
	fs.String("preset", def.Run.Preset, "read every input with the export layout `NAME` (generic, apify, tiktok-studio)")
	fs.Var(&s.maps, "map", "take `FIELD=HEADER`: the column HEADER holds FIELD (repeatable), e.g. --map likes=video_stats")
	fs.Bool("strict", def.Run.Strict, "fail the run, writing nothing, when any row is rejected")
	fs.BoolVar(&s.quiet, "q", false, "print nothing but errors")
}

// parse reads a command's flags and inputs, the config file, and the flags given over it.
func (s *settings) parse(fs *flag.FlagSet, args []string, stdin io.Reader) ([]string, *config.File, ingest.Options, error) {
	inputs, err := parseFlags(fs, args)
	if err != nil {
		return nil, nil, ingest.Options{}, err
	}
	if len(inputs) == 0 {
		return nil, nil, ingest.Options{}, &usageError{fs.Name() + " needs at least one INPUT (a file, a folder, or - for standard input)"}
	}
	f, err := s.load(fs)
	if err != nil {
		return nil, nil, ingest.Options{}, err
	}
	opts, err := ingestOptions(f, stdin)
	return inputs, f, opts, err
}

// load reads the config file (the one named, else ./vet.yaml) and lays the flags given over it.
func (s *settings) load(fs *flag.FlagSet) (*config.File, error) {
	var f *config.File
	var err error
	if s.configPath != "" {
		f, err = config.Load(s.configPath)
	} else {
		f, err = config.Discover(".")
	}
	if err != nil {
		return nil, err
	}
	if err := f.SetFlags(fs); err != nil {
		return nil, &usageError{err.Error()}
	}
	for _, m := range s.maps {
		if err := f.Set("map", m); err != nil {
			return nil, &usageError{err.Error()}
		}
	}
	return f, nil
}

// ingestOptions turns the settings into what ingest takes.
func ingestOptions(f *config.File, stdin io.Reader) (ingest.Options, error) {
	o := ingest.Options{Preset: f.Run.Preset, Stdin: stdin}
	names := ingest.PresetNames()
	for name, layout := range f.Presets {
		fields, err := fieldAliases(layout)
		if err != nil {
			return o, fmt.Errorf("%s: presets: %s: %w", f.Path, name, err)
		}
		if o.Presets == nil {
			o.Presets = map[string]map[ingest.Field][]string{}
		}
		o.Presets[name] = fields
		names = append(names, name)
	}
	slices.Sort(names)
	if f.Run.Preset != "" && !slices.Contains(names, f.Run.Preset) {
		return o, &usageError{fmt.Sprintf("--preset %s: no such layout (presets: %s)", f.Run.Preset, strings.Join(names, ", "))}
	}
	if f.Run.Accounts != "" {
		o.Accounts = []string{f.Run.Accounts}
	}
	for name, header := range f.Run.Map {
		field, ok := ingest.ParseField(name)
		if !ok {
			return o, &usageError{fmt.Sprintf("--map %s=%s: no field %q (fields: %s)", name, header, name, fieldNames())}
		}
		if o.Map == nil {
			o.Map = map[ingest.Field]string{}
		}
		o.Map[field] = header
	}
	aliases, err := fieldAliases(f.Aliases)
	if err != nil {
		return o, fmt.Errorf("%s: aliases: %w", f.Path, err)
	}
	o.Aliases = aliases
	return o, nil
}

// fieldAliases turns vet.yaml's headers by field name into headers by ingest.Field.
func fieldAliases(byName map[string][]string) (map[ingest.Field][]string, error) {
	if len(byName) == 0 {
		return nil, nil
	}
	out := make(map[ingest.Field][]string, len(byName))
	for name, headers := range byName {
		field, ok := ingest.ParseField(name)
		if !ok {
			return nil, fmt.Errorf("no field %q (fields: %s)", name, fieldNames())
		}
		out[field] = headers
	}
	return out, nil
}

func fieldNames() string {
	var ns []string
	for _, f := range ingest.Fields() {
		ns = append(ns, f.String())
	}
	return strings.Join(ns, ", ")
}

func runCmd(args []string, e *env) error {
	def := config.Default()
	var s settings
	fs := newFlagSet("run", "run [flags] INPUT...", e)
	s.readFlags(fs, def)
	fs.String("out", def.Run.Out, "write the report into `DIR`")
	fs.Int("posts", def.Scoring.WindowPosts, "score each account on its newest `N` posts")
	fs.String("since", "", "score only posts from `DATE` on (YYYY-MM-DD)")
	fs.Int("days", 0, "score only posts of the last `N` days before --as-of")
	fs.String("as-of", "", "the `DATE` days are counted to (default: the newest post in the batch)")
	fs.String("basis", string(def.Scoring.Basis), "compare each tier's benchmark with the `ER`: followers or views (median view ER)")
	fs.Float64("far-below", def.Scoring.FarBelow, "FAIL an account whose ER is under this `RATIO` of its tier's benchmark")
	fs.Bool("include-saves", false, "count saves as interactions in view ER")
	fs.String("baseline", "", "compare with last week's report in `DIR` (its summary.json)")
	fs.String("fail-on", "", "exit 3 when any account's verdict is `VERDICT` or worse: fail or review")
	fs.String("history", def.Run.History, "keep every run in the SQLite history `FILE`: trends, declines, the previous snapshot as baseline") // HISTORY FLAG (issue 14): for the lead's declaration table
	inputs, f, opts, err := s.parse(fs, args, e.stdin)
	if err != nil {
		return err
	}
	generated, err := report.GeneratedAt(e.getenv, e.now())
	if err != nil {
		return err
	}
	var baseline *scoring.Baseline
	if f.Run.Baseline != "" {
		prev, err := report.ReadSummary(f.Run.Baseline)
		if err != nil {
			return fmt.Errorf("--baseline: %w", err)
		}
		baseline = prev.Baseline()
	}
	hist, err := openHistory(f, fs) // history.go: a wrong file fails before the batch is read
	if err != nil {
		return err
	}
	defer hist.Close()
	timer := newStageTimer(e)
	bar := newProgress(e.stderr, e.getenv, s.quiet)
	defer bar.done()
	opts.Progress = bar.posts
	timer.stage = bar.setStage
	if !report.ChartsInlined() { // even with -q: a page without charts must not pass unnoticed
		fmt.Fprintln(e.stderr, "vet: warning: this vet was built without its chart script (run `make assets`, then rebuild): the page will have no charts")
	}

	defer limitMemory(e.getenv)()
	batch, err := ingest.Read(inputs, opts)
	if err != nil {
		return err
	}
	timer.done("ingest")
	bar.posts(batch.Read)
	if f.Run.Strict && len(batch.Rejected) > 0 {
		listRejected(e.stderr, batch)
		return fmt.Errorf("%s rejected and --strict is set: nothing written", rows(len(batch.Rejected)))
	}
	if !s.quiet {
		listRejected(e.stderr, batch)
	}

	past, err := loadHistory(hist, batch.Posts, &f.Scoring, timer)
	if err != nil {
		return err
	}
	res := scoring.Score(scoring.Input{Posts: batch.Posts, Followers: batch.Followers, Baseline: baseline, History: past}, f.Scoring)
	timer.done("scoring")

	pending := beginHistory(hist, f, batch, res, generated) // written beside the report, kept once the report is
	rep := &report.Report{Version: version, Generated: generated, Batch: batch, Result: res, Timed: timer.took}
	paths, err := report.Write(f.Run.Out, rep)
	bar.done()
	if err != nil {
		pending.Abort()
		return err
	}
	kept, err := keepHistory(pending, f, res, timer)
	if err != nil {
		return err
	}
	if !s.quiet {
		paths = append(paths, kept...)
		for _, p := range paths {
			fmt.Fprintf(e.stdout, "wrote %s\n", p)
		}
		fmt.Fprintln(e.stdout, summaryLine(batch, res))
	}
	return failOn(f.Run.FailOn, res)
}

// failOn is --fail-on: exit 3 when any account got that verdict or a worse one (FAIL is worse
// than REVIEW; UNRATED is neither).
func failOn(level string, res *scoring.Result) error {
	var worst []scoring.Verdict
	switch level {
	case "":
		return nil
	case "fail":
		worst = []scoring.Verdict{scoring.Fail}
	case "review":
		worst = []scoring.Verdict{scoring.Review, scoring.Fail}
	}
	var hit []string
	for _, v := range worst {
		if n := res.Count(v); n > 0 {
			hit = append(hit, fmt.Sprintf("%d %s", n, v))
		}
	}
	if len(hit) == 0 {
		return nil
	}
	return &failOnError{fmt.Sprintf("--fail-on %s: %s (the report is written)", level, strings.Join(hit, ", "))}
}

// summaryLine is the one line that tells how the batch came out.
func summaryLine(b *ingest.Batch, res *scoring.Result) string {
	var vs []string
	for _, v := range scoring.Verdicts() {
		vs = append(vs, fmt.Sprintf("%d %s", res.Count(v), v))
	}
	return fmt.Sprintf("%d accounts: %s; posts: %d read, %d used, %d duplicates, %d rejected",
		len(res.Accounts), strings.Join(vs, ", "), b.Read, b.Used(), b.Duplicates, len(b.Rejected))
}

// maxListed is how many rejected rows are printed to the terminal; the workbook lists them all.
const maxListed = 10

func listRejected(w io.Writer, b *ingest.Batch) {
	for i, r := range b.Rejected {
		if i == maxListed {
			fmt.Fprintf(w, "vet: … and %d more rejected rows (all are on the Rejected sheet)\n", len(b.Rejected)-maxListed)
			break
		}
		fmt.Fprintf(w, "vet: rejected %s\n", r.Error())
	}
	for _, msg := range b.Warnings {
		fmt.Fprintf(w, "vet: warning: %s\n", msg)
	}
}

// stageTimer prints how long each stage took when VET_TIMINGS=1 (for `make bench`):
// one line per stage, "vet: timing: STAGE DURATION".
type stageTimer struct {
	w     io.Writer
	on    bool
	start time.Time
	stage func(next string) // told what comes after each stage, for the progress bar
}

func newStageTimer(e *env) *stageTimer {
	return &stageTimer{w: e.stderr, on: e.getenv("VET_TIMINGS") == "1", start: time.Now()}
}

// nextStage names what follows each stage on the progress bar. The report's three files are
// written at once, so the bar shows them as one stage.
var nextStage = map[string]string{"ingest": "scoring", "scoring": "writing the report"}

// done ends a stage that began when the last one ended.
func (t *stageTimer) done(stage string) {
	if t.stage != nil && nextStage[stage] != "" {
		t.stage(nextStage[stage])
	}
	t.took(stage, time.Since(t.start))
}

// took reports a stage timed by someone else (the report's files, written concurrently).
func (t *stageTimer) took(stage string, d time.Duration) {
	if t.on {
		fmt.Fprintf(t.w, "vet: timing: %s %s\n", stage, d)
	}
	t.start = time.Now()
}

// rows says "1 row" or "n rows".
func rows(n int) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}
