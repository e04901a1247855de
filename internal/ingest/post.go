package ingest

import (
	"fmt"
	"strings"
	"time"
)

// Post is one video as an export describes it. It is the one domain type that scoring and
// report share with ingest.
type Post struct {
	Account   string // handle as the export wrote it, without a leading @
	Key       string // handle folded for matching (see FoldHandle)
	Followers Count  // the account's followers as this row states them; Missing when absent
	Views     Count
	Likes     Count
	Comments  Count
	Shares    Count
	Saves     Count
	PostedAt  time.Time // UTC; zero when the export gives no date
	VideoID   string
	URL       string
	Caption   string
	Rounded   bool   // a count on this row was written rounded (1.2K, 3.4M)
	File      string // the input the row came from, as named on the command line
	Line      int    // the physical line (CSV) or row (XLSX) a user sees in an editor
}

// FoldHandle is the form of a handle used to match rows of one account: trimmed, without a
// leading @, lower case.
func FoldHandle(h string) string {
	h = strings.TrimSpace(h)
	h = strings.TrimPrefix(h, "@")
	return strings.ToLower(h)
}

// RowError is a row that could not be used: where it is, what was in the cell, and why.
// Like encoding/csv's ParseError, it locates the problem for the user.
type RowError struct {
	File   string
	Line   int
	Column string // the header of the offending cell as written in the file; "" for the whole row
	Value  string
	Reason string
}

func (e *RowError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Column != "" {
		b.WriteString(": ")
		b.WriteString(e.Column)
	}
	b.WriteString(": ")
	if e.Value != "" {
		fmt.Fprintf(&b, "%q ", clip(e.Value, 60))
	}
	b.WriteString(e.Reason)
	return b.String()
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
