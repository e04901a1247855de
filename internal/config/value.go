package config

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/vet-tool/vet/internal/scoring"
)

// A setting's value is one of a few kinds, told apart by the type of the field it points at.
// Each kind is read from a flag's text, read from a vet.yaml node, written back as vet.yaml
// text, and held to its range here, once for every setting of that kind.

// byKey finds the setting at a key of vet.yaml.
func byKey(key string) *setting {
	for i := range settings {
		if settings[i].key == key {
			return &settings[i]
		}
	}
	return nil
}

// byFlag finds the setting a flag sets.
func byFlag(name string) *setting {
	for i := range settings {
		if settings[i].flag != "" && settings[i].flag == name {
			return &settings[i]
		}
	}
	return nil
}

// isSection reports whether key holds settings of its own ("thresholds", "report").
func isSection(key string) bool {
	for i := range settings {
		if strings.HasPrefix(settings[i].key, key+".") {
			return true
		}
	}
	return false
}

// leaf is the last part of a key: ghost-views of thresholds.ghost-views.
func leaf(key string) string { return key[strings.LastIndexByte(key, '.')+1:] }

// fromText sets the value from a flag's text; "map" adds one FIELD=HEADER to those there.
func (s *setting) fromText(f *File, text string) error {
	t := strings.TrimSpace(text)
	switch p := s.field(f).(type) {
	case *int:
		n, err := strconv.Atoi(t)
		if err != nil {
			return fmt.Errorf("%s is not a whole number", quote(text))
		}
		*p = n
	case *int64:
		n, err := strconv.ParseInt(t, 10, 64)
		if err != nil {
			return fmt.Errorf("%s is not a whole number", quote(text))
		}
		*p = n
	case *float64:
		x, err := strconv.ParseFloat(t, 64)
		if err != nil {
			return fmt.Errorf("%s is not a number", quote(text))
		}
		*p = x
	case *bool:
		b, err := strconv.ParseBool(t)
		if err != nil {
			return fmt.Errorf("%s is not true or false", quote(text))
		}
		*p = b
	case *string:
		*p = text
		if s.choices != nil {
			*p = strings.ToLower(t)
		}
	case *scoring.Basis:
		*p = scoring.Basis(strings.ToLower(t))
	case *time.Time:
		d, err := parseDate(t, s.endDay)
		if err != nil {
			return err
		}
		*p = d
	case *map[string]string:
		field, header, ok := strings.Cut(text, "=")
		if !ok {
			return fmt.Errorf("%s is not FIELD=HEADER", quote(text))
		}
		*p = maps.Clone(*p)
		if *p == nil {
			*p = map[string]string{}
		}
		(*p)[strings.TrimSpace(field)] = header
	default:
		return fmt.Errorf("cannot be given as a flag")
	}
	return nil
}

// fromNode sets the value from vet.yaml. A key left empty keeps its default, but for text,
// which it empties.
func (s *setting) fromNode(f *File, n *yaml.Node, lines map[string]int) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		if p, ok := s.field(f).(*string); ok {
			*p = ""
		}
		return nil
	}
	switch p := s.field(f).(type) {
	case *time.Time:
		if n.Kind != yaml.ScalarNode {
			return fmt.Errorf("%s is not a date (YYYY-MM-DD)", nodeWords(n))
		}
		d, err := parseDate(n.Value, s.endDay)
		if err != nil {
			return err
		}
		*p = d
		return nil
	case *scoring.Basis:
		if n.Kind != yaml.ScalarNode {
			return fmt.Errorf("%s is not %s", nodeWords(n), strings.Join(s.choices, " or "))
		}
		*p = scoring.Basis(n.Value)
		return nil
	case *[]scoring.Tier:
		tiers, err := decodeTiers(n, s.key, lines)
		if err != nil {
			return err
		}
		*p = tiers
		return nil
	}
	if err := n.Decode(s.field(f)); err != nil {
		return fmt.Errorf("%s is not %s", nodeWords(n), kindWords(s.field(f)))
	}
	return nil
}

