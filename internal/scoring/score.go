package scoring

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
)

// Input is what scoring works on.
type Input struct {
	Posts []ingest.Post // the batch's posts; Score sorts them in place
	// Texts are where the posts' strings are: the Batch.Texts of the batch they were read into
	// (another batch's would read other strings); nil reads every Text as "", for posts made
	// without strings.
	Texts     *ingest.Texts
	Followers map[string]ingest.Count // follower counts by folded handle (--accounts, follower history)
	Baseline  *Baseline               // last week's scoring (--baseline); nil for none
	// Prices are the fee for one sponsored post by folded handle (the accounts file's price).
	Prices map[string]float64
	// History holds each account's past snapshots by folded handle, oldest first, as the CLI
	// loaded them from --history; nil without a history. Scoring never reads the database.
	History map[string][]Point
	// NoCaption names the inputs without a caption column (ingest's Batch.NoCaption): their
	// posts' caption traits are unknown, not "no".
	NoCaption []string
}

// Account is one creator's scores.
type Account struct {
	Handle        string // as the export wrote it
	Key           string // folded, for matching (and for the baseline)
	Followers     ingest.Count
	FollowersNote lang.Msg // where the follower count came from when it needed saying
	Tier          Tier     // zero when unrated by size
	HasTier       bool
	Posts         []ingest.Post // all the account's posts, newest first, pinned ones last
	Window        int           // Posts[:Window] are scored
	WindowNote    lang.Msg      // how the window was chosen when it needs saying
	PinnedNote    lang.Msg      // how many pinned posts were left out of the window, when any
	FollowerER    Rate
	MedianViewER  Rate
	PooledViewER  Rate
	Ratio         Rate // the compared ER / the tier benchmark
	Grade         Grade
	Verdict       Verdict
	Signals       []Signal
	Reason        []lang.Msg
	LastPost      time.Time // zero when undated
	DaysSinceLast int       // -1 when undated
	Rounded       bool      // some count in the window was written rounded (1.2K)
	Change        *Change   // since the baseline; nil without one, or when New
	New           bool      // in this batch but not in the baseline
	Sample        bool      // judged on a sample of its posts (kind.go): figures shown, no rating

	// How far the verdict can be trusted, and what each rate rests on (issue 11).
	Confidence      Confidence // firm, borderline or thin
	FollowerERPosts int        // window posts with likes and comments
	ViewERPosts     int        // window posts with views, likes, comments and shares
	PinnedOut       int        // pinned posts left out of the window

	// What a buyer decides on (issue 12); a Metric that is not OK says why in NA.
	MedianViews    Metric
	AvgViews       Metric
	ViewRate       Metric // median views per post ÷ followers, percent
	PostsPerWeek   Metric // (window posts − 1) ÷ days from oldest to newest × 7
	SponsoredPosts int
	SponsoredShare Metric    // percent of the window's posts
	PaidERRatio    Metric    // median view ER of sponsored ÷ of the others
	SaveRate       Metric    // Σ saves ÷ Σ views, percent
	ShareRate      Metric    // Σ shares ÷ Σ views, percent
	Price          Metric    // the fee for one sponsored post (accounts file)
	CPE            Metric    // price ÷ median likes+comments+shares per post
	CPM            Metric    // price ÷ median views × 1000
	TopPosts       []TopPost // the window's best posts by view ER
	TopHashtags    []string  // the window's most used hashtags, most used first

	// History holds the account's last snapshots, oldest first, this run's last (issue 14).
	History []Point

	// What works for the creator (issue 21): each post's traits (one per post of Posts), the
	// traits that compare, how steadily it posts, and TikTok Studio's watch time over the window.
	Traits      []PostTraits
	Insights    []Insight
	Weeks       Weeks
	WatchTime   Metric // median average watch time, seconds
	WatchedFull Metric // median percent of views that watched the whole video
}

// Point is an account in one snapshot of the history: what its trend lines are drawn from.
type Point struct {
	AsOf       time.Time    `json:"as_of"`
	Followers  ingest.Count `json:"followers"`
	FollowerER Rate         `json:"follower_er"`
	Verdict    Verdict      `json:"verdict"`
}

// WindowPosts are the posts the account is scored on.
func (a *Account) WindowPosts() []ingest.Post { return a.Posts[:a.Window] }

