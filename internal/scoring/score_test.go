package scoring

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
)

// posts makes n posts of one account, newest first, a day apart, each with the given counts.
// Views alternate 30% below and above the given number (the same total over an even n), so that
// the view ER varies like a real account's and too_steady is not raised.
func posts(handle string, followers ingest.Count, n int, views, likes, comments, shares ingest.Count) []ingest.Post {
	start := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	var ps []ingest.Post
	for i := 0; i < n; i++ {
		v := views
		if v.Known() {
			v = views * ingest.Count(7+6*(i%2)) / 10
		}
		ps = append(ps, ingest.Post{
			Account: txt(handle), Key: txt(ingest.FoldHandle(handle)), Followers: followers,
			Views: v, Likes: likes, Comments: comments, Shares: shares, Saves: ingest.Missing,
			PostedAt: ingest.At(start.AddDate(0, 0, -i)), VideoID: txt(fmt.Sprintf("%s-%d", handle, i)),
		})
	}
	return ps
}

func find(t *testing.T, r *Result, handle string) Account {
	t.Helper()
	for _, a := range r.Accounts {
		if a.Handle == handle {
			return a
		}
	}
	t.Fatalf("no account %q in result", handle)
	return Account{}
}

func TestVerdicts(t *testing.T) {
	var all []ingest.Post
	// 20K–100K tier, benchmark 2.15%.
	all = append(all, posts("healthy", 50_000, 12, 40_000, 1_500, 100, 50)...)  // (1600/50000)=3.2% → 1.49×
	all = append(all, posts("far_below", 50_000, 12, 40_000, 200, 10, 5)...)    // 0.42% → 0.20×
	all = append(all, posts("just_below", 50_000, 12, 40_000, 540, 10, 5)...)   // 1.10% → 0.51×
	all = append(all, posts("tiny", 999, 12, 2_000, 100, 10, 5)...)             // under 1K
	all = append(all, posts("few_posts", 50_000, 2, 40_000, 1_500, 100, 50)...) // 2 posts
	all = append(all, posts("no_followers", ingest.Missing, 12, 40_000, 1_500, 100, 50)...)
	res := Score(Input{Texts: &postTexts, Posts: all}, Default())

	for _, tc := range []struct {
		handle  string
		verdict Verdict
		reason  string
	}{
		{"healthy", Pass, "follower ER 3.20% is 1.49× the 20K–100K benchmark 2.15%"},
		{"far_below", Fail, "follower ER 0.42% is 0.20× the 20K–100K benchmark 2.15%"},
		{"just_below", Pass, "follower ER 1.10% is 0.51× the 20K–100K benchmark 2.15%"},
		{"tiny", Unrated, "under the first tier"},
		{"few_posts", Unrated, "only 2 posts"},
		{"no_followers", Unrated, "no follower count"},
	} {
		t.Run(fmt.Sprintf("%s gets %s", tc.handle, tc.verdict), func(t *testing.T) {
			a := find(t, res, tc.handle)
			if a.Verdict != tc.verdict {
				t.Errorf("verdict = %s, want %s (reason %q)", a.Verdict, tc.verdict, enAll(a.Reason))
			}
			if !strings.Contains(enAll(a.Reason), tc.reason) {
				t.Errorf("reason = %q, want it to contain %q", enAll(a.Reason), tc.reason)
			}
		})
	}
	t.Run("accounts are ranked by verdict and then by ratio", func(t *testing.T) {
		var order []string
		for _, a := range res.Accounts {
			order = append(order, a.Handle)
		}
		got := strings.Join(order, ",")
		if !strings.HasPrefix(got, "healthy,just_below,far_below,") {
			t.Errorf("order = %s", got)
		}
	})
}

func TestWindowIsTheNewestPosts(t *testing.T) {
	ps := posts("a", 10_000, 15, 10_000, 100, 10, 0)
	// The five oldest posts carry huge likes: outside a 10-post window they must not count.
	for i := 10; i < 15; i++ {
		ps[i].Likes = 1_000_000
	}
	// Shuffle the order the export gave.
	ps[0], ps[14] = ps[14], ps[0]
	res := Score(Input{Texts: &postTexts, Posts: ps}, Default())
	a := res.Accounts[0]
	if a.Window != 10 {
		t.Fatalf("window = %d, want 10", a.Window)
	}
	if a.FollowerER.Value != 1.1 {
		t.Errorf("follower ER = %v, want 1.1 (the newest ten posts only)", a.FollowerER.Value)
	}
}

func TestFollowersFromTheNewestPost(t *testing.T) {
	ps := posts("a", 10_000, 5, 10_000, 100, 10, 0)
	ps[0].Followers = 12_000
	ps[3].Followers = 9_000
	res := Score(Input{Texts: &postTexts, Posts: ps}, Default())
	a := res.Accounts[0]
	if a.Followers != 12_000 {
		t.Errorf("followers = %d, want 12000 from the newest post", a.Followers)
	}
	if !strings.Contains(en(a.FollowersNote), "newest") {
		t.Errorf("note = %q, want it to say the newest post's value was used", en(a.FollowersNote))
	}
}

func TestFollowersFileFillsAccountsWithoutThem(t *testing.T) {
	ps := posts("Someone", ingest.Missing, 5, 10_000, 100, 10, 0)
	res := Score(Input{Texts: &postTexts, Posts: ps, Followers: map[string]ingest.Count{"someone": 10_000}}, Default())
	if a := res.Accounts[0]; a.Followers != 10_000 || a.Verdict == Unrated {
		t.Errorf("followers = %d, verdict %s; want 10000 and a rated account", a.Followers, a.Verdict)
	}
}
