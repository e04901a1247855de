package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestLimitMemory(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	t.Run("a limit follows the live set while vet runs, and the old one is back after", func(t *testing.T) {
		before := debug.SetMemoryLimit(-1)
		stop := limitMemory(env(nil))
		if got := debug.SetMemoryLimit(-1); got < memoryFloor || got == math.MaxInt64 {
			t.Errorf("limit while running = %d, want at least %d", got, memoryFloor)
		}
		stop()
		if got := debug.SetMemoryLimit(-1); got != before {
			t.Errorf("limit after = %d, want %d as before", got, before)
		}
	})
	for _, v := range []string{"GOMEMLIMIT", "GOGC"} {
		t.Run("the user's "+v+" is left alone", func(t *testing.T) {
			before := debug.SetMemoryLimit(-1)
			stop := limitMemory(env(map[string]string{v: "off"}))
			defer stop()
			if got := debug.SetMemoryLimit(-1); got != before {
				t.Errorf("limit = %d with %s set, want %d untouched", got, v, before)
			}
		})
	}
}
