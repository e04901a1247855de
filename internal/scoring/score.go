package scoring

import (
	"fmt"
	"sort"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
)

// Input is what scoring works on.
type Input struct {
	Posts     []ingest.Post           // the batch's posts; Score sorts them in place
	Followers map[string]ingest.Count // follower counts by folded handle (--accounts, follower history)
}

// Account is one creator's scores.
type Account struct {
	Handle        string
	Key           string
	Followers     ingest.Count
	FollowersNote string        // where the follower count came from when it needed saying
	Tier          Tier          // zero when unrated by size
	HasTier       bool          //
	Posts         []ingest.Post // all the account's posts, newest first
	Window        int           // Posts[:Window] are scored
	WindowNote    string        // how the window was chosen when it needs saying
	FollowerER    Rate
	MedianViewER  Rate
	PooledViewER  Rate
	Ratio         Rate // the compared ER / the tier benchmark
	Grade         Grade
	Verdict       Verdict
	Signals       []Signal
	Reason        string
	LastPost      time.Time // zero when undated
	DaysSinceLast int       // -1 when undated
	Rounded       bool      // some count in the window was written rounded (1.2K)
}

// WindowPosts are the posts the account is scored on.
func (a *Account) WindowPosts() []ingest.Post { return a.Posts[:a.Window] }

// Result is a scored batch.
type Result struct {
	AsOf     time.Time
	Config   Config
	Accounts []Account // ranked: by verdict, then ratio (highest first), then handle
}

// Count is the number of accounts with verdict v.
func (r *Result) Count(v Verdict) int {
	n := 0
	for i := range r.Accounts {
		if r.Accounts[i].Verdict == v {
			n++
		}
	}
	return n
}

// Score scores every account of the batch.
func Score(in Input, cfg Config) *Result {
	posts := in.Posts
	sortPosts(posts)
	res := &Result{Config: cfg, AsOf: cfg.AsOf}
	if res.AsOf.IsZero() {
		res.AsOf = newest(posts)
	}
	for start := 0; start < len(posts); {
		end := start + 1
		for end < len(posts) && posts[end].Key == posts[start].Key {
			end++
		}
		a := scoreAccount(posts[start:end], in.Followers, cfg, res.AsOf)
		res.Accounts = append(res.Accounts, a)
		start = end
	}
	rank(res.Accounts)
	return res
}

// sortPosts groups posts by account, newest first; undated posts keep the order given, after
// the dated ones.
func sortPosts(posts []ingest.Post) {
	sort.SliceStable(posts, func(i, j int) bool {
		a, b := &posts[i], &posts[j]
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		if a.PostedAt.IsZero() != b.PostedAt.IsZero() {
			return !a.PostedAt.IsZero()
		}
		return a.PostedAt.After(b.PostedAt)
	})
}

func newest(posts []ingest.Post) time.Time {
	var t time.Time
	for i := range posts {
		if posts[i].PostedAt.After(t) {
			t = posts[i].PostedAt
		}
	}
	return t
}

func scoreAccount(posts []ingest.Post, followers map[string]ingest.Count, cfg Config, asOf time.Time) Account {
	a := Account{Handle: posts[0].Account, Key: posts[0].Key, Posts: posts, DaysSinceLast: -1}
	given, ok := followers[a.Key]
	if !ok {
		given = ingest.Missing
	}
	a.Followers, a.FollowersNote = followersOf(posts, given)
	a.Window = min(cfg.WindowPosts, len(posts))
	if posts[0].PostedAt.IsZero() {
		a.WindowNote = fmt.Sprintf("no post dates: the first %d rows as the export lists them", a.Window)
	} else {
		a.LastPost = posts[0].PostedAt
		a.DaysSinceLast = int(asOf.Sub(a.LastPost).Hours() / 24)
	}
	w := a.WindowPosts()
	for _, p := range w {
		a.Rounded = a.Rounded || p.Rounded
	}
	a.FollowerER = FollowerER(w, a.Followers)
	a.MedianViewER = MedianViewER(w, cfg.IncludeSaves)
	a.PooledViewER = PooledViewER(w, cfg.IncludeSaves)
	a.Tier, a.HasTier = cfg.Benchmarks.TierOf(int64(a.Followers))
	judge(&a, cfg)
	return a
}

