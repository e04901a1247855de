package scoring

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
)

// Input is what scoring works on.
type Input struct {
	Posts     []ingest.Post           // the batch's posts; Score sorts them in place
	Followers map[string]ingest.Count // follower counts by folded handle (--accounts, follower history)
	Baseline  *Baseline               // last week's scoring (--baseline); nil for none
	// Prices are the fee for one sponsored post by folded handle (the accounts file's price).
	Prices map[string]float64
	// History holds each account's past snapshots by folded handle, oldest first, as the CLI
	// loaded them from --history; nil without a history. Scoring never reads the database.
	History map[string][]Point
}

// Account is one creator's scores.
type Account struct {
	Handle        string        `json:"handle"` // as the export wrote it
	Key           string        `json:"key"`    // folded, for matching (and for the baseline)
	Followers     ingest.Count  `json:"followers"`
	FollowersNote string        `json:"followers_note,omitempty"` // where the follower count came from when it needed saying
	Tier          Tier          `json:"tier"`                     // zero when unrated by size
	HasTier       bool          `json:"has_tier"`
	Posts         []ingest.Post `json:"-"`                     // all the account's posts, newest first
	Window        int           `json:"window"`                // Posts[:Window] are scored
	WindowNote    string        `json:"window_note,omitempty"` // how the window was chosen when it needs saying
	FollowerER    Rate          `json:"follower_er"`
	MedianViewER  Rate          `json:"median_view_er"`
	PooledViewER  Rate          `json:"pooled_view_er"`
	Ratio         Rate          `json:"ratio"` // the compared ER / the tier benchmark
	Grade         Grade         `json:"grade"`
	Verdict       Verdict       `json:"verdict"`
	Signals       []Signal      `json:"signals"`
	Reason        string        `json:"reason"`
	LastPost      time.Time     `json:"last_post"`        // zero when undated
	DaysSinceLast int           `json:"days_since_last"`  // -1 when undated
	Rounded       bool          `json:"rounded"`          // some count in the window was written rounded (1.2K)
	Change        *Change       `json:"change,omitempty"` // since the baseline; nil without one, or when New
	New           bool          `json:"new,omitempty"`    // in this batch but not in the baseline

	// How far the verdict can be trusted, and what each rate rests on (issue 11).
	Confidence      Confidence `json:"confidence"`           // firm, borderline or thin
	FollowerERPosts int        `json:"follower_er_posts"`    // window posts with likes and comments
	ViewERPosts     int        `json:"view_er_posts"`        // window posts with views, likes, comments and shares
	PinnedOut       int        `json:"pinned_out,omitempty"` // pinned posts left out of the window

	// What a buyer decides on (issue 12); a Metric that is not OK says why in NA.
	MedianViews    Metric    `json:"median_views"`
	AvgViews       Metric    `json:"avg_views"`
	ViewRate       Metric    `json:"view_rate"`      // median views per post ÷ followers, percent
	PostsPerWeek   Metric    `json:"posts_per_week"` // (window posts − 1) ÷ days from oldest to newest × 7
	SponsoredPosts int       `json:"sponsored_posts"`
	SponsoredShare Metric    `json:"sponsored_share"` // percent of the window's posts
	PaidERRatio    Metric    `json:"paid_er_ratio"`   // median view ER of sponsored ÷ of the others
	SaveRate       Metric    `json:"save_rate"`       // Σ saves ÷ Σ views, percent
	ShareRate      Metric    `json:"share_rate"`      // Σ shares ÷ Σ views, percent
	Price          Metric    `json:"price"`           // the fee for one sponsored post (accounts file)
	CPE            Metric    `json:"cpe"`             // price ÷ median likes+comments+shares per post
	CPM            Metric    `json:"cpm"`             // price ÷ median views × 1000
	TopPosts       []TopPost `json:"top_posts"`       // the window's best posts by view ER
	TopHashtags    []string  `json:"top_hashtags"`    // the window's most used hashtags, most used first

	// History holds the account's last snapshots, oldest first, this run's last (issue 14).
	History []Point `json:"history,omitempty"`
}

// Confidence says how far an account's verdict can be trusted on its own posts.
type Confidence string

// The confidences, surest first: the order accounts of one verdict are ranked in.
const (
	Firm       Confidence = "firm"       // the verdict holds across resamples of the window
	Borderline Confidence = "borderline" // the verdict could change within the posts' own noise
	Thin       Confidence = "thin"       // too few posts to say
)

// Metric is a figure that may not exist: NA says why when OK is false ("no price given").
type Metric struct {
	Value float64
	OK    bool
	NA    string
}

// MarshalJSON writes the number, or null when there is none.
func (m Metric) MarshalJSON() ([]byte, error) {
	if !m.OK {
		return []byte("null"), nil
	}
	return json.Marshal(m.Value)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (m *Metric) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*m = Metric{}
		return nil
	}
	m.OK = true
	return json.Unmarshal(b, &m.Value)
}

