package ingest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Fuzz targets for the paths issue 23 added to the reading of workbooks: the XML scan that reads
// a sheet completely or refuses it (xmlscan.go), and the counter of shared strings and cells
// (zipbounds.go). FuzzRead reads whole workbooks, these seeds among them.

// damagedSheets are a workbook's sheet XML edited as issue 23 found them: a DOCTYPE, an
// undefined entity, a broken tag, a row past Excel's limit, shared strings past the cells.
func damagedSheets(tb testing.TB) [][]byte {
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"account", "views", "likes", "comments", "shares"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"ann", 1, 2, 3, 4})
	x.SetSheetRow("Sheet1", "A3", &[]any{"bob", 5, 6, 7, 8})
	var good bytes.Buffer
	x.Write(&good)
	edit := func(part string, f func([]byte) []byte) []byte {
		return rezip(tb, good.Bytes(), func(name string, b []byte) []byte {
			if name == part {
				return f(b)
			}
			return b
		})
	}
	sheet := "xl/worksheets/sheet1.xml"
	return [][]byte{
		edit(sheet, func(b []byte) []byte {
			return bytes.Replace(b, []byte("<worksheet"), []byte(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet`), 1)
		}),
		edit(sheet, func(b []byte) []byte { return bytes.Replace(b, []byte("<v>5</v>"), []byte("<v>5&nbsp;</v>"), 1) }),
		edit(sheet, func(b []byte) []byte { return bytes.Replace(b, []byte(`<row r="3"`), []byte(`<row <r="3"`), 1) }),
		edit(sheet, func(b []byte) []byte { return bytes.Replace(b, []byte(`<row r="3"`), []byte(`<row r="1048577"`), 1) }),
		edit("xl/sharedStrings.xml", func(b []byte) []byte {
			return bytes.Replace(b, []byte("</sst>"), []byte(strings.Repeat("<si><t>x</t></si>", 2000)+"</sst>"), 1)
		}),
	}
}

// FuzzXMLScan holds the scan of a part to reading it in one piece: whatever the writes it is cut
// into, it finds the same DOCTYPE, the same damage at the same row, and never panics.
func FuzzXMLScan(f *testing.F) {
	for _, s := range []string{
		`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
		`<!DOCTYPE x><worksheet/>`, `<a>&nbsp;</a>`, `<a>&amp;&#x41;&#65;</a>`, `<a b="<"/>`, `<a <b>`,
		`<row r="1048577"/>`, `<row/><row/><row r="7"/>`, `<!-- <row r="9"/> --><![CDATA[<row r="9">]]><?pi <row?>`,
		`<a>&unfinished`, "<row\tr=\"2\"\n/>",
	} {
		f.Add([]byte(s), uint8(1))
	}
	f.Fuzz(func(t *testing.T, data []byte, cut uint8) {
		whole := xmlScan{state: 't'}
		whole.write(data)
		step := int(cut%64) + 1
		parts := xmlScan{state: 't'}
		for i := 0; i < len(data); i += step {
			parts.write(data[i:min(len(data), i+step)])
		}
		if whole.doctype != parts.doctype || whole.damage != parts.damage || whole.row != parts.row {
			t.Fatalf("in writes of %d bytes: doctype %v, damage %q, row %d; in one: %v, %q, %d",
				step, parts.doctype, parts.damage, parts.row, whole.doctype, whole.damage, whole.row)
		}
	})
}

// FuzzTagCounter holds the counter of shared strings and cells to a count over the whole text,
// however it is cut into writes.
func FuzzTagCounter(f *testing.F) {
	f.Add([]byte(`<sst><si><t>a</t></si><si/><sis/><si	x="1"></si></sst>`), uint8(1))
	f.Add([]byte(`<c r="A1"><v>1</v></c><cols/><c>`), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, cut uint8) {
		want := int64(0)
		for i := 0; i+3 < len(data); i++ {
			if bytes.HasPrefix(data[i:], []byte("<si")) && tagEnds(data[i+3]) {
				want++
			}
		}
		step := int(cut%16) + 1
		c := newTagCounter("<si")
		for i := 0; i < len(data); i += step {
			c.Write(data[i:min(len(data), i+step)])
		}
		if c.n != want {
			t.Fatalf("in writes of %d bytes: %d elements, want %d", step, c.n, want)
		}
	})
}
