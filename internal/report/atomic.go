package report

import (
	"os"
	"path/filepath"
)

// staged is a file written under a temporary name beside its final path, waiting to be renamed
// into place once every file of the report is ready: a failed run leaves the previous report
// as it was and no partial files.
type staged struct {
	tmp, path string
}

// stage writes one file of the report under a temporary name in the target folder (so the
// rename cannot cross file systems).
func stage(path string, write func(*os.File) error) (s staged, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
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

// commit renames every staged file into place.
func commit(files []staged) error {
	for i, f := range files {
		if err := os.Rename(f.tmp, f.path); err != nil {
			discard(files[i:])
			return err
		}
	}
	return nil
}
