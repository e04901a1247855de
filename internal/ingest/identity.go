package ingest

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vet-tool/vet/internal/lang"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Identity (issue 23 item 6): a handle that renders like another must not make a second
// account unnoticed. A handle's key is NFC-normalised, case-folded and stripped of zero-width
// and bidi control characters, so josé composed and decomposed, or alice with a zero-width space
// in it, are one account; the handle shown keeps only its visible characters. Where one key was
// written in ways that differ beyond case, or two keys look alike (the same skeleton: Cyrillic
// а for Latin a, 0 for o), Read warns, naming each with where it was first read.

// invisible reports whether r draws nothing: zero-width characters, bidi controls, the soft
// hyphen, variation selectors and the fillers some scripts have.
func invisible(r rune) bool {
	switch {
	case r == 0x00AD, r == 0x034F, r == 0x061C, r == 0x115F, r == 0x1160, r == 0x17B4, r == 0x17B5, r == 0x180E,
		r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2060 && r <= 0x206F,
		r == 0x3164, r >= 0xFE00 && r <= 0xFE0F, r == 0xFEFF, r == 0xFFA0, r >= 0xE0000 && r <= 0xE007F:
		return true
	}
	return false
}

// isASCII reports whether s is plain ASCII: such a handle needs none of the work below.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// visibleHandle is a handle as shown: its visible characters only, NFC-normalised.
func visibleHandle(s string) string {
	if isASCII(s) {
		return s
	}
	s = strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(s)
}

// foldKey is the key of a handle already trimmed and without its @.
func foldKey(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	return norm.NFC.String(cases.Fold().String(visibleHandle(s)))
}

// confusable maps characters that render like a Latin letter or digit to it: a small hand
// table of the common ones of Unicode's confusables (TR39), which golang.org/x/text lacks.
var confusable = map[rune]rune{
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's',
	'ԁ': 'd', 'һ': 'h', 'ԛ': 'q', 'ԝ': 'w', 'ӏ': 'l', 'ѵ': 'v', 'ɑ': 'a', 'ɡ': 'g', 'ı': 'i',
	'α': 'a', 'ο': 'o', 'ρ': 'p', 'ν': 'v', 'υ': 'u', 'ι': 'i', 'κ': 'k', 'χ': 'x', 'ϲ': 'c',
	'0': 'o', '1': 'l', '|': 'l',
}

// skeleton is what a key looks like: compatibility forms folded (fullwidth letters), every
// confusable character replaced by the one it looks like.
func skeleton(key string) string {
	if isASCII(key) && !strings.ContainsAny(key, "01|") {
		return key
	}
	return strings.Map(func(r rune) rune {
		if c, ok := confusable[r]; ok {
			return c
		}
		return r
	}, norm.NFKC.String(key))
}

// handleForm is one way an account's handle was written, and where it was first read so.
type handleForm struct {
	written, file string
	line          int
}

func (f handleForm) at() string { return f.file + ":" + strconv.Itoa(f.line) }

// handleForms are the ways one key was written: the first, and up to maxFormsKept-1 others
// (most keys have one, which costs no allocation of its own).
type handleForms struct {
	first handleForm
	more  []handleForm
}

func (h handleForms) all() []handleForm { return append([]handleForm{h.first}, h.more...) }

// maxFormsKept is how many ways of writing one key are kept to be named.
const maxFormsKept = 3

// noteHandle records how a handle was written (before its invisible characters went), at a
// file and line, once per way it is written beyond case.
func (b *Batch) noteHandle(key string, f handleForm) {
	h, ok := b.forms[key]
	if !ok {
		if b.forms == nil {
			b.forms = map[string]handleForms{}
		}
		b.forms[key] = handleForms{first: f}
		return
	}
	if strings.EqualFold(h.first.written, f.written) || len(h.more)+1 >= maxFormsKept {
		return
	}
	for _, x := range h.more {
		if strings.EqualFold(x.written, f.written) {
			return
		}
	}
	h.more = append(h.more, f)
	b.forms[key] = h
}

// maxLookalikes is how many lookalike warnings are listed one by one.
const maxLookalikes = 10

// sayLookalikes warns of handles read as one account though written differently beyond case
// (invisible characters, composed and decomposed accents), and of accounts whose handles look
// alike. Read calls it once everything is read.
func (b *Batch) sayLookalikes() {
	// One pass over the keys, unsorted: their skeletons counted, the keys written several ways
	// kept. Only when two keys share a skeleton (a handful in a batch, if any) are they looked
	// at again; a batch of 20,000 accounts is not sorted for nothing.
	var written, shared []string
	count := make(map[string]int, len(b.forms))
	for k, h := range b.forms {
		if len(h.more) > 0 {
			written = append(written, k)
		}
		count[skeleton(k)]++
	}
	if len(count) < len(b.forms) {
		for k := range b.forms {
			if count[skeleton(k)] > 1 {
				shared = append(shared, k)
			}
		}
	}
	slices.Sort(written)
	slices.Sort(shared)
	var ws []lang.Msg
	for _, k := range written {
		fs := b.forms[k].all()
		ws = append(ws, say("written_ways", lang.Text("handle", shownKey(k)), lang.Count("n", int64(len(fs))), lang.Text("forms", formsText(fs))))
	}
	groups := map[string][]string{}
	var order []string // each skeleton, at its first key
	for _, k := range shared {
		sk := skeleton(k)
		if len(groups[sk]) == 0 {
			order = append(order, sk)
		}
		groups[sk] = append(groups[sk], k)
	}
	for _, sk := range order {
		var parts []string
		for _, x := range groups[sk] {
			parts = append(parts, shownKey(x)+" ("+b.forms[x].first.at()+")")
		}
		ws = append(ws, say("look_alike", lang.Count("n", int64(len(groups[sk]))), lang.Text("handles", strings.Join(parts, ", "))))
	}
	for i, w := range ws {
		if i == maxLookalikes {
			b.notice(lang.MN("ingest.notice.look_alike_more", int64(len(ws)-maxLookalikes)))
			break
		}
		b.notice(w)
	}
}

// shownKey quotes a key so that what does not show is seen: "аlice" with its Cyrillic а
// written \u0430.
func shownKey(k string) string {
	if isASCII(k) {
		return k
	}
	return strconv.QuoteToASCII(k)
}

func formsText(fs []handleForm) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = strconv.QuoteToASCII(f.written) + " (" + f.at() + ")"
	}
	return strings.Join(parts, ", ")
}
