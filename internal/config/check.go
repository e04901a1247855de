package config

import (
	"fmt"

	"github.com/vet-tool/vet/internal/scoring"
)

// check refuses settings that cannot be meant, naming the first bad key.
func check(f *File) error {
	if err := checkRun(&f.Run); err != nil {
		return err
	}
	if err := checkScoring(&f.Scoring); err != nil {
		return err
	}
	for name := range f.Aliases {
		if e := fieldKey("aliases", name); e != nil {
			return e
		}
	}
	for preset, fields := range f.Presets {
		if preset == "" {
			return bad("presets", "a preset needs a name")
		}
		for name := range fields {
			if e := fieldKey("presets."+preset, name); e != nil {
				return e
			}
		}
	}
	return nil
}

func checkRun(r *Run) error {
	switch r.FailOn {
	case "", "fail", "review":
	default:
		return bad("fail-on", "%q is not fail or review", r.FailOn)
	}
	if r.Out == "" {
		return bad("out", "the report folder cannot be empty")
	}
	for name, header := range r.Map {
		if e := fieldKey("map", name); e != nil {
			return e
		}
		if header == "" {
			return bad("map."+name, "no header given")
		}
	}
	return nil
}

// checkScoring holds each number to the range in which it means something.
func checkScoring(c *scoring.Config) error {
	switch c.Basis {
	case scoring.BasisFollowers, scoring.BasisViews:
	default:
		return bad("basis", "%q is not followers or views", c.Basis)
	}
	if err := checkBenchmarks(c); err != nil {
		return err
	}
	for _, r := range []struct {
		key     string
		v       float64
		lo, hi  float64
		loOpen  bool // v must be above lo, not at it
		explain string
	}{
		{"posts", float64(c.WindowPosts), 1, inf, false, ""},
		{"days", float64(c.Days), 0, inf, false, "0 turns it off"},
		{"far-below", c.FarBelow, 0, 1, false, "a ratio to the tier benchmark"},
		{"thresholds.min-posts", float64(c.MinPosts), 1, inf, false, ""},
		{"thresholds.ghost-views", c.GhostViewsPercent, 0, 100, false, "a percentage of followers"},
		{"thresholds.min-likes-per-comment", c.MinLikesPerComment, 0, inf, false, ""},
		{"thresholds.max-likes-per-comment", c.MaxLikesPerComment, c.MinLikesPerComment, inf, true, "above min-likes-per-comment"},
		{"thresholds.spike-multiple", c.SpikeMultiple, 1, inf, false, ""},
		{"thresholds.spike-share", c.SpikeSharePercent, 0, 100, true, "a percentage of the window's interactions"},
		{"thresholds.spike-posts", float64(c.SpikePosts), 1, inf, false, ""},
		{"thresholds.implausible-followers", float64(c.ImplausibleFollowers), 0, inf, false, ""},
		{"thresholds.implausible-ratio", c.ImplausibleRatio, 0, inf, true, ""},
		{"thresholds.steady-cv", c.SteadyCV, 0, inf, false, ""},
		{"thresholds.erratic-cv", c.ErraticCV, c.SteadyCV, inf, true, "above steady-cv"},
		{"thresholds.cv-min-posts", float64(c.CVMinPosts), 2, inf, false, ""},
		{"thresholds.inactive-days", float64(c.InactiveDays), 1, inf, false, ""},
		{"thresholds.jump-percent", c.JumpPercent, 0, inf, false, ""},
		{"thresholds.jump-followers", float64(c.JumpFollowers), 0, inf, false, ""},
		{"thresholds.drop-percent", c.DropPercent, 0, 100, false, ""},
		{"thresholds.drop-followers", float64(c.DropFollowers), 0, inf, false, ""},
	} {
		if r.v < r.lo || r.loOpen && r.v == r.lo || r.v > r.hi || r.v != r.v {
			return bad(r.key, "%s is out of range (%s)", num(r.v), rangeWords(r.lo, r.hi, r.loOpen, r.explain))
		}
	}
	return nil
}

func checkBenchmarks(c *scoring.Config) error {
	b := &c.Benchmarks
	if b.Name == "" {
		return bad("benchmarks.name", "the benchmark table needs a name (it is printed in the report)")
	}
	if !(c.PlatformViewER > 0 && c.PlatformViewER <= 100) {
		return bad("benchmarks.platform-view-er", "%s is not a percentage above 0", num(c.PlatformViewER))
	}
	if len(b.Tiers) == 0 {
		return bad("benchmarks.tiers", "at least one tier is needed")
	}
	for i, t := range b.Tiers {
		key := fmt.Sprintf("benchmarks.tiers[%d]", i)
		switch {
		case t.Name == "":
			return bad(key+".name", "tier %d needs a name", i+1)
		case t.Min < 0:
			return bad(key+".min", "%d followers cannot be negative", t.Min)
		case i > 0 && t.Min <= b.Tiers[i-1].Min:
			return bad(key+".min", "tiers must go up: %d follows %d", t.Min, b.Tiers[i-1].Min)
		case !(t.Benchmark > 0 && t.Benchmark <= 100):
			return bad(key+".benchmark", "%s is not a percentage above 0", num(t.Benchmark))
		}
	}
	return nil
}
