package ingest

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/vet-tool/vet/internal/lang"
)

// Post is one video as an export describes it. It is the one domain type that scoring and
// report share with ingest.
//
// A batch holds a million of them, so a post holds no pointer (its strings are Texts in the
// batch's Texts, text.go), the fields are laid out to waste no padding, and the url most
// exports repeat on every row (https://www.tiktok.com/@handle/video/ID) is not kept: VideoURL
// rebuilds it.
type Post struct {
	Account   Text  // handle as the export wrote it, without a leading @
	Key       Text  // handle folded for matching (see FoldHandle)
	Followers Count // the account's followers as this row states them; Missing when absent
	Views     Count
	Likes     Count
	Comments  Count
	Shares    Count
	Saves     Count
	PostedAt  Instant // zero when the export gives no date
	VideoID   Text
	// URL is the url the export gave, zero when it gave none or when it was TikTok's own
	// address for Account and VideoID: read it through VideoURL.
	URL     Text
	Caption Text
	File    Text  // the input the row came from, as named on the command line
	Line    int32 // the physical line (CSV) or row (XLSX) a user sees in an editor
	// What the post is made of, where the export says (traits.go; scoring derives the rest),
	// packed: 16 bytes a post, not 40, at a million posts.
	Sound       int32  // the sound, as an index into Batch.Sounds (its id, else its title and author); 0 when the export names none
	SoundUses   int32  // videos on TikTok using the sound, as the export states; 0 when it does not
	duration    uint16 // the video's length in tenths of a second; 0 when the export does not say
	watchTime   uint16 // the average watch time in tenths of a second; 0 when not said
	watchedFull uint16 // 1 + the percent of views that watched the whole video in hundredths; 0 when not said
	Rounded     bool   // a count on this row was written rounded (1.2K, 3.4M)
	Pinned      bool   // the export marks the post pinned to the profile (isPinned): kept out of the newest-N window
	Sponsored   bool   // the export marks the post as paid (isAd, paid_partnership…); captions are scoring's to read
	// OriginalSound and DuetOrStitch are what the export's yes-or-no columns say; a duet's
	// caption markers are scoring's to read.
	OriginalSound Flag
	DuetOrStitch  Flag
	canonical     bool // the export's url was TikTok's own address, rebuilt by VideoURL
}

// Duration is the video's length in seconds, to a tenth; ok is false when the export does not say.
func (p *Post) Duration() (seconds float64, ok bool) { return float64(p.duration) / 10, p.duration > 0 }

// WatchTime is the average watch time in seconds, to a tenth; ok is false when not said.
func (p *Post) WatchTime() (seconds float64, ok bool) {
	return float64(p.watchTime) / 10, p.watchTime > 0
}

// WatchedFull is the percent of views that watched the whole video, to a hundredth; ok is
// false when not said.
func (p *Post) WatchedFull() (percent float64, ok bool) {
	return float64(p.watchedFull-1) / 100, p.watchedFull > 0
}

// SetLength sets the video's length and watch time in seconds (0: not said) and the percent
// that watched it whole (below 0: not said), as an export would give them: for generators and
// tests.
func (p *Post) SetLength(duration, watchTime, watchedFull float64) {
	p.duration, p.watchTime = tenths(duration), tenths(watchTime)
	p.watchedFull = 0
	if watchedFull >= 0 && watchedFull <= 100 {
		p.watchedFull = uint16(math.Round(watchedFull*100)) + 1
	}
}

// tenths is seconds in tenths, 0 when not positive or beyond what 16 bits hold (1.8 hours:
// TikTok's longest video is an hour).
func tenths(seconds float64) uint16 {
	t := math.Round(seconds * 10)
	if t <= 0 || t > math.MaxUint16 {
		return 0
	}
	return uint16(t)
}

// tiktokURL is the start of the address TikTok gives a video: tiktokURL + handle + "/video/" + id.
const tiktokURL = "https://www.tiktok.com/@"

// VideoURL is the url the export gave for the post ("" when none); ts are its batch's Texts.
func (p *Post) VideoURL(ts *Texts) string {
	if p.canonical {
		return tiktokURL + ts.Of(p.Account) + "/video/" + ts.Of(p.VideoID)
	}
	return ts.Of(p.URL)
}

// keepURL keeps the url the export gave, unless VideoURL can rebuild it from the account and
// the video id.
func (p *Post) keepURL(ts *Texts, url, account, videoID string) {
	if p.canonical = canonicalURL(url, account, videoID); !p.canonical {
		p.URL = ts.Keep(url)
	}
}

// canonicalURL reports whether url is the address VideoURL rebuilds from the post's account
// and video id, so that it need not be kept: at a million posts the repeated addresses are 60 MB.
func canonicalURL(url, account, videoID string) bool {
	rest, ok := strings.CutPrefix(url, tiktokURL)
	if !ok || videoID == "" {
		return false
	}
	if rest, ok = strings.CutPrefix(rest, account); !ok {
		return false
	}
	id, ok := strings.CutPrefix(rest, "/video/")
	return ok && id == videoID
}

// FoldHandle is the form of a handle used to match rows of one account: trimmed, without a
// leading @, stripped of characters that draw nothing (zero-width, bidi controls),
// NFC-normalised and case-folded (identity.go).
func FoldHandle(h string) string {
	h = strings.TrimSpace(h)
	h = strings.TrimPrefix(h, "@")
	return foldKey(h)
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

func (e *RowError) Error() string { return e.said(lang.InEnglish) }

// Said is the row's error with its reason in p's language (the command's --lang).
func (e *RowError) Said(p *lang.Printer) string { return e.said(p.Say) }

func (e *RowError) said(say func(lang.Msg) string) string {
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
	b.WriteString(say(e.Reason))
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
