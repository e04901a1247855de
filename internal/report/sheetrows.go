package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// sheetRows is a stream sheet's rows as rowXML writes them, spooled to a temp file until the
// zip writes the sheet; rowsFilter puts them in, before </sheetData>. The spool is in the temp
// folder, as excelize's own are (vet run points it at a scratch folder of its own).
type sheetRows struct {
	x     *rowXML
	buf   []byte
	spool *spool
}

// rowsChunk is how much of the rows is gathered before it is written to the spool.
const rowsChunk = 256 << 10

// rowsOf starts the rows of a stream sheet (by its name) whose header its StreamWriter wrote.
func (wb *workbook) rowsOf(sheet string, cols []column) *sheetRows {
	rows := &sheetRows{x: newRowXML(cols), buf: make([]byte, 0, rowsChunk+4096), spool: &spool{dir: os.TempDir(), pattern: "vet-rows-*.tmp"}}
	wb.rows[wb.parts[sheet]] = rows
	return rows
}

// add appends row n, height points tall (0: the default height; wrappedHeight for a row
// whose text wraps).
func (s *sheetRows) add(n int, cells []any, height float64) error {
	var err error
	if s.buf, err = s.x.appendRow(s.buf, n, cells, height); err != nil {
		return err
	}
	if len(s.buf) >= rowsChunk {
		_, err = s.spool.Write(s.buf)
		s.buf = s.buf[:0]
	}
	return err
}

// writeTo writes every row added.
func (s *sheetRows) writeTo(w io.Writer) error {
	if len(s.buf) > 0 {
		if _, err := s.spool.Write(s.buf); err != nil {
			return err
		}
	}
	s.buf = s.buf[:0]
	r, err := s.spool.section(0, s.spool.off)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r)
	return err
}

func (s *sheetRows) remove() { s.spool.remove() }

// rowsFilter puts a sheet's rows written by rowXML before its </sheetData>. What excelize
// writes of the sheet is then its header row and its settings, a few kilobytes: it is held
// whole until Close.
type rowsFilter struct {
	to   io.WriteCloser
	rows *sheetRows
	held bytes.Buffer
}

func (f *rowsFilter) Write(p []byte) (int, error) { return f.held.Write(p) }

func (f *rowsFilter) Close() error {
	b := f.held.Bytes()
	i := bytes.Index(b, sheetDataEnd)
	if i < 0 {
		return fmt.Errorf("a sheet's XML has no </sheetData> for its %d bytes of rows", f.rows.spool.off+int64(len(f.rows.buf)))
	}
	if _, err := f.to.Write(b[:i]); err != nil {
		return err
	}
	if err := f.rows.writeTo(f.to); err != nil {
		return err
	}
	if _, err := f.to.Write(b[i:]); err != nil {
		return err
	}
	return f.to.Close()
}
