package scoring

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
)

// kindBatch makes n accounts, the first thin of them with 2 posts (too few to rate) and the rest
// with the ten honest posts.
func kindBatch(n, thin int) []ingest.Post {
	var ps []ingest.Post
	for i := range n {
		h := fmt.Sprintf("c%02d", i)
		if i < thin {
			ps = append(ps, account(h, 50_000, counts{30_000, 1_500, 60, 80}, counts{42_000, 1_300, 50, 70})...)
			continue
		}
		for _, p := range honest(50_000) {
			p.Account, p.Key, p.VideoID = txt(h), txt(h), txt(h+str(p.VideoID))
			ps = append(ps, p)
		}
	}
	return ps
}

func TestBatchKindAtItsEdges(t *testing.T) {
	for _, tc := range []struct {
		name          string
		accounts      int
		thin          int
		profileExport bool
		want          Kind
	}{
		{"10 accounts, 6 thin (over 50%): a sample", 10, 6, false, Sample},
		{"10 accounts, 5 thin (50%, not over): profiles", 10, 5, false, Profiles},
		{"9 accounts, all thin: too few to call a sample", 9, 9, false, Profiles},
		{"--profile-export overrides it", 10, 10, true, Profiles},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Default()
			cfg.ProfileExport = tc.profileExport
			res := Score(Input{Texts: &postTexts, Posts: kindBatch(tc.accounts, tc.thin)}, cfg)
			if res.Kind != tc.want {
				t.Fatalf("kind %s, want %s", res.Kind, tc.want)
			}
			for _, a := range res.Accounts {
				if a.Sample != (tc.want == Sample) {
					t.Errorf("%s: sample %v in a %s batch", a.Handle, a.Sample, res.Kind)
				}
				if tc.want == Sample && (a.Verdict != Unrated || a.Confidence == Firm) {
					t.Errorf("%s: %s %s in a sample", a.Handle, a.Verdict, a.Confidence)
				}
			}
		})
	}
}

// scatteredPosts makes an account's posts, newest first, the given number of days apart.
func scatteredPosts(n int, gapDays float64) []ingest.Post {
	ps := account("scattered", 50_000, same(n, counts{30_000, 1_500, 60, 80})...)
	for i := range ps {
		ps[i].PostedAt = ingest.At(day0.Add(-time.Duration(float64(i) * gapDays * 24 * float64(time.Hour))))
	}
	return ps
}

func TestAScatteredHandfulIsASample(t *testing.T) {
	for _, tc := range []struct {
		name  string
		posts int
		gap   float64
		want  bool
	}{
		{"4 posts 31 days apart", 4, 31, true},
		{"4 posts 30 days apart (not over)", 4, 30, false},
		{"5 posts 60 days apart: enough to rate", 5, 60, false},
		{"1 post: no spread to judge", 1, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := Score(Input{Texts: &postTexts, Posts: scatteredPosts(tc.posts, tc.gap)}, Default()).Accounts[0]
			if a.Sample != tc.want {
				t.Fatalf("sample %v, want %v (verdict %s, reason %q)", a.Sample, tc.want, a.Verdict, enAll(a.Reason))
			}
			if tc.want {
				if a.Verdict != Unrated || a.Confidence != Thin {
					t.Errorf("verdict %s, confidence %s; want UNRATED, thin", a.Verdict, a.Confidence)
				}
				if _, ok := raised(a, Inactive); ok {
					t.Error("inactive judged from a sample")
				}
			}
		})
	}
}

func TestStaleFollowersLowerTheConfidence(t *testing.T) {
	for _, tc := range []struct {
		name      string
		newestAgo int // days between the window's newest post and as-of
		gap       float64
		want      string // "" when not stale
	}{
		{"newest post 91 days before as-of", 91, 1, "the follower count is 91 days newer than the newest post scored"},
		{"newest post 90 days before as-of", 90, 1, ""},
		{"a window over 181 days", 0, 181.0 / 9, "the posts scored span 181 days against today's follower count"},
		{"a window of 180 days", 0, 20, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Default()
			cfg.AsOf = day0.AddDate(0, 0, tc.newestAgo)
			cfg.InactiveDays = 1_000 // not the point here
			cfg.ProfileExport = true // ten posts far apart are rated here, not a sample
			ps := honest(50_000)
			for i := range ps {
				ps[i].PostedAt = ingest.At(day0.Add(-time.Duration(float64(i) * tc.gap * 24 * float64(time.Hour))))
			}
			a := Score(Input{Texts: &postTexts, Posts: ps}, cfg).Accounts[0]
			stale := tc.want != "" && strings.Contains(enAll(a.Reason), tc.want)
			if tc.want != "" && (!stale || a.Confidence != Borderline) {
				t.Errorf("confidence %s, reason %q; want borderline saying %q", a.Confidence, enAll(a.Reason), tc.want)
			}
			if tc.want == "" && (a.Confidence != Firm || strings.Contains(enAll(a.Reason), "less certain")) {
				t.Errorf("confidence %s, reason %q; want firm, not stale", a.Confidence, enAll(a.Reason))
			}
		})
	}
}

// A pinned post newer than the window still counts as the creator's last post: it was posted
// that day, so the creator is active, even though a pinned post stays out of the window
// (issue 19 item 7, decided and documented in the README).
func TestAPinnedPostNewerThanTheWindowIsTheLastPost(t *testing.T) {
	ps := honest(50_000)
	for i := range ps {
		ps[i].PostedAt = ingest.At(day0.AddDate(0, 0, -40-i))
	}
	pinned := ps[0]
	pinned.VideoID, pinned.Pinned, pinned.PostedAt = txt("pinned"), true, ingest.At(day0.AddDate(0, 0, -2))
	cfg := Default()
	cfg.AsOf = day0
	a := Score(Input{Texts: &postTexts, Posts: append(ps, pinned)}, cfg).Accounts[0]
	if a.DaysSinceLast != 2 || a.PinnedOut != 1 || a.Window != 10 {
		t.Fatalf("days since last %d, pinned out %d, window %d; want 2, 1, 10", a.DaysSinceLast, a.PinnedOut, a.Window)
	}
	if _, ok := raised(a, Inactive); ok {
		t.Error("inactive, though the creator posted 2 days ago")
	}
	// Without the pinned post the same account is 40 days quiet.
	b := Score(Input{Texts: &postTexts, Posts: ps}, cfg).Accounts[0]
	if _, ok := raised(b, Inactive); !ok || b.DaysSinceLast != 40 {
		t.Errorf("without the pinned post: days since last %d, signals %v", b.DaysSinceLast, b.Signals)
	}
}
