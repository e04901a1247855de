package report

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/lang"
)

// What makes the workbook fit to send: its title and the client's name where a client looks
// (Summary, page headers, document properties), its page setup, and its words and numbers.

// reportTitle is the title the report goes out under: --title, else a plain default in the
// report's language.
func reportTitle(r *Report) string {
	if t := strings.TrimSpace(r.Brand.Title); t != "" {
		return t
	}
	return r.printer().T("report.default_title")
}

// setProperties fills in the document properties a file browser and Excel's Info pane show:
// the report's title and client, never the library's name, with times from the report's
// timestamp (SOURCE_DATE_EPOCH) so reruns are byte-identical.
func setProperties(f *excelize.File, r *Report, title string, p *lang.Printer) error {
	t := r.Generated.Format("2006-01-02T15:04:05Z")
	client := strings.TrimSpace(r.Brand.Client)
	date, undated := p.Date(r.Result.AsOf), ""
	if r.Result.AsOf.IsZero() {
		undated = "_undated"
	}
	creator, subject := title, p.T("report.subject"+undated, "date", date)
	if client != "" {
		creator, subject = client, p.T("report.subject_for"+undated, "date", date, "client", client)
	}
	err := f.SetDocProps(&excelize.DocProperties{
		Title: title, Subject: subject, Creator: creator, LastModifiedBy: creator,
		Description: p.T("report.made_with", "version", r.Version), Created: t, Modified: t, Language: p.Locale(),
	})
	if err != nil {
		return err
	}
	return f.SetAppProps(&excelize.AppProperties{Application: "vet", Company: client})
}

// pageSetup makes a sheet print as a client expects: landscape, one page wide and as many
// pages tall as it takes, the header row repeated on every page (tables), and the report's
// title and page numbers in the header and footer. A stream sheet takes it between
// NewStreamWriter and Flush; the fit to page (sheet properties) before NewStreamWriter.
func (wb *workbook) pageSetup(sheet string, table bool) error {
	f := wb.f
	if !table {
		if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
			return err
		}
	}
	err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	})
	if err != nil {
		return err
	}
	right := "&D"
	if c := strings.TrimSpace(wb.r.Brand.Client); c != "" {
		right = headerText(c, 80)
	}
	err = f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&\"-,Bold\"" + headerText(wb.title, 100) + "&R" + right,
		OddFooter: "&L&A&R" + pageNumbers.Replace(headerText(wb.p.T("sheet.footer"), 100)),
	})
	if err != nil || !table {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: quoteSheet(sheet) + "!$1:$1", Scope: sheet,
	})
}

// headerText is text for a page header: cut to fit the header's 255 characters and & doubled
// (a lone & starts a code there).
func headerText(s string, limit int) string { return strings.ReplaceAll(lang.Cut(s, limit), "&", "&&") }

// pageNumbers fills the footer's template ("Page {page} of {pages}", left unfilled by T) with
// the codes of the page's number and the pages' count.
var pageNumbers = strings.NewReplacer("{page}", "&P", "{pages}", "&N")

// quoteSheet is a sheet name as a formula refers to it: 'Videos (2)'.
func quoteSheet(name string) string {
	if strings.Trim(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") == "" {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
