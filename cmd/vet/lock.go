package main

import (
	"errors"
	"os"
)

// tryLock (lock_unix.go) takes an exclusive lock on f without waiting: false when another
// process holds one. The lock goes with the process, so a killed run leaves none behind.

// errNoLocks is tryLock's error where files cannot be locked (a file system without flock,
// Windows): a run goes on unlocked, and says so where it matters.
var errNoLocks = errors.New("this file system cannot lock files")

// sameFile says whether f is still the file at path: a lock taken on a file that its holder has
// since removed (or replaced) locks nothing anyone else will look at.
func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}
