package ingest

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vet-tool/vet/internal/lang"
)

// table turns the rows of one table (a CSV file, an XLSX sheet, a JSON array) into Posts.
// Every format reads its cells as strings and hands them here, so the rules for a value are
// the same whatever file it came from.
type table struct {
	b       *Batch
	in      int // index of this table's Input in the batch
	file    string
	fileAt  Text // file in the batch's texts
	header  []string
	m       Mapping
	dates   dateColumn
	first   int               // index in the batch of this table's first post
	handles map[string]handle // interned handles by account cell: many rows share few accounts
	fromURL map[string]handle // interned handles read from urls, for rows without an account
	last    handle            // the handle of the last row's account cell
	export  exportDate        // what yearless dates are placed against
	timeCol int               // TikTok Studio's "Time" column (the export day), or -1
	cells   Texts             // date cells kept to name their rows should the column's order reject them
	fresh   string            // a handle account met for the first time, as written (trimmed, no @), until post notes it
	// flagCols are, for pinned, sponsored, likes hidden and duet or stitch, every column the
	// aliases find (Apify writes both isAd and isSponsored): a post is marked when any of them
	// says yes.
	flagCols [4][]int
	now      time.Time
}

// handle is an account as written in its cell, shown and folded, allocated once per account.
type handle struct {
	raw, shown, key string
	at              [2]Text // shown and key in the batch's texts
	control         bool    // the cell holds a NUL or another control character: its rows are rejected
}

// kept is h with its shown and folded forms kept in the table's texts.
func (t *table) kept(h handle) handle {
	h.at = [2]Text{t.b.Texts.Keep(h.shown), t.b.Texts.Keep(h.key)}
	return h
}

// controlReason is why a row with a NUL byte or a control character in a kept field is
// rejected: it is damage, not text, and only that row is refused (SPEC §2).
var controlReason = why("control")

// hasControl reports a NUL or another C0 control character, or DEL, in s; tab, CR and LF are
// text (inside a quoted caption, a newline is).
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
			return true
		}
	}
	return false
}

// newTable resolves the columns of a table and registers it as an input of the batch.
func newTable(b *Batch, info Input, header []string, opts *Options) (*table, error) {
	m, preset, err := resolveLayout(info.Name, header, opts)
	if err != nil {
		return nil, err
	}
	info.Preset = preset
	info.Columns = m.Describe(header)
	info.Kind = KindPosts
	b.Inputs = append(b.Inputs, info)
	warnDuplicateHeaders(b, info.Name, header, m)
	if m[FieldCaption] < 0 {
		// Without captions the #ad/#samenwerking posts and the hashtags are not found, and
		// nothing else would say so (a Dutch "Bijschrift" went unread this way).
		b.NoCaption = append(b.NoCaption, info.Name)
	}
	t := &table{
		b: b, in: len(b.Inputs) - 1, file: b.intern(info.Name), fileAt: b.Texts.Keep(info.Name), header: header, m: m,
		first: len(b.Posts), handles: map[string]handle{}, fromURL: map[string]handle{}, now: opts.now(), timeCol: -1,
	}
	for k, f := range [...]Field{FieldPinned, FieldSponsored, FieldLikesHidden, FieldDuetOrStitch} {
		t.flagCols[k] = flagColumns(header, m[f], opts.aliasesFor(preset)[f], opts.Map[f] != "")
	}
	if preset == "tiktok-studio" {
		t.timeCol = slices.IndexFunc(header, func(h string) bool { return foldHeader(h) == "time" })
	}
	return t, nil
}

// cell returns the cell of field f, "" when the column is absent or the row is short.
func (t *table) cell(cells []string, f Field) string {
	i := t.m[f]
	if i < 0 || i >= len(cells) {
		return ""
	}
	return cells[i]
}

func (t *table) reject(line int, f Field, value string, reason lang.Msg) *RowError {
	col := ""
	if i := t.m[f]; i >= 0 && i < len(t.header) {
		col = t.header[i]
	} else if f >= 0 {
		col = f.String()
	}
	return &RowError{File: t.file, Line: line, Column: col, Value: strings.Clone(clip(value)), Reason: reason}
}

