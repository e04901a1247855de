package scoring

import (
	"strconv"
	"strings"

	"github.com/vet-tool/vet/internal/lang"
)

// compared is the ER held against the tier benchmark.
func (a *Account) compared(cfg *Config) Rate {
	if cfg.Basis == BasisViews {
		return a.MedianViewER
	}
	return a.FollowerER
}

// comparedPosts is how many posts the compared ER rests on.
func (a *Account) comparedPosts(cfg *Config) int {
	if cfg.Basis == BasisViews {
		return a.ViewERPosts
	}
	return a.FollowerERPosts
}

// judge grades the account, raises its signals and gives it a verdict and a reason. An account
// that cannot be rated still gets every signal that needs no tier (a like-to-comment ratio
// shows on a 600-follower account too); its verdict stays UNRATED.
func (c *check) judge() {
	a, cfg := c.a, c.cfg
	why, unrated := c.unrated()
	if !unrated {
		c.grade(a.compared(cfg))
	}
	for _, raise := range signalChecks {
		if s, ok := raise(c); ok {
			a.Signals = append(a.Signals, s)
		}
	}
	if unrated {
		a.Verdict, a.Reason = Unrated, c.reason(why)
		return
	}
	a.Verdict = Pass
	for _, s := range a.Signals {
		a.Verdict = max(a.Verdict, s.Verdict)
	}
	first := []lang.Msg{c.standing()}
	if note, ok := c.staleFollowers(); ok {
		first = append(first, note)
	}
	if note, ok := c.beyondTier(); ok {
		first = append(first, note)
	}
	a.Reason = c.reason(first...)
}

// staleFollowers says, in words, when the follower count is much newer than the posts it is
// set against: taken (as of the report date) more than StaleFollowersDays after the window's
// newest post, or set against a window spanning more than StaleSpanDays. Followers grow, so
// the follower ER of old posts is understated; the confidence drops to borderline.
func (c *check) staleFollowers() (lang.Msg, bool) {
	a, cfg := c.a, c.cfg
	if !a.Followers.Known() || len(c.w) == 0 {
		return lang.Msg{}, false
	}
	newest, oldest := c.w[0].PostedAt.Time(), c.w[len(c.w)-1].PostedAt.Time()
	if newest.IsZero() {
		return lang.Msg{}, false
	}
	if cfg.StaleFollowersDays > 0 && !c.asOf.IsZero() {
		if d := daysBetween(newest, c.asOf); d > cfg.StaleFollowersDays {
			return lang.M("say.reason.stale_followers", lang.Plural("days", "day", int64(d))), true
		}
	}
	if cfg.StaleSpanDays > 0 && !oldest.IsZero() {
		if d := daysBetween(oldest, newest); d > cfg.StaleSpanDays {
			return lang.M("say.reason.stale_span", lang.Plural("days", "day", int64(d))), true
		}
	}
	return lang.Msg{}, false
}

// beyondTier says, in words, when a rated account's follower ER is more than ExtremeRatio ×
// its tier's benchmark. Follower ER is about view ER × median views ÷ followers, so a figure
// that far above the tier with an ordinary view ER (implausibly_high holds those above the
// best-engaging creators of its size) rests on more than the followers' engagement: its posts
// reach well beyond its followers, or one post carries the window. The verdict stands (those
// who watch respond), but the figure is not one to promise a client: the confidence drops to
// borderline, and the note gives the evidence, the views' share of the followers when the
// median post is seen by more people than follow the account, else the best post's share of
// the window's engagement (left to engagement_spikes' words when it is raised). Judged on the follower basis only: on the view basis the
// compared rate is the view ER, which reach does not inflate.
func (c *check) beyondTier() (lang.Msg, bool) {
	a, cfg := c.a, c.cfg
	if cfg.Basis == BasisViews || !(cfg.ExtremeRatio > 0) || !a.Ratio.OK || a.Ratio.Value <= cfg.ExtremeRatio {
		return lang.Msg{}, false
	}
	limit := lang.Exact("limit", cfg.ExtremeRatio)
	if a.ViewRate.OK && a.ViewRate.Value >= 100 {
		return lang.M("say.reason.beyond_reach", limit, lang.Num("share", a.ViewRate.Value)), true
	}
	if a.has(EngagementSpikes) {
		return lang.M("say.reason.beyond_tier", limit), true // the spike's words name the post's share
	}
	return lang.M("say.reason.beyond_top", limit, lang.Num("share", c.topShare())), true
}

