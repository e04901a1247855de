package dist

import (
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Stamp is what a release is built from: its version, commit and time.
type Stamp struct {
	// Version is the tag on the commit without its v ("1.2.0"), else a pseudo-version of the
	// commit as the Go toolchain writes one for a main module ("1.2.1-0.20261204193703-2de8750d174b"
	// after v1.2.0, "0.0.0-20261204193652-f84b29b90c88" with no tag), so that `go build` in the
	// same checkout and `make dist` name one commit alike; "+dirty" is added when the worktree
	// holds changes that are not committed.
	Version string
	Commit  string    // the full commit hash
	Time    time.Time // the commit's time (UTC), every archive entry's modification time
	Dirty   bool      // uncommitted changes (or untracked files, as Go counts them)
}

// LDFlags are the -X flags that stamp cmd/vet with the version and commit.
func (s Stamp) LDFlags() string {
	return fmt.Sprintf("-X main.version=%s -X main.commit=%s", s.Version, s.Commit)
}

// ReadStamp reads the stamp of the checkout in dir from git.
func ReadStamp(dir string) (Stamp, error) {
	var s Stamp
	line, err := git(dir, "log", "-1", "--format=%H %ct")
	if err != nil {
		return s, err
	}
	hash, secs, _ := strings.Cut(line, " ")
	t, err := strconv.ParseInt(secs, 10, 64)
	if err != nil {
		return s, fmt.Errorf("git log: commit time %q: %w", secs, err)
	}
	s.Commit, s.Time = hash, time.Unix(t, 0).UTC()
	status, err := git(dir, "status", "--porcelain")
	if err != nil {
		return s, err
	}
	s.Dirty = status != ""
	exact, _ := git(dir, "describe", "--tags", "--exact-match", "--match", "v[0-9]*")
	nearest, _ := git(dir, "describe", "--tags", "--abbrev=0", "--match", "v[0-9]*")
	s.Version = version(exact, nearest, s.Commit, s.Time)
	if s.Dirty {
		s.Version += "+dirty"
	}
	return s, nil
}

// semver is a release or pre-release tag Go accepts as a module version (build metadata aside).
var semver = regexp.MustCompile(`^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$`)

// version is the tag on the commit (exact), else a pseudo-version after the nearest tag before
// it, or after none, without the leading v; tags that are not semantic versions are ignored.
func version(exact, nearest, commit string, t time.Time) string {
	if semver.MatchString(exact) {
		return strings.TrimPrefix(exact, "v")
	}
	rev := t.UTC().Format("20060102150405") + "-" + commit[:min(12, len(commit))]
	m := semver.FindStringSubmatch(nearest)
	switch {
	case m == nil:
		return "0.0.0-" + rev
	case m[4] != "": // after a pre-release v1.2.0-rc.1: v1.2.0-rc.1.0.TIME-HASH
		return strings.TrimPrefix(nearest, "v") + ".0." + rev
	default: // after a release v1.2.0: v1.2.1-0.TIME-HASH
		patch, _ := strconv.Atoi(m[3])
		return fmt.Sprintf("%s.%s.%d-0.%s", m[1], m[2], patch+1, rev)
	}
}

// git runs a git command in dir and returns its output, trimmed.
func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %s", strings.Join(args, " "), firstLine(stderr.String(), err))
	}
	return strings.TrimSpace(string(out)), nil
}

// firstLine is a command's complaint on one line: its stderr's lines joined, without the
// "# package" headers of the go command, or its error when it said nothing.
func firstLine(stderr string, err error) string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "# ") {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return err.Error()
	}
	return strings.Join(lines, "; ")
}
