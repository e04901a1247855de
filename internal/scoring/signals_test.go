package scoring

import (
	"strings"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
)

var day0 = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// counts is one post: views, likes, comments, shares.
type counts [4]ingest.Count

// account makes one account's posts, newest first, a day apart from day0.
func account(handle string, followers ingest.Count, cs ...counts) []ingest.Post {
	ps := make([]ingest.Post, len(cs))
	for i, c := range cs {
		ps[i] = ingest.Post{Account: txt(handle), Key: txt(ingest.FoldHandle(handle)), Followers: followers,
			Views: c[0], Likes: c[1], Comments: c[2], Shares: c[3], Saves: ingest.Missing,
			PostedAt: ingest.At(day0.AddDate(0, 0, -i)), VideoID: txt(handle + "-" + string(rune('a'+i)))}
	}
	return ps
}

// honest are ten posts of a 50K account that raise nothing: follower ER 3.04%, 1.41× its tier.
func honest(followers ingest.Count) []ingest.Post {
	return account("honest", followers,
		counts{30_000, 1_500, 60, 80}, counts{42_000, 1_300, 50, 70}, counts{35_000, 1_900, 70, 90},
		counts{50_000, 1_400, 55, 60}, counts{28_000, 1_600, 65, 75}, counts{39_000, 1_100, 45, 50},
		counts{45_000, 1_700, 70, 85}, counts{33_000, 1_500, 60, 70}, counts{41_000, 1_250, 50, 60},
		counts{37_000, 1_450, 60, 65})
}

// same makes n posts with the same counts.
func same(n int, c counts) []counts {
	cs := make([]counts, n)
	for i := range cs {
		cs[i] = c
	}
	return cs
}

func with(cs []counts, i int, c counts) []counts { cs[i] = c; return cs }

func raised(a Account, code string) (Signal, bool) {
	for _, s := range a.Signals {
		if s.Code == code {
			return s, true
		}
	}
	return Signal{}, false
}

func TestHonestAccountRaisesNothing(t *testing.T) {
	a := Score(Input{Texts: &postTexts, Posts: honest(50_000)}, Default()).Accounts[0]
	if a.Verdict != Pass || len(a.Signals) != 0 {
		t.Fatalf("verdict %s, signals %+v; want PASS and none (reason %q)", a.Verdict, a.Signals, enAll(a.Reason))
	}
}

