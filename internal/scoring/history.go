package scoring

import (
	"fmt"
	"math"
	"time"
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

// engagementDecline: follower ER fell at every snapshot of a stretch of at least
// DeclineSnapshots snapshots ending with this run, by at least DeclineMinPercent of where the
// stretch began and by more than DeclineNoise × the account's own week-to-week noise. Honest
// accounts drift up and down; one that only goes down, by more than its drift, is losing its
// audience (or stopped buying engagement).
func (c *check) engagementDecline() (Signal, bool) {
	a, cfg := c.a, c.cfg
	if !a.FollowerER.OK || cfg.DeclineSnapshots < 2 {
		return Signal{}, false
	}
	ers := c.buf[:0]
	for _, p := range a.History {
		if p.FollowerER.OK {
			ers = append(ers, p.FollowerER.Value)
		}
	}
	ers = append(ers, a.FollowerER.Value)
	c.buf = ers
	start := fallStart(ers)
	span := len(ers) - start // snapshots in the falling stretch, this run's included
	if span < cfg.DeclineSnapshots {
		return Signal{}, false
	}
	from, to := ers[start], ers[len(ers)-1]
	fall := from - to
	pct := fall * 100 / from
	noise, how := c.weekNoise(ers[:start+1])
	if pct < cfg.DeclineMinPercent || !(fall > cfg.DeclineNoise*noise) {
		return Signal{}, false
	}
	return Signal{Code: EngagementDecline, Verdict: Review, Value: pct, Limit: cfg.DeclineMinPercent,
		Detail: fmt.Sprintf("follower ER %.2f%% → %.2f%% down at each of %d snapshots (−%s%% ≥ %s%%); fall %.2f pts > %s × %s %.2f pts",
			from, to, span, num(pct), exact(cfg.DeclineMinPercent), fall, exact(cfg.DeclineNoise), how, noise),
		Plain: fmt.Sprintf("engagement has fallen %s%% over the last %d snapshots", num(pct), span),
	}, true
}

// fallStart is where the falling stretch at the end of xs begins: xs[i] > xs[i+1] > … > the last.
func fallStart(xs []float64) int {
	i := len(xs) - 1
	for i > 0 && xs[i-1] > xs[i] {
		i--
	}
	return i
}

// minNoiseSteps is how many week-to-week changes before a fall it takes to measure an account's
// noise from its history; with fewer, the noise of this week's own posts stands in.
const minNoiseSteps = 3

// weekNoise is how much the account's follower ER moves from one snapshot to the next by chance,
// in percentage points, and how it was measured. With enough snapshots before the fall, it is
// the standard deviation of their week-to-week changes. Otherwise it is the sampling noise of the
// ER itself: the standard error of the window's mean interactions per post, as a share of
// followers, × √2 (the difference of two such estimates).
func (c *check) weekNoise(before []float64) (float64, string) {
	if len(before) > minNoiseSteps {
		steps := make([]float64, len(before)-1)
		for i := range steps {
			steps[i] = before[i+1] - before[i]
		}
		return stddev(steps), "its week-to-week noise"
	}
	var xs []float64
	for _, p := range c.w {
		if p.Likes.Known() && p.Comments.Known() {
			xs = append(xs, float64(p.Likes+p.Comments)*100/float64(c.a.Followers))
		}
	}
	if len(xs) < 2 {
		return 0, "its posts' noise"
	}
	return stddev(xs) / math.Sqrt(float64(len(xs))) * math.Sqrt2, "its posts' noise"
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
