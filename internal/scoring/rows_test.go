package scoring

import (
	"strings"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
)

// Each rate uses the posts that have its inputs (SPEC §2 Rejects): a post without a view count
// still serves the follower ER, one without likes serves neither.
func TestEachRateRestsOnThePostsThatHaveItsInputs(t *testing.T) {
	m := ingest.Missing
	for _, tc := range []struct {
		name                string
		posts               []ingest.Post
		followerER          float64
		followerN, viewN    int
		medianViewER        float64 // 0: none
		medianViewERWithout bool
	}{
		{"four posts without views still count for the follower ER (the seed's 6.4%)",
			account("a", 20_000, append(same(6, counts{10_000, 1_200, 80, 10}), same(4, counts{m, 1_200, 80, 10})...)...),
			6.4, 10, 6, 12.9, false},
		{"two posts without likes leave the follower ER to the other eight",
			account("a", 20_000, append(same(8, counts{10_000, 1_200, 80, 10}), same(2, counts{10_000, m, 5_000, 10})...)...),
			6.4, 8, 8, 12.9, false},
		{"posts without shares or with zero views have no view ER",
			account("a", 20_000, append(same(3, counts{10_000, 1_200, 80, m}), same(7, counts{0, 1_200, 80, 10})...)...),
			6.4, 10, 0, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := Score(Input{Texts: &postTexts, Posts: tc.posts}, Default()).Accounts[0]
			if !a.FollowerER.OK || a.FollowerER.Value != tc.followerER || a.FollowerERPosts != tc.followerN {
				t.Errorf("follower ER %+v over %d posts, want %v over %d", a.FollowerER, a.FollowerERPosts, tc.followerER, tc.followerN)
			}
			if a.ViewERPosts != tc.viewN {
				t.Errorf("view ER over %d posts, want %d", a.ViewERPosts, tc.viewN)
			}
			if a.MedianViewER.OK == tc.medianViewERWithout || a.MedianViewER.Value != tc.medianViewER {
				t.Errorf("median view ER %+v, want %v", a.MedianViewER, tc.medianViewER)
			}
		})
	}
	t.Run("an account whose posts all lack views is rated on its follower ER", func(t *testing.T) {
		a := Score(Input{Texts: &postTexts, Posts: account("a", 20_000, same(5, counts{m, 500, 20, 5})...)}, Default()).Accounts[0]
		if a.Verdict == Unrated || a.ViewERPosts != 0 || a.MedianViewER.OK || a.MedianViews.OK {
			t.Errorf("verdict %s, view ER posts %d, median view ER %+v, median views %+v", a.Verdict, a.ViewERPosts, a.MedianViewER, a.MedianViews)
		}
	})
	t.Run("an account with two posts that have likes and comments is too thin to rate", func(t *testing.T) {
		ps := account("a", 20_000, append(same(2, counts{10_000, 500, 20, 5}), same(3, counts{10_000, m, m, 5})...)...)
		a := Score(Input{Texts: &postTexts, Posts: ps}, Default()).Accounts[0]
		if a.Verdict != Unrated || !strings.Contains(enAll(a.Reason), "only 2 posts to score") {
			t.Errorf("verdict %s, reason %q", a.Verdict, enAll(a.Reason))
		}
	})
}

// pinnedAccount is nine recent posts of a 20K account and three old viral ones pinned to its
// profile (listed first, as a profile shows them).
func pinnedAccount() []ingest.Post {
	recent := account("pins", 20_000, same(9, counts{20_000, 500, 20, 10})...)
	for i := range recent {
		recent[i].Views = ingest.Count(15_000 + 10_000*(i%2)) // view ERs vary, as a real account's do
	}
	old := account("pins", 20_000, same(3, counts{2_000_000, 300_000, 9_000, 5_000})...)
	for i := range old {
		old[i].Pinned = true
		old[i].PostedAt = ingest.At(day0.AddDate(-1, 0, -i))
		old[i].VideoID = txt("pinned-" + string(rune('a'+i)))
	}
	return append(old, recent...)
}

func TestPinnedPostsAreLeftOutOfTheWindow(t *testing.T) {
	a := Score(Input{Texts: &postTexts, Posts: pinnedAccount()}, Default()).Accounts[0]
	t.Run("the window holds the nine recent posts only", func(t *testing.T) {
		if a.Window != 9 || a.PinnedOut != 3 {
			t.Fatalf("window %d, pinned out %d; want 9 and 3", a.Window, a.PinnedOut)
		}
		for _, p := range a.WindowPosts() {
			if p.Pinned {
				t.Errorf("pinned post %s is in the window", str(p.VideoID))
			}
		}
	})
	t.Run("the old virals neither raise the follower ER nor spike it", func(t *testing.T) {
		if a.FollowerER.Value != 2.6 || a.Verdict != Pass {
			t.Errorf("follower ER %v, verdict %s (%s); want 2.6 and PASS", a.FollowerER.Value, a.Verdict, enAll(a.Reason))
		}
	})
	t.Run("the window note says how many were left out", func(t *testing.T) {
		if !strings.Contains(en(a.PinnedNote), "3 pinned posts left out of the window") {
			t.Errorf("note %q", en(a.PinnedNote))
		}
	})
	t.Run("unmarked, the same posts would enter the window and spike it", func(t *testing.T) {
		ps := pinnedAccount()
		for i := range ps {
			ps[i].Pinned = false
		}
		ps[0].PostedAt = ingest.At(day0.AddDate(0, 0, -9)) // just older than the nine: the tenth of the window
		b := Score(Input{Texts: &postTexts, Posts: ps}, Default()).Accounts[0]
		if _, ok := raised(b, EngagementSpikes); !ok || b.PinnedOut != 0 {
			t.Errorf("signals %+v, pinned out %d", b.Signals, b.PinnedOut)
		}
	})
}

func TestAnAccountWhosePostsAreAllPinnedIsUnrated(t *testing.T) {
	ps := account("pins", 20_000, same(4, counts{20_000, 500, 20, 10})...)
	for i := range ps {
		ps[i].Pinned = true
	}
	a := Score(Input{Texts: &postTexts, Posts: ps}, Default()).Accounts[0]
	if a.Window != 0 || a.PinnedOut != 4 || a.Verdict != Unrated || a.Confidence != Thin || a.MedianViews.OK {
		t.Errorf("window %d, pinned out %d, verdict %s, confidence %s, median views %+v", a.Window, a.PinnedOut, a.Verdict, a.Confidence, a.MedianViews)
	}
	if !strings.Contains(enAll(a.Reason), "only 0 posts to score") {
		t.Errorf("reason %q", enAll(a.Reason))
	}
}