// topShare is the window's best post's share of its engagement, in percent, measured as
// engagement_spikes measures it: what one post carries of the window.
func (c *check) topShare() float64 {
	var top, sum float64
	for i := range c.w {
		if p := &c.w[i]; hasFollowerER(p) {
			x := float64(interactions(p, c.cfg.IncludeSaves))
			top, sum = max(top, x), sum+x
		}
	}
	if sum == 0 {
		return 0
	}
	return top * 100 / sum
}

// sampleChecks are the signals a sample can support: what a handful of surfaced posts say on
// their own (their counts, their views against the followers) and what the history says.
// Rates against a tier, spikes, steadiness and inactivity need the creator's recent posts.
var sampleChecks = [...]func(*check) (Signal, bool){
	(*check).ghostFollowers,
	(*check).likeCommentRatio,
	(*check).impossibleCounts,
	(*check).followerChange,
}

// judgeSample judges an account whose posts in the export are a sample (kind.go): it stays
// UNRATED, with no ratio to its tier and no grade, and its reason says what the posts show and
// what to export to rate it.
func (c *check) judgeSample() {
	a, cfg := c.a, c.cfg
	for _, raise := range sampleChecks {
		if s, ok := raise(c); ok {
			a.Signals = append(a.Signals, s)
		}
	}
	posts := lang.Plural("posts", "post", int64(len(a.Posts)-a.PinnedOut))
	first := lang.M("say.reason.sample", posts)
	if a.MedianViewER.OK {
		first = lang.M("say.reason.sample_er", posts, lang.Decimal("er", a.MedianViewER.Value, 2), benchmark("platform", cfg.PlatformViewER))
	}
	a.Verdict, a.Reason = Unrated, c.reason(first, lang.M("say.reason.sample_fix"))
}

// grade sets the account's ratio to its tier benchmark and its grade, and raises far_below_tier.
func (c *check) grade(er Rate) {
	a, cfg := c.a, c.cfg
	a.Ratio = rate(er.Value / a.Tier.Benchmark)
	ratio, line := lang.Decimal("ratio", a.Ratio.Value, 2), lang.Exact("limit", cfg.FarBelow)
	switch {
	case a.Ratio.Value >= 1:
		a.Grade = Above
	case a.Ratio.Value >= cfg.FarBelow:
		a.Grade = Below
	case c.lowReach():
		a.Grade = FarBelow
		share := a.ViewRate.Value
		a.Signals = append(a.Signals, Signal{Code: LowReach, Verdict: Review, Value: a.MedianViewER.Value, Limit: cfg.PlatformViewER,
			Detail: lang.M("say.detail.low_reach", ratio, line, lang.Decimal("er", a.MedianViewER.Value, 2),
				lang.Exact("platform", cfg.PlatformViewER), lang.Num("share", share)),
			Plain: lowReachPlain(share, a.MedianViewER.Value, cfg),
		})
	default:
		a.Grade = FarBelow
		a.Signals = append(a.Signals, Signal{Code: FarBelowTier, Verdict: Fail, Value: a.Ratio.Value, Limit: cfg.FarBelow,
			Detail: lang.M("say.detail.below", lang.Sub("of", lang.M("say.detail.ratio", ratio)), line),
			Plain:  lang.M("say.plain.far_below_tier", ratio),
		})
	}
}

// lowReachPlain says low_reach's evidence. Under the ghost line, ghost_followers says the
// views' share of the followers next, so it is not said twice.
func lowReachPlain(viewRate, medianViewER float64, cfg *Config) lang.Msg {
	er, platform := lang.Decimal("er", medianViewER, 2), lang.Decimal("platform", cfg.PlatformViewER, 2)
	if viewRate < cfg.GhostViewsPercent {
		return lang.M("say.plain.low_reach", er, platform)
	}
	return lang.M("say.plain.low_reach_share", lang.Num("share", viewRate), er, platform)
}