// followersOf picks the account's follower count: a given count (--accounts) first, else the
// value on its newest post that states one.
func followersOf(posts []ingest.Post, given ingest.Count) (ingest.Count, string) {
	if given.Known() {
		return given, "from the accounts file"
	}
	var chosen ingest.Count = ingest.Missing
	lo, hi := ingest.Count(-1), ingest.Count(-1)
	for _, p := range posts {
		if !p.Followers.Known() {
			continue
		}
		if !chosen.Known() {
			chosen = p.Followers
		}
		if lo < 0 || p.Followers < lo {
			lo = p.Followers
		}
		if p.Followers > hi {
			hi = p.Followers
		}
	}
	if lo != hi {
		return chosen, fmt.Sprintf("rows disagree (%d to %d): the newest post's value is used", lo, hi)
	}
	return chosen, ""
}

// compared is the ER held against the tier benchmark.
func (a *Account) compared(cfg Config) Rate {
	if cfg.Basis == BasisViews {
		return a.MedianViewER
	}
	return a.FollowerER
}

// judge grades the account, raises its signals and gives it a verdict and a reason.
func judge(a *Account, cfg Config) {
	switch {
	case !a.Followers.Known():
		a.Verdict = Unrated
		a.Signals = append(a.Signals, Signal{Code: "insufficient_data", Verdict: Unrated, Detail: "followers missing"})
		a.Reason = "no follower count: pass one with --accounts"
		return
	case !a.HasTier:
		a.Verdict = Unrated
		a.Reason = fmt.Sprintf("%d followers is under the first tier (%d)", a.Followers, firstMin(cfg))
		return
	case a.Window < cfg.MinPosts:
		a.Verdict = Unrated
		a.Signals = append(a.Signals, Signal{Code: "insufficient_data", Verdict: Unrated,
			Detail: fmt.Sprintf("%d posts in the window < %d", a.Window, cfg.MinPosts)})
		a.Reason = fmt.Sprintf("only %d posts to score (at least %d needed)", a.Window, cfg.MinPosts)
		return
	}
	er := a.compared(cfg)
	if !er.OK {
		a.Verdict = Unrated
		a.Reason = "no engagement rate could be computed"
		return
	}
	a.Ratio = rate(er.Value / a.Tier.Benchmark)
	switch {
	case a.Ratio.Value >= 1:
		a.Grade = Above
	case a.Ratio.Value >= cfg.FarBelow:
		a.Grade = Below
	default:
		a.Grade = FarBelow
		a.Signals = append(a.Signals, Signal{Code: "far_below_tier", Verdict: Fail,
			Detail: fmt.Sprintf("ratio %.2f < %.2g", a.Ratio.Value, cfg.FarBelow)})
	}
	a.Verdict = Pass
	for _, s := range a.Signals {
		if s.Verdict > a.Verdict {
			a.Verdict = s.Verdict
		}
	}
	a.Reason = fmt.Sprintf("%s ER %.2f%% is %.2f× the %s benchmark %.2f%%",
		basisName(cfg.Basis), er.Value, a.Ratio.Value, a.Tier.Name, a.Tier.Benchmark)
}

func basisName(b Basis) string {
	if b == BasisViews {
		return "median view"
	}
	return "follower"
}

func firstMin(cfg Config) int64 {
	if len(cfg.Benchmarks.Tiers) == 0 {
		return 0
	}
	return cfg.Benchmarks.Tiers[0].Min
}

// rank orders accounts by verdict, then ratio (highest first), then handle.
func rank(as []Account) {
	sort.SliceStable(as, func(i, j int) bool {
		a, b := &as[i], &as[j]
		if a.Verdict != b.Verdict {
			return a.Verdict < b.Verdict
		}
		if a.Ratio.Value != b.Ratio.Value {
			return a.Ratio.Value > b.Ratio.Value
		}
		return a.Key < b.Key
	})
}
