package ingest

import (
	"slices"
	"time"
)

// A post holds no pointer: its strings are Texts, places in its batch's Texts, and its date an
// Instant. So a million posts are one block of memory the collector never scans (it scans
// only what holds pointers), 128 bytes each instead of 192: at a million posts the run's peak
// is 64 MB smaller, and the collector's rounds, which each marked the 212 MB of posts and their
// 7 million pointers, are short enough for the memory limit to follow the live set more
// closely (cmd/vet/memory.go).

// Text is a string a post keeps: its block in Texts (24 bits: 16 million blocks, each of at
// least 4 KiB), where it starts in that block, and how long it is. The zero Text is "". A Text
// means something only in the Texts that kept it: a batch's posts read their own batch's.
type Text uint64

const (
	textLenBits = 20 // a string up to a block long
	textOffBits = 20 // where in a block of up to textBlock bytes
	textLenMask = 1<<textLenBits - 1
	textOffMask = 1<<textOffBits - 1
)

// textBlock is the largest block strings share, and textFirst a table's first: the blocks
// double from textFirst, so that a table of one post (a folder of 50,000 one-post files) takes
// a small block, not a megabyte each. A string longer than textBlock/16 gets a block of its own.
const (
	textFirst = 4 << 10
	textBlock = 1 << textOffBits
)

// Texts are the bytes of a batch's strings, in blocks that are only ever appended to, so a
// string once kept never changes: Of lends it without a copy.
type Texts struct {
	blocks [][]byte
}

// Keep copies s into the texts and returns where it is.
func (ts *Texts) Keep(s string) Text {
	if s == "" {
		return 0
	}
	if len(s) > textBlock/16 { // a block of its own, full: when s is too long for the field, the block's length is its
		ts.blocks = append(ts.blocks, slices.Clip([]byte(s)))
		return textAt(len(ts.blocks)-1, 0, min(len(s), textLenMask))
	}
	last := len(ts.blocks) - 1
	if last < 0 || cap(ts.blocks[last])-len(ts.blocks[last]) < len(s) {
		size := textFirst
		if last >= 0 {
			size = min(textBlock, max(size, 2*cap(ts.blocks[last])))
		}
		ts.blocks = append(ts.blocks, make([]byte, 0, max(size, 2*len(s))))
		last++
	}
	off := len(ts.blocks[last])
	ts.blocks[last] = append(ts.blocks[last], s...)
	return textAt(last, off, len(s))
}

func textAt(block, off, n int) Text {
	return Text(uint64(block)<<(textOffBits+textLenBits) | uint64(off)<<textLenBits | uint64(n))
}

// Of is the string at t, sharing the texts' bytes. The zero Text is "" in any Texts, nil too.
func (ts *Texts) Of(t Text) string {
	n := int(t & textLenMask)
	if n == 0 {
		return ""
	}
	b := ts.blocks[t>>(textOffBits+textLenBits)]
	if n == textLenMask { // a string of a block of its own, as long as the block
		return lend(b)
	}
	off := int(t>>textLenBits) & textOffMask
	return lend(b[off : off+n])
}

// join appends other's blocks to ts and returns what the Texts of other's posts must be
// shifted by (rebase).
func (ts *Texts) join(other *Texts) Text {
	shift := Text(len(ts.blocks)) << (textOffBits + textLenBits)
	ts.blocks = append(ts.blocks, other.blocks...)
	return shift
}

// rebase moves a post's Texts by shift (join).
func (p *Post) rebase(shift Text) {
	for _, t := range [...]*Text{&p.Account, &p.Key, &p.VideoID, &p.URL, &p.Caption, &p.File} {
		if *t != 0 {
			*t += shift
		}
	}
}

// Instant is a post's date: nanoseconds since 1960-01-01 UTC, so that every date a post may
// have (1970 to 2200, see minTime) fits, and the zero Instant is no date.
type Instant int64

// epoch is the Instant's zero.
var epoch = time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)

// At is t as an Instant; the zero time is no date.
func At(t time.Time) Instant {
	if t.IsZero() {
		return 0
	}
	return Instant(t.Sub(epoch))
}

// Time is the date in UTC, the zero time when there is none.
func (i Instant) Time() time.Time {
	if i == 0 {
		return time.Time{}
	}
	return epoch.Add(time.Duration(i))
}

// IsZero reports a post without a date.
func (i Instant) IsZero() bool { return i == 0 }

// After, Before and Compare order dates as time.Time's methods do.
func (i Instant) After(j Instant) bool  { return i > j }
func (i Instant) Before(j Instant) bool { return i < j }
func (i Instant) Compare(j Instant) int {
	switch {
	case i < j:
		return -1
	case i > j:
		return 1
	}
	return 0
}

// Unix is the date in seconds since 1970, as time.Time's Unix.
func (i Instant) Unix() int64 { return i.Time().Unix() }

// text is the string at t in the batch's texts.
func (b *Batch) text(t Text) string { return b.Texts.Of(t) }
