//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// vetCmd is vet as a subprocess: the test binary, which testscript.Main put on PATH as `vet`.
func vetCmd(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	bin, err := exec.LookPath("vet")
	if err != nil {
		t.Fatalf("vet is not on PATH: %v", err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// writeAccount writes a small export of one account, whose handle tells its report apart.
func writeAccount(t *testing.T, dir, handle string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("account,followers,views,likes,comments,shares,video_id,caption\n")
	for i := range 50 {
		fmt.Fprintf(&b, "%s,10000,%d,%d,%d,%d,%s%d,post %d\n", handle, 5000+i, 300+i, 20, 5, handle, i, i)
	}
	path := filepath.Join(dir, handle+".csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// whose says which of the handles the report file at path is about, failing when it names
// both or neither.
func whose(t *testing.T, path string, handles ...string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Ext(path) == ".xlsx" { // its cells, as a user's tool reads them
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("Accounts")
		if err != nil {
			t.Fatal(err)
		}
		data = fmt.Append(nil, rows)
	}
	var found []string
	for _, h := range handles {
		if bytes.Contains(data, []byte(h)) {
			found = append(found, h)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%s names %v of %v", filepath.Base(path), found, handles)
	}
	return found[0]
}

// TestTwoRunsIntoOneOutNeverMix runs two vets into one --out at once, twenty times: the files
// left are always one run's (issue 13 case 6: without a lock, 2 in 41 tries mixed them).
func TestTwoRunsIntoOneOutNeverMix(t *testing.T) {
	in := t.TempDir()
	a, b := writeAccount(t, in, "alphaacct"), writeAccount(t, in, "bravoacct")
	out := filepath.Join(t.TempDir(), "out")
	for i := range 20 {
		var wg sync.WaitGroup
		errs := make([]string, 2)
		for j, input := range []string{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var stderr bytes.Buffer
				cmd := vetCmd(t, nil, "run", "-q", "--out", out, input)
				cmd.Stderr = &stderr
				if err := cmd.Run(); err != nil {
					errs[j] = fmt.Sprintf("%v: %s", err, stderr.String())
				}
			}()
		}
		wg.Wait()
		for _, e := range errs {
			if e != "" {
				t.Fatalf("try %d: a run failed: %s", i, e)
			}
		}
		page := whose(t, filepath.Join(out, "vetting.html"), "alphaacct", "bravoacct")
		summary := whose(t, filepath.Join(out, "summary.json"), "alphaacct", "bravoacct")
		workbook := whose(t, filepath.Join(out, "vetting.xlsx"), "alphaacct", "bravoacct")
		if page != summary || workbook != summary {
			t.Fatalf("try %d: the page is %s's report, the workbook %s's, summary.json %s's", i, page, workbook, summary)
		}
		assertOnly(t, out, reportFiles...)
	}
}

// holdLock takes --out's lock as another run would, until the test ends.
func holdLock(t *testing.T, out string) *os.File {
	t.Helper()
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(out, outLockFile), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestASecondRunWaitsForTheFirst(t *testing.T) {
	in := t.TempDir()
	input := writeAccount(t, in, "alphaacct")
	out := filepath.Join(t.TempDir(), "out")

	t.Run("it fails plainly when it may not wait", func(t *testing.T) {
		holdLock(t, out)
		var stderr bytes.Buffer
		cmd := vetCmd(t, []string{"VET_LOCK_WAIT=0s"}, "run", "--out", out, input)
		cmd.Stderr = &stderr
		err := cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != exitFailed {
			t.Fatalf("exit code %d (%v), want %d; stderr %s", code, err, exitFailed, stderr.String())
		}
		want := fmt.Sprintf("vet: %s: another run is writing there (it holds .vet.lock; waited 0s): try again once it is done\n", out)
		if stderr.String() != want {
			t.Errorf("stderr %q, want %q", stderr.String(), want)
		}
		assertOnly(t, out, outLockFile) // nothing written; the lock file is the holder's
	})

	t.Run("it says once that it waits, and writes once the first is done", func(t *testing.T) {
		lock := holdLock(t, out)
		stderr := &syncBuffer{}
		cmd := vetCmd(t, nil, "run", "--out", out, input)
		cmd.Stderr = stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waiting := fmt.Sprintf("vet: waiting for another run writing to %s …\n", out)
		if !pollUntil(10*time.Second, func() bool { return strings.Contains(stderr.String(), waiting) }) {
			cmd.Process.Kill()
			t.Fatalf("no waiting message in 10 s; stderr %q", stderr.String())
		}
		if _, err := os.Stat(filepath.Join(out, report0)); err == nil {
			t.Fatal("the waiting run wrote its report while the lock was held")
		}
		// The holder finishes as vet does: it removes the lock file, then lets go.
		os.Remove(lock.Name())
		lock.Close()
		if err := cmd.Wait(); err != nil {
			t.Fatalf("%v: %s", err, stderr.String())
		}
		if n := strings.Count(stderr.String(), "waiting"); n != 1 {
			t.Errorf("the waiting message came %d times: %q", n, stderr.String())
		}
		assertOnly(t, out, reportFiles...)
	})
}

// report0 is the first file of a report.
var report0 = reportFiles[0]

// assertOnly fails unless dir holds exactly the names given.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := append([]string(nil), names...)
	if strings.Join(sorted(got), " ") != strings.Join(sorted(want), " ") {
		t.Errorf("%s holds %v, want %v", dir, got, want)
	}
}

func sorted(s []string) []string { return slices.Sorted(slices.Values(s)) }

// pollUntil checks cond every few milliseconds until it holds or the time is up: waiting on an
// event another process makes, which sends no signal of its own.
func pollUntil(limit time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(2 * time.Millisecond)
	}
	return cond()
}

// syncBuffer is a buffer a subprocess writes to while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
