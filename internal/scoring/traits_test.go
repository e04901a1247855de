package scoring

import (
	"cmp"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
)

func traitOf(t *testing.T, p ingest.Post, tr Trait) (has, known bool) {
	t.Helper()
	cfg := Default()
	if p.Key == 0 {
		p.Key = txt("a")
	}
	return batchTraits([]ingest.Post{p}, &postTexts, nil, &cfg)[0].Has(tr)
}

func length(seconds float64) ingest.Post {
	var p ingest.Post
	p.SetLength(seconds, 0, -1)
	return p
}

func TestTraitsOfOnePost(t *testing.T) {
	sat := time.Date(2026, 11, 28, 23, 59, 0, 0, time.UTC) // a Saturday
	mon := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name       string
		p          ingest.Post
		tr         Trait
		has, known bool
	}{
		{"a question mark", ingest.Post{Caption: txt("who else?")}, Question, true, true},
		{"a full-width question mark", ingest.Post{Caption: txt("本当？")}, Question, true, true},
		{"no question", ingest.Post{Caption: txt("done.")}, Question, false, true},
		{"two hashtags are not many", ingest.Post{Caption: txt("#a #b")}, ManyHashtags, false, true},
		{"three hashtags are many", ingest.Post{Caption: txt("#a #b #C")}, ManyHashtags, true, true},
		{"a hashtag twice counts once", ingest.Post{Caption: txt("#a #b #A")}, ManyHashtags, false, true},
		{"29.9 seconds is short", length(29.9), LongVideo, false, true},
		{"30 seconds is long", length(30), LongVideo, true, true},
		{"no length is unknown", ingest.Post{}, LongVideo, false, false},
		{"Saturday", ingest.Post{PostedAt: ingest.At(sat)}, Weekend, true, true},
		{"Monday", ingest.Post{PostedAt: ingest.At(mon)}, Weekend, false, true},
		{"undated is unknown", ingest.Post{}, Weekend, false, false},
		{"#duet", ingest.Post{Caption: txt("#duet with @x")}, DuetOrStitch, true, true},
		{"stitch with", ingest.Post{Caption: txt("Stitch with @x lol")}, DuetOrStitch, true, true},
		{"#duets is not #duet", ingest.Post{Caption: txt("#duets")}, DuetOrStitch, false, true},
		{"the export's flag", ingest.Post{DuetOrStitch: ingest.Yes}, DuetOrStitch, true, true},
		{"own sound", ingest.Post{OriginalSound: ingest.Yes}, OriginalSound, true, true},
		{"not own sound", ingest.Post{OriginalSound: ingest.No}, OriginalSound, false, true},
		{"own sound unsaid", ingest.Post{}, OriginalSound, false, false},
		{"a use count at the line", ingest.Post{SoundUses: 10_000}, TrendingSound, true, true},
		{"a use count under it", ingest.Post{SoundUses: 9_999}, TrendingSound, false, true},
		{"a sound of one creator", ingest.Post{Sound: 1}, TrendingSound, false, true},
		{"no sound is unknown", ingest.Post{}, TrendingSound, false, false},
	} {
		has, known := traitOf(t, c.p, c.tr)
		if has != c.has || known != c.known {
			t.Errorf("%s: %s has %v known %v, want %v %v", c.name, c.tr, has, known, c.has, c.known)
		}
	}
}

// A caption trait of a file without a caption column is unknown, not "no".
func TestCaptionTraitsWithoutACaptionColumn(t *testing.T) {
	cfg := Default()
	tr := batchTraits([]ingest.Post{{Key: txt("a"), File: txt("nocap.csv")}, {Key: txt("a"), File: txt("cap.csv")}}, &postTexts, []string{"nocap.csv"}, &cfg)
	for _, trait := range []Trait{Question, ManyHashtags, TrendHashtag, DuetOrStitch} {
		if _, known := tr[0].Has(trait); known {
			t.Errorf("%s known without a caption column", trait)
		}
		if _, known := tr[1].Has(trait); !known {
			t.Errorf("%s unknown with a caption column", trait)
		}
	}
}

// A sound or hashtag is trending from the third creator that uses it; one creator's many
// posts count once.
func TestTrendsCountCreators(t *testing.T) {
	cfg := Default()
	var ps []ingest.Post
	add := func(key string, n int) {
		for range n {
			ps = append(ps, ingest.Post{Key: txt(key), Sound: 1, Caption: txt("#Trend")})
		}
	}
	add("a", 5)
	add("b", 1)
	tr := batchTraits(ps, &postTexts, nil, &cfg)
	if has, _ := tr[0].Has(TrendingSound); has {
		t.Error("a sound of 2 creators is trending")
	}
	if has, _ := tr[0].Has(TrendHashtag); has {
		t.Error("a hashtag of 2 creators is a trend")
	}
	add("c", 1)
	tr = batchTraits(ps, &postTexts, nil, &cfg)
	for i := range ps {
		if has, _ := tr[i].Has(TrendingSound); !has {
			t.Fatalf("post %d: a sound of 3 creators is not trending", i)
		}
		if has, _ := tr[i].Has(TrendHashtag); !has {
			t.Fatalf("post %d: #trend of 3 creators (#Trend) is not a trend", i)
		}
	}
}

