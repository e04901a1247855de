package scoring

import (
	"encoding/json"
	"sort"

	"github.com/vet-tool/vet/internal/ingest"
)

// Rate is a percentage that may not exist (a video with no views has no view ER: "n/a",
// never infinity).
type Rate struct {
	Value float64 // percent: 6.4 means 6.4%
	OK    bool
}

func rate(v float64) Rate { return Rate{Value: v, OK: true} }

// MarshalJSON writes the percentage, or null when there is none.
func (r Rate) MarshalJSON() ([]byte, error) {
	if !r.OK {
		return []byte("null"), nil
	}
	return json.Marshal(r.Value)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (r *Rate) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*r = Rate{}
		return nil
	}
	r.OK = true
	return json.Unmarshal(b, &r.Value)
}

// percent divides once, so that the seed's examples come out exact: 100·num/den.
func percent(num, den int64) Rate {
	if den <= 0 {
		return Rate{}
	}
	return rate(float64(num) * 100 / float64(den))
}

// Interactions of a video: likes + comments + shares, and saves when asked.
func Interactions(p ingest.Post, includeSaves bool) int64 {
	n := known(p.Likes) + known(p.Comments) + known(p.Shares)
	if includeSaves {
		n += known(p.Saves)
	}
	return n
}

func known(c ingest.Count) int64 {
	if c.Known() {
		return int64(c)
	}
	return 0
}

// ViewER of a video = (likes + comments + shares) / views × 100; no rate when views are 0.
func ViewER(p ingest.Post, includeSaves bool) Rate {
	if !p.Views.Known() {
		return Rate{}
	}
	return percent(Interactions(p, includeSaves), int64(p.Views))
}

// FollowerER of an account = ((Σ likes + Σ comments over its window) / N) / followers × 100.
func FollowerER(window []ingest.Post, followers ingest.Count) Rate {
	if len(window) == 0 || !followers.Known() || followers == 0 {
		return Rate{}
	}
	var sum int64
	for _, p := range window {
		sum += known(p.Likes) + known(p.Comments)
	}
	return percent(sum, int64(len(window))*int64(followers))
}

// MedianViewER is the median of the window's view ERs, so one viral video does not carry an
// account. Videos without a rate are left out.
func MedianViewER(window []ingest.Post, includeSaves bool) Rate {
	return median(viewERs(make([]float64, 0, len(window)), window, includeSaves))
}

// viewERs appends the window's view ERs to buf (videos without a rate are left out).
func viewERs(buf []float64, window []ingest.Post, includeSaves bool) []float64 {
	for _, p := range window {
		if r := ViewER(p, includeSaves); r.OK {
			buf = append(buf, r.Value)
		}
	}
	return buf
}

// median sorts xs in place and returns its middle value.
func median(xs []float64) Rate {
	if len(xs) == 0 {
		return Rate{}
	}
	sort.Float64s(xs)
	m := len(xs) / 2
	if len(xs)%2 == 1 {
		return rate(xs[m])
	}
	return rate((xs[m-1] + xs[m]) / 2)
}

// PooledViewER is Σ interactions / Σ views over the window, shown beside the median.
func PooledViewER(window []ingest.Post, includeSaves bool) Rate {
	var num, den int64
	for _, p := range window {
		if p.Views.Known() {
			num += Interactions(p, includeSaves)
			den += int64(p.Views)
		}
	}
	return percent(num, den)
}

// AbovePlatform says whether a video's view ER is above the platform average (ok is false when
// it has no view ER), so that the report marks videos by the same formula scoring uses.
func AbovePlatform(p ingest.Post, cfg Config) (above, ok bool) {
	r := ViewER(p, cfg.IncludeSaves)
	return r.OK && r.Value > cfg.PlatformViewER, r.OK
}
