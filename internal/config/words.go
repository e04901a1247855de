package config

import (
	"math"
	"strconv"
)

var inf = math.Inf(1)

// num writes a number as briefly as it round-trips: 0.5, 200, 3.3.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func rangeWords(lo, hi float64, loOpen bool, explain string) string {
	s := "at least " + num(lo)
	if loOpen {
		s = "above " + num(lo)
	}
	if !math.IsInf(hi, 1) {
		s += " and at most " + num(hi)
	}
	if explain != "" {
		s += ": " + explain
	}
	return s
}

// commas writes a count the way a client reads it: 1234567 → "1,234,567".
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
