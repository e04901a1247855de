package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/lang"
)

// The number formats of the figures' cells: a figure's unit and decimals say how it shows,
// with thousands separators always, and the report's language and currency. A format's locale
// tag ([$-413] for Dutch) makes a spreadsheet show the language's separators (12.345,6)
// whatever the reader's own settings; the codes themselves are written as Excel stores them.

// locales are the Windows locale ids of the languages.
var locales = map[lang.Lang]string{lang.English: "", lang.Dutch: "[$-413]"}

// decimals is "0" followed by dec zeros after a point: "0.00".
func decimals(dec int) string {
	if dec <= 0 {
		return "0"
	}
	return "0." + strings.Repeat("0", dec)
}

// quoted is text as a number format writes it literally.
func quoted(s string) string { return `"` + strings.ReplaceAll(s, `"`, ``) + `"` }

// numberFormat is the format code of a figure's cells; "" for text.
func numberFormat(f *figures.Figure, p *lang.Printer) string {
	d := "#,##" + decimals(f.Decimals)
	code := ""
	switch f.Unit {
	case figures.Count:
		code = "#,##0"
	case figures.Percent:
		code = d + "%"
	case figures.Multiple:
		code = d + quoted("×")
	case figures.Decimal:
		code = d
	case figures.Money:
		code = moneyFormat(d, p)
	case figures.Signed:
		code = "+#,##0;-#,##0;0"
	case figures.SignedPercent:
		code = "+" + d + "%;-" + d + "%;" + decimals(f.Decimals) + "%"
	case figures.Points:
		unit := quoted(strings.TrimPrefix(p.T("unit.points", "n", ""), ""))
		code = "+" + d + unit + ";-" + d + unit + ";" + decimals(f.Decimals) + unit
	default:
		return ""
	}
	return locales[p.Lang()] + code
}

// moneyFormat puts the currency where the language puts it: €5,071.00, € 5.071,00, 5,071.00 CHF.
func moneyFormat(d string, p *lang.Printer) string {
	c := p.Currency()
	switch sym := c.Symbol(); {
	case c == "":
		return d
	case sym == string(c):
		return d + quoted(" "+sym)
	case p.Lang() == lang.Dutch:
		return quoted(sym+" ") + d
	default:
		return quoted(sym) + d
	}
}

// approxFormatOf shows a count the export wrote rounded as approximate: ~18,300.
func approxFormatOf(p *lang.Printer) string { return locales[p.Lang()] + `"~"#,##0` }

// figureStyles are the cell styles of the figures, by figure, made once per workbook.
type figureStyles struct {
	f      *excelize.File
	p      *lang.Printer
	byCode map[string]int
	err    error
}

// of is the style of f's cells (0 for none).
func (s *figureStyles) of(f *figures.Figure) int { return s.code(numberFormat(f, s.p)) }

// code is the style of a number format code, made the first time it is asked for.
func (s *figureStyles) code(code string) int {
	if code == "" || s.err != nil {
		return 0
	}
	if id, ok := s.byCode[code]; ok {
		return id
	}
	id, err := s.f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		s.err = fmt.Errorf("number format %s: %w", code, err)
		return 0
	}
	s.byCode[code] = id
	return id
}
