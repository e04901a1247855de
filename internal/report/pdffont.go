package report

import (
	"strings"
	"sync"
	"unicode"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"golang.org/x/image/font/sfnt"
)

// The PDF's font is DejaVu Sans and its bold, embedded (fpdf keeps only the glyphs used): they
// cover the Latin, Greek and Cyrillic scripts, so Vietnamese, Polish, Turkish and Dutch handles
// and titles print as written. A rune neither face has (an emoji) is written as pdfPlaceholder,
// so the text around it stays whole and extractable.

// pdfFont is the family name the PDF's text is set in.
const pdfFont = "dejavu"

// pdfPlaceholder stands for a character the font lacks: a white square, which DejaVu has.
const pdfPlaceholder = '□'

// glyphs says which runes both faces of the font draw.
type glyphs struct {
	faces []*sfnt.Font
	mu    sync.Mutex
	known map[rune]bool
	buf   sfnt.Buffer
}

var (
	pdfGlyphsOnce sync.Once
	pdfGlyphs     *glyphs
	pdfGlyphsErr  error
)

// fontGlyphs parses the two faces once per process.
func fontGlyphs() (*glyphs, error) {
	pdfGlyphsOnce.Do(func() {
		g := &glyphs{known: map[rune]bool{}}
		for _, ttf := range [][]byte{dejavusans.TTF, dejavusansbold.TTF} {
			f, err := sfnt.Parse(ttf)
			if err != nil {
				pdfGlyphsErr = err
				return
			}
			g.faces = append(g.faces, f)
		}
		pdfGlyphs = g
	})
	return pdfGlyphs, pdfGlyphsErr
}

// has reports whether both faces draw r. fpdf writes a font's text as UTF-16 through a
// CIDToGIDMap of the Basic Multilingual Plane, so a rune beyond it is never drawn.
func (g *glyphs) has(r rune) bool {
	if r > 0xFFFF {
		return false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if ok, seen := g.known[r]; seen {
		return ok
	}
	ok := true
	for _, f := range g.faces {
		if i, err := f.GlyphIndex(&g.buf, r); err != nil || i == 0 {
			ok = false
		}
	}
	g.known[r] = ok
	return ok
}

// clean is s as the PDF writes it: a character the font lacks becomes one placeholder (an emoji
// joined to others by zero-width joiners, or with its skin tone or variation selector, is one
// placeholder), and line breaks and other control characters become spaces. It reports
// whether it put a placeholder in.
func (g *glyphs) clean(s string) (string, bool) {
	ok := true
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == 0x200D || r == 0xFE0E || r == 0xFE0F || r > 0x7e && !g.has(r) {
			ok = false
			break
		}
	}
	if ok {
		return s, false
	}
	var b strings.Builder
	held := false
	joined := false // the rune before was a zero-width joiner: this one belongs to the same emoji
	flag := false   // the rune before was a flag's first regional indicator
	for _, r := range s {
		if flag && (r < 0x1F1E6 || r > 0x1F1FF) {
			flag = false
		}
		if joined && r != 0x200D && g.has(r) {
			joined = false // a letter after a joiner is a letter
		}
		switch {
		case r == 0x200D:
			joined = true
			continue
		case r == 0xFE0E || r == 0xFE0F || r >= 0x1F3FB && r <= 0x1F3FF || r >= 0xE0020 && r <= 0xE007F:
			continue // variation selectors, skin tones and tags modify the emoji before them
		case joined && !g.has(r): // an emoji joined to the one before: the same placeholder
			joined = false
			continue
		case r >= 0x1F1E6 && r <= 0x1F1FF: // a flag is two regional indicators: one placeholder
			if !flag {
				b.WriteRune(pdfPlaceholder)
				held = true
			}
			flag = !flag
			continue
		case unicode.IsControl(r):
			b.WriteByte(' ')
		case r < 0x80 || g.has(r):
			b.WriteRune(r)
		default:
			b.WriteRune(pdfPlaceholder)
			held = true
		}
	}
	return b.String(), held
}
