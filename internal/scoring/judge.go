package scoring

import (
	"fmt"
	"strconv"
	"strings"
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
		a.Verdict, a.Reason = Unrated, c.reason(append(c.line[:0], why...))
		return
	}
	a.Verdict = Pass
	for _, s := range a.Signals {
		a.Verdict = max(a.Verdict, s.Verdict)
	}
	b := c.standing(c.line[:0])
	if note, ok := c.staleFollowers(); ok {
		b = append(append(b, "; "...), note...)
	}
	a.Reason = c.reason(b)
}

// staleFollowers says, in words, when the follower count is much newer than the posts it is
// set against: taken (as of the report date) more than StaleFollowersDays after the window's
// newest post, or set against a window spanning more than StaleSpanDays. Followers grow, so
// the follower ER of old posts is understated; the confidence drops to borderline.
func (c *check) staleFollowers() (string, bool) {
	a, cfg := c.a, c.cfg
	if !a.Followers.Known() || len(c.w) == 0 {
		return "", false
	}
	newest, oldest := c.w[0].PostedAt, c.w[len(c.w)-1].PostedAt
	if newest.IsZero() {
		return "", false
	}
	if cfg.StaleFollowersDays > 0 && !c.asOf.IsZero() {
		if d := daysBetween(newest, c.asOf); d > cfg.StaleFollowersDays {
			return fmt.Sprintf("the follower count is %s newer than the newest post scored, so the rate is less certain", plural(d, "day")), true
		}
	}
	if cfg.StaleSpanDays > 0 && !oldest.IsZero() {
		if d := daysBetween(oldest, newest); d > cfg.StaleSpanDays {
			return fmt.Sprintf("the posts scored span %s against today's follower count, so the rate is less certain", plural(d, "day")), true
		}
	}
	return "", false
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
	b := append(c.line[:0], "sample: "...)
	b = append(b, plural(len(a.Posts)-a.PinnedOut, "post")...)
	b = append(b, " surfaced by the export, not the creator's recent posts"...)
	if a.MedianViewER.OK {
		b = append(b, "; those who watched engaged at "...)
		b = appendFixed(b, a.MedianViewER.Value, 2)
		b = append(b, "% (platform average "...)
		b = appendPercent(b, cfg.PlatformViewER)
		b = append(b, "%)"...)
	}
	b = append(b, "; export the profile to rate it"...)
	a.Verdict, a.Reason = Unrated, c.reason(b)
}

// grade sets the account's ratio to its tier benchmark and its grade, and raises far_below_tier.
func (c *check) grade(er Rate) {
	a, cfg := c.a, c.cfg
	a.Ratio = rate(er.Value / a.Tier.Benchmark)
	switch {
	case a.Ratio.Value >= 1:
		a.Grade = Above
	case a.Ratio.Value >= cfg.FarBelow:
		a.Grade = Below
	case c.lowReach():
		a.Grade = FarBelow
		share := a.ViewRate.Value
		a.Signals = append(a.Signals, Signal{Code: LowReach, Verdict: Review, Value: a.MedianViewER.Value, Limit: cfg.PlatformViewER,
			Detail: fmt.Sprintf("ratio %s < %s, but median view ER %s%% ≥ the platform average %s%%; median views %s%% of followers",
				fixed(a.Ratio.Value, 2), exact(cfg.FarBelow), fixed(a.MedianViewER.Value, 2), exact(cfg.PlatformViewER), num(share)),
			Plain: lowReachPlain(share, a.MedianViewER.Value, cfg),
		})
	default:
		a.Grade = FarBelow
		a.Signals = append(a.Signals, Signal{Code: FarBelowTier, Verdict: Fail, Value: a.Ratio.Value, Limit: cfg.FarBelow,
			Detail: fmt.Sprintf("ratio %s < %s", fixed(a.Ratio.Value, 2), exact(cfg.FarBelow)),
			Plain:  fmt.Sprintf("engagement is far below its tier (%s× the benchmark)", fixed(a.Ratio.Value, 2)),
		})
	}
}

