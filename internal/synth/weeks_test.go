package synth_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
	"github.com/vet-tool/vet/internal/synth"
)

// weekPosts collects week n of a series by video id, and the accounts' post counts.
func weekPosts(t *testing.T, c synth.Config, n int) (map[string]synth.Post, map[string]int) {
	t.Helper()
	videos, perAccount := map[string]synth.Post{}, map[string]int{}
	err := synth.GenerateWeek(c, n, func(p *synth.Post) error {
		if _, dup := videos[p.VideoID]; dup {
			return fmt.Errorf("video %s twice in week %d", p.VideoID, n)
		}
		videos[p.VideoID] = *p
		perAccount[p.Account]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return videos, perAccount
}

func TestWeeksOverlapAndTheirCountsGrow(t *testing.T) {
	c := synth.Config{Accounts: 40, Posts: 10, Seed: 3}
	prev, _ := weekPosts(t, c, 1)
	for n := 2; n <= 4; n++ {
		cur, perAccount := weekPosts(t, c, n)
		for h, k := range perAccount {
			if k != c.Posts {
				t.Errorf("week %d: %s has %d posts, want %d", n, h, k, c.Posts)
			}
		}
		kept, added := 0, 0
		for id, p := range cur {
			before, ok := prev[id]
			if !ok {
				added++
				if !p.PostedAt.After(synth.WeekAsOf(c, n-1)) {
					t.Errorf("week %d: video %s of %s is new but older than week %d", n, id, p.PostedAt, n-1)
				}
				continue
			}
			kept++
			if p.Views < before.Views || p.Likes < before.Likes || p.Comments < before.Comments || p.Shares < before.Shares {
				t.Errorf("week %d: video %s shrank: %+v → %+v", n, id, before, p)
			}
			if p.Caption != before.Caption || !p.PostedAt.Equal(before.PostedAt) || p.Account != before.Account {
				t.Errorf("week %d: video %s changed what it is: %+v → %+v", n, id, before, p)
			}
		}
		if kept < len(cur)/2 || added == 0 {
			t.Errorf("week %d: %d videos kept from the week before, %d new; want most kept and some new", n, kept, added)
		}
		prev = cur
	}
}

func TestEachWeeksNewestPostIsItsAsOf(t *testing.T) {
	c := synth.Config{Accounts: 25, Posts: 5, Seed: 9}
	for n := 1; n <= 3; n++ {
		videos, _ := weekPosts(t, c, n)
		var newest synth.Post
		for _, p := range videos {
			if p.PostedAt.After(newest.PostedAt) {
				newest = p
			}
		}
		if want := synth.WeekAsOf(c, n); !newest.PostedAt.Equal(want) {
			t.Errorf("week %d: newest post %s, want %s", n, newest.PostedAt, want)
		}
	}
}

func TestTheJumpingAccountJumpsInWeekTwo(t *testing.T) {
	c := synth.Config{Accounts: 20, Posts: 5, Seed: 5}
	followers := func(n int) map[string]int64 {
		videos, _ := weekPosts(t, c, n)
		out := map[string]int64{}
		for _, p := range videos {
			out[p.Account] = p.Followers
		}
		return out
	}
	w1, w2, w3 := followers(1), followers(2), followers(3)
	for i, a := range synth.Accounts(c) {
		up2, up3 := float64(w2[a.Handle])/float64(w1[a.Handle]), float64(w3[a.Handle])/float64(w2[a.Handle])
		if synth.Jumping(i) {
			if up2 < 1.3 || up3 > 1.05 {
				t.Errorf("%s: followers ×%.3f in week 2, ×%.3f in week 3; want a jump in week 2 only", a.Handle, up2, up3)
			}
		} else if up2 > 1.05 || up2 < 1 {
			t.Errorf("%s: followers ×%.3f in week 2; want slow growth", a.Handle, up2)
		}
	}
}

func TestTheDecliningAccountsFollowerERFallsEveryWeek(t *testing.T) {
	c := synth.Config{Accounts: 100, Posts: 20, Seed: 13}
	ers := map[string][]float64{}
	for n := 1; n <= 4; n++ {
		var buf bytes.Buffer
		if err := synth.WriteWeekCSV(&buf, c, n); err != nil {
			t.Fatal(err)
		}
		b := readBytes(t, buf.Bytes())
		for _, a := range scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts}, scoring.Default()).Accounts {
			ers[a.Handle] = append(ers[a.Handle], a.FollowerER.Value)
		}
	}
	declining := 0
	for i, a := range synth.Accounts(c) {
		if !synth.Declining(i) {
			continue
		}
		declining++
		e := ers[a.Handle]
		if !(e[0] > e[1] && e[1] > e[2] && e[2] > e[3]) || e[3] > 0.7*e[0] {
			t.Errorf("%s: follower ER by week %.2f; want it down every week, by more than 30%% in all", a.Handle, e)
		}
	}
	if declining != 5 {
		t.Errorf("%d declining accounts in 100, want 5 (every 20th)", declining)
	}
}

func TestAWeekIsTheSameBytesEveryTime(t *testing.T) {
	c := synth.Config{Accounts: 30, Posts: 8, Seed: 2}
	var a, b bytes.Buffer
	if err := synth.WriteWeekCSV(&a, c, 3); err != nil {
		t.Fatal(err)
	}
	if err := synth.WriteWeekCSV(&b, c, 3); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) || a.Len() == 0 {
		t.Error("week 3 written twice differs")
	}
}

// readBytes reads a CSV written in memory through ingest, as vet would read the file.
func readBytes(t *testing.T, data []byte) *ingest.Batch {
	t.Helper()
	path := filepath.Join(t.TempDir(), "week.csv")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := ingest.Read([]string{path}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAWeeksHonestAccountsEngageLikeTheirTier(t *testing.T) {
	c := synth.Config{Accounts: 60, Posts: 12, Seed: 8}
	var buf bytes.Buffer
	if err := synth.WriteWeekCSV(&buf, c, 2); err != nil {
		t.Fatal(err)
	}
	read := readBytes(t, buf.Bytes())
	res := scoring.Score(scoring.Input{Posts: read.Posts, Texts: &read.Texts}, scoring.Default())
	kinds := map[string]synth.Kind{}
	for _, a := range synth.Accounts(c) {
		kinds[a.Handle] = a.Kind
	}
	for _, a := range res.Accounts {
		if kinds[a.Handle] != synth.Honest || !a.Ratio.OK {
			continue
		}
		if a.Ratio.Value < 0.3 || a.Ratio.Value > 3 {
			t.Errorf("honest %s: follower ER %.2f%% is %.2f× its tier; want it near the benchmark", a.Handle, a.FollowerER.Value, a.Ratio.Value)
		}
	}
}
