package ingest

import (
	"fmt"
	"math"

	"github.com/vet-tool/vet/internal/lang"
)

// Count is a non-negative count read from an export (views, likes, followers...). Missing
// (-1) is a count the export did not give or hid: it is never read as zero, because a zero
// would change rates while a missing count only removes a term.
type Count int64

// Missing is the Count of an empty or hidden (-1) cell.
const Missing Count = -1

// Known reports whether the count was given.
func (c Count) Known() bool { return c >= 0 }

// ValueError is a cell that could not be read as what its column holds. Reason is a catalog
// message (ingest.reason.*), so that the report says it in its own language; Error says it
// in English.
type ValueError struct {
	Value  string
	Reason lang.Msg
}

func (e *ValueError) Error() string { return fmt.Sprintf("%q %s", e.Value, lang.InEnglish(e.Reason)) }

// why is the message of one of ingest's reasons: ingest.reason.<key>.
func why(key string, args ...lang.Arg) lang.Msg { return lang.M("ingest.reason."+key, args...) }

func badCount(s, key string) (Count, bool, error) {
	return 0, false, &ValueError{Value: s, Reason: why(key)}
}

// ParseCount reads a count the way exports write them (SPEC §2): 12345, 12,345, 12.345,
// 12 345, 12'345, 1.2K, 1,2K, 3.4M, 1B, 12345.0. A single '.' or ',' followed by exactly three
// digits is a thousands separator; a K/M/B value is rounded (reported true). Empty and -1 are
// Missing. Anything else is an error rather than a guess: 1.5 without a suffix, -3, NaN, 1e30,
// 0x10, 010 (octal to some readers, ten to others), values past int64.
//
// A count above MaxCount is refused as implausible, so that sums over a batch never wrap.
//
// It does not allocate unless it fails: a million-row file reads six counts per row.
func ParseCount(s string) (Count, bool, error) {
	n, rounded, err := parseCount(s)
	if err == nil && n > MaxCount {
		return badCount(s, "count_implausible")
	}
	return n, rounded, err
}

// MaxCount is the largest count read (10^12): a thousand times TikTok's largest view counts,
// and small enough that ten million of them sum without wrapping an int64.
const MaxCount Count = 1_000_000_000_000

func parseCount(s string) (Count, bool, error) {
	t := trimSpace(s)
	if t == "" || t == "-1" {
		return Missing, false, nil
	}
	// Plain digits: the common case, handled first and without allocation.
	if n, ok := plainDigits(t); ok {
		if len(t) > 1 && t[0] == '0' {
			return badCount(s, "leading_zero")
		}
		if n < 0 {
			return badCount(s, "count_too_large")
		}
		return Count(n), false, nil
	}
	if t[0] == '-' {
		return badCount(s, "negative")
	}
	switch last := t[len(t)-1]; last {
	case 'K', 'k', 'M', 'm', 'B', 'b':
		return parseSuffixed(s, t[:len(t)-1], last)
	}
	return parseGrouped(s, t)
}

// plainDigits parses an all-digit string; ok is false when s holds anything else, n is -1 on
// overflow.
func plainDigits(s string) (n int64, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		d := int64(c - '0')
		if n > (math.MaxInt64-d)/10 {
			n = -1
			for ; i < len(s); i++ {
				if s[i] < '0' || s[i] > '9' {
					return 0, false
				}
			}
			return -1, true
		}
		n = n*10 + d
	}
	return n, true
}

