package dist

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStampNamesACommitAsGoDoes holds ReadStamp to the Go toolchain itself: in a scratch git
// repository, a program built with the VCS stamp (go build -buildvcs=true) prints the module
// version Go derived from the tags and the commit, and ReadStamp must say the same, at each
// step of a repository's life.
func TestStampNamesACommitAsGoDoes(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed: ", err)
	}
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(env []string, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	commitAt := func(date string) {
		t.Helper()
		run(nil, "git", "add", "-A")
		who := []string{"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
			"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date}
		run(who, "git", "commit", "-q", "-m", date)
	}
	// Go's own stamp: what `go build` in this checkout records as the main module's version.
	goSays := func() string {
		t.Helper()
		bin := filepath.Join(t.TempDir(), "stamped")
		run([]string{"GOFLAGS=-mod=mod", "CGO_ENABLED=0"}, "go", "build", "-buildvcs=true", "-o", bin, ".")
		return run(nil, bin)
	}
	write("go.mod", "module example.com/stamped\n\ngo 1.21\n")
	write(".gitignore", "/stamped\n")
	write("main.go", "package main\n\nimport (\n\t\"fmt\"\n\t\"runtime/debug\"\n)\n\nfunc main() {\n\tbi, _ := debug.ReadBuildInfo()\n\tfmt.Print(bi.Main.Version)\n}\n")
	run(nil, "git", "init", "-q")
	commitAt("2026-11-30T09:15:00+01:00")

	for _, step := range []struct {
		name string
		do   func()
	}{
		{"a commit with no tag is a v0.0.0 pseudo-version of its time and hash", func() {}},
		{"a tagged commit is its tag", func() { run(nil, "git", "tag", "v1.2.0") }},
		{"a commit after a release tag is a pseudo-version of the next patch", func() {
			write("a.txt", "a\n")
			commitAt("2026-12-02T23:59:59-08:00")
		}},
		{"a tag that is not a semantic version is passed over", func() { run(nil, "git", "tag", "nightly") }},
		{"a commit after a pre-release tag is a pseudo-version after it", func() {
			run(nil, "git", "tag", "v1.3.0-rc.1")
			write("b.txt", "b\n")
			commitAt("2026-12-03T12:00:00Z")
		}},
		{"a worktree with uncommitted changes is +dirty", func() { write("b.txt", "changed\n") }},
		{"an untracked file is +dirty too", func() {
			run(nil, "git", "checkout", "-q", "b.txt")
			write("c.txt", "new\n")
		}},
	} {
		t.Run(step.name, func(t *testing.T) {
			step.do()
			s, err := ReadStamp(dir)
			if err != nil {
				t.Fatal(err)
			}
			if want := goSays(); "v"+s.Version != want {
				t.Errorf("ReadStamp says %q, go build stamps %q", s.Version, want)
			}
			head := run(nil, "git", "rev-parse", "HEAD")
			if s.Commit != head || s.Dirty != strings.HasSuffix(s.Version, "+dirty") {
				t.Errorf("commit %s, dirty %v; want %s, dirty as the version says (%s)", s.Commit, s.Dirty, head, s.Version)
			}
			if when := run(nil, "git", "log", "-1", "--format=%cI"); !s.Time.Equal(mustParse(t, when)) || s.Time.Location() != time.UTC {
				t.Errorf("time %s, want the commit's %s in UTC", s.Time, when)
			}
			t.Logf("%s", s.Version)
		})
	}
}

func mustParse(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
