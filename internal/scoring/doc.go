// Package scoring is the part users argue about: the engagement formulas, the follower tiers
// and their benchmarks, the authenticity signals and the verdict each account gets.
//
// It is pure: posts and a Config in, a Result out. No I/O, no clock, no randomness, a fixed
// order, so the same batch always scores the same ("today" is Config.AsOf, or the newest post).
// Every threshold is a named field of Config, whose defaults live in Default.
//
// The files read top to bottom: rates.go (the seed's formulas), window.go (which posts are
// scored), score.go (Score, Account, the verdict and the reason), signals.go (one small
// function per signal of SPEC §3), baseline.go (week over week), history.go (the trend from
// past snapshots the CLI loads: the previous one as baseline, engagement_decline).
package scoring