// lowReachPlain says low_reach's evidence. Under the ghost line, ghost_followers says the
// views' share of the followers next, so it is not said twice.
func lowReachPlain(viewRate, medianViewER float64, cfg *Config) string {
	if viewRate < cfg.GhostViewsPercent {
		return fmt.Sprintf("few followers see the posts, and those who watch engage at %s%%, at or above the platform average %s%%",
			fixed(medianViewER, 2), fixed(cfg.PlatformViewER, 2))
	}
	return fmt.Sprintf("few followers see the posts: median views are %s%% of followers, and those who watch engage at %s%%, at or above the platform average %s%%",
		num(viewRate), fixed(medianViewER, 2), fixed(cfg.PlatformViewER, 2))
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
func (c *check) unrated() (string, bool) {
	a, cfg := c.a, c.cfg
	insufficient := func(detail, plain string, value, limit int) {
		a.Signals = append(a.Signals, Signal{Code: InsufficientData, Verdict: Unrated, Detail: detail, Plain: plain,
			Value: float64(value), Limit: float64(limit)})
	}
	n := a.comparedPosts(cfg)
	switch {
	case !a.Followers.Known():
		insufficient("followers missing", "no follower count", 0, 0)
		return "no follower count: pass one with --accounts", true
	case !a.HasTier:
		insufficient(fmt.Sprintf("followers %s < %s, the first tier's floor", Commas(int64(a.Followers)), Commas(firstMin(cfg))),
			"too few followers for a tier", int(a.Followers), int(firstMin(cfg)))
		return fmt.Sprintf("%s is under the first tier (%s followers)", c.followers(), Commas(firstMin(cfg))), true
	case n < cfg.MinPosts:
		insufficient(fmt.Sprintf("%s to score < %d", plural(n, "post"), cfg.MinPosts), "too few posts", n, cfg.MinPosts)
		return fmt.Sprintf("only %s to score (at least %d needed)", plural(n, "post"), cfg.MinPosts), true
	case !(a.Tier.Benchmark > 0):
		return fmt.Sprintf("tier %s has no benchmark to compare with", a.Tier.Name), true
	case !a.compared(cfg).OK:
		insufficient(fmt.Sprintf("no %s ER: no views or followers to divide by", basisName(cfg.Basis)), "no engagement rate", 0, 0)
		return "no engagement rate could be computed", true
	}
	return "", false
}

// standing appends the first part of a rated account's reason: its ER against the tier, and
// what that means, so that a PASS says why it passes.
func (c *check) standing(b []byte) []byte {
	a, cfg := c.a, c.cfg
	b = append(b, basisName(cfg.Basis)...)
	b = append(b, " ER "...)
	b = appendFixed(b, a.compared(cfg).Value, 2)
	b = append(b, "% is "...)
	b = appendFixed(b, a.Ratio.Value, 2)
	b = append(b, "× the "...)
	b = append(b, a.Tier.Name...)
	b = append(b, " benchmark "...)
	b = appendPercent(b, a.Tier.Benchmark)
	b = append(b, '%')
	switch a.Grade {
	case Above:
		return append(b, ": above it"...)
	case Below:
		b = append(b, ": within the normal range for its tier (above the far-below line "...)
	default:
		b = append(b, ": far below it (under "...)
	}
	b = strconv.AppendFloat(b, cfg.FarBelow, 'f', -1, 64)
	return append(b, "×)"...)
}

// appendPercent appends a benchmark as it was written, with at least two decimals as rates
// are: 5.60, 2.43, 2.125 (never 2.4299999).
func appendPercent(b []byte, v float64) []byte {
	if s := strconv.FormatFloat(v, 'f', -1, 64); len(s)-strings.IndexByte(s+".", '.') > 3 {
		return append(b, s...)
	}
	return strconv.AppendFloat(b, v, 'f', 2, 64)
}

// reason is an account's line for a client: its first part, then every signal the first part
// does not already say, in plain words.
func (c *check) reason(first []byte) string {
	b := first
	for _, s := range c.a.Signals {
		if s.Code == FarBelowTier || s.Code == InsufficientData {
			continue // the first part says it
		}
		b = append(b, "; "...)
		b = append(b, s.Plain...)
	}
	c.line = b
	return string(b)
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
