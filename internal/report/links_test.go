package report

import (
	"bytes"
	"fmt"
	"testing"
)

func TestSheetLinkFilter(t *testing.T) {
	sheet := `<worksheet><sheetData><row r="1"><c r="A1"/></row></sheetData><pageMargins left="0.7"/><tableParts count="1"/></worksheet>`
	want := `<worksheet><sheetData><row r="1"><c r="A1"/></row></sheetData><hyperlinks><hyperlink ref="A1" r:id="rIdLink1"/></hyperlinks><pageMargins left="0.7"/><tableParts count="1"/></worksheet>`
	for _, size := range []int{1, 2, 3, 5, 7, 11, 12, 13, 40, 1000} {
		t.Run(fmt.Sprintf("the links land before pageMargins when written %d bytes at a time", size), func(t *testing.T) {
			var out bytes.Buffer
			l := &sheetLinks{}
			l.add("A1", "https://example.com/")
			f := &sheetLinkFilter{to: &out, links: l}
			for s := []byte(sheet); len(s) > 0; {
				k := min(size, len(s))
				f.Write(s[:k])
				s = s[k:]
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			if out.String() != want {
				t.Errorf("writes of %d bytes gave\n%s", size, out.String())
			}
		})
	}
}

func TestLinkable(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		ok       bool
	}{
		{"a TikTok video URL is linked", "https://www.tiktok.com/@a/video/1", true},
		{"a javascript: URL is not", "javascript:alert(1)", false},
		{"a formula is not", `=HYPERLINK("http://x","y")`, false},
		{"a URL with a space in its query is not", "https://x.com/?q=a b", false},
		{"a URL with credentials is not", "https://u:p@x.com/", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := linkable(tc.in); ok != tc.ok {
				t.Errorf("linkable(%q) = %v", tc.in, ok)
			}
		})
	}
}
