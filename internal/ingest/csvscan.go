package ingest

import (
	"bufio"
	"bytes"
	"io"
)

// csvScanner splits delimited text into records exactly as encoding/csv does with LazyQuotes
// and FieldsPerRecord -1 (FuzzCSVScanner holds it to that, fields and line numbers alike),
// but it lends its fields instead of allocating them.
//
// encoding/csv copies every record into a fresh string. At a million posts that is 200 MB of
// garbage. Most of ingest's time was spent faulting in fresh memory for it and collecting it,
// not splitting fields. Here a record without a quote is cut straight out of the read buffer,
// and any other record is unquoted into one buffer that is reused.
//
// The fields of a record are valid only until the next call to next: whoever keeps one must
// copy it (table.post keeps its strings in the batch's Texts).
type csvScanner struct {
	r      *bufio.Reader
	comma  byte
	line   int    // physical lines read so far
	start  int    // the physical line the last record starts on
	raw    []byte // a line longer than r's buffer
	buf    []byte // the last record's fields, unquoted (records with a quote)
	ends   []int  // where each field ends in buf
	fields []string
	// A record whose quoted field ran on past its first line keeps those further lines, as
	// read, in spill: should the quote prove to be one left open (see reopen), they are read
	// again from replay, one record per line, their quotes taken as text.
	spill, replay []byte
	replayed      bool // the last line read came from replay
	unclosed      bool // the last record ended because the file ended inside a quoted field
	cut           bool // the last record ran past maxRecordBytes and was cut there (see next)
}

// maxRecordBytes bounds a record: a line, or a quoted field running over lines, longer than
// this is cut here, and the record is rejected (csvSource.each). No export's row comes near it
// (TikTok's captions hold 4,000 characters), and without a bound a quoted field holding 10 MB
// of newlines took 2 GB. A variable so tests can lower it.
var maxRecordBytes = 1 << 20

func newCSVScanner(r *bufio.Reader, comma rune) *csvScanner {
	return &csvScanner{r: r, comma: byte(comma)}
}

// readLine is encoding/csv's: one physical line with its "\n" ("\r\n" becomes "\n"), a final
// line without one, a trailing "\r" before the end of the file dropped.
func (s *csvScanner) readLine() ([]byte, error) {
	if s.replayed = len(s.replay) > 0; s.replayed {
		line := s.replay
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1]
		}
		s.replay = s.replay[len(line):]
		s.line++
		return line, nil
	}
	line, err := s.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		s.raw = append(s.raw[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = s.r.ReadSlice('\n')
			if len(s.raw)+len(line) > maxRecordBytes {
				s.cut = true // the rest of the line is read past, not kept
				continue
			}
			s.raw = append(s.raw, line...)
		}
		line = s.raw
	}
	if len(line) > 0 && err == io.EOF {
		err = nil
		if line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
	}
	s.line++
	if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
		line[n-2] = '\n'
		line = line[:n-1]
	}
	return line, err
}

// next returns the next record, skipping empty lines; io.EOF after the last. The record and
// its fields are only lent: see csvScanner. A record longer than maxRecordBytes comes back cut
// there, with s.cut set; a quoted field cut so is ended as one never closed (s.unclosed), so
// that the lines it ran over can be read again (reopen).
func (s *csvScanner) next() ([]string, error) {
	var line []byte
	var err error
	s.cut = false
	for {
		line, err = s.readLine()
		if err == nil && len(line) == lengthNL(line) {
			continue // an empty line
		}
		break
	}
	if err == io.EOF {
		return nil, io.EOF
	}
	s.start = s.line
	s.fields = s.fields[:0]
	s.unclosed = false
	if s.replayed || bytes.IndexByte(line, '"') < 0 {
		// Most records have no quote: their fields are cut out of the line as it lies in the
		// read buffer, and stay valid until the next read.
		line = line[:len(line)-lengthNL(line)]
		for {
			i := bytes.IndexByte(line, s.comma)
			if i < 0 {
				s.fields = append(s.fields, lend(line))
				return s.fields, err
			}
			s.fields = append(s.fields, lend(line[:i]))
			line = line[i+1:]
		}
	}
	err = s.unquote(line, err)
	start := 0
	for _, end := range s.ends {
		s.fields = append(s.fields, lend(s.buf[start:end]))
		start = end
	}
	return s.fields, err
}

