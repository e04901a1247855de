package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/vet-tool/vet/internal/report"
	"github.com/vet-tool/vet/templates"
)

// version and commit are stamped by the release build (`make dist`, `make build`: cmd/vet-dist
// computes them from git) with -ldflags "-X main.version=… -X main.commit=…". A build that did
// not stamp them (`go build`, `go install`) falls back on what the Go toolchain recorded in the
// binary: see stamp.
var version, commit string

// buildStamp is what `vet version` prints and what every report records of the vet that made it.
type buildStamp struct {
	Version string // "0.3.1", "0.0.0-20261204193652-f84b29b90c88"; "devel" when nothing says
	Commit  string // the full commit hash, "unknown" when nothing says
	Dirty   bool   // built from a worktree with uncommitted changes (known only from Go's VCS stamp)
}

// stamp is this binary's version and commit: the ones -ldflags set, else the module version
// `go install …@v1.2.0` records and the VCS stamp `go build` adds inside a git checkout (Go
// 1.24 and later also derive the module version from it), else "devel" and "unknown".
func stamp() buildStamp {
	s := buildStamp{Version: version, Commit: commit}
	info, ok := debug.ReadBuildInfo()
	if ok {
		if s.Version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			s.Version = info.Main.Version
		}
		if s.Commit == "" {
			for _, kv := range info.Settings {
				switch kv.Key {
				case "vcs.revision":
					s.Commit = kv.Value
				case "vcs.modified":
					s.Dirty = kv.Value == "true"
				}
			}
		}
	}
	s.Version = strings.TrimPrefix(s.Version, "v")
	if s.Version == "" {
		s.Version = "devel"
	}
	if s.Commit == "" {
		s.Commit, s.Dirty = "unknown", false
	}
	return s
}

// vetVersion is the version every report and history snapshot records.
func vetVersion() string { return stamp().Version }

// chartsLine says which chart script this build inlines into the page, or that it has none.
func chartsLine() string {
	if report.ChartsInlined() {
		return fmt.Sprintf("ECharts %s inlined", templates.EChartsVersion())
	}
	return "not inlined (the page will have no charts: see Install in the README)"
}

// versionCmd is `vet version` (also `vet --version`): vet's version, the commit it was built
// from, the Go toolchain that built it and the chart script it carries, one per line.
func versionCmd(args []string, e *env) error {
	fs := newFlagSet("version", "version", e)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{msg: "version takes no arguments"}
	}
	s := stamp()
	c := s.Commit
	if s.Dirty {
		c += " (with uncommitted changes)"
	}
	fmt.Fprintf(e.stdout, "vet %s\ncommit: %s\ngo:     %s %s/%s\ncharts: %s\n", s.Version, c, runtime.Version(), runtime.GOOS, runtime.GOARCH, chartsLine())
	return nil
}
