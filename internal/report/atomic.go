package report

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// staged is a file written under a temporary name, waiting to be renamed into place once every
// file of the report is ready: a failed run leaves the previous report as it was and no
// partial files.
type staged struct {
	tmp, path string
}

// stage writes one file of the report under a temporary name in tmpDir, or beside path when
// tmpDir is "". tmpDir must be on path's file system, so that the rename is one step.
func stage(tmpDir, path string, write func(*os.File) error) (s staged, err error) {
	if tmpDir == "" {
		tmpDir = filepath.Dir(path)
	}
	tmp, err := os.CreateTemp(tmpDir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return s, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return s, err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return s, err
	}
	if err = tmp.Close(); err != nil {
		return s, err
	}
	return staged{tmp: tmp.Name(), path: path}, nil
}

func discard(files []staged) {
	for _, f := range files {
		os.Remove(f.tmp)
	}
}

// commits is held while a report's files are renamed into place (see Freeze).
var commits sync.Mutex

// commit renames every staged file into place, and removes the files at the paths gone (a
// file an earlier report wrote that this one leaves out), so the folder holds one report.
func commit(files []staged, gone []string) error {
	commits.Lock()
	defer commits.Unlock()
	for i, f := range files {
		if err := os.Rename(f.tmp, f.path); err != nil {
			discard(files[i:])
			return err
		}
	}
	for _, g := range gone {
		if err := os.Remove(g); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// Freeze waits for a report being renamed into place to be whole, and keeps any other from
// starting: once it returns, every report folder of the process holds either its previous
// report or its new one, and keeps it. It is for a process about to exit on a signal (vet's
// SIGINT and SIGTERM handler), and never undone.
func Freeze() { commits.Lock() }
