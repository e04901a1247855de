package scoring

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
)

// honestER is the follower ER of honest(50_000), counted by hand: (14,700 likes + 585 comments)
// / 10 posts / 50,000 followers.
const honestER = 15_285.0 / 10 / 50_000 * 100

// weeksBefore makes an account's past points with these follower ERs, a week apart, the last a
// week before day0 (the honest account's newest post, so its as-of).
func weeksBefore(ers ...float64) []Point {
	ps := make([]Point, len(ers))
	for i, er := range ers {
		ps[i] = Point{AsOf: day0.AddDate(0, 0, -7*(len(ers)-i)), Followers: 50_000, FollowerER: rate(er), Verdict: Pass}
	}
	return ps
}

func scoreWithHistory(t *testing.T, past []Point, edit func(*Config)) Account {
	t.Helper()
	cfg := Default()
	if edit != nil {
		edit(&cfg)
	}
	res := Score(Input{Texts: &postTexts, Posts: honest(50_000), History: map[string][]Point{"honest": past}}, cfg)
	if !res.HasHistory {
		t.Fatal("a result scored with a history does not say it has one")
	}
	return res.Accounts[0]
}

// postsNoise is honest(50_000)'s chance change of log follower ER from one snapshot to the next,
// counted here independently of weekNoise: its ten posts (one a day) share all but the seven
// made since the snapshot a week before, so sd ÷ mean of (likes + comments) × √(2·7) ÷ 10.
func postsNoise() float64 {
	xs := []float64{1_560, 1_350, 1_970, 1_455, 1_665, 1_145, 1_770, 1_560, 1_300, 1_510}
	var mean, sq float64
	for _, x := range xs {
		mean += x / 10
	}
	for _, x := range xs {
		sq += (x - mean) * (x - mean)
	}
	return math.Sqrt(sq/9) / mean * math.Sqrt(14) / 10
}

// lineFall is the fall in log terms of a least-squares line through ln ers against 0, 1, 2…
// over the whole of ers, counted independently of slope.
func lineFall(ers ...float64) float64 {
	n := float64(len(ers))
	var sx, sy, sxy, sxx float64
	for i, e := range ers {
		x, y := float64(i), math.Log(e)
		sx, sy, sxy, sxx = sx+x, sy+y, sxy+x*y, sxx+x*x
	}
	b := (n*sxy - sx*sy) / (n*sxx - sx*sx)
	return -b * (n - 1)
}

func TestEngagementDecline(t *testing.T) {
	// A line through ln(from), ln(from), … ends where two even log steps from `from` to
	// honestER would: with three points, its fall is ln(from ÷ honestER).
	from25 := honestER / 0.75 // a line from here to honestER falls 25%
	even := func(from float64) []float64 { return []float64{from, math.Sqrt(from * honestER)} }
	lump := lineFall(4.5, 4.4, honestER)
	lumpShare := (math.Log(4.4) - math.Log(honestER)) / lump // the last step's share of 4.5 → 4.4 → honestER
	for _, tc := range []struct {
		name string
		past []float64
		cfg  func(*Config)
		want bool
	}{
		{"three snapshots falling by a third are raised", []float64{4.6, 3.8}, nil, true},
		{"two snapshots are too few", []float64{4.6}, nil, false},
		{"two are enough when DeclineSnapshots is 2", []float64{4.8}, func(c *Config) { c.DeclineSnapshots, c.DeclineMaxStep = 2, 1 }, true},
		{"one step up in a fall is tolerated", []float64{4.6, 4.1, 4.2, 3.6}, nil, true},
		{"a flat step in a fall is tolerated", []float64{4.6, 4.1, 4.1, 3.6}, nil, true},
		{"a rebound to where it began is no decline", []float64{4.6, 3.4, 4.6}, nil, false},
		{"a line falling 24.9% is not enough", even(from25 * 0.999), nil, false},
		{"a line falling 25.1% is raised", even(from25 * 1.002), nil, true},
		{"a fall in one step is not sustained", []float64{4.5, 4.4}, nil, false},
		{"one step just under DeclineMaxStep of the fall is raised", []float64{4.5, 4.4}, func(c *Config) { c.DeclineMaxStep, c.DeclineMinPercent = lumpShare+0.001, 0 }, true},
		{"one step just over DeclineMaxStep of the fall is not", []float64{4.5, 4.4}, func(c *Config) { c.DeclineMaxStep, c.DeclineMinPercent = lumpShare-0.001, 0 }, false},
		{"only the last DeclineSpan snapshots count", []float64{9, 8, 7, 6, 3.6, 3.4, 3.2}, nil, false},
		{"a fall within a noisy account's usual swings is not raised", []float64{4.41, 6.41, 4.41, 6.41, 4.41, 4.0, 3.5}, nil, false},
		{"a fall after a quiet history is raised", []float64{4.4, 4.42, 4.38, 4.4, 4.41, 4.0, 3.5}, nil, true},
		{"no history, no decline", nil, nil, false},
		{"a rise is no decline", []float64{2.0, 2.5, 2.9}, nil, false},
		{"with every limit off, any falling line is raised", []float64{3.1, 3.08, 3.07}, func(c *Config) {
			c.DeclineMinPercent, c.DeclineNoise, c.DeclineMaxStep = 0, 0, 1
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := scoreWithHistory(t, weeksBefore(tc.past...), tc.cfg)
			s, got := raised(a, EngagementDecline)
			if got != tc.want {
				t.Fatalf("raised %v, want %v (signals %+v)", got, tc.want, a.Signals)
			}
			if got && (s.Verdict != Review || en(s.Detail) == "" || en(s.Plain) == "") {
				t.Errorf("signal %+v: want REVIEW with its numbers and words", s)
			}
		})
	}
}

