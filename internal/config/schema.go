package config

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/vet-tool/vet/internal/ingest"
)

// decode lays vet.yaml's keys over f, recording the line of each key in lines for the messages.
// Every key is looked up in the settings table: a key that is not there is an error naming its
// line and the nearest key that is.
func decode(f *File, root *yaml.Node, lines map[string]int) error {
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil // an empty file: the defaults
	}
	top := root.Content[0]
	if isNull(top) {
		return nil
	}
	if top.Kind != yaml.MappingNode {
		return &Error{Line: top.Line, Msg: fmt.Sprintf("%s is not a mapping of settings (key: value lines)", nodeWords(top))}
	}
	if err := noKeyTwice(top, "", map[string]int{}); err != nil {
		return err
	}
	return decodeMapping(f, top, "", lines)
}

func decodeMapping(f *File, n *yaml.Node, prefix string, lines map[string]int) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := join(prefix, k.Value)
		lines[key] = k.Line
		switch s := byKey(key); {
		case s != nil:
			recordLines(v, key, lines)
			if err := s.fromNode(f, v, lines); err != nil {
				var e *Error
				if errors.As(err, &e) {
					return e
				}
				return &Error{Line: k.Line, Key: key, Msg: err.Error()}
			}
		case isSection(key) && isNull(v):
		case isSection(key) && v.Kind == yaml.MappingNode:
			if err := decodeMapping(f, v, key, lines); err != nil {
				return err
			}
		case isSection(key):
			return &Error{Line: k.Line, Key: key, Msg: fmt.Sprintf("%s is not a mapping of settings", nodeWords(v))}
		default:
			return unknownKey(k, prefix, childKeys(prefix))
		}
	}
	return nil
}

// noKeyTwice refuses a key given twice, naming both lines: YAML leaves which one wins to the
// reader, and a setting changed on one line and left on the other would be lost in silence. A
// section may be opened twice (vet init's own file does: report: then report: again), its keys
// laid together; a setting may not, nor a key inside one (aliases.views, a tier's min). seen
// holds the line of every key path met.
func noKeyTwice(n *yaml.Node, prefix string, seen map[string]int) error {
	switch n.Kind {
	case yaml.SequenceNode:
		for i, item := range n.Content {
			if err := noKeyTwice(item, fmt.Sprintf("%s[%d]", prefix, i), seen); err != nil {
				return err
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			key := join(prefix, k.Value)
			if isSection(key) && v.Kind == yaml.MappingNode {
				if err := noKeyTwice(v, key, seen); err != nil {
					return err
				}
				continue
			}
			if line, ok := seen[key]; ok {
				return &Error{Line: k.Line, Key: key, Msg: fmt.Sprintf("given twice, on lines %d and %d: keep one", line, k.Line)}
			}
			seen[key] = k.Line
			if err := noKeyTwice(v, key, seen); err != nil {
				return err
			}
		}
	}
	return nil
}

// recordLines notes the line of every key inside a map setting (aliases.views), for messages.
func recordLines(n *yaml.Node, key string, lines map[string]int) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		sub := join(key, n.Content[i].Value)
		lines[sub] = n.Content[i].Line
		recordLines(n.Content[i+1], sub, lines)
	}
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// childKeys are the keys directly under a section ("" for the top level), for "did you mean".
func childKeys(prefix string) []string {
	var keys []string
	for i := range settings {
		rest, ok := strings.CutPrefix(settings[i].key, prefix+".")
		if prefix == "" {
			rest, ok = settings[i].key, true
		}
		if !ok {
			continue
		}
		child, _, _ := strings.Cut(rest, ".")
		if !slices.Contains(keys, child) {
			keys = append(keys, child)
		}
	}
	return keys
}

// unknownKey is a key that is not a setting: `unknown key "postz" (did you mean "posts"?)`.
func unknownKey(k *yaml.Node, within string, known []string) *Error {
	e := &Error{Line: k.Line, Msg: fmt.Sprintf("unknown key %s", quote(k.Value))}
	if within != "" {
		e.Msg += " in " + within
	}
	if s := suggest(k.Value, known); s != "" {
		e.Msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return e
}

// knownKeys are the last parts of every key vet.yaml may hold, and a tier's keys.
var knownKeys = func() []string {
	keys := slices.Clone(tierKeys)
	for i := range settings {
		keys = append(keys, leaf(settings[i].key))
	}
	return keys
}()

// suggest finds the known key nearest a misspelt one, if any is near.
func suggest(key string, known []string) string {
	k := strings.ReplaceAll(strings.ToLower(key), "_", "-")
	best, dist := "", 3
	for _, c := range known {
		if d := distance(k, c); d < dist {
			best, dist = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// fieldKey checks a field name used as a key of map, aliases or presets.
func fieldKey(where, name string) *Error {
	if _, ok := ingest.ParseField(name); !ok {
		return bad(where+"."+name, "%s is not a field (account, followers, views, likes, comments, shares, saves, posted_at, video_id, url, caption)", quote(name))
	}
	return nil
}

const dateOnly = "2006-01-02"

func dateText(t time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0,
		t.Hour() == 23 && t.Minute() == 59 && t.Second() == 59 && t.Nanosecond() == 0:
		return t.Format(dateOnly)
	}
	return t.Format(time.RFC3339)
}
