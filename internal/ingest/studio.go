package ingest

// TikTok Studio's "Download data" export is one creator's own folder of CSVs: Content*.csv
// (one row per video: "Video link", "Post time", "Total views"...), FollowerHistory.csv (one
// row per day), and tables that are not posts (Overview, Viewers, FollowerGender...). Its
// dates have no year ("July 16") and it writes "undefined" for what it does not know.
//
// The year of a date like "July 16" is placed against the export date: a post cannot be later
// than the export, so it gets the latest year that keeps it on or before that date. The export
// date is the newest day in FollowerHistory.csv or Overview.csv (their last row: the history
// runs a year up to the download). Its year is taken from the videos themselves: a TikTok
// video id holds its creation time in its top 32 bits, and the export is not older than the
// newest video. When no video id can be read, the year is that of Options.Now (the clock).

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vet-tool/vet/internal/lang"
)

// exportDate is the day an export was downloaded, as a month and a day.
type exportDate struct {
	month time.Month
	day   int
}

func (e exportDate) known() bool { return e.day > 0 }

// isStudioDir reports whether a folder's files look like a TikTok Studio export.
func isStudioDir(files []file) bool {
	for _, f := range files {
		base := strings.ToLower(filepath.Base(f.path))
		if strings.HasSuffix(base, "followerhistory.csv") {
			return true
		}
		if strings.HasPrefix(base, "content") && strings.HasSuffix(base, ".csv") {
			if h, err := csvHeader(f); err == nil && hasHeaders(h, "Video link", "Post time") {
				return true
			}
		}
	}
	return false
}

func csvHeader(name file) ([]string, error) {
	var h []string
	err := withCSV(name, func(s *csvSource) error { h = s.header; return nil })
	return h, err
}

func hasHeaders(header []string, want ...string) bool {
	have := map[string]bool{}
	for _, h := range header {
		have[foldHeader(h)] = true
	}
	for _, w := range want {
		if !have[foldHeader(w)] {
			return false
		}
	}
	return true
}

