package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encodings a text file is found in.
const (
	encUTF8    = "utf-8"
	encUTF8BOM = "utf-8 bom"
	encUTF16LE = "utf-16le"
	encUTF16BE = "utf-16be"
	encCP1252  = "windows-1252"
)

// sniffWindow is how much of a file decides its encoding and dialect.
const sniffWindow = 64 << 10

// errBinary is a file that is not text in any encoding vet reads.
var errBinary = errors.New("is not a text file (binary data); vet reads CSV, XLSX and JSON exports")

// binaryMagic are the first bytes of files that are plainly not text: PDF, PNG, GIF, JPEG,
// gzip, 7-Zip, RAR, ELF and Mach-O executables.
var binaryMagic = [][]byte{[]byte("%PDF-"), []byte("\x89PNG"), []byte("GIF8"), {0xFF, 0xD8, 0xFF}, {0x1F, 0x8B},
	[]byte("7z\xBC\xAF"), []byte("Rar!"), []byte("\x7fELF"), {0xCF, 0xFA, 0xED, 0xFE}}

// looksBinary reports whether the first bytes of a file are not text: a known binary format,
// or more than one byte in ten a NUL or another control character (UTF-16 without its mark
// is half NULs). One NUL in a field is no reason to refuse a file: that row is rejected
// (table.post), the others read.
func looksBinary(head []byte) bool {
	for _, m := range binaryMagic {
		if bytes.HasPrefix(head, m) {
			return true
		}
	}
	ctrl := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			ctrl++
		}
	}
	return ctrl > 0 && ctrl*10 >= len(head)
}

// textReader is the one place where encodings are handled (STYLE §5): every text format reads
// UTF-8 from it. It reads the byte-order mark (UTF-8, UTF-16 LE/BE: Excel's "Unicode text"),
// and otherwise takes the bytes as UTF-8 unless the first 64 KiB are not, in which case they
// are Windows-1252 (what Excel on Windows writes as "CSV"). A stray non-UTF-8 byte later in a
// UTF-8 file is read as Windows-1252 too, rather than passed on to break the report.
type textReader struct {
	io.Reader
	Encoding string
	fallback *utf8Fallback
}

// Mixed reports whether a file taken as UTF-8 held bytes that were not.
func (t *textReader) Mixed() bool { return t.fallback != nil && t.fallback.used }

// mixedLines lists the first physical lines that held Windows-1252 bytes: "3, 7, …".
func (t *textReader) mixedLines() string {
	var ns []string
	for _, n := range t.fallback.lines {
		ns = append(ns, strconv.Itoa(n))
	}
	if len(ns) == maxMixedLines {
		ns = append(ns, "…")
	}
	return strings.Join(ns, ", ")
}

func newTextReader(name string, br *bufio.Reader) (*textReader, error) {
	head, err := br.Peek(sniffWindow)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		fb := &utf8Fallback{}
		return &textReader{Reader: transform.NewReader(br, fb), Encoding: encUTF8BOM, fallback: fb}, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		return &textReader{Reader: transform.NewReader(br, dec), Encoding: encUTF16LE}, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		return &textReader{Reader: transform.NewReader(br, dec), Encoding: encUTF16BE}, nil
	}
	if looksBinary(head) {
		return nil, fmt.Errorf("%s: %w", name, errBinary)
	}
	if !validUTF8Prefix(head, len(head) < sniffWindow) && !holdsUTF8(head) {
		return &textReader{Reader: transform.NewReader(br, charmap.Windows1252.NewDecoder()), Encoding: encCP1252}, nil
	}
	// UTF-8, or a file mixing UTF-8 rows with Windows-1252 ones (rows pasted from two exports):
	// each byte sequence that is UTF-8 is read as UTF-8, any other byte as Windows-1252, so a
	// row of either is read as written (josé stays josé, not josÃ©) and Mixed says so.
	fb := &utf8Fallback{}
	return &textReader{Reader: transform.NewReader(br, fb), Encoding: encUTF8, fallback: fb}, nil
}

// holdsUTF8 reports whether b holds a multi-byte UTF-8 character: a file whose start is not
// valid UTF-8 but holds some is a mix, not Windows-1252 throughout (whose letters above 127
// are single bytes, which almost never pair into UTF-8).
func holdsUTF8(b []byte) bool {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || size > 1 {
			return true
		}
		i += size
	}
	return false
}

// validUTF8Prefix is utf8.Valid, forgiving a rune cut at the end of a window.
func validUTF8Prefix(b []byte, complete bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if complete {
		return false
	}
	for cut := 1; cut <= utf8.UTFMax && cut <= len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) {
			return true
		}
	}
	return false
}

// utf8Fallback passes UTF-8 through and reads any byte that is not part of valid UTF-8 as
// Windows-1252. It counts lines to name the first few that held such bytes.
type utf8Fallback struct {
	used  bool
	line  int   // lines passed, less one
	lines []int // the first lines holding Windows-1252 bytes
}

// maxMixedLines is how many lines holding Windows-1252 bytes are named.
const maxMixedLines = 5

func (f *utf8Fallback) fellBack() {
	f.used = true
	if n := len(f.lines); n < maxMixedLines && (n == 0 || f.lines[n-1] != f.line+1) {
		f.lines = append(f.lines, f.line+1)
	}
}

func (f *utf8Fallback) Reset() {}

func (f *utf8Fallback) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	// Fast path: a valid chunk is copied whole.
	if len(src) <= len(dst) && utf8.Valid(src) {
		f.line += bytes.Count(src, []byte{'\n'})
		return copy(dst, src), len(src), nil
	}
	for nSrc < len(src) {
		c := src[nSrc]
		if c < utf8.RuneSelf {
			if nDst >= len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			dst[nDst] = c
			nDst++
			nSrc++
			if c == '\n' {
				f.line++
			}
			continue
		}
		if !atEOF && !utf8.FullRune(src[nSrc:]) {
			return nDst, nSrc, transform.ErrShortSrc
		}
		r, size := utf8.DecodeRune(src[nSrc:])
		if r == utf8.RuneError && size == 1 {
			r = charmap.Windows1252.DecodeByte(c)
			f.fellBack()
		}
		if nDst+utf8.RuneLen(r) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += utf8.EncodeRune(dst[nDst:], r)
		nSrc += size
	}
	return nDst, nSrc, nil
}