// decodeTiers reads benchmarks.tiers: a list of {name, min, benchmark}.
func decodeTiers(n *yaml.Node, key string, lines map[string]int) ([]scoring.Tier, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s is not a list", nodeWords(n))
	}
	tiers := make([]scoring.Tier, len(n.Content))
	for i, item := range n.Content {
		at := fmt.Sprintf("%s[%d]", key, i)
		lines[at] = item.Line
		if item.Kind != yaml.MappingNode {
			return nil, &Error{Line: item.Line, Key: at, Msg: nodeWords(item) + " is not a tier {name, min, benchmark}"}
		}
		for j := 0; j+1 < len(item.Content); j += 2 {
			k, v := item.Content[j], item.Content[j+1]
			sub := at + "." + k.Value
			lines[sub] = k.Line
			var target any
			switch k.Value {
			case tierKeys[0]:
				target = &tiers[i].Name
			case tierKeys[1]:
				target = &tiers[i].Min
			case tierKeys[2]:
				target = &tiers[i].Benchmark
			default:
				return nil, unknownKey(k, at, tierKeys)
			}
			if err := v.Decode(target); err != nil {
				return nil, &Error{Line: k.Line, Key: sub, Msg: fmt.Sprintf("%s is not %s", nodeWords(v), kindWords(target))}
			}
		}
	}
	return tiers, nil
}

// yamlText is the value as vet init writes it.
func (s *setting) yamlText(f *File) string {
	switch p := s.field(f).(type) {
	case *int:
		return strconv.Itoa(*p)
	case *int64:
		return strconv.FormatInt(*p, 10)
	case *float64:
		return num(*p)
	case *bool:
		return strconv.FormatBool(*p)
	case *string:
		return strconv.Quote(*p)
	case *scoring.Basis:
		return string(*p)
	case *time.Time:
		return strconv.Quote(dateText(*p))
	case *map[string]string:
		return flowMap(*p)
	case *map[string][]string, *map[string]map[string][]string:
		return "{}" // written out by hand; the example above the key shows how
	case *[]scoring.Tier:
		var b strings.Builder
		for _, t := range *p {
			fmt.Fprintf(&b, "\n    - {name: %s, min: %d, benchmark: %s}", strconv.Quote(t.Name), t.Min, num(t.Benchmark))
		}
		return b.String()
	}
	panic("config: no yaml text for " + s.key) // the table is ours: a test writes every setting
}

func flowMap(m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+": "+strconv.Quote(m[k]))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// number is the setting's value as a number, for its range; ok is false for other kinds.
func (s *setting) number(f *File) (float64, bool) {
	switch p := s.field(f).(type) {
	case *int:
		return float64(*p), true
	case *int64:
		return float64(*p), true
	case *float64:
		return *p, true
	}
	return 0, false
}

// checkValue holds the value to its range or its choices.
func (s *setting) checkValue(f *File) *Error {
	if p, ok := s.field(f).(*string); ok && s.required && *p == "" {
		return bad(s.key, "cannot be empty")
	}
	if s.choices != nil {
		var v string
		switch p := s.field(f).(type) {
		case *string:
			v = *p
		case *scoring.Basis:
			v = string(*p)
		}
		if !slices.Contains(s.choices, v) {
			var named []string
			for _, c := range s.choices {
				if c != "" {
					named = append(named, c)
				}
			}
			return bad(s.key, "%q is not %s", v, strings.Join(named, " or "))
		}
	}
	v, ok := s.number(f)
	if !ok || s.bounds == nil {
		return nil
	}
	b := *s.bounds
	if b.above != "" {
		b.lo, _ = byKey(b.above).number(f)
	}
	if v < b.lo || (b.loOpen || b.above != "") && v == b.lo || v > b.hi || math.IsNaN(v) {
		return bad(s.key, "%s is out of range (%s)", num(v), rangeWords(b.lo, b.hi, b.loOpen || b.above != "", b.explain))
	}
	return nil
}

// nodeWords is how a bad value is shown: a scalar quoted, a list or a mapping by its kind.
func nodeWords(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	return quote(n.Value)
}

// kindWords says what a field holds, for "… is not a whole number".
func kindWords(field any) string {
	switch field.(type) {
	case *int, *int64:
		return "a whole number"
	case *float64:
		return "a number"
	case *bool:
		return "true or false"
	case *string:
		return "text"
	case *map[string]string:
		return "a mapping of field: header"
	case *map[string][]string:
		return "a mapping of field: [headers]"
	case *map[string]map[string][]string:
		return "a mapping of preset: {field: [headers]}"
	}
	return "what this key takes"
}

// maxQuoted is the longest value a message quotes whole (SPEC §1).
const maxQuoted = 200

// quote quotes a value for a message, cut at maxQuoted characters.
func quote(v string) string {
	if r := []rune(v); len(r) > maxQuoted {
		v = string(r[:maxQuoted]) + "…"
	}
	return strconv.Quote(v)
}
