package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/report"
)

// reportFiles are the files a run writes into --out. vet never reads them as input (--out may
// be the input folder), and their temporary copies are what a killed run may leave behind.
// ingest keeps the same names (sources.go) to know a report folder it is given as input: it
// cannot import report, which comes after it.
var reportFiles = report.Files()

// outLockFile is the lock a run holds on --out while it writes there; it is removed when the run
// ends. outStaging prefixes the folder, inside --out, where the run's files are written before
// they are renamed into place.
const (
	outLockFile = ".vet.lock"
	outStaging  = ".vet-tmp-"
)

// lockWait is how long a run waits for another writing the same --out before it gives up;
// VET_LOCK_WAIT (a Go duration: 30s, 10m, 0) changes it.
const lockWait = 5 * time.Minute

// claimOut takes --out for the rest of the run: it makes the folder, waits for any other run
// writing there (telling once that it waits), removes what killed runs left behind, and returns
// a staging folder of the run's own for report.Write. c releases the lock and removes the
// staging folder.
//
// What it prints is in the run's language (p).
func claimOut(dir string, e *env, c *cleanup, quiet bool, bar *progress, p *lang.Printer) (staging string, err error) {
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		c.add(func() { os.Remove(dir) }) // made for a run that wrote nothing: gone again (only if empty)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	wait := lockWait
	if s := e.getenv("VET_LOCK_WAIT"); s != "" {
		if wait, err = time.ParseDuration(s); err != nil {
			return "", fmt.Errorf("VET_LOCK_WAIT: %s is not a duration (such as 30s or 10m)", quote(s))
		}
	}
	waited := false
	lock, err := lockFolder(dir, wait, func() {
		if waited {
			return
		}
		waited = true
		bar.setStage(p.T("cli.stage.waiting"))
		if !quiet {
			fmt.Fprintln(e.stderr, p.T("cli.lock.waiting", "dir", dir))
		}
	})
	locked := !errors.Is(err, errNoLocks)
	if !locked {
		fmt.Fprintln(e.stderr, p.T("cli.lock.no_locks", "dir", dir, "error", err.Error()))
		err = nil
	}
	if err != nil {
		return "", err
	}
	if waited {
		bar.setStage(p.T("cli.stage." + nextStage["scoring"]))
	}
	c.add(func() {
		os.Remove(lock.Name()) // before the lock goes: see lockFolder
		lock.Close()
	})
	if locked { // unlocked, what looks left behind may be another run's
		sweepOut(dir)
	}
	staging, err = os.MkdirTemp(dir, fmt.Sprintf("%s%d-*", outStaging, os.Getpid()))
	if err != nil {
		return "", err
	}
	c.add(func() { removeAll(staging) })
	return staging, nil
}

// lockFolder holds dir's lock file, waiting up to wait for it. The holder removes the file when
// it is done, so a run that got the lock on a removed file tries again on the new one.
func lockFolder(dir string, wait time.Duration, waiting func()) (*os.File, error) {
	path := filepath.Join(dir, outLockFile)
	deadline := time.Now().Add(wait)
	for {
		// Made again each time: a run that made the folder and wrote nothing removes it.
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			return nil, err
		}
		for {
			ok, err := tryLock(f)
			if errors.Is(err, errNoLocks) {
				return f, err
			}
			if err != nil {
				f.Close()
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			if ok {
				break
			}
			if !time.Now().Before(deadline) {
				f.Close()
				return nil, fmt.Errorf("%s: another run is writing there (it holds %s; waited %s): try again once it is done", dir, outLockFile, wait)
			}
			waiting()
			time.Sleep(lockPoll) // flock has no timeout: poll the lock itself
		}
		if sameFile(f, path) {
			return f, nil
		}
		f.Close()
	}
}

const lockPoll = 50 * time.Millisecond

// sweepOut removes what runs killed while writing to dir left there: staging folders and the
// temporary files of older vets, which staged beside the report. It is called with dir's lock
// held, so none of them belongs to a live run.
func sweepOut(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir() && strings.HasPrefix(name, outStaging):
			removeAll(filepath.Join(dir, name))
		case !e.IsDir() && isTempFile(name):
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// isTempFile says whether name is a temporary file of a report: .vetting.xlsx.123.tmp,
// .vet-zip-123.tmp.
func isTempFile(name string) bool {
	if !strings.HasSuffix(name, ".tmp") {
		return false
	}
	if strings.HasPrefix(name, ".vet-zip-") {
		return true
	}
	for _, f := range reportFiles {
		if strings.HasPrefix(name, "."+f+".") {
			return true
		}
	}
	return false
}

// skipReport lists the report files in dir, for ingest never to read.
func skipReport(dir string) []string {
	out := make([]string, len(reportFiles))
	for i, f := range reportFiles {
		out[i] = filepath.Join(dir, f)
	}
	return out
}