// rowError records a row that could not even be split into cells.
func (t *table) rowError(e *RowError) { t.b.rejectRow(t.in, e) }

// row reads one data row into the batch: a post, or a RowError. The cells are only lent (the
// CSV scanner reuses them for the next row): every string kept is copied.
func (t *table) row(cells []string, line int) {
	if t.timeCol >= 0 && !t.export.known() && t.timeCol < len(cells) {
		// A lone Content.csv: its "Time" column is the day it was exported.
		if at, o, err := parseDate(cells[t.timeCol]); err == nil && o == orderYearless {
			t.export = exportDate{at.Month(), at.Day()}
		}
	}
	// The post is read in place, at the end of the batch: a Post is 128 bytes, and returning
	// and appending one copied it twice per row.
	b := t.b
	at := b.newPost()
	order, raw, err := t.post(&b.Posts[at], cells, line)
	if err != nil {
		b.truncatePosts(at)
		b.rejectRow(t.in, err)
		return
	}
	if order != orderNone {
		raw = t.cells.Of(t.cells.Keep(raw)) // kept to name the row should the column's order reject it
	}
	t.dates.note(order, at, raw)
	b.addedPost(t.in)
}

var handleInURL = regexp.MustCompile(`/@([^/?#\s]+)`)

// account finds the row's handle, interned: the account cell, or else the handle in the url.
func (t *table) account(cells []string, url string) (handle, bool) {
	raw := t.cell(cells, FieldAccount)
	if raw != "" && raw == t.last.raw {
		return t.last, true // exports list an account's posts together
	}
	if h, ok := t.handles[raw]; ok && raw != "" {
		t.last = h
		return h, true
	}
	if strings.TrimPrefix(strings.TrimSpace(raw), "@") == "" {
		m := handleInURL.FindStringSubmatch(url)
		if m == nil {
			return handle{}, false
		}
		return t.urlHandle(m[1]), true
	}
	raw = strings.Clone(raw)
	written := strings.TrimPrefix(strings.TrimSpace(raw), "@")
	h := t.kept(handle{raw: raw, shown: visibleHandle(written), key: FoldHandle(written), control: hasControl(raw)})
	t.handles[raw] = h
	t.last, t.fresh = h, written
	return h, true
}

// urlHandle interns a handle read from a url.
func (t *table) urlHandle(shown string) handle {
	if h, ok := t.fromURL[shown]; ok {
		return h
	}
	shown = strings.Clone(shown)
	h := t.kept(handle{shown: visibleHandle(shown), key: FoldHandle(shown)})
	t.fromURL[shown] = h
	t.fresh = shown
	return h
}

