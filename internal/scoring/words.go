package scoring

import (
	"strconv"
	"strings"
)

// Commas writes a count the way a client reads it: 1234567 → "1,234,567". The reasons, the
// page and `vet benchmarks` all write counts with it, so they read alike.
func Commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// num writes a measured number short but not misleadingly round: 240, 62.4, 4.96, 0.42; no
// trailing zeros.
func num(v float64) string {
	prec := 2
	switch a := max(v, -v); {
	case a >= 100:
		prec = 0
	case a >= 10:
		prec = 1
	}
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// signed writes a change with its sign: +10,000, -2,500.
func signed(n int64) string {
	if n > 0 {
		return "+" + Commas(n)
	}
	return Commas(n)
}

// plural writes a count of things: 1 post, 3 posts.
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

// exact writes a threshold as it was set: 12.5 stays 12.5, 200 stays 200.
func exact(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
