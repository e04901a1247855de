package figures

import (
	"strings"

	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// Unit is what kind of value a figure is: how each output writes it.
type Unit uint8

// The units.
const (
	Text          Unit = iota // words: the handle, the tier, the reason
	Code                      // a code tools read (PASS, firm), shown to people in words (Figure.Words)
	Codes                     // a list of codes (the signals), shown in words
	List                      // a list of words (hashtags)
	Count                     // a whole number: 12,345
	Percent                   // a percentage, 6.4 meaning 6.4%: 6.40%
	Multiple                  // a multiple: 0.20×
	Decimal                   // a plain number: 3.5 posts a week
	Money                     // an amount in the batch's currency
	Flag                      // yes or no
	Points                    // a change of a percentage, in percentage points: +0.42 pts
	Signed                    // a change of a count: +1,200
	SignedPercent             // a change as a percentage of what it was: +12.5%
)

// Where is a set of outputs that show a figure.
type Where uint16

// The outputs.
const (
	Sheet   Where = 1 << iota // a column of the Accounts sheet
	CSV                       // a column of accounts.csv
	JSON                      // a key of each account in summary.json
	Table                     // a column of the page's accounts table
	Detail                    // a line of an account's detail on the page
	History                   // a column of the history's accounts table

	Page = Table | Detail
	All  = Sheet | CSV | JSON | Table | Detail | History
)

// Figure is one figure of an account, declared once.
type Figure struct {
	Key      string // summary.json's key, accounts.csv's header (with a unit suffix), the history's column, the catalog's figure.<key>
	Unit     Unit
	Decimals int   // shown with this many: the sheet's number format, the page, the PDF
	Where    Where // the outputs that show it
	// Words, for a Code or Codes, is the catalog prefix of the codes' words: the verdict's
	// prefix, verdict, writes PASS as the catalog's verdict.PASS; "" shows a code as it is
	// written (a tier's name, from the benchmark table).
	Words string
	// Order, for a Code, is its codes in their natural order (the tiers from the smallest, the
	// verdicts from PASS), for the outputs that sort by it; nil when they have none.
	Order func(*scoring.Result) []string
	// When, when set, says whether a batch shows the figure at all (the changes since a
	// baseline, only with a baseline).
	When func(*scoring.Result) bool
	// Value reads the figure off an account.
	Value func(a *scoring.Account, c *Context) Value
}

// Context is what reading a figure needs besides the account.
type Context struct {
	Rank   int // 1 is the top of the ranking
	Result *scoring.Result
	P      *lang.Printer
}

// Value is an account's value of a figure.
type Value struct {
	Num    float64  // numbers, and a Flag's 0 or 1
	Text   string   // Text and Code
	List   []string // Codes and List
	OK     bool     // false: the account has none (n/a)
	NA     string   // why it has none, in the reader's words; "" when nothing needs saying
	Approx bool     // a count the export wrote rounded (18.3K): shown as approximate
}

// Label is the figure's name in p's language: a column header, a line of the detail.
func (f *Figure) Label(p *lang.Printer) string { return p.T("figure." + f.Key + ".label") }

// Definition says what the figure is, in one line of p's language.
func (f *Figure) Definition(p *lang.Printer) string { return p.T("figure." + f.Key + ".def") }

// Numeric reports whether the figure is a number (sorted as one, aligned right).
func (f *Figure) Numeric() bool {
	switch f.Unit {
	case Text, Code, Codes, List, Flag:
		return false
	}
	return true
}

// Shows reports whether the figure appears in output w of batch res.
func (f *Figure) Shows(w Where, res *scoring.Result) bool {
	return f.Where&w != 0 && (f.When == nil || res == nil || f.When(res))
}

// CSVHeader is the figure's column in accounts.csv: its key, with _pct for a percentage and the
// currency's code for money (price_eur), so a tool reading the file knows the unit.
func (f *Figure) CSVHeader(c lang.Currency) string {
	switch {
	case f.Unit == Percent:
		return f.Key + "_pct"
	case f.Unit == Money && c != "":
		return f.Key + "_" + strings.ToLower(string(c))
	}
	return f.Key
}

// In lists the figures of Accounts that output w shows in batch res, in order.
func In(w Where, res *scoring.Result) []*Figure {
	var out []*Figure
	for _, f := range Accounts {
		if f.Shows(w, res) {
			out = append(out, f)
		}
	}
	return out
}

// Words writes a Code's (or each of a Codes's) words in p's language.
func (f *Figure) CodeWords(p *lang.Printer, code string) string {
	if f.Words == "" {
		return code
	}
	return p.T(f.Words + "." + code)
}

// Format writes v as people read it in p's language, as the workbook's cell shows it: the
// page's table, the PDF. A count the export wrote rounded is ~18,300 (prose says ~18.3K:
// lang.Printer.Approx). n/a is "n/a", with nothing of why (the notes say that).
func (f *Figure) Format(p *lang.Printer, v Value) string {
	if !v.OK {
		return p.T("word.na")
	}
	switch f.Unit {
	case Text:
		return v.Text
	case Code:
		return f.CodeWords(p, v.Text)
	case Codes:
		words := make([]string, len(v.List))
		for i, c := range v.List {
			words[i] = f.CodeWords(p, c)
		}
		return strings.Join(words, "; ")
	case List:
		return strings.Join(v.List, " ")
	case Flag:
		if v.Num != 0 {
			return p.T("word.yes")
		}
		return p.T("word.no")
	case Count:
		if v.Approx { // as the workbook's cell shows it: a number, marked approximate
			return "~" + p.Decimal(v.Num, 0)
		}
		return p.Decimal(v.Num, 0)
	case Percent:
		return p.Percent(v.Num, f.Decimals)
	case Multiple:
		return p.Ratio(v.Num, f.Decimals)
	case Money:
		return p.Money(v.Num, f.Decimals)
	case Points:
		return p.T("unit.points", "n", signed(p.Decimal(v.Num, f.Decimals), v.Num))
	case Signed:
		return signed(p.Decimal(v.Num, 0), v.Num)
	case SignedPercent:
		return p.SignedPercent(v.Num, f.Decimals)
	}
	return p.Decimal(v.Num, f.Decimals)
}

// signed puts a plus before a positive number written as s.
func signed(s string, v float64) string {
	if v > 0 && !strings.HasPrefix(s, "+") {
		return "+" + s
	}
	return s
}
