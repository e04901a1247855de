package figures

import (
	"strings"

	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// DefinitionArgs are the values the figures' definitions fill in, for the batch's settings:
// the window, the benchmark set, the far-below line, the platform average.
func DefinitionArgs(res *scoring.Result, p *lang.Printer) []string {
	cfg := res.Config
	window := p.T("define.window.newest", "posts", p.Plural(int64(cfg.WindowPosts), "post"))
	switch {
	case cfg.Days > 0:
		window = p.T("define.window.days", "days", p.Days(cfg.Days))
	case !cfg.Since.IsZero():
		window = p.T("define.window.since", "date", p.Date(cfg.Since))
	}
	saves := ""
	if cfg.IncludeSaves {
		saves = p.T("define.plus_saves")
	}
	compared := FollowerER.Label(p)
	if cfg.Basis == scoring.BasisViews {
		compared = MedianViewER.Label(p)
	}
	first := int64(1000)
	if len(cfg.Benchmarks.Tiers) > 0 {
		first = cfg.Benchmarks.Tiers[0].Min
	}
	return []string{
		"window", window, "saves", saves, "compared", compared,
		"far_below", p.Exact(cfg.FarBelow), "platform", p.Percent(cfg.PlatformViewER, 2),
		"first_tier", p.Count(first), "min_posts", p.Plural(int64(cfg.MinPosts), "post"),
		"benchmarks", BenchmarkName(cfg.Benchmarks, p), "cadence_min", p.Exact(cfg.CadenceMin),
		"cadence_max", p.Exact(cfg.CadenceMax),
	}
}

// Definitions are label and definition of each figure output w shows, for the batch.
func Definitions(w Where, res *scoring.Result, p *lang.Printer) [][2]string {
	args := DefinitionArgs(res, p)
	var out [][2]string
	for _, f := range In(w, res) {
		out = append(out, [2]string{f.Label(p), p.T("figure."+f.Key+".def", args...)})
	}
	return out
}

// BenchmarkName is the benchmark set's name for a client, with its source: never a word about
// how vet was made (a name or source mentioning the seed is left out).
func BenchmarkName(b scoring.Benchmarks, p *lang.Printer) string {
	name := strings.TrimSpace(strings.ReplaceAll(b.Name, "(seed)", ""))
	if name == "" || b.Name == scoring.Default().Benchmarks.Name {
		name = p.T("define.benchmarks.default_name")
	}
	if src := b.Source; src != "" && !strings.Contains(strings.ToLower(src), "seed") {
		if src == scoring.Default().Benchmarks.Source {
			src = p.T("define.benchmarks.default_source")
		}
		name += " (" + src + ")"
	}
	return name
}
