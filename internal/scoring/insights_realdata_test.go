package scoring_test

import (
	"encoding/csv"
	"math"
	"os"
	"sort"
	"strconv"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// TestInsightsRecomputedFromTheFile recomputes two trait comparisons of a real Apify export
// (musicMeta.musicOriginal, videoMeta.duration) from the CSV itself, with encoding/csv and
// nothing of vet's: per creator and over the batch, the posts on each side and their median
// view ER must be vet's.
func TestInsightsRecomputedFromTheFile(t *testing.T) {
	path := realdata(t, "apify-dot-nofollowers.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	num := func(row []string, h string) float64 {
		v, err := strconv.ParseFloat(row[col[h]], 64)
		if err != nil {
			t.Fatalf("%s %q: %v", h, row[col[h]], err)
		}
		return v
	}
	type sides struct{ with, without []float64 }
	want := map[scoring.Trait]map[string]*sides{scoring.OriginalSound: {}, scoring.LongVideo: {}}
	add := func(tr scoring.Trait, who string, has bool, er float64) {
		for _, k := range []string{who, ""} { // "" is the whole batch
			s := want[tr][k]
			if s == nil {
				s = &sides{}
				want[tr][k] = s
			}
			if has {
				s.with = append(s.with, er)
			} else {
				s.without = append(s.without, er)
			}
		}
	}
	for _, row := range rows[1:] {
		views := num(row, "playCount")
		if views <= 0 {
			continue
		}
		er := (num(row, "diggCount") + num(row, "commentCount") + num(row, "shareCount")) * 100 / views
		who := row[col["authorMeta.name"]]
		switch row[col["musicMeta.musicOriginal"]] {
		case "True":
			add(scoring.OriginalSound, who, true, er)
		case "False":
			add(scoring.OriginalSound, who, false, er)
		}
		if d := num(row, "videoMeta.duration"); d > 0 {
			add(scoring.LongVideo, who, d >= 30, er)
		}
	}
	median := func(xs []float64) float64 {
		sort.Float64s(xs)
		m := len(xs) / 2
		if len(xs)%2 == 1 {
			return xs[m]
		}
		return (xs[m-1] + xs[m]) / 2
	}
	check := func(who string, tr scoring.Trait, in *scoring.Insight) {
		t.Helper()
		s := want[tr][who]
		enough := s != nil && len(s.with) >= 3 && len(s.without) >= 3
		if !enough {
			if in != nil {
				t.Errorf("%q %s: vet compares %+v, the file has %d and %d posts", who, tr, *in, len(s.with), len(s.without))
			}
			return
		}
		if in == nil {
			t.Errorf("%q %s: no insight, the file has %d and %d posts", who, tr, len(s.with), len(s.without))
			return
		}
		if in.With.Posts != len(s.with) || in.Without.Posts != len(s.without) ||
			math.Abs(in.With.Median.Value-median(s.with)) > 1e-9 || math.Abs(in.Without.Median.Value-median(s.without)) > 1e-9 {
			t.Errorf("%q %s: vet %d posts %.6f%% against %d posts %.6f%%; the file %d %.6f%% against %d %.6f%%", who, tr,
				in.With.Posts, in.With.Median.Value, in.Without.Posts, in.Without.Median.Value,
				len(s.with), median(s.with), len(s.without), median(s.without))
		}
	}
	b, err := ingest.Read([]string{path}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, NoCaption: b.NoCaption}, scoring.Default())
	compared := 0
	for _, tr := range []scoring.Trait{scoring.OriginalSound, scoring.LongVideo} {
		for _, a := range res.Accounts {
			var got *scoring.Insight
			for i := range a.Insights {
				if a.Insights[i].Trait == tr {
					got = &a.Insights[i]
				}
			}
			if got != nil {
				compared++
			}
			check(a.Handle, tr, got)
		}
		var got *scoring.Insight
		for i := range res.Insights {
			if res.Insights[i].Trait == tr {
				got = &res.Insights[i].Insight
			}
		}
		check("", tr, got)
	}
	if compared < 10 {
		t.Errorf("only %d creator comparisons: the test checks too little", compared)
	}
}

// Every real export that carries a sound or a length gives insights for the batch, and for
// its creators where one has enough posts.
func TestInsightsOnRealExports(t *testing.T) {
	for _, c := range []struct {
		file     string
		creators bool // some creator has enough posts on both sides of a trait
		opts     ingest.Options
	}{
		{file: "apify-dot-nofollowers.csv", creators: true},
		{file: "apify-nested.json"},
		{file: "apify-slash-cp1252.csv", creators: true},
		{file: "apify-slash.xlsx", creators: true},
		{file: "scraper-abbreviated.csv", creators: true},
		{file: "tiktokapi-profiles.csv", creators: true},
		{file: "mislabelled-likes.csv", creators: true, opts: ingest.Options{Map: map[ingest.Field]string{ingest.FieldLikes: "video_stats"}}},
	} {
		b, err := ingest.Read([]string{realdata(t, c.file)}, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers, NoCaption: b.NoCaption}, scoring.Default())
		soundOrLength := false
		for _, in := range res.Insights {
			soundOrLength = soundOrLength || in.Trait == scoring.OriginalSound || in.Trait == scoring.TrendingSound || in.Trait == scoring.LongVideo
		}
		if !soundOrLength {
			t.Errorf("%s: no batch insight on sound or length: %+v", c.file, res.Insights)
		}
		withInsights := 0
		for _, a := range res.Accounts {
			if len(a.Insights) > 0 {
				withInsights++
			}
		}
		if c.creators && withInsights == 0 {
			t.Errorf("%s: no creator has an insight", c.file)
		}
	}
}
