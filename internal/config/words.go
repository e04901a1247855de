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
