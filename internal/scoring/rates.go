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
func Interactions(p ingest.Post, includeSaves bool) int64 { return interactions(&p, includeSaves) }

// interactions is Interactions without copying the post.
func interactions(p *ingest.Post, includeSaves bool) int64 {
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

// ViewER of a video = (likes + comments + shares) / views × 100. A video has one only when
// all four counts are known: no rate when views are 0 or a count is missing (a post without
// views still serves its account's follower ER).
func ViewER(p ingest.Post, includeSaves bool) Rate { return viewER(&p, includeSaves) }

// viewER is ViewER without copying the post.
func viewER(p *ingest.Post, includeSaves bool) Rate {
	if !hasViewER(p) {
		return Rate{}
	}
	return percent(interactions(p, includeSaves), int64(p.Views))
}

// hasViewER says whether a post has the counts a view ER needs: views above 0, likes,
// comments and shares.
func hasViewER(p *ingest.Post) bool {
	return p.Views > 0 && p.Likes.Known() && p.Comments.Known() && p.Shares.Known()
}

// hasFollowerER says whether a post has the counts a follower ER needs: likes and comments.
func hasFollowerER(p *ingest.Post) bool { return p.Likes.Known() && p.Comments.Known() }

// FollowerER of an account = ((Σ likes + Σ comments over its N window posts) / N) / followers
// × 100, where N counts the posts whose likes and comments are both known.
func FollowerER(window []ingest.Post, followers ingest.Count) Rate {
	r, _ := followerER(window, followers)
	return r
}

// followerER is FollowerER and the number of posts it rests on.
func followerER(window []ingest.Post, followers ingest.Count) (Rate, int) {
	var sum int64
	n := 0
	for i := range window {
		if p := &window[i]; hasFollowerER(p) {
			sum += int64(p.Likes) + int64(p.Comments)
			n++
		}
	}
	if n == 0 || followers <= 0 {
		return Rate{}, n
	}
	return percent(sum, int64(n)*int64(followers)), n
}

// MedianViewER is the median of the window's view ERs, so one viral video does not carry an
// account. Videos without a rate are left out.
func MedianViewER(window []ingest.Post, includeSaves bool) Rate {
	return median(viewERs(make([]float64, 0, len(window)), window, includeSaves))
}

// viewERs appends the window's view ERs to buf (videos without a rate are left out).
func viewERs(buf []float64, window []ingest.Post, includeSaves bool) []float64 {
	for i := range window {
		if r := viewER(&window[i], includeSaves); r.OK {
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

// PooledViewER is Σ interactions / Σ views over the window's posts that have a view ER, shown
// beside the median.
func PooledViewER(window []ingest.Post, includeSaves bool) Rate {
	r, _ := pooledViewER(window, includeSaves)
	return r
}

// pooledViewER is PooledViewER and the number of posts it rests on (the median rests on the
// same posts).
func pooledViewER(window []ingest.Post, includeSaves bool) (Rate, int) {
	var num, den int64
	n := 0
	for i := range window {
		if p := &window[i]; hasViewER(p) {
			num += interactions(p, includeSaves)
			den += int64(p.Views)
			n++
		}
	}
	return percent(num, den), n
}
