package report

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// Every output shows every figure the table says it shows, and no figure it does not: the
// Accounts sheet's headers, accounts.csv's, summary.json's keys, the page's figures. (The
// history's columns are checked in internal/history.)
func TestEveryOutputShowsTheFiguresItDeclares(t *testing.T) {
	for _, l := range lang.Langs() {
		t.Run(string(l), func(t *testing.T) {
			r := brandedReport(t)
			r.Printer = lang.New(l, "EUR")
			res := r.Result
			res.HasBaseline = true
			d := int64(100)
			res.Accounts[0].Change = &scoring.Change{Before: scoring.Previous{Verdict: scoring.Pass}, FollowersDelta: &d,
				FollowersPercent: scoring.Rate{Value: 1, OK: true}, FollowerERDelta: scoring.Rate{Value: 0.1, OK: true}}
			dir := t.TempDir()
			if _, err := Write(dir, r); err != nil {
				t.Fatal(err)
			}
			p := r.Printer
			f, err := excelize.OpenFile(filepath.Join(dir, WorkbookFile))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, _ := f.GetRows(SheetAccounts)
			csvHeader, _ := readCSV(t, filepath.Join(dir, AccountsCSV))
			raw, _ := os.ReadFile(filepath.Join(dir, SummaryFile))
			var summary struct {
				Accounts []map[string]json.RawMessage `json:"accounts"`
			}
			if err := json.Unmarshal(raw, &summary); err != nil || len(summary.Accounts) == 0 {
				t.Fatalf("summary.json: %v", err)
			}
			page, _ := os.ReadFile(filepath.Join(dir, PageFile))
			meta := pageDataOf(t, string(page)).Meta
			var pageLabels []string
			for _, pf := range meta.Figures {
				pageLabels = append(pageLabels, pf.Label)
			}
			for _, fig := range figures.Accounts {
				checks := []struct {
					where figures.Where
					name  string
					has   bool
				}{
					{figures.Sheet, "the Accounts sheet", slices.Contains(rows[0], fig.Label(p))},
					{figures.CSV, AccountsCSV, slices.Contains(csvHeader, fig.CSVHeader(p.Currency()))},
					{figures.JSON, SummaryFile, summary.Accounts[0][fig.Key] != nil},
					{figures.Page, "the page", slices.Contains(pageLabels, fig.Label(p))},
				}
				for _, c := range checks {
					if want := fig.Shows(c.where, res); want != c.has {
						t.Errorf("%s: declared in %s: %v, found there: %v", fig.Key, c.name, want, c.has)
					}
				}
			}
			if !slices.Contains(csvHeader, "price_eur") {
				t.Errorf("accounts.csv's price column does not say its currency: %q", csvHeader)
			}
		})
	}
}
