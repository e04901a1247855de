package report

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"

	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// vetting.pdf is what an agency sends a client: a cover, the summary, a shortlist a client reads
// to the end, a page or so on each of the first creators of the shortlist, and what the figures
// mean. Its words come from the catalogs (pdf.*) and its numbers from the report's printer and
// the figure table, so it writes every figure as the workbook does. docs/pdf.md says why fpdf.

// PDFFile is the client's PDF in the report folder.
const PDFFile = "vetting.pdf"

// The papers the PDF is set on (--paper).
const (
	PaperA4     = "a4"
	PaperLetter = "letter"
)

// Papers are the values --paper takes, the default first.
func Papers() []string { return []string{PaperA4, PaperLetter} }

// pdfMargin is the page's margin on every side, in millimetres.
const pdfMargin = 16.0

// pdfDoc is the PDF being written, and what every section reads.
type pdfDoc struct {
	f     *fpdf.Fpdf
	r     *Report
	res   *scoring.Result
	p     *lang.Printer
	g     *glyphs
	title string
	width float64 // between the margins
	// pages are the pages of the creators' sections by account index: filled in as they are
	// written, read by the shortlist the next time the document is set.
	pages map[int]int
	// heights are the sections' heights, measured the first time the document is set.
	heights map[int]float64
	// placeheld says whether some text took a placeholder; heldBefore, whether it did the
	// time before the document was set (the summary, before most text, says so).
	placeheld, heldBefore bool
}

// writePDF writes vetting.pdf. It is set three times: the first measures each creator's
// section (each on a page of its own), the second lays them out, never splitting one, and finds
// the page each starts on, which the shortlist, before them, names the third time (the pages do
// not move: the column keeps room for three digits either way).
func writePDF(w io.Writer, r *Report) (err error) {
	defer func() { // fpdf panics on some inputs it should refuse: the run says so, not a stack
		if p := recover(); p != nil {
			err = fmt.Errorf("pdf: %v", p)
		}
	}()
	list := shortlistOf(r.Result)
	var heights map[int]float64
	pages := map[int]int{}
	held := false
	for pass := range 3 {
		d, err := newPDFDoc(r)
		if err != nil {
			return err
		}
		d.heights, d.pages, d.heldBefore = heights, pages, held
		if heights == nil {
			d.heights = map[int]float64{}
		}
		d.cover(list)
		d.summary()
		d.shortlist(list)
		d.creators(list, heights == nil)
		d.definitions()
		if err := d.f.Error(); err != nil {
			return fmt.Errorf("pdf: %w", err)
		}
		if pass == 2 {
			return d.f.Output(w)
		}
		heights, held = d.heights, d.placeheld
	}
	return nil
}

// paperSize is fpdf's name of a paper.
func paperSize(paper string) (string, error) {
	switch strings.ToLower(paper) {
	case "", PaperA4:
		return "A4", nil
	case PaperLetter:
		return "Letter", nil
	}
	return "", fmt.Errorf("paper %q: a4 or letter", paper)
}

func newPDFDoc(r *Report) (*pdfDoc, error) {
	size, err := paperSize(r.Paper)
	if err != nil {
		return nil, err
	}
	g, err := fontGlyphs()
	if err != nil {
		return nil, fmt.Errorf("pdf font: %w", err)
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: size})
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.SetCreationDate(r.Generated)
	f.SetModificationDate(r.Generated)
	f.AddUTF8FontFromBytes(pdfFont, "", dejavusans.TTF)
	f.AddUTF8FontFromBytes(pdfFont, "B", dejavusansbold.TTF)
	f.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	f.SetAutoPageBreak(true, pdfMargin+4)
	f.AliasNbPages("{nb}")
	d := &pdfDoc{f: f, r: r, res: r.Result, p: r.printer(), g: g}
	d.title = d.clean(reportTitle(r))
	w, _ := f.GetPageSize()
	d.width = w - 2*pdfMargin
	d.properties()
	f.SetFooterFunc(d.footer)
	return d, nil
}

// properties are what a PDF reader's document properties show: the title, the client, the date.
func (d *pdfDoc) properties() {
	f, p := d.f, d.p
	f.SetTitle(d.title, true)
	subject := p.T("report.subject", "date", p.Date(d.res.AsOf))
	if c := strings.TrimSpace(d.r.Brand.Client); c != "" {
		subject = p.T("report.subject_for", "date", p.Date(d.res.AsOf), "client", d.clean(c))
		f.SetAuthor(d.clean(c), true)
	}
	f.SetSubject(subject, true)
	f.SetCreator(p.T("report.made_with", "version", d.r.Version), true)
	f.SetProducer("vet "+d.r.Version, true)
	f.SetLang(p.Locale())
}

// footer writes each page's title, as-of date and page number.
func (d *pdfDoc) footer() {
	f := d.f
	f.SetY(-pdfMargin)
	d.font("", 7.5)
	f.SetTextColor(110, 110, 110)
	f.CellFormat(d.width, 4, d.text("pdf.footer", "title", d.title, "date", d.p.Date(d.res.AsOf),
		"page", d.p.Int(f.PageNo()), "pages", "{nb}"), "", 0, "C", false, 0, "")
	f.SetTextColor(0, 0, 0)
}

// font sets the text's style ("" or "B") and size in points.
func (d *pdfDoc) font(style string, size float64) { d.f.SetFont(pdfFont, style, size) }

// clean is s as the font can write it (glyphs.clean), noting whether it took a placeholder.
func (d *pdfDoc) clean(s string) string {
	s, held := d.g.clean(s)
	d.placeheld = d.placeheld || held
	return s
}

// text is a catalog's words with their values, as the PDF's font can write them.
func (d *pdfDoc) text(key string, args ...string) string { return d.clean(d.p.T(key, args...)) }

// heading starts a section: on a new page, in the document's outline.
func (d *pdfDoc) heading(s string) {
	d.f.AddPage()
	d.f.Bookmark(s, 0, -1)
	d.font("B", 16)
	d.f.CellFormat(d.width, 9, s, "", 1, "L", false, 0, "")
	d.f.Ln(2)
}

// subheading is a heading within a section.
func (d *pdfDoc) subheading(s string) {
	d.keep(14)
	d.f.Ln(2)
	d.font("B", 11)
	d.f.CellFormat(d.width, 6, s, "", 1, "L", false, 0, "")
	d.f.Ln(0.5)
}

// para writes a paragraph of wrapped text.
func (d *pdfDoc) para(s string, size float64) {
	d.font("", size)
	d.f.MultiCell(d.width, size*0.5, d.clean(s), "", "L", false)
	d.f.Ln(1)
}

// keep starts a new page unless h millimetres are left on this one, so that a block is never
// split (a table row, a heading and what follows it).
func (d *pdfDoc) keep(h float64) bool {
	_, ph := d.f.GetPageSize()
	if d.f.GetY()+h > ph-pdfMargin-4 {
		d.f.AddPage()
		return true
	}
	return false
}

// verdictMark is a small square of the verdict's colour, in a cell 4 mm wide and h high.
func (d *pdfDoc) verdictMark(v scoring.Verdict, h float64) {
	x, y := d.f.GetXY()
	d.fill(verdictColours[v])
	d.f.Rect(x+0.5, y+h/2-1.25, 2.5, 2.5, "F")
	d.f.SetX(x + 4)
}

// fill sets the fill colour to a colour the page writes as #rrggbb.
func (d *pdfDoc) fill(hex string) {
	var r, g, b int
	fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b)
	d.f.SetFillColor(r, g, b)
}
