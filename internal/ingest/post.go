package ingest

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vet-tool/vet/internal/lang"
)

// Post is one video as an export describes it. It is the one domain type that scoring and
// report share with ingest.
//
// A batch holds a million of them, so the fields are laid out to waste no padding, and the
// url most exports repeat on every row (https://www.tiktok.com/@handle/video/ID) is not kept:
// VideoURL rebuilds it.
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
	// URL is the url the export gave, "" when it gave none or when it was TikTok's own address
	// for Account and VideoID: read it through VideoURL.
	URL     string
	Caption string
	// What the post is made of, where the export says (traits.go; scoring derives the rest).
	Sound       string  // the sound: its id, else its title and author; "" when the export names none (interned)
	SoundUses   int32   // videos on TikTok using the sound, as the export states; 0 when it does not
	Duration    float32 // the video's length in seconds; 0 when the export does not say
	WatchTime   float32 // the average watch time in seconds; 0 when the export does not say
	WatchedFull float32 // percent of views that watched the whole video, when HasWatchedFull
	File        string  // the input the row came from, as named on the command line (interned)
	Line        int32   // the physical line (CSV) or row (XLSX) a user sees in an editor
	Rounded     bool    // a count on this row was written rounded (1.2K, 3.4M)
	Pinned      bool    // the export marks the post pinned to the profile (isPinned): kept out of the newest-N window
	Sponsored   bool    // the export marks the post as paid (isAd, paid_partnership…); captions are scoring's to read
	// OriginalSound and DuetOrStitch are what the export's yes-or-no columns say; a duet's
	// caption markers are scoring's to read.
	OriginalSound  Flag
	DuetOrStitch   Flag
	HasWatchedFull bool
	canonical      bool // the export's url was TikTok's own address, rebuilt by VideoURL
}

// tiktokURL is the start of the address TikTok gives a video: tiktokURL + handle + "/video/" + id.
const tiktokURL = "https://www.tiktok.com/@"

// VideoURL is the url the export gave for the post ("" when none).
func (p *Post) VideoURL() string {
	if p.canonical {
		return tiktokURL + p.Account + "/video/" + p.VideoID
	}
	return p.URL
}

// dropCanonicalURL forgets the url when VideoURL can rebuild it exactly: at a million posts
// the repeated addresses are 60 MB.
func (p *Post) dropCanonicalURL() {
	rest, ok := strings.CutPrefix(p.URL, tiktokURL)
	if !ok || p.VideoID == "" {
		return
	}
	if rest, ok = strings.CutPrefix(rest, p.Account); !ok {
		return
	}
	if id, ok := strings.CutPrefix(rest, "/video/"); ok && id == p.VideoID {
		p.URL, p.canonical = "", true
	}
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
	Reason lang.Msg // why, as a catalog message (ingest.reason.*): the report says it in its language
}

func (e *RowError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Column != "" {
		b.WriteString(": ")
		b.WriteString(clip(e.Column))
	}
	b.WriteString(": ")
	if e.Value != "" {
		fmt.Fprintf(&b, "%q ", clip(e.Value))
	}
	b.WriteString(lang.InEnglish(e.Reason))
	return b.String()
}

// maxQuoted is the most characters of a value (a cell, a header, a line) any message quotes
// (SPEC §1): a 1,000,000-character header must not be echoed whole.
const maxQuoted = 200

// clip is s cut to maxQuoted characters, the last of them "…" when it was cut; the one way
// every message, warning and rejected row shortens what it quotes. clip(clip(s)) == clip(s).
func clip(s string) string {
	if len(s) <= maxQuoted || utf8.RuneCountInString(s) <= maxQuoted {
		return s
	}
	n := 0
	for i := range s {
		if n == maxQuoted-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
