package scoring

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
)

func TestSeedExamples(t *testing.T) {
	t.Run("a video with 50,000 views, 4,500 likes, 300 comments and 200 shares has a view ER of exactly 10%", func(t *testing.T) {
		p := ingest.Post{Views: 50_000, Likes: 4_500, Comments: 300, Shares: 200, Saves: ingest.Missing}
		got := ViewER(p, false)
		if !got.OK || got.Value != 10 {
			t.Fatalf("ViewER = %+v, want exactly 10", got)
		}
	})
	t.Run("ten videos with 12,000 likes and 800 comments on 20,000 followers give a follower ER of exactly 6.4%", func(t *testing.T) {
		window := make([]ingest.Post, 10)
		for i := range window {
			window[i] = ingest.Post{Views: 10_000, Likes: 1_200, Comments: 80, Shares: 0}
		}
		got := FollowerER(window, 20_000)
		if !got.OK || got.Value != 6.4 {
			t.Fatalf("FollowerER = %+v, want exactly 6.4", got)
		}
	})
	t.Run("the follower ER holds when the same totals are spread unevenly over the window", func(t *testing.T) {
		window := make([]ingest.Post, 10)
		window[0] = ingest.Post{Views: 1, Likes: 11_991, Comments: 791}
		for i := 1; i < 10; i++ {
			window[i] = ingest.Post{Views: 1, Likes: 1, Comments: 1}
		}
		if got := FollowerER(window, 20_000); got.Value != 6.4 {
			t.Fatalf("FollowerER = %v, want 6.4", got.Value)
		}
	})
}

func TestViewERWithoutViews(t *testing.T) {
	for _, tc := range []struct {
		name  string
		views ingest.Count
	}{
		{"a video with zero views has no view ER rather than infinity", 0},
		{"a video whose views are hidden has no view ER", ingest.Missing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ViewER(ingest.Post{Views: tc.views, Likes: 10, Comments: 1, Shares: 1}, false)
			if got.OK {
				t.Fatalf("ViewER = %+v, want no rate", got)
			}
		})
	}
	t.Run("an account whose only videos have zero views has no median or pooled view ER", func(t *testing.T) {
		w := []ingest.Post{{Views: 0, Likes: 1}, {Views: 0, Likes: 2}}
		if r := MedianViewER(w, false); r.OK {
			t.Errorf("median = %+v", r)
		}
		if r := PooledViewER(w, false); r.OK {
			t.Errorf("pooled = %+v", r)
		}
	})
}

func TestSavesJoinOnlyWhenAsked(t *testing.T) {
	p := ingest.Post{Views: 1_000, Likes: 50, Comments: 10, Shares: 10, Saves: 30}
	if got := ViewER(p, false).Value; got != 7 {
		t.Errorf("without saves = %v, want 7", got)
	}
	if got := ViewER(p, true).Value; got != 10 {
		t.Errorf("with saves = %v, want 10", got)
	}
}

func TestMedianViewERIsNotCarriedByOneViralVideo(t *testing.T) {
	w := []ingest.Post{
		{Views: 1_000, Likes: 20}, {Views: 1_000, Likes: 30}, {Views: 1_000, Likes: 40},
		{Views: 1_000_000, Likes: 900_000},
	}
	if got := MedianViewER(w, false).Value; got != 3.5 {
		t.Errorf("median = %v, want 3.5 (between 3%% and 4%%)", got)
	}
	if got := PooledViewER(w, false).Value; got < 89 {
		t.Errorf("pooled = %v, want the viral video to dominate it", got)
	}
}

func TestTierBoundaries(t *testing.T) {
	b := Default().Benchmarks
	for _, tc := range []struct {
		followers int64
		tier      string
		benchmark float64
	}{
		{999, "", 0},
		{1_000, "1K–5K", 5.60},
		{4_999, "1K–5K", 5.60},
		{5_000, "5K–20K", 2.43},
		{19_999, "5K–20K", 2.43},
		{20_000, "20K–100K", 2.15},
		{99_999, "20K–100K", 2.15},
		{100_000, "100K–1M", 2.05},
		{999_999, "100K–1M", 2.05},
		{1_000_000, ">1M", 1.97},
		{50_000_000, ">1M", 1.97},
	} {
		name := fmt.Sprintf("an account with %d followers is in tier %s", tc.followers, tc.tier)
		if tc.tier == "" {
			name = fmt.Sprintf("an account with %d followers has no tier", tc.followers)
		}
		t.Run(name, func(t *testing.T) {
			got, ok := b.TierOf(tc.followers)
			if ok != (tc.tier != "") || got.Name != tc.tier || got.Benchmark != tc.benchmark {
				t.Fatalf("TierOf(%d) = %+v, %v; want %q %.2f", tc.followers, got, ok, tc.tier, tc.benchmark)
			}
		})
	}
}

func TestNumbersInWords(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{commas(1_234_567), "1,234,567"}, {commas(-2_500), "-2,500"}, {commas(999), "999"}, {commas(0), "0"}, {commas(1000), "1,000"},
		{exact(12.5), "12.5"}, {exact(100_000), "100000"},
	} {
		t.Run(tc.want+" reads as it should", func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func TestRulesStateTheThresholdsInForce(t *testing.T) {
	cfg := Default()
	cfg.JumpPercent = 12.5
	rules := Rules(cfg)
	if rules[0].Code != FarBelowTier || rules[0].Verdict != Fail {
		t.Fatalf("rules = %+v", rules)
	}
	have := map[string]int{}
	for _, r := range rules {
		have[r.Code]++
	}
	for _, code := range codes {
		if have[code] != 1 {
			t.Errorf("%s has %d rules, want 1", code, have[code])
		}
	}
	for _, r := range rules {
		if r.Code == FollowerJump && !strings.Contains(r.When, "+12.5%") {
			t.Errorf("follower_jump: %q does not say +12.5%%", r.When)
		}
	}
}
