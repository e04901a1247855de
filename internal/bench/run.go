package bench

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// Sample is one run of a program.
type Sample struct {
	Wall    time.Duration // from start to exit, as the parent saw it
	PeakRSS int64         // bytes: the child's maximum resident set size, from getrusage
	CPU     time.Duration // user + system time of the child: less moved by other load than Wall
	Steps   Timings       // what the program printed about its own steps
}

// Command is a program to measure and where its timing lines come from.
type Command struct {
	Args   []string // the program and its arguments
	Env    []string // added to the environment
	Prefix string   // VetPrefix (read from stderr), FloorPrefix (read from stdout), or "" for none
	Fresh  []string // files removed before each run (with SQLite's -wal and -shm beside them)
}

// Measure runs c once. A program that fails is an error carrying the end of its stderr.
func Measure(c Command) (Sample, error) {
	for _, p := range c.Fresh {
		for _, f := range []string{p, p + "-wal", p + "-shm"} {
			if err := os.Remove(f); err != nil && !os.IsNotExist(err) {
				return Sample{}, err
			}
		}
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(c.Args[0], c.Args[1:]...)
	cmd.Env = append(os.Environ(), c.Env...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	s := Sample{Wall: time.Since(start)}
	if err != nil {
		return s, fmt.Errorf("%s: %w: %s", strings.Join(c.Args, " "), err, tail(stderr.String(), 400))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.PeakRSS = ru.Maxrss * 1024 // kilobytes on Linux
		s.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if c.Prefix == "" { // a program that prints no timings (LibreOffice)
		return s, nil
	}
	out := &stdout
	if c.Prefix == VetPrefix {
		out = &stderr
	}
	s.Steps, err = ParseTimings(out, c.Prefix)
	if err != nil {
		return s, fmt.Errorf("%s: %w", strings.Join(c.Args, " "), err)
	}
	return s, nil
}

func tail(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return s
}
