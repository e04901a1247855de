package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/vet-tool/vet/internal/lang"
)

// dedupe keeps one copy of each video: the one with the most views, since counts only grow
// between exports. A video is known within its account (two creators never share a video, and
// a spreadsheet may number each creator's videos 1..N): by its id (the video_id column, else
// the number in its /video/ url), else its url, else (exports such as Apify's XLSX carry
// neither) its posting time to the second: no one posts two videos in the same second, while a
// date without a time never identifies a video. Numeric ids go through a table of integers
// (idTable): at a million posts a map of strings costs more than reading the file. An id met
// again under another account is no duplicate: that copy is keyed by account and id in the
// map instead, and a warning names both rows (sharedIDs).
func (b *Batch) dedupe() {
	ids := newIDTable(len(b.Posts))
	var others map[videoKey]int32
	var shared sharedIDs
	add := func(key videoKey, pos int32) (int32, bool) {
		if others == nil {
			others = map[videoKey]int32{}
		}
		i, seen := others[key]
		if !seen {
			others[key] = pos
		}
		return i, seen
	}
	kept := 0 // b.Posts[:kept] are the posts kept so far; a post moves only once one was dropped
	for j := range b.Posts {
		p := &b.Posts[j]
		var (
			i    int32
			seen bool
		)
		if id, ok := b.numericID(p); ok {
			i, seen = ids.add(id, int32(kept))
			if seen && b.Posts[i].Key != p.Key && b.text(b.Posts[i].Key) != b.text(p.Key) {
				first := &b.Posts[i]
				if i, seen = add(videoKey{kind: 'n', s: b.text(p.Key), t: int64(id)}, int32(kept)); !seen {
					shared.add(b, first, p)
				}
			}
		} else if key, ok := b.keyOf(p); ok {
			i, seen = add(key, int32(kept))
		}
		if !seen {
			if kept != j {
				b.Posts[kept] = *p
			}
			kept++
			continue
		}
		dropped := b.text(p.File)
		if moreViews(p.Views, b.Posts[i].Views) {
			dropped = b.text(b.Posts[i].File)
			b.Posts[i] = *p
		}
		b.Duplicates++
		b.countDuplicate(dropped)
	}
	b.truncatePosts(kept)
	for _, m := range shared.warnings() {
		b.notice(m)
	}
}

// sharedIDs are the video ids met under two accounts: each is said with both rows, up to
// maxSharedSaid of them, then how many more there were.
type sharedIDs struct {
	said []lang.Msg
	more int
}

const maxSharedSaid = 5

func (s *sharedIDs) add(b *Batch, first, p *Post) {
	if len(s.said) == maxSharedSaid {
		s.more++
		return
	}
	id := b.text(p.VideoID)
	if id == "" {
		id = b.text(first.VideoID)
	}
	s.said = append(s.said, say("shared_id", lang.Text("first", fmt.Sprintf("%s:%d (@%s)", b.text(first.File), first.Line, b.text(first.Account))),
		lang.Text("second", fmt.Sprintf("%s:%d (@%s)", b.text(p.File), p.Line, b.text(p.Account))), lang.Text("id", strconv.Quote(clip(id)))))
}

func (s *sharedIDs) warnings() []lang.Msg {
	if s.more > 0 {
		return append(s.said, lang.MN("ingest.notice.shared_id_more", int64(s.more)))
	}
	return s.said
}

// moreViews reports whether a copy with views a beats the copy kept with views k: a known
// count beats a Missing one, a larger beats a smaller, and on a tie the copy seen first stays.
func moreViews(a, k Count) bool {
	if !a.Known() {
		return false
	}
	return !k.Known() || a > k
}

func (b *Batch) countDuplicate(file string) {
	if b.inputOf == nil {
		b.inputOf = make(map[string]int, len(b.Inputs))
		for i := range b.Inputs {
			b.inputOf[b.Inputs[i].Name] = i
		}
	}
	if i, ok := b.inputOf[file]; ok {
		b.Inputs[i].Duplicates++
	}
}

