package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

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
  vet init [DIR]                  write a commented vet.yaml with every default (DIR is created)
  vet history [--history FILE]    the snapshots kept; --account HANDLE, --export DIR
  vet calc --views N --likes N --comments N --shares N
                                  one video's view ER against the platform average
  vet calc --followers N --posts N --likes N --comments N
                                  one account's follower ER, tier, benchmark and ratio
  vet calc INPUT...               the same for each account of an export, no report written
  vet version                     vet's version, commit, Go version and chart script (also --version)

INPUT is a file (.csv, .tsv, .txt, .xlsx, .json, .jsonl), a folder of them (a TikTok Studio
export folder is read as one account), or - for CSV on standard input. A folder's file that
cannot be read is named and skipped; vet never reads its own report files.

Exit status: 0 done; 1 the run failed, nothing half-written left behind (the previous report
stays); 2 usage; 3 --fail-on tripped (the report is written); 129, 130, 131 or 143 stopped by
SIGHUP, Ctrl-C (SIGINT), SIGQUIT or SIGTERM, with every temporary file removed. A closed
standard output (vet run … | head) ends the printing, not the run.

Run 'vet run -h' for the flags.
`

// env is what a command may touch of the world, so tests can run it in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	cleanup        *cleanup // what the command must remove however it ends
}

// run is the whole command: it returns the exit code and is the only place that maps errors
// to one.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	stdout = endOnEPIPE(stdout)
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, now: time.Now, cleanup: &cleanup{}}
	stop := onSignal(stderr, e.cleanup)
	err := dispatch(args, e)
	e.cleanup.do()
	stop()
	if e.cleanup.interrupted.Load() {
		select {} // the signal handler is removing the temporary files, then exits
	}
	var ue *usageError
	var fo *failOnError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "vet: %s\n%s\n", oneLine(ue.msg), ue.hint())
		return exitUsage
	case errors.As(err, &fo):
		fmt.Fprintf(stderr, "vet: %s\n", oneLine(fo.Error()))
		return exitFailOn
	default:
		fmt.Fprintf(stderr, "vet: %s\n", oneLine(err.Error()))
		return exitFailed
	}
}

// failOnError is --fail-on tripping: the report is written, the exit code says so.
type failOnError struct{ msg string }

func (e *failOnError) Error() string { return e.msg }

func dispatch(args []string, e *env) error {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return &usageError{msg: "no command given"}
	}
	cmd, rest := args[0], args[1:]
	err := command(cmd, rest, e)
	var ue *usageError
	if errors.As(err, &ue) && ue.cmd == "" {
		ue.cmd = cmd
	}
	return err
}

func command(cmd string, rest []string, e *env) error {
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
	case "calc":
		return calcCmd(rest, e)
	case "version", "--version", "-version":
		return versionCmd(rest, e)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(e.stdout, usage)
		return nil
	default:
		return &usageError{msg: fmt.Sprintf("unknown command %s", quote(cmd)), cmd: "help"}
	}
}
