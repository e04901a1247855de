package report

import (
	"fmt"
	"hash/fnv"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// What a chart can show point by point, and where its axes stop.
const (
	maxScatterPoints = 3000 // accounts on the scatter, sampled within each verdict
	maxOutliers      = 150  // outlier points per box
	flaggedMultiples = 8    // flagged accounts drawn over time, each on its own small chart
	histogramBins    = 40
	clipPercentile   = 0.99 // the rate axes stop here…
	minToClip        = 100  // …once this many accounts are drawn (a small batch shows them all)
)

// flagged reports whether an account needs a look: REVIEW or FAIL.
func flagged(a *scoring.Account) bool {
	return a.Verdict == scoring.Review || a.Verdict == scoring.Fail
}

// rated reports whether an account belongs on the rate charts: UNRATED accounts (a post or
// two, a tiny following) have rates that mean nothing and would stretch the axes, and so do
// accounts rated on too few posts to be sure of (confidence thin: three posts at 700× their
// tier were what stretched a real export's axes to 1,800%). The table lists them all.
func rated(a *scoring.Account) bool {
	return a.Verdict != scoring.Unrated && a.Confidence != scoring.Thin && a.FollowerER.OK && a.Followers > 0
}

// thinRated counts the rated accounts left off the rate charts for resting on too few posts.
func thinRated(res *scoring.Result) int {
	n := 0
	for i := range res.Accounts {
		if a := &res.Accounts[i]; a.Verdict != scoring.Unrated && a.Confidence == scoring.Thin {
			n++
		}
	}
	return n
}

// leftOutNote says which accounts the rate charts leave out.
func leftOutNote(res *scoring.Result) string {
	s := "UNRATED accounts are left out: their rates rest on too little to plot."
	if n := thinRated(res); n > 0 {
		s = fmt.Sprintf("UNRATED accounts are left out, and so are %s rated on fewer than %s (confidence thin): their rates rest on too little to plot; the table lists them.",
			accountsPhrase(n), plural(res.Config.FirmPosts, "post"))
	}
	return s
}

// axisTop is where a rate axis stops: the clipPercentile of the values, rounded up, once there
// are enough of them; clipped says whether any value lies beyond it.
func axisTop(values []float64) (top float64, clipped bool) {
	if len(values) == 0 {
		return 0, false
	}
	s := append([]float64(nil), values...)
	sort.Float64s(s)
	hi := s[len(s)-1]
	if len(s) < minToClip {
		return hi, false
	}
	top = niceCeil(s[int(math.Ceil(clipPercentile*float64(len(s))))-1])
	return top, top < hi
}

// niceCeil rounds a positive rate up to two significant figures: 23.47 → 24, 3.412 → 3.5.
func niceCeil(x float64) float64 {
	if x <= 0 {
		return x
	}
	p := math.Pow(10, math.Floor(math.Log10(x))-1)
	return math.Ceil(x/p-1e-9) * p
}

// pct writes an axis limit: 24%, 3.5%.
func pct(x float64) string { return strconv.FormatFloat(roundTo(x, 2), 'f', -1, 64) + "%" }

// handleHash orders accounts the same way every run, whatever their rank.
func handleHash(a *scoring.Account) uint64 {
	f := fnv.New64a()
	f.Write([]byte(a.Key))
	f.Write([]byte(a.Handle))
	return f.Sum64()
}

// sampleByHash keeps n of the accounts at idx, chosen by a hash of their handles, in rank order.
func sampleByHash(res *scoring.Result, idx []int, n int) []int {
	if len(idx) <= n {
		return idx
	}
	type hashed struct {
		h uint64
		i int
	}
	hs := make([]hashed, len(idx))
	for k, i := range idx {
		hs[k] = hashed{handleHash(&res.Accounts[i]), i}
	}
	sort.Slice(hs, func(x, y int) bool { return hs[x].h < hs[y].h || hs[x].h == hs[y].h && hs[x].i < hs[y].i })
	s := make([]int, len(hs))
	for k, h := range hs {
		s[k] = h.i
	}
	s = s[:max(n, 0)]
	sort.Ints(s)
	return s
}

// scatterPlan is what the scatter draws: a fixed sample within each verdict of the rated
// accounts under the axis top.
type scatterPlan struct {
	keep          []bool
	shown, total  int // accounts drawn, of rated accounts under the top
	beyond        int // rated accounts above the top
	top           float64
	clipped       bool
	perVerdict    map[scoring.Verdict]int // drawn
	ratedVerdicts []scoring.Verdict       // the verdicts with rated accounts, in rank order
}

// planScatter samples within each verdict: each verdict present gets an even share of the
// points (what one leaves unused goes to the others), so a verdict of a few accounts is never
// drowned by one of thousands.
func planScatter(res *scoring.Result, limit int) scatterPlan {
	p := scatterPlan{keep: make([]bool, len(res.Accounts)), perVerdict: map[scoring.Verdict]int{}}
	var ers []float64
	for i := range res.Accounts {
		if a := &res.Accounts[i]; rated(a) {
			ers = append(ers, a.FollowerER.Value)
		}
	}
	p.top, p.clipped = axisTop(ers)
	groups := map[scoring.Verdict][]int{}
	for i := range res.Accounts {
		a := &res.Accounts[i]
		if !rated(a) {
			continue
		}
		if p.clipped && a.FollowerER.Value > p.top {
			p.beyond++
			continue
		}
		groups[a.Verdict] = append(groups[a.Verdict], i)
	}
	var vs []scoring.Verdict
	for _, v := range scoring.Verdicts() {
		if len(groups[v]) > 0 {
			vs = append(vs, v)
			p.total += len(groups[v])
		}
	}
	p.ratedVerdicts = append(p.ratedVerdicts, vs...)
	bySize := append([]scoring.Verdict(nil), vs...)
	sort.SliceStable(bySize, func(x, y int) bool { return len(groups[bySize[x]]) < len(groups[bySize[y]]) })
	left := limit
	for k, v := range bySize {
		take := min(len(groups[v]), left/(len(bySize)-k))
		for _, i := range sampleByHash(res, groups[v], take) {
			p.keep[i] = true
		}
		p.perVerdict[v] = take
		p.shown += take
		left -= take
	}
	return p
}

// scatterChart plots followers (log axis) against follower ER, one series per verdict, with
// each tier's benchmark drawn as a step.
func scatterChart(res *scoring.Result, lp *lang.Printer) (pageChart, error) {
	p := planScatter(res, maxScatterPoints)
	y := opts.YAxis{Type: "value", Name: "follower ER %", Min: 0}
	if p.clipped {
		y.Max = p.top
	}
	sc := charts.NewScatter()
	sc.SetGlobalOptions(
		initOpts("chart-scatter"),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "log", Name: strings.ToLower(figures.Followers.Label(lp)), NameLocation: "middle", NameGap: 28}),
		charts.WithYAxisOpts(y),
	)
	for _, v := range p.ratedVerdicts {
		var pts []opts.ScatterData
		for i := range res.Accounts {
			a := &res.Accounts[i]
			if p.keep[i] && a.Verdict == v {
				pts = append(pts, opts.ScatterData{Name: a.Handle, Value: []any{int64(a.Followers), roundTo(a.FollowerER.Value, 2)}})
			}
		}
		sc.AddSeries(v.String(), pts, charts.WithItemStyleOpts(opts.ItemStyle{Color: verdictColours[v], Opacity: opts.Float(0.75)}))
	}
	option, err := options(sc)
	if err != nil {
		return pageChart{}, err
	}
	series, _ := option["series"].([]any)
	option["series"] = append(series, benchmarkSteps(res.Config.Benchmarks))
	for _, s := range series {
		if m, ok := s.(map[string]any); ok {
			m["symbolSize"] = 6
		}
	}
	note := "Each dot is a rated account, coloured by its verdict; the grey steps are each tier's benchmark (" + benchmarkName(res.Config.Benchmarks) + "). " + leftOutNote(res)
	if p.shown < p.total {
		note += fmt.Sprintf(" Showing %s of %s accounts: an even sample within each verdict, the same every time.",
			scoring.Commas(int64(p.shown)), scoring.Commas(int64(p.total)))
	}
	if p.beyond > 0 {
		note += fmt.Sprintf(" %s above %s follower ER lie beyond the top of the chart.", accountsPhrase(p.beyond), pct(p.top))
	}
	if p.total == 0 {
		note = "No account could be rated, so there is nothing to plot."
	}
	return pageChart{ID: "chart-scatter", Title: "Followers and follower engagement", Note: note, option: option}, nil
}

