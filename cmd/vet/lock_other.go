//go:build !unix

package main

import "os"

// tryLock takes no lock where vet has no flock (Windows): see errNoLocks.
func tryLock(*os.File) (bool, error) { return false, errNoLocks }
