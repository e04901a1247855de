package main

import (
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/vet-tool/vet/internal/lang"
)

// progress is the bar on stderr of a run that takes more than a moment: the stage it is in
// and the posts read. It is shown only when stderr is a terminal, never under -q or in CI, and
// only once the run has lasted progressDelay. A nil *progress does nothing.
type progress struct {
	p     *mpb.Progress
	bar   *mpb.Bar
	stage atomic.Pointer[string]
	read  atomic.Int64
	once  sync.Once
}

// progressDelay is how long a run goes before its bar appears: short runs print no bar.
const progressDelay = 700 * time.Millisecond

// wantProgress says whether a bar belongs on w.
func wantProgress(w io.Writer, getenv func(string) string, quiet bool) bool {
	if quiet || getenv("CI") != "" || getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// newProgress starts a bar on w when wanted; nil otherwise.
// Its words are in the run's language (cli.stage.*).
func newProgress(w io.Writer, getenv func(string) string, quiet bool, p *lang.Printer) *progress {
	if !wantProgress(w, getenv, quiet) {
		return nil
	}
	return startProgress(w, progressDelay, p)
}

func startProgress(w io.Writer, delay time.Duration, p *lang.Printer) *progress {
	pr := &progress{}
	pr.setStage(p.T("cli.stage.reading"))
	show := make(chan any)
	time.AfterFunc(delay, func() { close(show) })
	pr.p = mpb.New(mpb.WithOutput(w), mpb.WithWidth(1), mpb.WithRenderDelay(show), mpb.WithRefreshRate(150*time.Millisecond))
	pr.bar = pr.p.New(0, mpb.SpinnerStyle(),
		mpb.PrependDecorators(decor.Any(func(decor.Statistics) string { return "vet: " + *pr.stage.Load() + " " })),
		mpb.AppendDecorators(decor.Any(func(decor.Statistics) string {
			return p.T("cli.stage.posts_read", "n", p.Count(pr.read.Load()))
		})),
		mpb.BarRemoveOnComplete(),
	)
	return pr
}

func (pr *progress) setStage(s string) {
	if pr != nil {
		pr.stage.Store(&s)
	}
}

// posts is ingest's Options.Progress.
func (pr *progress) posts(n int) {
	if pr != nil {
		pr.read.Store(int64(n))
	}
}

// done removes the bar and waits until it is gone, so nothing is printed over it.
func (pr *progress) done() {
	if pr == nil {
		return
	}
	pr.once.Do(func() {
		pr.bar.SetTotal(-1, true)
		pr.p.Wait()
	})
}
