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
// that cannot be rated still gets every signal that needs no tier (bought likes show on a
// 600-follower account too); its verdict stays UNRATED.
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
	a.Reason = c.reason(c.standing(c.line[:0]))
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
	default:
		a.Grade = FarBelow
		a.Signals = append(a.Signals, Signal{Code: FarBelowTier, Verdict: Fail, Value: a.Ratio.Value, Limit: cfg.FarBelow,
			Detail: fmt.Sprintf("ratio %s < %s", fixed(a.Ratio.Value, 2), exact(cfg.FarBelow)),
			Plain:  fmt.Sprintf("engagement is far below its tier (%s× the benchmark)", fixed(a.Ratio.Value, 2)),
		})
	}
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
