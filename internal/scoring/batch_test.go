package scoring

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
)

// creator generates one account's posts, newest first, a day apart from newest, from a seeded
// generator: views and likes jitter around what an honest audience of that size gives.
type creator struct {
	handle    string
	followers ingest.Count
	er        float64 // follower ER to aim for, percent
	newest    time.Time
	rng       *rand.Rand
}

func (c creator) posts(n int, edit func(i int, p *ingest.Post)) []ingest.Post {
	ps := make([]ingest.Post, n)
	f := float64(c.followers)
	for i := range ps {
		views := f * (0.3 + 0.9*c.rng.Float64())
		engaged := f * c.er / 100 * (0.7 + 0.6*c.rng.Float64())
		likes := engaged * 30 / 31
		ps[i] = ingest.Post{Account: txt(c.handle), Key: txt(ingest.FoldHandle(c.handle)), Followers: c.followers,
			Views: ingest.Count(views), Likes: ingest.Count(likes), Comments: ingest.Count(engaged - likes),
			Shares: ingest.Count(likes / 15), Saves: ingest.Missing,
			PostedAt: ingest.At(c.newest.AddDate(0, 0, -2*i)), VideoID: txt(fmt.Sprintf("%s-%d", c.handle, i))}
		if edit != nil {
			edit(i, &ps[i])
		}
	}
	return ps
}

func TestPlantedBatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2026))
	newest := time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC)
	var all []ingest.Post
	var honest []string
	for _, tier := range Default().Benchmarks.Tiers {
		for k, f := range []int64{tier.Min, tier.Min * 2, tier.Min*3 + 777} {
			h := fmt.Sprintf("honest_%s_%d", tier.Name, k)
			honest = append(honest, h)
			all = append(all, creator{h, ingest.Count(f), tier.Benchmark * 1.3, newest, rng}.posts(12, nil)...)
		}
	}
	planted := func(h string, f ingest.Count, er float64, days int, edit func(int, *ingest.Post)) {
		all = append(all, creator{h, f, er, newest.AddDate(0, 0, -days), rng}.posts(12, edit)...)
	}
	// A big audience that does not watch: views are 2–3% of followers, but those who watch
	// engage at 12%: low on follower ER, healthy on view ER (two axes: REVIEW, not FAIL).
	planted("ghosts", 400_000, 0.3, 0, func(_ int, p *ingest.Post) { p.Views = p.Followers / 40 })
	// The same unseen audience, and those who watch barely engage (2%): low on both axes.
	planted("unseen", 400_000, 0.05, 0, func(_ int, p *ingest.Post) { p.Views = p.Followers / 40 })
	// Likes bought in bulk: 800 likes for every comment, where real creators leave 100–200.
	planted("bought_likes", 50_000, 3, 0, func(_ int, p *ingest.Post) { p.Comments = p.Likes / 800 })
	// One viral post carries the account.
	planted("one_hit", 30_000, 1.5, 0, func(i int, p *ingest.Post) {
		if i == 4 {
			p.Views, p.Likes, p.Comments = 2_000_000, 60_000, 1_500
		}
	})
	// Engagement no account of 300K earns: 4× its tier.
	planted("too_good", 300_000, 8.2, 0, nil)
	// Nothing posted for two months.
	planted("dormant", 20_000, 2.8, 60, nil)
	// Far below its tier.
	planted("sleepy", 50_000, 0.6, 0, nil)

	res := Score(Input{Texts: &postTexts, Posts: all}, Default())
	if !res.AsOf.Equal(newest) {
		t.Errorf("as-of = %s, want the newest post %s", res.AsOf, newest)
	}
	for _, tc := range []struct {
		handle  string
		verdict Verdict
		signal  string
		reason  string
	}{
		{"ghosts", Review, LowReach, "few followers see the posts, and those who watch engage at 11.80%, at or above the platform average 3.30%; median views are 2.5% of its 400,000 followers"},
		{"ghosts", Review, GhostFollowers, "median views are 2.5% of its 400,000 followers (under 5%)"},
		{"unseen", Fail, FarBelowTier, "far below it"},
		{"unseen", Fail, GhostFollowers, "median views are 2.5% of its 400,000 followers"},
		{"bought_likes", Review, LikeCommentRatio, "likes per comment, above 500"},
		{"one_hit", Review, EngagementSpikes, "one post holds"},
		{"too_good", Review, ImplausiblyHigh, "that few creators of its size reach today"},
		{"dormant", Review, Inactive, "no post for 60 days"},
		{"sleepy", Fail, FarBelowTier, "× the 20K–100K benchmark 2.15%"},
	} {
		t.Run(fmt.Sprintf("%s gets %s with %s", tc.handle, tc.verdict, tc.signal), func(t *testing.T) {
			a := find(t, res, tc.handle)
			if a.Verdict != tc.verdict {
				t.Errorf("verdict = %s, want %s (signals %+v)", a.Verdict, tc.verdict, a.Signals)
			}
			if _, ok := raised(a, tc.signal); !ok {
				t.Errorf("signals %+v lack %s", a.Signals, tc.signal)
			}
			if !strings.Contains(enAll(a.Reason), tc.reason) {
				t.Errorf("reason %q does not say %q", enAll(a.Reason), tc.reason)
			}
		})
	}
	for _, h := range honest {
		t.Run(h+" passes with no signal", func(t *testing.T) {
			a := find(t, res, h)
			if a.Verdict != Pass || len(a.Signals) > 0 {
				t.Errorf("verdict %s, signals %+v; want PASS and none", a.Verdict, a.Signals)
			}
		})
	}
	t.Run("the ranking puts PASS first, then by confidence and ratio, and UNRATED last", func(t *testing.T) {
		surest := map[Confidence]int{Firm: 0, Borderline: 1, Thin: 2}
		ok := slices.IsSortedFunc(res.Accounts, func(a, b Account) int {
			if a.Verdict != b.Verdict {
				return int(a.Verdict) - int(b.Verdict)
			}
			if a.Confidence != b.Confidence {
				return surest[a.Confidence] - surest[b.Confidence]
			}
			if a.Ratio.Value > b.Ratio.Value {
				return -1
			}
			if a.Ratio.Value < b.Ratio.Value {
				return 1
			}
			return 0
		})
		if !ok {
			t.Error("accounts are not ranked by verdict, then confidence, then ratio")
		}
	})
}

