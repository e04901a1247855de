package history

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
	"github.com/vet-tool/vet/internal/synth"
)

// synthRun scores a synthetic batch as a run of vet would, without the files in between.
func synthRun(t testing.TB, c synth.Config, title string) Run {
	t.Helper()
	b := &ingest.Batch{Inputs: []ingest.Input{{Name: "week.csv", Format: "csv"}}}
	b.Posts = make([]ingest.Post, 0, c.Rows())
	err := synth.Generate(c, func(p *synth.Post) error {
		b.Posts = append(b.Posts, ingest.Post{Account: b.Texts.Keep(p.Account), Key: b.Texts.Keep(ingest.FoldHandle(p.Account)),
			Followers: ingest.Count(p.Followers), Views: ingest.Count(p.Views), Likes: ingest.Count(p.Likes),
			Comments: ingest.Count(p.Comments), Shares: ingest.Count(p.Shares), Saves: ingest.Count(p.Saves),
			PostedAt: ingest.At(p.PostedAt), VideoID: b.Texts.Keep(p.VideoID)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	b.Read = len(b.Posts)
	res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts}, scoring.Default())
	return Run{Title: title, Version: "test", Created: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC), Batch: b, Result: res}
}

// create opens a new history in a test's temporary folder.
func create(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "history.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}