// numericID is a post's TikTok video id as a number, from its video_id or its url.
func (b *Batch) numericID(p *Post) (uint64, bool) {
	id := b.text(p.VideoID)
	if id == "" {
		url := b.text(p.URL)
		i := strings.Index(url, "/video/")
		if i < 0 {
			return 0, false
		}
		id = url[i+len("/video/"):]
		if j := strings.IndexAny(id, "/?#"); j >= 0 {
			id = id[:j]
		}
	}
	if len(id) == 0 || len(id) > 19 {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, true
}

// videoKey identifies a video within its account: by an id that is not a number, by a
// numeric id met under another account first, by its url, or by its posting time.
type videoKey struct {
	kind byte   // 'i' id, 'n' numeric id (in t), 'u' url, 't' time
	s    string // the account's key, then (for 'i' and 'u') NUL and the id or url
	t    int64
}

func (b *Batch) keyOf(p *Post) (videoKey, bool) {
	key := b.text(p.Key)
	switch {
	case p.VideoID != 0:
		return videoKey{kind: 'i', s: key + "\x00" + b.text(p.VideoID)}, true
	case p.URL != 0:
		return videoKey{kind: 'u', s: key + "\x00" + b.text(p.URL)}, true
	case key != "" && !p.PostedAt.IsZero() && p.PostedAt.Time().Truncate(24*time.Hour) != p.PostedAt.Time():
		return videoKey{kind: 't', s: key, t: p.PostedAt.Time().UnixNano()}, true
	}
	return videoKey{}, false
}

// forgetFalseIDs treats as no id the ids of a table that cannot be TikTok's, so that they do
// not merge videos or build links: ids in scientific notation (7.30E+18: Excel rounded a
// 19-digit id to a float, and a dozen videos then share one), and short numbers where the
// table's other ids are TikTok's 19 digits (a row or a per-creator number). Such posts are then
// told apart by their url, else their account and posting time. One warning says why.
func (t *table) forgetFalseIDs() {
	posts := t.b.Posts[t.first:]
	long := 0
	for i := range posts {
		if id := t.b.text(posts[i].VideoID); len(id) >= tiktokIDDigits && allDigits(id) {
			long++
		}
	}
	var sci, short int
	var sciEx, shortEx string
	for i := range posts {
		p := &posts[i]
		id := t.b.text(p.VideoID)
		switch {
		case id == "":
			continue
		case scientific(id):
			sci++
			if sciEx == "" {
				sciEx = id
			}
		case long > 0 && len(id) < shortID && allDigits(id):
			short++
			if shortEx == "" {
				shortEx = id
			}
		default:
			continue
		}
		if p.canonical {
			p.URL, p.canonical = t.b.Texts.Keep(p.VideoURL(&t.b.Texts)), false
		}
		p.VideoID = 0
	}
	col := clip(t.columnName(FieldVideoID))
	if sci > 0 {
		t.b.notice(lang.MN("ingest.notice.ids_scientific", int64(sci), lang.Text("file", t.file), lang.Text("column", col), lang.Text("example", strconv.Quote(clip(sciEx)))))
	}
	if short > 0 {
		t.b.notice(lang.MN("ingest.notice.ids_short", int64(short), lang.Text("file", t.file), lang.Text("column", col), lang.Text("example", strconv.Quote(clip(shortEx)))))
	}
}

// tiktokIDDigits is how many digits a TikTok video id has at least (they have 19 since 2016;
// 18 allows for the oldest), and shortID how few make a number that cannot be one.
const (
	tiktokIDDigits = 18
	shortID        = 12
)

// scientific reports a number in scientific notation: 7.30E+18, 7.3e18, 7E+18.
func scientific(s string) bool {
	i := strings.IndexAny(s, "eE")
	if i < 1 || i == len(s)-1 {
		return false
	}
	mant, exp := s[:i], strings.TrimPrefix(s[i+1:], "+")
	intPart, frac, _ := strings.Cut(mant, ".")
	return allDigits(intPart) && (frac == "" || allDigits(frac)) && exp != "" && allDigits(exp)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