func ratedPosts(key string, ers []float64, captions func(i int) string) []ingest.Post {
	var ps []ingest.Post
	for i, er := range ers {
		ps = append(ps, ingest.Post{Account: txt(key), Key: txt(key), Views: 10_000, Likes: ingest.Count(er * 100), Comments: 0, Shares: 0,
			PostedAt: ingest.At(time.Date(2026, 11, 1+i, 12, 0, 0, 0, time.UTC)), VideoID: txt(fmt.Sprint(i)), Caption: txt(captions(i))})
	}
	return ps
}

func TestInsightNeedsThreePostsEachSide(t *testing.T) {
	cfg := Default()
	// Two questions among eight posts: no comparison; three: one.
	for _, c := range []struct {
		questions int
		want      bool
	}{{2, false}, {3, true}} {
		ps := ratedPosts("a", []float64{8, 8, 8, 5, 5, 5, 5, 5}, func(i int) string {
			if i < c.questions {
				return "why?"
			}
			return "so."
		})
		res := Score(Input{Texts: &postTexts, Posts: ps}, cfg)
		var got *Insight
		for i, in := range res.Accounts[0].Insights {
			if in.Trait == Question {
				got = &res.Accounts[0].Insights[i]
			}
		}
		if (got != nil) != c.want {
			t.Fatalf("%d questions: insight %+v, want one: %v", c.questions, got, c.want)
		}
		if got != nil && (got.With.Posts != 3 || got.Without.Posts != 5 || got.With.Median.Value != 8 || got.Without.Median.Value != 5 || got.Ratio.Value != 1.6) {
			t.Errorf("insight %+v", *got)
		}
	}
}

// A difference smaller than the posts' spread says so; a clear one does not.
func TestInsightWithinSpread(t *testing.T) {
	cfg := Default()
	question := func(i int) string {
		if i%2 == 0 {
			return "?"
		}
		return ""
	}
	noisy := Score(Input{Texts: &postTexts, Posts: ratedPosts("a", []float64{2, 9, 4, 3, 8, 10, 3, 2, 9, 7}, question)}, cfg).Accounts[0].Insights
	clear := Score(Input{Texts: &postTexts, Posts: ratedPosts("a", []float64{9, 3, 9.5, 3.1, 9.2, 2.9, 9.1, 3, 9.3, 3.2}, question)}, cfg).Accounts[0].Insights
	find := func(ins []Insight) Insight {
		for _, in := range ins {
			if in.Trait == Question {
				return in
			}
		}
		t.Fatal("no question insight")
		return Insight{}
	}
	if in := find(noisy); !in.WithinSpread {
		t.Errorf("noisy: %+v is not within the spread", in)
	}
	if in := find(clear); in.WithinSpread {
		t.Errorf("clear: %+v is within the spread", in)
	}
}

// A clear difference of medians less than InsightSmall (10%) apart is said to be small; one
// just over it, or within the spread, is not; the edge is |ratio − 1| < 10%.
func TestInsightSmallDifference(t *testing.T) {
	cfg := Default()
	question := func(i int) string {
		if i%2 == 0 {
			return "?"
		}
		return ""
	}
	tight := func(with, without float64) Insight { // 20 posts each side, each within ±0.01
		var ers []float64
		for i := range 40 {
			d := float64(i%5-2) / 200
			if i%2 == 0 {
				ers = append(ers, with+d)
			} else {
				ers = append(ers, without+d)
			}
		}
		for _, in := range Score(Input{Texts: &postTexts, Posts: ratedPosts("a", ers, question)}, cfg).Accounts[0].Insights {
			if in.Trait == Question {
				return in
			}
		}
		t.Fatal("no question insight")
		return Insight{}
	}
	if in := tight(5.2, 5); in.WithinSpread || !in.Small {
		t.Errorf("5.2%% against 5%%: %+v, want outside the spread and small", in)
	}
	if in := tight(5.6, 5); in.WithinSpread || in.Small {
		t.Errorf("5.6%% against 5%%: %+v, want outside the spread and not small", in)
	}
	for _, c := range []struct {
		ratio float64
		ok    bool
		small float64
		want  bool
	}{
		{1.099, true, 0.1, true}, {1.101, true, 0.1, false}, {0.901, true, 0.1, true}, {0.899, true, 0.1, false},
		{1, false, 0.1, false}, // no ratio (the median without is 0)
		{1, true, 0, false},    // insights.small 0: never small
	} {
		if got := smallDifference(Rate{Value: c.ratio, OK: c.ok}, c.small); got != c.want {
			t.Errorf("smallDifference(%v ok=%v, %v) = %v, want %v", c.ratio, c.ok, c.small, got, c.want)
		}
	}
}

