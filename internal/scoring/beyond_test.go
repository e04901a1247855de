package scoring

import (
	"math"
	"strings"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
)

// reach is n posts of an account of followers whose posts are seen by 2.5 and 3.5 times its
// followers in turn and each get inter likes + comments: an ordinary view ER (about inter ÷ 3
// followers), a follower ER of inter ÷ followers, and a median view 300% of the followers.
func reach(followers, inter int64, n int) []counts {
	f, i := ingest.Count(followers), ingest.Count(inter)
	cs := same(n, counts{f * 5 / 2, i - i/50, i / 50, i / 100})
	for k := 1; k < n; k += 2 {
		cs[k][0] = f * 7 / 2
	}
	return cs
}

// Issue 19's review: on a real profile export the #1 was a firm PASS at 15.8× its tier, its
// median post seen by 2.7× its followers at an ordinary view ER. A follower ER more than
// confidence.extreme-ratio (8) × the tier's benchmark is not firm, and the reason says why.
func TestAFollowerERFarAboveTheTierIsNotFirm(t *testing.T) {
	t.Run("at the default line", func(t *testing.T) {
		for _, tc := range []struct {
			name  string
			inter int64 // likes + comments per post, on 100,000 followers (100K–1M, benchmark 2.05%)
			want  Confidence
		}{
			{"7.99× its tier is firm", 16_380, Firm},
			{"8.01× its tier is borderline", 16_420, Borderline},
		} {
			t.Run(tc.name, func(t *testing.T) {
				a := Score(Input{Texts: &postTexts, Posts: account("a", 100_000, reach(100_000, tc.inter, 10)...)}, Default()).Accounts[0]
				said := strings.Contains(enAll(a.Reason), "over 8× its tier: its posts reach beyond its followers (median views are 300% of followers)")
				if a.Verdict != Pass || a.Confidence != tc.want || said != (tc.want == Borderline) {
					t.Errorf("ratio %.4f: %s %s, reason %q", a.Ratio.Value, a.Verdict, a.Confidence, enAll(a.Reason))
				}
				if len(a.Signals) != 0 {
					t.Errorf("signals %+v: reach beyond the followers is not a doubt", a.Signals)
				}
			})
		}
	})
	t.Run("exactly at the line is firm, just above it borderline", func(t *testing.T) {
		ps := account("a", 100_000, reach(100_000, 30_000, 10)...)
		r := Score(Input{Texts: &postTexts, Posts: ps}, Default()).Accounts[0].Ratio.Value
		for _, tc := range []struct {
			line float64
			want Confidence
		}{{r, Firm}, {math.Nextafter(r, 0), Borderline}} {
			cfg := Default()
			cfg.ExtremeRatio = tc.line
			if a := Score(Input{Texts: &postTexts, Posts: ps}, cfg).Accounts[0]; a.Confidence != tc.want {
				t.Errorf("ratio %v against a line of %v: %s, want %s", r, tc.line, a.Confidence, tc.want)
			}
		}
	})
	t.Run("a small creator with one viral post is told by its best post's share", func(t *testing.T) {
		// 2,000 followers (1K–5K, benchmark 5.60%): posts seen by 40% of them, and one by 30×.
		viral := counts{60_000, 4_450, 50, 100}
		for _, tc := range []struct {
			name string
			n    int
			want string
		}{
			// On 4 posts no spike is judged: the note names the best post's share.
			{"on 4 posts", 4, "over 8× its tier: its best post holds 96.1% of the window's engagement, so the rate is less certain"},
			// On 5, engagement_spikes says the share; the note does not say it again.
			{"on 5 posts, with the spike's words", 5, "above it; over 8× its tier, so the rate is less certain; check that the follower count is current; one post holds 94.9%"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				a := Score(Input{Texts: &postTexts, Posts: account("a", 2_000, with(same(tc.n, counts{800, 59, 1, 2}), 1, viral)...)}, Default()).Accounts[0]
				if a.Confidence == Firm || !strings.Contains(enAll(a.Reason), tc.want) {
					t.Errorf("ratio %.2f: %s %s, reason %q; want it saying %q", a.Ratio.Value, a.Verdict, a.Confidence, enAll(a.Reason), tc.want)
				}
				if _, ok := raised(a, EngagementSpikes); ok != (tc.n >= 5) {
					t.Errorf("signals %+v", a.Signals)
				}
			})
		}
	})
	t.Run("off at 0, and not judged on the view basis", func(t *testing.T) {
		ps := account("a", 100_000, reach(100_000, 30_000, 10)...)
		off := Default()
		off.ExtremeRatio = 0
		views := Default()
		views.Basis = BasisViews
		for name, cfg := range map[string]Config{"extreme-ratio 0": off, "basis views": views} {
			if a := Score(Input{Texts: &postTexts, Posts: ps}, cfg).Accounts[0]; a.Confidence != Firm || strings.Contains(enAll(a.Reason), "its tier:") {
				t.Errorf("%s: %s (ratio %.2f), reason %q", name, a.Confidence, a.Ratio.Value, enAll(a.Reason))
			}
		}
	})
	t.Run("a thin account says it and stays thin", func(t *testing.T) {
		a := Score(Input{Texts: &postTexts, Posts: account("a", 100_000, reach(100_000, 30_000, 3)...)}, Default()).Accounts[0]
		if a.Confidence != Thin || !strings.Contains(enAll(a.Reason), "over 8× its tier") {
			t.Errorf("%s, reason %q", a.Confidence, enAll(a.Reason))
		}
	})
}
