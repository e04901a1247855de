package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"

	"github.com/vet-tool/vet/internal/figures"
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
func writePDF(w io.Writer, r *Report) error {
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

// cover is the first page: logo, title, client, dates, the batch and its inputs.
func (d *pdfDoc) cover(list shortlist) {
	f, p, r := d.f, d.p, d.r
	f.AddPage()
	f.Bookmark(d.title, 0, -1)
	f.SetY(50)
	if err := d.logo(); err != nil {
		f.SetError(err)
		return
	}
	d.font("B", 26)
	f.MultiCell(d.width, 11, d.title, "", "L", false)
	f.Ln(3)
	if c := strings.TrimSpace(r.Brand.Client); c != "" {
		d.font("", 15)
		f.MultiCell(d.width, 7, d.text("page.prepared_for", "client", c), "", "L", false)
		f.Ln(3)
	}
	d.font("", 12)
	f.CellFormat(d.width, 7, d.text("pdf.as_of", "date", p.Date(d.res.AsOf)), "", 1, "L", false, 0, "")
	f.SetTextColor(90, 90, 90)
	d.font("", 10)
	f.CellFormat(d.width, 6, d.text("pdf.generated", "date", p.DateTime(r.Generated), "version", r.Version), "", 1, "L", false, 0, "")
	f.SetTextColor(0, 0, 0)
	f.Ln(6)
	if d.res.Kind != scoring.Sample {
		d.font("B", 11)
		for _, v := range scoring.Verdicts() {
			t := d.text("pdf.verdicts", "n", p.Int(d.res.Count(v)), "verdict_word", verdictWord(p, v))
			w := f.GetStringWidth(t) + 8
			if f.GetX()+w+4 > pdfMargin+d.width { // the counts wrap rather than run off the page
				f.Ln(8)
			}
			d.verdictMark(v, 8)
			f.CellFormat(w, 8, t, "", 0, "L", false, 0, "")
		}
		f.Ln(12)
	}
	if b := r.Batch; b != nil {
		d.para(p.T("pdf.accounts", "accounts", p.Plural(int64(len(d.res.Accounts)), "account"), "reconciliation", reconciliation(b, p)), 10)
		var in []string
		for _, i := range b.Inputs {
			in = append(in, fmt.Sprintf("%s (%s)", fileName(i.Name), p.Plural(int64(i.Read), "row")))
		}
		if len(in) > 0 {
			d.para(p.T("pdf.inputs")+": "+strings.Join(in, ", "), 9)
		}
		var skipped []string
		for _, sk := range b.Skipped {
			skipped = append(skipped, fmt.Sprintf("%s (%s)", fileName(sk.Name), sk.Reason))
		}
		if len(skipped) > 0 {
			d.para(p.T("pdf.not_read")+": "+strings.Join(skipped, "; "), 9)
		}
	}
	if res := d.res; res.HasBaseline {
		d.para(baselineLine(res, p), 9)
	}
	f.Ln(4)
	d.para(p.T("pdf.contents", "shortlist", p.Plural(int64(len(list.rows)), "account"),
		"creators", p.Plural(int64(len(list.creators)), "account"), "workbook", WorkbookFile, "page", PageFile), 9)
}

// logo draws the brand's logo at the top of the cover, at most 30 mm high and 80 mm wide. fpdf
// draws PNG and JPEG; an SVG logo (the page and the workbook show it) is left off the PDF.
func (d *pdfDoc) logo() error {
	b := d.r.Brand
	kind := ""
	switch {
	case bytes.HasPrefix(b.Logo, []byte("\x89PNG")):
		kind = "PNG"
	case bytes.HasPrefix(b.Logo, []byte{0xFF, 0xD8, 0xFF}):
		kind = "JPG"
	default:
		return nil
	}
	opts := fpdf.ImageOptions{ImageType: kind}
	info := d.f.RegisterImageOptionsReader("logo", opts, bytes.NewReader(b.Logo))
	if err := d.f.Error(); err != nil || info == nil {
		return errors.New("the logo cannot be drawn in the PDF: " + fmt.Sprint(err))
	}
	w, h := info.Width(), info.Height()
	scale := min(30/h, 80/w)
	d.f.ImageOptions("logo", pdfMargin, pdfMargin+4, w*scale, h*scale, false, opts, 0, "")
	return nil
}

// summary is the verdict counts, how sure they are, the batch's warnings and how to read the
// report.
func (d *pdfDoc) summary() {
	f, p, res := d.f, d.p, d.res
	d.heading(d.text("pdf.summary.heading"))
	if res.Kind == scoring.Sample {
		d.font("B", 10)
		f.CellFormat(d.width, 5, d.text("page.discovery_title"), "", 1, "L", false, 0, "")
		d.para(p.T("page.discovery", "accounts", p.Plural(int64(len(res.Accounts)), "account")), 10)
	} else {
		d.subheading(d.text("pdf.summary.verdicts"))
		d.verdictTable()
		f.Ln(2)
		d.para(p.T("pdf.summary.confidence"), 8.5)
	}
	d.subheading(d.text("pdf.summary.batch"))
	if len(res.Warnings) == 0 {
		d.para(p.T("pdf.summary.no_warnings"), 9.5)
	}
	for _, w := range res.Warnings {
		d.keep(12)
		d.font("B", 9.5)
		f.MultiCell(d.width, 4.8, d.clean(capitalised(p.Say(w.Text))+"."), "", "L", false)
		d.para(p.T("pdf.summary.what_to_do")+" "+p.Say(w.Fix)+".", 9.5)
	}
	d.subheading(d.text("pdf.summary.how"))
	how := []string{"how_verdicts", "how_signals", "how_links"}
	if res.Kind == scoring.Sample {
		how = how[1:] // a discovery list rates no account: the summary above says so
	}
	for _, k := range how {
		d.para(p.T("pdf.summary."+k), 9.5)
	}
	if d.heldBefore {
		d.para(p.T("pdf.placeholder"), 8)
	}
}

// verdictTable is the accounts per verdict, split by confidence, as the Summary sheet has it.
func (d *pdfDoc) verdictTable() {
	f, p, res := d.f, d.p, d.res
	confs := []scoring.Confidence{scoring.Firm, scoring.Borderline, scoring.Thin, scoring.NotRated}
	head := []string{figures.Verdict.Label(p), p.T("sheet.summary.accounts")}
	for _, c := range confs {
		head = append(head, capitalised(figures.Confidence.CodeWords(p, string(c))))
	}
	counts := map[scoring.Verdict]map[scoring.Confidence]int{}
	for i := range res.Accounts {
		a := &res.Accounts[i]
		if counts[a.Verdict] == nil {
			counts[a.Verdict] = map[scoring.Confidence]int{}
		}
		counts[a.Verdict][a.Confidence]++
	}
	first := d.width - float64(len(head)-1)*24
	widths := []float64{first}
	for range head[1:] {
		widths = append(widths, 24)
	}
	d.font("B", 9)
	f.SetFillColor(235, 238, 242)
	for i, h := range head {
		align := "R"
		if i == 0 {
			align = "L"
		}
		f.CellFormat(widths[i], 6, d.clean(h), "B", 0, align, true, 0, "")
	}
	f.Ln(-1)
	d.font("", 9.5)
	for _, v := range scoring.Verdicts() {
		d.verdictMark(v, 6)
		f.CellFormat(widths[0]-4, 6, d.clean(verdictWord(p, v)), "", 0, "L", false, 0, "")
		f.CellFormat(widths[1], 6, p.Int(res.Count(v)), "", 0, "R", false, 0, "")
		for i, c := range confs {
			f.CellFormat(widths[2+i], 6, p.Int(counts[v][c]), "", 0, "R", false, 0, "")
		}
		f.Ln(-1)
	}
	d.font("B", 9.5)
	f.CellFormat(widths[0], 6, d.text("pdf.summary.total"), "T", 0, "L", false, 0, "")
	f.CellFormat(widths[1], 6, p.Int(len(res.Accounts)), "T", 0, "R", false, 0, "")
	f.CellFormat(d.width-widths[0]-widths[1], 6, "", "T", 1, "R", false, 0, "")
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

// definitions say what each figure and signal means, as the page's own definitions do.
func (d *pdfDoc) definitions() {
	f := d.f
	d.heading(d.text("pdf.definitions.heading"))
	list := func(defs [][2]string) {
		for _, def := range defs {
			label, text := d.clean(def[0]), d.clean(def[1])
			d.font("", 8.5)
			lines := len(f.SplitText(text, d.width-42))
			d.keep(float64(lines)*4 + 1)
			y := f.GetY()
			d.font("B", 8.5)
			f.MultiCell(40, 4, label, "", "L", false)
			below := f.GetY()
			f.SetXY(pdfMargin+42, y)
			d.font("", 8.5)
			f.MultiCell(d.width-42, 4, text, "", "L", false)
			f.SetY(max(below, f.GetY()) + 1)
		}
	}
	list(definitions(d.res, d.p))
	d.subheading(d.text("pdf.definitions.signals"))
	list(signalMeanings(d.res, d.p))
}
