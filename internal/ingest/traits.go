package ingest

import (
	"math"
	"strconv"
	"strings"
)

// Flag is a yes or no an export may leave unsaid: a blank cell, or no such column.
type Flag uint8

// The values of a Flag; the zero value is Unsaid.
const (
	Unsaid Flag = iota
	Yes
	No
)

// flagOf reads a yes-or-no cell; blank, or anything parseBool does not read, is Unsaid: these
// columns describe a post, they do not decide whether it counts, so a cell they cannot read
// loses the trait and never the post.
func flagOf(cell string) Flag {
	if trimSpace(cell) == "" {
		return Unsaid
	}
	v, ok := parseBool(cell)
	switch {
	case !ok:
		return Unsaid
	case v:
		return Yes
	}
	return No
}

// traits reads what the post is made of: its sound, length, duet or stitch, and TikTok
// Studio's watch time, where the table has those columns (issue 21).
func (t *table) traits(p *Post, cells []string) {
	p.OriginalSound = flagOf(t.cell(cells, FieldOriginalSound))
	p.DuetOrStitch = Unsaid
	for _, i := range t.flagCols[3] {
		if i >= len(cells) {
			continue
		}
		switch f := flagOf(cells[i]); {
		case f == Yes:
			p.DuetOrStitch = Yes
		case f == No && p.DuetOrStitch == Unsaid:
			p.DuetOrStitch = No
		}
	}
	p.Sound = t.sound(cells)
	p.SoundUses = parseUses(t.cell(cells, FieldSoundUses))
	full, ok := parseShare(t.cell(cells, FieldWatchedFull))
	if !ok {
		full = -1
	}
	p.SetLength(parseSeconds(t.cell(cells, FieldDuration)), parseSeconds(t.cell(cells, FieldWatchTime)), full)
}

// sound is the post's sound as an index into the batch's Sounds: its id, else its title with
// its author (two creators' "original sound" are different sounds); 0 when the row names none.
func (t *table) sound(cells []string) int32 {
	key := trimSpace(t.cell(cells, FieldSoundID))
	if key == "" {
		name := trimSpace(t.cell(cells, FieldSoundName))
		if name == "" {
			return 0
		}
		key = name
		if by := trimSpace(t.cell(cells, FieldSoundAuthor)); by != "" {
			key = name + " — " + by
		}
	}
	if hasControl(key) {
		return 0
	}
	return t.b.soundID(key)
}

// soundID is the index of a sound in b.Sounds, added when new; Sounds[0] is no sound.
func (b *Batch) soundID(key string) int32 {
	if id, ok := b.soundIDs[key]; ok {
		return id
	}
	if b.soundIDs == nil {
		b.soundIDs, b.Sounds = map[string]int32{}, []string{""}
	}
	key = strings.Clone(key)
	id := int32(len(b.Sounds))
	b.Sounds = append(b.Sounds, key)
	b.soundIDs[key] = id
	return id
}

// joinSounds renumbers the sounds of posts read on their own (p's) into b's.
func (b *Batch) joinSounds(posts []Post, p *Batch) {
	if len(p.Sounds) < 2 {
		return
	}
	ids := make([]int32, len(p.Sounds))
	for i, s := range p.Sounds[1:] {
		ids[i+1] = b.soundID(s)
	}
	for i := range posts {
		posts[i].Sound = ids[posts[i].Sound]
	}
}

// parseUses reads how many videos use a sound: a count as ParseCount reads it, followed or not
// by a word ("1.2K videos"); 0 when the cell says none it can read.
func parseUses(s string) int32 {
	s = trimSpace(s)
	if i := strings.IndexByte(s, ' '); i > 0 {
		s = s[:i]
	}
	n, _, err := ParseCount(s)
	if err != nil || n <= 0 {
		return 0
	}
	return int32(min(n, math.MaxInt32))
}

// parseSeconds reads a length of time in seconds: "15", "15.5", "7,5", "15s", "0:15",
// "00:01:05"; 0 for a blank, an unreadable value, 0 itself (Apify's length of a photo post)
// and anything beyond a day (a misread column, not a video).
func parseSeconds(s string) float64 {
	s = strings.ToLower(trimSpace(s))
	for _, unit := range [...]string{"seconds", "second", "secs", "sec", "s"} {
		if rest, ok := strings.CutSuffix(s, unit); ok {
			s = trimSpace(rest)
			break
		}
	}
	if s == "" {
		return 0
	}
	total := 0.0
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0
	}
	for i, part := range parts {
		v, ok := decimal(part)
		if !ok || v < 0 || (i > 0 && v >= 60) {
			return 0
		}
		total = total*60 + v
	}
	if total <= 0 || total > 24*60*60 {
		return 0
	}
	return total
}

// parseShare reads a share of views as a percent: "23.4%" and "23,4 %" are 23.4, and so is
// 0.234 (a plain number up to 1 is a fraction; above 1, a percent). ok is false for a blank,
// an unreadable value or one outside 0–100%.
func parseShare(s string) (float64, bool) {
	s = trimSpace(s)
	if s == "" {
		return 0, false
	}
	pct := false
	if rest, ok := strings.CutSuffix(s, "%"); ok {
		s, pct = trimSpace(rest), true
	}
	v, ok := decimal(s)
	if !ok {
		return 0, false
	}
	if !pct && v <= 1 {
		v *= 100
	}
	if v < 0 || v > 100 {
		return 0, false
	}
	return v, true
}

// decimal reads a plain decimal number with a point or, when it has no point, a comma.
func decimal(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	if !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}