// accountsPhrase is "1 account" or "1,234 accounts".
func accountsPhrase(n int) string { return plural(n, "account") }

// benchmarkSteps is a line series drawing each tier's benchmark across the tier's range.
func benchmarkSteps(b scoring.Benchmarks) map[string]any {
	var data [][2]float64
	for i, t := range b.Tiers {
		end := float64(t.Min) * 10
		if i+1 < len(b.Tiers) {
			end = float64(b.Tiers[i+1].Min)
		}
		data = append(data, [2]float64{float64(t.Min), t.Benchmark}, [2]float64{end, t.Benchmark})
	}
	return map[string]any{
		"type": "line", "name": "tier benchmark", "data": data, "symbol": "none",
		"lineStyle": map[string]any{"color": "#5d6675", "type": "dashed", "width": 1.5},
		"itemStyle": map[string]any{"color": "#5d6675"}, "silent": true, "z": 1,
	}
}

// tierChart stacks each tier's accounts by verdict.
func tierChart(res *scoring.Result, p *lang.Printer) (pageChart, error) {
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		initOpts("chart-tiers"),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "accounts"}),
	)
	tiers := tierNames(res.Config)
	bar.SetXAxis(tiers)
	counts := verdictsPerTier(res)
	for _, v := range scoring.Verdicts() {
		data := make([]opts.BarData, len(tiers))
		for i, t := range tiers {
			data[i] = opts.BarData{Value: counts[t][v]}
		}
		bar.AddSeries(v.String(), data, charts.WithBarChartOpts(opts.BarChart{Stack: "verdicts"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: verdictColours[v]}))
	}
	option, err := options(bar)
	return pageChart{
		ID: "chart-tiers", Title: "Verdicts per tier",
		Note:   "How many accounts of each follower tier passed, need a review, failed or could not be rated.",
		option: option,
	}, err
}

