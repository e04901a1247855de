package lang

import (
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Every language translates every key of the English catalog, no more, with the same
// placeholders, and a plural has its two forms.
func TestEveryLanguageHasEveryKey(t *testing.T) {
	en := catalogs[English]
	for _, l := range Langs() {
		c := catalogs[l]
		for key, tmpl := range en.templates {
			got, ok := c.templates[key]
			if !ok {
				t.Errorf("%s.yaml lacks %s (English: %q)", l, key, tmpl.source)
				continue
			}
			if want, have := tmpl.placeholders(), got.placeholders(); !slices.Equal(want, have) {
				t.Errorf("%s.yaml: %s fills %v, English fills %v", l, key, have, want)
			}
			if strings.HasPrefix(key, "plural.") && strings.Count(got.source, "|") != 1 {
				t.Errorf("%s.yaml: %s is not \"one|other\": %q", l, key, got.source)
			}
			if strings.TrimSpace(got.source) == "" {
				t.Errorf("%s.yaml: %s is empty", l, key)
			}
		}
		for key := range c.templates {
			if _, ok := en.templates[key]; !ok {
				t.Errorf("%s.yaml has %s, which English lacks", l, key)
			}
		}
	}
}

func TestTemplates(t *testing.T) {
	c := &catalog{templates: map[string]template{
		"a": parse("{n} of {total} rows"), "plain": parse("no placeholders"), "open": parse("a { without end"),
	}}
	p := &Printer{lang: English, cat: c, dec: '.', group: ','}
	for _, tc := range []struct{ got, want string }{
		{p.T("a", "n", "3", "total", "10"), "3 of 10 rows"},
		{p.T("a", "n", "3"), "3 of {total} rows"},
		{p.T("plain"), "no placeholders"},
		{p.T("open"), "a { without end"},
		{p.T("missing.key"), "missing.key"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestACatalogRefusesADuplicateKey(t *testing.T) {
	var root = "a:\n  b: one\na.b: two\n"
	c := &catalog{templates: map[string]template{}}
	n := mustNode(t, root)
	if err := c.walk("x.yaml", "", n); err == nil || !strings.Contains(err.Error(), "a.b is given twice") {
		t.Errorf("walk = %v, want a.b given twice", err)
	}
}

func mustNode(t *testing.T, s string) *yaml.Node {
	t.Helper()
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(s), &root); err != nil {
		t.Fatal(err)
	}
	return root.Content[0]
}
