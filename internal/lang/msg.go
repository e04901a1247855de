package lang

import (
	"strings"
	"time"
)

// Msg is words not yet written: a catalog key and the values that fill its placeholders, each
// kept as the kind of value it is (a count, a decimal, a date, another message) so that a
// Printer writes it in its language and number format. Scoring, which knows no language, says
// what it found in Msgs; the report writes them with the run's Printer.
type Msg struct {
	Key  string
	Args []Arg
	// N, when Plural, picks the form of a "one|other" template, as Printer.PluralT does; {n}
	// is N with separators unless Args fill it otherwise (Approx: "~18.3K followers").
	N      int64
	Plural bool
}

// M is the message of key, filled with args.
func M(key string, args ...Arg) Msg { return Msg{Key: key, Args: args} }

// MN is the message of a "one|other" template of key, in the form n takes, filled with n as
// {n} and with args.
func MN(key string, n int64, args ...Arg) Msg { return Msg{Key: key, Args: args, N: n, Plural: true} }

// IsZero reports whether m says nothing.
func (m Msg) IsZero() bool { return m.Key == "" }

// Arg is one placeholder's value in a Msg: made by Text, Count, Approx, Decimal, Num, Exact,
// Signed, Date, Plural or Sub.
type Arg struct {
	name string
	kind argKind
	n    int64
	f    float64
	dec  int
	s    string // Text's words; Plural's key
	t    time.Time
	m    []Msg // Sub's message
}

type argKind uint8

const (
	argText argKind = iota
	argCount
	argApprox
	argDecimal
	argNum
	argExact
	argSigned
	argSignedPercent
	argDate
	argPlural
	argSub
)

// Text fills name with s as it is: a handle, a tier's name, a video id.
func Text(name, s string) Arg { return Arg{name: name, kind: argText, s: s} }

// Count fills name with a whole number: 1,234 (1.234).
func Count(name string, n int64) Arg { return Arg{name: name, kind: argCount, n: n} }

// Approx fills name with a count, written approximate (~18.3K) when rounded says the export
// wrote it rounded.
func Approx(name string, n int64, rounded bool) Arg {
	k := argCount
	if rounded {
		k = argApprox
	}
	return Arg{name: name, kind: k, n: n}
}

// Decimal fills name with v to dec decimals: 6.40 (6,40).
func Decimal(name string, v float64, dec int) Arg {
	return Arg{name: name, kind: argDecimal, f: v, dec: dec}
}

// Num fills name with a measured number, short: 240, 62.4, 4.96 (Printer.Num).
func Num(name string, v float64) Arg { return Arg{name: name, kind: argNum, f: v} }

// Exact fills name with a threshold as it was set: 12.5, 200 (Printer.Exact).
func Exact(name string, v float64) Arg { return Arg{name: name, kind: argExact, f: v} }

// Signed fills name with a change of a count and its sign: +1,200.
func Signed(name string, n int64) Arg { return Arg{name: name, kind: argSigned, n: n} }

// SignedPercent fills name with a change in percent, its sign and dec decimals: +12.5%.
func SignedPercent(name string, v float64, dec int) Arg {
	return Arg{name: name, kind: argSignedPercent, f: v, dec: dec}
}

// Date fills name with a day: 4 December 2026 (4 december 2026).
func Date(name string, t time.Time) Arg { return Arg{name: name, kind: argDate, t: t} }

// Plural fills name with n things of the catalog's plural.<key>: "1 post", "3 posts".
func Plural(name, key string, n int64) Arg { return Arg{name: name, kind: argPlural, s: key, n: n} }

// Sub fills name with another message.
func Sub(name string, m Msg) Arg { return Arg{name: name, kind: argSub, m: []Msg{m}} }

// Say writes m in the printer's language; a zero Msg is "".
func (p *Printer) Say(m Msg) string {
	if m.IsZero() {
		return ""
	}
	if len(m.Args) == 0 && !m.Plural {
		return p.T(m.Key)
	}
	args := make([]string, 0, 2*len(m.Args)+2)
	for _, a := range m.Args {
		args = append(args, a.name, p.arg(a))
	}
	if !m.Plural {
		return p.T(m.Key, args...)
	}
	one, other, _ := strings.Cut(p.T(m.Key, append(args, "n", p.Count(m.N))...), "|")
	if m.N == 1 || other == "" {
		return one
	}
	return other
}

// SayAll writes the messages that say something, joined with "; ".
func (p *Printer) SayAll(ms []Msg) string {
	var b strings.Builder
	for _, m := range ms {
		if m.IsZero() {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.Say(m))
	}
	return b.String()
}

func (p *Printer) arg(a Arg) string {
	switch a.kind {
	case argCount:
		return p.Count(a.n)
	case argApprox:
		return p.Approx(a.n)
	case argDecimal:
		return p.Decimal(a.f, a.dec)
	case argNum:
		return p.Num(a.f)
	case argExact:
		return p.Exact(a.f)
	case argSigned:
		return p.Signed(a.n)
	case argSignedPercent:
		return p.SignedPercent(a.f, a.dec)
	case argDate:
		return p.Date(a.t)
	case argPlural:
		return p.Plural(a.n, a.s)
	case argSub:
		return p.Say(a.m[0])
	}
	return a.s
}

// InEnglish writes m in English with no currency: for tests and logs.
func InEnglish(m Msg) string { return english.Say(m) }

var english = New(English, "")