// Result is a scored batch.
type Result struct {
	AsOf     time.Time `json:"as_of"`
	Config   Config    `json:"config"`
	Accounts []Account `json:"accounts"` // ranked: by verdict, then confidence, then ratio (highest first), then handle; a sample by view ER
	Kind     Kind      `json:"kind"`     // a profile export, or a sample (a discovery list)
	// Texts are where the strings of the accounts' Posts are (Input.Texts).
	Texts *ingest.Texts `json:"-"`

	HasBaseline  bool       `json:"has_baseline"`
	BaselineAsOf time.Time  `json:"baseline_as_of"`
	New          []string   `json:"new"`  // handles in this batch, not in the baseline, in rank order
	Gone         []Previous `json:"gone"` // the baseline's accounts missing from this batch, by handle

	Warnings   []Warning `json:"warnings"`    // about the batch as a whole, each with its fix
	HasHistory bool      `json:"has_history"` // the accounts carry History from --history

	Insights []BatchInsight `json:"insights"` // the traits compared over every post of the batch (issue 21)
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

// Score scores every account of the batch in two passes. The first measures each account
// (its rates and what a buyer decides on) and compares it with the baseline; then the batch
// says what it is (a profile export or a sample, kind.go) and what its creators' likes per
// comment are (peers.go). The second judges each account against that, says how sure the
// verdict is, ranks the accounts, and says what is wrong with the batch as a whole.
func Score(in Input, cfg Config) *Result {
	posts, ts := in.Posts, in.Texts
	sortPosts(posts, ts)
	res := &Result{Config: cfg, AsOf: cfg.AsOf, Texts: ts}
	if res.AsOf.IsZero() {
		res.AsOf = newest(posts)
	}
	baseline := in.baseline(res.AsOf) // --baseline, else the history's previous snapshot (history.go)
	spans := accountSpans(posts, ts)
	res.Accounts = make([]Account, len(spans))
	states := make([]measured, len(spans))
	eachAccount(len(spans), func() *check { return newCheck(&cfg, res.AsOf, ts) }, func(c *check, i int) {
		a := &res.Accounts[i]
		c.measure(a, posts[spans[i].from:spans[i].to], in.Followers)
		c.buyerMetrics(in.Prices)
		a.WatchTime, a.WatchedFull = c.watchMetrics()
		compare(a, baseline)
		if in.History != nil {
			a.History = pastPoints(in.History[a.Key], res.AsOf, &cfg)
		}
		states[i] = c.save()
	})
	res.Kind = batchKind(res.Accounts, &cfg)
	peers := likesPerCommentPeers(res.Accounts, &cfg)
	traits := batchTraits(posts, ts, in.NoCaption, &cfg) // posts are in their final order: measure put pinned ones last
	judging := func() *check {
		c := newCheck(&cfg, res.AsOf, ts)
		c.peers = peers
		return c
	}
	eachAccount(len(spans), judging, func(c *check, i int) {
		a := &res.Accounts[i]
		a.Traits = traits[spans[i].from:spans[i].to:spans[i].to]
		c.insights(a, a.Traits)
		c.restore(a, states[i])
		a.Sample = isSample(a, res.Kind, &cfg)
		if a.Sample {
			c.judgeSample()
		} else {
			c.judge()
		}
		a.Confidence = c.confidence()
		if in.History != nil {
			a.addThisRun(res.AsOf)
		}
	})
	if res.Kind == Sample {
		rankSample(res.Accounts, &cfg)
	} else {
		rank(res.Accounts)
	}
	res.weekOverWeek(baseline)
	res.HasHistory = in.History != nil
	res.Warnings = batchWarnings(res.Accounts, posts, &cfg, res.Kind)
	res.Insights = batchInsights(res.Accounts, posts, traits, &cfg)
	return res
}

// measured is what the first pass knows of an account beyond its Account: what the second
// pass needs to judge it and to word its reason.
type measured struct {
	roughFollowers, roughWindow bool
	paid                        paidSplit
}

func (c *check) save() measured {
	return measured{roughFollowers: c.roughFollowers, roughWindow: c.roughWindow, paid: c.paid}
}

// restore makes a the account being judged, with what the first pass measured of it.
func (c *check) restore(a *Account, m measured) {
	c.a, c.w = a, a.WindowPosts()
	c.roughFollowers, c.roughWindow, c.paid = m.roughFollowers, m.roughWindow, m.paid
}

// measure fills in what an account is, before any judgement: followers, tier, window, rates.
func (c *check) measure(a *Account, posts []ingest.Post, followers map[string]ingest.Count) {
	cfg := c.cfg
	*a = Account{Handle: c.ts.Of(posts[0].Account), Key: c.ts.Of(posts[0].Key), Posts: posts, DaysSinceLast: -1}
	given, ok := followers[a.Key]
	if !ok {
		given = ingest.Missing
	}
	var source int
	a.Followers, a.FollowersNote, source = followersOf(posts, given)
	c.roughFollowers = source >= 0 && posts[source].Rounded // 1.2M followers are rounded too
	if t := posts[0].PostedAt; !t.IsZero() {                // the newest: posts are sorted, pinned ones not yet last
		a.LastPost = t.Time()
		if !c.asOf.IsZero() {
			a.DaysSinceLast = daysBetween(a.LastPost, c.asOf)
		}
	}
	a.PinnedOut = pinnedLast(posts)
	a.Window, a.WindowNote = window(posts[:len(posts)-a.PinnedOut], cfg, c.from)
	a.PinnedNote = pinnedNote(a.PinnedOut)
	w := a.WindowPosts()
	c.a, c.w, c.roughWindow = a, w, false
	for i := range w {
		c.roughWindow = c.roughWindow || w[i].Rounded
	}
	a.Rounded = c.roughFollowers || c.roughWindow
	a.FollowerER, a.FollowerERPosts = followerER(w, a.Followers)
	a.PooledViewER, a.ViewERPosts = pooledViewER(w, cfg.IncludeSaves)
	c.buf = viewERs(c.buf[:0], w, cfg.IncludeSaves)
	a.MedianViewER = median(c.buf)
	if a.Followers.Known() {
		a.Tier, a.HasTier = cfg.Benchmarks.TierOf(int64(a.Followers))
	}
}

// followersOf picks the account's follower count: a given count (--accounts) first, else the
// value on its newest post that states one (whose index it returns; -1 for none).
func followersOf(posts []ingest.Post, given ingest.Count) (ingest.Count, lang.Msg, int) {
	if given.Known() {
		return given, lang.M("say.note.followers_given"), -1
	}
	var chosen ingest.Count = ingest.Missing
	at := -1
	lo, hi := ingest.Count(-1), ingest.Count(-1)
	for i := range posts {
		f := posts[i].Followers
		if !f.Known() {
			continue
		}
		if !chosen.Known() {
			chosen, at = f, i
		}
		if lo < 0 || f < lo {
			lo = f
		}
		hi = max(hi, f)
	}
	if lo != hi {
		return chosen, lang.M("say.note.followers_disagree", lang.Count("low", int64(lo)), lang.Count("high", int64(hi))), at
	}
	return chosen, lang.Msg{}, at
}

// span is where an account's posts are among the batch's sorted posts: [from, to).
type span struct{ from, to int }

// accountSpans cuts sorted posts into accounts.
func accountSpans(posts []ingest.Post, ts *ingest.Texts) []span {
	var spans []span
	for i := range posts {
		if i == 0 || !sameKey(ts, &posts[i], &posts[i-1]) {
			spans = append(spans, span{i, i})
		}
		spans[len(spans)-1].to = i + 1
	}
	return spans
}

// eachAccount calls do(c, i) for every account i < n, the accounts cut into one run of
// neighbours per core, each run with a check of its own (a check is one account's scratch).
// Each call reads the batch and writes account i alone, so the result is the one a single loop
// gives; on two cores a million posts are scored in about half the time.
func eachAccount(n int, newCheck func() *check, do func(c *check, i int)) {
	inParts(partsOf(n, minAccountsPerPart), n, func(_, lo, hi int) {
		c := newCheck()
		for i := lo; i < hi; i++ {
			do(c, i)
		}
	})
}

// partsOf is how many runs n things are cut into: one per core, none shorter than least.
func partsOf(n, least int) int { return max(1, min(runtime.GOMAXPROCS(0), n/least)) }

// inParts cuts [0, n) into parts runs of neighbours and calls do(k, lo, hi) for each run k at
// once, returning when all are done.
func inParts(parts, n int, do func(k, lo, hi int)) {
	var wg sync.WaitGroup
	for k := range parts {
		wg.Go(func() { do(k, k*n/parts, (k+1)*n/parts) })
	}
	wg.Wait()
}

// minAccountsPerPart is the fewest accounts worth a goroutine of their own.
const minAccountsPerPart = 256

// rank orders accounts by verdict, then confidence (firm, borderline, thin), then ratio (highest
// first), then folded handle: an outlier on three posts never tops a list of firm accounts.
// Handles are unique, so the order is total and an unstable sort is as reproducible as a
// stable one.
func rank(as []Account) {
	slices.SortFunc(as, func(a, b Account) int {
		if a.Verdict != b.Verdict {
			return int(a.Verdict) - int(b.Verdict)
		}
		if a.Confidence != b.Confidence {
			return a.Confidence.order() - b.Confidence.order()
		}
		if a.Ratio.Value != b.Ratio.Value {
			if a.Ratio.Value > b.Ratio.Value {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Key, b.Key)
	})
}

// has says whether the account raised the signal code.
func (a *Account) has(code string) bool {
	return slices.ContainsFunc(a.Signals, func(s Signal) bool { return s.Code == code })
}

// sampleGroup places an account of a discovery list: 0 for a creator in a tier whose surfaced
// posts have a plausible median view ER (at most SampleMaxViewER, no impossible counts), 1 for
// one as plausible under the first tier or without a follower count, 2 for one above
// SampleMaxViewER (up to 100%), 3 for the rest (no view ER, over 100%, or counts that cannot
// be right), which a client should not meet at the top.
func sampleGroup(a *Account, cfg *Config) int {
	switch {
	case !a.MedianViewER.OK || a.MedianViewER.Value > 100 || a.has(ImpossibleCounts):
		return 3
	case a.MedianViewER.Value > cfg.SampleMaxViewER:
		return 2
	case !a.HasTier:
		return 1
	}
	return 0
}

// rankSample orders a discovery list: by sampleGroup, then by the median view ER of the
// surfaced posts, highest first, then handle, so that nothing impossible tops the list.
func rankSample(as []Account, cfg *Config) {
	slices.SortFunc(as, func(a, b Account) int {
		if ga, gb := sampleGroup(&a, cfg), sampleGroup(&b, cfg); ga != gb {
			return ga - gb
		}
		if a.MedianViewER.Value != b.MedianViewER.Value {
			if a.MedianViewER.Value > b.MedianViewER.Value {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Key, b.Key)
	})
}
