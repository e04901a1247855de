package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// cellRefFilter drops the r="B5" reference of each cell that directly follows the previous
// cell of its row (or starts the row at column A), as it passes from excelize's StreamWriter
// to the zip. The reference is optional in the file format: a cell without one is the next
// column of its row, and Excel, LibreOffice and excelize all read it so. A cell after a gap
// (an empty value, which the StreamWriter skips) keeps its reference.
//
// On the Videos sheet the references were a third of the compressed sheet: each one repeats
// the row number, which deflate cannot match across the row's cells. At 200,000 rows dropping
// them takes the workbook from 32 MB to about 20 MB.
type cellRefFilter struct {
	to   io.WriteCloser
	held []byte // the start of a tag cut off at the end of the last write
	next int    // the column (1-based) a cell without a reference would take
	out  []byte
}

var (
	rowOpen  = []byte("<row ")
	cellOpen = []byte(`<c r="`)
)

func (f *cellRefFilter) Write(p []byte) (int, error) {
	n := len(p)
	f.out = f.out[:0]
	if len(f.held) > 0 { // the tag held back ends at p's first '>'
		j := bytes.IndexByte(p, '>')
		if j < 0 {
			f.held = append(f.held, p...)
			return n, nil
		}
		f.held = append(f.held, p[:j+1]...)
		f.filter(f.held)
		f.held = f.held[:0]
		p = p[j+1:]
	}
	// Hold back an unfinished tag: everything from the last '<' that has no '>' after it.
	if i := bytes.LastIndexByte(p, '<'); i >= 0 && bytes.IndexByte(p[i:], '>') < 0 {
		f.held = append(f.held, p[i:]...)
		p = p[:i]
	}
	f.filter(p)
	if _, err := f.to.Write(f.out); err != nil {
		return 0, err
	}
	return n, nil
}

// filter appends p to f.out without the references a cell can do without. p ends where a tag
// does (or in text).
func (f *cellRefFilter) filter(p []byte) {
	for len(p) > 0 {
		i := bytes.IndexByte(p, '<')
		if i < 0 {
			f.out = append(f.out, p...)
			return
		}
		f.out = append(f.out, p[:i]...)
		p = p[i:]
		switch {
		case bytes.HasPrefix(p, rowOpen):
			f.next = 1
		case bytes.HasPrefix(p, cellOpen):
			if col, end, ok := refColumn(p[len(cellOpen):]); ok {
				if col == f.next {
					f.out = append(f.out, "<c"...)
					p = p[len(cellOpen)+end+1:] // past the reference's closing quote
				}
				f.next = col + 1
			}
		}
		f.out = append(f.out, p[0])
		p = p[1:]
	}
}

// refColumn reads the column of a reference "BC12" up to its closing quote: the column, the
// quote's offset, and whether it was a reference at all.
func refColumn(b []byte) (col, end int, ok bool) {
	i := 0
	for i < len(b) && b[i] >= 'A' && b[i] <= 'Z' {
		col = col*26 + int(b[i]-'A'+1)
		i++
	}
	if i == 0 || i > 3 {
		return 0, 0, false
	}
	j := i
	for j < len(b) && b[j] >= '0' && b[j] <= '9' {
		j++
	}
	if j == i || j >= len(b) || b[j] != '"' {
		return 0, 0, false
	}
	return col, j, true
}

func (f *cellRefFilter) Close() error {
	if len(f.held) > 0 { // a tag never finished: pass it on as it was
		if _, err := f.to.Write(f.held); err != nil {
			return err
		}
	}
	return f.to.Close()
}

// nopCloser makes a zip entry an io.WriteCloser whose Close does nothing (the entry is
// finished by sortedZip itself).
type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// extFilter adds an <extLst> element at the end of a sheet's XML, just before </worksheet>:
// excelize's StreamWriter never writes a sheet's extLst, where sparklines live.
type extFilter struct {
	to   io.WriteCloser
	ext  []byte
	held []byte // the last bytes written, which may be </worksheet>
}

var worksheetEnd = []byte("</worksheet>")

func (f *extFilter) Write(p []byte) (int, error) {
	n := len(p)
	f.held = append(f.held, p...)
	if keep := len(worksheetEnd); len(f.held) > keep {
		if _, err := f.to.Write(f.held[:len(f.held)-keep]); err != nil {
			return 0, err
		}
		f.held = append(f.held[:0], f.held[len(f.held)-keep:]...)
	}
	return n, nil
}

func (f *extFilter) Close() error {
	if !bytes.Equal(f.held, worksheetEnd) {
		return fmt.Errorf("a sheet's XML ends in %q, not </worksheet>: its sparklines have nowhere to go", f.held)
	}
	for _, b := range [][]byte{f.ext, worksheetEnd} {
		if _, err := f.to.Write(b); err != nil {
			return err
		}
	}
	return f.to.Close()
}

// sparklineExt is the <extLst> element excelize's AddSparkline makes for the groups given.
// Drawn on a scratch workbook's sheet, it is moved into the stream sheet by extFilter.
func sparklineExt(groups []*excelize.SparklineOptions) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	for _, g := range groups {
		if err := f.AddSparkline("Sheet1", g); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return nil, err
	}
	rc, err := zr.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	sheet, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	i, j := bytes.Index(sheet, []byte("<extLst>")), bytes.LastIndex(sheet, []byte("</extLst>"))
	if i < 0 || j < i {
		return nil, fmt.Errorf("excelize drew the sparklines nowhere")
	}
	return sheet[i : j+len("</extLst>")], nil
}
