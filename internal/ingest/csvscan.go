package ingest

import (
	"bufio"
	"bytes"
	"io"
	"unsafe"
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
// copy it (table.post keeps its strings in an arena).
type csvScanner struct {
	r      *bufio.Reader
	comma  byte
	line   int    // physical lines read so far
	start  int    // the physical line the last record starts on
	raw    []byte // a line longer than r's buffer
	buf    []byte // the last record's fields, unquoted (records with a quote)
	ends   []int  // where each field ends in buf
	fields []string
}

func newCSVScanner(r *bufio.Reader, comma rune) *csvScanner {
	return &csvScanner{r: r, comma: byte(comma)}
}

// readLine is encoding/csv's: one physical line with its "\n" ("\r\n" becomes "\n"), a final
// line without one, a trailing "\r" before the end of the file dropped.
func (s *csvScanner) readLine() ([]byte, error) {
	line, err := s.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		s.raw = append(s.raw[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = s.r.ReadSlice('\n')
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
// its fields are only lent: see csvScanner.
func (s *csvScanner) next() ([]string, error) {
	var line []byte
	var err error
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
	if bytes.IndexByte(line, '"') < 0 {
		// Most records have no quote: their fields are cut out of the line as it lies in the
		// read buffer, and stay valid until the next read.
		line = line[:len(line)-lengthNL(line)]
		for {
			i := bytes.IndexByte(line, s.comma)
			if i < 0 {
				s.fields = append(s.fields, borrow(line))
				return s.fields, err
			}
			s.fields = append(s.fields, borrow(line[:i]))
			line = line[i+1:]
		}
	}
	err = s.unquote(line, err)
	start := 0
	for _, end := range s.ends {
		s.fields = append(s.fields, borrow(s.buf[start:end]))
		start = end
	}
	return s.fields, err
}

// unquote splits a record with quotes into s.buf and s.ends, reading further lines while a
// quoted field runs on. It follows encoding/csv's readRecord step by step: a quote that does
// not close a field is kept as text (LazyQuotes), and a file that ends inside a quoted field
// ends the field.
func (s *csvScanner) unquote(line []byte, errRead error) error {
	s.buf, s.ends = s.buf[:0], s.ends[:0]
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
				s.buf = append(s.buf, line...)
				if errRead != nil {
					return errRead
				}
				line, errRead = s.readLine()
				if errRead == io.EOF {
					errRead = nil
				}
				continue
			default: // the file ends inside the quoted field: so does the field
				s.ends = append(s.ends, len(s.buf))
				return errRead
			}
			break // the field ended at a delimiter: on to the next field
		}
	}
}

func lengthNL(b []byte) int {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		return 1
	}
	return 0
}

// borrow is b as a string without a copy: valid while b's bytes are not written, which for
// the scanner's fields is until its next read.
func borrow(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}
