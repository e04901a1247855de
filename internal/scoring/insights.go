package scoring

import (
	"math"
	"slices"

	"github.com/vet-tool/vet/internal/ingest"
)

// Insight compares, for one trait, the median view ER of the posts that have it with that of
// the posts that do not (issue 21). It says which went with a higher view ER, never why.
type Insight struct {
	Trait   Trait
	With    Side
	Without Side
	Ratio   Rate // With's median ÷ Without's; not OK when Without's is 0
	// WithinSpread: the two medians differ by no more than InsightNoise standard errors of a
	// difference of medians, from the spread of each side's own posts (their interquartile
	// range): a difference this size is what chance gives two groups of these posts.
	WithinSpread bool
	// Small: the medians are less than InsightSmall apart (|Ratio − 1|). Over a batch's million
	// posts a difference of 0.6% is outside the spread, and still nothing to brief a creator on.
	Small bool
}

// Side is one side of an insight: how many posts, and their median view ER.
type Side struct {
	Posts  int
	Median Rate
}

// BatchInsight is an insight over every post of the batch, with how many creators have a
// comparison for the trait and how many of them do better with it.
type BatchInsight struct {
	Insight
	Creators int // accounts with InsightMinPosts view ERs on each side
	Higher   int // of those, the accounts whose posts with the trait have the higher median view ER
}

// HigherShare is the percent of Creators that do better with the trait.
func (b BatchInsight) HigherShare() Rate {
	if b.Creators == 0 {
		return Rate{}
	}
	return rate(float64(b.Higher) * 100 / float64(b.Creators))
}

// Weeks is how steadily an account posts, as the seed defines it: over the weeks (Monday to
// Sunday, UTC) from its first dated post to its last, the weeks with CadenceMin–CadenceMax
// posts against those with fewer (none included) or more.
type Weeks struct {
	Span, Steady, Fewer, More int
	OK                        bool // the account has at least MinPosts dated posts
}

// rated is a post's view ER and where the post is among the account's (or the batch's) posts.
type rated struct {
	er float64
	at int32
}

// insights compares every trait of the account's posts, all of them, not only the window's
// (traits are in posts' order), and reports the account's weeks. Traits whose posts with or
// without have fewer than InsightMinPosts view ERs are left out.
func (c *check) insights(a *Account, traits []PostTraits) {
	cfg := c.cfg
	a.Weeks = c.steadyWeeks(a.Posts, traits)
	c.rated = c.rated[:0]
	var has, hasnt uint16 // the traits some post has, and some lacks
	for i := range a.Posts {
		if r := viewER(&a.Posts[i], cfg.IncludeSaves); r.OK {
			c.rated = append(c.rated, rated{r.Value, int32(i)})
			t := traits[i]
			has, hasnt = has|t.has, hasnt|(t.known&^t.has)
		}
	}
	if len(c.rated) < 2*cfg.InsightMinPosts {
		return
	}
	sortRated(c.rated)
	for _, t := range Traits() {
		if has&hasnt&(1<<t) == 0 { // no post with it, or none without: nothing to compare
			continue
		}
		if in, ok := c.compare(c.rated, traits, t); ok {
			a.Insights = append(a.Insights, in)
		}
	}
}

// compare is trait t's insight over posts sorted by view ER; ok is false when a side has fewer
// than InsightMinPosts posts. Two walks of the sorted posts, the first counting each side, the
// second picking the values at the ranks its median and quartiles read: nothing is copied,
// which at a million posts was 30 MB.
func (c *check) compare(sorted []rated, traits []PostTraits, t Trait) (Insight, bool) {
	nWith, nWithout := 0, 0
	for _, r := range sorted {
		if has, known := traits[r.at].Has(t); known && has {
			nWith++
		} else if known {
			nWithout++
		}
	}
	min := c.cfg.InsightMinPosts
	if nWith < min || nWithout < min {
		return Insight{}, false
	}
	with, without := newRanks(nWith), newRanks(nWithout)
	kWith, kWithout := 0, 0
	for _, r := range sorted {
		switch has, known := traits[r.at].Has(t); {
		case !known:
		case has:
			with.see(kWith, r.er)
			kWith++
		default:
			without.see(kWithout, r.er)
			kWithout++
		}
	}
	in := Insight{Trait: t, With: Side{nWith, rate(with.median())}, Without: Side{nWithout, rate(without.median())}}
	if in.Without.Median.Value > 0 {
		in.Ratio = rate(in.With.Median.Value / in.Without.Median.Value)
	}
	// The standard error of a median is about 1.2533 σ/√n; σ from each side's IQR.
	sw, so := with.robustSD(), without.robustSD()
	se := 1.2533 * math.Sqrt(sw*sw/float64(nWith)+so*so/float64(nWithout))
	in.WithinSpread = math.Abs(in.With.Median.Value-in.Without.Median.Value) <= c.cfg.InsightNoise*se
	in.Small = smallDifference(in.Ratio, c.cfg.InsightSmall)
	return in, true
}

