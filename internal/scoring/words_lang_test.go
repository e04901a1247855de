package scoring_test

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
	"github.com/vet-tool/vet/internal/synth"
)

// Scoring says what it found in catalog messages (issue 20): every message it makes on the real
// exports and on a generated batch with a baseline, written in every language, must name a key
// the catalog has and fill every placeholder. A key the catalog lacks comes back as itself
// ("say.plain.inactive"), a placeholder left unfilled as "{days}".
func TestEveryMessageScoringMakesIsInTheCatalogs(t *testing.T) {
	var results []*scoring.Result
	for _, f := range realExports {
		b, err := ingest.Read([]string{realdata(t, f.file)}, f.opts)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers}, scoring.Default()))
	}
	path := filepath.Join(t.TempDir(), "posts.csv")
	if err := synth.WriteFile(path, synth.Config{Accounts: 600, Posts: 10, Seed: 20, Edge: true}); err != nil {
		t.Fatal(err)
	}
	b, err := ingest.Read([]string{path}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	results = append(results, scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers}, scoring.Default()))

	unresolved := regexp.MustCompile(`\{[a-z_]+\}|\b(say|na|plural)\.[a-z_.]+`)
	codes := map[string]bool{}
	for _, l := range lang.Langs() {
		p := lang.New(l, "EUR")
		check := func(what string, m lang.Msg) {
			if m.IsZero() {
				return
			}
			if !p.Has(m.Key) {
				t.Errorf("%s: %s is not in %s.yaml", what, m.Key, l)
			}
			if s := p.Say(m); s == "" || unresolved.MatchString(s) {
				t.Errorf("%s in %s: %q", what, l, s)
			}
		}
		for _, res := range results {
			for _, w := range res.Warnings {
				check("warning "+w.Code, w.Text)
				check("fix of "+w.Code, w.Fix)
			}
			for i := range res.Accounts {
				a := &res.Accounts[i]
				if len(a.Reason) == 0 {
					t.Errorf("%s has no reason", a.Handle)
				}
				for _, m := range a.Reason {
					check(a.Handle+"'s reason", m)
				}
				check(a.Handle+"'s followers note", a.FollowersNote)
				check(a.Handle+"'s window note", a.WindowNote)
				check(a.Handle+"'s pinned note", a.PinnedNote)
				for _, s := range a.Signals {
					codes[s.Code] = true
					check(a.Handle+"'s "+s.Code+" detail", s.Detail)
					check(a.Handle+"'s "+s.Code+" words", s.Plain)
				}
				for _, m := range []scoring.Metric{a.MedianViews, a.ViewRate, a.PostsPerWeek, a.SponsoredShare, a.PaidERRatio,
					a.SaveRate, a.ShareRate, a.Price, a.CPE, a.CPM} {
					if !m.OK {
						check(a.Handle+"'s n/a", m.NA)
					}
				}
			}
		}
	}
	if len(codes) < 8 {
		t.Errorf("only %d signals raised (%v): the batches do not exercise the messages", len(codes), codes)
	}
}
