package lang

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxQuoted is the most characters of a value (a cell, a header, a flag's argument) a message
// quotes (SPEC §1): a 1,000,000-character header must not be echoed whole.
const MaxQuoted = 200

// Cut is s cut to at most n characters, the last of them "…" when it was cut. Cut(Cut(s, n),
// n) == Cut(s, n). The one way vet shortens text: captions on a sheet, values in messages.
func Cut(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	k := 0
	for i := range s {
		if k == n-1 {
			return s[:i] + "…"
		}
		k++
	}
	return s
}

// Clip is s cut to MaxQuoted characters.
func Clip(s string) string { return Cut(s, MaxQuoted) }

// Quote is s cut to MaxQuoted characters and quoted as Go quotes it: "a\tb".
func Quote(s string) string { return strconv.Quote(Clip(s)) }

// Plural writes n things with the catalog's plural of key ("plural.post": "{n} post|{n}
// posts"): 1 post, 3 posts, 1,200 posts.
func (p *Printer) Plural(n int64, key string) string {
	one, other, _ := strings.Cut(p.T("plural."+key, "n", p.Count(n)), "|")
	if n == 1 {
		return one
	}
	if other == "" {
		return one
	}
	return other
}

// Days writes a number of days: 1 day, 12 days (1 dag, 12 dagen).
func (p *Printer) Days(n int) string { return p.Plural(int64(n), "day") }

// List joins items the way the language does: "a, b and c" ("a, b en c").
func (p *Printer) List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + p.T("word.and") + " " + items[len(items)-1]
}
