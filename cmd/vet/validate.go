package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/vet-tool/vet/internal/config"
	"github.com/vet-tool/vet/internal/ingest"
)

// validateCmd is `vet validate`: ingest only, and an account of what was understood.
func validateCmd(args []string, e *env) error {
	var s settings
	fs := newFlagSet("validate", "validate [flags] INPUT...", e)
	s.declare(fs, config.ReadingFlags)
	inputs, f, opts, err := s.parse(fs, args, e.stdin)
	if err != nil {
		return err
	}
	restore, err := useScratch(e.cleanup)
	if err != nil {
		return err
	}
	defer restore()
	// The report of vet.yaml's out (vet-report by default) is no input.
	opts.Skip = skipReport(f.Run.Out)
	opts.Strict = f.Run.Strict
	stop := limitMemory(e.getenv) // as in run: validating a big batch needs no more memory than vetting it
	b, err := ingest.Read(inputs, opts)
	stop()
	if err != nil {
		return err
	}
	for _, in := range b.Inputs {
		printInput(e.stdout, in)
	}
	fmt.Fprintf(e.stdout, "posts: %d read = %d used + %d duplicates + %d rejected\n", b.Read, b.Used(), b.Duplicates, len(b.Rejected))
	for _, r := range b.Rejected {
		fmt.Fprintf(e.stdout, "rejected %s\n", r.Error())
	}
	for _, f := range b.Skipped {
		fmt.Fprintf(e.stdout, "warning: skipped %s: %s\n", f.Name, english.Say(f.Reason))
	}
	for _, msg := range b.Warnings {
		fmt.Fprintf(e.stdout, "warning: %s\n", msg)
	}
	if msg := b.NoCaptionWarning(); msg != "" {
		fmt.Fprintf(e.stdout, "warning: %s\n", msg)
	}
	if f.Run.Strict && len(b.Rejected) > 0 {
		return fmt.Errorf("%s rejected and --strict is set", rows(len(b.Rejected)))
	}
	return nil
}

// printInput is validate's account of one table: how it was understood, what it gave, and the
// column each field came from, one to a line.
func printInput(w io.Writer, in ingest.Input) {
	var how []string
	for _, s := range []string{in.Format, in.Encoding} {
		if s != "" {
			how = append(how, s)
		}
	}
	if in.Delimiter != "" {
		how = append(how, fmt.Sprintf("delimiter %q", in.Delimiter))
	}
	if in.Preset != "" {
		how = append(how, "layout "+in.Preset)
	}
	fmt.Fprintf(w, "%s: %s (%s)", in.Name, in.Kind, strings.Join(how, ", "))
	if in.Kind == ingest.KindPosts {
		fmt.Fprintf(w, ": %d rows read, %d rejected, %d duplicates", in.Read, in.Rejected, in.Duplicates)
	}
	if !in.Note.IsZero() {
		fmt.Fprintf(w, ": %s", english.Say(in.Note))
	}
	fmt.Fprintln(w)
	for _, c := range in.Columns {
		fmt.Fprintf(w, "  %s\n", c)
	}
}
