package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/vet-tool/vet/internal/lang"
)

// excelize's row iterator drops its XML decoder's errors: a sheet with an undefined entity
// (&nbsp;), a broken tag or a row past Excel's limit was read up to that point and the rest
// lost in silence. So every part of a workbook is scanned once for what would stop a decoder,
// before excelize reads it: a DOCTYPE anywhere refuses the file (no workbook needs one, and
// external entities are how files are disclosed); damage in a worksheet refuses that sheet,
// named with the row, and the others are read. The scan is a byte loop with no tokens made.

// maxSheetRows is Excel's limit of rows per sheet.
const maxSheetRows = 1_048_576

// xmlScan is the state of the scan of one XML part, fed in chunks.
type xmlScan struct {
	state   byte   // 't' text, '<' just after '<', 'g' in a tag, '!' markup declaration, 'c' comment, 'd' CDATA, 'p' processing instruction
	quote   byte   // the quote an attribute value opened inside a tag, or 0
	buf     []byte // the start of the tag, or the entity, being read
	entity  bool   // buf holds an entity reference (after '&')
	row     int    // the r of the last <row> met
	doctype bool
	damage  string
}

func (s *xmlScan) fail(reason string) {
	if s.damage == "" {
		s.damage = reason
	}
}

func (s *xmlScan) write(p []byte) {
	for i := 0; i < len(p) && s.damage == "" && !s.doctype; i++ {
		c := p[i]
		if s.entity {
			if c == ';' {
				s.checkEntity()
				continue
			}
			if len(s.buf) >= 12 || c == '<' || c == '&' || c == ' ' || c == '"' || c == '\'' {
				s.fail(fmt.Sprintf("a bare & (or an entity without its ';': &%s)", clip(string(s.buf))))
				return
			}
			s.buf = append(s.buf, c)
			continue
		}
		switch s.state {
		case 't':
			j := bytes.IndexAny(p[i:], "<&")
			if j < 0 {
				return
			}
			i += j
			if p[i] == '&' {
				s.entity, s.buf = true, s.buf[:0]
			} else {
				s.state, s.buf = '<', s.buf[:0]
			}
		case '<':
			switch c {
			case '!':
				s.state = '!'
			case '?':
				s.state = 'p'
			default:
				s.state = 'g'
				s.buf = append(s.buf, c)
			}
		case '!':
			s.buf = append(s.buf, c)
			switch b := string(s.buf); {
			case b == "--":
				s.state, s.buf = 'c', s.buf[:0]
			case b == "[CDATA[":
				s.state, s.buf = 'd', s.buf[:0]
			case b == "DOCTYPE" || b == "ENTITY":
				s.doctype = true
			case len(b) >= 8:
				s.fail("a broken markup declaration <!" + clip(b))
			}
		case 'c', 'd', 'p':
			end := "?>"
			switch s.state {
			case 'c':
				end = "-->"
			case 'd':
				end = "]]>"
			}
			s.buf = append(s.buf, c)
			if len(s.buf) > len(end) {
				s.buf = s.buf[len(s.buf)-len(end):]
			}
			if string(s.buf) == end {
				s.state, s.buf = 't', s.buf[:0]
			}
		case 'g':
			switch {
			case s.quote != 0:
				if c == s.quote {
					s.quote = 0
				} else if c == '<' {
					s.fail("a '<' inside an attribute value")
				} else if c == '&' {
					s.entity, s.buf = true, s.buf[:0]
					continue
				}
			case c == '"' || c == '\'':
				s.quote = c
			case c == '<':
				s.fail("a broken tag (a '<' before the tag before it closed)")
			case c == '>':
				s.endTag()
				s.state = 't'
				continue
			}
			if len(s.buf) < 48 {
				s.buf = append(s.buf, c)
			}
		}
	}
}

// checkEntity accepts XML's five entities and character references.
func (s *xmlScan) checkEntity() {
	e := string(s.buf)
	s.entity, s.buf = false, s.buf[:0]
	switch {
	case e == "amp" || e == "lt" || e == "gt" || e == "quot" || e == "apos":
	case strings.HasPrefix(e, "#x") && len(e) > 2:
		if _, err := strconv.ParseUint(e[2:], 16, 32); err != nil {
			s.fail("a bad character reference &" + e + ";")
		}
	case strings.HasPrefix(e, "#") && len(e) > 1 && allDigits(e[1:]):
	default:
		s.fail(fmt.Sprintf("an undefined entity &%s; (XML knows only &amp; &lt; &gt; &quot; &apos;)", clip(e)))
	}
}

