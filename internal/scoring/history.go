package scoring

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
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

// engagementDecline: follower ER was lower at each of the last DeclineSnapshots snapshots (or
// more) than at the one before, this run's the last, and fell in all by at least
// DeclineMinPercent of where it began and by more than DeclineNoise × the account's own
// week-to-week noise, with no single step holding more than DeclineMaxStep of the fall. Honest
// accounts drift up and down; one that keeps going down, by more than its drift and not in one
// jump (a viral post leaving the window, bought followers diluting the rate), is losing its
// audience, or has stopped buying engagement.
func (c *check) engagementDecline() (Signal, bool) {
	a, cfg := c.a, c.cfg
	if !a.FollowerER.OK || cfg.DeclineSnapshots < 1 {
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
	falls := len(ers) - 1 - start // snapshots in a row each below the one before, this run's the last
	if falls < cfg.DeclineSnapshots {
		return Signal{}, false
	}
	from, to := ers[start], ers[len(ers)-1]
	fall := from - to
	pct := fall * 100 / from
	noise, how := c.weekNoise(ers[:start+1])
	step := largestStep(ers[start:])
	if pct < cfg.DeclineMinPercent || !(fall > cfg.DeclineNoise*noise) || step > cfg.DeclineMaxStep*fall {
		return Signal{}, false
	}
	return Signal{Code: EngagementDecline, Verdict: Review, Value: pct, Limit: cfg.DeclineMinPercent,
		Detail: fmt.Sprintf("follower ER %.2f%% → %.2f%%, lower at each of the last %d snapshots (−%s%% ≥ %s%%); fall %.2f pts > %s × %s %.2f pts, its largest step %.2f pts ≤ %s of it",
			from, to, falls, num(pct), exact(cfg.DeclineMinPercent), fall, exact(cfg.DeclineNoise), how, noise, step, exact(cfg.DeclineMaxStep)),
		Plain: fmt.Sprintf("engagement has fallen %s%% over the last %d snapshots", num(pct), falls),
	}, true
}

// largestStep is the biggest fall from one value of xs to the next.
func largestStep(xs []float64) float64 {
	big := 0.0
	for i := 1; i < len(xs); i++ {
		big = max(big, xs[i-1]-xs[i])
	}
	return big
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