// readStudioDir reads a Studio folder as one account: the follower history and overview first
// (they give the followers and the export date), then the content tables.
func readStudioDir(dir string, files []file, opts *Options, b *Batch, rs *reading) error {
	var export exportDate
	var followers Count = Missing
	var followersDay, historyHandle string
	var content, others []file
	for _, f := range files {
		base := strings.ToLower(filepath.Base(f.path))
		if formatOf(f.path) != "csv" {
			if err := readFile(f, opts, b, rs); err != nil {
				return err
			}
			continue
		}
		err := withCSV(f, func(s *csvSource) error {
			switch {
			case hasHeaders(s.header, "Video link") && hasHeaders(s.header, "Total views"):
				content = append(content, f)
			case strings.HasSuffix(base, "followerhistory.csv") && hasHeaders(s.header, "Date", "Followers"):
				day, n, last := studioHistory(s, b)
				if last.known() {
					export = last
				}
				if n.Known() {
					followers, followersDay = n, day
				}
				historyHandle = handleFromHistoryName(filepath.Base(f.path))
				in := s.input("csv")
				in.Kind, in.Preset, in.Note = KindFollowers, "tiktok-studio", studioFollowersNote(followers, followersDay)
				b.Inputs = append(b.Inputs, in)
			case strings.HasPrefix(base, "overview") && hasHeaders(s.header, "Date"):
				if _, _, last := studioHistory(s, nil); last.known() && !export.known() {
					export = last
				}
				fallthrough
			case studioOther(base):
				in := s.input("csv")
				in.Kind, in.Note = KindSkipped, lang.M("ingest.note.studio_other")
				b.Inputs = append(b.Inputs, in)
			default:
				others = append(others, f) // not Studio's: read as any other file
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if len(content) == 0 {
		b.notice(say("studio_no_content", lang.Text("dir", dir)))
	}
	handle := historyHandle
	first := len(b.Posts)
	for _, f := range content {
		err := withCSV(f, func(s *csvSource) error {
			o := *opts
			if o.Preset == "" {
				o.Preset = "tiktok-studio"
			}
			t, err := newTable(b, s.input("csv"), s.header, &o)
			if err != nil {
				return err
			}
			t.export = export
			if err := s.readInto(t); err != nil {
				return err
			}
			if len(b.Posts) > t.first {
				handle = b.text(b.Posts[len(b.Posts)-1].Key)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if handles := b.studioHandles(first); len(handles) > 1 {
		// One creator's export whose links name several: its posts are split by handle, as the
		// links say, and its follower history belongs to none of them for sure.
		names := make([]string, 0, len(handles))
		for _, h := range handles[:min(len(handles), 10)] {
			names = append(names, shownKey(h))
		}
		if len(handles) > 10 {
			names = append(names, "…")
		}
		args := []lang.Arg{lang.Text("dir", dir), lang.Count("n", int64(len(handles))), lang.Text("handles", strings.Join(names, ", "))}
		if followers.Known() {
			b.notice(say("studio_handles_followers", append(args, lang.Count("followers", int64(followers)))...))
		} else {
			b.notice(say("studio_handles", args...))
		}
		handle = ""
	}
	if followers.Known() && handle != "" {
		b.setFollowersAt(FoldHandle(handle), followers, dir+" (follower history)")
	}
	for _, f := range others {
		if err := readFile(f, opts, b, rs); err != nil {
			return err
		}
	}
	return nil
}

// studioHandles are the accounts of a Studio folder's posts, each once, in order.
func (b *Batch) studioHandles(first int) []string {
	var hs []string
	for i := first; i < len(b.Posts); i++ {
		if k := b.text(b.Posts[i].Key); !slices.Contains(hs, k) {
			hs = append(hs, k)
			if len(hs) > 10 {
				break
			}
		}
	}
	return hs
}

// studioOther reports the names of Studio's tables that are not posts.
func studioOther(base string) bool {
	for _, p := range []string{"overview", "viewers", "followers_", "follower", "trafficsource", "traffic", "live", "comments", "activity"} {
		if strings.HasPrefix(base, p) {
			return true
		}
	}
	return false
}

// withCSV opens a CSV file for fn and closes it after.
func withCSV(name file, fn func(*csvSource) error) error {
	f, err := openFileCSV(name)
	if err != nil {
		return err
	}
	defer f.close()
	return fn(f.src)
}

type openedCSV struct {
	src   *csvSource
	close func() error
}

// studioHistory reads a Date + (Followers) table to its end: the newest day (the last row), and
// the follower count of the newest day that has one ("undefined" is missing).
func studioHistory(s *csvSource, b *Batch) (day string, n Count, last exportDate) {
	n = Missing
	dateCol, countCol := -1, -1
	for i, h := range s.header {
		switch foldHeader(h) {
		case "date":
			dateCol = i
		case "followers":
			countCol = i
		}
	}
	_ = s.each(func(rec []string, line int) {
		if dateCol >= 0 && dateCol < len(rec) {
			if t, o, err := parseDate(rec[dateCol]); err == nil && o == orderYearless {
				last = exportDate{t.Month(), t.Day()}
			}
		}
		if dateCol >= 0 && dateCol < len(rec) && countCol >= 0 && countCol < len(rec) && rec[countCol] != "undefined" {
			if c, _, err := ParseCount(rec[countCol]); err == nil && c.Known() {
				n, day = c, strings.Clone(rec[dateCol]) // the cells are lent by the CSV scanner
			} else if err != nil && b != nil {
				if ve, ok := err.(*ValueError); ok {
					b.rowNotice(&RowError{File: s.name, Line: line, Column: "followers", Value: ve.Value, Reason: ve.Reason})
				} else {
					b.warn(fmt.Sprintf("%s:%d: followers: %v", s.name, line, err))
				}
			}
		}
	}, func(*RowError) {}, s.name)
	return day, n, last
}

// handleFromHistoryName reads the handle in "Followers_<handle>_FollowerHistory.csv".
func handleFromHistoryName(base string) string {
	s := strings.TrimSuffix(base, filepath.Ext(base))
	s, ok := strings.CutPrefix(s, "Followers_")
	if !ok {
		return ""
	}
	i := strings.LastIndex(s, "_")
	if i <= 0 {
		return ""
	}
	return s[:i]
}

// studioFollowersNote is what a follower history gave: its newest known count and day.
func studioFollowersNote(n Count, day string) lang.Msg {
	if !n.Known() {
		return lang.M("ingest.note.studio_no_followers")
	}
	return lang.M("ingest.note.studio_followers", lang.Count("followers", int64(n)), lang.Text("day", day))
}

func countText(c Count) string {
	if !c.Known() {
		return "unknown"
	}
	return strconv.FormatInt(int64(c), 10)
}

// videoIDTime reads the creation time TikTok puts in a video id's top 32 bits; ok is false
// for ids that do not hold a plausible one.
func (b *Batch) videoIDTime(p *Post) (time.Time, bool) {
	id := b.text(p.VideoID)
	if id == "" {
		if _, rest, ok := strings.Cut(b.text(p.URL), "/video/"); ok {
			id = rest
			if i := strings.IndexAny(id, "/?#"); i >= 0 {
				id = id[:i]
			}
		}
	}
	v, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	t := time.Unix(int64(v>>32), 0).UTC()
	if t.Year() < 2016 || t.Year() > 2100 {
		return time.Time{}, false
	}
	return t, true
}

// placeYearless gives the table's yearless dates the latest year that keeps them on or before
// the export date (see the comment at the top of this file).
func (t *table) placeYearless() {
	var idx []int
	for _, e := range t.dates.entries {
		if e.order == orderYearless {
			idx = append(idx, e.post)
		}
	}
	if len(idx) == 0 {
		return
	}
	posts := t.b.Posts
	var newest time.Time
	for i := t.first; i < len(posts); i++ {
		if at, ok := t.b.videoIDTime(&posts[i]); ok && at.After(newest) {
			newest = at
		}
	}
	anchor := newest
	if anchor.IsZero() {
		anchor = t.now
	}
	export := anchor
	if t.export.known() {
		export = time.Date(anchor.Year(), t.export.month, t.export.day, 23, 59, 59, 0, time.UTC)
		if !newest.IsZero() && export.Before(newest.Add(-24*time.Hour)) {
			export = export.AddDate(1, 0, 0)
		} else if newest.IsZero() && export.After(t.now) {
			export = export.AddDate(-1, 0, 0)
		}
	}
	for _, i := range idx {
		d := posts[i].PostedAt.Time() // in yearlessYear until now
		at := time.Date(export.Year(), d.Month(), d.Day(), d.Hour(), d.Minute(), d.Second(), 0, time.UTC)
		if at.After(export) {
			at = time.Date(export.Year()-1, d.Month(), d.Day(), d.Hour(), d.Minute(), d.Second(), 0, time.UTC)
		}
		posts[i].PostedAt = At(at)
	}
}
