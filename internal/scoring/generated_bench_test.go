package scoring_test

import (
	"path/filepath"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
	"github.com/vet-tool/vet/internal/synth"
)

// BenchmarkScoreGenerated scores 100,000 generated posts (2,000 accounts × 50). Score sorts its input in
// place, so each round scores a fresh copy in the order the file gave; the copy is timed too,
// as it is a fraction of a percent of the work.
func BenchmarkScoreGenerated(b *testing.B) {
	c := synth.Config{Accounts: 2_000, Posts: 50, Seed: 1}
	path := filepath.Join(b.TempDir(), "posts.csv")
	if err := synth.WriteFile(path, c); err != nil {
		b.Fatal(err)
	}
	batch, err := ingest.Read([]string{path}, ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	posts := make([]ingest.Post, len(batch.Posts))
	cfg := scoring.Default()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		copy(posts, batch.Posts)
		res := scoring.Score(scoring.Input{Posts: posts, Texts: &batch.Texts, Followers: batch.Followers}, cfg)
		if len(res.Accounts) != c.Accounts {
			b.Fatalf("%d accounts, want %d", len(res.Accounts), c.Accounts)
		}
	}
	b.ReportMetric(float64(c.Rows())*float64(b.N)/b.Elapsed().Seconds(), "posts/s")
}
