package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/report"
	"github.com/vet-tool/vet/internal/scoring"
)

// runOptions are `vet run`'s flags.
type runOptions struct {
	out   string
	posts int
	quiet bool
}

func runCmd(args []string, e *env) error {
	var o runOptions
	fs := newFlagSet("run", "run [flags] INPUT...", e)
	fs.StringVar(&o.out, "out", "vet-report", "write the report into `DIR`")
	fs.IntVar(&o.posts, "posts", scoring.Default().WindowPosts, "score each account on its newest `N` posts")
	fs.BoolVar(&o.quiet, "q", false, "print nothing but errors")
	inputs, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return &usageError{"run needs at least one INPUT (a file, a folder, or - for standard input)"}
	}
	if o.posts < 1 {
		return &usageError{fmt.Sprintf("--posts %d: the window needs at least one post", o.posts)}
	}
	generated, err := report.GeneratedAt(e.getenv, e.now())
	if err != nil {
		return err
	}
	timer := newStageTimer(e)

	batch, err := ingest.Read(inputs, ingest.Options{Stdin: e.stdin})
	if err != nil {
		return err
	}
	timer.done("ingest")
	warnRejected(e.stderr, batch, o.quiet)

	cfg := scoring.Default()
	cfg.WindowPosts = o.posts
	res := scoring.Score(scoring.Input{Posts: batch.Posts, Followers: batch.Followers}, cfg)
	timer.done("scoring")

	rep := &report.Report{Version: version, Generated: generated, Batch: batch, Result: res, Timed: timer.done}
	paths, err := report.Write(o.out, rep)
	if err != nil {
		return err
	}
	if !o.quiet {
		for _, p := range paths {
			fmt.Fprintf(e.stdout, "wrote %s\n", p)
		}
		fmt.Fprintln(e.stdout, summaryLine(batch, res))
	}
	return nil
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

func warnRejected(w io.Writer, b *ingest.Batch, quiet bool) {
	if quiet || len(b.Rejected) == 0 {
		return
	}
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
}

func newStageTimer(e *env) *stageTimer {
	return &stageTimer{w: e.stderr, on: e.getenv("VET_TIMINGS") == "1", start: time.Now()}
}

func (t *stageTimer) done(stage string) {
	if !t.on {
		return
	}
	now := time.Now()
	fmt.Fprintf(t.w, "vet: timing: %s %s\n", stage, now.Sub(t.start))
	t.start = now
}

func validateCmd(args []string, e *env) error {
	fs := newFlagSet("validate", "validate [flags] INPUT...", e)
	inputs, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return &usageError{"validate needs at least one INPUT"}
	}
	b, err := ingest.Read(inputs, ingest.Options{Stdin: e.stdin})
	if err != nil {
		return err
	}
	for _, in := range b.Inputs {
		fmt.Fprintf(e.stdout, "%s (%s): %d rows read, %d rejected, %d duplicates\n", in.Name, in.Format, in.Read, in.Rejected, in.Duplicates)
		for _, c := range in.Columns {
			fmt.Fprintf(e.stdout, "  %s\n", c)
		}
	}
	fmt.Fprintf(e.stdout, "posts: %d read = %d used + %d duplicates + %d rejected\n", b.Read, b.Used(), b.Duplicates, len(b.Rejected))
	for _, r := range b.Rejected {
		fmt.Fprintf(e.stdout, "rejected %s\n", r.Error())
	}
	for _, msg := range b.Warnings {
		fmt.Fprintf(e.stdout, "warning: %s\n", msg)
	}
	return nil
}
