package bench

import (
	"slices"
	"time"
)

// Spread is a figure over several runs: the median is what the tables report; min and max say
// how noisy the machine was.
type Spread struct {
	Median, Min, Max float64
	N                int
}

// SpreadOf summarises xs; the zero Spread when there are none.
func SpreadOf(xs []float64) Spread {
	if len(xs) == 0 {
		return Spread{}
	}
	s := slices.Sorted(slices.Values(xs))
	m := len(s) / 2
	med := s[m]
	if len(s)%2 == 0 {
		med = (s[m-1] + s[m]) / 2
	}
	return Spread{Median: med, Min: s[0], Max: s[len(s)-1], N: len(s)}
}

// Durations summarises the durations f picks from each sample, in seconds; samples where ok is
// false are left out.
func Durations(ss []Sample, f func(Sample) (time.Duration, bool)) Spread {
	var xs []float64
	for _, s := range ss {
		if d, ok := f(s); ok {
			xs = append(xs, d.Seconds())
		}
	}
	return SpreadOf(xs)
}

// Wall is the wall time of a sample.
func Wall(s Sample) (time.Duration, bool) { return s.Wall, true }

// CPU is the user + system time of a sample.
func CPU(s Sample) (time.Duration, bool) { return s.CPU, s.CPU > 0 }

// Step picks one printed step of a sample.
func Step(name string) func(Sample) (time.Duration, bool) {
	return func(s Sample) (time.Duration, bool) { return s.Steps.Get(name) }
}

// PeakRSS summarises the samples' peak RSS in bytes.
func PeakRSS(ss []Sample) Spread {
	var xs []float64
	for _, s := range ss {
		xs = append(xs, float64(s.PeakRSS))
	}
	return SpreadOf(xs)
}

// Noise is how far apart the runs were: (max − min) / median.
func (s Spread) Noise() float64 {
	if s.Median == 0 {
		return 0
	}
	return (s.Max - s.Min) / s.Median
}
