package ingest

import "unsafe"

// lend is b as a string that shares b's bytes, without a copy. It is the one place ingest makes
// a string by unsafe.String, and its contract is the caller's to keep: the string is valid
// only while nothing writes b's bytes again. Two callers keep it:
//
//   - csvScanner.next lends each field of a record out of its read buffer or its unquoting
//     buffer, which the next call overwrites: a field is valid until the scanner's next read,
//     and whoever keeps one (table.post, a follower table) copies it (strings.Clone or Texts).
//   - Texts.Of lends the strings a post keeps out of blocks that are only ever appended to
//     (text.go): valid for as long as the posts.
func lend(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}
