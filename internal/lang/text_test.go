package lang

import (
	"strings"
	"testing"
)

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    string
		n    int
		want string
	}{
		{"short text stays", "abc", 5, "abc"},
		{"text of exactly n stays", "abcde", 5, "abcde"},
		{"one over is cut, the cut marked", "abcdef", 5, "abcd…"},
		{"characters, not bytes", "ééééééé", 5, "éééé…"},
		{"nothing left", "abc", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Cut(tc.s, tc.n)
			if got != tc.want {
				t.Errorf("Cut(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
			}
			if again := Cut(got, tc.n); again != got {
				t.Errorf("Cut twice gives %q, once %q", again, got)
			}
		})
	}
	long := strings.Repeat("x", 1_000_000)
	if q := Quote(long); len([]rune(q)) != MaxQuoted+2 {
		t.Errorf("Quote of a million characters is %d characters, want %d", len([]rune(q)), MaxQuoted+2)
	}
}

func TestPlural(t *testing.T) {
	en, nl := New(English, ""), New(Dutch, "")
	for _, tc := range []struct{ got, want string }{
		{en.Plural(1, "post"), "1 post"}, {en.Plural(0, "post"), "0 posts"}, {en.Plural(1200, "post"), "1,200 posts"},
		{en.Days(1), "1 day"}, {nl.Days(1), "1 dag"}, {nl.Days(12), "12 dagen"}, {nl.Plural(1200, "row"), "1.200 rijen"},
		{en.List([]string{"a", "b", "c"}), "a, b and c"}, {nl.List([]string{"a", "b"}), "a en b"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
