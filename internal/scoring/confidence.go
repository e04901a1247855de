package scoring

import "slices"

// Confidence says how far an account's verdict can be trusted on its own posts.
type Confidence string

// The confidences, surest first: the order accounts of one verdict are ranked in.
const (
	Firm       Confidence = "firm"       // the verdict holds across resamples of the window
	Borderline Confidence = "borderline" // the verdict could change within the posts' own noise
	Thin       Confidence = "thin"       // too few posts to say
	NotRated   Confidence = "n/a"        // UNRATED on enough posts: no verdict to be sure of (the reason says why)
)

// order ranks confidences surest first.
func (c Confidence) order() int {
	switch c {
	case Firm:
		return 0
	case Borderline:
		return 1
	case Thin:
		return 2
	}
	return 3
}

// confidence is thin when the account's compared rate rests on fewer than FirmPosts posts or
// its posts are a sample (a hashtag or trend export's); n/a when it is UNRATED on more (no
// follower count, under the first tier…: its reason says which); borderline when the follower
// count is much newer than the posts (staleFollowers), resampling its own posts moves the
// ratio across a verdict line (far below, or 1.0), or the follower ER is so far above the tier
// that it rests on more than the followers (beyondTier); firm otherwise.
func (c *check) confidence() Confidence {
	a, cfg := c.a, c.cfg
	if a.Sample || a.comparedPosts(cfg) < cfg.FirmPosts {
		return Thin
	}
	if a.Verdict == Unrated {
		return NotRated
	}
	if _, stale := c.staleFollowers(); stale || c.crossesALine() {
		return Borderline
	}
	if _, extreme := c.beyondTier(); extreme {
		return Borderline
	}
	return Firm
}

// crossesALine bootstraps the ratio: Resamples times, it draws as many posts as the rate
// rests on, with replacement, from the window, and recomputes the ratio. The ConfidenceLevel
// interval of those ratios crosses a line L when its lower end is under L and its upper end
// is not, which needs no sort: only how many resampled ratios fall under L.
//
// The generator is seeded from the handle, so an account resamples the same way in any batch
// and in any order.
func (c *check) crossesALine() bool {
	cfg := c.cfg
	n := cfg.Resamples
	if n <= 0 {
		return false
	}
	c.rng = fnv64(c.a.Key)
	lines := [2]float64{cfg.FarBelow, 1}
	var under [2]int
	xs, scale := c.perPost()
	for range n {
		r := c.resample(xs) * scale
		for j, l := range lines {
			if r < l {
				under[j]++
			}
		}
	}
	tail := (100 - cfg.ConfidenceLevel) / 200 // each side's share: 0.05 at 90%
	lo := int(tail * float64(n))              // the interval is the sorted ratios' [lo, n-1-lo]
	hi := n - 1 - lo
	for _, k := range under {
		if k > lo && k <= hi {
			return true
		}
	}
	return false
}

// perPost is what the compared rate is made of, one value per post that serves it, and what
// turns a resample's statistic into a ratio: likes + comments on the follower basis (whose
// mean, scaled, is the ratio), view ERs on the view basis (whose median, scaled, is).
func (c *check) perPost() (xs []float64, scale float64) {
	a, cfg := c.a, c.cfg
	if cfg.Basis == BasisViews {
		c.buf = viewERs(c.buf[:0], c.w, cfg.IncludeSaves)
		slices.Sort(c.buf) // so that the median of drawn indexes picks the median value
		return c.buf, 1 / a.Tier.Benchmark
	}
	xs = c.buf[:0]
	for i := range c.w {
		if p := &c.w[i]; hasFollowerER(p) {
			xs = append(xs, float64(p.Likes)+float64(p.Comments))
		}
	}
	c.buf = xs
	return xs, 100 / (float64(len(xs)) * float64(a.Followers) * a.Tier.Benchmark)
}

// resample draws len(xs) values from xs with replacement and gives their sum (follower basis)
// or median (view basis, xs sorted). Each 64-bit draw gives two indexes by Lemire's multiply-shift, with
// a bias under n/2³², far below what resampling can see.
func (c *check) resample(xs []float64) float64 {
	n := uint64(len(xs))
	if c.cfg.Basis != BasisViews {
		var sum float64
		k := uint64(0)
		for ; k+1 < n; k += 2 {
			x := c.next()
			sum += xs[(x>>32*n)>>32] + xs[(x&0xFFFFFFFF*n)>>32]
		}
		if k < n {
			sum += xs[(c.next()>>32*n)>>32]
		}
		return sum
	}
	return c.medianDraw(xs)
}

// medianDraw is the median of len(xs) values drawn from xs, which is sorted: it counts how
// often each index is drawn and walks the counts to the middle, with no sort per resample.
func (c *check) medianDraw(xs []float64) float64 {
	n := len(xs)
	if cap(c.hits) < n {
		c.hits = make([]int32, n)
	}
	hits := c.hits[:n]
	clear(hits)
	for k := 0; k < n; k++ {
		hits[(c.next()>>32*uint64(n))>>32]++
	}
	// The median is the value of rank n/2 (odd n), or the mean of ranks n/2-1 and n/2.
	at := func(rank int) float64 {
		seen := 0
		for i, h := range hits {
			seen += int(h)
			if seen > rank {
				return xs[i]
			}
		}
		return xs[n-1]
	}
	if n%2 == 1 {
		return at(n / 2)
	}
	return (at(n/2-1) + at(n/2)) / 2
}

// next is SplitMix64 (Steele, Lea and Flood 2014): a fixed sequence from the seed, fast enough
// to draw 40 million indexes in a few tens of milliseconds, and good enough for resampling.
func (c *check) next() uint64 {
	c.rng += 0x9E3779B97F4A7C15
	z := c.rng
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return z ^ z>>31
}

// fnv64 is the FNV-1a hash of s: the bootstrap's seed for an account.
func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
