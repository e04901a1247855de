package scoring

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
)

// bigBatch is 20,000 accounts × 50 posts, the size SPEC §5 measures, with the accounts in
// no particular order (as several export files concatenated give them).
func bigBatch() []ingest.Post {
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	ps := make([]ingest.Post, 0, 1_000_000)
	for a := range 20_000 {
		h := fmt.Sprintf("creator%05d", (a*7919)%20_000)
		f := ingest.Count(1_000 + rng.IntN(2_000_000))
		for i := range 50 {
			v := ingest.Count(float64(f) * (0.05 + rng.Float64()))
			l := ingest.Count(float64(v) * (0.01 + 0.08*rng.Float64()))
			ps = append(ps, ingest.Post{Account: txt(h), Key: txt(h), Followers: f,
				Views: v, Likes: l, Comments: l/30 + 1, Shares: l / 20, Saves: l / 25,
				PostedAt: ingest.At(start.Add(-time.Duration(i*31+a%17) * time.Hour))})
		}
	}
	return ps
}

func BenchmarkScore(b *testing.B) {
	base := bigBatch()
	ps := make([]ingest.Post, len(base))
	for _, order := range []string{"shuffled", "sorted"} {
		b.Run(fmt.Sprintf("1M posts %s", order), func(b *testing.B) {
			if order == "sorted" {
				Score(Input{Texts: &postTexts, Posts: base}, Default())
			}
			for b.Loop() {
				b.StopTimer()
				copy(ps, base)
				b.StartTimer()
				Score(Input{Texts: &postTexts, Posts: ps}, Default())
			}
			b.ReportMetric(float64(len(ps))*float64(b.N)/b.Elapsed().Seconds(), "posts/s")
		})
	}
}

func TestResultIsJSON(t *testing.T) {
	all := append(honest(50_000), account("tiny", 500, same(5, counts{1_000, 10, 1, 0})...)...)
	last := Score(Input{Texts: &postTexts, Posts: all}, Default())
	now := Score(Input{Texts: &postTexts, Posts: honest(70_000), Baseline: last.Baseline()}, Default())
	b, err := json.Marshal(now)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Accounts []struct {
			Verdict Verdict `json:"verdict"`
			Change  *Change `json:"change"`
		} `json:"accounts"`
		Gone []Previous `json:"gone"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Accounts[0].Verdict != Review || *back.Accounts[0].Change.FollowersDelta != 20_000 || back.Gone[0].Handle != "tiny" {
		t.Errorf("read back %s", b)
	}
}

// BenchmarkConfidence is the bootstrap alone at the size SPEC §5 measures: one op is 20,000
// accounts × Resamples (200) resamples of a 10-post window.
func BenchmarkConfidence(b *testing.B) {
	for _, basis := range []Basis{BasisFollowers, BasisViews} {
		b.Run(fmt.Sprintf("20,000 accounts on the %s basis", basis), func(b *testing.B) {
			cfg := Default()
			cfg.Basis = basis
			res := Score(Input{Texts: &postTexts, Posts: honest(50_000)}, cfg)
			c := newCheck(&cfg, res.AsOf, &postTexts)
			a := res.Accounts[0]
			c.a, c.w = &a, a.WindowPosts()
			for b.Loop() {
				for range 20_000 {
					c.crossesALine()
				}
			}
		})
	}
}
