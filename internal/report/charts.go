package report

import (
	"fmt"
	"hash/fnv"
	"math"
	"sort"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/vet-tool/vet/internal/scoring"
)

// What a chart can show point by point; past it, the page samples and says so.
const (
	maxScatterPoints = 3000 // accounts on the scatter: every flagged one, and a sample of the rest
	maxTimelines     = 12   // flagged accounts drawn over time
	histogramBins    = 40
)

// flagged reports whether an account needs a look: REVIEW or FAIL.
func flagged(a *scoring.Account) bool {
	return a.Verdict == scoring.Review || a.Verdict == scoring.Fail
}

// scatterSample picks the accounts the scatter draws: every flagged one (unless they alone are
// too many), and of the rest an even share; the choice goes by a hash of the handle, so the
// same batch always shows the same points.
func scatterSample(res *scoring.Result) (keep []bool, shown int) {
	keep = make([]bool, len(res.Accounts))
	var flaggedOnes, rest []int
	for i := range res.Accounts {
		a := &res.Accounts[i]
		switch {
		case !a.FollowerER.OK || a.Followers <= 0:
		case flagged(a):
			flaggedOnes = append(flaggedOnes, i)
		default:
			rest = append(rest, i)
		}
	}
	flaggedOnes = sampleByHash(res, flaggedOnes, maxScatterPoints)
	rest = sampleByHash(res, rest, maxScatterPoints-len(flaggedOnes))
	for _, i := range append(flaggedOnes, rest...) {
		keep[i] = true
	}
	return keep, len(flaggedOnes) + len(rest)
}

// sampleByHash keeps n of the accounts at idx, chosen by a hash of their handles.
func sampleByHash(res *scoring.Result, idx []int, n int) []int {
	if len(idx) <= n {
		return idx
	}
	h := make(map[int]uint64, len(idx))
	for _, i := range idx {
		f := fnv.New64a()
		f.Write([]byte(res.Accounts[i].Key))
		h[i] = f.Sum64()
	}
	sort.Slice(idx, func(x, y int) bool { return h[idx[x]] < h[idx[y]] })
	return idx[:max(n, 0)]
}

// scatterChart plots followers (log axis) against follower ER, one series per verdict, with
// each tier's benchmark drawn as a step.
func scatterChart(res *scoring.Result) (pageChart, error) {
	sc := charts.NewScatter()
	sc.SetGlobalOptions(
		initOpts("chart-scatter"),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "log", Name: "followers", NameLocation: "middle", NameGap: 28}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "follower ER %"}),
	)
	keep, shown := scatterSample(res)
	rated := 0
	for _, v := range scoring.Verdicts() {
		var pts []opts.ScatterData
		for i := range res.Accounts {
			a := &res.Accounts[i]
			if a.Verdict != v || !a.FollowerER.OK || a.Followers <= 0 {
				continue
			}
			rated++
			if keep[i] {
				pts = append(pts, opts.ScatterData{Name: a.Handle, Value: []any{int64(a.Followers), round2(a.FollowerER.Value)}})
			}
		}
		sc.AddSeries(v.String(), pts, charts.WithItemStyleOpts(opts.ItemStyle{Color: verdictColours[v], Opacity: opts.Float(0.8)}))
	}
	option, err := options(sc)
	if err != nil {
		return pageChart{}, err
	}
	series, _ := option["series"].([]any)
	option["series"] = append(series, benchmarkSteps(res.Config.Benchmarks))
	note := "Each dot is an account, coloured by verdict; the grey steps are each tier's benchmark (" + res.Config.Benchmarks.Name + ")."
	if shown < rated {
		note += fmt.Sprintf(" Showing %d of %d accounts, chosen the same way every run: every REVIEW and FAIL (or a sample of them when they alone are more), and an even sample of the rest.", shown, rated)
	}
	return pageChart{ID: "chart-scatter", Title: "Followers and follower engagement", Note: note, option: option}, nil
}

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

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// tierChart stacks each tier's accounts by verdict.
func tierChart(res *scoring.Result) (pageChart, error) {
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

// distributionChart is a box plot of follower ER per tier, with the tier's benchmark as a marker.
func distributionChart(res *scoring.Result) (pageChart, error) {
	tiers := res.Config.Benchmarks.Tiers
	names := make([]string, len(tiers))
	boxes := make([]opts.BoxPlotData, len(tiers))
	bench := make([][2]any, len(tiers))
	for i, t := range tiers {
		names[i] = t.Name
		var ers []float64
		for j := range res.Accounts {
			a := &res.Accounts[j]
			if a.HasTier && a.Tier.Name == t.Name && a.FollowerER.OK {
				ers = append(ers, a.FollowerER.Value)
			}
		}
		boxes[i] = opts.BoxPlotData{Name: fmt.Sprintf("%s (%d accounts)", t.Name, len(ers)), Value: fiveNumbers(ers)}
		bench[i] = [2]any{t.Name, t.Benchmark}
	}
	bp := charts.NewBoxPlot()
	bp.SetGlobalOptions(
		initOpts("chart-distribution"),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "follower ER %"}),
	)
	bp.SetXAxis(names)
	bp.AddSeries("follower ER", boxes, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#dbe4f0", BorderColor: "#3a5a8c"}))
	option, err := options(bp)
	if err != nil {
		return pageChart{}, err
	}
	series, _ := option["series"].([]any)
	option["series"] = append(series, map[string]any{
		"type": "scatter", "name": "tier benchmark", "data": bench, "symbol": "diamond", "symbolSize": 14,
		"itemStyle": map[string]any{"color": "#c62828"}, "z": 3,
	})
	return pageChart{
		ID: "chart-distribution", Title: "Follower ER per tier against its benchmark",
		Note:   "Each box spans the middle half of a tier's accounts (whiskers: lowest and highest); the red diamond is the tier's benchmark.",
		option: option,
	}, nil
}