func TestWeekOverWeek(t *testing.T) {
	week := func(asOf time.Time, followers map[string]ingest.Count, baseline *Baseline) *Result {
		rng := rand.New(rand.NewPCG(7, 7))
		var all []ingest.Post
		for _, h := range slices.Sorted(maps.Keys(followers)) {
			all = append(all, creator{h, followers[h], 3, asOf, rng}.posts(10, nil)...)
		}
		return Score(Input{Texts: &postTexts, Posts: all, Baseline: baseline}, Default())
	}
	monday := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	last := week(monday, map[string]ingest.Count{"steady": 50_000, "Jumper": 40_000, "leaver": 30_000}, nil)
	now := week(monday.AddDate(0, 0, 7), map[string]ingest.Count{"steady": 50_200, "Jumper": 52_000, "newbie": 25_000}, last.Baseline())

	jumper, before := find(t, now, "Jumper"), find(t, last, "Jumper")
	t.Run("followers up 12,000 (30%) in a week raise follower_jump", func(t *testing.T) {
		if _, ok := raised(jumper, FollowerJump); !ok || jumper.Verdict != Review {
			t.Errorf("verdict %s, signals %+v; want REVIEW with follower_jump", jumper.Verdict, jumper.Signals)
		}
		if !strings.Contains(enAll(jumper.Reason), "followers up 30% since the previous report (+12,000)") {
			t.Errorf("reason = %q", enAll(jumper.Reason))
		}
	})
	t.Run("the changes since the baseline are the differences of the two weeks", func(t *testing.T) {
		ch := jumper.Change
		if ch == nil || ch.FollowersDelta == nil {
			t.Fatalf("change = %+v, want one", ch)
		}
		if *ch.FollowersDelta != 12_000 || ch.FollowersPercent.Value != 30 {
			t.Errorf("followers Δ = %d (%v%%), want 12000 (30%%)", *ch.FollowersDelta, ch.FollowersPercent.Value)
		}
		if want := jumper.FollowerER.Value - before.FollowerER.Value; !ch.FollowerERDelta.OK || ch.FollowerERDelta.Value != want {
			t.Errorf("follower ER Δ = %+v, want %v", ch.FollowerERDelta, want)
		}
		if ch.Before.Verdict != before.Verdict || ch.Before.Followers != 40_000 {
			t.Errorf("before = %+v, want last week's verdict %s and 40000 followers", ch.Before, before.Verdict)
		}
	})
	t.Run("a steady account raises neither follower_jump nor follower_drop", func(t *testing.T) {
		a := find(t, now, "steady")
		_, jump := raised(a, FollowerJump)
		_, drop := raised(a, FollowerDrop)
		if jump || drop || a.Change == nil || *a.Change.FollowersDelta != 200 {
			t.Errorf("signals %+v, change %+v", a.Signals, a.Change)
		}
	})
	t.Run("accounts new this week and gone since last week are listed", func(t *testing.T) {
		if !slices.Equal(now.New, []string{"newbie"}) {
			t.Errorf("new = %v, want [newbie]", now.New)
		}
		if len(now.Gone) != 1 || now.Gone[0].Handle != "leaver" || now.Gone[0].Followers != 30_000 {
			t.Errorf("gone = %+v, want leaver with 30000 followers", now.Gone)
		}
		if a := find(t, now, "newbie"); !a.New || a.Change != nil {
			t.Errorf("newbie: new %v, change %+v", a.New, a.Change)
		}
	})
	t.Run("without a baseline nothing is new, gone or changed", func(t *testing.T) {
		if last.HasBaseline || last.New != nil || last.Gone != nil || find(t, last, "steady").Change != nil {
			t.Errorf("result claims a baseline: %v %v %v", last.HasBaseline, last.New, last.Gone)
		}
	})
}
