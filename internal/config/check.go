package config

import (
	"fmt"

	"github.com/vet-tool/vet/internal/scoring"
)

// check refuses settings that cannot be meant, naming the first bad key: each setting against
// the range or choices the table gives it, then what spans several (the tiers, field names).
func check(f *File) error {
	for i := range settings {
		if e := settings[i].checkValue(f); e != nil {
			return e
		}
	}
	if err := checkBenchmarks(&f.Scoring); err != nil {
		return err
	}
	for name, header := range f.Run.Map {
		if e := fieldKey(keyMap, name); e != nil {
			return e
		}
		if header == "" {
			return bad(keyMap+"."+name, "no header given")
		}
	}
	for name := range f.Aliases {
		if e := fieldKey(keyAliases, name); e != nil {
			return e
		}
	}
	for preset, fields := range f.Presets {
		if preset == "" {
			return bad(keyPresets, "a preset needs a name")
		}
		for name := range fields {
			if e := fieldKey(keyPresets+"."+preset, name); e != nil {
				return e
			}
		}
	}
	return nil
}

func checkBenchmarks(c *scoring.Config) error {
	b := &c.Benchmarks
	if b.Name == "" {
		return bad(keyBenchmarkName, "the benchmark table needs a name (it is printed in the report)")
	}
	if len(b.Tiers) == 0 {
		return bad(keyTiers, "at least one tier is needed")
	}
	for i, t := range b.Tiers {
		key := fmt.Sprintf("%s[%d]", keyTiers, i)
		switch {
		case t.Name == "":
			return bad(key+"."+tierKeys[0], "tier %d needs a name", i+1)
		case t.Min < 0:
			return bad(key+"."+tierKeys[1], "%d followers cannot be negative", t.Min)
		case t.Min > maxTierMin:
			return bad(key+"."+tierKeys[1], "%d followers is more than any account has (at most %s)", t.Min, num(maxTierMin))
		case i > 0 && t.Min <= b.Tiers[i-1].Min:
			return bad(key+"."+tierKeys[1], "tiers must go up: %d follows %d", t.Min, b.Tiers[i-1].Min)
		case !(t.Benchmark > 0 && t.Benchmark <= 100):
			return bad(key+"."+tierKeys[2], "%s is not a percentage above 0", num(t.Benchmark))
		}
	}
	return nil
}

// maxTierMin bounds a tier's min as ingest bounds a count (10^12).
const maxTierMin = 1e12

// checkBenchmarksNamed refuses tiers of one's own under the default table's name and source:
// the report prints both, and a client must not read that source under other numbers.
func checkBenchmarksNamed(lines map[string]int) error {
	if _, ok := lines[keyTiers]; !ok {
		return nil
	}
	for _, k := range []string{keyBenchmarkName, keyBenchmarkSource} {
		if _, ok := lines[k]; !ok {
			return bad(keyTiers, "tiers of your own need %s too (the report prints it)", k)
		}
	}
	return nil
}
