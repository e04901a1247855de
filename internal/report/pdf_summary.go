package report

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/scoring"
)

// The PDF's pages before the shortlist, the cover and the summary, and its last, the
// definitions.

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
			skipped = append(skipped, fmt.Sprintf("%s (%s)", fileName(sk.Name), p.Say(sk.Reason)))
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
	if b := d.r.Batch; b != nil {
		if said := b.Said(); len(said) > 0 { // as the page and the Summary sheet list them
			d.keep(12)
			d.font("B", 9.5)
			f.MultiCell(d.width, 4.8, d.clean(p.T("page.reading")), "", "L", false)
			for _, m := range said {
				d.para("– "+p.Say(m), 9)
			}
		}
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
