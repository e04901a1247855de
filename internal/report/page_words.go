package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vet-tool/vet/internal/scoring"
)

// What the page says in words: the signals' names and the figures' definitions.

// signalMeaning says what each signal means, for the page's list of signals; its name in
// words is scoring.SignalName's. The codes stay in summary.json, the CSVs and the page's data
// attributes.
var signalMeaning = []struct{ code, meaning string }{
	{scoring.FarBelowTier, "engagement far below what accounts of its size reach (the verdict FAIL)"},
	{scoring.GhostFollowers, "few of its followers watch its posts: bought or abandoned followers"},
	{scoring.LikeCommentRatio, "far more likes per comment than real audiences leave (bought likes), or far fewer (comment bots)"},
	{scoring.EngagementSpikes, "one or a few posts carry most of the engagement: a viral outlier, or boosted posts"},
	{scoring.ImplausiblyHigh, "engagement far above its tier, which real audiences rarely reach"},
	{scoring.Erratic, "engagement swings from post to post far more than usual"},
	{scoring.TooSteady, "engagement the same on every post, as bought engagement tends to be"},
	{scoring.ImpossibleCounts, "counts that cannot happen, such as more likes than views"},
	{scoring.Inactive, "no post for a long time before the report date"},
	{scoring.FollowerJump, "followers rose sharply since the previous report"},
	{scoring.FollowerDrop, "followers fell sharply since the previous report"},
	{scoring.InsufficientData, "too few posts, or no follower count, to rate the account (the verdict UNRATED)"},
	{scoring.SponsoredUnderperform, "its paid posts engage clearly less than its other posts"},
	{scoring.EngagementDecline, "engagement has fallen report after report, beyond its usual ups and downs"},
}

// signalName is a signal's name in words, capitalised as the page shows it: "Ghost followers".
func signalName(code string) string {
	name := scoring.SignalName(code)
	if name == "" {
		return name
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

// signalMeanings are the page's list of signals and what each means.
func signalMeanings() [][2]string {
	out := make([][2]string, len(signalMeaning))
	for i, s := range signalMeaning {
		out[i] = [2]string{signalName(s.code), s.meaning}
	}
	return out
}

// definitions say what each figure on the page means, with the thresholds this run used.
func definitions(res *scoring.Result) [][2]string {
	cfg := res.Config
	saves := ""
	if cfg.IncludeSaves {
		saves = " + saves"
	}
	window := fmt.Sprintf("the newest %s of each account", plural(cfg.WindowPosts, "post"))
	switch {
	case cfg.Days > 0:
		window = fmt.Sprintf("each account's posts of the %s up to the report date", plural(cfg.Days, "day"))
	case !cfg.Since.IsZero():
		window = "each account's posts since " + cfg.Since.Format("2 January 2006")
	}
	first := int64(1000)
	if len(cfg.Benchmarks.Tiers) > 0 {
		first = cfg.Benchmarks.Tiers[0].Min
	}
	bench := benchmarkName(cfg.Benchmarks)
	if src := benchmarkSource(cfg.Benchmarks); src != "" {
		bench += " (" + src + ")"
	}
	compared := "follower ER"
	if cfg.Basis == scoring.BasisViews {
		compared = "median view ER"
	}
	return [][2]string{
		{"Window", "the posts an account is judged on: " + window + "."},
		{"Follower ER", "engagement per follower: (likes + comments) per post in the window ÷ followers × 100. \"on N posts\" says how many posts it rests on."},
		{"View ER", "engagement per view of one post: (likes + comments + shares" + saves + ") ÷ views × 100. A post with no views has none."},
		{"Median view ER", "the middle of the window's view ERs, so one viral post does not carry an account. Pooled view ER is all the window's interactions ÷ all its views."},
		{"Tier and benchmark", "the account's follower band, and the " + compared + " accounts of that size are expected to reach: " + bench + "."},
		{"Ratio", "the account's " + compared + " ÷ its tier's benchmark: 1.00× is exactly the benchmark; under " + strconv.FormatFloat(cfg.FarBelow, 'f', -1, 64) + "× is far below it."},
		{"Platform average", fmt.Sprintf("%.2f%% view ER: each post is marked above or below it; the charts draw it as a red line.", cfg.PlatformViewER)},
		{"Verdicts", fmt.Sprintf("PASS: at or near its tier with nothing to doubt. REVIEW: a signal worth a look before booking. FAIL: engagement far below its tier. UNRATED: under %s followers, fewer than %s in the window, or no follower count.",
			scoring.Commas(first), plural(cfg.MinPosts, "post"))},
		{"Confidence", "firm: the verdict holds however the window's posts are resampled; borderline: it could change within the posts' own ups and downs; thin: too few posts to say."},
		{"Median views", "the middle of the views of the window's posts; average views beside it."},
		{"View rate", "median views ÷ followers × 100: how much of the following a typical post reaches."},
		{"Posts per week", "(posts in the window − 1) ÷ days from its oldest to its newest post × 7."},
		{"Paid post performance", "the median view ER of the account's paid (sponsored) posts ÷ that of its other posts: 1.00× means paid posts do as well as the rest."},
		{"Save rate, share rate", "all saves (or shares) of the window ÷ all its views × 100."},
		{"CPE", "cost per engagement: the price of one sponsored post ÷ the median interactions (likes + comments + shares) per post."},
		{"CPM", "cost per thousand views: the price of one sponsored post ÷ median views × 1,000."},
		{"~18.3K", "a count the export wrote rounded (18.3K, 1.2M): read as 18,300, and shown approximate wherever it appears."},
		{"n/a", "a figure the account lacks, followed by the reason (no price given, no dated posts …)."},
	}
}

// benchmarkName is the benchmark set's name for a client: never a word about how vet was made.
func benchmarkName(b scoring.Benchmarks) string {
	name := strings.TrimSpace(strings.ReplaceAll(b.Name, "(seed)", ""))
	if name == "" {
		return "TikTok engagement by follower tier"
	}
	return name
}

// benchmarkSource says where the benchmarks come from, or "" when the set describes its
// source in words meant for vet's makers only.
func benchmarkSource(b scoring.Benchmarks) string {
	if strings.Contains(strings.ToLower(b.Source), "seed") {
		return ""
	}
	return strings.TrimSpace(b.Source)
}
