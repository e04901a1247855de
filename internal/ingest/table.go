package ingest

import (
	"fmt"
	"regexp"
	"strings"
)

// table turns the rows of one table (a CSV file, an XLSX sheet, a JSON array) into Posts.
// Every format reads its cells as strings and hands them here, so the rules for a value are
// the same whatever file it came from.
type table struct {
	file    string
	header  []string
	m       Mapping
	dates   DateColumn
	first   int // index in the batch of this table's first post, for fixing up dates
	rows    int // data rows seen
	rejects int
}

func newTable(file string, header []string, opts *Options) (*table, error) {
	m, err := resolveMapping(file, header, opts.aliases(), opts.Map)
	if err != nil {
		return nil, err
	}
	return &table{file: file, header: header, m: m}, nil
}

// cell returns the cell of field f, "" when the column is absent or the row is short.
func (t *table) cell(cells []string, f Field) string {
	i := t.m[f]
	if i < 0 || i >= len(cells) {
		return ""
	}
	return cells[i]
}

func (t *table) reject(line int, f Field, value, reason string) *RowError {
	col := ""
	if i := t.m[f]; i >= 0 && i < len(t.header) {
		col = t.header[i]
	} else if f >= 0 {
		col = f.String()
	}
	return &RowError{File: t.file, Line: line, Column: col, Value: value, Reason: reason}
}

var handleInURL = regexp.MustCompile(`/@([^/?#\s]+)`)

// post reads one data row. A row with a bad or missing required value is rejected whole.
func (t *table) post(cells []string, line int) (Post, *RowError) {
	t.rows++
	p := Post{File: t.file, Line: line}
	p.URL = strings.TrimSpace(t.cell(cells, FieldURL))
	p.Account = strings.TrimPrefix(strings.TrimSpace(t.cell(cells, FieldAccount)), "@")
	if p.Account == "" {
		if m := handleInURL.FindStringSubmatch(p.URL); m != nil {
			p.Account = m[1]
		}
	}
	if p.Account == "" {
		return p, t.reject(line, FieldAccount, "", "no account (and no /@handle/ in a url)")
	}
	p.Key = FoldHandle(p.Account)

	counts := []struct {
		f        Field
		dst      *Count
		required bool
	}{
		{FieldViews, &p.Views, true}, {FieldLikes, &p.Likes, true}, {FieldComments, &p.Comments, true},
		{FieldShares, &p.Shares, true}, {FieldSaves, &p.Saves, false}, {FieldFollowers, &p.Followers, false},
	}
	for _, c := range counts {
		raw := t.cell(cells, c.f)
		n, rounded, err := ParseCount(raw)
		if err != nil {
			reason := err.Error()
			if ve, ok := err.(*ValueError); ok {
				reason = ve.Reason
			}
			return p, t.reject(line, c.f, raw, reason)
		}
		if !n.Known() && c.required {
			return p, t.reject(line, c.f, raw, fmt.Sprintf("no %s count (missing is not zero)", c.f))
		}
		*c.dst = n
		p.Rounded = p.Rounded || rounded
	}
	if raw := t.cell(cells, FieldPostedAt); raw != "" {
		at, err := t.dates.Parse(raw)
		if err != nil {
			return p, t.reject(line, FieldPostedAt, raw, "is not a date")
		}
		p.PostedAt = at
	}
	p.VideoID = strings.TrimSpace(t.cell(cells, FieldVideoID))
	p.Caption = t.cell(cells, FieldCaption)
	return p, nil
}

// finish re-reads the table's ambiguous day/month dates once the whole column was seen.
func (t *table) finish(posts []Post) {
	if !t.dates.MonthFirst() {
		return
	}
	for i := range posts {
		if !posts[i].PostedAt.IsZero() {
			posts[i].PostedAt = SwapDayMonth(posts[i].PostedAt)
		}
	}
}
