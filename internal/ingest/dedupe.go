package ingest

import (
	"strings"
	"time"
)

// dedupe keeps one copy of each video: the one with the most views, since counts only grow
// between exports. A video is known by its id (the video_id column, else the number in its
// /video/ url), else its url, else (exports such as Apify's XLSX carry neither) its account and
// posting time to the second: no one posts two videos in the same second, while a date without
// a time never identifies a video. Numeric ids go through a table of integers (idTable): at a
// million posts a map of strings costs more than reading the file.
func (b *Batch) dedupe() {
	ids := newIDTable(len(b.Posts))
	var others map[videoKey]int32
	kept := 0 // b.Posts[:kept] are the posts kept so far; a post moves only once one was dropped
	for j := range b.Posts {
		p := &b.Posts[j]
		var (
			i    int32
			seen bool
		)
		if id, ok := numericID(p); ok {
			i, seen = ids.add(id, int32(kept))
		} else if key, ok := keyOf(p); ok {
			if others == nil {
				others = map[videoKey]int32{}
			}
			if i, seen = others[key]; !seen {
				others[key] = int32(kept)
			}
		}
		if !seen {
			if kept != j {
				b.Posts[kept] = *p
			}
			kept++
			continue
		}
		dropped := p.File
		if moreViews(p.Views, b.Posts[i].Views) {
			dropped = b.Posts[i].File
			b.Posts[i] = *p
		}
		b.Duplicates++
		b.countDuplicate(dropped)
	}
	b.truncatePosts(kept)
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
func numericID(p *Post) (uint64, bool) {
	id := p.VideoID
	if id == "" {
		i := strings.Index(p.URL, "/video/")
		if i < 0 {
			return 0, false
		}
		id = p.URL[i+len("/video/"):]
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

// videoKey identifies a video whose id is not a number.
type videoKey struct {
	kind byte // 'i' id, 'u' url, 't' account + time
	s    string
	t    int64
}

func keyOf(p *Post) (videoKey, bool) {
	switch {
	case p.VideoID != "":
		return videoKey{kind: 'i', s: p.VideoID}, true
	case p.URL != "":
		return videoKey{kind: 'u', s: p.URL}, true
	case p.Key != "" && !p.PostedAt.IsZero() && !p.PostedAt.Equal(p.PostedAt.Truncate(24*time.Hour)):
		return videoKey{kind: 't', s: p.Key, t: p.PostedAt.UnixNano()}, true
	}
	return videoKey{}, false
}
