package scoring_test

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// realdata is the nearest shared/realdata above this package (../shared beside the repository,
// one folder deeper from a git worktree).
func realdata(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..")
	for range 4 {
		p := filepath.Join(dir, "shared", "realdata", name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		dir = filepath.Join(dir, "..")
	}
	t.Skip("real exports not found beside the repository")
	return ""
}

// The scraper export that made issue 11: its #1 was an account of 3 posts at 725× its tier.
func TestScraperExportRanksFirmAccountsFirst(t *testing.T) {
	b, err := ingest.Read([]string{realdata(t, "scraper-abbreviated.csv")}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(scoring.Input{Posts: b.Posts, Followers: b.Followers}, scoring.Default())
	var top scoring.Account
	for _, a := range res.Accounts {
		if a.Handle == "ldtann_" {
			top = a
		}
	}
	t.Run("the old #1 is a thin REVIEW, implausibly high", func(t *testing.T) {
		// By hand from its three rows: (21.4K + 594 + 133.5K + 2,486 + 103.5K + 1,577) / 3 posts
		// / 2,158 followers (the newest row's) = 4,063.28%, ÷ the 1K–5K benchmark 5.60 = 725.59×.
		if math.Abs(top.Ratio.Value-725.59) > 0.005 || top.Window != 3 {
			t.Fatalf("ratio %.4f on %d posts, want 725.59 on 3", top.Ratio.Value, top.Window)
		}
		raised := false
		for _, s := range top.Signals {
			raised = raised || s.Code == scoring.ImplausiblyHigh
		}
		if top.Verdict != scoring.Review || top.Confidence != scoring.Thin || !raised {
			t.Errorf("verdict %s, confidence %s, signals %+v", top.Verdict, top.Confidence, top.Signals)
		}
	})
	t.Run("the list opens with firm PASS accounts and no thin one comes before a firm one of its verdict", func(t *testing.T) {
		if a := res.Accounts[0]; a.Verdict != scoring.Pass || a.Confidence != scoring.Firm {
			t.Errorf("#1 is %s %s %s", a.Handle, a.Verdict, a.Confidence)
		}
		seenThin := map[scoring.Verdict]bool{}
		for i, a := range res.Accounts {
			if a.Confidence == scoring.Thin {
				seenThin[a.Verdict] = true
			}
			if a.Confidence == scoring.Firm && seenThin[a.Verdict] {
				t.Fatalf("#%d %s is firm after a thin %s account", i+1, a.Handle, a.Verdict)
			}
			if a.Confidence == scoring.Firm && a.FollowerERPosts < scoring.Default().FirmPosts {
				t.Errorf("%s is firm on %d posts", a.Handle, a.FollowerERPosts)
			}
		}
	})
	t.Run("the batch says most accounts are too thin to rate, with the fix", func(t *testing.T) {
		for _, w := range res.Warnings {
			if w.Code == scoring.ThinBatch {
				return
			}
		}
		t.Errorf("warnings %+v lack %s", res.Warnings, scoring.ThinBatch)
	})
}
