package scoring

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
)

// scored scores one account's posts with the default config and the given prices.
func scored(posts []ingest.Post, prices map[string]float64) Account {
	return Score(Input{Texts: &postTexts, Posts: posts, Prices: prices}, Default()).Accounts[0]
}

// metricIs fails unless m is want (when na is "") or missing with a reason containing na.
func metricIs(t *testing.T, what string, m Metric, want float64, na string) {
	t.Helper()
	switch {
	case na == "" && (!m.OK || m.Value != want):
		t.Errorf("%s = %+v, want %v", what, m, want)
	case na != "" && (m.OK || !strings.Contains(en(m.NA), na)):
		t.Errorf("%s = %+v, want n/a saying %q", what, m, na)
	}
}

func TestExpectedViews(t *testing.T) {
	m := ingest.Missing
	for _, tc := range []struct {
		name              string
		posts             []ingest.Post
		median, avg, rate float64
		na                string
	}{
		{"median and mean views are over the posts with a view count", account("a", 20_000,
			counts{1_000, 50, 5, 1}, counts{2_000, 50, 5, 1}, counts{6_000, 50, 5, 1}, counts{m, 50, 5, 1}), 2_000, 3_000, 10, ""},
		{"an even count of posts takes the middle two", account("a", 20_000,
			counts{1_000, 50, 5, 1}, counts{2_000, 50, 5, 1}, counts{4_000, 50, 5, 1}, counts{6_000, 50, 5, 1}), 3_000, 3_250, 15, ""},
		{"no view counts give no expected views", account("a", 20_000, same(3, counts{m, 50, 5, 1})...), 0, 0, 0, "no view counts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := scored(tc.posts, nil)
			metricIs(t, "median views", a.MedianViews, tc.median, tc.na)
			metricIs(t, "average views", a.AvgViews, tc.avg, tc.na)
			metricIs(t, "view rate", a.ViewRate, tc.rate, tc.na)
		})
	}
	t.Run("without followers there are views but no view rate", func(t *testing.T) {
		a := scored(account("a", m, same(3, counts{1_000, 50, 5, 1})...), nil)
		metricIs(t, "median views", a.MedianViews, 1_000, "")
		metricIs(t, "view rate", a.ViewRate, 0, "no follower count")
	})
}

func TestPostsPerWeek(t *testing.T) {
	at := func(ts ...time.Time) []ingest.Post {
		ps := account("a", 20_000, same(len(ts), counts{1_000, 50, 5, 1})...)
		for i, t := range ts {
			ps[i].PostedAt = ingest.At(t)
		}
		return ps
	}
	d := func(days, hours int) time.Time {
		return day0.AddDate(0, 0, -days).Add(time.Duration(hours) * time.Hour)
	}
	for _, tc := range []struct {
		name  string
		posts []ingest.Post
		want  float64
		na    string
	}{
		{"five posts over 14 days at uneven gaps are 2 a week", at(d(0, 0), d(1, 0), d(3, 0), d(7, 0), d(14, 0)), 2, ""},
		{"two posts a week apart are 1 a week", at(d(0, 0), d(7, 0)), 1, ""},
		{"two posts at 23:00 and 01:00 the next day are a day apart", at(d(0, -11), d(1, 11)), 7, ""},
		{"three posts on one day have no cadence", at(d(0, 0), d(0, -3), d(0, -6)), 0, "all posts on one day"},
		{"one dated post has no cadence", at(d(0, 0), time.Time{}, time.Time{}), 0, "fewer than 2 dated posts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			metricIs(t, "posts per week", scored(tc.posts, nil).PostsPerWeek, tc.want, tc.na)
		})
	}
}

func TestSponsoredPosts(t *testing.T) {
	// Ten posts at 4% view ER; two sponsored ones at 3% and 1%.
	base := func() []ingest.Post {
		ps := account("a", 20_000, same(10, counts{10_000, 380, 10, 10})...)
		ps[2].Likes, ps[2].Caption = 280, txt("new flavour #AD")
		ps[6].Likes, ps[6].Sponsored = 80, true
		return ps
	}
	t.Run("two sponsored posts exactly: count, share and paid ER ratio", func(t *testing.T) {
		a := scored(base(), nil)
		if a.SponsoredPosts != 2 {
			t.Errorf("sponsored posts = %d, want 2", a.SponsoredPosts)
		}
		metricIs(t, "sponsored share", a.SponsoredShare, 20, "")
		metricIs(t, "paid ER ratio", a.PaidERRatio, 0.5, "") // median of 3% and 1% = 2%, ÷ 4%
		if _, ok := raised(a, SponsoredUnderperform); ok {
			t.Errorf("0.5 raised sponsored_underperform")
		}
	})
	t.Run("one sponsored post gives no paid ER ratio", func(t *testing.T) {
		ps := base()
		ps[6].Sponsored = false
		a := scored(ps, nil)
		metricIs(t, "paid ER ratio", a.PaidERRatio, 0, "fewer than 2 sponsored posts")
	})
	t.Run("no sponsored post says so", func(t *testing.T) {
		a := scored(account("a", 20_000, same(5, counts{10_000, 380, 10, 10})...), nil)
		metricIs(t, "sponsored share", a.SponsoredShare, 0, "")
		metricIs(t, "paid ER ratio", a.PaidERRatio, 0, "no sponsored posts")
	})
	t.Run("below half the others' engagement raises sponsored_underperform with its numbers", func(t *testing.T) {
		ps := base()
		ps[2].Likes = 270 // median of 2.9% and 1% = 1.95% ÷ 4% = 0.4875
		a := scored(ps, nil)
		s, ok := raised(a, SponsoredUnderperform)
		if !ok || a.Verdict != Review {
			t.Fatalf("signals %+v, verdict %s", a.Signals, a.Verdict)
		}
		if !strings.Contains(en(s.Detail), "2 sponsored posts 1.95% ÷ 4.00% of 8 other posts = 0.49 < 0.5") {
			t.Errorf("detail %q", en(s.Detail))
		}
		if !strings.Contains(enAll(a.Reason), "sponsored posts get 0.49× the engagement of the others") {
			t.Errorf("reason %q", enAll(a.Reason))
		}
	})
}

