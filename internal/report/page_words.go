package report

import (
	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// What the report says in words beyond its figures: the verdicts, the signals and what each
// means, and the definitions the page and the About sheet give. Every word is the catalog's
// (internal/lang), in the report's language; the codes stay in summary.json, the CSVs and the
// page's data attributes.

// verdictWord is a verdict in the reader's words: PASS, GOEDGEKEURD.
func verdictWord(p *lang.Printer, v scoring.Verdict) string {
	return figures.Verdict.CodeWords(p, v.String())
}

// signalName is a signal's name in the reader's words, capitalised as a list shows it: "Ghost
// followers".
func signalName(p *lang.Printer, code string) string {
	return capitalised(figures.Signals.CodeWords(p, code))
}

// signalMeanings are the signals and what each means, in the order scoring checks them.
func signalMeanings(res *scoring.Result, p *lang.Printer) [][2]string {
	var out [][2]string
	for _, r := range scoring.Rules(res.Config) {
		out = append(out, [2]string{signalName(p, r.Code), p.T("signal.means." + r.Code)})
	}
	return out
}

// definitions say what each figure on the page means, with the thresholds this run used: the
// figure table's own definitions (figures.Definitions), between what a post's view ER and the
// platform average are and how a rounded or missing figure shows.
func definitions(res *scoring.Result, p *lang.Printer) [][2]string {
	return defineAround(figures.Definitions(figures.Page, res, p), res, p)
}

// defineAround puts the definitions that are no figure of an account around the figures'.
func defineAround(figs [][2]string, res *scoring.Result, p *lang.Printer) [][2]string {
	args := figures.DefinitionArgs(res, p)
	def := func(key string) [2]string {
		return [2]string{p.T("define." + key + ".label"), p.T("define."+key+".def", args...)}
	}
	out := [][2]string{def("view_er"), def("platform")}
	out = append(out, figs...)
	return append(out, def("approx"), def("na"))
}
