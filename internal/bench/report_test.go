package bench

import (
	"strings"
	"testing"
	"time"
)

func sample(wall time.Duration, rss int64, steps ...Timing) Sample {
	return Sample{Wall: wall, PeakRSS: rss, Steps: steps}
}

func TestSpreadOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		xs   []float64
		want Spread
	}{
		{"an odd number of runs takes the middle one", []float64{3, 1, 2}, Spread{2, 1, 3, 3}},
		{"an even number of runs averages the middle two", []float64{4, 1, 3, 2}, Spread{2.5, 1, 4, 4}},
		{"no runs is the zero spread", nil, Spread{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := SpreadOf(tc.xs); got != tc.want {
				t.Fatalf("SpreadOf(%v) = %+v, want %+v", tc.xs, got, tc.want)
			}
		})
	}
}

func TestWriteMarkdown(t *testing.T) {
	s := time.Second
	mk := func(posts int, scale time.Duration) Result {
		r := Result{Name: "x", Posts: posts}
		for _, wall := range []time.Duration{9, 10, 12} {
			r.Vet = append(r.Vet, sample(wall*scale/10, 500e6, Timing{"ingest", scale / 10}, Timing{"workbook", scale / 2}))
			r.FloorCSV = append(r.FloorCSV, sample(s, 1e6, Timing{"csv-read", scale / 20}))
			r.FloorWrite = append(r.FloorWrite, sample(s, 1e6, Timing{"xlsx-stream", scale / 4}))
		}
		return r
	}
	var b strings.Builder
	m := Machine{CPUs: 2, CPU: "Test CPU", RAM: 24 << 30, Go: "go1.26.8", LoadFrom: "1.00 1.00 1.00", LoadTo: "2.00 1.50 1.00"}
	small, big := mk(100_000, s), mk(1_000_000, 10*s)
	small.Files = map[string]int64{"vetting.xlsx": 2_400_000, "posts.csv": 27_000_000, "accounts.csv": 550_000, "signals.csv": 110_000}
	big.Files = map[string]int64{"vetting.xlsx": 26_000_000, "posts.csv": 270_000_000, "accounts.csv": 5_500_000, "signals.csv": 1_100_000}
	big.Open = []Sample{{Wall: 21 * s, CPU: 12 * s}, {Wall: 19 * s, CPU: 11 * s}}
	WriteMarkdown(&b, m, []Result{small, big})
	out := b.String()
	for _, want := range []string{
		"2 × Test CPU, 24.0 GiB RAM, go1.26.8",
		"| runs | 3 | 3 |",
		"| **vet run** (CSV in), wall | 1.000 s (0.900–1.200) | 10.000 s (9.000–12.000) |",
		"| **floor** total | 0.300 s (0.300–0.300) | 3.000 s (3.000–3.000) |",
		"| **vet run ÷ floor** | 3.33× | 3.33× |",
		"| posts/s, CSV ingest | 1M | 1M |",
		"| whole run vs the floor | ≤ 1.3× | 3.33× | **no** |",
		"| CSV ingest (parse + validate) | < 2 s | 1.000 s (1.000–1.000) | yes |",
		"| peak RSS | < 600 MB | 500 MB (max 500) | yes |",
		"| 1M posts |",
		"(time per post, 1M vs 100K, fastest runs) | ≤ 1.2× | 1.00× | yes |",
		"| XLSX in: vet ingest | — | — |",
		"| workbook (vetting.xlsx) size | 2.4 MB | 26.0 MB |",
		"| accounts.csv, signals.csv, posts.csv sizes | 0.6 MB, 0.1 MB, 27.0 MB | 5.5 MB, 1.1 MB, 270.0 MB |",
		"| LibreOffice opens the workbook (headless, to CSV), wall | — | 20.000 s (19.000–21.000) |",
		"| LibreOffice opens the workbook, CPU time | — | 11.500 s (11.000–12.000) |",
		"| workbook size (SPEC §4, at 20,000 × 50) | ≤ 25 MB | 26.0 MB | **no** |",
		"| LibreOffice opens the workbook (SPEC §4) | ≤ 30 s | 20.000 s (19.000–21.000) | yes |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the figures lack %q:\n%s", want, out)
		}
	}
}

func TestSplice(t *testing.T) {
	t.Run("figures go between the markers and the prose around them stays", func(t *testing.T) {
		doc := "# Benchmarks\nintro\n" + StartMarker + "\nold\n" + EndMarker + "\noutro\n"
		got := Splice(doc, "new\n")
		want := "# Benchmarks\nintro\n" + StartMarker + "\nnew\n" + EndMarker + "\noutro\n"
		if got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("a file without markers gets them appended", func(t *testing.T) {
		got := Splice("# Benchmarks", "new")
		if got != "# Benchmarks\n"+StartMarker+"\nnew\n"+EndMarker+"\n" {
			t.Fatalf("got %q", got)
		}
	})
}
