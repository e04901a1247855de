package history

import (
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
	"github.com/vet-tool/vet/internal/synth"
)

// weekRun scores week n of a synthetic weekly series, with the history loaded from s as
// `vet run --history` does, and appends it.
func weekRun(t *testing.T, s *Store, c synth.Config, n int) *scoring.Result {
	t.Helper()
	b := &ingest.Batch{Inputs: []ingest.Input{{Name: "week.csv", Format: "csv"}}}
	err := synth.GenerateWeek(c, n, func(p *synth.Post) error {
		b.Posts = append(b.Posts, ingest.Post{Account: p.Account, Key: ingest.FoldHandle(p.Account),
			Followers: ingest.Count(p.Followers), Views: ingest.Count(p.Views), Likes: ingest.Count(p.Likes),
			Comments: ingest.Count(p.Comments), Shares: ingest.Count(p.Shares), Saves: ingest.Count(p.Saves),
			PostedAt: p.PostedAt, VideoID: p.VideoID})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := scoring.Default()
	past, err := s.Load(synth.WeekAsOf(c, n), cfg.HistoryPoints)
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(scoring.Input{Posts: b.Posts, History: past}, cfg)
	if _, err := s.Append(Run{Title: "weekly", Version: "test", Batch: b, Result: res}); err != nil {
		t.Fatal(err)
	}
	return res
}

// TestEngagementDeclineOnSyntheticWeeks runs four weeks of a 2,000-account series through a
// history and counts engagement_decline: how often it fires on honest accounts (a false alarm)
// and on the planted declining ones (a catch).
func TestEngagementDeclineOnSyntheticWeeks(t *testing.T) {
	if testing.Short() {
		t.Skip("four weeks of 2,000 accounts")
	}
	c := synth.Config{Accounts: 2_000, Posts: 12, Seed: 21}
	s, _ := create(t)
	kind := map[string]string{}
	for i, a := range synth.Accounts(c) {
		switch {
		case synth.Declining(i):
			kind[a.Handle] = "declining"
		case synth.Jumping(i):
			kind[a.Handle] = "jumping"
		default:
			kind[a.Handle] = a.Kind.String()
		}
	}
	fired := map[string]map[string]bool{} // kind → handles it fired on, in any week
	total := map[string]int{}
	for _, k := range kind {
		total[k]++
		if fired[k] == nil {
			fired[k] = map[string]bool{}
		}
	}
	var week4 map[string]bool
	for n := 1; n <= 4; n++ {
		res := weekRun(t, s, c, n)
		week4 = map[string]bool{}
		for _, a := range res.Accounts {
			for _, sig := range a.Signals {
				if sig.Code == scoring.EngagementDecline {
					fired[kind[a.Handle]][a.Handle] = true
					week4[a.Handle] = true
				}
			}
		}
	}
	caught := 0
	for h := range week4 {
		if kind[h] == "declining" {
			caught++
		}
	}
	for _, k := range []string{"honest", "jumping", "declining", "ghost", "bought_likes", "viral", "high_er", "dormant", "tiny"} {
		t.Logf("%-12s engagement_decline on %3d of %4d accounts (%.1f%%) over 4 weeks", k, len(fired[k]), total[k],
			float64(len(fired[k]))*100/float64(max(total[k], 1)))
	}
	t.Logf("declining accounts caught in week 4: %d of %d", caught, total["declining"])
	if honest := float64(len(fired["honest"])) / float64(total["honest"]); honest > 0.02 {
		t.Errorf("engagement_decline fired on %.1f%% of honest accounts over 4 weeks; want at most 2%%", honest*100)
	}
	if caught < total["declining"]*85/100 {
		t.Errorf("engagement_decline caught %d of %d declining accounts in week 4; want at least 85%%", caught, total["declining"])
	}
}