// fiveNumbers is min, lower quartile, median, upper quartile, max (empty for no values).
func fiveNumbers(xs []float64) []float64 {
	if len(xs) == 0 {
		return []float64{}
	}
	sort.Float64s(xs)
	q := func(p float64) float64 {
		pos := p * float64(len(xs)-1)
		lo := int(pos)
		hi := min(lo+1, len(xs)-1)
		return round2(xs[lo] + (xs[hi]-xs[lo])*(pos-float64(lo)))
	}
	return []float64{q(0), q(0.25), q(0.5), q(0.75), q(1)}
}

// histogramChart counts the posts used by view ER, with the platform average as a line.
func histogramChart(res *scoring.Result) (pageChart, error) {
	cfg := res.Config
	ers := make([]float64, 0, postCount(res))
	for i := range res.Accounts {
		posts := res.Accounts[i].Posts
		for j := range posts {
			if er := scoring.ViewER(posts[j], cfg.IncludeSaves); er.OK {
				ers = append(ers, er.Value)
			}
		}
	}
	// The range stops at the 95th percentile so a few outliers (ghost followers, viral posts) do
	// not squash the rest into the first bars; the last bar holds them. Sorted in place: the
	// counts below do not depend on the order (a million posts: one slice, not three).
	top := 2 * cfg.PlatformViewER
	if len(ers) > 0 {
		sort.Float64s(ers)
		top = math.Max(top, ers[len(ers)*95/100])
	}
	width := top / histogramBins
	counts := make([]int, histogramBins+1)
	for _, er := range ers {
		counts[min(int(er/width), histogramBins)]++
	}
	data := make([][2]float64, len(counts))
	for i, n := range counts {
		data[i] = [2]float64{round2((float64(i) + 0.5) * width), float64(n)}
	}
	option := map[string]any{
		"tooltip": map[string]any{"trigger": "axis"},
		"legend":  map[string]any{"top": "0"},
		"xAxis":   map[string]any{"type": "value", "name": "view ER %", "nameLocation": "middle", "nameGap": 28, "min": 0},
		"yAxis":   map[string]any{"type": "value", "name": "posts"},
		"series": []any{map[string]any{
			"type": "bar", "name": "posts", "data": data, "barWidth": "90%", "itemStyle": map[string]any{"color": "#3a5a8c"},
			"markLine": map[string]any{
				"symbol": "none", "silent": true, "lineStyle": map[string]any{"color": "#c62828", "type": "dashed", "width": 2},
				"label": map[string]any{"formatter": fmt.Sprintf("platform %.2f%%", cfg.PlatformViewER)},
				"data":  []any{map[string]any{"xAxis": cfg.PlatformViewER}},
			},
		}},
	}
	return pageChart{
		ID: "chart-histogram", Title: "View ER of every post",
		Note: fmt.Sprintf("%d posts by view ER; the red line is the platform average %.2f%%. The last bar holds every post above %.1f%%.",
			len(ers), cfg.PlatformViewER, top),
		option: option,
	}, nil
}

// timelineChart draws each flagged account's posts' view ER over time.
func timelineChart(res *scoring.Result) (pageChart, error) {
	cfg := res.Config
	var series []any
	total := 0
	for i := range res.Accounts {
		a := &res.Accounts[i]
		if !flagged(a) {
			continue
		}
		total++
		if len(series) == maxTimelines {
			continue
		}
		var data [][2]any
		for j := len(a.Posts) - 1; j >= 0; j-- { // oldest first
			p := a.Posts[j]
			if er := scoring.ViewER(p, cfg.IncludeSaves); er.OK && !p.PostedAt.IsZero() {
				data = append(data, [2]any{p.PostedAt.UnixMilli(), round2(er.Value)})
			}
		}
		series = append(series, map[string]any{"type": "line", "name": a.Handle, "data": data, "symbolSize": 6})
	}
	option := map[string]any{
		"tooltip": map[string]any{"trigger": "item"},
		"legend":  map[string]any{"type": "scroll", "top": "0"},
		"xAxis":   map[string]any{"type": "time"},
		"yAxis":   map[string]any{"type": "value", "name": "view ER %"},
		"series":  series,
	}
	note := "Each line is a REVIEW or FAIL account, one point per post."
	switch {
	case total == 0:
		note = "No account is flagged REVIEW or FAIL."
	case total > maxTimelines:
		note += fmt.Sprintf(" Showing the first %d of %d flagged accounts in rank order; the workbook's Videos sheet has them all.", maxTimelines, total)
	}
	return pageChart{ID: "chart-timeline", Title: "View ER over time, flagged accounts", Note: note, Wide: true, option: option}, nil
}
