package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
)

// Bounds on what a workbook may unpack to, beyond excelize's total (unzipSizeLimit). A 308 KB
// workbook holding one 300 MB shared string took 3.3 GB and 57 s, and 3 million shared strings
// in 126 KB took 690 MB; both were read. Real exports are nowhere near these bounds.
const (
	// maxPackRatio is how many times its packed size a part may unpack to. XML packs about 10
	// times (vet's own 1M-post workbook: 7 to 16); deflate's most is about 1,000, a zip bomb's.
	maxPackRatio = 250
	// packRatioFloor is what any part may unpack to whatever its ratio: small parts of little
	// but markup (an empty sheet, the styles) pack very tightly.
	packRatioFloor = 1 << 20
	// maxSharedStringsBytes bounds the shared strings part: a million posts' captions come to
	// a few hundred MB at most.
	maxSharedStringsBytes = 512 << 20
	// maxSharedString bounds one shared string, markup included: Excel's cells hold at most
	// 32,767 characters, which escaped and in rich-text runs stay well under it.
	maxSharedString = 1 << 20
	// sharedStringsPerCell: a workbook has no use for more strings than it has cells; some
	// room is left for strings its cells no longer use.
	sharedStringsPerCell = 2
	sharedStringsSlack   = 1 << 10
)

// unpackLimit is how many bytes zf may unpack to, by its packed size.
func unpackLimit(zf *zip.File) int64 {
	return max(packRatioFloor, int64(min(zf.CompressedSize64, 1<<40))*maxPackRatio)
}

// packRatioError refuses a part that unpacks past unpackLimit, as declared or as read.
func packRatioError(name string, zf *zip.File) error {
	return fmt.Errorf("%s: is refused: its part %s unpacks to more than %d times its packed size (a damaged file or a zip bomb)", name, zf.Name, maxPackRatio)
}

// sharedStringsError says what is wrong with a workbook's shared strings, "" when nothing is:
// sst counted in xl/sharedStrings.xml, cells in its worksheets.
func sharedStringsError(name string, sst *tagCounter, size int64, cells int64) error {
	switch {
	case size > maxSharedStringsBytes:
		return fmt.Errorf("%s: is refused: its shared strings unpack to more than %d MiB (a damaged file or a zip bomb)", name, maxSharedStringsBytes>>20)
	case sst.longest() > maxSharedString:
		return fmt.Errorf("%s: is refused: it holds a shared string of more than %d MiB, which no cell holds (Excel's hold 32,767 characters)", name, maxSharedString>>20)
	case sst.n > sharedStringsPerCell*cells+sharedStringsSlack:
		return fmt.Errorf("%s: is refused: it holds %d shared strings for %d cells (a damaged file or a zip bomb)", name, sst.n, cells)
	}
	return nil
}

// tagCounter counts the elements an XML text written to it opens with the tag open (<si, <c),
// and the longest stretch from one to the next or to the end. It keeps the last bytes of each
// write, so that a tag cut between two writes is counted once.
type tagCounter struct {
	open     []byte
	n        int64
	pos      int64 // bytes written so far
	last     int64 // where the last element opened; -1 before the first
	long     int64 // the longest stretch between two openings
	tail     [8]byte
	tailN    int
	anyFound bool
}

func newTagCounter(open string) *tagCounter { return &tagCounter{open: []byte(open), last: -1} }

// tagEnds reports whether b may follow a tag's name.
func tagEnds(b byte) bool {
	return b == ' ' || b == '>' || b == '/' || b == '\t' || b == '\n' || b == '\r'
}

func (c *tagCounter) hit(at int64) {
	if c.last >= 0 {
		c.long = max(c.long, at-c.last)
	}
	c.n, c.last = c.n+1, at
}

func (c *tagCounter) Write(p []byte) (int, error) {
	k := len(c.open)
	if c.tailN > 0 { // an opening that begins in the last write's tail
		var j [24]byte
		m := copy(j[:], c.tail[:c.tailN])
		m += copy(j[m:], p[:min(len(p), k)])
		for i := 0; i < c.tailN; i++ {
			if i+k < m && bytes.Equal(j[i:i+k], c.open) && tagEnds(j[i+k]) {
				c.hit(c.pos - int64(c.tailN) + int64(i))
			}
		}
	}
	for off := 0; ; {
		i := bytes.Index(p[off:], c.open)
		if i < 0 {
			break
		}
		at := off + i
		if at+k < len(p) && tagEnds(p[at+k]) {
			c.hit(c.pos + int64(at))
		}
		off = at + 1
	}
	// keep the last k bytes written: an opening beginning there is decided by the next write
	var j [16]byte
	m := copy(j[:], c.tail[:c.tailN])
	m += copy(j[m:], p[max(0, len(p)-k):])
	c.tailN = copy(c.tail[:], j[max(0, m-k):m])
	c.pos += int64(len(p))
	return len(p), nil
}

// longest is the longest stretch from an opening to the next or to the end.
func (c *tagCounter) longest() int64 {
	if c.last < 0 {
		return 0
	}
	return max(c.long, c.pos-c.last)
}
