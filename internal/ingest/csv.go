package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/vet-tool/vet/internal/lang"
)

// csvSource is a delimited text file opened and understood: its encoding, its delimiter and
// its header row, ready to read records from.
type csvSource struct {
	name       string
	sc         *csvScanner
	text       *textReader
	header     []string
	delimiter  rune
	lineOffset int // physical lines before what the scanner reads (a "sep=" line)
	// The sniffed sample's size and line count, to guess the rows of a file from its size.
	sample, sampleLines int
	warn                func(lang.Msg) // where each says what it did with a quote left open; nil drops it
}

// estimateRows guesses how many rows a file of size bytes holds, from its first 64 KiB; 0 when
// it cannot tell. Growing a slice of a million Posts by doubling costs more than the parsing.
// Only lines with something on them count, and a row holds at least a delimiter per column: a
// quoted field of 10 MB of newlines made it reserve ten million Posts (1.9 GB).
func (s *csvSource) estimateRows(size int64) int {
	if size <= 0 || s.sampleLines < 2 || s.sample == 0 {
		return 0
	}
	est := size * int64(s.sampleLines) / int64(s.sample)
	est = min(est, size/int64(max(1, len(s.header))))
	return int(min(est+est/16+16, 50_000_000))
}

// filledLines counts the lines of b that hold more than their line ending.
func filledLines(b []byte) int {
	n := 0
	for i, c := range b {
		if c == '\n' && i > 0 && b[i-1] != '\n' && (b[i-1] != '\r' || i > 1 && b[i-2] != '\n') {
			n++
		}
	}
	return n
}

