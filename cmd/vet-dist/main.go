// Command vet-dist is `make dist`: it builds vet's release archives, one per platform, with the
// chart script inlined, and their SHA256SUMS (internal/dist says what they hold and how they
// stay reproducible).
//
//	vet-dist [-out dist] [-targets linux/amd64,windows/amd64] [-version V -commit C]
//	vet-dist -ldflags
//
// The version and commit come from git (the tag, or a pseudo-version of the commit), the
// entries' time from SOURCE_DATE_EPOCH when it is set, else from the commit. -version and
// -commit stand in for git (a copy of the tree without .git; SOURCE_DATE_EPOCH is then
// needed too). -ldflags prints the -X flags that stamp a build of cmd/vet with the version and
// commit, for `make build`.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/vet-tool/vet/internal/dist"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("vet-dist", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "dist", "`dir`ectory for the archives and "+dist.SumsFile)
	targets := fs.String("targets", "", "platforms, comma-separated `os/arch` (default: all of "+targetList(dist.Targets)+")")
	version := fs.String("version", "", "the release's `version` instead of git's (with -commit)")
	commit := fs.String("commit", "", "the release's `commit` hash instead of git's (with -version)")
	ldflags := fs.Bool("ldflags", false, "print the -X flags that stamp cmd/vet with the version and commit, and build nothing")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || (*version == "") != (*commit == "") {
		fmt.Fprintln(stderr, "vet-dist: -version and -commit go together, and nothing else is taken; run 'vet-dist -h' for the flags")
		return 2
	}
	stamp, err := readStamp(*version, *commit, os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		fmt.Fprintf(stderr, "vet-dist: %s\n", err)
		return 1
	}
	if *ldflags {
		fmt.Fprintln(stdout, stamp.LDFlags())
		return 0
	}
	ts, err := parseTargets(*targets)
	if err != nil {
		fmt.Fprintf(stderr, "vet-dist: -targets: %s\n", err)
		return 2
	}
	if stamp.Dirty {
		fmt.Fprintf(stderr, "vet-dist: warning: the worktree has changes that are not committed: these archives (%s) are not those of commit %.12s\n", stamp.Version, stamp.Commit)
	}
	written, err := dist.Build(dist.Options{Source: ".", Out: *out, Stamp: stamp, Targets: ts, Log: stderr})
	if err != nil {
		fmt.Fprintf(stderr, "vet-dist: %s\n", err)
		return 1
	}
	for _, p := range written {
		fmt.Fprintf(stdout, "wrote %s\n", p)
	}
	return 0
}

// readStamp is the release's stamp: from git, or from -version and -commit, with the time from
// SOURCE_DATE_EPOCH when it is set.
func readStamp(version, commit, epoch string) (dist.Stamp, error) {
	var s dist.Stamp
	if version != "" {
		if epoch == "" {
			return s, errors.New("-version and -commit need SOURCE_DATE_EPOCH (the entries' time)")
		}
		s = dist.Stamp{Version: strings.TrimPrefix(version, "v"), Commit: commit}
	} else {
		var err error
		if s, err = dist.ReadStamp("."); err != nil {
			return s, err
		}
	}
	if epoch != "" {
		secs, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil || secs < 0 {
			return s, fmt.Errorf("SOURCE_DATE_EPOCH: %q is not a time in seconds since 1970", epoch)
		}
		s.Time = time.Unix(secs, 0).UTC()
	}
	return s, nil
}

func parseTargets(list string) ([]dist.Target, error) {
	if list == "" {
		return dist.Targets, nil
	}
	var ts []dist.Target
	for _, f := range strings.Split(list, ",") {
		os, arch, ok := strings.Cut(strings.TrimSpace(f), "/")
		if !ok || os == "" || arch == "" {
			return nil, fmt.Errorf("%q is not os/arch", f)
		}
		ts = append(ts, dist.Target{OS: os, Arch: arch})
	}
	return ts, nil
}

func targetList(ts []dist.Target) string {
	var s []string
	for _, t := range ts {
		s = append(s, t.String())
	}
	return strings.Join(s, ", ")
}
