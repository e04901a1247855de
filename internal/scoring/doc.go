// Package scoring is the part users argue about: the engagement formulas, the follower tiers
// and their benchmarks, the authenticity signals, the verdict each account gets and how far it
// can be trusted, and what a buyer decides on (expected views, cadence, sponsored posts, costs).
//
// It is pure: posts and a Config in, a Result out. No I/O, no clock, a fixed order, so the same
// batch always scores the same ("today" is Config.AsOf, or the newest post). The confidence
// bootstrap draws from a generator seeded by each account's handle, so it too gives the same
// answer in any batch and in any order. Every threshold is a named field of Config, whose
// defaults live in Default.
//
// The files read top to bottom: rates.go (the seed's formulas, each over the posts that have
// its inputs), window.go (which posts are scored; pinned ones are not), score.go (Score,
// Account, measure), judge.go (grade, verdict and the reason line), signals.go (one small
// function per signal of SPEC §3, as a table), confidence.go (firm, borderline, thin),
// metrics.go and captions.go (what a buyer decides on; sponsored captions and hashtags),
// warnings.go (the batch as a whole), baseline.go (week over week), history.go (the trend from
// past snapshots the CLI loads: the previous one as baseline, engagement_decline), words.go
// (numbers in words).
package scoring