// ranks are the places in n sorted values that a median and the quartiles read, and the
// values found there: the median is the middle one (or the mean of the middle two); a
// quartile interpolates between its two neighbours.
type ranks struct {
	at   [6]int // the median's two, the first quartile's two, the third's two
	frac [2]float64
	v    [6]float64
}

func newRanks(n int) ranks {
	var r ranks
	r.at[0], r.at[1] = (n-1)/2, n/2
	for i, p := range [2]float64{0.25, 0.75} {
		x := p * float64(n-1)
		lo := int(x)
		r.at[2+2*i], r.at[3+2*i], r.frac[i] = lo, min(lo+1, n-1), x-float64(lo)
	}
	return r
}

// see is the k-th value, from the smallest.
func (r *ranks) see(k int, v float64) {
	for i, at := range r.at {
		if at == k {
			r.v[i] = v
		}
	}
}

func (r *ranks) median() float64 { return (r.v[0] + r.v[1]) / 2 }

// robustSD is the standard deviation the interquartile range stands for (IQR ÷ 1.349 for a
// normal spread), robust to the one viral post.
func (r *ranks) robustSD() float64 {
	q1 := r.v[2] + r.frac[0]*(r.v[3]-r.v[2])
	q3 := r.v[4] + r.frac[1]*(r.v[5]-r.v[4])
	return (q3 - q1) / 1.349
}

// sortRated sorts by view ER, then by place, so that equal rates keep a reproducible order.
// The batch's million rates are sorted by their bits, a byte at a time (a view ER is never
// negative, and a non-negative float's bits order as the float does); an account's few with
// a comparison sort.
func sortRated(rs []rated) {
	if len(rs) > radixMin {
		radixSort(rs)
		return
	}
	slices.SortFunc(rs, func(a, b rated) int {
		switch {
		case a.er < b.er:
			return -1
		case a.er > b.er:
			return 1
		}
		return int(a.at - b.at)
	})
}

// weekOf is the number of the Monday-to-Sunday week (UTC) a day falls in.
func weekOf(p *ingest.Post) int64 {
	// 1 January 1970 was a Thursday: three days after a Monday.
	return floorDiv(floorDiv(p.PostedAt.Unix(), 86400)+3, 7)
}

// floorDiv is a ÷ b rounded down, for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// steadyWeeks counts the account's weeks by how often it posted, and marks each dated post
// with SteadyWeek when its week had CadenceMin–CadenceMax posts.
func (c *check) steadyWeeks(posts []ingest.Post, traits []PostTraits) Weeks {
	cfg := c.cfg
	c.weeks = c.weeks[:0]
	for i := range posts {
		if !posts[i].PostedAt.IsZero() {
			c.weeks = append(c.weeks, weekOf(&posts[i]))
		}
	}
	if len(c.weeks) < cfg.MinPosts {
		return Weeks{}
	}
	slices.Sort(c.weeks)
	steady := func(n int) bool { return float64(n) >= cfg.CadenceMin && float64(n) <= cfg.CadenceMax }
	w := Weeks{Span: int(c.weeks[len(c.weeks)-1]-c.weeks[0]) + 1, OK: true}
	for i := 0; i < len(c.weeks); {
		j := i
		for j < len(c.weeks) && c.weeks[j] == c.weeks[i] {
			j++
		}
		switch n := j - i; {
		case steady(n):
			w.Steady++
		case float64(n) > cfg.CadenceMax:
			w.More++
		}
		i = j
	}
	w.Fewer = w.Span - w.Steady - w.More
	for i := range posts {
		if posts[i].PostedAt.IsZero() {
			continue
		}
		wk := weekOf(&posts[i])
		lo, _ := slices.BinarySearch(c.weeks, wk)
		hi, _ := slices.BinarySearch(c.weeks, wk+1)
		traits[i].set(SteadyWeek, steady(hi-lo))
	}
	return w
}

