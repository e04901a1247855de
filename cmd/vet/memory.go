package main

import (
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Memory: the collector's default lets the heap grow to twice what is live, and at a million
// posts about 350 MB is live while the workbook is written, so a run peaked over a gigabyte.
// vet instead keeps the heap within a fixed headroom of the live set, as a soft memory limit
// that follows it: a fixed limit would make the collector run without pause once a bigger
// batch's posts alone came near it (measured: a 448 MiB limit took a 1M-post run from 20 s to
// 100 s of CPU).
const (
	// what the heap may grow past the live set before a collection. Each collection marks what
	// holds pointers, and posts hold none (ingest's text.go), so collections are short and the
	// headroom small: at a million posts 144 MiB peaked at 563–577 MiB, 96 MiB at 515–517 MiB
	// in the same time, 80 MiB at 506–509 MiB for 0.5 s more CPU (BENCHMARKS.md, 2026-12-07).
	memoryHeadroom = 96 << 20
	// never below this: small runs, and the start of big ones, collect at the default pace. At
	// 384 MiB a million posts of 192 bytes met the limit just before ingest ended, and the
	// collection that marked their 330 MB slowed reading; a run's peak comes later, at the
	// report, whatever the floor.
	memoryFloor = 448 << 20
	memoryEvery = 50 * time.Millisecond
)

// limitMemory starts keeping the heap near the live set, unless the user tuned the collector
// (GOMEMLIMIT or GOGC). The returned function stops it and restores the previous limit.
func limitMemory(getenv func(string) string) (stop func()) {
	if getenv("GOMEMLIMIT") != "" || getenv("GOGC") != "" {
		return func() {}
	}
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	follow := func() int64 {
		metrics.Read(live)
		return debug.SetMemoryLimit(max(memoryFloor, int64(live[0].Value.Uint64())+memoryHeadroom))
	}
	previous := follow()
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(memoryEvery)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				follow()
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
		debug.SetMemoryLimit(previous)
	}
}
