package lang

import (
	"math"
	"strconv"
	"strings"
)

// Round writes v rounded to dec decimals, with a '.' mark and no separators: the digits a
// spreadsheet shows for v in a format of dec decimals. Like Excel and LibreOffice, it rounds
// the value's 15 significant digits, halves away from zero, so 1.005 (stored as
// 1.00499999999999989…) shows as 1.01 and a float's last-bit noise never flips a digit. NaN and
// infinities come back as "". Minus zero, and a negative that rounds to zero, are "0.00".
func Round(v float64, dec int) string { return string(AppendRound(nil, v, dec)) }

// AppendRound appends Round(v, dec) to b, for writers of many numbers (posts.csv's million
// view ERs): the digits are worked out on the stack.
func AppendRound(b []byte, v float64, dec int) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return b
	}
	dec = max(dec, 0)
	// 15 significant digits: d.dddddddddddddde±x
	var buf [32]byte
	e := strconv.AppendFloat(buf[:0], math.Abs(v), 'e', 14, 64)
	var digits [15]byte // the value is 0.digits × 10^(x+1)
	digits[0] = e[0]
	copy(digits[1:], e[2:16])
	x, _ := strconv.Atoi(string(e[17:]))
	keep := x + 1 + dec                // digits before the rounding point
	whole := make([]byte, 0, len(buf)) // the rounded value × 10^dec, as digits
	switch {
	case keep < 0:
	case keep >= len(digits):
		whole = append(whole, digits[:]...)
		for range keep - len(digits) {
			whole = append(whole, '0')
		}
	default:
		whole = append(whole, digits[:keep]...)
		if digits[keep] >= '5' {
			whole = carry(whole)
		}
	}
	// lay it out with dec decimals, without leading zeros in the whole part
	for len(whole) > 0 && whole[0] == '0' {
		whole = whole[1:]
	}
	if v < 0 && len(whole) > 0 { // not a negative that rounds to zero
		b = append(b, '-')
	}
	if len(whole) <= dec {
		b = append(b, '0')
		if dec > 0 {
			b = append(b, '.')
		}
		for range dec - len(whole) {
			b = append(b, '0')
		}
		return append(b, whole...)
	}
	b = append(b, whole[:len(whole)-dec]...)
	if dec > 0 {
		b = append(append(b, '.'), whole[len(whole)-dec:]...)
	}
	return b
}

// carry adds one to a decimal digit string, growing it on overflow (999 → 1000).
func carry(d []byte) []byte {
	for i := len(d) - 1; i >= 0; i-- {
		if d[i] < '9' {
			d[i]++
			return d
		}
		d[i] = '0'
	}
	return append([]byte{'1'}, d...)
}

// RoundValue is v rounded as Round rounds it, as a number.
func RoundValue(v float64, dec int) float64 {
	f, _ := strconv.ParseFloat(Round(v, dec), 64)
	return f
}

// localise turns Round's output into the printer's language: thousands separators in the
// whole part, its decimal mark.
func (p *Printer) localise(s string) string {
	if s == "" {
		return "n/a"
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := range len(intPart) {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(p.group)
		}
		b.WriteByte(intPart[i])
	}
	if hasFrac {
		b.WriteByte(p.dec)
		b.WriteString(frac)
	}
	return b.String()
}

// Decimal writes v with dec decimals and thousands separators: 4,063.28 (4.063,28 in Dutch).
func (p *Printer) Decimal(v float64, dec int) string { return p.localise(Round(v, dec)) }

// Count writes a whole number with thousands separators: 1,234,567 (1.234.567).
func (p *Printer) Count(n int64) string { return p.localise(strconv.FormatInt(n, 10)) }

// Int is Count for an int.
func (p *Printer) Int(n int) string { return p.Count(int64(n)) }

// Percent writes a percentage (6.4 means 6.4%) with dec decimals: 6.40% (6,40%).
func (p *Printer) Percent(v float64, dec int) string { return p.Decimal(v, dec) + "%" }

// Ratio writes a multiple with dec decimals: 0.20× (0,20×).
func (p *Printer) Ratio(v float64, dec int) string { return p.Decimal(v, dec) + "×" }

// Num writes a measured number short but not misleadingly round: 240, 62.4, 4.96, 0.42,
// 1,250; no trailing zeros.
func (p *Printer) Num(v float64) string {
	dec := 2
	switch a := math.Abs(v); {
	case a >= 99.95:
		dec = 0
	case a >= 9.995:
		dec = 1
	}
	s := Round(v, dec)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return p.localise(s)
}

// Exact writes a threshold as it was set: 12.5 stays 12.5 (12,5), 200 stays 200.
func (p *Printer) Exact(v float64) string {
	return p.localise(strconv.FormatFloat(v, 'f', -1, 64))
}

// Signed writes a change with its sign: +10,000, -2,500, 0.
func (p *Printer) Signed(n int64) string {
	if n > 0 {
		return "+" + p.Count(n)
	}
	return p.Count(n)
}

// SignedPercent writes a change in percent with its sign and dec decimals: +1.5%, −0.3%.
func (p *Printer) SignedPercent(v float64, dec int) string {
	s := Round(v, dec)
	switch {
	case strings.HasPrefix(s, "-"):
		return "−" + p.localise(s[1:]) + "%"
	case strings.Trim(s, "0.") == "":
		return p.localise(s) + "%"
	}
	return "+" + p.localise(s) + "%"
}

// Approx writes a count the export wrote rounded (18.3K, 1.25M) as approximate, the way such
// exports write it: "~" and three significant digits with K, M or B (~18.3K, ~1.25M, ~123K;
// ~18,3K in Dutch); under 1,000, "~" and the count.
func (p *Printer) Approx(n int64) string {
	units := []string{"K", "M", "B"}
	u := -1
	for x := float64(n); x >= 1000 && u < len(units)-1; x /= 1000 {
		u++
	}
	if u < 0 {
		return "~" + p.Count(n)
	}
	s := short(float64(n) / math.Pow(1000, float64(u+1)))
	if s == "1000" && u < len(units)-1 { // 999,999 is ~1M, not ~1000K
		s, u = "1", u+1
	}
	return "~" + p.localise(s) + units[u]
}

// short writes v (1 ≤ v < 1000) with three significant digits, no trailing zeros.
func short(v float64) string {
	dec := 2
	switch {
	case v >= 99.95:
		dec = 0
	case v >= 9.995:
		dec = 1
	}
	s := Round(v, dec)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// CountOrApprox writes a count in full, or as Approx when the export wrote it rounded.
func (p *Printer) CountOrApprox(n int64, rounded bool) string {
	if rounded {
		return p.Approx(n)
	}
	return p.Count(n)
}