// watchMetrics are the window's median average watch time (seconds) and median share of views
// that watched the whole video (percent), where the export gives them (TikTok Studio).
func (c *check) watchMetrics() (watch, full Metric) {
	return c.windowMedian((*ingest.Post).WatchTime, "no_watch_time"), c.windowMedian((*ingest.Post).WatchedFull, "no_watched_full")
}

// windowMedian is the median of what of reads off the window's posts that say it; n/a
// (na.<why>) when none does.
func (c *check) windowMedian(of func(*ingest.Post) (float64, bool), why string) Metric {
	c.buf = c.buf[:0]
	for i := range c.w {
		if v, ok := of(&c.w[i]); ok {
			c.buf = append(c.buf, v)
		}
	}
	if len(c.buf) == 0 {
		return na(why)
	}
	return metric(median(c.buf).Value)
}

// batchInsights compares every trait over every post of the batch, and counts for each the
// creators that have a comparison and those that do better with the trait.
func batchInsights(accounts []Account, posts []ingest.Post, traits []PostTraits, cfg *Config) []BatchInsight {
	all := make([]rated, 0, len(posts))
	for i := range posts {
		if r := viewER(&posts[i], cfg.IncludeSaves); r.OK {
			all = append(all, rated{r.Value, int32(i)})
		}
	}
	sortRated(all)
	// Each trait's comparison walks every post twice: the traits are compared on every core.
	ins := make([]Insight, numTraits)
	oks := make([]bool, numTraits)
	eachTrait(func(t Trait) { ins[t], oks[t] = (&check{cfg: cfg}).compare(all, traits, t) })
	var out []BatchInsight
	for _, t := range Traits() {
		in, ok := ins[t], oks[t]
		if !ok {
			continue
		}
		b := BatchInsight{Insight: in}
		for i := range accounts {
			for _, ai := range accounts[i].Insights {
				if ai.Trait == t {
					b.Creators++
					if ai.With.Median.Value > ai.Without.Median.Value {
						b.Higher++
					}
				}
			}
		}
		out = append(out, b)
	}
	return out
}

// radixMin is the length from which sortRated sorts by radix.
const radixMin = 4096

// radixSort is a stable least-significant-byte-first radix sort of rs by their view ER's bits:
// rs must be in place order (as insights and batchInsights build them), so that equal rates
// stay in that order, as sortRated's comparison sort puts them.
func radixSort(rs []rated) {
	buf := make([]rated, len(rs))
	src, dst := rs, buf
	for shift := uint(0); shift < 64; shift += 8 {
		var count [256]int
		for i := range src {
			count[byte(math.Float64bits(src[i].er)>>shift)]++
		}
		if count[byte(math.Float64bits(src[0].er)>>shift)] == len(src) {
			continue // every key has this byte: the pass would change nothing
		}
		pos := 0
		for b := range count {
			pos, count[b] = pos+count[b], pos
		}
		for i := range src {
			b := byte(math.Float64bits(src[i].er) >> shift)
			dst[count[b]] = src[i]
			count[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &rs[0] {
		copy(rs, src)
	}
}

// eachTrait calls do for every trait, the traits shared out among the cores; each call writes
// what belongs to its trait alone.
func eachTrait(do func(Trait)) {
	n := int(numTraits)
	inParts(partsOf(n, 1), n, func(_, lo, hi int) {
		for t := lo; t < hi; t++ {
			do(Trait(t))
		}
	})
}

// smallDifference says whether a ratio of medians is less than small away from 1.
func smallDifference(ratio Rate, small float64) bool {
	return ratio.OK && math.Abs(ratio.Value-1) < small
}
