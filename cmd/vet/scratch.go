package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// The scratch folder: every temporary file a run makes outside --out (excelize's spools while
// reading a workbook and while writing one, the workbook's row spools) is made in a folder of
// the run's own inside the temp folder, so that removing that one folder, on any end of the
// run, leaves nothing behind.
const (
	scratchPrefix = "vet-"
	scratchLock   = ".vet-scratch.lock" // held by the run that owns the folder
)

// useScratch makes the run's scratch folder and points TMPDIR at it (excelize and ingest make
// their temporary files in os.TempDir). It first removes the scratch folders of runs that were
// killed (their lock is free). The folder is removed by c; restore puts TMPDIR back once nothing
// of the run can make a temporary file any more.
func useScratch(c *cleanup) (restore func(), err error) {
	parent := os.TempDir()
	sweepScratch(parent)
	dir, err := os.MkdirTemp(parent, scratchPrefix+"*")
	if err != nil {
		return nil, err
	}
	// The lock is taken on a file of another name, then renamed: a sweeping run never finds
	// the lock file of a live run unlocked.
	lock, err := os.CreateTemp(dir, scratchLock+".*")
	if err == nil {
		if _, err = tryLock(lock); errors.Is(err, errNoLocks) {
			err = nil // unlocked, a killed run's folder is never swept; a live one is never taken
		}
	}
	if err == nil {
		err = os.Rename(lock.Name(), filepath.Join(dir, scratchLock))
	}
	if err != nil {
		if lock != nil {
			lock.Close()
		}
		os.RemoveAll(dir)
		return nil, err
	}
	old, had := os.LookupEnv("TMPDIR")
	os.Setenv("TMPDIR", dir)
	c.add(func() {
		removeAll(dir)
		lock.Close()
	})
	return func() {
		if had {
			os.Setenv("TMPDIR", old)
		} else {
			os.Unsetenv("TMPDIR")
		}
	}, nil
}

// sweepScratch removes the scratch folders in parent left by runs that were killed: those whose
// lock file no process holds. Folders without the lock file are not vet's and are left alone.
func sweepScratch(parent string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), scratchPrefix) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		f, err := os.Open(filepath.Join(dir, scratchLock))
		if err != nil {
			continue
		}
		if ok, _ := tryLock(f); ok {
			removeAll(dir)
		}
		f.Close()
	}
}
