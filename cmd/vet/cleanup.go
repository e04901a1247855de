package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/vet-tool/vet/internal/report"
)

// cleanup is what a command must undo however it ends: its temporary folders, its lock on
// --out. A signal undoes it as a normal return does.
type cleanup struct {
	mu          sync.Mutex
	undo        []func()
	interrupted atomic.Bool
}

// add registers f to run at the end, before those added earlier.
func (c *cleanup) add(f func()) {
	c.mu.Lock()
	c.undo = append(c.undo, f)
	c.mu.Unlock()
}

// do runs what was added, once.
func (c *cleanup) do() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := len(c.undo) - 1; i >= 0; i-- {
		c.undo[i]()
	}
	c.undo = nil
}

// Exit codes of a run stopped by a signal: 128 + the signal's number, as shells report it.
const (
	exitHangup    = 129 // SIGHUP (the terminal closed)
	exitInterrupt = 130 // SIGINT (Ctrl-C)
	exitQuit      = 131 // SIGQUIT (Ctrl-\)
	exitTerminate = 143 // SIGTERM
)

// stopSignals are the signals that stop a run, each with its name and exit code. Every one of
// them cleans up the same way.
var stopSignals = []struct {
	sig  os.Signal
	name string
	code int
}{
	{syscall.SIGHUP, "SIGHUP", exitHangup},
	{os.Interrupt, "SIGINT", exitInterrupt},
	{syscall.SIGQUIT, "SIGQUIT", exitQuit},
	{syscall.SIGTERM, "SIGTERM", exitTerminate},
}

// onSignal stops the command on SIGHUP, SIGINT, SIGQUIT or SIGTERM: it lets a report being
// renamed into place finish (report.Freeze), removes every temporary file the run made, says so
// and exits 128 + the signal's number. The previous report stays as it was, unless the new one
// was already whole. SIGPIPE is taken too, so that a write to a closed pipe returns EPIPE
// (see endOnEPIPE) instead of killing the run with the lock and staging folder left in --out.
// The returned function stops listening.
func onSignal(stderr io.Writer, c *cleanup) (stop func()) {
	sigs := make(chan os.Signal, 1)
	for _, s := range stopSignals {
		signal.Notify(sigs, s.sig)
	}
	pipe := make(chan os.Signal, 1) // never read: a closed pipe is a write's error, not a stop
	signal.Notify(pipe, syscall.SIGPIPE)
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
			return
		case s := <-sigs:
			c.interrupted.Store(true)
			report.Freeze()
			c.do()
			name, code := sigName(s)
			fmt.Fprintf(stderr, "vet: stopped by %s: temporary files removed, no report half-written\n", name)
			os.Exit(code)
		}
	}()
	return func() {
		signal.Stop(sigs)
		signal.Stop(pipe)
		close(done)
	}
}

// sigName is a stop signal's name and the exit code it gives.
func sigName(s os.Signal) (string, int) {
	for _, x := range stopSignals {
		if x.sig == s {
			return x.name, x.code
		}
	}
	return s.String(), exitInterrupt
}

// endOnEPIPE wraps standard output so that a reader gone away (`vet run … | head`) ends the
// printing, not the run: the first EPIPE is taken as the end of what anyone will read, and every
// write from then on is dropped without an error. The report is still committed, the lock and
// staging folder still removed, and the exit code is the run's own.
func endOnEPIPE(w io.Writer) io.Writer { return &pipeOut{w: w} }

type pipeOut struct {
	w      io.Writer
	closed atomic.Bool
}

func (p *pipeOut) Write(b []byte) (int, error) {
	if p.closed.Load() {
		return len(b), nil
	}
	n, err := p.w.Write(b)
	if errors.Is(err, syscall.EPIPE) {
		p.closed.Store(true)
		return len(b), nil
	}
	return n, err
}

// removeAll removes a temporary folder even while the run's goroutines are still making files
// in it: once it is gone, nothing more can be made there.
func removeAll(dir string) {
	for range 100 {
		if err := os.RemoveAll(dir); err == nil || errors.Is(err, os.ErrNotExist) {
			return
		}
	}
}