// endTag notes the row a <row r="N"> tag starts, and refuses one past Excel's limit.
func (s *xmlScan) endTag() {
	t := s.buf
	s.buf = s.buf[:0]
	if !bytes.HasPrefix(t, []byte("row")) || len(t) < 4 || (t[3] != ' ' && t[3] != '\t' && t[3] != '\n' && t[3] != '\r') {
		if bytes.HasPrefix(t, []byte("row")) && (len(t) == 3 || t[3] == '/') {
			s.row++
		}
		return
	}
	i := bytes.Index(t, []byte(` r="`))
	if i < 0 {
		s.row++
		return
	}
	v := t[i+4:]
	if j := bytes.IndexByte(v, '"'); j >= 0 {
		v = v[:j]
	}
	n, err := strconv.Atoi(string(v))
	if err != nil {
		s.row++
		return
	}
	s.row = n
	if n > maxSheetRows {
		s.fail(fmt.Sprintf("row %d is past Excel's limit of 1,048,576 rows", n))
	}
}

// scanned is what the scan of a workbook's parts found.
type scanned struct {
	damaged map[string]lang.Msg // sheet name → why it is refused (ingest.file.sheet_damaged)
	// cut is a worksheet whose XML ends early: an error for the file, said once its sheets
	// were read (their own errors are more precise when they have one).
	cut error
}

// scanWorkbook scans every XML part of the workbook at at: a DOCTYPE is an error for the file, a
// worksheet that ends early too (as checkSheetsWhole said before), and a damaged worksheet is
// named by its sheet with the reason and row. Parts that cannot be inflated are left to
// excelize, which refuses them.
func scanWorkbook(name string, at io.ReaderAt, size int64) (scanned, error) {
	var out scanned
	zr, err := zip.NewReader(at, size)
	if err != nil {
		return out, nil
	}
	sheets := sheetParts(zr)
	budget := int64(unzipSizeLimit) // past it, excelize refuses the workbook as a zip bomb
	sst, cells := newTagCounter("<si"), newTagCounter("<c")
	var sstSize int64
	for _, zf := range zr.File {
		if zf.UncompressedSize64 > uint64(unpackLimit(zf)) {
			return out, packRatioError(name, zf)
		}
		if !strings.HasSuffix(zf.Name, ".xml") && !strings.HasSuffix(zf.Name, ".rels") || zf.UncompressedSize64 > uint64(budget) {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			continue
		}
		sheet := strings.HasPrefix(zf.Name, "xl/worksheets/") && !strings.Contains(zf.Name, "/_rels/")
		s := xmlScan{state: 't'}
		var tail tailWriter
		to := []io.Writer{&tail, scanWriter{&s}}
		switch {
		case sheet:
			to = append(to, cells)
		case zf.Name == "xl/sharedStrings.xml":
			to = append(to, sst)
		}
		limit := min(budget, unpackLimit(zf)) // the size the zip says is not trusted: what it unpacks to is counted
		n, err := io.Copy(io.MultiWriter(to...), io.LimitReader(rc, limit+1))
		rc.Close()
		if n > limit && limit < budget {
			return out, packRatioError(name, zf)
		}
		if zf.Name == "xl/sharedStrings.xml" {
			sstSize = n
		}
		budget -= n
		if budget < 0 {
			return out, nil
		}
		if s.doctype {
			return out, fmt.Errorf("%s: is refused: its part %s holds a DOCTYPE (no workbook needs one; it can make a reader fetch other files)", name, zf.Name)
		}
		if !sheet {
			continue
		}
		if err != nil && out.cut == nil {
			out.cut = fmt.Errorf("%s: is not a readable .xlsx workbook (truncated or damaged: %s: %w)", name, zf.Name, err)
		}
		if !tail.closesWorksheet() && out.cut == nil {
			out.cut = fmt.Errorf("%s: is damaged: its sheet %s ends early (the XML stops before </worksheet>)", name, path.Base(zf.Name))
		}
		if out.cut != nil {
			continue
		}
		if s.damage != "" {
			sn, ok := sheets[zf.Name]
			if !ok {
				sn = path.Base(zf.Name)
			}
			if out.damaged == nil {
				out.damaged = map[string]lang.Msg{}
			}
			where := lang.M("ingest.file.before_first_row")
			if s.row > 0 {
				where = lang.M("ingest.file.at_row", lang.Text("row", strconv.Itoa(s.row)))
			}
			out.damaged[sn] = lang.M("ingest.file.sheet_damaged", lang.Sub("where", where), lang.Text("damage", s.damage))
		}
	}
	return out, sharedStringsError(name, sst, sstSize, cells.n)
}

type scanWriter struct{ s *xmlScan }

func (w scanWriter) Write(p []byte) (int, error) { w.s.write(p); return len(p), nil }

// sheetParts maps each worksheet's part (xl/worksheets/sheet1.xml) to its sheet's name, from
// xl/workbook.xml and its relationships.
func sheetParts(zr *zip.Reader) map[string]string {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	decode := func(part string, v any) bool {
		f, err := zr.Open(part)
		if err != nil {
			return false
		}
		defer f.Close()
		return xml.NewDecoder(io.LimitReader(f, 16<<20)).Decode(v) == nil
	}
	out := map[string]string{}
	if !decode("xl/workbook.xml", &wb) || !decode("xl/_rels/workbook.xml.rels", &rels) {
		return out
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	for _, s := range wb.Sheets {
		if t, ok := target[s.ID]; ok {
			out[t] = s.Name
		}
	}
	return out
}
