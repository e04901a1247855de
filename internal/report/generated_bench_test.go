package report

import (
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
	"github.com/vet-tool/vet/internal/synth"
)

// benchReport is a scored report of 100,000 generated posts (2,000 accounts × 50), the smaller
// `make bench` batch.
func benchReport(b *testing.B) (*Report, int) {
	b.Helper()
	c := synth.Config{Accounts: 2_000, Posts: 50, Seed: 1}
	path := filepath.Join(b.TempDir(), "posts.csv")
	if err := synth.WriteFile(path, c); err != nil {
		b.Fatal(err)
	}
	batch, err := ingest.Read([]string{path}, ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	res := scoring.Score(scoring.Input{Posts: batch.Posts, Texts: &batch.Texts, Followers: batch.Followers}, scoring.Default())
	return &Report{Version: "bench", Generated: time.Unix(0, 0).UTC(), Batch: batch, Result: res}, c.Rows()
}

func benchmarkWrite(b *testing.B, write func(io.Writer, *Report) error) {
	r, posts := benchReport(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := write(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(posts)*float64(b.N)/b.Elapsed().Seconds(), "posts/s")
}

// BenchmarkWriteWorkbook writes vetting.xlsx for 100,000 posts (all five sheets).
func BenchmarkWriteWorkbook(b *testing.B) { benchmarkWrite(b, writeWorkbook) }

// BenchmarkWritePage writes vetting.html for 100,000 posts.
func BenchmarkWritePage(b *testing.B) { benchmarkWrite(b, writePage) }

// BenchmarkWriteSummary writes summary.json for 100,000 posts.
func BenchmarkWriteSummary(b *testing.B) { benchmarkWrite(b, writeSummary) }

// BenchmarkWritePostsCSV writes posts.csv for 100,000 posts.
func BenchmarkWritePostsCSV(b *testing.B) { benchmarkWrite(b, writePostsCSV) }

// BenchmarkWriteAccountsCSV writes accounts.csv for 2,000 accounts.
func BenchmarkWriteAccountsCSV(b *testing.B) { benchmarkWrite(b, writeAccountsCSV) }
