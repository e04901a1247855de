package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

// version is vet's version, shown by `vet version` and written into every report.
const version = "0.1.0"

// Exit codes (SPEC §1).
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
	exitFailOn = 3
)

const usage = `vet vets influencers in batches: exports of creators' posts in, verdicts out.

Usage:
  vet run [flags] INPUT...        read the exports, score every account, write the report
  vet validate [flags] INPUT...   read the exports only: columns found, row counts, rejected rows
  vet benchmarks [--config F]     print the tier table and thresholds in force
  vet init [DIR]                  write a commented vet.yaml with every default
  vet history [--history FILE]    the snapshots kept; --account HANDLE, --export DIR
  vet version                     print vet's version

INPUT is a .csv, .tsv, .txt file or a folder of them; - reads CSV from standard input.
Run 'vet run -h' for the flags.
`

// usageError is a mistake in how vet was called: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// env is what a command may touch of the world, so tests can run it in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
}

// run is the whole command: it returns the exit code and is the only place that maps errors
// to one.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, now: time.Now}
	err := dispatch(args, e)
	var ue *usageError
	var fo *failOnError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "vet: %s\n", ue.msg)
		fmt.Fprintf(stderr, "run 'vet help' for usage\n")
		return exitUsage
	case errors.As(err, &fo):
		fmt.Fprintf(stderr, "vet: %s\n", fo)
		return exitFailOn
	default:
		fmt.Fprintf(stderr, "vet: %s\n", err)
		return exitFailed
	}
}

// failOnError is --fail-on tripping: the report is written, the exit code says so.
type failOnError struct{ msg string }

func (e *failOnError) Error() string { return e.msg }

func dispatch(args []string, e *env) error {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return &usageError{"no command given"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "run":
		return runCmd(rest, e)
	case "validate":
		return validateCmd(rest, e)
	case "benchmarks":
		return benchmarksCmd(rest, e)
	case "init":
		return initCmd(rest, e)
	case "history":
		return historyCmd(rest, e)
	case "version", "--version", "-version":
		fmt.Fprintf(e.stdout, "vet %s\n", version)
		return nil
	case "help", "-h", "-help", "--help":
		fmt.Fprint(e.stdout, usage)
		return nil
	default:
		return &usageError{fmt.Sprintf("unknown command %q", cmd)}
	}
}

// newFlagSet makes a subcommand's flag set; its errors are usage errors.
func newFlagSet(name, synopsis string, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parse errors are reported once, by run
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: vet %s\n\nFlags:\n", synopsis)
		fs.SetOutput(e.stderr)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parseFlags parses flags placed before or after the inputs (`vet run a.csv --out r`).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var inputs []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return inputs, nil
		}
		inputs = append(inputs, args[0])
		args = args[1:]
	}
}