// openCSV reads up to the header. It splits records itself (csvScanner, held to encoding/csv's
// reading by a fuzz test): gocsv reports record indexes instead of physical lines and parses
// numbers its own way (SPEC §7), and encoding/csv allocates every record anew.
func openCSV(name string, r io.Reader) (*csvSource, error) {
	br, ok := r.(*bufio.Reader)
	textSize := sniffWindow
	if ok && br.Size() < sniffWindow {
		// a small buffer (readBuffer) is kept when the whole file lies in it: then so does its
		// text, decoded (a byte of windows-1252 is at most 3 of UTF-8)
		if _, err := br.Peek(br.Size()); err == io.EOF {
			textSize = max(1<<10, 4*br.Buffered()+64)
		} else {
			ok = false
		}
	}
	if !ok {
		br = bufio.NewReaderSize(r, sniffWindow)
	}
	tr, err := newTextReader(name, br)
	if err != nil {
		return nil, err
	}
	text := bufio.NewReaderSize(tr, textSize)
	sample, err := text.Peek(sniffWindow)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if looksBinary(sample) {
		return nil, fmt.Errorf("%s: %w", name, errBinary)
	}
	if bytes.IndexByte(sample, '\n') < 0 && bytes.IndexByte(sample, '\r') >= 0 {
		// Excel for Mac's "CSV (Macintosh)" ends lines with a lone CR: read each as a line.
		text = bufio.NewReaderSize(crLines{text}, sniffWindow)
		if sample, err = text.Peek(sniffWindow); err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	delim := SniffDelimiter(sample, len(sample) < sniffWindow)
	if strings.EqualFold(filepath.Ext(name), ".tsv") {
		delim = '\t'
	}
	skipped := 0
	if d, n, ok := excelSepLine(sample); ok {
		// Excel's "sep=;" first line names the delimiter; it is not the header.
		delim, skipped = d, 1
		text.Discard(n)
	}
	sc := newCSVScanner(text, delim)
	header, err := sc.next()
	for err == nil && blankRecord(header) {
		header, err = sc.next()
	}
	if err == io.EOF {
		return nil, fileErr(name, "empty")
	}
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	if sc.unclosed && sc.spans() {
		return nil, fmt.Errorf("%s:%d: header: a quote opened on this line is never closed", name, sc.start+skipped)
	}
	return &csvSource{name: name, sc: sc, header: trimAll(header), text: tr, delimiter: delim, lineOffset: skipped, sample: len(sample), sampleLines: filledLines(sample)}, nil
}

func (s *csvSource) input(format string) Input {
	return Input{Name: s.name, Format: format, Encoding: s.text.Encoding, Delimiter: delimiterName(s.delimiter)}
}

// readCSV reads one delimited text file of posts.
func readCSV(name string, r io.Reader, opts *Options, b *Batch, rs *reading) error {
	src, err := openCSV(name, r)
	if err != nil {
		return err
	}
	t, err := newTable(b, src.input("csv"), src.header, opts)
	var mf *MissingFieldError
	if errors.As(err, &mf) && !hasPostColumns(src.header, opts) {
		// Handles with followers or prices and no counts: an accounts file dropped among the
		// exports, read as --accounts would read it (as an accounts sheet of a workbook is).
		if ft, ferr := newFollowerTable(b, src.input("csv"), src.header, opts); ferr == nil {
			src.warn = b.notice
			return src.each(ft.row, b.rowNotice, name)
		}
	}
	if errors.As(err, &mf) {
		// A few title lines may sit above the header: look for it a little further down.
		if t2, line := src.findHeader(b, opts); t2 != nil {
			t, err = t2, nil
			b.notice(say("header_line", lang.Text("file", name), lang.Text("line", strconv.Itoa(line))))
		}
	}
	if err != nil {
		return err
	}
	b.reserve(src.estimateRows(rs.sizeHint + rs.later)) // room for the files after it too: a million Posts copied per file was most of reading many
	return src.readInto(t)
}

// findHeader reads up to maxTitleRows more records for one that names the required fields.
func (s *csvSource) findHeader(b *Batch, opts *Options) (*table, int) {
	for tries := 0; tries < maxTitleRows; {
		rec, err := s.sc.next()
		if err != nil {
			return nil, 0
		}
		if blankRecord(rec) {
			continue
		}
		tries++
		header := trimAll(rec)
		if _, _, err := resolveLayout(s.name, header, opts); err != nil {
			continue
		}
		line := s.sc.start
		s.header = header
		t, err := newTable(b, s.input("csv"), header, opts)
		if err != nil {
			return nil, 0
		}
		return t, line + s.lineOffset
	}
	return nil, 0
}

// readInto hands every record to the table, then lets it settle its dates.
func (s *csvSource) readInto(t *table) error {
	s.warn = t.b.notice
	if err := s.each(func(rec []string, line int) { t.row(rec, line) }, t.rowError, t.file); err != nil {
		return err
	}
	if s.text.Mixed() {
		t.b.Inputs[t.in].Encoding = encUTF8 + " (with some windows-1252 bytes)"
		t.b.notice(say("mixed_encoding", lang.Text("file", t.file), lang.Text("lines", s.text.mixedLines())))
	}
	t.finish()
	return nil
}

// each calls row for every data record with its physical line (the line a user sees in an
// editor, even after captions with newlines), and bad for records whose field count differs
// from the header's. Blank records (Excel leaves ",,,," rows behind) are no data and are not
// counted. The cells row is given are lent (see csvScanner): row copies what it keeps.
func (s *csvSource) each(row func([]string, int), bad func(*RowError), file string) error {
	want := len(s.header)
	for {
		rec, err := s.sc.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		line := s.sc.start + s.lineOffset
		if s.sc.cut {
			// A row longer than any export's (maxRecordBytes): rejected, and the lines a quoted
			// field ran over read again as rows, as for a quote left open.
			if s.sc.spans() {
				s.sc.reopen()
			}
			bad(&RowError{File: file, Line: line, Reason: why("too_long", lang.Text("max", "1 MB"))})
			continue
		}
		if s.sc.spans() && (s.sc.unclosed || len(rec) != want || s.sc.swallowed(want)) {
			// A quote left open: it ran to the end of the file, on over lines into a row of the
			// wrong shape, or over lines that are rows themselves. The row it opened on is
			// rejected and the lines it swallowed are read again as rows (SPEC §2): never lost,
			// and named on stderr.
			n := s.sc.spilledLines()
			how := lang.M("ingest.notice.quote.runs_on", lang.Text("line", strconv.Itoa(line+n)))
			reason := why("quote_runs_on", lang.Text("line", strconv.Itoa(line+n)))
			if s.sc.unclosed {
				how, reason = lang.M("ingest.notice.quote.never_closed"), why("quote_unclosed")
			}
			s.sc.reopen()
			if s.warn != nil {
				var after lang.Msg
				if n > 0 {
					after = lang.MN("ingest.notice.quote.lines_after", int64(n))
				}
				s.warn(say("quote.opened", lang.Text("where", file+":"+strconv.Itoa(line)), lang.Sub("how", how), lang.Sub("after", after)))
			}
			bad(&RowError{File: file, Line: line, Reason: reason})
			continue
		}
		if blankRecord(rec) {
			continue
		}
		if len(rec) != want {
			if len(rec) < want || !blankRecord(rec[want:]) {
				bad(&RowError{File: file, Line: line, Reason: why("fields", lang.Count("fields", int64(len(rec))), lang.Count("want", int64(want)))})
				continue
			}
			rec = rec[:want]
		}
		row(rec, line)
	}
}

func blankRecord(rec []string) bool {
	for _, c := range rec {
		if trimSpace(c) != "" {
			return false
		}
	}
	return true
}

// openFileCSV opens a CSV file by name; close it when done.
func openFileCSV(name file) (*openedCSV, error) {
	f, err := os.Open(name.path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name.name, unwrapPathError(err))
	}
	src, err := openCSV(name.name, f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &openedCSV{src: src, close: f.Close}, nil
}

// excelSepLine reads Excel's optional first line "sep=X": the delimiter, and the bytes to skip.
func excelSepLine(sample []byte) (rune, int, bool) {
	if len(sample) < 5 || !bytes.HasPrefix(bytes.ToLower(sample[:4]), []byte("sep=")) {
		return 0, 0, false
	}
	end := bytes.IndexByte(sample, '\n')
	if end < 0 {
		return 0, 0, false
	}
	line := bytes.TrimRight(sample[:end], "\r")
	if len(line) != 5 {
		return 0, 0, false
	}
	for _, d := range delimiters {
		if rune(line[4]) == d {
			return d, end + 1, true
		}
	}
	return 0, 0, false
}

// crLines reads a file whose lines end with a lone CR (classic Mac OS) as lines ending in LF.
type crLines struct{ r io.Reader }

func (c crLines) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := range p[:n] {
		if p[i] == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}
