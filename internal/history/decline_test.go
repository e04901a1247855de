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
		b.Posts = append(b.Posts, ingest.Post{Account: b.Texts.Keep(p.Account), Key: b.Texts.Keep(ingest.FoldHandle(p.Account)),
			Followers: ingest.Count(p.Followers), Views: ingest.Count(p.Views), Likes: ingest.Count(p.Likes),
			Comments: ingest.Count(p.Comments), Shares: ingest.Count(p.Shares), Saves: ingest.Count(p.Saves),
			PostedAt: ingest.At(p.PostedAt), VideoID: b.Texts.Keep(p.VideoID)})
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
	res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, History: past}, cfg)
	if _, err := s.Append(Run{Title: "weekly", Version: "test", Batch: b, Result: res}); err != nil {
		t.Fatal(err)
	}
	return res
}

// TestEngagementDeclineOnSyntheticWeeks runs five weeks of a 4,000-account series through a
// SQLite history, as `vet run --history` does each week, and counts engagement_decline: the
// planted declines (about 25% a week, steady or with one week's bounce) found by each week, and
// the honest accounts it fired on in any week. The table is docs/calibration.md's "Declines".
func TestEngagementDeclineOnSyntheticWeeks(t *testing.T) {
	if testing.Short() {
		t.Skip("five weeks of 4,000 accounts")
	}
	c := synth.Config{Accounts: 4_000, Posts: 12, Seed: 21}
	s, _ := create(t)
	kind := map[string]string{}
	for i, a := range synth.Accounts(c) {
		switch {
		case synth.Declining(i):
			kind[a.Handle] = "declining"
		case synth.Bouncing(i):
			kind[a.Handle] = "bouncing"
		case synth.Jumping(i):
			kind[a.Handle] = "jumping"
		default:
			kind[a.Handle] = a.Kind.String()
		}
	}
	total := map[string]int{}
	for _, k := range kind {
		total[k]++
	}
	const weeks = 5
	fired := map[string]bool{}           // handles it fired on, in any week so far
	honestWeek := [weeks + 1]int{}       // week → honest accounts it fired on in that week's run
	found := [weeks + 1]map[string]int{} // week → kind → accounts fired on by that week
	for n := 1; n <= weeks; n++ {
		for _, a := range weekRun(t, s, c, n).Accounts {
			for _, sig := range a.Signals {
				if sig.Code == scoring.EngagementDecline {
					fired[a.Handle] = true
					if kind[a.Handle] == "honest" {
						honestWeek[n]++
					}
				}
			}
		}
		found[n] = map[string]int{}
		for h := range fired {
			found[n][kind[h]]++
		}
	}
	share := func(n int, kinds ...string) (int, int, float64) {
		k, of := 0, 0
		for _, kd := range kinds {
			k += found[n][kd]
			of += total[kd]
		}
		return k, of, float64(k) * 100 / float64(max(of, 1))
	}
	t.Logf("| snapshots | steady declines found | bouncing declines found | all declines | honest flagged in this run | honest flagged in any run so far | jumping flagged so far |")
	for n := 2; n <= weeks; n++ {
		a, at, ap := share(n, "declining")
		b, bt, bp := share(n, "bouncing")
		d, dt, dp := share(n, "declining", "bouncing")
		h, ht, hp := share(n, "honest")
		j, jt, jp := share(n, "jumping")
		t.Logf("| %d | %d of %d (%.1f%%) | %d of %d (%.1f%%) | %d of %d (%.1f%%) | %d of %d (%.2f%%) | %d of %d (%.2f%%) | %d of %d (%.1f%%) |",
			n, a, at, ap, b, bt, bp, d, dt, dp, honestWeek[n], ht, float64(honestWeek[n])*100/float64(ht), h, ht, hp, j, jt, jp)
		if p := float64(honestWeek[n]) * 100 / float64(ht); p > 2 {
			t.Errorf("engagement_decline fired on %.2f%% of honest accounts in week %d; want at most 2%%", p, n)
		}
	}
	if _, _, p := share(3, "declining", "bouncing"); p < 80 {
		t.Errorf("engagement_decline found %.1f%% of the planted declines after 3 weekly snapshots; want at least 80%%", p)
	}
	if _, _, p := share(4, "declining", "bouncing"); p < 90 {
		t.Errorf("engagement_decline found %.1f%% of the planted declines after 4 weekly snapshots; want at least 90%%", p)
	}
	if _, _, p := share(5, "bouncing"); p < 90 {
		t.Errorf("engagement_decline found %.1f%% of the declines that bounced in week 4 after 5 weekly snapshots; want at least 90%%", p)
	}
}