// boxStats are a box plot's figures: whiskers at the furthest values within 1.5 × IQR of the
// box, and the values beyond them.
type boxStats struct {
	low, q1, median, q3, high float64
	outliers                  []int // indexes into the values given
}

// newBoxStats computes the quartiles (linear interpolation, as spreadsheets do) and the
// whiskers of xs, which it leaves in their order.
func newBoxStats(xs []float64) (boxStats, bool) {
	if len(xs) == 0 {
		return boxStats{}, false
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	q := func(p float64) float64 {
		pos := p * float64(len(s)-1)
		lo := int(pos)
		hi := min(lo+1, len(s)-1)
		return s[lo] + (s[hi]-s[lo])*(pos-float64(lo))
	}
	b := boxStats{q1: q(0.25), median: q(0.5), q3: q(0.75)}
	iqr := b.q3 - b.q1
	lo, hi := b.q1-1.5*iqr, b.q3+1.5*iqr
	b.low, b.high = b.q1, b.q3
	for _, x := range s {
		if x >= lo {
			b.low = math.Min(x, b.q1)
			break
		}
	}
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] <= hi {
			b.high = math.Max(s[i], b.q3)
			break
		}
	}
	for i, x := range xs {
		if x < b.low || x > b.high {
			b.outliers = append(b.outliers, i)
		}
	}
	return b, true
}
