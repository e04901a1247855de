package ingest

// Temporary, minimal parsers for the skeleton; replaced by count.go and date.go.

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

type Count int64

const Missing Count = -1

func (c Count) Known() bool { return c >= 0 }

type ValueError struct{ Value, Reason string }

func (e *ValueError) Error() string { return fmt.Sprintf("%q %s", e.Value, e.Reason) }

func ParseCount(s string) (Count, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "-1" {
		return Missing, false, nil
	}
	mult, rounded := 1.0, false
	switch s[len(s)-1] {
	case 'K', 'k':
		mult, rounded = 1e3, true
	case 'M', 'm':
		mult, rounded = 1e6, true
	}
	if rounded {
		f, err := strconv.ParseFloat(strings.ReplaceAll(s[:len(s)-1], ",", "."), 64)
		if err != nil || f < 0 {
			return 0, false, &ValueError{s, "is not a count"}
		}
		return Count(f*mult + 0.5), true, nil
	}
	n, err := strconv.ParseInt(strings.TrimSuffix(strings.ReplaceAll(s, ",", ""), ".0"), 10, 64)
	if err != nil || n < 0 {
		return 0, false, &ValueError{s, "is not a count"}
	}
	return Count(n), false, nil
}

type DateColumn struct{}

func (d *DateColumn) Parse(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, l := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, &ValueError{s, "is not a date"}
}

func (d *DateColumn) MonthFirst() bool { return false }

func SwapDayMonth(t time.Time) time.Time { return t }
