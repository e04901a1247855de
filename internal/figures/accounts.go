package figures

import (
	"math"
	"strings"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// The figures of an account, each declared once. Accounts lists them in the order every
// output shows them.
var (
	Rank = &Figure{Key: "rank", Unit: Count, Where: All,
		Value: func(a *scoring.Account, c *Context) Value { return number(float64(c.Rank)) }}
	Handle = &Figure{Key: "handle", Unit: Text, Where: All,
		Value: func(a *scoring.Account, c *Context) Value { return text(a.Handle) }}
	ProfileURL = &Figure{Key: "profile_url", Unit: Text, Where: CSV,
		Value: func(a *scoring.Account, c *Context) Value { return text(ingest.ProfileURL(a.Handle)) }}
	Followers = &Figure{Key: "followers", Unit: Count, Where: All,
		Value: func(a *scoring.Account, c *Context) Value {
			v := count(a.Followers)
			v.Approx = v.OK && followersRounded(a)
			return v
		}}
	Tier = &Figure{Key: "tier", Unit: Code, Where: All, Order: tierOrder,
		Value: func(a *scoring.Account, c *Context) Value {
			if !a.HasTier {
				return Value{}
			}
			return code(a.Tier.Name)
		}}
	PostsInWindow = &Figure{Key: "posts_in_window", Unit: Count, Where: All &^ Table,
		Value: func(a *scoring.Account, c *Context) Value { return number(float64(a.Window)) }}
	FollowerER = &Figure{Key: "follower_er", Unit: Percent, Decimals: 2, Where: All,
		Value: func(a *scoring.Account, c *Context) Value {
			if a.Sample { // today's followers against a few surfaced posts, years apart: not the creator's rate (issue 19)
				return Value{NA: c.P.T("na.sample")}
			}
			return rate(a.FollowerER)
		}}
	FollowerERPosts = &Figure{Key: "follower_er_posts", Unit: Count, Where: Sheet | CSV | JSON | Detail | History,
		Value: func(a *scoring.Account, c *Context) Value { return number(float64(a.FollowerERPosts)) }}
	MedianViewER = &Figure{Key: "median_view_er", Unit: Percent, Decimals: 2, Where: All,
		Value: func(a *scoring.Account, c *Context) Value { return rate(a.MedianViewER) }}
	PooledViewER = &Figure{Key: "pooled_view_er", Unit: Percent, Decimals: 2, Where: Sheet | CSV | JSON | Detail | History,
		Value: func(a *scoring.Account, c *Context) Value { return rate(a.PooledViewER) }}
	ViewERPosts = &Figure{Key: "view_er_posts", Unit: Count, Where: Sheet | CSV | JSON | Detail | History,
		Value: func(a *scoring.Account, c *Context) Value { return number(float64(a.ViewERPosts)) }}
	Benchmark = &Figure{Key: "benchmark_er", Unit: Percent, Decimals: 2, Where: Sheet | CSV | JSON | Detail | History,
		Value: func(a *scoring.Account, c *Context) Value {
			if !a.HasTier {
				return Value{}
			}
			return number(a.Tier.Benchmark)
		}}
	Ratio = &Figure{Key: "ratio", Unit: Multiple, Decimals: 2, Where: All,
		Value: func(a *scoring.Account, c *Context) Value { return rate(a.Ratio) }}
	Grade = &Figure{Key: "grade", Unit: Code, Words: "grade", Order: gradeOrder, Where: Sheet | CSV | JSON | Detail | History,
		Value: func(a *scoring.Account, c *Context) Value { return code(gradeCode(a.Grade)) }}
	Verdict = &Figure{Key: "verdict", Unit: Code, Words: "verdict", Where: All, Order: verdictOrder,
		Value: func(a *scoring.Account, c *Context) Value { return code(a.Verdict.String()) }}
	Confidence = &Figure{Key: "confidence", Unit: Code, Words: "confidence", Where: All, Order: confidenceOrder,
		Value: func(a *scoring.Account, c *Context) Value { return code(string(a.Confidence)) }}
	Signals = &Figure{Key: "signals", Unit: Codes, Words: "signal.name", Where: Sheet | CSV | JSON | Table | History, // summary.json: each signal with its numbers
		Value: func(a *scoring.Account, c *Context) Value {
			codes := make([]string, len(a.Signals))
			for i, s := range a.Signals {
				codes[i] = s.Code
			}
			return Value{List: codes, OK: true}
		}}
	Reason = &Figure{Key: "reason", Unit: Text, Where: All,
		Value: func(a *scoring.Account, c *Context) Value { return text(c.P.SayAll(a.Reason)) }}
	DaysSinceLast = &Figure{Key: "days_since_last_post", Unit: Count, Where: All &^ Table,
		Value: func(a *scoring.Account, c *Context) Value {
			if a.DaysSinceLast < 0 {
				return Value{}
			}
			return number(float64(a.DaysSinceLast))
		}}
	Sample = &Figure{Key: "sample", Unit: Flag, Where: CSV | JSON | Detail, // issue 19: judged on a sample of its posts, so not rated
		Value: func(a *scoring.Account, c *Context) Value { return flag(a.Sample) }}
	Rounded = &Figure{Key: "rounded_counts", Unit: Flag, Where: Sheet | CSV | JSON | History,
		Value: func(a *scoring.Account, c *Context) Value { return flag(a.Rounded) }}
	PinnedOut = &Figure{Key: "pinned_out", Unit: Count, Where: Sheet | CSV | JSON | Detail | History,
		Value: func(a *scoring.Account, c *Context) Value { return number(float64(a.PinnedOut)) }}
	MedianViews = &Figure{Key: "median_views", Unit: Count, Where: All,
		Value: func(a *scoring.Account, c *Context) Value { return views(a, a.MedianViews, c) }}
	AvgViews = &Figure{Key: "avg_views", Unit: Count, Where: Sheet | CSV | JSON | Detail | History,
		Value: func(a *scoring.Account, c *Context) Value { return views(a, a.AvgViews, c) }}
	ViewRate = &Figure{Key: "view_rate", Unit: Percent, Decimals: 2, Where: Sheet | CSV | JSON | Detail | History,
		Value: func(a *scoring.Account, c *Context) Value { return metric(a.ViewRate, c) }}
	PostsPerWeek = &Figure{Key: "posts_per_week", Unit: Decimal, Decimals: 1, Where: All,
		Value: func(a *scoring.Account, c *Context) Value { return metric(a.PostsPerWeek, c) }}
	SponsoredPosts = &Figure{Key: "sponsored_posts", Unit: Count, Where: Sheet | CSV | JSON | Detail | History,
		Value: func(a *scoring.Account, c *Context) Value { return number(float64(a.SponsoredPosts)) }}
	SponsoredShare = &Figure{Key: "sponsored_share", Unit: Percent, Decimals: 1, Where: Sheet | CSV | JSON | Detail | History,
		Value: func(a *scoring.Account, c *Context) Value { return metric(a.SponsoredShare, c) }}
	PaidERRatio = &Figure{Key: "paid_er_ratio", Unit: Multiple, Decimals: 2, Where: Sheet | CSV | JSON | Detail | History,
		Value: func(a *scoring.Account, c *Context) Value { return metric(a.PaidERRatio, c) }}
	SaveRate = &Figure{Key: "save_rate", Unit: Percent, Decimals: 2, Where: Sheet | CSV | JSON | Detail | History,
		Value: func(a *scoring.Account, c *Context) Value { return metric(a.SaveRate, c) }}
	ShareRate = &Figure{Key: "share_rate", Unit: Percent, Decimals: 2, Where: Sheet | CSV | JSON | Detail | History,
		Value: func(a *scoring.Account, c *Context) Value { return metric(a.ShareRate, c) }}
	Price = &Figure{Key: "price", Unit: Money, Decimals: 2, Where: Sheet | CSV | JSON | Detail | History,
		Value: func(a *scoring.Account, c *Context) Value { return metric(a.Price, c) }}
	CPE = &Figure{Key: "cpe", Unit: Money, Decimals: 3, Where: All,
		Value: func(a *scoring.Account, c *Context) Value { return metric(a.CPE, c) }}
	CPM = &Figure{Key: "cpm", Unit: Money, Decimals: 2, Where: All,
		Value: func(a *scoring.Account, c *Context) Value { return metric(a.CPM, c) }}
	TopHashtags = &Figure{Key: "top_hashtags", Unit: List, Where: Sheet | CSV | JSON | Detail,
		Value: func(a *scoring.Account, c *Context) Value { return Value{List: hashtags(a.TopHashtags), OK: true} }}
	Notes = &Figure{Key: "notes", Unit: Text, Where: Sheet} // Value is set by init: it reads the other figures

	// What works for the creator (issue 21): how steadily it posts, and TikTok Studio's watch time.
	SteadyWeeks = &Figure{Key: "steady_weeks", Unit: Count, Where: Sheet | CSV | JSON | Detail,
		Value: func(a *scoring.Account, c *Context) Value { return weeks(a, c, a.Weeks.Steady) }}
	SpanWeeks = &Figure{Key: "span_weeks", Unit: Count, Where: Sheet | CSV | JSON | Detail,
		Value: func(a *scoring.Account, c *Context) Value { return weeks(a, c, a.Weeks.Span) }}
	MedianWatchTime = &Figure{Key: "median_watch_time", Unit: Decimal, Decimals: 1, Where: Sheet | CSV | JSON | Detail, When: withWatchTime,
		Value: func(a *scoring.Account, c *Context) Value { return metric(a.WatchTime, c) }}
	MedianWatchedFull = &Figure{Key: "median_watched_full", Unit: Percent, Decimals: 1, Where: Sheet | CSV | JSON | Detail, When: withWatchTime,
		Value: func(a *scoring.Account, c *Context) Value { return metric(a.WatchedFull, c) }}

	// The changes since a baseline (--baseline, or the history's previous snapshot).
	FollowersDelta = &Figure{Key: "followers_delta", Unit: Signed, Where: Sheet | CSV | Table | Detail, When: withBaseline,
		Value: func(a *scoring.Account, c *Context) Value {
			if a.Change == nil || a.Change.FollowersDelta == nil {
				return Value{}
			}
			return number(float64(*a.Change.FollowersDelta))
		}}
	FollowersDeltaPercent = &Figure{Key: "followers_delta_pct", Unit: SignedPercent, Decimals: 1, Where: Sheet | CSV | Detail, When: withBaseline,
		Value: func(a *scoring.Account, c *Context) Value {
			if a.Change == nil {
				return Value{}
			}
			return rate(a.Change.FollowersPercent)
		}}
	FollowerERDelta = &Figure{Key: "follower_er_delta", Unit: Points, Decimals: 2, Where: Sheet | CSV | Detail, When: withBaseline,
		Value: func(a *scoring.Account, c *Context) Value {
			if a.Change == nil {
				return Value{}
			}
			return rate(a.Change.FollowerERDelta)
		}}
	PreviousVerdict = &Figure{Key: "previous_verdict", Unit: Code, Words: "verdict", Where: Sheet | CSV | Table | Detail, When: withBaseline,
		Value: func(a *scoring.Account, c *Context) Value {
			switch {
			case a.New:
				return code("new")
			case a.Change == nil:
				return Value{}
			}
			return code(a.Change.Before.Verdict.String())
		}}
)

// Accounts are the figures of an account, in the order every output shows them.
var Accounts = []*Figure{
	Rank, Handle, ProfileURL, Followers, Tier, PostsInWindow, FollowerER, MedianViewER, PooledViewER,
	Benchmark, Ratio, Grade, Verdict, Confidence, Sample, Signals, Reason, DaysSinceLast, Rounded,
	FollowerERPosts, ViewERPosts, PinnedOut, MedianViews, AvgViews, ViewRate, MedianWatchTime, MedianWatchedFull,
	PostsPerWeek, SteadyWeeks, SpanWeeks, SponsoredPosts, SponsoredShare, PaidERRatio, SaveRate, ShareRate, Price, CPE, CPM, TopHashtags, Notes,
	FollowersDelta, FollowersDeltaPercent, FollowerERDelta, PreviousVerdict,
}

func init() {
	Notes.Value = func(a *scoring.Account, c *Context) Value { return text(notes(a, c)) }
}

func withBaseline(res *scoring.Result) bool { return res.HasBaseline }

// withWatchTime: the batch's export gives watch time (TikTok Studio); without, the columns
// would be n/a on every account.
func withWatchTime(res *scoring.Result) bool {
	for i := range res.Accounts {
		if res.Accounts[i].WatchTime.OK || res.Accounts[i].WatchedFull.OK {
			return true
		}
	}
	return false
}

// weeks is a count of the account's weeks, n/a without MinPosts dated posts.
func weeks(a *scoring.Account, c *Context, n int) Value {
	if !a.Weeks.OK {
		return Value{NA: c.P.Say(lang.M("na.few_dated_posts", lang.Count("n", int64(c.Result.Config.MinPosts))))}
	}
	return number(float64(n))
}

// The orders of the codes that have one.
func tierOrder(res *scoring.Result) []string {
	var out []string
	for _, t := range res.Config.Benchmarks.Tiers {
		out = append(out, t.Name)
	}
	return out
}

func verdictOrder(*scoring.Result) []string {
	var out []string
	for _, v := range scoring.Verdicts() {
		out = append(out, v.String())
	}
	return out
}

func confidenceOrder(*scoring.Result) []string {
	return []string{string(scoring.Firm), string(scoring.Borderline), string(scoring.Thin), string(scoring.NotRated)}
}

func gradeOrder(*scoring.Result) []string {
	return []string{gradeCode(scoring.Above), gradeCode(scoring.Below), gradeCode(scoring.FarBelow)}
}

func number(v float64) Value { return Value{Num: v, OK: true} }
func text(s string) Value    { return Value{Text: s, OK: true} }

func code(s string) Value {
	if s == "" {
		return Value{}
	}
	return Value{Text: s, OK: true}
}

func flag(b bool) Value {
	if b {
		return number(1)
	}
	return number(0)
}

// rate is a rate, n/a when there is none (or none a number can hold).
func rate(r scoring.Rate) Value {
	if !r.OK || math.IsNaN(r.Value) || math.IsInf(r.Value, 0) {
		return Value{}
	}
	return number(r.Value)
}

// metric is a buyer's figure, n/a with its reason in the reader's words when there is none.
func metric(m scoring.Metric, c *Context) Value {
	if !m.OK || math.IsNaN(m.Value) || math.IsInf(m.Value, 0) {
		return Value{NA: naWords(m.NA, c)}
	}
	return number(m.Value)
}

// naWords is why a metric is missing, in the reader's words: scoring says it as a message of
// the catalogs' na (na.no_price).
func naWords(why lang.Msg, c *Context) string {
	if why.IsZero() {
		return c.P.T("na.not_measured")
	}
	return c.P.Say(why)
}

func count(n ingest.Count) Value {
	if !n.Known() {
		return Value{}
	}
	return number(float64(n))
}

// views are an account's views per post: approximate when a count of the window was written
// rounded and the figure is big enough to look it.
func views(a *scoring.Account, m scoring.Metric, c *Context) Value {
	v := metric(m, c)
	v.Approx = v.OK && a.Rounded && v.Num >= 1_000
	return v
}

// followersRounded reports whether the account's follower count is one the export wrote
// rounded (18.3K): it is taken from the newest post stating one, unless the accounts file gave it.
func followersRounded(a *scoring.Account) bool {
	if !a.Rounded {
		return false
	}
	for i := range a.Posts {
		if a.Posts[i].Followers.Known() {
			return a.Posts[i].Followers == a.Followers && a.Posts[i].Rounded
		}
	}
	return false
}

// gradeCode is a grade as tools read it: above, below, far_below.
func gradeCode(g scoring.Grade) string { return strings.ReplaceAll(string(g), " ", "_") }

// hashtags are the top hashtags as a client reads them: #grwm.
func hashtags(tags []string) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		if !strings.HasPrefix(t, "#") {
			t = "#" + t
		}
		out[i] = t
	}
	return out
}

// notes are what an account's row needs said: where its follower count came from, how its
// window was chosen, and why each figure that is n/a is, figures sharing a reason named
// together ("price, CPE, CPM n/a: no price given").
func notes(a *scoring.Account, c *Context) string {
	var ns []string
	for _, n := range []lang.Msg{a.FollowersNote, a.WindowNote, a.PinnedNote} {
		if !n.IsZero() {
			ns = append(ns, c.P.Say(n))
		}
	}
	var reasons []string
	named := map[string][]string{}
	for _, f := range Accounts {
		if f.Unit == Text || f == Notes {
			continue
		}
		v := f.Value(a, c)
		if v.OK || v.NA == "" {
			continue
		}
		if named[v.NA] == nil {
			reasons = append(reasons, v.NA)
		}
		named[v.NA] = append(named[v.NA], f.Label(c.P))
	}
	for _, r := range reasons {
		ns = append(ns, c.P.T("figure.notes.na", "figures", strings.Join(named[r], ", "), "why", r))
	}
	return strings.Join(ns, "; ")
}
