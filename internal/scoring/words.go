package scoring

import (
	"strconv"
	"strings"

	"github.com/vet-tool/vet/internal/lang"
)

// commas writes a count with thousands separators for the rules' English text (Rules):
// 1234567 → "1,234,567". What a client reads is written by the report's lang.Printer.
func commas(n int64) string {
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

// count is a count of the account's window for a message, approximate when the window holds
// rounded counts.
func (c *check) count(name string, n int64) lang.Arg { return lang.Approx(name, n, c.roughWindow) }

// followers is the account's follower count with its unit, for a message: "1 follower",
// "~18.3K followers".
func (c *check) followers(name string) lang.Arg {
	n := int64(c.a.Followers)
	return lang.Sub(name, lang.MN("say.followers", n, lang.Approx("n", n, c.roughFollowers)))
}

// exact writes a threshold as it was set: 12.5 stays 12.5, 200 stays 200.
func exact(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