func TestEachSignal(t *testing.T) {
	twoTo1 := func(c *Config) { c.Benchmarks.Tiers = []Tier{{Name: "any", Min: 1_000, Benchmark: 2}} }
	asOf := func(days int) func(*Config) {
		return func(c *Config) { c.AsOf = day0.AddDate(0, 0, days) }
	}
	prev := func(followers ingest.Count) *Baseline {
		return &Baseline{Accounts: map[string]Previous{"honest": {Handle: "honest", Followers: followers}}}
	}
	paid := func(sponsoredLikes ingest.Count, sponsored int) []ingest.Post {
		ps := account("a", 10_000, with(with(same(10, counts{10_000, 400, 0, 0}), 1, counts{10_000, sponsoredLikes, 0, 0}), 4, counts{10_000, sponsoredLikes, 0, 0})...)
		for i := range sponsored {
			ps[1+3*i].Caption = txt("new drop #ad")
		}
		return ps
	}
	rounded := account("a", 10_000, same(5, counts{1_000, 1_200, 10, 0})...)
	roundedPost := func(c counts) []ingest.Post { // five ordinary posts and, third, one with abbreviated counts c
		ps := account("a", 10_000, with(same(5, counts{1_000, 100, 10, 0}), 2, c)...)
		ps[2].Rounded = true
		return ps
	}
	for i := range rounded {
		rounded[i].Rounded = true
	}
	for _, tc := range []struct {
		name     string
		posts    []ingest.Post
		cfg      func(*Config)
		baseline *Baseline
		code     string
		want     bool
	}{
		{"a ratio of 0.495 is far below the tier", account("a", 10_000, same(5, counts{5_000, 90, 9, 0})...), twoTo1, nil, FarBelowTier, true},
		{"a ratio of exactly 0.5 is not far below the tier", account("a", 10_000, same(5, counts{5_000, 90, 10, 0})...), twoTo1, nil, FarBelowTier, false},

		{"median views at 4.9% of followers are ghost followers", honest(775_510), nil, nil, GhostFollowers, true},
		{"median views at exactly 5% of followers are not ghost followers", honest(760_000), nil, nil, GhostFollowers, false},

		{"501 likes per comment are raised where the tier has too few peers", account("a", 10_000, same(5, counts{50_000, 5_010, 10, 0})...), nil, nil, LikeCommentRatio, true},
		{"500 likes per comment are not raised", account("a", 10_000, same(5, counts{50_000, 5_000, 10, 0})...), nil, nil, LikeCommentRatio, false},
		{"201 likes and no comments at all are raised", account("a", 10_000, same(3, counts{50_000, 67, 0, 0})...), nil, nil, LikeCommentRatio, true},
		{"100 likes and no comments at all are raised", account("a", 10_000, same(5, counts{50_000, 20, 0, 0})...), nil, nil, LikeCommentRatio, true},
		{"99 likes and no comments are too few to call", account("a", 10_000, same(3, counts{50_000, 33, 0, 0})...), nil, nil, LikeCommentRatio, false},
		{"2 likes and no comments are not comment bots", account("a", 10_000, same(2, counts{50_000, 1, 0, 0})...), nil, nil, LikeCommentRatio, false},
		{"2.9 likes per comment look like comment bots", account("a", 10_000, same(5, counts{50_000, 29, 10, 0})...), nil, nil, LikeCommentRatio, true},
		{"3 likes per comment are not raised", account("a", 10_000, same(5, counts{50_000, 30, 10, 0})...), nil, nil, LikeCommentRatio, false},

		{"one post holding 75.07% of the window's interactions is a spike", account("a", 10_000, with(same(10, counts{10_000, 90, 5, 5}), 3, counts{10_000, 2_700, 5, 5})...), nil, nil, EngagementSpikes, true},
		{"one post holding exactly 75% of the window's interactions is not", account("a", 10_000, with(same(10, counts{10_000, 90, 5, 5}), 3, counts{10_000, 2_690, 5, 5})...), nil, nil, EngagementSpikes, false},
		{"three posts above 10× the median interactions are spikes", account("a", 10_000, with(with(with(same(10, counts{10_000, 90, 5, 5}), 1, counts{10_000, 991, 5, 5}), 4, counts{10_000, 991, 5, 5}), 7, counts{10_000, 991, 5, 5})...), nil, nil, EngagementSpikes, true},
		{"three posts at exactly 10× the median interactions are not", account("a", 10_000, with(with(with(same(10, counts{10_000, 90, 5, 5}), 1, counts{10_000, 990, 5, 5}), 4, counts{10_000, 990, 5, 5}), 7, counts{10_000, 990, 5, 5})...), nil, nil, EngagementSpikes, false},
		{"a post carrying five posts is a spike", account("a", 10_000, with(same(5, counts{10_000, 90, 5, 5}), 2, counts{10_000, 9_000, 5, 5})...), nil, nil, EngagementSpikes, true},
		{"four posts are too few to call a spike", account("a", 10_000, with(same(4, counts{10_000, 90, 5, 5}), 2, counts{10_000, 9_000, 5, 5})...), nil, nil, EngagementSpikes, false},

		{"a 100K account at 3.005× its tier and a 12.3% view ER is implausibly high", account("a", 100_000, same(5, counts{50_000, 6_000, 160, 0})...), nil, nil, ImplausiblyHigh, true},
		{"a 100K account at 2.995× its tier is not", account("a", 100_000, same(5, counts{50_000, 6_000, 140, 0})...), nil, nil, ImplausiblyHigh, false},
		{"a 100K account at 3.005× its tier and a 9.565% view ER, above the 9.56% line, is", account("a", 100_000, same(5, counts{64_400, 6_000, 160, 0})...), nil, nil, ImplausiblyHigh, true},
		{"a 100K account at 3.005× its tier and a 9.550% view ER, under the 9.56% line, is not", account("a", 100_000, same(5, counts{64_500, 6_000, 160, 0})...), nil, nil, ImplausiblyHigh, false},
		{"a 100K account at 3.005× its tier without views is, on the ratio alone", account("a", 100_000, same(5, counts{ingest.Missing, 6_000, 160, 0})...), nil, nil, ImplausiblyHigh, true},
		{"a 99,999-follower account far above its tier is not", account("a", 99_999, same(5, counts{50_000, 9_000, 160, 0})...), nil, nil, ImplausiblyHigh, false},
		{"a 10K account at 10.01× its tier is implausibly high at any size", account("a", 10_000, same(5, counts{10_000, 1_900, 102, 0})...), twoTo1, nil, ImplausiblyHigh, true},
		{"a 10K account at exactly 10× its tier is not", account("a", 10_000, same(5, counts{10_000, 1_900, 100, 0})...), twoTo1, nil, ImplausiblyHigh, false},

		{"far below the tier with a median view ER of exactly 3.3% is low reach", account("a", 10_000, same(5, counts{3_000, 90, 9, 0})...), twoTo1, nil, LowReach, true},
		{"far below the tier with a median view ER of 3.299% is not low reach", account("a", 10_000, same(5, counts{3_001, 90, 9, 0})...), twoTo1, nil, LowReach, false},
		{"far below the tier with a median view ER of 3.299% fails", account("a", 10_000, same(5, counts{3_001, 90, 9, 0})...), twoTo1, nil, FarBelowTier, true},
		{"low reach is not far below the tier's FAIL", account("a", 10_000, same(5, counts{3_000, 90, 9, 0})...), twoTo1, nil, FarBelowTier, false},
		{"on the view basis there is no low reach", account("a", 10_000, same(5, counts{30_000, 90, 9, 0})...), func(c *Config) { twoTo1(c); c.Basis = BasisViews }, nil, LowReach, false},

		{"view ERs of 1,1,1,1,20% are erratic", account("a", 10_000, counts{1_000, 10, 0, 0}, counts{1_000, 10, 0, 0}, counts{1_000, 10, 0, 0}, counts{1_000, 10, 0, 0}, counts{1_000, 200, 0, 0}), nil, nil, Erratic, true},
		{"view ERs of 1,1,1,1,16% (a CV of exactly 1.5) are not erratic", account("a", 10_000, counts{1_000, 10, 0, 0}, counts{1_000, 10, 0, 0}, counts{1_000, 10, 0, 0}, counts{1_000, 10, 0, 0}, counts{1_000, 160, 0, 0}), nil, nil, Erratic, false},
		{"five identical view ERs are too steady", account("a", 10_000, same(5, counts{1_000, 100, 0, 0})...), nil, nil, TooSteady, true},
		{"view ERs of 9,11,9,11,9,11% (a CV of exactly 0.1) are not too steady", account("a", 10_000, counts{1_000, 90, 0, 0}, counts{1_000, 110, 0, 0}, counts{1_000, 90, 0, 0}, counts{1_000, 110, 0, 0}, counts{1_000, 90, 0, 0}, counts{1_000, 110, 0, 0}), nil, nil, TooSteady, false},
		{"four identical view ERs are too few to call too steady", account("a", 10_000, same(4, counts{1_000, 100, 0, 0})...), nil, nil, TooSteady, false},

		{"a post with more likes than views is impossible", account("a", 10_000, with(same(5, counts{1_000, 100, 10, 0}), 2, counts{1_000, 1_001, 0, 0})...), nil, nil, ImpossibleCounts, true},
		{"a post with more interactions than views is impossible", account("a", 10_000, with(same(5, counts{1_000, 100, 10, 0}), 2, counts{1_000, 900, 60, 50})...), nil, nil, ImpossibleCounts, true},
		{"a post with exactly as many interactions as views is possible", account("a", 10_000, with(same(5, counts{1_000, 100, 10, 0}), 2, counts{1_000, 1_000, 0, 0})...), nil, nil, ImpossibleCounts, false},
		{"rounded counts above views within their rounding are not called impossible", rounded, nil, nil, ImpossibleCounts, false},
		{"1.1M shares on 991.4K views are impossible", roundedPost(counts{991_400, 0, 0, 1_100_000}), nil, nil, ImpossibleCounts, true},
		{"1.04M likes (at least 1,035,000) on 991.4K views are impossible", roundedPost(counts{991_400, 1_040_000, 0, 0}), nil, nil, ImpossibleCounts, true},
		{"991.6K likes on 991.4K views are impossible", roundedPost(counts{991_400, 991_600, 0, 0}), nil, nil, ImpossibleCounts, true},
		{"991.5K likes on 991.4K views may both be 991,450: not impossible", roundedPost(counts{991_400, 991_500, 0, 0}), nil, nil, ImpossibleCounts, false},
		{"991,500 likes on 991,400 views read exactly are impossible", account("a", 10_000, with(same(5, counts{1_000, 100, 10, 0}), 2, counts{991_400, 991_500, 0, 0})...), nil, nil, ImpossibleCounts, true},
		{"1M likes on 991.4K views could be 991.4K likes (1M is ±500K)", roundedPost(counts{991_400, 1_000_000, 0, 0}), nil, nil, ImpossibleCounts, false},

		{"a newest post 31 days before as-of is inactive", honest(50_000), asOf(31), nil, Inactive, true},
		{"a newest post exactly 30 days before as-of is not inactive", honest(50_000), asOf(30), nil, Inactive, false},

		{"followers up 20% and 10,000 since the baseline jumped", honest(60_000), nil, prev(50_000), FollowerJump, true},
		{"followers up 19.998% since the baseline did not jump", honest(59_999), nil, prev(50_000), FollowerJump, false},
		{"followers up 22.5% but only 900 since the baseline did not jump", account("honest", 4_900, same(5, counts{4_000, 250, 10, 5})...), nil, prev(4_000), FollowerJump, false},
		{"followers down 5% and 2,500 since the baseline dropped", honest(47_500), nil, prev(50_000), FollowerDrop, true},
		{"followers down 4.998% since the baseline did not drop", honest(47_501), nil, prev(50_000), FollowerDrop, false},

		{"sponsored posts at 0.49× the others' view ER underperform", paid(196, 2), nil, nil, SponsoredUnderperform, true},
		{"sponsored posts at exactly 0.5× the others' view ER do not", paid(200, 2), nil, nil, SponsoredUnderperform, false},
		{"one sponsored post far below the others is too few to call", paid(100, 1), nil, nil, SponsoredUnderperform, false},

		{"two posts are insufficient data", account("a", 10_000, same(2, counts{1_000, 100, 10, 0})...), nil, nil, InsufficientData, true},
		{"three posts are enough", account("a", 10_000, same(3, counts{1_000, 100, 10, 0})...), nil, nil, InsufficientData, false},
		{"missing followers are insufficient data", account("a", ingest.Missing, same(5, counts{1_000, 100, 10, 0})...), nil, nil, InsufficientData, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Default()
			if tc.cfg != nil {
				tc.cfg(&cfg)
			}
			a := Score(Input{Texts: &postTexts, Posts: tc.posts, Baseline: tc.baseline}, cfg).Accounts[0]
			s, got := raised(a, tc.code)
			if got != tc.want {
				t.Fatalf("%s raised = %v, want %v; signals %+v", tc.code, got, tc.want, a.Signals)
			}
			if got && (en(s.Detail) == "" || en(s.Plain) == "") {
				t.Errorf("signal %+v lacks its numbers or its plain words", s)
			}
			if got && s.Verdict != Unrated && a.Verdict < s.Verdict {
				t.Errorf("verdict %s is milder than the signal's %s", a.Verdict, s.Verdict)
			}
		})
	}
}

