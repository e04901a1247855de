package lang

import (
	"embed"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The catalogs: one YAML file per language, nested maps of templates whose keys join with dots
// ("figure: {follower_er: {label: …}}" is figure.follower_er.label). A template's {name} is a
// placeholder T fills; a plural is "one|other" ("{n} post|{n} posts"), chosen by Plural.
//
//go:embed en.yaml nl.yaml
var files embed.FS

// catalog is one language's templates by key.
type catalog struct {
	templates map[string]template
}

// template is a catalog entry split into text and placeholders, once, at start-up.
type template struct {
	source string
	parts  []segment
}

// segment is text, or a placeholder (name set; text is "{name}" as written).
type segment struct {
	text, name string
}

var catalogs = mustLoad()

func mustLoad() map[Lang]*catalog {
	out := map[Lang]*catalog{}
	for _, l := range Langs() {
		c, err := load(string(l) + ".yaml")
		if err != nil {
			panic(fmt.Sprintf("lang: %v", err)) // the catalogs are embedded: a test would have failed
		}
		out[l] = c
	}
	return out
}

func load(name string) (*catalog, error) {
	data, err := files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c := &catalog{templates: map[string]template{}}
	if len(root.Content) == 0 {
		return c, nil
	}
	if err := c.walk(name, "", root.Content[0]); err != nil {
		return nil, err
	}
	return c, nil
}

// walk flattens a mapping node into dotted keys, refusing duplicate keys and values that are
// not text.
func (c *catalog) walk(file, prefix string, n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: %s: want a map of templates", file, n.Line, prefix)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if prefix != "" {
			key = prefix + "." + k.Value
		}
		switch v.Kind {
		case yaml.MappingNode:
			if err := c.walk(file, key, v); err != nil {
				return err
			}
		case yaml.ScalarNode:
			if _, dup := c.templates[key]; dup {
				return fmt.Errorf("%s:%d: %s is given twice", file, k.Line, key)
			}
			c.templates[key] = parse(v.Value)
		default:
			return fmt.Errorf("%s:%d: %s: want text", file, v.Line, key)
		}
	}
	return nil
}

// parse splits a template into text and {placeholders}.
func parse(s string) template {
	t := template{source: s}
	for s != "" {
		open := strings.IndexByte(s, '{')
		end := -1
		if open >= 0 {
			end = strings.IndexByte(s[open:], '}')
		}
		if open < 0 || end < 0 {
			t.parts = append(t.parts, segment{text: s})
			break
		}
		end += open
		if open > 0 {
			t.parts = append(t.parts, segment{text: s[:open]})
		}
		t.parts = append(t.parts, segment{text: s[open : end+1], name: s[open+1 : end]})
		s = s[end+1:]
	}
	if len(t.parts) == 0 {
		t.parts = []segment{{}}
	}
	return t
}

// placeholders are the names a template fills, sorted, each once.
func (t template) placeholders() []string {
	var out []string
	for _, p := range t.parts {
		if p.name != "" && !slices.Contains(out, p.name) {
			out = append(out, p.name)
		}
	}
	slices.Sort(out)
	return out
}

// Keys are every key of the English catalog, sorted: what every language must translate.
func Keys() []string {
	var out []string
	for k := range catalogs[English].templates {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