func TestEngagementDeclineAgainstThePostsNoise(t *testing.T) {
	noise := postsNoise()
	fall := lineFall(4.6, 4.1, 3.6, honestER) // the line's fall in log terms, over 3 changes
	for _, tc := range []struct {
		name  string
		times float64
		want  bool
	}{
		{"a fall just above DeclineNoise × the posts' noise × √3 is raised", fall/(noise*math.Sqrt(3)) - 0.01, true},
		{"a fall just under DeclineNoise × the posts' noise × √3 is not", fall/(noise*math.Sqrt(3)) + 0.01, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := scoreWithHistory(t, weeksBefore(4.6, 4.1, 3.6), func(c *Config) { c.DeclineNoise = tc.times })
			if _, got := raised(a, EngagementDecline); got != tc.want {
				t.Errorf("raised %v with DeclineNoise %.3f (fall %.3f, noise %.4f); want %v", got, tc.times, fall, noise, tc.want)
			}
		})
	}
}

func TestEngagementDeclineAgainstTheWeekToWeekNoise(t *testing.T) {
	// Before the span (the last 4): ln 4.1, ln 4.2, ln 4.1, ln 4.2 change by +d, −d, +d.
	d := math.Log(4.2) - math.Log(4.1)
	noise := math.Sqrt((2*(d-d/3)*(d-d/3) + (d/3+d)*(d/3+d)) / 2) // sample sd of d, −d, d (mean d/3)
	fall := lineFall(4.4, 3.9, 3.4, honestER)
	for _, tc := range []struct {
		name  string
		times float64
		want  bool
	}{
		{"a fall just above DeclineNoise × the week-to-week noise × √3 is raised", fall/(noise*math.Sqrt(3)) - 0.01, true},
		{"a fall just under DeclineNoise × the week-to-week noise × √3 is not", fall/(noise*math.Sqrt(3)) + 0.01, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := scoreWithHistory(t, weeksBefore(4.1, 4.2, 4.1, 4.2, 4.4, 3.9, 3.4), func(c *Config) { c.DeclineNoise = tc.times })
			if _, got := raised(a, EngagementDecline); got != tc.want {
				t.Errorf("raised %v with DeclineNoise %.3f (fall %.3f, noise %.4f); want %v", got, tc.times, fall, noise, tc.want)
			}
		})
	}
}

func TestPointsWithoutAFollowerERAreSkipped(t *testing.T) {
	past := weeksBefore(4.6, 0, 4.1, 3.6)
	past[1].FollowerER = Rate{} // followers unknown that week
	if _, got := raised(scoreWithHistory(t, past, nil), EngagementDecline); !got {
		t.Error("a week without a follower ER broke the fall 4.6 → 4.1 → 3.6 → 3.06")
	}
}

func TestTheSnapshotOfThisRunsDayIsNotItsPast(t *testing.T) {
	past := append(weeksBefore(4.2, 3.8), Point{AsOf: day0, Followers: 10_000, FollowerER: rate(9), Verdict: Fail})
	a := scoreWithHistory(t, past, nil)
	if len(a.History) != 3 || a.History[1].FollowerER.Value != 3.8 {
		t.Fatalf("history %+v; want 4.2, 3.8 and this run (the old snapshot of this day is being replaced)", a.History)
	}
	if a.Change == nil || a.Change.Before.Followers != 50_000 {
		t.Errorf("change %+v; want it measured from the week before, not from the snapshot being replaced", a.Change)
	}
}

