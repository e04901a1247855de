package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/report"
	"github.com/vet-tool/vet/internal/scoring"
)

// profile runs vet's pipeline in this process, wired as cmd/vet wires `vet run` (ingest → score
// → report.Write), once, with the CPU profiled throughout and the live heap snapshotted after
// each stage, into dir: cpu.pprof, heap-STAGE.pprof, allocs.pprof. Read them with
// `go tool pprof -top bin/vet-bench DIR/cpu.pprof`.
func profile(dir, input string, stderr io.Writer) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cpu, err := os.Create(filepath.Join(dir, "cpu.pprof"))
	if err != nil {
		return err
	}
	defer cpu.Close()
	if err := pprof.StartCPUProfile(cpu); err != nil {
		return err
	}
	defer pprof.StopCPUProfile()

	start := time.Now()
	lap := func(stage string) error {
		fmt.Fprintf(stderr, "vet-bench: profile: %s %s\n", stage, time.Since(start).Round(time.Millisecond))
		start = time.Now()
		return heap(filepath.Join(dir, "heap-"+stage+".pprof"))
	}
	batch, err := ingest.Read([]string{input}, ingest.Options{})
	if err != nil {
		return err
	}
	if err := lap("ingest"); err != nil {
		return err
	}
	res := scoring.Score(scoring.Input{Posts: batch.Posts, Texts: &batch.Texts, Followers: batch.Followers, NoCaption: batch.NoCaption}, scoring.Default())
	if err := lap("scoring"); err != nil {
		return err
	}
	r := &report.Report{Version: "profile", Generated: time.Unix(0, 0).UTC(), Batch: batch, Result: res}
	if _, err := report.Write(filepath.Join(dir, "report"), r); err != nil {
		return err
	}
	if err := lap("report"); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "allocs.pprof"))
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup("allocs").WriteTo(f, 0)
}

// heap writes the live heap as of now (after a collection, so it is what the stage keeps).
func heap(path string) error {
	runtime.GC()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.WriteHeapProfile(f)
}
