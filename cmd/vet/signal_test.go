//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/synth"
)

// TestSignalsLeaveNothingBehind stops vet midway through writing the report of 200,000 posts
// (issue 13 case 7). SIGINT, SIGTERM, SIGHUP and SIGQUIT (issue 23 item 9): every temporary file goes, in --out and in the temp
// folder (the workbook's row spools included), and last week's report stays byte for byte. SIGKILL
// cannot be handled: the next run clears what it left.
func TestSignalsLeaveNothingBehind(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 200,000 posts")
	}
	big := filepath.Join(t.TempDir(), "big.csv")
	if err := synth.WriteFile(big, synth.Config{Accounts: 4_000, Posts: 50, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	small := writeAccount(t, t.TempDir(), "lastweek")

	// previous makes last week's report in a fresh --out and returns it with its files' bytes.
	previous := func(t *testing.T) (string, map[string][]byte) {
		out := filepath.Join(t.TempDir(), "out")
		if b, err := vetCmd(t, []string{"SOURCE_DATE_EPOCH=1764000000"}, "run", "-q", "--out", out, small).CombinedOutput(); err != nil {
			t.Fatalf("last week's run: %v: %s", err, b)
		}
		files := map[string][]byte{}
		for _, name := range reportFiles {
			b, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			files[name] = b
		}
		return out, files
	}
	// interrupt starts this week's big run, waits for the moment, and sends sig.
	interrupt := func(t *testing.T, out, tmp string, moment func() bool, sig syscall.Signal) (int, string) {
		stderr := &syncBuffer{}
		cmd := vetCmd(t, []string{"TMPDIR=" + tmp, "SOURCE_DATE_EPOCH=1765000000"}, "run", "--out", out, big)
		cmd.Stderr = stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		finished := func() bool {
			select {
			case <-exited:
				return true
			default:
				return false
			}
		}
		if !pollUntil(2*time.Minute, func() bool { return finished() || moment() }) || finished() {
			cmd.Process.Kill()
			<-exited
			t.Fatalf("the run ended before the moment to stop it: %s", stderr.String())
		}
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		select {
		case <-exited:
		case <-time.After(time.Minute):
			cmd.Process.Kill()
			t.Fatal("vet went on for a minute after the signal")
		}
		return cmd.ProcessState.ExitCode(), stderr.String()
	}
	unchanged := func(t *testing.T, out string, before map[string][]byte) {
		t.Helper()
		for name, want := range before {
			got, err := os.ReadFile(filepath.Join(out, name))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s changed (%v)", name, err)
			}
		}
	}
	// rowsSpool: the workbook's rows have begun spooling in the run's scratch folder (rowXML;
	// excelize's own spools held them until it no longer wrote them).
	rowsSpool := func(tmp string) func() bool {
		return func() bool {
			m, _ := filepath.Glob(filepath.Join(tmp, scratchPrefix+"*", "vet-rows-*"))
			return len(m) > 0
		}
	}
	// stagedWorkbook: the workbook is being written in --out's staging folder.
	stagedWorkbook := func(out string) func() bool {
		return func() bool {
			m, _ := filepath.Glob(filepath.Join(out, outStaging+"*", ".vetting.xlsx.*.tmp"))
			return len(m) > 0
		}
	}

	for _, tc := range []struct {
		name   string
		sig    syscall.Signal
		moment func(out, tmp string) func() bool
		code   int
	}{
		{"SIGINT while the rows spool", syscall.SIGINT, func(_, tmp string) func() bool { return rowsSpool(tmp) }, exitInterrupt},
		{"SIGTERM once the workbook is staged", syscall.SIGTERM, func(out, _ string) func() bool { return stagedWorkbook(out) }, exitTerminate},
		{"SIGHUP while the rows spool", syscall.SIGHUP, func(_, tmp string) func() bool { return rowsSpool(tmp) }, exitHangup},
		{"SIGQUIT once the workbook is staged", syscall.SIGQUIT, func(out, _ string) func() bool { return stagedWorkbook(out) }, exitQuit},
	} {
		t.Run(tc.name+" removes every temporary file and keeps last week's report", func(t *testing.T) {
			out, before := previous(t)
			tmp := t.TempDir()
			code, stderr := interrupt(t, out, tmp, tc.moment(out, tmp), tc.sig)
			if code != tc.code {
				t.Errorf("exit code %d, want %d; stderr %q", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, "vet: stopped by "+strings.Fields(tc.name)[0]+": ") {
				t.Errorf("stderr %q does not say vet was stopped", stderr)
			}
			assertOnly(t, out, reportFiles...)
			assertOnly(t, tmp)
			unchanged(t, out, before)
		})
	}

	t.Run("SIGINT into a new --out leaves no folder behind", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "new")
		tmp := t.TempDir()
		if code, stderr := interrupt(t, out, tmp, rowsSpool(tmp), syscall.SIGINT); code != exitInterrupt {
			t.Errorf("exit code %d, want %d; stderr %q", code, exitInterrupt, stderr)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("--out is there after the interrupted run (%v)", err)
		}
		assertOnly(t, tmp)
	})

	t.Run("after SIGKILL the next run clears what was left", func(t *testing.T) {
		out, before := previous(t)
		tmp := t.TempDir()
		code, _ := interrupt(t, out, tmp, rowsSpool(tmp), syscall.SIGKILL)
		if code != -1 {
			t.Fatalf("exit code %d after SIGKILL", code)
		}
		unchanged(t, out, before)
		left, _ := filepath.Glob(filepath.Join(out, outStaging+"*"))
		spools, _ := filepath.Glob(filepath.Join(tmp, scratchPrefix+"*", "vet-rows-*"))
		if len(left) == 0 || len(spools) == 0 {
			t.Fatalf("the killed run left no staging folder (%v) or no spool (%v): nothing to clear", left, spools)
		}
		cmd := vetCmd(t, []string{"TMPDIR=" + tmp}, "run", "-q", "--out", out, small)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
		assertOnly(t, out, reportFiles...)
		assertOnly(t, tmp)
	})
}

