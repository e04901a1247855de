package report

import (
	"github.com/vet-tool/vet/internal/figures"
)

// sheetCol is the Accounts sheet's column (0-based) of figure f in a batch without a baseline.
func sheetCol(f *figures.Figure) int {
	for i, g := range figures.In(figures.Sheet, nil) {
		if g == f && g.When == nil {
			return i
		}
	}
	return -1
}

// pageFig is the index of figure f among the page's figures (pageAccount.Figures) in meta.
func pageFig(m pageMeta, label string) int {
	for i, f := range m.Figures {
		if f.Label == label {
			return i
		}
	}
	return -1
}

// pageShown is account a's value of the page's figure labelled label, a code resolved to its
// words: what the script is given to show.
func pageShown(m pageMeta, a pageAccount, label string) any {
	i := pageFig(m, label)
	if i < 0 {
		return "no figure " + label
	}
	v := a.Figures[i]
	if k, ok := v.(float64); ok && m.Figures[i].Vals != nil && int(k) < len(m.Figures[i].Vals) {
		return m.Figures[i].Vals[int(k)]
	}
	return v
}