// post reads one data row. A row with a bad value, or without the counts every rate needs
// (see rejectUncountable), is rejected whole; views and shares may be Missing.
func (t *table) post(p *Post, cells []string, line int) (dayOrder, string, *RowError) {
	p.File, p.Line = t.fileAt, int32(line)
	url := trimSpace(t.cell(cells, FieldURL))
	h, ok := t.account(cells, url)
	if !ok {
		return 0, "", t.reject(line, FieldAccount, "", why("no_account"))
	}
	p.Account, p.Key = h.at[0], h.at[1]
	if t.fresh != "" { // a handle met for the first time in this table: how it was written, and where
		t.b.noteHandle(h.key, handleForm{t.fresh, t.file, line})
		t.fresh = ""
	}
	if h.control {
		return 0, "", t.reject(line, FieldAccount, h.raw, controlReason)
	}

	counts := [...]struct {
		f   Field
		dst *Count
	}{
		{FieldViews, &p.Views}, {FieldLikes, &p.Likes}, {FieldComments, &p.Comments},
		{FieldShares, &p.Shares}, {FieldSaves, &p.Saves}, {FieldFollowers, &p.Followers},
	}
	for _, c := range counts {
		raw := t.cell(cells, c.f)
		if raw == "undefined" { // TikTok Studio's word for a value it does not have
			raw = ""
		}
		n, rounded, err := ParseCount(raw)
		if err != nil {
			return 0, "", t.reject(line, c.f, raw, err.(*ValueError).Reason)
		}
		*c.dst = n
		p.Rounded = p.Rounded || rounded
	}
	var likesHidden bool
	for k, dst := range [...]*bool{&p.Pinned, &p.Sponsored, &likesHidden} {
		for _, i := range t.flagCols[k] {
			if i >= len(cells) {
				continue
			}
			v, ok := parseBool(cells[i])
			if !ok {
				return 0, "", &RowError{File: t.file, Line: line, Column: t.header[i], Value: strings.Clone(clip(cells[i])),
					Reason: why("not_yes_no")}
			}
			*dst = *dst || v
		}
	}
	if likesHidden {
		// A hidden like count is exported as 0 or empty: missing, never zero (SPEC §2).
		return 0, "", t.reject(line, FieldLikesHidden, "", why("likes_hidden"))
	}
	if !p.Likes.Known() || !p.Comments.Known() {
		return 0, "", t.rejectUncountable(line, p)
	}
	var order dayOrder
	raw := t.cell(cells, FieldPostedAt)
	if raw != "" && raw != "undefined" {
		at, o, err := parseDate(raw)
		if err != nil {
			return 0, "", t.reject(line, FieldPostedAt, raw, err.(*ValueError).Reason)
		}
		if o == orderYearless { // placed in its year once the table is read (placeYearless)
			at = time.Date(yearlessYear, at.Month(), at.Day(), at.Hour(), at.Minute(), at.Second(), at.Nanosecond(), time.UTC)
		}
		p.PostedAt, order = At(at), o
	}
	for _, f := range [...]Field{FieldVideoID, FieldURL, FieldCaption} {
		if c := t.cell(cells, f); hasControl(c) {
			return 0, "", t.reject(line, f, c, controlReason)
		}
	}
	id := trimSpace(t.cell(cells, FieldVideoID))
	p.VideoID = t.b.Texts.Keep(id)
	p.keepURL(&t.b.Texts, url, h.shown, id)
	p.Caption = t.b.Texts.Keep(t.cell(cells, FieldCaption))
	t.traits(p, cells)
	return order, raw, nil
}

// rejectUncountable rejects a row that no rate can use. A row is kept when it has the counts
// at least one rate needs (SPEC §2): the follower ER needs likes and comments, the view ER
// views, likes, comments and shares; so a row without views or shares still serves the
// follower ER, and one without likes or comments serves nothing. The reason names every
// missing count of the four, the column the first of likes and comments that is missing.
func (t *table) rejectUncountable(line int, p *Post) *RowError {
	var missing []lang.Arg
	for _, c := range [...]struct {
		f Field
		n Count
	}{{FieldViews, p.Views}, {FieldLikes, p.Likes}, {FieldComments, p.Comments}, {FieldShares, p.Shares}} {
		if !c.n.Known() {
			missing = append(missing, lang.Sub(string(rune('a'+len(missing))), why("count_name."+c.f.String())))
		}
	}
	f := FieldLikes
	if p.Likes.Known() {
		f = FieldComments
	}
	return t.reject(line, f, "", why(fmt.Sprintf("no_count_%d", len(missing)), missing...))
}

// flagColumns lists the columns a yes-or-no field is read from: the one mapped (at), and
// unless --map named it, every other column an alias of the field finds.
func flagColumns(header []string, at int, aliases []string, mapped bool) []int {
	if at < 0 {
		return nil
	}
	cols := []int{at}
	if mapped {
		return cols
	}
	for i, h := range header {
		if i != at && slices.ContainsFunc(aliases, func(a string) bool { return foldHeader(a) == foldHeader(h) }) {
			cols = append(cols, i)
		}
	}
	return cols
}

