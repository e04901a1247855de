package lang

import (
	"fmt"
	"strings"
)

// Lang is a language vet writes in, by its ISO 639-1 code.
type Lang string

// The languages vet speaks. English is the default.
const (
	English Lang = "en"
	Dutch   Lang = "nl"
)

// Langs are the languages vet speaks, the default first.
func Langs() []Lang { return []Lang{English, Dutch} }

// Codes are the languages' codes, for a setting's choices.
func Codes() []string {
	var out []string
	for _, l := range Langs() {
		out = append(out, string(l))
	}
	return out
}

// Parse reads a language code ("nl", "NL", "nl-NL"); "" is English.
func Parse(s string) (Lang, error) {
	code, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "-")
	if code == "" {
		return English, nil
	}
	for _, l := range Langs() {
		if string(l) == code {
			return l, nil
		}
	}
	return "", fmt.Errorf("%s is not a language vet speaks (%s)", Quote(s), strings.Join(Codes(), ", "))
}

// Printer writes words and numbers in one language, with one currency. It is safe for use by
// several goroutines at once.
type Printer struct {
	lang     Lang
	cat      *catalog
	dec      byte     // the decimal mark
	group    byte     // the thousands separator
	currency Currency // "" when the batch names none
}

// New is a Printer for l (English when l is not one vet speaks) and the currency code given
// ("" for none, else ISO 4217: EUR, USD, …; see ParseCurrency).
func New(l Lang, currency Currency) *Printer {
	cat, ok := catalogs[l]
	if !ok {
		l, cat = English, catalogs[English]
	}
	p := &Printer{lang: l, cat: cat, dec: '.', group: ',', currency: currency}
	if l == Dutch {
		p.dec, p.group = ',', '.'
	}
	return p
}

// locales are the languages' BCP 47 tags for a browser's date formats: day month year.
var locales = map[Lang]string{English: "en-GB", Dutch: "nl-NL"}

// Locale is the printer's BCP 47 language tag, as a browser takes it: en-GB, nl-NL.
func (p *Printer) Locale() string { return locales[p.lang] }

// Lang is the printer's language.
func (p *Printer) Lang() Lang { return p.lang }

// Currency is the printer's currency ("" for none).
func (p *Printer) Currency() Currency { return p.currency }

// T fills the template of key with args, given as name, value pairs: T("rows.read", "n", "12")
// fills "{n} rows read". A placeholder with no value stays as written, and a key the catalog
// lacks comes back as itself, so that a slip shows on the page instead of vanishing; the
// catalog tests and the output tests catch both.
func (p *Printer) T(key string, args ...string) string {
	t, ok := p.cat.templates[key]
	if !ok {
		return key
	}
	if len(t.parts) == 1 && t.parts[0].name == "" {
		return t.parts[0].text
	}
	var b strings.Builder
	for _, part := range t.parts {
		if part.name == "" {
			b.WriteString(part.text)
			continue
		}
		b.WriteString(lookup(part, args))
	}
	return b.String()
}

// Has reports whether the catalog holds key.
func (p *Printer) Has(key string) bool {
	_, ok := p.cat.templates[key]
	return ok
}

func lookup(part segment, args []string) string {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == part.name {
			return args[i+1]
		}
	}
	return part.text // "{name}", as written
}

// Templates are the catalog's templates under prefix, unfilled, by key without the prefix: the
// words the page's script fills itself.
func (p *Printer) Templates(prefix string) map[string]string {
	out := map[string]string{}
	for k, t := range p.cat.templates {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			out[rest] = t.source
		}
	}
	return out
}
