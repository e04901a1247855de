package scoring

import (
	"encoding/json"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
)

// Metric is a figure that may not exist: NA says why when OK is false ("no price given").
type Metric struct {
	Value float64
	OK    bool
	NA    lang.Msg
}

func metric(v float64) Metric { return Metric{Value: v, OK: true} }

// na is a missing metric and why, by its catalog key under na. and the values that fill it.
func na(why string, args ...lang.Arg) Metric { return Metric{NA: lang.M("na."+why, args...)} }

// MarshalJSON writes the number, or null when there is none.
func (m Metric) MarshalJSON() ([]byte, error) {
	if !m.OK {
		return []byte("null"), nil
	}
	return json.Marshal(m.Value)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (m *Metric) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*m = Metric{}
		return nil
	}
	m.OK = true
	return json.Unmarshal(b, &m.Value)
}

// TopPost is one of an account's best posts by view ER, with its link.
type TopPost struct {
	VideoID  string       `json:"video_id"`
	URL      string       `json:"url"`
	PostedAt time.Time    `json:"posted_at"`
	Views    ingest.Count `json:"views"`
	ViewER   Rate         `json:"view_er"`
	Rounded  bool         `json:"-"` // the export wrote the post's counts rounded (1.2K)
}

// Why a metric is missing: keys of the catalogs' na.
const (
	noViews     = "no_views"
	noFollowers = "no_followers"
	noPrice     = "no_price"
)

// buyerMetrics fills in what a buyer decides on (SPEC §3): expected views, cadence, sponsored
// posts and how they perform, save and share rates, cost per engagement and per thousand
// views, the best posts and the most used hashtags. All of them are over the window.
func (c *check) buyerMetrics(prices map[string]float64) {
	a, w, cfg := c.a, c.w, c.cfg
	a.MedianViews, a.AvgViews = c.views()
	a.ViewRate = viewRate(a.MedianViews, a.Followers)
	a.PostsPerWeek = postsPerWeek(w)
	c.sponsoredPosts()
	a.SaveRate = perView(w, func(p *ingest.Post) ingest.Count { return p.Saves }, "no_saves")
	a.ShareRate = perView(w, func(p *ingest.Post) ingest.Count { return p.Shares }, "no_shares")
	a.Price, a.CPE, a.CPM = c.costs(prices)
	a.TopPosts = topPosts(w, c.ts, cfg.TopPosts, cfg.IncludeSaves)
	a.TopHashtags = c.topHashtags()
}

// views are the median and the mean views per post, over the window's posts with a view count.
func (c *check) views() (med, avg Metric) {
	c.buf = c.buf[:0]
	var sum float64
	for i := range c.w {
		if v := c.w[i].Views; v.Known() {
			c.buf = append(c.buf, float64(v))
			sum += float64(v)
		}
	}
	if len(c.buf) == 0 {
		return na(noViews), na(noViews)
	}
	avg = metric(sum / float64(len(c.buf)))
	return metric(median(c.buf).Value), avg
}

// viewRate is median views per post ÷ followers, in percent.
func viewRate(medianViews Metric, followers ingest.Count) Metric {
	switch {
	case !medianViews.OK:
		return medianViews
	case followers <= 0:
		return na(noFollowers)
	}
	return metric(medianViews.Value * 100 / float64(followers))
}

// postsPerWeek = (dated posts − 1) ÷ the days between the oldest and the newest × 7, counting
// calendar days (UTC), so that posts at 23:00 and 01:00 are a day apart.
func postsPerWeek(w []ingest.Post) Metric {
	var oldest, newest time.Time
	n := 0
	for i := range w {
		t := w[i].PostedAt.Time()
		if t.IsZero() {
			continue
		}
		if n == 0 || t.Before(oldest) {
			oldest = t
		}
		if n == 0 || t.After(newest) {
			newest = t
		}
		n++
	}
	if n < 2 {
		return na("few_dated")
	}
	days := calendarDays(oldest, newest)
	if days == 0 {
		return na("one_day")
	}
	return metric(float64(n-1) / float64(days) * 7)
}

// calendarDays counts the UTC dates from a to b.
func calendarDays(a, b time.Time) int {
	day := func(t time.Time) time.Time {
		t = t.UTC()
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return int(day(b).Sub(day(a)).Hours() / 24)
}

// perView is Σ count ÷ Σ views over the window's posts that have both, in percent.
func perView(w []ingest.Post, count func(*ingest.Post) ingest.Count, none string) Metric {
	var num, den int64
	for i := range w {
		p := &w[i]
		if x := count(p); x.Known() && p.Views > 0 {
			num += int64(x)
			den += int64(p.Views)
		}
	}
	if den == 0 {
		return na(none)
	}
	return metric(float64(num) * 100 / float64(den))
}

// costs are the account's price (the fee for one sponsored post), cost per engagement =
// price ÷ median likes + comments + shares per post, and cost per thousand views = price ÷
// median views × 1000.
func (c *check) costs(prices map[string]float64) (price, cpe, cpm Metric) {
	p, ok := prices[c.a.Key]
	if !ok {
		return na(noPrice), na(noPrice), na(noPrice)
	}
	price = metric(p)
	c.buf = c.buf[:0]
	for i := range c.w {
		if q := &c.w[i]; q.Likes.Known() && q.Comments.Known() && q.Shares.Known() {
			c.buf = append(c.buf, float64(interactions(q, false)))
		}
	}
	switch m := median(c.buf); {
	case !m.OK:
		cpe = na("no_interaction_counts")
	case m.Value == 0:
		cpe = na("no_interactions")
	default:
		cpe = metric(p / m.Value)
	}
	switch mv := c.a.MedianViews; {
	case !mv.OK:
		cpm = mv
	case mv.Value == 0:
		cpm = na("zero_views")
	default:
		cpm = metric(p / mv.Value * 1000)
	}
	return price, cpe, cpm
}

// topPosts are the window's n best posts by view ER, best first; of two alike, the newer.
func topPosts(w []ingest.Post, ts *ingest.Texts, n int, includeSaves bool) []TopPost {
	var top []TopPost
	for i := range w {
		r := viewER(&w[i], includeSaves)
		if !r.OK {
			continue
		}
		at := len(top)
		for at > 0 && r.Value > top[at-1].ViewER.Value {
			at--
		}
		if at >= n {
			continue
		}
		if top == nil {
			top = make([]TopPost, 0, n)
		}
		p := &w[i]
		t := TopPost{VideoID: ts.Of(p.VideoID), URL: p.VideoURL(ts), PostedAt: p.PostedAt.Time(), Views: p.Views, ViewER: r, Rounded: p.Rounded}
		if len(top) < n {
			top = append(top, TopPost{})
		}
		copy(top[at+1:], top[at:len(top)-1])
		top[at] = t
	}
	return top
}