// parseSuffixed reads 1.2K, 1,2K, 3M, 1B: the mantissa's one separator is a decimal point.
func parseSuffixed(orig, m string, suffix byte) (Count, bool, error) {
	var mult int64
	switch suffix {
	case 'K', 'k':
		mult = 1_000
	case 'M', 'm':
		mult = 1_000_000
	default:
		mult = 1_000_000_000
	}
	m = trimSpace(m)
	intPart, frac := m, ""
	for i := 0; i < len(m); i++ {
		if m[i] == '.' || m[i] == ',' {
			intPart, frac = m[:i], m[i+1:]
			if frac == "" {
				return badCount(orig, "not_count")
			}
			break
		}
	}
	if intPart == "" || (len(intPart) > 1 && intPart[0] == '0') {
		return badCount(orig, "not_count")
	}
	ip, ok := plainDigits(intPart)
	if !ok {
		return badCount(orig, "not_count")
	}
	fp, ok := plainDigits(frac)
	if !ok || len(frac) > 9 {
		return badCount(orig, "not_count")
	}
	if ip < 0 || ip > math.MaxInt64/mult-1 {
		return badCount(orig, "count_too_large")
	}
	// frac/10^len(frac) × mult, rounded half up, in integers so 1.2K is exactly 1200.
	scale := int64(1)
	for range len(frac) {
		scale *= 10
	}
	fv := (fp*mult + scale/2) / scale
	return Count(ip*mult + fv), true, nil
}

// isGroupSep reports the thousands separators people type or Excel writes: ',', '.', space,
// apostrophe, no-break and thin spaces (the last two as their UTF-8 bytes' lead is handled
// by the caller replacing them).
func isGroupSep(c byte) bool { return c == ',' || c == '.' || c == ' ' || c == '\'' }

// parseGrouped reads 12,345 / 12.345.678 / 12 345 / 12'345 and 12345.0 (Excel's float) or
// 12,345.00: groups of three after one separator, optionally a decimal part of zeros.
func parseGrouped(orig, t string) (Count, bool, error) {
	t = normalizeSpaces(t)
	// Split off a decimal part: the last '.' or ',' not followed by exactly three digits.
	body, frac := t, ""
	for i := len(t) - 1; i >= 0; i-- {
		c := t[i]
		if c == '.' || c == ',' {
			if len(t)-i-1 != 3 || !allDigits(t[i+1:]) {
				body, frac = t[:i], t[i+1:]
			}
			break
		}
		if c < '0' || c > '9' {
			break
		}
	}
	if frac != "" || len(body) < len(t) {
		if frac == "" || !allZeros(frac) {
			return badCount(orig, "not_whole")
		}
	}
	if body == "" {
		return badCount(orig, "not_count")
	}
	var n int64
	var sep byte
	group := 0 // digits in the current group
	first := true
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c >= '0' && c <= '9' {
			d := int64(c - '0')
			if n > (math.MaxInt64-d)/10 {
				return badCount(orig, "count_too_large")
			}
			n = n*10 + d
			group++
			continue
		}
		if !isGroupSep(c) || (sep != 0 && c != sep) || group == 0 || (first && group > 3) || (!first && group != 3) {
			return badCount(orig, "not_count")
		}
		if len(frac) > 0 && c == t[len(body)] {
			return badCount(orig, "not_count")
		}
		sep, first, group = c, false, 0
	}
	if sep == 0 {
		// No grouping: only "12345.0" reaches here.
		if len(body) > 1 && body[0] == '0' {
			return badCount(orig, "leading_zero")
		}
	} else {
		if group != 3 {
			return badCount(orig, "not_count")
		}
		if body[0] == '0' {
			return badCount(orig, "not_count")
		}
	}
	return Count(n), false, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func allZeros(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' {
			return false
		}
	}
	return s != ""
}

// normalizeSpaces turns the no-break (U+00A0) and narrow no-break (U+202F) spaces Excel and
// French locales put between thousands into plain spaces. It allocates only when they occur.
func normalizeSpaces(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			b := make([]byte, 0, len(s))
			for _, r := range s {
				if r == '\u00a0' || r == '\u202f' || r == '\u2009' {
					b = append(b, ' ')
				} else {
					b = append(b, string(r)...)
				}
			}
			return string(b)
		}
	}
	return s
}

// trimSpace trims ASCII white space without allocating.
func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
		i++
	}
	for j > i && (s[j-1] == ' ' || s[j-1] == '\t' || s[j-1] == '\r' || s[j-1] == '\n') {
		j--
	}
	return s[i:j]
}