func TestSteadyWeeks(t *testing.T) {
	cfg := Default()
	monday := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	var ps []ingest.Post
	// Week 1: 4 posts (steady); week 2: none; week 3: 1; week 4: 6 (more).
	for w, n := range []int{4, 0, 1, 6} {
		for i := range n {
			ps = append(ps, ingest.Post{Account: txt("a"), Key: txt("a"), Views: 100, Likes: 5, Comments: 1, Shares: 0,
				PostedAt: ingest.At(monday.AddDate(0, 0, 7*w+i)), VideoID: txt(fmt.Sprint(w, i))})
		}
	}
	a := Score(Input{Texts: &postTexts, Posts: ps}, cfg).Accounts[0]
	if want := (Weeks{Span: 4, Steady: 1, Fewer: 2, More: 1, OK: true}); a.Weeks != want {
		t.Errorf("weeks %+v, want %+v", a.Weeks, want)
	}
	steady := 0
	for i := range a.Posts {
		if has, _ := a.Traits[i].Has(SteadyWeek); has {
			steady++
			if d := a.Posts[i].PostedAt.Time(); d.Before(monday) || !d.Before(monday.AddDate(0, 0, 7)) {
				t.Errorf("post of %s marked in a steady week", d)
			}
		}
	}
	if steady != 4 {
		t.Errorf("%d posts in a steady week, want 4", steady)
	}
	// A Sunday and the next Monday are two weeks.
	if weekOf(&ingest.Post{PostedAt: ingest.At(time.Date(2026, 11, 8, 23, 0, 0, 0, time.UTC))}) == weekOf(&ingest.Post{PostedAt: ingest.At(monday.AddDate(0, 0, 7))}) {
		t.Error("Sunday and Monday in one week")
	}
	if weekOf(&ingest.Post{PostedAt: ingest.At(time.Date(2026, 11, 8, 23, 0, 0, 0, time.UTC))}) != weekOf(&ingest.Post{PostedAt: ingest.At(monday)}) {
		t.Error("Monday and Sunday of one week apart")
	}
}

func TestAsksAndSaysDuet(t *testing.T) {
	for s, want := range map[string]bool{"why?": true, "なぜ？": true, "لماذا؟": true, "no": false, "": false} {
		if asks(s) != want {
			t.Errorf("asks(%q) = %v", s, !want)
		}
	}
	for s, want := range map[string]bool{"Duet with @a": true, "stitch WITH me": true, "with": false, "duetwith": false, "a duet  with": false, "#stitch with": true, "STITCH with": true} {
		if saysDuet(s) != want {
			t.Errorf("saysDuet(%q) = %v", s, !want)
		}
	}
}

// The radix sort of the batch's rates gives the order the comparison sort gives: by rate,
// equal rates in place order.
func TestRadixSortAgreesWithSortFunc(t *testing.T) {
	rs := make([]rated, 20_000)
	x := uint64(7)
	for i := range rs {
		x = x*6364136223846793005 + 1442695040888963407
		er := float64(x>>40%5000) / 100 // many ties, and zeros
		if i%97 == 0 {
			er = 0
		}
		rs[i] = rated{er, int32(i)}
	}
	want := slices.Clone(rs)
	slices.SortFunc(want, func(a, b rated) int {
		if a.er != b.er {
			return cmp.Compare(a.er, b.er)
		}
		return int(a.at - b.at)
	})
	radixSort(rs)
	if !slices.Equal(rs, want) {
		t.Fatal("the radix sort's order differs")
	}
}

// The window's median watch time and watched-full share, and n/a when no post says them.
func TestWatchMedians(t *testing.T) {
	ps := ratedPosts("a", []float64{5, 6, 7, 8}, func(int) string { return "" })
	for i, w := range []float64{4, 10, 6, 0} { // the last says nothing
		full := float64(10 * (i + 1))
		if w == 0 {
			full = -1
		}
		ps[i].SetLength(20, w, full)
	}
	a := Score(Input{Texts: &postTexts, Posts: ps}, Default()).Accounts[0]
	if !a.WatchTime.OK || a.WatchTime.Value != 6 || !a.WatchedFull.OK || a.WatchedFull.Value != 20 {
		t.Errorf("watch time %+v, watched full %+v; want 6 s and 20%%", a.WatchTime, a.WatchedFull)
	}
	b := Score(Input{Texts: &postTexts, Posts: ratedPosts("b", []float64{5, 6}, func(int) string { return "" })}, Default()).Accounts[0]
	if b.WatchTime.OK || b.WatchedFull.OK || b.WatchTime.NA.Key != "na.no_watch_time" {
		t.Errorf("without watch time: %+v, %+v", b.WatchTime, b.WatchedFull)
	}
}