// TopPost is one of an account's best posts by view ER, with its link.
type TopPost struct {
	VideoID  string       `json:"video_id"`
	URL      string       `json:"url"`
	PostedAt time.Time    `json:"posted_at"`
	Views    ingest.Count `json:"views"`
	ViewER   Rate         `json:"view_er"`
}

// Point is an account in one snapshot of the history: what its trend lines are drawn from.
type Point struct {
	AsOf       time.Time    `json:"as_of"`
	Followers  ingest.Count `json:"followers"`
	FollowerER Rate         `json:"follower_er"`
	Verdict    Verdict      `json:"verdict"`
}

// Warning is something about the whole batch, said once with its fix (SPEC §3 "The batch itself").
type Warning struct {
	Code string `json:"code"` // thin_batch, no_followers, no_saves_column …
	Text string `json:"text"` // what is wrong, in plain words
	Fix  string `json:"fix"`  // what to do about it
}

// WindowPosts are the posts the account is scored on.
func (a *Account) WindowPosts() []ingest.Post { return a.Posts[:a.Window] }

// Result is a scored batch.
type Result struct {
	AsOf     time.Time `json:"as_of"`
	Config   Config    `json:"config"`
	Accounts []Account `json:"accounts"` // ranked: by verdict, then ratio (highest first), then handle

	HasBaseline  bool       `json:"has_baseline"`
	BaselineAsOf time.Time  `json:"baseline_as_of"`
	New          []string   `json:"new"`  // handles in this batch, not in the baseline, in rank order
	Gone         []Previous `json:"gone"` // the baseline's accounts missing from this batch, by handle

	Warnings   []Warning `json:"warnings"`    // about the batch as a whole, each with its fix
	HasHistory bool      `json:"has_history"` // the accounts carry History from --history
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

// Score scores every account of the batch: it measures each account, compares it with the
// baseline, judges it, and ranks the accounts.
func Score(in Input, cfg Config) *Result {
	posts := in.Posts
	sortPosts(posts)
	res := &Result{Config: cfg, AsOf: cfg.AsOf}
	if res.AsOf.IsZero() {
		res.AsOf = newest(posts)
	}
	c := &check{cfg: &cfg, asOf: res.AsOf}
	from := cutoff(&cfg, res.AsOf)
	baseline := in.baseline(res.AsOf) // --baseline, else the history's previous snapshot (history.go)
	res.Accounts = make([]Account, countAccounts(posts))
	for i, start := 0, 0; start < len(posts); i++ {
		end := start + 1
		for end < len(posts) && posts[end].Key == posts[start].Key {
			end++
		}
		a := &res.Accounts[i]
		measure(a, posts[start:end], in.Followers, &cfg, res.AsOf, from)
		compare(a, baseline)
		if in.History != nil {
			a.History = pastPoints(in.History[a.Key], res.AsOf, &cfg)
		}
		c.a, c.w = a, a.WindowPosts()
		c.judge()
		if in.History != nil {
			a.addThisRun(res.AsOf)
		}
		start = end
	}
	rank(res.Accounts)
	res.weekOverWeek(baseline)
	res.HasHistory = in.History != nil
	return res
}

// measure fills in what an account is, before any judgement: followers, tier, window, rates.
func measure(a *Account, posts []ingest.Post, followers map[string]ingest.Count, cfg *Config, asOf, from time.Time) {
	*a = Account{Handle: posts[0].Account, Key: posts[0].Key, Posts: posts, DaysSinceLast: -1}
	given, ok := followers[a.Key]
	if !ok {
		given = ingest.Missing
	}
	var source int
	a.Followers, a.FollowersNote, source = followersOf(posts, given)
	a.Rounded = source >= 0 && posts[source].Rounded // 1.2M followers are rounded too
	a.Window, a.WindowNote = window(posts, cfg, from)
	if !posts[0].PostedAt.IsZero() {
		a.LastPost = posts[0].PostedAt
		if !asOf.IsZero() {
			a.DaysSinceLast = daysBetween(a.LastPost, asOf)
		}
	}
	w := a.WindowPosts()
	for i := range w {
		a.Rounded = a.Rounded || w[i].Rounded
	}
	a.FollowerER = FollowerER(w, a.Followers)
	a.MedianViewER = MedianViewER(w, cfg.IncludeSaves)
	a.PooledViewER = PooledViewER(w, cfg.IncludeSaves)
	if a.Followers.Known() {
		a.Tier, a.HasTier = cfg.Benchmarks.TierOf(int64(a.Followers))
	}
}

// followersOf picks the account's follower count: a given count (--accounts) first, else the
// value on its newest post that states one (whose index it returns; -1 for none).
func followersOf(posts []ingest.Post, given ingest.Count) (ingest.Count, string, int) {
	if given.Known() {
		return given, "from the accounts file", -1
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
		return chosen, fmt.Sprintf("rows disagree (%s to %s): the newest post's value is used", Commas(int64(lo)), Commas(int64(hi))), at
	}
	return chosen, "", at
}

// compared is the ER held against the tier benchmark.
func (a *Account) compared(cfg *Config) Rate {
	if cfg.Basis == BasisViews {
		return a.MedianViewER
	}
	return a.FollowerER
}

// judge grades the account, raises its signals and gives it a verdict and a reason.
func (c *check) judge() {
	a, cfg := c.a, c.cfg
	if why, ok := c.unrated(); ok {
		a.Verdict, a.Reason = Unrated, why
		return
	}
	er := a.compared(cfg)
	a.Ratio = rate(er.Value / a.Tier.Benchmark)
	switch {
	case a.Ratio.Value >= 1:
		a.Grade = Above
	case a.Ratio.Value >= cfg.FarBelow:
		a.Grade = Below
	default:
		a.Grade = FarBelow
		a.Signals = append(a.Signals, Signal{Code: FarBelowTier, Verdict: Fail, Value: a.Ratio.Value, Limit: cfg.FarBelow,
			Detail: fmt.Sprintf("ratio %.2f < %s", a.Ratio.Value, exact(cfg.FarBelow)),
			Plain:  fmt.Sprintf("engagement is far below its tier (%.2f× the benchmark)", a.Ratio.Value),
		})
	}
	for _, raise := range signalChecks {
		if s, ok := raise(c); ok {
			a.Signals = append(a.Signals, s)
		}
	}
	a.Verdict = Pass
	for _, s := range a.Signals {
		a.Verdict = max(a.Verdict, s.Verdict)
	}
	a.Reason = reason(a, cfg, er)
}

// unrated says why an account cannot be rated, if it cannot: no follower count, too few
// followers for a tier, too few posts, or no rate to compare.
func (c *check) unrated() (string, bool) {
	a, cfg := c.a, c.cfg
	insufficient := func(detail, plain string, value, limit int) {
		a.Signals = append(a.Signals, Signal{Code: InsufficientData, Verdict: Unrated, Detail: detail, Plain: plain,
			Value: float64(value), Limit: float64(limit)})
	}
	switch {
	case !a.Followers.Known():
		insufficient("followers missing", "no follower count", 0, 0)
		return "no follower count: pass one with --accounts", true
	case !a.HasTier:
		return fmt.Sprintf("%s followers is under the first tier (%s)", Commas(int64(a.Followers)), Commas(firstMin(cfg))), true
	case a.Window < cfg.MinPosts:
		insufficient(fmt.Sprintf("%d posts in the window < %d", a.Window, cfg.MinPosts), "too few posts", a.Window, cfg.MinPosts)
		return fmt.Sprintf("only %d posts to score (at least %d needed)", a.Window, cfg.MinPosts), true
	case !(a.Tier.Benchmark > 0):
		return fmt.Sprintf("tier %s has no benchmark to compare with", a.Tier.Name), true
	case !a.compared(cfg).OK:
		insufficient(fmt.Sprintf("no %s ER: no views or followers to divide by", basisName(cfg.Basis)), "no engagement rate", 0, 0)
		return "no engagement rate could be computed", true
	}
	return "", false
}

// reason is the account's line for a client: its ER against the tier, then the first signal
// that the ER does not already say, in plain words.
func reason(a *Account, cfg *Config, er Rate) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s ER %.2f%% is %.2f× the %s benchmark %.2f%%",
		basisName(cfg.Basis), er.Value, a.Ratio.Value, a.Tier.Name, a.Tier.Benchmark)
	var rest []Signal
	for _, s := range a.Signals {
		if s.Code != FarBelowTier {
			rest = append(rest, s)
		}
	}
	if len(rest) > 0 {
		b.WriteString("; ")
		b.WriteString(rest[0].Plain)
		if n := len(rest) - 1; n == 1 {
			b.WriteString(" (+1 more signal)")
		} else if n > 1 {
			fmt.Fprintf(&b, " (+%d more signals)", n)
		}
	}
	return b.String()
}

func basisName(b Basis) string {
	if b == BasisViews {
		return "median view"
	}
	return "follower"
}

func firstMin(cfg *Config) int64 {
	if len(cfg.Benchmarks.Tiers) == 0 {
		return 0
	}
	return cfg.Benchmarks.Tiers[0].Min
}

// countAccounts counts the accounts of sorted posts, so that the result is allocated once.
func countAccounts(posts []ingest.Post) int {
	n := 0
	for i := range posts {
		if i == 0 || posts[i].Key != posts[i-1].Key {
			n++
		}
	}
	return n
}

// rank orders accounts by verdict, then ratio (highest first), then folded handle. Handles are
// unique, so the order is total and an unstable sort is as reproducible as a stable one.
func rank(as []Account) {
	slices.SortFunc(as, func(a, b Account) int {
		if a.Verdict != b.Verdict {
			return int(a.Verdict) - int(b.Verdict)
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
