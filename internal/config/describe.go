package config

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/vet-tool/vet/internal/scoring"
)

// Describe writes what `vet benchmarks` prints: the tier table and every threshold in force,
// so that a user can see what an account is held against before arguing with a verdict.
func Describe(w io.Writer, cfg scoring.Config) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	p := func(format string, args ...any) { fmt.Fprintf(tw, format+"\n", args...) }
	b := cfg.Benchmarks
	p("Benchmarks: %s", b.Name)
	p("Source:     %s", b.Source)
	p("")
	p("  tier\tfollowers\tbenchmark ER")
	for i, t := range b.Tiers {
		span := commas(t.Min) + " and up"
		if i+1 < len(b.Tiers) {
			span = commas(t.Min) + " – " + commas(b.Tiers[i+1].Min-1)
		}
		p("  %s\t%s\t%.2f%%", t.Name, span, t.Benchmark)
	}
	if len(b.Tiers) > 0 {
		p("  (none)\tunder %s\tUNRATED", commas(b.Tiers[0].Min))
	}
	p("")
	p("Platform average view ER: %.2f%% (each video is marked above or below it)", cfg.PlatformViewER)
	p("Compared with the tier:   %s", basisWords(cfg))
	p("Window:                   %s", windowWords(cfg))
	p("")
	p("  signal\tverdict\traised when")
	for _, r := range rules(cfg) {
		p("  %s\t%s\t%s", r[0], r[1], r[2])
	}
	p("")
	p("Verdict: UNRATED if it cannot be rated; else FAIL if any FAIL signal; else REVIEW if any REVIEW signal; else PASS.")
	return tw.Flush()
}

func basisWords(cfg scoring.Config) string {
	s := "follower ER = ((Σ likes + Σ comments) / posts) / followers"
	if cfg.Basis == scoring.BasisViews {
		s = "median view ER = median of (likes + comments + shares) / views"
	}
	if cfg.IncludeSaves {
		s += "; saves count as interactions in view ER"
	}
	return s
}

func windowWords(cfg scoring.Config) string {
	var parts []string
	switch {
	case !cfg.Since.IsZero() && cfg.Days > 0:
		parts = append(parts, fmt.Sprintf("posts since %s and of the last %d days", dateText(cfg.Since), cfg.Days))
	case !cfg.Since.IsZero():
		parts = append(parts, "posts since "+dateText(cfg.Since))
	case cfg.Days > 0:
		parts = append(parts, fmt.Sprintf("posts of the last %d days", cfg.Days))
	default:
		parts = append(parts, fmt.Sprintf("the newest %d posts of each account", cfg.WindowPosts))
	}
	if cfg.AsOf.IsZero() {
		parts = append(parts, "as of the newest post in the batch")
	} else {
		parts = append(parts, "as of "+dateText(cfg.AsOf))
	}
	return strings.Join(parts, ", ")
}

// rules are SPEC §3's signal table with the numbers in force.
func rules(c scoring.Config) [][3]string {
	return [][3]string{
		{scoring.FarBelowTier, "FAIL", fmt.Sprintf("ratio to the tier benchmark < %s", num(c.FarBelow))},
		{scoring.GhostFollowers, "REVIEW", fmt.Sprintf("median views per post < %s%% of followers", num(c.GhostViewsPercent))},
		{scoring.LikeCommentRatio, "REVIEW", fmt.Sprintf("Σlikes/Σcomments > %s (bought likes) or < %s (comment bots)",
			num(c.MaxLikesPerComment), num(c.MinLikesPerComment))},
		{scoring.EngagementSpikes, "REVIEW", fmt.Sprintf("a post above %s× the window's median interactions holds > %s%% of them, or %d+ such posts",
			num(c.SpikeMultiple), num(c.SpikeSharePercent), c.SpikePosts)},
		{scoring.ImplausiblyHigh, "REVIEW", fmt.Sprintf("≥ %s followers and ratio > %s", commas(c.ImplausibleFollowers), num(c.ImplausibleRatio))},
		{scoring.Erratic, "REVIEW", fmt.Sprintf("coefficient of variation of view ER > %s (≥ %d posts)", num(c.ErraticCV), c.CVMinPosts)},
		{scoring.TooSteady, "REVIEW", fmt.Sprintf("coefficient of variation of view ER < %s (≥ %d posts)", num(c.SteadyCV), c.CVMinPosts)},
		{scoring.ImpossibleCounts, "REVIEW", "a post with likes > views or interactions > views"},
		{scoring.Inactive, "REVIEW", fmt.Sprintf("newest post more than %d days before as-of", c.InactiveDays)},
		{scoring.FollowerJump, "REVIEW", fmt.Sprintf("vs --baseline: followers +%s%% and +%s", num(c.JumpPercent), commas(c.JumpFollowers))},
		{scoring.FollowerDrop, "REVIEW", fmt.Sprintf("vs --baseline: followers -%s%% and -%s", num(c.DropPercent), commas(c.DropFollowers))},
		{scoring.InsufficientData, "UNRATED", fmt.Sprintf("fewer than %d posts in the window, or followers missing", c.MinPosts)},
	}
}