func TestHistoryEndsWithThisRun(t *testing.T) {
	a := scoreWithHistory(t, weeksBefore(3.0, 3.1, 2.9, 3.0), func(c *Config) { c.HistoryPoints = 3 })
	if len(a.History) != 3 {
		t.Fatalf("%d points, want HistoryPoints 3", len(a.History))
	}
	last := a.History[2]
	if !last.AsOf.Equal(day0) || last.Followers != 50_000 || last.FollowerER != a.FollowerER || last.Verdict != a.Verdict {
		t.Errorf("last point %+v; want this run's as-of, followers, ER and verdict %s", last, a.Verdict)
	}
	if a.History[0].FollowerER.Value != 2.9 {
		t.Errorf("first point %+v; want the third of four past weeks (2.9)", a.History[0])
	}
	if b := Score(Input{Texts: &postTexts, Posts: honest(50_000)}, Default()); b.HasHistory || b.Accounts[0].History != nil {
		t.Error("a run without a history has one")
	}
}

func TestThePreviousSnapshotIsTheBaseline(t *testing.T) {
	week := day0.AddDate(0, 0, -7)
	history := map[string][]Point{
		"honest":  {{AsOf: week, Followers: 40_000, FollowerER: rate(3.5), Verdict: Pass}},
		"left":    {{AsOf: week, Followers: 9_000, FollowerER: rate(2), Verdict: Review}},
		"earlier": {{AsOf: week.AddDate(0, 0, -7), Followers: 9_000, FollowerER: rate(2), Verdict: Pass}},
	}
	res := Score(Input{Texts: &postTexts, Posts: honest(50_000), History: history}, Default())
	a := res.Accounts[0]
	if !res.HasBaseline || !res.BaselineAsOf.Equal(week) {
		t.Fatalf("baseline %v as of %s; want the previous snapshot's, %s", res.HasBaseline, res.BaselineAsOf, week)
	}
	if a.Change == nil || a.Change.FollowersDelta == nil || *a.Change.FollowersDelta != 10_000 || a.Change.Before.Verdict != Pass {
		t.Fatalf("change %+v; want +10,000 followers from a PASS", a.Change)
	}
	if math.Abs(a.Change.FollowerERDelta.Value-(honestER-3.5)) > 1e-9 {
		t.Errorf("Δ follower ER %v, want %v", a.Change.FollowerERDelta.Value, honestER-3.5)
	}
	if s, ok := raised(a, FollowerJump); !ok || s.Value != 25 {
		t.Errorf("follower_jump %+v raised %v; want it at +25%%", s, ok)
	}
	if len(res.Gone) != 1 || res.Gone[0].Handle != "left" {
		t.Errorf("gone %+v; want only the account of the previous snapshot missing now", res.Gone)
	}

	t.Run("--baseline still wins over the history", func(t *testing.T) {
		given := &Baseline{AsOf: week, Accounts: map[string]Previous{"honest": {Handle: "honest", Followers: 49_000, Verdict: Pass}}}
		res := Score(Input{Texts: &postTexts, Posts: honest(50_000), History: history, Baseline: given}, Default())
		if ch := res.Accounts[0].Change; ch == nil || *ch.FollowersDelta != 1_000 {
			t.Errorf("change %+v; want +1,000 from --baseline", ch)
		}
	})
	t.Run("an account new to the history is new", func(t *testing.T) {
		res := Score(Input{Texts: &postTexts, Posts: honest(50_000), History: map[string][]Point{"left": history["left"]}}, Default())
		if a := res.Accounts[0]; !a.New || a.Change != nil || len(a.History) != 1 {
			t.Errorf("new %v, change %+v, history %+v; want new, no change, one point (this run)", a.New, a.Change, a.History)
		}
	})
	t.Run("an empty history compares with nothing", func(t *testing.T) {
		res := Score(Input{Texts: &postTexts, Posts: honest(50_000), History: map[string][]Point{}}, Default())
		if res.HasBaseline || !res.HasHistory || len(res.Accounts[0].History) != 1 {
			t.Errorf("baseline %v, history %v (%d points); want no baseline, a history of this run alone",
				res.HasBaseline, res.HasHistory, len(res.Accounts[0].History))
		}
	})
}

func TestAPointInJSON(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Point
		want string
	}{
		{"known followers are a number", Point{AsOf: day0, Followers: 50_000, FollowerER: rate(3.5), Verdict: Review},
			`{"as_of":"2026-11-01T12:00:00Z","followers":50000,"follower_er":3.5,"verdict":"REVIEW"}`},
		{"unknown followers and ER are null", Point{AsOf: day0, Followers: ingest.Missing, Verdict: Unrated},
			`{"as_of":"2026-11-01T12:00:00Z","followers":null,"follower_er":null,"verdict":"UNRATED"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.p)
			if err != nil || string(b) != tc.want {
				t.Fatalf("%s, %v; want %s", b, err, tc.want)
			}
			var back Point
			if err := json.Unmarshal(b, &back); err != nil || back != tc.p {
				t.Errorf("read back %+v, %v; want %+v", back, err, tc.p)
			}
		})
	}
}