// parseBool reads a yes-or-no cell (pinned, sponsored): true/false, 1/0, yes/no, y/n, and the
// Dutch ja/nee, in any case; empty is false. ok is false for anything else.
func parseBool(s string) (v, ok bool) {
	s = trimSpace(s)
	if s == "" {
		return false, true
	}
	for _, w := range [...]string{"true", "1", "yes", "y", "ja", "waar"} {
		if strings.EqualFold(s, w) {
			return true, true
		}
	}
	for _, w := range [...]string{"false", "0", "no", "n", "nee", "onwaar"} {
		if strings.EqualFold(s, w) {
			return false, true
		}
	}
	return false, false
}

// finish settles what only the whole table can tell: the order of day and month in its date
// column, and the year of dates written without one.
func (t *table) finish() {
	if in := t.b.Inputs[t.in]; in.Read == 0 {
		t.b.notice(say("header_no_rows", lang.Text("file", t.file)))
	}
	t.forgetFalseIDs()
	d := &t.dates
	if len(d.entries) == 0 {
		return
	}
	posts := t.b.Posts
	var drop []dateEntry
	switch {
	case d.dmy > 0 && d.mdy > 0:
		// Both 13/01 and 01/13 in one column: keep the majority's reading, reject the rest.
		keep := orderDMY
		if d.mdy > d.dmy {
			keep = orderMDY
		}
		for _, e := range d.entries {
			if e.order == orderYearless || e.order == keep {
				continue
			}
			drop = append(drop, e) // the minority, and every value that cannot tell
		}
		t.b.notice(say("dates_both", lang.Text("file", t.file), lang.Text("column", clip(t.columnName(FieldPostedAt))),
			lang.Count("dmy", int64(d.dmy)), lang.Count("mdy", int64(d.mdy))))
	case d.mdy > 0:
		for _, e := range d.entries {
			if e.order == orderAmbiguous {
				swapped, _ := swapDayMonth(posts[e.post].PostedAt.Time())
				posts[e.post].PostedAt = At(swapped)
			}
		}
	case d.dmy == 0 && slices.ContainsFunc(d.entries, func(e dateEntry) bool { return e.order == orderAmbiguous }):
		t.b.notice(say("dates_ambiguous", lang.Text("file", t.file), lang.Text("column", clip(t.columnName(FieldPostedAt)))))
	}
	t.placeYearless()
	if len(drop) > 0 {
		t.dropPosts(drop)
	}
}

func (t *table) columnName(f Field) string {
	if i := t.m[f]; i >= 0 && i < len(t.header) {
		return t.header[i]
	}
	return f.String()
}

// dropPosts turns posts already added back into rejected rows.
func (t *table) dropPosts(drop []dateEntry) {
	gone := make(map[int]bool, len(drop))
	for _, e := range drop {
		p := t.b.Posts[e.post]
		gone[e.post] = true
		t.b.Rejected = append(t.b.Rejected, RowError{File: t.b.text(p.File), Line: int(p.Line), Column: t.columnName(FieldPostedAt),
			Value: e.raw, Reason: why("date_order")})
		t.b.Inputs[t.in].Rejected++
	}
	kept := t.b.Posts[:t.first]
	for i := t.first; i < len(t.b.Posts); i++ {
		if !gone[i] {
			kept = append(kept, t.b.Posts[i])
		}
	}
	t.b.truncatePosts(len(kept))
}

// warnDuplicateHeaders says when a column vet uses has a twin: the first is read, and the user
// should know which.
func warnDuplicateHeaders(b *Batch, file string, header []string, m Mapping) {
	for f, i := range m {
		if i < 0 {
			continue
		}
		k := foldHeader(header[i])
		for j := i + 1; j < len(header); j++ {
			if foldHeader(header[j]) == k {
				b.notice(say("header_twice", lang.Text("file", file), lang.Text("field", Field(f).String()),
					lang.Text("header", strconv.Quote(clip(header[i]))), lang.Text("column", strconv.Itoa(i+1))))
				break
			}
		}
	}
}
