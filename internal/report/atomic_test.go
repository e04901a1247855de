package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/scoring"
)

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestAReportIsStagedWhereItIsToldThenRenamedIntoPlace(t *testing.T) {
	dir := t.TempDir()
	staging := filepath.Join(dir, ".stage")
	if err := os.Mkdir(staging, 0o755); err != nil {
		t.Fatal(err)
	}
	r := testReport(t)
	r.Staging = staging
	var whileStaged, outWhileStaged []string
	r.Timed = func(string, time.Duration) { // called once every file is staged, before the renames
		if whileStaged == nil {
			whileStaged, outWhileStaged = names(t, staging), names(t, dir)
		}
	}
	if _, err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	if len(whileStaged) != len(Files()) {
		t.Errorf("staged %v, want the report's %d files", whileStaged, len(Files()))
	}
	for _, n := range whileStaged {
		if !strings.HasPrefix(n, ".") || !strings.HasSuffix(n, ".tmp") {
			t.Errorf("staged file %q is not a hidden .tmp", n)
		}
	}
	if len(outWhileStaged) != 1 {
		t.Errorf("the report folder held %v while staging, want only the staging folder", outWhileStaged)
	}
	if left := names(t, staging); len(left) != 0 {
		t.Errorf("the staging folder still holds %v", left)
	}
	if got := names(t, dir); len(got) != len(Files())+1 {
		t.Errorf("the report folder holds %v, want the report's files and the staging folder", got)
	}

	// A failed write leaves the staging folder empty too.
	bad := testReport(t)
	bad.Staging = staging
	bad.Result.Accounts[0].FollowerER = scoring.Rate{Value: nan(), OK: true}
	if _, err := Write(dir, bad); err == nil {
		t.Fatal("Write succeeded with a NaN rate")
	}
	if left := names(t, staging); len(left) != 0 {
		t.Errorf("after a failed write the staging folder holds %v", left)
	}
}