// unquote splits a record with quotes into s.buf and s.ends, reading further lines while a
// quoted field runs on. It follows encoding/csv's readRecord step by step: a quote that does
// not close a field is kept as text (LazyQuotes), and a file that ends inside a quoted field
// ends the field.
func (s *csvScanner) unquote(line []byte, errRead error) error {
	s.buf, s.ends, s.spill = s.buf[:0], s.ends[:0], s.spill[:0]
	for {
		if len(line) == 0 || line[0] != '"' {
			i := bytes.IndexByte(line, s.comma)
			field := line
			if i >= 0 {
				field = field[:i]
			} else {
				field = field[:len(field)-lengthNL(field)]
			}
			s.buf = append(s.buf, field...)
			s.ends = append(s.ends, len(s.buf))
			if i < 0 {
				return errRead
			}
			line = line[i+1:]
			continue
		}
		line = line[1:] // the opening quote
		for {
			i := bytes.IndexByte(line, '"')
			switch {
			case i >= 0:
				s.buf = append(s.buf, line[:i]...)
				line = line[i+1:]
				switch {
				case len(line) > 0 && line[0] == '"': // "" is a quote
					s.buf = append(s.buf, '"')
					line = line[1:]
					continue
				case len(line) > 0 && line[0] == s.comma: // ", ends the field
					line = line[1:]
					s.ends = append(s.ends, len(s.buf))
				case lengthNL(line) == len(line): // "\n ends the record
					s.ends = append(s.ends, len(s.buf))
					return errRead
				default: // a bare quote inside the field is text
					s.buf = append(s.buf, '"')
					continue
				}
			case len(line) > 0: // the field goes on to the next line
				if max(len(s.buf), len(s.spill)) > maxRecordBytes { // no caption is this long: end it here
					s.ends = append(s.ends, len(s.buf))
					s.cut, s.unclosed = true, true
					return errRead
				}
				s.buf = append(s.buf, line...)
				if errRead != nil {
					return errRead
				}
				line, errRead = s.readLine()
				if errRead == io.EOF {
					errRead = nil
				}
				s.spill = append(s.spill, line...)
				continue
			default: // the file ends inside the quoted field: so does the field
				s.ends = append(s.ends, len(s.buf))
				s.unclosed = true
				return errRead
			}
			break // the field ended at a delimiter: on to the next field
		}
	}
}

// spans reports whether the last record ran on past the line it started on.
func (s *csvScanner) spans() bool { return s.line > s.start }

// swallowed reports whether the last record's quoted field ran over lines that look like
// rows of their own: a line after the first with exactly want fields when its quotes are taken
// as text, and its quotes paired. A caption's lines rarely hold a delimiter for every column,
// and the line a caption's quote closes on holds that one quote unpaired.
func (s *csvScanner) swallowed(want int) bool {
	if want < 2 {
		return false
	}
	for rest := s.spill; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if bytes.Count(line, []byte{s.comma}) == want-1 && bytes.Count(line, []byte{'"'})%2 == 0 {
			return true
		}
	}
	return false
}

// spilledLines is how many lines the last record ran on past its first.
func (s *csvScanner) spilledLines() int {
	n := bytes.Count(s.spill, []byte{'\n'})
	if len(s.spill) > 0 && s.spill[len(s.spill)-1] != '\n' {
		n++
	}
	return n
}

// reopen takes back the last record but its first line: the lines after it are read again,
// each as a record of its own with its quotes taken as text. It is how a quote left open is
// undone (csvSource.each): the rows it swallowed are read, not lost.
func (s *csvScanner) reopen() {
	s.replay, s.spill = bytes.Clone(s.spill), s.spill[:0] // replay is empty: it is read before the file

	s.line = s.start
	s.unclosed = false
}

func lengthNL(b []byte) int {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		return 1
	}
	return 0
}
