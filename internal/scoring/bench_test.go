package scoring

import (
	"fmt"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
)

func BenchmarkScore1M(b *testing.B) {
	start := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	base := make([]ingest.Post, 0, 1_000_000)
	for a := 0; a < 20_000; a++ {
		h := fmt.Sprintf("creator%05d", (a*7919)%20000)
		for i := 0; i < 50; i++ {
			base = append(base, ingest.Post{Account: h, Key: h, Followers: ingest.Count(1000 + a*37),
				Views: ingest.Count(10_000 + i*13), Likes: ingest.Count(500 + i*7), Comments: 20, Shares: 5, Saves: 3,
				PostedAt: start.Add(-time.Duration(i*31+a%17) * time.Hour)})
		}
	}
	ps := make([]ingest.Post, len(base))
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		copy(ps, base)
		b.StartTimer()
		Score(Input{Posts: ps}, Default())
	}
}
