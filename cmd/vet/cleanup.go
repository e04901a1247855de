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
	exitInterrupt = 130 // SIGINT (Ctrl-C)
	exitTerminate = 143 // SIGTERM
)

// onSignal stops the command on SIGINT or SIGTERM: it lets a report being renamed into place
// finish (report.Freeze), removes every temporary file the run made, says so and exits 130 or
// 143. The previous report stays as it was, unless the new one was already whole. The returned
// function stops listening.
func onSignal(stderr io.Writer, c *cleanup) (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
			return
		case s := <-sigs:
			c.interrupted.Store(true)
			report.Freeze()
			c.do()
			code := exitInterrupt
			if s == syscall.SIGTERM {
				code = exitTerminate
			}
			fmt.Fprintf(stderr, "vet: stopped by %s: temporary files removed, no report half-written\n", sigName(s))
			os.Exit(code)
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

func sigName(s os.Signal) string {
	if s == syscall.SIGTERM {
		return "SIGTERM"
	}
	return "SIGINT"
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
