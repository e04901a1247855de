package report

import (
	"bytes"
	"fmt"
	"testing"
)

type closeBuffer struct {
	bytes.Buffer
	closed bool
}

func (b *closeBuffer) Close() error { b.closed = true; return nil }

func TestCellRefFilter(t *testing.T) {
	sheet := `<worksheet><cols><col min="1" max="2"/></cols><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>Account</t></is></c><c r="B1" s="3"><v>1</v></c></row>` +
		`<row r="2"><c r="A2"><v>1</v></c><c r="C2" s="4"><v>3</v></c><c r="D2"><v>4</v></c></row>` +
		`<row r="3"><c r="B3"><v>2</v></c><c r="AA3"><v>27</v></c><c r="AB3"/></row>` +
		`</sheetData><hyperlinks><hyperlink ref="A2" r:id="rId1"/></hyperlinks><conditionalFormatting sqref="C2:C3"/></worksheet>`
	want := `<worksheet><cols><col min="1" max="2"/></cols><sheetData>` +
		`<row r="1"><c t="inlineStr"><is><t>Account</t></is></c><c s="3"><v>1</v></c></row>` +
		`<row r="2"><c><v>1</v></c><c r="C2" s="4"><v>3</v></c><c><v>4</v></c></row>` +
		`<row r="3"><c r="B3"><v>2</v></c><c r="AA3"><v>27</v></c><c/></row>` +
		`</sheetData><hyperlinks><hyperlink ref="A2" r:id="rId1"/></hyperlinks><conditionalFormatting sqref="C2:C3"/></worksheet>`
	for _, size := range []int{1, 2, 3, 5, 7, 11, 40, 1000} {
		t.Run(fmt.Sprintf("references in sequence go and those after a gap stay, written %d bytes at a time", size), func(t *testing.T) {
			out := &closeBuffer{}
			f := &cellRefFilter{to: out}
			for s := []byte(sheet); len(s) > 0; {
				k := min(size, len(s))
				if n, err := f.Write(s[:k]); err != nil || n != k {
					t.Fatalf("Write = %d, %v", n, err)
				}
				s = s[k:]
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			if out.String() != want || !out.closed {
				t.Errorf("got  %s\nwant %s (closed %v)", out.String(), want, out.closed)
			}
		})
	}
}
