package scoring

import (
	"strings"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
)

func TestReasonsSayWhy(t *testing.T) {
	twoTo1 := func(c *Config) { c.Benchmarks.Tiers = []Tier{{Name: "any", Min: 1_000, Benchmark: 2}} }
	rounded := account("big", 183_000, same(5, counts{200_000, 24_000, 900, 300})...)
	for i := range rounded {
		rounded[i].Rounded = true
	}
	for _, tc := range []struct {
		name   string
		posts  []ingest.Post
		cfg    func(*Config)
		reason string
	}{
		{"a PASS above its tier says it is above", spread("a", 10, 1_350, 1_450),
			nil, "follower ER 2.80% is 1.30× the 20K–100K benchmark 2.15%: above it"},
		{"a PASS below its tier says it is within the normal range", spread("a", 10, 800, 850),
			nil, "follower ER 1.65% is 0.77× the 20K–100K benchmark 2.15%: within the normal range for its tier (above the far-below line 0.5×)"},
		{"a FAIL says it is far below", spread("a", 10, 200, 250),
			nil, "follower ER 0.45% is 0.21× the 20K–100K benchmark 2.15%: far below it (under 0.5×)"},
		{"one post is one post", account("a", 20_000, counts{10_000, 300, 10, 5}),
			nil, "only 1 post to score (at least 3 needed)"},
		{"big numbers carry thousands separators", account("a", 1_000, same(3, counts{90_000, 40_000, 32, 5})...),
			twoTo1, "follower ER 4,003.20% is 2,001.60× the any benchmark 2.00%"},
		{"big ratios of likes to comments carry separators too", account("a", 20_000, same(5, counts{90_000, 2_500, 2, 5})...),
			nil, "1,250 likes per comment"},
		{"a rounded follower count is quoted as approximate", rounded,
			nil, "its tier for ~183K followers"},
		{"a benchmark prints as it was written", spread("a", 10, 1_350, 1_450),
			func(c *Config) { c.Benchmarks.Tiers[2].Benchmark = 2.125 }, "the 20K–100K benchmark 2.125%"},
		{"a benchmark of 5.60 keeps its two decimals", account("a", 2_000, same(5, counts{5_000, 100, 5, 5})...),
			nil, "the 1K–5K benchmark 5.60%"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Default()
			if tc.cfg != nil {
				tc.cfg(&cfg)
			}
			a := Score(Input{Texts: &postTexts, Posts: tc.posts}, cfg).Accounts[0]
			if !strings.Contains(enAll(a.Reason), tc.reason) {
				t.Errorf("reason %q\nwant it to hold %q", enAll(a.Reason), tc.reason)
			}
		})
	}
	t.Run("a reason names every signal in plain words", func(t *testing.T) {
		cfg := Default()
		cfg.AsOf = day0.AddDate(0, 0, 45)
		ps := account("a", 20_000, same(5, counts{900, 3_000, 10, 0})...) // bought likes, impossible counts, inactive
		a := Score(Input{Texts: &postTexts, Posts: ps}, cfg).Accounts[0]
		if len(a.Signals) < 3 {
			t.Fatalf("signals %+v, want at least three", a.Signals)
		}
		for _, s := range a.Signals {
			if s.Code != FarBelowTier && !strings.Contains(enAll(a.Reason), en(s.Plain)) {
				t.Errorf("reason %q lacks %s: %q", enAll(a.Reason), s.Code, en(s.Plain))
			}
		}
		if strings.Contains(enAll(a.Reason), "more signal") {
			t.Errorf("reason %q cuts signals short", enAll(a.Reason))
		}
	})
}

func TestNoSeedInClientText(t *testing.T) {
	cfg := Default()
	texts := []string{cfg.Benchmarks.Name, cfg.Benchmarks.Source}
	for _, r := range Rules(cfg) {
		texts = append(texts, r.When)
	}
	res := Score(Input{Texts: &postTexts, Posts: append(honest(50_000), account("tiny", 500, same(2, counts{1_000, 10, 1, 0})...)...)}, cfg)
	for _, a := range res.Accounts {
		texts = append(texts, enAll(a.Reason))
	}
	for _, s := range texts {
		if strings.Contains(strings.ToLower(s), "seed") {
			t.Errorf("client text %q says seed", s)
		}
	}
	if cfg.Benchmarks.Name != "TikTok engagement by follower tier" {
		t.Errorf("benchmark name %q", cfg.Benchmarks.Name)
	}
}

func TestEverySignalHasAName(t *testing.T) {
	seen := map[string]string{}
	for _, code := range codes {
		name := SignalName(code)
		if _, ok := signalNames[code]; !ok || name == "" || strings.Contains(name, "_") {
			t.Errorf("%s has no name of its own: %q", code, name)
		}
		if other, ok := seen[name]; ok {
			t.Errorf("%s and %s are both %q", code, other, name)
		}
		seen[name] = code
	}
	if got := SignalName(LikeCommentRatio); got != "likes per comment" {
		t.Errorf("like_comment_ratio is %q", got)
	}
	if got := SignalName("made_up"); got != "made up" {
		t.Errorf("an unknown code reads %q", got)
	}
}
