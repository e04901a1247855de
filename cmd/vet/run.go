package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/vet-tool/vet/internal/config"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/report"
	"github.com/vet-tool/vet/internal/scoring"
)

// settings are the flags shared by run and validate: how inputs are read, and the config file.
type settings struct {
	configPath string
	quiet      bool
}

// declare declares the command's flags: --config, -q, and the settings the config package
// declares (every setting of vet.yaml that has a flag, or for validate those that say how
// exports are read).
func (s *settings) declare(fs *flag.FlagSet, which config.Which) {
	fs.StringVar(&s.configPath, "config", "", "`FILE`: read settings from it (default: ./vet.yaml when there is one)")
	fs.BoolVar(&s.quiet, "q", false, "print nothing but errors")
	config.DeclareFlags(fs, which)
}

// parse reads a command's flags and inputs, the config file, and the flags given over it.
func (s *settings) parse(fs *flag.FlagSet, args []string, stdin io.Reader) ([]string, *config.File, ingest.Options, error) {
	inputs, err := parseFlags(fs, args)
	if err != nil {
		return nil, nil, ingest.Options{}, err
	}
	if len(inputs) == 0 {
		return nil, nil, ingest.Options{}, &usageError{msg: fs.Name() + " needs at least one INPUT (a file, a folder, or - for standard input)"}
	}
	if stdins := slices.DeleteFunc(slices.Clone(inputs), func(in string) bool { return in != "-" }); len(stdins) > 1 {
		return nil, nil, ingest.Options{}, &usageError{msg: "- is given twice: standard input can be read only once"}
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
		return nil, &usageError{msg: err.Error()}
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
		return o, &usageError{msg: fmt.Sprintf("--preset: %s is not a layout (layouts: %s)", quote(f.Run.Preset), strings.Join(names, ", "))}
	}
	if f.Run.Accounts != "" {
		o.Accounts = []string{f.Run.Accounts}
	}
	for name, header := range f.Run.Map {
		field, ok := ingest.ParseField(name)
		if !ok {
			return o, &usageError{msg: notAField("--map", name)}
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
			return nil, errors.New(notAField("", name))
		}
		out[field] = headers
	}
	return out, nil
}

// notAField is the one wording of a field name vet does not know: `where: "bogus" is not a
// field (account, followers, …)`, where "" leaves out the where.
func notAField(where, name string) string {
	msg := fmt.Sprintf("%s is not a field (%s)", quote(name), fieldNames())
	if where != "" {
		msg = where + ": " + msg
	}
	return msg
}

func fieldNames() string {
	var ns []string
	for _, f := range ingest.Fields() {
		ns = append(ns, f.String())
	}
	return strings.Join(ns, ", ")
}

func runCmd(args []string, e *env) error {
	var s settings
	fs := newFlagSet("run", "run [flags] INPUT...", e)
	s.declare(fs, config.RunFlags)
	inputs, f, opts, err := s.parse(fs, args, e.stdin)
	if err != nil {
		return err
	}
	generated, err := report.GeneratedAt(e.getenv, e.now())
	if err != nil {
		return err
	}
	brand, err := brandOf(&f.Run)
	if err != nil {
		return err
	}
	printer, err := printerOf(&f.Run)
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
	hist, err := openHistory(f) // history.go: a wrong file fails before the batch is read
	if err != nil {
		return err
	}
	defer hist.Close()
	timer := newStageTimer(e)
	bar := newProgress(e.stderr, e.getenv, s.quiet, printer)
	defer bar.done()
	opts.Progress = bar.posts
	timer.stage = func(next string) { bar.setStage(printer.T("cli.stage." + next)) }
	if !report.ChartsInlined() { // even with -q: a page without charts must not pass unnoticed
		fmt.Fprintln(e.stderr, printer.T("cli.no_charts", "page", report.PageFile))
	}

	restore, err := useScratch(e.cleanup)
	if err != nil {
		return err
	}
	defer restore()
	defer limitMemory(e.getenv)()
	opts.Skip = skipReport(f.Run.Out)
	opts.Strict = f.Run.Strict
	batch, err := ingest.Read(inputs, opts)
	var skipped *ingest.SkippedError
	if errors.As(err, &skipped) { // --strict: the files of a folder that cannot be read
		return errors.New(skipped.Said(printer))
	}
	if err != nil {
		return err
	}
	timer.done("ingest")
	if f.Run.Currency == "" && batch.Currency() != "" { // the accounts file's own (€1.250, a currency column)
		printer = lang.New(printer.Lang(), lang.Currency(batch.Currency()))
	}
	bar.posts(batch.Read)
	listSkipped(e.stderr, batch, s.quiet, printer)
	if f.Run.Strict && len(batch.Rejected) > 0 {
		listRejected(e.stderr, batch, printer)
		return errors.New(printer.T("cli.strict", "rows", printer.Plural(int64(len(batch.Rejected)), "row")))
	}
	if !s.quiet || batch.Used() == 0 {
		listRejected(e.stderr, batch, printer)
	}
	if batch.Used() == 0 {
		return nothingToScore(batch, f.Run.Out, printer)
	}
	dateWarnings, err := checkDates(batch.Posts, &f.Scoring)
	if err != nil {
		return err
	}
	for _, w := range dateWarnings {
		fmt.Fprintln(e.stderr, printer.T("cli.warning_only", "text", printer.Say(w))) // even with -q: the verdicts rest on it
	}

	past, err := loadHistory(hist, batch.Posts, &f.Scoring, timer)
	if err != nil {
		return err
	}
	res := scoring.Score(scoring.Input{Posts: batch.Posts, Texts: &batch.Texts, Followers: batch.Followers, Prices: batch.Prices, Baseline: baseline, History: past, NoCaption: batch.NoCaption}, f.Scoring)
	timer.done("scoring")
	if !s.quiet {
		listBatchWarnings(e.stderr, res, printer)
	}

	staging, err := claimOut(f.Run.Out, e, e.cleanup, s.quiet, bar, printer)
	if err != nil {
		return err
	}
	pending := beginHistory(hist, f, batch, res, generated) // written beside the report, kept once the report is
	rep := &report.Report{Version: vetVersion(), Generated: generated, Batch: batch, Result: res, Timed: timer.took, Staging: staging, Brand: brand, Printer: printer,
		NoPDF: !f.Run.PDF, Paper: f.Run.Paper}
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
			fmt.Fprintln(e.stdout, printer.T("cli.wrote", "path", p))
		}
		fmt.Fprintln(e.stdout, summaryLine(batch, res, printer))
	}
	return failOn(f.Run.FailOn, res, printer)
}