func TestSaveAndShareRates(t *testing.T) {
	m := ingest.Missing
	ps := account("a", 20_000, counts{1_000, 50, 5, 20}, counts{5_000, 50, 5, m}, counts{1_000, 50, 5, 10})
	ps[0].Saves, ps[1].Saves, ps[2].Saves = 10, m, 30
	a := scored(ps, nil)
	metricIs(t, "save rate", a.SaveRate, 2, "")     // 40 / 2,000 views
	metricIs(t, "share rate", a.ShareRate, 1.5, "") // 30 / 2,000 views
	none := scored(account("a", 20_000, same(3, counts{1_000, 50, 5, m})...), nil)
	metricIs(t, "save rate", none.SaveRate, 0, "no save counts")
	metricIs(t, "share rate", none.ShareRate, 0, "no share counts")
}

func TestCosts(t *testing.T) {
	ps := account("a", 20_000, counts{8_000, 90, 5, 5}, counts{10_000, 180, 10, 10}, counts{40_000, 280, 10, 10})
	prices := map[string]float64{"a": 500}
	for _, tc := range []struct {
		name            string
		posts           []ingest.Post
		prices          map[string]float64
		price, cpe, cpm float64
		na              [3]string
	}{
		{"a price of 500 on a median of 200 interactions and 10,000 views", ps, prices, 500, 2.5, 50, [3]string{}},
		{"no price gives no costs", ps, nil, 0, 0, 0, [3]string{"no price given", "no price given", "no price given"}},
		{"a price with zero interactions has no cost per engagement", account("a", 20_000, same(3, counts{1_000, 0, 0, 0})...), prices,
			500, 0, 500, [3]string{"", "no interactions", ""}},
		{"a price with zero views has no cost per thousand views", account("a", 20_000, same(3, counts{0, 10, 0, 0})...), prices,
			500, 50, 0, [3]string{"", "", "no views"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := scored(tc.posts, tc.prices)
			metricIs(t, "price", a.Price, tc.price, tc.na[0])
			metricIs(t, "CPE", a.CPE, tc.cpe, tc.na[1])
			metricIs(t, "CPM", a.CPM, tc.cpm, tc.na[2])
		})
	}
}

func TestTopPosts(t *testing.T) {
	ps := account("a", 20_000, counts{10_000, 300, 0, 0}, counts{10_000, 500, 0, 0}, counts{10_000, 100, 0, 0},
		counts{ingest.Missing, 900, 0, 0}, counts{10_000, 500, 0, 0}, counts{10_000, 700, 0, 0})
	ps[5].URL = txt("https://example.com/v/f")
	a := scored(ps, nil)
	var got []string
	for _, p := range a.TopPosts {
		got = append(got, p.VideoID+"@"+p.URL)
	}
	// 7%, then the two at 5% (the newer first); the post without views has no view ER.
	want := []string{"a-f@https://example.com/v/f", "a-b@", "a-e@"}
	if !slices.Equal(got, want) {
		t.Errorf("top posts %v, want %v", got, want)
	}
	if len(a.TopPosts) > 0 && a.TopPosts[0].ViewER.Value != 7 {
		t.Errorf("best view ER %v, want 7", a.TopPosts[0].ViewER.Value)
	}
}

func TestTopHashtags(t *testing.T) {
	ps := account("a", 20_000, same(5, counts{10_000, 300, 10, 5})...)
	ps[0].Caption = txt("#fyp #Cooking #fyp #adventure")
	ps[1].Caption = txt("dinner #cooking #fyp, #zz")
	ps[2].Caption = txt("#zz #aa #fyp")
	ps[3].Caption = txt("#bb. #cc")
	ps[4].Caption = txt("no tags # here")
	got := scored(ps, nil).TopHashtags
	// fyp in 3 posts (twice in one counts once), cooking and zz in 2, then ties by name.
	want := []string{"#fyp", "#cooking", "#zz", "#aa", "#adventure"}
	if !slices.Equal(got, want) {
		t.Errorf("top hashtags %v, want %v", got, want)
	}
}
