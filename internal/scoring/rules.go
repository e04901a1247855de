package scoring

import "fmt"

// Rule is one line of SPEC §3's signal table: a signal, the verdict it calls for, and when it
// is raised, in words with the numbers in force.
type Rule struct {
	Code    string  `json:"code"`
	Verdict Verdict `json:"verdict"`
	When    string  `json:"when"`
}

// Rules is the signal table with the numbers of cfg, in the order signals are checked: what
// `vet benchmarks` prints and the report's thresholds list, so both say what scoring does.
func Rules(c Config) []Rule {
	return []Rule{
		{FarBelowTier, Fail, fmt.Sprintf("ratio to the tier benchmark < %s, and a median view ER under the platform average %s%% (or none)", exact(c.FarBelow), exact(c.PlatformViewER))},
		{LowReach, Review, fmt.Sprintf("ratio to the tier benchmark < %s, and a median view ER at or above the platform average %s%%", exact(c.FarBelow), exact(c.PlatformViewER))},
		{GhostFollowers, Review, fmt.Sprintf("median views per post < %s%% of followers", exact(c.GhostViewsPercent))},
		{LikeCommentRatio, Review, fmt.Sprintf("Σlikes/Σcomments > %s× the median of its tier in the batch (with %d+ rated accounts in the tier; else > %s), or < %s, or no comments on %s likes or more",
			exact(c.LikesPerCommentMultiple), c.LikesPerCommentPeers, exact(c.MaxLikesPerComment), exact(c.MinLikesPerComment), commas(c.ZeroCommentLikes))},
		{EngagementSpikes, Review, fmt.Sprintf("on %d+ posts, a post above %s× the window's median interactions holds > %s%% of them, or %d+ such posts",
			c.SpikeMinPosts, exact(c.SpikeMultiple), exact(c.SpikeSharePercent), c.SpikePosts)},
		{ImplausiblyHigh, Review, fmt.Sprintf("≥ %s followers and ratio > %s, or ratio > %s at any size; and a median view ER above its tier's line in %s",
			commas(c.ImplausibleFollowers), exact(c.ImplausibleRatio), exact(c.ImplausibleAnyRatio), c.RecentBenchmarks.Name)},
		{Erratic, Review, fmt.Sprintf("coefficient of variation of view ER > %s (≥ %d posts)", exact(c.ErraticCV), c.CVMinPosts)},
		{TooSteady, Review, fmt.Sprintf("coefficient of variation of view ER < %s (≥ %d posts)", exact(c.SteadyCV), c.CVMinPosts)},
		{ImpossibleCounts, Review, "a post with likes > views or interactions > views (abbreviated counts beyond their rounding)"},
		{Inactive, Review, fmt.Sprintf("newest post more than %d days before as-of", c.InactiveDays)},
		{FollowerJump, Review, fmt.Sprintf("vs --baseline or the previous snapshot: followers +%s%% and +%s", exact(c.JumpPercent), commas(c.JumpFollowers))},
		{FollowerDrop, Review, fmt.Sprintf("vs --baseline or the previous snapshot: followers -%s%% and -%s", exact(c.DropPercent), commas(c.DropFollowers))},
		{SponsoredUnderperform, Review, fmt.Sprintf("median view ER of sponsored posts ÷ that of the others < %s (with %d of each or more)",
			exact(c.SponsoredUnderperform), c.SponsoredMinPosts)},
		{EngagementDecline, Review, fmt.Sprintf("a least-squares line through log follower ER over the last %d–%d snapshots falls ≥ %s%% and > %s× its week-to-week noise × √(snapshots − 1), no step > %s of the fall",
			c.DeclineSnapshots, max(c.DeclineSpan, c.DeclineSnapshots), exact(c.DeclineMinPercent), exact(c.DeclineNoise), exact(c.DeclineMaxStep))},
		{InsufficientData, Unrated, fmt.Sprintf("fewer than %d posts to score, fewer followers than the first tier (%s), or followers missing", c.MinPosts, commas(firstMin(&c)))},
	}
}
