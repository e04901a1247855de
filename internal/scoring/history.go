package scoring

import (
	"encoding/json"
	"math"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
)

// With a history (Input.History, loaded by the CLI from --history), scoring does three things:
// the previous snapshot serves as the baseline when no --baseline is given (the Δ columns and
// follower_jump / follower_drop come from baseline.go, as they would with --baseline); each
// account carries its last HistoryPoints points, this run's last, for the trend lines; and
// engagement_decline is raised on a sustained fall of follower ER.

// baseline is what the batch is compared with: --baseline when given, else the history's
// previous snapshot before asOf; nil for neither.
func (in *Input) baseline(asOf time.Time) *Baseline {
	if in.Baseline != nil || len(in.History) == 0 {
		return in.Baseline
	}
	return previousSnapshot(in.History, asOf)
}

// previousSnapshot is the newest as-of in the history before this run's, with the accounts seen
// on it. Accounts whose last point is older were not in that snapshot: they are neither compared
// nor "gone". A snapshot of this run's own as-of is the one it replaces, never its baseline.
func previousSnapshot(h map[string][]Point, asOf time.Time) *Baseline {
	var last time.Time
	for _, ps := range h {
		if p, ok := lastBefore(ps, asOf); ok && p.AsOf.After(last) {
			last = p.AsOf
		}
	}
	if last.IsZero() {
		return nil
	}
	b := &Baseline{AsOf: last, Accounts: map[string]Previous{}}
	for key, ps := range h {
		if p, ok := lastBefore(ps, asOf); ok && p.AsOf.Equal(last) {
			b.Accounts[key] = Previous{Handle: key, Followers: p.Followers, FollowerER: p.FollowerER, Verdict: p.Verdict}
		}
	}
	return b
}

// lastBefore is the newest of an account's points (oldest first) before asOf.
func lastBefore(ps []Point, asOf time.Time) (Point, bool) {
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].AsOf.Before(asOf) {
			return ps[i], true
		}
	}
	return Point{}, false
}

// pastPoints are an account's points from before this run's as-of (a snapshot of the same day is
// the one this run replaces), at most HistoryPoints − 1 of them: room for this run's.
func pastPoints(ps []Point, asOf time.Time, cfg *Config) []Point {
	n := len(ps)
	for n > 0 && !ps[n-1].AsOf.Before(asOf) {
		n--
	}
	keep := max(cfg.HistoryPoints-1, 0)
	out := make([]Point, 0, min(n, keep)+1)
	return append(out, ps[max(0, n-keep):n]...)
}

// addThisRun ends the account's history with this run's point, once its verdict is known.
func (a *Account) addThisRun(asOf time.Time) {
	a.History = append(a.History, Point{AsOf: asOf, Followers: a.Followers, FollowerER: a.FollowerER, Verdict: a.Verdict})
}

// engagementDecline: a least-squares line through the natural log of follower ER over the
// account's last DeclineSpan snapshots (this run's the last; at least DeclineSnapshots of them,
// a week apart or not: the x is the snapshot's place, 0, 1, 2…) falls:
//
//   - the line's fall over the span in log terms, −b·(n−1) (b its slope), is more than
//     DeclineNoise × σ × √(n−1), σ being how much log follower ER changes from one snapshot to
//     the next by chance (weekNoise): what chance could add up to over n − 1 changes;
//   - that fall as a share, 1 − e^(b·(n−1)), is at least DeclineMinPercent;
//   - and no single step down between two snapshots holds more than DeclineMaxStep of the
//     line's fall in log terms, −b·(n−1): a fall, not one jump (a viral post leaving the window,
//     bought followers diluting the rate).
//
// One week's bounce moves the line little, so a decline that pauses is still found; honest
// accounts drift both ways and their line stays within their noise.
func (c *check) engagementDecline() (Signal, bool) {
	a, cfg := c.a, c.cfg
	if !a.FollowerER.OK || a.FollowerER.Value <= 0 || cfg.DeclineSnapshots < 2 {
		return Signal{}, false
	}
	logs := c.buf[:0]
	for _, p := range a.History {
		if p.FollowerER.OK && p.FollowerER.Value > 0 {
			logs = append(logs, math.Log(p.FollowerER.Value))
		}
	}
	logs = append(logs, math.Log(a.FollowerER.Value))
	c.buf = logs
	n := min(len(logs), max(cfg.DeclineSpan, cfg.DeclineSnapshots))
	if n < cfg.DeclineSnapshots {
		return Signal{}, false
	}
	span := logs[len(logs)-n:]
	b, _ := slope(span)
	noise, how := c.weekNoise(logs[:len(logs)-n])
	drop := -b * float64(n-1) // the line's fall over the span, in log terms
	pct := (1 - math.Exp(-drop)) * 100
	limit := cfg.DeclineNoise * noise * math.Sqrt(float64(n-1)) // chance's reach over n − 1 changes
	step := largestStep(span)
	if !(b < 0) || pct < cfg.DeclineMinPercent || !(drop > limit) || step > cfg.DeclineMaxStep*drop {
		return Signal{}, false
	}
	from, to := math.Exp(span[0]), math.Exp(span[n-1])
	return Signal{Code: EngagementDecline, Verdict: Review, Value: pct, Limit: cfg.DeclineMinPercent,
		Detail: lang.M("say.detail.engagement_decline", lang.Decimal("from", from, 2), lang.Decimal("to", to, 2), lang.Count("n", int64(n)),
			lang.Num("pct", pct), lang.Exact("least", cfg.DeclineMinPercent), lang.Decimal("per", (1-math.Exp(b))*100, 1),
			lang.Decimal("drop", drop, 2), lang.Exact("k", cfg.DeclineNoise), lang.Sub("how", lang.M(how)), lang.Decimal("noise", noise, 3),
			lang.Count("steps", int64(n-1)), lang.Decimal("step", step/drop*100, 0), lang.Exact("max_step", cfg.DeclineMaxStep)),
		Plain: lang.M("say.plain.engagement_decline", lang.Num("pct", pct), lang.Count("n", int64(n))),
	}, true
}

