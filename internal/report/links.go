package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/url"
	"strconv"
	"strings"
)

// Hyperlinks in stream sheets.
//
// excelize's StreamWriter has no hyperlink API. File.SetCellHyperLink does work on a stream
// sheet before Flush (it only touches the sheet's <hyperlinks> and relationships, which Flush
// writes), but it searches every existing link on each call and so is quadratic: 65,530 links
// took two minutes. So the links are collected here while the rows are streamed, and written
// into the sheet's XML and its relationships part by sortedZip as excelize saves the package:
// one pass, linear. Tests read them back with excelize's GetCellHyperLink.

// excelLinks is Excel's limit of hyperlinks per sheet; past it, links are plain text.
const excelLinks = 65_530

// sheetLinks are one sheet's external hyperlinks, in the order added.
type sheetLinks struct {
	refs, urls  []string
	relsWritten bool
	limit       int // links the sheet takes; 0 for Excel's limit (tests pass fewer)
}

func (l *sheetLinks) max() int {
	if l.limit > 0 {
		return l.limit
	}
	return excelLinks
}

// full reports whether the sheet has its maximum of links.
func (l *sheetLinks) full() bool { return len(l.urls) >= l.max() }

// add links the cell at ref to u, and reports whether it did: false when the sheet already has
// its maximum.
func (l *sheetLinks) add(ref, u string) bool {
	if len(l.urls) >= l.max() {
		return false
	}
	l.refs = append(l.refs, ref)
	l.urls = append(l.urls, u)
	return true
}

func linkID(i int) string { return "rIdLink" + strconv.Itoa(i+1) }

// hyperlinksXML is the sheet's <hyperlinks> element.
func (l *sheetLinks) hyperlinksXML() []byte {
	var b bytes.Buffer
	b.Grow(len(l.refs)*40 + 30)
	b.WriteString("<hyperlinks>")
	for i, ref := range l.refs {
		b.WriteString(`<hyperlink ref="`)
		b.WriteString(ref)
		b.WriteString(`" r:id="`)
		b.WriteString(linkID(i))
		b.WriteString(`"/>`)
	}
	b.WriteString("</hyperlinks>")
	return b.Bytes()
}

// addRels adds one external relationship per link to the sheet's relationships part.
func (l *sheetLinks) addRels(rels []byte) []byte {
	end := bytes.LastIndex(rels, []byte("</Relationships>"))
	if end < 0 {
		return rels
	}
	size := len(rels)
	for _, u := range l.urls {
		size += len(u) + 160
	}
	var b bytes.Buffer
	b.Grow(size)
	b.Write(rels[:end])
	for i, u := range l.urls {
		b.WriteString(`<Relationship Id="`)
		b.WriteString(linkID(i))
		b.WriteString(`" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="`)
		xml.EscapeText(&b, []byte(u))
		b.WriteString(`" TargetMode="External"/>`)
	}
	b.Write(rels[end:])
	return b.Bytes()
}

var sheetDataEnd = []byte("</sheetData>")

// afterHyperlinks are the elements a worksheet may have after <hyperlinks>, in schema order:
// the links go before the first of them that is present.
var afterHyperlinks = []string{
	"<printOptions", "<pageMargins", "<pageSetup", "<headerFooter", "<rowBreaks", "<colBreaks",
	"<customProperties", "<cellWatches", "<ignoredErrors", "<smartTags", "<drawing",
	"<legacyDrawing", "<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls",
	"<webPublishItems", "<tableParts", "<extLst", "</worksheet>",
}

// sheetLinkFilter passes a sheet's XML through untouched up to </sheetData>, keeps the short
// tail after it, and on Close writes the tail with the <hyperlinks> element in its place.
type sheetLinkFilter struct {
	to    io.Writer
	links *sheetLinks
	held  []byte // the bytes that might begin </sheetData>, or the whole tail once past it
	past  bool
}

func (f *sheetLinkFilter) Write(p []byte) (int, error) {
	n := len(p)
	if f.past {
		f.held = append(f.held, p...)
		return n, nil
	}
	if len(f.held) > 0 { // the end tag may straddle the held bytes and p
		joined := append(f.held[:len(f.held):len(f.held)], p[:min(len(p), len(sheetDataEnd))]...)
		if i := bytes.Index(joined, sheetDataEnd); i >= 0 {
			cut := i + len(sheetDataEnd) - len(f.held)
			return n, f.passTail(f.held, p[:cut], p[cut:])
		}
		if len(p) < len(sheetDataEnd) { // a short write: the tag may still go on past it
			f.held = append(f.held, p...)
			keep := len(sheetDataEnd) - 1
			if len(f.held) > keep {
				if _, err := f.to.Write(f.held[:len(f.held)-keep]); err != nil {
					return 0, err
				}
				f.held = append(f.held[:0], f.held[len(f.held)-keep:]...)
			}
			return n, nil
		}
		if _, err := f.to.Write(f.held); err != nil {
			return 0, err
		}
		f.held = f.held[:0]
	}
	if i := bytes.Index(p, sheetDataEnd); i >= 0 {
		cut := i + len(sheetDataEnd)
		return n, f.passTail(nil, p[:cut], p[cut:])
	}
	keep := min(len(p), len(sheetDataEnd)-1)
	if _, err := f.to.Write(p[:len(p)-keep]); err != nil {
		return 0, err
	}
	f.held = append(f.held, p[len(p)-keep:]...)
	return n, nil
}

// passTail writes a and b, which end with </sheetData>, and holds the tail after it.
func (f *sheetLinkFilter) passTail(a, b, tail []byte) error {
	for _, x := range [][]byte{a, b} {
		if _, err := f.to.Write(x); err != nil {
			return err
		}
	}
	f.held, f.past = append([]byte(nil), tail...), true
	return nil
}

func (f *sheetLinkFilter) Close() error {
	tail := f.held
	if f.past && len(f.links.refs) > 0 {
		at := len(tail)
		for _, el := range afterHyperlinks {
			if i := bytes.Index(tail, []byte(el)); i >= 0 && i < at {
				at = i
			}
		}
		var b bytes.Buffer
		b.Write(tail[:at])
		b.Write(f.links.hyperlinksXML())
		b.Write(tail[at:])
		tail = b.Bytes()
	}
	_, err := f.to.Write(tail)
	return err
}

// linkable returns u as a link target Excel accepts, and false when it should stay plain text:
// only absolute http(s) URLs, re-encoded to plain ASCII (Excel asks to repair a workbook whose
// link targets are not valid URIs).
func linkable(u string) (string, bool) {
	if u == "" || len(u) > 2000 {
		return "", false
	}
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || p.User != nil {
		return "", false
	}
	s := p.String()
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f || s[i] == '"' || s[i] == '<' || s[i] == '>' || s[i] == '\\' {
			return "", false
		}
	}
	return s, true
}