func TestSignalsThatNeedNoTierAreRaisedOnUnratedAccounts(t *testing.T) {
	for _, tc := range []struct {
		name   string
		posts  []ingest.Post
		code   string
		reason string
	}{
		{"a 600-follower account with 600 likes per comment", account("small", 600, same(5, counts{5_000, 600, 1, 0})...), LikeCommentRatio, "600 likes per comment, above 500"},
		{"a 600-follower account with 150 likes and no comment", account("small", 600, same(5, counts{5_000, 30, 0, 0})...), LikeCommentRatio, "150 likes and not one comment"},
		{"a two-post account with more likes than views", account("few", 20_000, same(2, counts{1_000, 1_500, 10, 0})...), ImpossibleCounts, "2 posts have more likes or interactions than views"},
		{"a two-post account seen by 1% of its followers", account("few", 200_000, same(2, counts{2_000, 100, 5, 0})...), GhostFollowers, "median views are 1% of its 200,000 followers (under 5%)"},
		{"an account without followers that stopped posting", account("none", ingest.Missing, same(5, counts{5_000, 300, 10, 0})...), Inactive, "no post for 40 days"},
	} {
		t.Run(tc.name+" is raised and stays UNRATED", func(t *testing.T) {
			cfg := Default()
			cfg.AsOf = day0.AddDate(0, 0, 40)
			if tc.code != Inactive {
				cfg.AsOf = day0
			}
			a := Score(Input{Texts: &postTexts, Posts: tc.posts}, cfg).Accounts[0]
			if _, ok := raised(a, tc.code); !ok || a.Verdict != Unrated {
				t.Fatalf("verdict %s, signals %+v; want UNRATED with %s", a.Verdict, a.Signals, tc.code)
			}
			if !strings.Contains(enAll(a.Reason), tc.reason) {
				t.Errorf("reason %q does not say %q", enAll(a.Reason), tc.reason)
			}
			if a.Ratio.OK || a.Grade != NoGrade {
				t.Errorf("an unrated account got a ratio %+v and grade %q", a.Ratio, a.Grade)
			}
		})
	}
}

func TestRoundingSlack(t *testing.T) {
	for _, tc := range []struct{ v, want int64 }{
		{999, 0}, {1_000, 500}, {1_100, 50}, {991_400, 50}, {991_000, 500}, {991_450, 5},
		{1_000_000, 500_000}, {1_100_000, 50_000}, {1_040_000, 5_000}, {2_000_000_000, 500_000_000}, {0, 0},
	} {
		if got := roundingSlack(tc.v); got != tc.want {
			t.Errorf("roundingSlack(%d) = %d; want %d", tc.v, got, tc.want)
		}
	}
}