// printerOf is the report's language and currency (--lang, --currency).
func printerOf(r *config.Run) (*lang.Printer, error) {
	l, err := lang.Parse(r.Lang)
	if err != nil {
		return nil, &usageError{msg: "--lang: " + err.Error()}
	}
	c, err := lang.ParseCurrency(r.Currency)
	if err != nil {
		return nil, &usageError{msg: "--currency: " + err.Error()}
	}
	return lang.New(l, c), nil
}

// failOn is --fail-on: exit 3 when any account got that verdict or a worse one (FAIL is worse
// than REVIEW; UNRATED is neither).
func failOn(level string, res *scoring.Result, p *lang.Printer) error {
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
			hit = append(hit, p.T("cli.verdict_count", "n", p.Int(n), "name", p.T("verdict."+v.String())))
		}
	}
	if len(hit) == 0 {
		return nil
	}
	return &failOnError{p.T("cli.fail_on", "level", level, "verdicts", strings.Join(hit, ", "))}
}

// summaryLine is the one line that tells how the batch came out, in the report's language.
func summaryLine(b *ingest.Batch, res *scoring.Result, p *lang.Printer) string {
	var vs []string
	for _, v := range scoring.Verdicts() {
		vs = append(vs, p.T("cli.verdict_count", "n", p.Int(res.Count(v)), "name", p.T("verdict."+v.String())))
	}
	return p.T("cli.summary", "accounts", p.Plural(int64(len(res.Accounts)), "account"), "verdicts", strings.Join(vs, ", "),
		"read", p.Int(b.Read), "used", p.Int(b.Used()), "duplicates", p.Plural(int64(b.Duplicates), "duplicate"), "rejected", p.Int(len(b.Rejected)))
}

// nothingToScore is the error of a run whose inputs hold no post to score: it writes nothing,
// so last week's report is not replaced by an empty one.
func nothingToScore(b *ingest.Batch, out string, p *lang.Printer) error {
	why := p.T("cli.nothing.no_rows")
	if b.Read > 0 {
		why = p.PluralT(int64(b.Read), "cli.nothing.all_rejected")
	}
	return errors.New(p.T("cli.nothing.to_score", "why", why, "out", out))
}

// listBatchWarnings says once what is wrong with the batch as a whole, and the fix (SPEC §3),
// in the report's language.
func listBatchWarnings(w io.Writer, res *scoring.Result, p *lang.Printer) {
	for _, x := range res.Warnings {
		fmt.Fprintln(w, p.T("cli.warning", "text", oneLine(p.Say(x.Text)), "fix", oneLine(p.Say(x.Fix))))
	}
}

// maxListed is how many rejected rows are printed to the terminal; the workbook lists them all.
const maxListed = 10

func listRejected(w io.Writer, b *ingest.Batch, p *lang.Printer) {
	for i := range b.Rejected {
		if i == maxListed {
			fmt.Fprintln(w, p.PluralT(int64(len(b.Rejected)-maxListed), "cli.rejected_more", "sheet", report.SheetRejected.Name(p)))
			break
		}
		fmt.Fprintln(w, p.T("cli.rejected", "row", oneLine(b.Rejected[i].Said(p))))
	}
	// A notice is among the warnings in English too: the run's language says it instead.
	notices := make(map[string]lang.Msg, len(b.Notices))
	for _, m := range b.Notices {
		notices[lang.InEnglish(m)] = m
	}
	for _, msg := range b.Warnings {
		if m, ok := notices[msg]; ok {
			msg = p.Say(m)
		}
		fmt.Fprintln(w, p.T("cli.warning_only", "text", oneLine(msg)))
	}
	if m := b.NoCaptionNotice(); !m.IsZero() {
		fmt.Fprintln(w, p.T("cli.warning_only", "text", p.Say(m)))
	}
}

// listSkipped names every input vet did not read: the files of a folder that could not be read
// (even under -q: their posts are missing from the report), and, unless quiet, the tables that
// are not posts (TikTok Studio's Overview, say).
func listSkipped(w io.Writer, b *ingest.Batch, quiet bool, p *lang.Printer) {
	if !quiet {
		for _, in := range b.Inputs {
			if in.Kind == ingest.KindSkipped {
				fmt.Fprintln(w, p.T("cli.skipped", "name", oneLine(in.Name), "why", oneLine(p.Say(in.Note))))
			}
		}
	}
	for _, f := range b.Skipped {
		fmt.Fprintln(w, p.T("cli.skipped", "name", oneLine(f.Name), "why", oneLine(p.Say(f.Reason))))
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
// Its values are keys of cli.stage.
var nextStage = map[string]string{"ingest": "scoring", "scoring": "writing"}

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

// english writes what vet tells the person running it besides the report's summary: errors,
// progress, the history's listings.
var english = lang.New(lang.English, "")

// rows says "1 row" or "1,200 rows".
func rows(n int) string { return english.Plural(int64(n), "row") }
