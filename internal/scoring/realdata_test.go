package scoring_test

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// The scraper export that made issue 11 (its #1 was an account of 3 posts at 725× its tier) is
// a sample of posts, not each creator's recent posts: it becomes a discovery list (issue 19).
func TestScraperExportIsADiscoveryList(t *testing.T) {
	b, err := ingest.Read([]string{realdata(t, "scraper-abbreviated.csv")}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers}, scoring.Default())
	t.Run("the batch is a sample", func(t *testing.T) {
		if res.Kind != scoring.Sample {
			t.Fatalf("kind %s, want %s", res.Kind, scoring.Sample)
		}
	})
	t.Run("no account is rated or firm, and none is called inactive", func(t *testing.T) {
		for _, a := range res.Accounts {
			if !a.Sample || a.Verdict != scoring.Unrated || a.Confidence == scoring.Firm || a.Ratio.OK {
				t.Fatalf("%s: sample %v, verdict %s, confidence %s, ratio %+v", a.Handle, a.Sample, a.Verdict, a.Confidence, a.Ratio)
			}
			for _, s := range a.Signals {
				if s.Code == scoring.Inactive || s.Code == scoring.ImplausiblyHigh || s.Code == scoring.EngagementSpikes {
					t.Fatalf("%s raised %s on a sample", a.Handle, s.Code)
				}
			}
		}
	})
	t.Run("the old #1 says what its posts are and what to export", func(t *testing.T) {
		for _, a := range res.Accounts {
			if a.Handle == "ldtann_" {
				if !strings.HasPrefix(enAll(a.Reason), "sample: 3 posts surfaced by the export") || !strings.Contains(enAll(a.Reason), "export the profile to rate it") {
					t.Errorf("reason %q", enAll(a.Reason))
				}
				return
			}
		}
		t.Error("ldtann_ not found")
	})
	t.Run("the list is ranked by median view ER: creators in a tier first, nothing above 50% or impossible before a plausible one", func(t *testing.T) {
		group := func(a scoring.Account) int {
			impossible := slices.ContainsFunc(a.Signals, func(s scoring.Signal) bool { return s.Code == scoring.ImpossibleCounts })
			switch {
			case !a.MedianViewER.OK || a.MedianViewER.Value > 100 || impossible:
				return 3
			case a.MedianViewER.Value > 50:
				return 2
			case !a.HasTier:
				return 1
			}
			return 0
		}
		lastGroup, last := 0, math.Inf(1)
		for i, a := range res.Accounts {
			g := group(a)
			if g < lastGroup || (g == lastGroup && g < 3 && a.MedianViewER.Value > last) {
				t.Fatalf("#%d %s (group %d, %.2f%%) is out of order", i+1, a.Handle, g, a.MedianViewER.Value)
			}
			if g != lastGroup {
				last = math.Inf(1)
			}
			lastGroup, last = g, a.MedianViewER.Value
		}
		if top := res.Accounts[0]; !top.HasTier || top.MedianViewER.Value > 50 {
			t.Errorf("the list opens with %s (%d followers, %.2f%%)", top.Handle, top.Followers, top.MedianViewER.Value)
		}
	})
	t.Run("the batch says what it is and what to export next", func(t *testing.T) {
		for _, w := range res.Warnings {
			if w.Code == scoring.ThinBatch && strings.Contains(en(w.Text), "discovery list") && strings.Contains(en(w.Fix), "profiles.txt") {
				return
			}
		}
		t.Errorf("warnings %+v lack a sample %s", res.Warnings, scoring.ThinBatch)
	})
}