// lowReach says whether an account far below its tier on follower ER is healthy on the other
// axis: the people who watch its posts engage at or above the platform average, so its follower
// ER is low because few followers see the posts (reach), not because viewers do not respond.
// On the view basis there is no second axis: the compared rate is the view ER.
func (c *check) lowReach() bool {
	a, cfg := c.a, c.cfg
	return cfg.Basis != BasisViews && a.MedianViewER.OK && a.MedianViewER.Value >= cfg.PlatformViewER && a.ViewRate.OK
}

// unrated says why an account cannot be rated, if it cannot: no follower count, too few
// followers for a tier, too few posts, or no rate to compare.
func (c *check) unrated() (lang.Msg, bool) {
	a, cfg := c.a, c.cfg
	insufficient := func(detail, plain lang.Msg, value, limit int64) {
		a.Signals = append(a.Signals, Signal{Code: InsufficientData, Verdict: Unrated, Detail: detail, Plain: plain,
			Value: float64(value), Limit: float64(limit)})
	}
	n := a.comparedPosts(cfg)
	floor := lang.Count("floor", firstMin(cfg))
	switch {
	case !a.Followers.Known():
		insufficient(lang.M("say.detail.no_followers"), lang.M("say.plain.no_followers"), 0, 0)
		return lang.M("say.reason.no_followers"), true
	case !a.HasTier:
		insufficient(lang.M("say.detail.under_first_tier", lang.Count("followers", int64(a.Followers)), floor),
			lang.M("say.plain.under_first_tier"), int64(a.Followers), firstMin(cfg))
		return lang.M("say.reason.under_first_tier", c.followers("followers"), floor), true
	case n < cfg.MinPosts:
		posts, least := lang.Plural("posts", "post", int64(n)), lang.Count("least", int64(cfg.MinPosts))
		insufficient(lang.M("say.detail.few_posts", posts, least), lang.M("say.plain.few_posts"), int64(n), int64(cfg.MinPosts))
		return lang.M("say.reason.few_posts", posts, least), true
	case !(a.Tier.Benchmark > 0):
		return lang.M("say.reason.no_benchmark", lang.Text("tier", a.Tier.Name)), true
	case !a.compared(cfg).OK:
		insufficient(lang.M("say.detail.no_rate", lang.Sub("basis", basisName(cfg.Basis))), lang.M("say.plain.no_rate"), 0, 0)
		return lang.M("say.reason.no_rate"), true
	}
	return lang.Msg{}, false
}

// standing is the first part of a rated account's reason: its ER against the tier, and what
// that means, so that a PASS says why it passes.
func (c *check) standing() lang.Msg {
	a, cfg := c.a, c.cfg
	args := []lang.Arg{lang.Sub("basis", basisName(cfg.Basis)), lang.Decimal("er", a.compared(cfg).Value, 2),
		lang.Decimal("ratio", a.Ratio.Value, 2), lang.Text("tier", a.Tier.Name), benchmark("benchmark", a.Tier.Benchmark),
		lang.Exact("limit", cfg.FarBelow)}
	switch a.Grade {
	case Above:
		return lang.M("say.reason.above", args...)
	case Below:
		return lang.M("say.reason.within", args...)
	}
	return lang.M("say.reason.far_below", args...)
}

// benchmark fills name with a benchmark as it was written, with at least two decimals as
// rates are: 5.60, 2.43, 2.125 (never 2.4299999).
func benchmark(name string, v float64) lang.Arg {
	if s := strconv.FormatFloat(v, 'f', -1, 64); len(s)-strings.IndexByte(s+".", '.') > 3 {
		return lang.Exact(name, v)
	}
	return lang.Decimal(name, v, 2)
}

// reason is an account's line for a client: its first parts, then every signal they do not
// already say, in plain words.
func (c *check) reason(first ...lang.Msg) []lang.Msg {
	out := make([]lang.Msg, 0, len(first)+len(c.a.Signals))
	out = append(out, first...)
	for _, s := range c.a.Signals {
		if s.Code == FarBelowTier || s.Code == InsufficientData {
			continue // the first part says it
		}
		out = append(out, s.Plain)
	}
	return out
}

func basisName(b Basis) lang.Msg {
	if b == BasisViews {
		return lang.M("define.compared.views")
	}
	return lang.M("define.compared.followers")
}

func firstMin(cfg *Config) int64 {
	if len(cfg.Benchmarks.Tiers) == 0 {
		return 0
	}
	return cfg.Benchmarks.Tiers[0].Min
}