// slope is the least-squares slope of ys against 0, 1, 2…, and Σ(x − x̄)².
func slope(ys []float64) (b, sxx float64) {
	n := float64(len(ys))
	xbar := (n - 1) / 2
	var ybar, sxy float64
	for _, y := range ys {
		ybar += y / n
	}
	for i, y := range ys {
		dx := float64(i) - xbar
		sxx += dx * dx
		sxy += dx * (y - ybar)
	}
	if sxx == 0 {
		return 0, 1
	}
	return sxy / sxx, sxx
}

// largestStep is the biggest fall from one value of xs to the next.
func largestStep(xs []float64) float64 {
	big := 0.0
	for i := 1; i < len(xs); i++ {
		big = max(big, xs[i-1]-xs[i])
	}
	return big
}

// minNoiseSteps is how many week-to-week changes before a fall it takes to measure an account's
// noise from its history; with fewer, the noise of this week's own posts stands in.
const minNoiseSteps = 3

// weekNoise is how much the account's log follower ER changes from one snapshot to the next by
// chance, and how it was measured. With more than minNoiseSteps snapshots before the fitted span,
// it is the standard deviation of their changes of log follower ER. Otherwise it is the sampling
// noise of that change from this run's own posts: two snapshots' windows share all but the k
// posts made since the previous one, so their means differ by chance by sd × √(2k) ÷ n, as a
// share of the mean (sd and mean of the window's n posts' likes + comments; k at least 1).
func (c *check) weekNoise(before []float64) (float64, string) {
	if len(before) > minNoiseSteps {
		steps := make([]float64, len(before)-1)
		for i := range steps {
			steps[i] = before[i+1] - before[i]
		}
		return stddev(steps), "say.detail.noise_weeks"
	}
	var prev time.Time
	if h := c.a.History; len(h) > 0 {
		prev = h[len(h)-1].AsOf
	}
	var xs []float64
	var sum float64
	k := 0
	for _, p := range c.w {
		if p.Likes.Known() && p.Comments.Known() {
			x := float64(p.Likes + p.Comments)
			xs = append(xs, x)
			sum += x
			if p.PostedAt.Time().After(prev) {
				k++
			}
		}
	}
	if len(xs) < 2 || sum <= 0 {
		return 0, "say.detail.noise_posts"
	}
	n := float64(len(xs))
	return stddev(xs) / (sum / n) * math.Sqrt(2*float64(max(k, 1))) / n, "say.detail.noise_posts"
}

// stddev is the sample standard deviation (n − 1).
func stddev(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	var sum, sq float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	for _, x := range xs {
		sq += (x - mean) * (x - mean)
	}
	return math.Sqrt(sq / float64(len(xs)-1))
}

// pointJSON is a Point as summary.json writes it: followers null when unknown, like the
// account's own followers.
type pointJSON struct {
	AsOf       time.Time `json:"as_of"`
	Followers  *int64    `json:"followers"`
	FollowerER Rate      `json:"follower_er"`
	Verdict    Verdict   `json:"verdict"`
}

// MarshalJSON writes {as_of, followers, follower_er, verdict}, null for what is unknown.
func (p Point) MarshalJSON() ([]byte, error) {
	j := pointJSON{AsOf: p.AsOf, FollowerER: p.FollowerER, Verdict: p.Verdict}
	if p.Followers.Known() {
		f := int64(p.Followers)
		j.Followers = &f
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (p *Point) UnmarshalJSON(b []byte) error {
	var j pointJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*p = Point{AsOf: j.AsOf, Followers: ingest.Missing, FollowerER: j.FollowerER, Verdict: j.Verdict}
	if j.Followers != nil {
		p.Followers = ingest.Count(*j.Followers)
	}
	return nil
}
