// Package scoring is the part users argue about: the engagement formulas, the follower tiers
// and their benchmarks, the authenticity signals and the verdict each account gets.
//
// It is pure: posts and a Config in, a Result out. No I/O, no clock, no randomness, a fixed
// order, so the same batch always scores the same. Every threshold is a named field of Config,
// whose defaults live in Default.
package scoring
