package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/vet-tool/vet/internal/config"
	"github.com/vet-tool/vet/internal/history"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// historyCmd is `vet history [--history FILE] [--account HANDLE] [--export DIR]`: the snapshots
// kept, one account's series, or every snapshot as CSV.
func historyCmd(args []string, e *env) error {
	var s settings
	var path, handle, export string
	fs := newFlagSet("history", "history [--history FILE] [--account HANDLE] [--export DIR]", e)
	fs.StringVar(&s.configPath, "config", "", "read settings from `FILE` (default: ./vet.yaml when there is one)")
	fs.StringVar(&path, "history", "", "the history `FILE` (default: history: in vet.yaml)")
	fs.StringVar(&handle, "account", "", "print the series of the account `HANDLE`")
	fs.StringVar(&export, "export", "", "write every snapshot as CSV into `DIR` (snapshots.csv, accounts.csv, posts.csv)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{msg: "history takes no arguments (the file goes with --history FILE)", cmd: "history"}
	}
	if handle != "" && export != "" {
		return &usageError{msg: "history takes --account or --export, not both", cmd: "history"}
	}
	if path == "" {
		f, err := s.load(fs)
		if err != nil {
			return err
		}
		path = f.Run.History
	}
	if path == "" {
		return &usageError{msg: "history needs --history FILE (or history: in vet.yaml)", cmd: "history"}
	}
	st, err := history.OpenExisting(path)
	if err != nil {
		return err
	}
	defer st.Close()
	switch {
	case handle != "":
		return printSeries(e.stdout, st, handle)
	case export != "":
		written, err := st.Export(export)
		if err != nil {
			return err
		}
		for _, p := range written {
			fmt.Fprintf(e.stdout, "wrote %s\n", p)
		}
		return nil
	}
	return printSnapshots(e.stdout, st)
}

// printSnapshots lists the snapshots kept, one line each: as-of, title, accounts, posts.
func printSnapshots(w io.Writer, st *history.Store) error {
	snaps, err := st.Snapshots()
	if err != nil {
		return err
	}
	if len(snaps) == 0 {
		fmt.Fprintln(w, "no snapshots yet")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "as of\ttitle\taccounts\tposts")
	for _, sn := range snaps {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", day(sn.AsOf), titled(sn.Title), english.Count(int64(sn.Accounts)), english.Count(int64(sn.Posts)))
	}
	return tw.Flush()
}

// printSeries prints one account's snapshots: followers, follower ER, verdict and signals.
func printSeries(w io.Writer, st *history.Store, handle string) error {
	series, err := st.Series(handle)
	if err != nil {
		return err
	}
	if len(series) == 0 {
		return fmt.Errorf("no snapshot holds the account %q", strings.TrimPrefix(handle, "@"))
	}
	fmt.Fprintf(w, "@%s: %s\n", series[len(series)-1].Handle, snapshots(len(series)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "as of\ttitle\tfollowers\tfollower ER\tratio\tverdict\tsignals")
	for _, en := range series {
		followers := "n/a"
		if en.Followers.Known() {
			followers = english.Count(int64(en.Followers))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", day(en.AsOf), titled(en.Title), followers,
			percent(en.FollowerER), ratio(en.Ratio), en.Verdict, strings.ReplaceAll(en.Signals, ",", ", "))
	}
	return tw.Flush()
}

// openHistory opens --history before the batch is read, so a wrong file fails the run at once.
// The flag, when given, beats vet.yaml's history:.
func openHistory(f *config.File) (*history.Store, error) {
	if f.Run.History == "" {
		return nil, nil
	}
	st, err := history.Open(f.Run.History)
	if err != nil {
		return nil, fmt.Errorf("--history: %w", err)
	}
	return st, nil
}

// loadHistory reads each account's past points for scoring: the snapshots before this run's
// as-of (--as-of, else the batch's newest post, as scoring takes it).
func loadHistory(st *history.Store, posts []ingest.Post, cfg *scoring.Config, timer *stageTimer) (map[string][]scoring.Point, error) {
	if st == nil {
		return nil, nil
	}
	asOf := cfg.AsOf
	if asOf.IsZero() {
		var newest ingest.Instant
		for i := range posts {
			if posts[i].PostedAt.After(newest) {
				newest = posts[i].PostedAt
			}
		}
		asOf = newest.Time()
	}
	h, err := st.Load(asOf, cfg.HistoryPoints)
	if err != nil {
		return nil, fmt.Errorf("--history: %w", err)
	}
	timer.done("history-load")
	return h, nil
}

// beginHistory starts writing the run's snapshot while the report is written (the workbook
// keeps one core busy; the history takes the other); nil without a history.
func beginHistory(st *history.Store, f *config.File, b *ingest.Batch, res *scoring.Result, created time.Time) *history.Pending {
	if st == nil {
		return nil
	}
	return st.Begin(history.Run{Title: f.Run.Title, Version: vetVersion(), Created: created, Batch: b, Result: res})
}

// keepHistory makes the snapshot part of the history once the report is written: a run that
// fails adds nothing. It returns what to print: the file and the snapshot's day.
func keepHistory(p *history.Pending, f *config.File, res *scoring.Result, timer *stageTimer) ([]string, error) {
	if p == nil {
		return nil, nil
	}
	done, err := p.Commit()
	if err != nil {
		return nil, fmt.Errorf("--history: %w (the report is written; the history is as it was)", err)
	}
	timer.done("history") // the wait for the snapshot after the report: what the history adds to the run
	what := "snapshot as of " + day(res.AsOf)
	if done.Replaced {
		what += ", replacing the one of the same title and as-of"
	}
	return []string{fmt.Sprintf("%s (%s)", f.Run.History, what)}, nil
}

// day writes an as-of as a date, with the time only when it is not midnight.
func day(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04")
}

func titled(t string) string {
	if t == "" {
		return "(untitled)"
	}
	return t
}

func snapshots(n int) string {
	if n == 1 {
		return "1 snapshot"
	}
	return fmt.Sprintf("%d snapshots", n)
}

func percent(r scoring.Rate) string {
	if !r.OK {
		return "n/a"
	}
	return fmt.Sprintf("%.2f%%", r.Value)
}

func ratio(r scoring.Rate) string {
	if !r.OK {
		return "n/a"
	}
	return fmt.Sprintf("%.2f×", r.Value)
}
