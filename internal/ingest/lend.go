package ingest

import (
	"strings"
	"unsafe"
)

// lend is b as a string that shares b's bytes, without a copy. It is the one place ingest makes
// a string by unsafe.String, and its contract is the caller's to keep: the string is valid
// only while nothing writes b's bytes again. Two callers keep it:
//
//   - csvScanner.next lends each field of a record out of its read buffer or its unquoting
//     buffer, which the next call overwrites: a field is valid until the scanner's next read,
//     and whoever keeps one (table.post, a follower table) copies it (strings.Clone or an
//     arena).
//   - arena.keep lends the strings a post keeps out of blocks that are only ever appended to:
//     valid for as long as the posts.
func lend(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// arena copies the strings a post keeps into large shared blocks. The CSV scanner only lends
// its cells, so what a post keeps (its url, its caption) must be copied; one small object per
// string would be a million objects for the collector to mark, a block holds thousands.
type arena struct{ buf []byte }

// An arena's blocks grow from arenaFirst to arenaBlock, doubling: a table of one post (a
// folder of 50,000 one-post files) takes a small block, not a megabyte each (50 GB made and
// cleared, most of 52 s).
const (
	arenaFirst = 4 << 10
	arenaBlock = 1 << 20
)

func (a *arena) keep(s string) string {
	if len(s) == 0 {
		return ""
	}
	if len(s) > arenaBlock/16 {
		return strings.Clone(s)
	}
	if cap(a.buf)-len(a.buf) < len(s) {
		a.buf = make([]byte, 0, min(arenaBlock, max(arenaFirst, 2*cap(a.buf), 2*len(s))))
	}
	off := len(a.buf)
	a.buf = append(a.buf, s...)
	return lend(a.buf[off:]) // the block is only ever appended to: these bytes never change
}
