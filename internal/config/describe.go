package config

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// Describe writes what `vet benchmarks` prints: the tier table and every threshold in force,
// so that a user can see what an account is held against before arguing with a verdict.
func Describe(w io.Writer, cfg scoring.Config) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	p := func(format string, args ...any) { fmt.Fprintf(tw, format+"\n", args...) }
	b, count := cfg.Benchmarks, lang.New(lang.English, "").Count
	p("Benchmarks: %s", b.Name)
	p("Source:     %s", b.Source)
	p("")
	p("  tier\tfollowers\tbenchmark ER")
	for i, t := range b.Tiers {
		span := count(t.Min) + " and up"
		if i+1 < len(b.Tiers) {
			span = count(t.Min) + " – " + count(b.Tiers[i+1].Min-1)
		}
		p("  %s\t%s\t%.2f%%", t.Name, span, t.Benchmark)
	}
	if len(b.Tiers) > 0 {
		p("  (none)\tunder %s\tUNRATED", count(b.Tiers[0].Min))
	}
	p("")
	p("Platform average view ER: %.2f%% (each video is marked above or below it)", cfg.PlatformViewER)
	p("Compared with the tier:   %s", basisWords(cfg))
	p("Window:                   %s", windowWords(cfg))
	p("")
	p("  signal\tverdict\traised when")
	for _, r := range scoring.Rules(cfg) {
		p("  %s\t%s\t%s", r.Code, r.Verdict, r.When)
	}
	p("")
	p("Verdict: UNRATED if it cannot be rated; else FAIL if any FAIL signal; else REVIEW if any REVIEW signal; else PASS.")
	p("")
	p("  setting (vet.yaml)\tvalue\twhat it does")
	f := &File{Scoring: cfg}
	for i := range settings {
		s := &settings[i]
		_, isNumber := s.number(f)
		_, isBasis := s.field(f).(*scoring.Basis)
		if isNumber && s.flag != "days" || isBasis { // the numbers scoring judges by
			p("  %s\t%s\t%s", s.key, s.yamlText(f), strings.ReplaceAll(s.comment, "\n", " "))
		}
	}
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