// TestARunClearsOnlyWhatIsVets: the sweep of a killed run's leftovers spares files that merely
// look alike, and scratch folders whose run is alive.
func TestARunClearsOnlyWhatIsVets(t *testing.T) {
	out, tmp := t.TempDir(), t.TempDir()
	mk := func(path string) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk(filepath.Join(out, ".vet-tmp-99-1", ".vetting.xlsx.1.tmp")) // a killed run's staging folder
	mk(filepath.Join(out, ".vetting.xlsx.12345.tmp"))              // an older vet's staged file
	mk(filepath.Join(out, ".summary.json.12345.tmp"))              //
	mk(filepath.Join(out, ".vet-zip-12345.tmp"))                   // an older vet's zip spool
	mk(filepath.Join(out, ".notes.tmp"))                           // the user's
	mk(filepath.Join(out, "vetting.xlsx.tmp"))                     // the user's
	mk(filepath.Join(tmp, "vet-dead", scratchLock))                // a killed run's scratch folder
	mk(filepath.Join(tmp, "vet-dead", "excelize-123"))             //
	mk(filepath.Join(tmp, "vet-live", scratchLock))                // a live run's: its lock is held
	mk(filepath.Join(tmp, "vet-other", "file"))                    // not vet's: no lock file
	live, err := os.Open(filepath.Join(tmp, "vet-live", scratchLock))
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if ok, err := tryLock(live); !ok {
		t.Fatal(err)
	}
	cmd := vetCmd(t, []string{"TMPDIR=" + tmp}, "run", "-q", "--out", out, writeAccount(t, t.TempDir(), "alphaacct"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	assertOnly(t, out, append([]string{".notes.tmp", "vetting.xlsx.tmp"}, reportFiles...)...)
	assertOnly(t, tmp, "vet-live", "vet-other")
}

// TestAClosedStdoutEndsThePrintingNotTheRun is `vet run … | head` whose reader has gone (issue
// 23 item 9): the first "wrote" line meets EPIPE. The run still commits its report, removes its
// lock and staging folder, and exits 0, not 141 (killed by SIGPIPE).
func TestAClosedStdoutEndsThePrintingNotTheRun(t *testing.T) {
	for _, cmdName := range []string{"run", "validate"} {
		t.Run(cmdName+" into a closed pipe exits 0 and leaves only the report", func(t *testing.T) {
			out, tmp := filepath.Join(t.TempDir(), "out"), t.TempDir()
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			r.Close() // the reader is gone before vet writes a line
			stderr := &syncBuffer{}
			cmd := vetCmd(t, []string{"TMPDIR=" + tmp}, cmdName, "--out", out, writeAccount(t, t.TempDir(), "pipedacct"))
			if cmdName == "validate" {
				cmd = vetCmd(t, []string{"TMPDIR=" + tmp}, cmdName, writeAccount(t, t.TempDir(), "pipedacct"))
			}
			cmd.Stdout, cmd.Stderr = w, stderr
			err = cmd.Run()
			w.Close()
			if code := cmd.ProcessState.ExitCode(); err != nil || code != 0 {
				t.Fatalf("exit code %d (%v), want 0; stderr %q", code, err, stderr.String())
			}
			if strings.Contains(stderr.String(), "broken pipe") {
				t.Errorf("stderr %q speaks of the closed pipe as an error", stderr.String())
			}
			if cmdName == "run" {
				assertOnly(t, out, reportFiles...)
			}
			assertOnly(t, tmp)
		})
	}
}
