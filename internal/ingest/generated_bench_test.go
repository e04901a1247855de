package ingest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/synth"
)

// benchBatch is 100,000 posts: 2,000 accounts × 50, the smaller `make bench` batch.
var benchBatch = synth.Config{Accounts: 2_000, Posts: 50, Seed: 1}

func benchmarkRead(b *testing.B, ext string) {
	path := filepath.Join(b.TempDir(), "posts"+ext)
	if err := synth.WriteFile(path, benchBatch); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	if _, err := ingest.Read([]string{path}, ingest.Options{}); err != nil && ext == ".xlsx" {
		b.Skipf("this ingest does not read XLSX yet: %v", err)
	}
	b.ResetTimer()
	for b.Loop() {
		batch, err := ingest.Read([]string{path}, ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if batch.Used() != benchBatch.Rows() {
			b.Fatalf("used %d posts, want %d", batch.Used(), benchBatch.Rows())
		}
	}
	b.ReportMetric(float64(benchBatch.Rows())*float64(b.N)/b.Elapsed().Seconds(), "posts/s")
}

// BenchmarkReadGeneratedCSV is CSV ingest (parse + validate + dedupe) of the 100,000 posts
// `make bench` generates (internal/synth), planted patterns and awkward captions included.
func BenchmarkReadGeneratedCSV(b *testing.B) { benchmarkRead(b, ".csv") }

// BenchmarkReadGeneratedXLSX is the same batch as a workbook (one sheet, StreamWriter-made);
// skipped while ingest reads no XLSX.
func BenchmarkReadGeneratedXLSX(b *testing.B) { benchmarkRead(b, ".xlsx") }
