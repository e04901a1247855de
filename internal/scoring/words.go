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

// num writes a measured number short but not misleadingly round: 240, 62.4, 4.96, 0.42,
// 1,250; no trailing zeros.
func num(v float64) string {
	prec := 2
	switch a := max(v, -v); {
	case a >= 100:
		prec = 0
	case a >= 10:
		prec = 1
	}
	s := fixed(v, prec)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// fixed writes v with prec decimals and thousands separators: 4,063.28.
func fixed(v float64, prec int) string { return string(appendFixed(nil, v, prec)) }

// appendFixed appends v with prec decimals and thousands separators to dst.
func appendFixed(dst []byte, v float64, prec int) []byte {
	start := len(dst)
	dst = strconv.AppendFloat(dst, v, 'f', prec, 64)
	i := start
	if i < len(dst) && dst[i] == '-' {
		i++
	}
	end := i
	for end < len(dst) && '0' <= dst[end] && dst[end] <= '9' {
		end++
	}
	n := end - i
	if n <= 3 {
		return dst // under 1,000, or Inf/NaN
	}
	k := (n - 1) / 3 // the separators to insert
	for range k {
		dst = append(dst, 0)
	}
	copy(dst[end+k:], dst[end:len(dst)-k]) // the decimals move right
	w := end + k - 1
	for r, d := end-1, 0; r >= i; r, d = r-1, d+1 {
		if d > 0 && d%3 == 0 {
			dst[w] = ','
			w--
		}
		dst[w] = dst[r]
		w--
	}
	return dst
}

// approx writes a count, marked approximate when it was written rounded: a count that reads the
// same in the short form an export rounds to (18,300 as 18.3K) is written so, with a tilde;
// another is written in full with a tilde (a sum of rounded counts).
func approx(n int64, rounded bool) string {
	if !rounded {
		return Commas(n)
	}
	if s, ok := short(n); ok {
		return "~" + s
	}
	return "~" + Commas(n)
}

// short writes n as 18.3K, 1.25M, 3B when that is exactly n (at most two decimals).
func short(n int64) (string, bool) {
	for _, u := range []struct {
		unit int64
		sign string
	}{{1_000_000_000, "B"}, {1_000_000, "M"}, {1_000, "K"}} {
		if n < u.unit {
			continue
		}
		v := float64(n) / float64(u.unit)
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if whole, frac, _ := strings.Cut(s, "."); len(frac) <= 2 && len(whole) <= 3 {
			return s + u.sign, true
		}
		return "", false
	}
	return "", false
}

// count writes a count of the account's window, approximate when the window holds rounded
// counts.
func (c *check) count(n int64) string { return approx(n, c.roughWindow) }

// followers writes the account's follower count with its unit: "1 follower", "~18.3K
// followers".
func (c *check) followers() string {
	n := int64(c.a.Followers)
	if n == 1 {
		return "1 follower"
	}
	return approx(n, c.roughFollowers) + " followers"
}

// signed writes a change with its sign: +10,000, -2,500.
func signed(n int64) string {
	if n > 0 {
		return "+" + Commas(n)
	}
	return Commas(n)
}

// plural writes a count of things: 1 post, 3 posts, 1,200 posts.
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return Commas(int64(n)) + " " + thing + "s"
}

// exact writes a threshold as it was set: 12.5 stays 12.5, 200 stays 200.
func exact(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
