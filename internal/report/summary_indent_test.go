package report

import (
	"encoding/json"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// summary.json's accounts are indented by hand (appendIndented), each value marshalled once:
// the bytes must be those json.MarshalIndent writes, for accounts with every kind of value
// (handles a page would escape, insights, top posts, signals, n/a figures).
func TestSummaryAccountsIndentedAsMarshalIndentDoes(t *testing.T) {
	b, err := ingest.Read([]string{"../../examples/apify-export.csv", "../../examples/posts-generic.csv"}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	examples := &Report{Batch: b, Result: scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers}, scoring.Default())}
	reports := []*Report{testReport(t), examples, synthReport(t, 200, 12)}
	n := 0
	for _, r := range reports {
		ctx, figs := summaryFigures(r)
		for i := range r.Result.Accounts {
			ctx.Rank = i + 1
			a := summaryAccount(ctx, figs, &r.Result.Accounts[i])
			want, err := json.MarshalIndent(a, "    ", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got, err := a.appendIndented([]byte("x"), "    ")
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != "x"+string(want) {
				t.Fatalf("account %s indented by hand:\n%s\nwant, as json.MarshalIndent writes it:\n%s", r.Result.Accounts[i].Handle, got[1:], want)
			}
			n++
		}
	}
	if n < 200 {
		t.Errorf("only %d accounts compared", n)
	}
	if got, _ := (SummaryAccount{}).appendIndented(nil, "  "); string(got) != "{}" {
		t.Errorf("an account without members is %s, want {}", got)
	}
}
