package scoring

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
)

// sponsoredTags and sponsoredPhrases mark a caption as a paid post (SPEC §3), in English and
// Dutch; a tag matches as a whole tag (#adventure is not #ad), both match in any case.
var (
	sponsoredTags    = []string{"#ad", "#sponsored", "#partner", "#advertentie", "#gesponsord", "#samenwerking"}
	sponsoredPhrases = []string{"paid partnership", "betaalde samenwerking"}
)

// Sponsored says whether a post is paid: the export marks it so, or its caption carries a
// sponsorship tag or phrase.
func Sponsored(p *ingest.Post, ts *ingest.Texts) bool {
	caption := ts.Of(p.Caption)
	if p.Sponsored || caption == "" {
		return p.Sponsored
	}
	found := false
	eachHashtag(caption, func(tag string) {
		for _, s := range sponsoredTags {
			found = found || strings.EqualFold(tag, s)
		}
	})
	for _, s := range sponsoredPhrases {
		found = found || containsFold(caption, s)
	}
	return found
}

// eachHashtag calls f with every hashtag of s, '#' included: a '#' and the letters, digits and
// underscores after it.
func eachHashtag(s string, f func(tag string)) {
	for {
		i := strings.IndexByte(s, '#')
		if i < 0 {
			return
		}
		s = s[i:]
		end := 1
		for end < len(s) {
			if c := s[end]; c < utf8.RuneSelf { // most tags are ASCII
				if c != '_' && (c < '0' || c > '9') && (c|0x20 < 'a' || c|0x20 > 'z') {
					break
				}
				end++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[end:])
			if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			end += size
		}
		if end > 1 {
			f(s[:end])
		}
		s = s[end:]
	}
}

// containsFold says whether s holds sub in any case (sub is lower-case ASCII).
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if c := s[i] | 0x20; c == sub[0] && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// paidSplit is the window's view ERs split into sponsored posts and the others.
type paidSplit struct {
	sponsored, others   Rate // their medians
	nSponsored, nOthers int
}

// sponsoredPosts counts the window's sponsored posts and compares their median view ER with
// that of the others: paid_er_ratio, given SponsoredMinPosts of each.
func (c *check) sponsoredPosts() {
	a, w, cfg := c.a, c.w, c.cfg
	c.buf, c.buf2 = c.buf[:0], c.buf2[:0]
	for i := range w {
		paid := Sponsored(&w[i], c.ts)
		if paid {
			a.SponsoredPosts++
		}
		if r := viewER(&w[i], cfg.IncludeSaves); r.OK && paid {
			c.buf = append(c.buf, r.Value)
		} else if r.OK {
			c.buf2 = append(c.buf2, r.Value)
		}
	}
	a.SponsoredShare = na("no_posts")
	if len(w) > 0 {
		a.SponsoredShare = metric(float64(a.SponsoredPosts) * 100 / float64(len(w)))
	}
	c.paid = paidSplit{median(c.buf), median(c.buf2), len(c.buf), len(c.buf2)}
	a.PaidERRatio = c.paid.ratio(cfg.SponsoredMinPosts)
}

// ratio is the sponsored posts' median view ER ÷ the others', or why there is none.
func (s paidSplit) ratio(least int) Metric {
	switch {
	case s.nSponsored < least && s.nSponsored == 0:
		return na("no_sponsored")
	case s.nSponsored < least:
		return na("few_sponsored", lang.Plural("n", "sponsored_post", int64(least)))
	case s.nOthers < least:
		return na("few_others", lang.Plural("n", "other_post", int64(least)))
	case s.others.Value == 0:
		return na("others_no_engagement")
	}
	return metric(s.sponsored.Value / s.others.Value)
}

// tagCount is a hashtag, how many of the window's posts use it, and the last post counted.
type tagCount struct {
	tag  string // lower case, '#' included
	n    int
	last int
}

// topHashtags are the window's TopHashtags most used hashtags (each post counts a tag once),
// most used first, ties by name.
func (c *check) topHashtags() []string {
	c.tags = c.tags[:0]
	for i := range c.w {
		eachHashtag(c.ts.Of(c.w[i].Caption), func(tag string) { c.countTag(tag, i) })
	}
	if len(c.tags) == 0 {
		return nil
	}
	slices.SortFunc(c.tags, func(a, b tagCount) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return cmp.Compare(a.tag, b.tag)
	})
	out := make([]string, min(len(c.tags), c.cfg.TopHashtags))
	for i := range out {
		out[i] = c.tags[i].tag
	}
	return out
}

func (c *check) countTag(tag string, post int) {
	for j := range c.tags {
		if t := &c.tags[j]; strings.EqualFold(t.tag, tag) {
			if t.last != post {
				t.n, t.last = t.n+1, post
			}
			return
		}
	}
	c.tags = append(c.tags, tagCount{tag: strings.ToLower(tag), n: 1, last: post})
}
