package report

import (
	"fmt"
	"math"
	"sort"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// distributionChart is a box plot of the rated accounts' follower ER per tier, whiskers at
// 1.5 × IQR, outliers as points, and the tier's benchmark as a marker.
func distributionChart(res *scoring.Result, p *lang.Printer) (pageChart, error) {
	tiers := res.Config.Benchmarks.Tiers
	var all []float64
	for i := range res.Accounts {
		if a := &res.Accounts[i]; rated(a) {
			all = append(all, a.FollowerER.Value)
		}
	}
	top, clipped := axisTop(all)
	names := make([]string, len(tiers))
	boxes := make([]opts.BoxPlotData, len(tiers))
	bench := make([][2]any, len(tiers))
	var outliers [][2]any
	beyond, outlying, axisMax := 0, 0, top
	for i, t := range tiers {
		var idx []int
		var ers []float64
		for j := range res.Accounts {
			a := &res.Accounts[j]
			if rated(a) && a.HasTier && a.Tier.Name == t.Name {
				idx = append(idx, j)
				ers = append(ers, a.FollowerER.Value)
			}
		}
		names[i] = fmt.Sprintf("%s\n%s", t.Name, plural(len(ers), "account"))
		bench[i] = [2]any{names[i], t.Benchmark}
		b, ok := newBoxStats(ers)
		if !ok {
			boxes[i] = opts.BoxPlotData{Name: names[i], Value: []float64{}}
			continue
		}
		boxes[i] = opts.BoxPlotData{Name: names[i], Value: []float64{roundTo(b.low, 2), roundTo(b.q1, 2), roundTo(b.median, 2), roundTo(b.q3, 2), roundTo(b.high, 2)}}
		axisMax = math.Max(axisMax, b.high)
		var shown []int
		for _, o := range b.outliers {
			if clipped && ers[o] > top {
				beyond++
				continue
			}
			shown = append(shown, idx[o])
		}
		kept := sampleByHash(res, shown, maxOutliers)
		outlying += len(shown)
		for _, j := range kept {
			a := &res.Accounts[j]
			outliers = append(outliers, [2]any{names[i], roundTo(a.FollowerER.Value, 2)})
		}
	}
	y := opts.YAxis{Type: "value", Name: "follower ER %", Min: 0}
	yMax := niceCeil(axisMax)
	if clipped {
		y.Max = yMax
	}
	bp := charts.NewBoxPlot()
	bp.SetGlobalOptions(
		initOpts("chart-distribution"),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithYAxisOpts(y),
	)
	bp.SetXAxis(names)
	bp.AddSeries("follower ER", boxes, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#dbe4f0", BorderColor: "#3a5a8c"}))
	option, err := options(bp)
	if err != nil {
		return pageChart{}, err
	}
	if xs, ok := option["xAxis"].([]any); ok && len(xs) > 0 {
		if x, ok := xs[0].(map[string]any); ok {
			x["axisLabel"] = map[string]any{"interval": 0, "fontSize": 11}
		}
	}
	series, _ := option["series"].([]any)
	option["series"] = append(series,
		map[string]any{
			"type": "scatter", "name": "outliers", "data": outliers, "symbolSize": 5,
			"itemStyle": map[string]any{"color": "#3a5a8c", "opacity": 0.5}, "z": 2,
		},
		map[string]any{
			"type": "scatter", "name": "tier benchmark", "data": bench, "symbol": "diamond", "symbolSize": 14,
			"itemStyle": map[string]any{"color": "#c62828"}, "z": 3,
		})
	note := "Rated accounts only, by follower tier. " + leftOutNote(res) + " Each box spans the middle half of a tier's accounts, the line in it is the median, the whiskers reach the furthest accounts within 1.5 × the box's height, and dots are the accounts beyond; the red diamond is the tier's benchmark."
	if len(outliers) < outlying {
		note += fmt.Sprintf(" Showing %s of %s outlying accounts (a fixed sample in each tier).",
			scoring.Commas(int64(len(outliers))), scoring.Commas(int64(outlying)))
	}
	if beyond > 0 {
		note += fmt.Sprintf(" %s above %s lie beyond the top of the chart.", accountsPhrase(beyond), pct(yMax))
	}
	return pageChart{ID: "chart-distribution", Title: "Follower ER per tier against its benchmark", Note: note, option: option}, nil
}

// histogramChart counts the posts used by view ER, with the platform average as a line.
func histogramChart(res *scoring.Result, p *lang.Printer) (pageChart, error) {
	cfg := res.Config
	ers := make([]float64, 0, postCount(res))
	for i := range res.Accounts {
		posts := res.Accounts[i].Posts
		for j := range posts {
			if er := scoring.ViewER(posts[j], cfg.IncludeSaves); er.OK && !math.IsInf(er.Value, 0) {
				ers = append(ers, er.Value)
			}
		}
	}
	// The range stops at the 99th percentile so a few outliers (viral posts, bad rows) do not
	// squash the rest into the first bars; the last bar holds them. Sorted in place: the counts
	// do not depend on the order (a million posts: one slice, not two).
	sort.Float64s(ers)
	top := 2 * cfg.PlatformViewER
	if len(ers) > 0 {
		top = math.Max(top, niceCeil(ers[max(int(math.Ceil(clipPercentile*float64(len(ers))))-1, 0)]))
	}
	width := top / histogramBins
	counts := make([]int, histogramBins+1)
	for _, er := range ers {
		counts[min(int(er/width), histogramBins)]++
	}
	data := make([][2]float64, len(counts))
	for i, n := range counts {
		data[i] = [2]float64{roundTo((float64(i)+0.5)*width, 3), float64(n)}
	}
	option := map[string]any{
		"tooltip": map[string]any{"trigger": "axis"},
		"grid":    map[string]any{"top": 40},
		"xAxis": map[string]any{"type": "value", "name": "view ER %", "nameLocation": "middle", "nameGap": 28, "min": 0, "max": roundTo(top+width, 3),
			"axisLabel": map[string]any{"showMaxLabel": false}},
		"yAxis": map[string]any{"type": "value"},
		"series": []any{map[string]any{
			"type": "bar", "name": "posts", "data": data, "barWidth": "90%", "itemStyle": map[string]any{"color": "#3a5a8c"},
			"markLine": map[string]any{
				"symbol": "none", "silent": true, "lineStyle": map[string]any{"color": "#c62828", "type": "dashed", "width": 2},
				"label": map[string]any{"formatter": fmt.Sprintf("platform average %.2f%%", cfg.PlatformViewER), "position": "end"},
				"data":  []any{map[string]any{"xAxis": cfg.PlatformViewER}},
			},
		}},
	}
	note := fmt.Sprintf("%s by view ER; the red line is the platform average, %.2f%%.", plural(len(ers), "post"), cfg.PlatformViewER)
	if n := counts[histogramBins]; n > 0 {
		note += fmt.Sprintf(" The last bar holds the %s above %s.", plural(n, "post"), pct(top))
	}
	return pageChart{ID: "chart-histogram", Title: "View ER of every post", Note: note, option: option}, nil
}

// worstFlagged are the flagged accounts drawn over time: FAIL before REVIEW, then those with
// the most signals, then the lowest ratio; only accounts with two dated posts or more.
func worstFlagged(res *scoring.Result, n int) (idx []int, total int) {
	for i := range res.Accounts {
		a := &res.Accounts[i]
		if !flagged(a) {
			continue
		}
		total++
		if len(postSeries(a, res.Config.IncludeSaves)) >= 2 {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(x, y int) bool {
		a, b := &res.Accounts[idx[x]], &res.Accounts[idx[y]]
		if a.Verdict != b.Verdict {
			return a.Verdict == scoring.Fail
		}
		if len(a.Signals) != len(b.Signals) {
			return len(a.Signals) > len(b.Signals)
		}
		ra, rb := math.Inf(1), math.Inf(1)
		if a.Ratio.OK {
			ra = a.Ratio.Value
		}
		if b.Ratio.OK {
			rb = b.Ratio.Value
		}
		return ra < rb
	})
	return idx[:min(n, len(idx))], total
}

// flaggedChart draws the worst flagged accounts' posts over time, each on a small chart of its
// own with the platform average as a line: legible however many are flagged.
func flaggedChart(res *scoring.Result, p *lang.Printer) (pageChart, error) {
	cfg := res.Config
	idx, total := worstFlagged(res, flaggedMultiples)
	const cols = 4
	rows := max((len(idx)+cols-1)/cols, 1)
	var titles, grids, xs, ys, series []any
	for k, i := range idx {
		a := &res.Accounts[i]
		pts := postSeries(a, cfg.IncludeSaves)
		data := make([][2]any, len(pts))
		top := 1.5 * cfg.PlatformViewER
		for j, p := range pts {
			data[j] = [2]any{int64(p[0]) * 3_600_000, p[1]}
			top = math.Max(top, p[1])
		}
		left, row := float64(k%cols)*25, k/cols
		topPct := float64(row)*100/float64(rows) + 7
		height := 100/float64(rows) - 17
		titles = append(titles, map[string]any{
			"text": cut(a.Handle, 30), "subtext": cut(a.Verdict.String()+" · "+signalSummary(a), 36),
			"left": fmt.Sprintf("%.1f%%", left+1), "top": fmt.Sprintf("%.1f%%", topPct-6),
			"textStyle":    map[string]any{"fontSize": 13, "width": 280, "overflow": "truncate"},
			"subtextStyle": map[string]any{"fontSize": 11, "color": verdictColours[a.Verdict], "width": 280, "overflow": "truncate"},
		})
		grids = append(grids, map[string]any{
			"left": fmt.Sprintf("%.1f%%", left+1), "width": "22%", "containLabel": true,
			"top": fmt.Sprintf("%.1f%%", topPct+5), "height": fmt.Sprintf("%.1f%%", height),
		})
		xs = append(xs, map[string]any{"type": "time", "gridIndex": k, "splitNumber": 3, "axisLabel": map[string]any{"fontSize": 10, "hideOverlap": true}})
		step := niceStep(top / 3)
		ys = append(ys, map[string]any{"type": "value", "gridIndex": k, "min": 0, "max": roundTo(step*math.Ceil(top/step), 6), "interval": step,
			"axisLabel": map[string]any{"fontSize": 10, "formatter": "{value}%"}})
		series = append(series, map[string]any{
			"type": "line", "name": a.Handle, "data": data, "xAxisIndex": k, "yAxisIndex": k, "symbolSize": 5,
			"itemStyle": map[string]any{"color": verdictColours[a.Verdict]},
			"markLine": map[string]any{
				"symbol": "none", "silent": true, "lineStyle": map[string]any{"color": "#c62828", "type": "dashed", "width": 1.5},
				"label": map[string]any{"show": k == 0, "formatter": fmt.Sprintf("%.2f%%", cfg.PlatformViewER), "fontSize": 10, "position": "insideEndTop", "color": "#c62828"},
				"data":  []any{map[string]any{"yAxis": cfg.PlatformViewER}},
			},
		})
	}
	option := map[string]any{
		"tooltip": map[string]any{"trigger": "item"},
		"title":   titles, "grid": grids, "xAxis": xs, "yAxis": ys, "series": series,
	}
	if len(idx) == 0 {
		option = map[string]any{"title": map[string]any{"text": "No account is flagged REVIEW or FAIL.", "left": "center", "top": "middle",
			"textStyle": map[string]any{"fontSize": 14, "color": "#5d6675", "fontWeight": "normal"}}}
	}
	note := fmt.Sprintf("View ER of each post in the window, oldest to newest, for the worst flagged accounts (FAIL first, then those with the most signals); the dashed red line is the platform average, %.2f%%. Every account's own chart is in its detail in the table below.", cfg.PlatformViewER)
	switch {
	case total == 0:
		note = "No account is flagged REVIEW or FAIL."
	case total > len(idx):
		note += fmt.Sprintf(" Showing %s of %s flagged accounts.", scoring.Commas(int64(len(idx))), scoring.Commas(int64(total)))
	}
	return pageChart{ID: "chart-flagged", Title: "View ER over time, worst flagged accounts", Note: note, Wide: true, Height: 220*rows + 40, option: option}, nil
}

// signalSummary names an account's signals in words, the first two and how many more.
func signalSummary(a *scoring.Account) string {
	switch len(a.Signals) {
	case 0:
		return "no signal"
	case 1:
		return signalName(a.Signals[0].Code)
	case 2:
		return signalName(a.Signals[0].Code) + ", " + signalName(a.Signals[1].Code)
	}
	return fmt.Sprintf("%s, %s and %d more", signalName(a.Signals[0].Code), signalName(a.Signals[1].Code), len(a.Signals)-2)
}

// niceStep rounds a positive axis step up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(x float64) float64 {
	if x <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if x <= m*p*(1+1e-9) {
			return roundTo(m*p, 6)
		}
	}
	return 10 * p
}

// cut shortens s to n characters, ending in "…" when it cut.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// roundTo rounds a chart's coordinate: what a chart draws needs no more digits than a pixel.
func roundTo(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}
