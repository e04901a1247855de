package report

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// What the page's script gets: every account, with short keys (at 20,000 accounts each byte
// of a key is 20 KB of page), and the tables the accounts index into.
//
// Numbers are rounded to what the page shows or sorts on; a figure an account lacks is null,
// or, for a buyer metric, [i] with i the index of its reason in Meta.NA.

type pageJSON struct {
	Meta     pageMeta      `json:"meta"`
	Accounts []pageAccount `json:"accounts"`
	Charts   []chartJSON   `json:"charts"`
}

type chartJSON struct {
	ID     string         `json:"id"`
	Option map[string]any `json:"option"`
}

type pageMeta struct {
	Verdicts []string   `json:"verdicts"` // by Verdict value
	Tiers    []pageTier `json:"tiers"`
	Signals  []string   `json:"signals"` // names in words, indexed by pageAccount.S[i].K
	Codes    []string   `json:"codes"`   // the same signals' codes, for data attributes
	NA       []string   `json:"na"`      // why a metric is missing
	Platform float64    `json:"platform"`
	Columns  []string   `json:"columns"` // optional columns that have something to show
	Baseline bool       `json:"baseline"`
}

type pageTier struct {
	Name      string  `json:"n"`
	Benchmark float64 `json:"b"`
}

type pageAccount struct {
	Rank       int          `json:"r"`
	Handle     string       `json:"h"`
	Followers  *int64       `json:"f"`
	Approx     int          `json:"fa,omitempty"` // 1: the follower count was written rounded
	Rounded    int          `json:"ro,omitempty"` // 1: some count in the window was written rounded
	Tier       int          `json:"t"`            // index into Meta.Tiers; -1: none
	Verdict    int          `json:"v"`
	Confidence string       `json:"c,omitempty"`
	Window     int          `json:"w"`
	FollowerER *float64     `json:"fe"`
	FERPosts   int          `json:"fp"`
	MedianVER  *float64     `json:"mv"`
	PooledVER  *float64     `json:"pv"`
	VERPosts   int          `json:"vp"`
	Ratio      *float64     `json:"ra"`
	Signals    []pageSignal `json:"s,omitempty"`
	Reason     string       `json:"rs"`
	Days       int          `json:"d"` // since the last post; -1: undated
	Notes      []string     `json:"n,omitempty"`

	MedianViews  any `json:"mvw"`
	AvgViews     any `json:"avw"`
	ViewRate     any `json:"vr"`
	PostsPerWeek any `json:"ppw"`
	Sponsored    int `json:"sp,omitempty"`
	SponsoredPct any `json:"ss"`
	PaidRatio    any `json:"pe"`
	SaveRate     any `json:"svr"`
	ShareRate    any `json:"shr"`
	Price        any `json:"pr"`
	CPE          any `json:"cpe"`
	CPM          any `json:"cpm"`

	Top     []pageTopPost `json:"tp,omitempty"`
	Posts   []float64     `json:"p,omitempty"`  // the window's dated posts, oldest first: hours since 1970 and view ER, then for each next post the hours since the one before and its view ER
	History [][3]any      `json:"hi,omitempty"` // [date, followers, follower ER]

	Previous  string `json:"was,omitempty"` // the verdict in the baseline, or "new"
	Delta     *int64 `json:"dl,omitempty"`  // followers since the baseline
	DeltaText string `json:"dt,omitempty"`
}

type pageSignal struct {
	K     int    `json:"k"` // index into Meta.Signals
	Plain string `json:"p"` // what it may mean, with its numbers
}

// pageTopPost is one of an account's best posts, written as a short array:
// [link, day, views, view ER], where link is the video's id when its address is TikTok's own
// for the handle, else the address ("" when none a browser may open); day is days since 1970
// (null when undated); views is a number, or text when the export wrote it rounded (~18.3K).
type pageTopPost struct {
	Link   string
	Day    *int64
	Views  any
	ViewER *float64
}

func (p pageTopPost) MarshalJSON() ([]byte, error) {
	return json.Marshal([4]any{p.Link, p.Day, p.Views, p.ViewER})
}

// UnmarshalJSON reads what MarshalJSON wrote (the tests read the page's data back).
func (p *pageTopPost) UnmarshalJSON(b []byte) error {
	var a [4]json.RawMessage
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	for i, dst := range []any{&p.Link, &p.Day, &p.Views, &p.ViewER} {
		if err := json.Unmarshal(a[i], dst); err != nil {
			return err
		}
	}
	return nil
}

// interned numbers the strings it is given, in the order first seen.
type interned struct {
	list []string
	at   map[string]int
}

func (s *interned) index(v string) int {
	if i, ok := s.at[v]; ok {
		return i
	}
	if s.at == nil {
		s.at = map[string]int{}
	}
	s.at[v] = len(s.list)
	s.list = append(s.list, v)
	return len(s.list) - 1
}

func newPageJSON(res *scoring.Result, charts []pageChart) *pageJSON {
	cfg := res.Config
	j := &pageJSON{Meta: pageMeta{Platform: cfg.PlatformViewER, Baseline: res.HasBaseline,
		Signals: []string{}, Codes: []string{}, NA: []string{}, Columns: []string{}, Tiers: []pageTier{}},
		Charts: []chartJSON{}}
	for _, v := range scoring.Verdicts() {
		j.Meta.Verdicts = append(j.Meta.Verdicts, v.String())
	}
	tiers := map[string]int{}
	for i, t := range cfg.Benchmarks.Tiers {
		tiers[t.Name] = i
		j.Meta.Tiers = append(j.Meta.Tiers, pageTier{t.Name, t.Benchmark})
	}
	var codes, na interned
	metric := func(m scoring.Metric, digits int) any {
		if m.OK && !math.IsNaN(m.Value) && !math.IsInf(m.Value, 0) {
			return roundTo(m.Value, digits)
		}
		reason := m.NA
		if reason == "" {
			reason = "not measured"
		}
		return [1]int{na.index(reason)}
	}
	has := map[string]bool{}
	j.Accounts = make([]pageAccount, len(res.Accounts))
	for i := range res.Accounts {
		a := &res.Accounts[i]
		p := &j.Accounts[i]
		*p = pageAccount{
			Rank: i + 1, Handle: a.Handle, Tier: -1, Verdict: int(a.Verdict), Confidence: string(a.Confidence),
			Window: a.Window, FollowerER: rate(a.FollowerER), FERPosts: a.FollowerERPosts,
			MedianVER: rate(a.MedianViewER), PooledVER: rate(a.PooledViewER), VERPosts: a.ViewERPosts,
			Ratio: rate(a.Ratio), Reason: a.Reason, Days: a.DaysSinceLast,
			MedianViews: metric(a.MedianViews, 0), AvgViews: metric(a.AvgViews, 0), ViewRate: metric(a.ViewRate, 2),
			PostsPerWeek: metric(a.PostsPerWeek, 2), Sponsored: a.SponsoredPosts, SponsoredPct: metric(a.SponsoredShare, 1),
			PaidRatio: metric(a.PaidERRatio, 2), SaveRate: metric(a.SaveRate, 2), ShareRate: metric(a.ShareRate, 2),
			Price: metric(a.Price, 2), CPE: metric(a.CPE, 4), CPM: metric(a.CPM, 2),
		}
		if a.Followers.Known() {
			f := int64(a.Followers)
			p.Followers = &f
			if followersRounded(a) {
				p.Approx = 1
			}
		}
		if a.Rounded {
			p.Rounded = 1
		}
		if t, ok := tiers[a.Tier.Name]; ok && a.HasTier {
			p.Tier = t
		}
		for _, s := range a.Signals {
			p.Signals = append(p.Signals, pageSignal{K: codes.index(s.Code), Plain: s.Plain})
		}
		for _, n := range []string{a.FollowersNote, a.WindowNote} {
			if n != "" {
				p.Notes = append(p.Notes, n)
			}
		}
		has["confidence"] = has["confidence"] || a.Confidence != ""
		has["views"] = has["views"] || a.MedianViews.OK
		has["ppw"] = has["ppw"] || a.PostsPerWeek.OK
		has["price"] = has["price"] || a.Price.OK || a.CPE.OK || a.CPM.OK
		p.Top = topPosts(a)
		p.Posts = deltaSeries(postSeries(a, cfg.IncludeSaves))
		for _, h := range a.History {
			var f any
			if h.Followers.Known() {
				f = int64(h.Followers)
			}
			p.History = append(p.History, [3]any{h.AsOf.Format("2006-01-02"), f, rate(h.FollowerER)})
		}
		switch {
		case a.New:
			p.Previous = "new"
		case a.Change != nil:
			p.Previous = a.Change.Before.Verdict.String()
			if dl := a.Change.FollowersDelta; dl != nil {
				v := *dl
				p.Delta, p.DeltaText = &v, signed(v)
				if pc := a.Change.FollowersPercent; pc.OK {
					p.DeltaText += " (" + signedPercent(pc.Value) + ")"
				}
			}
		}
	}
	for _, c := range codes.list {
		j.Meta.Codes = append(j.Meta.Codes, c)
		j.Meta.Signals = append(j.Meta.Signals, signalName(c))
	}
	j.Meta.NA = append(j.Meta.NA, na.list...)
	for _, c := range []string{"confidence", "views", "ppw", "price"} {
		if has[c] {
			j.Meta.Columns = append(j.Meta.Columns, c)
		}
	}
	for _, c := range charts {
		j.Charts = append(j.Charts, chartJSON{c.ID, c.option})
	}
	return j
}

// rate is a rate rounded to what the page sorts on, or nil when there is none.
func rate(r scoring.Rate) *float64 {
	if !r.OK || math.IsNaN(r.Value) || math.IsInf(r.Value, 0) {
		return nil
	}
	v := roundTo(r.Value, 3)
	return &v
}

func roundTo(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}

// followersRounded reports whether the account's follower count is one the export wrote
// rounded (18.3K): it is taken from the newest post stating one, unless the accounts file gave it.
func followersRounded(a *scoring.Account) bool {
	if !a.Rounded {
		return false
	}
	for i := range a.Posts {
		if a.Posts[i].Followers.Known() {
			return a.Posts[i].Followers == a.Followers && a.Posts[i].Rounded
		}
	}
	return false
}

// topPosts are the account's best posts, linked when the export gave an address a browser may
// open.
func topPosts(a *scoring.Account) []pageTopPost {
	var out []pageTopPost
	for _, t := range a.TopPosts {
		p := pageTopPost{ViewER: rate(t.ViewER)}
		switch {
		case !t.Views.Known():
		case postRounded(a, t.VideoID):
			p.Views = approx(int64(t.Views))
		default:
			p.Views = int64(t.Views)
		}
		if u, ok := linkable(t.URL); ok {
			p.Link = u
			if t.VideoID != "" && u == "https://www.tiktok.com/@"+a.Handle+"/video/"+t.VideoID {
				p.Link = t.VideoID
			}
		}
		if !t.PostedAt.IsZero() {
			d := t.PostedAt.Unix() / 86400
			p.Day = &d
		}
		out = append(out, p)
	}
	return out
}

// postRounded reports whether the account's post with this id had a rounded count.
func postRounded(a *scoring.Account, id string) bool {
	for i := range a.Posts {
		if a.Posts[i].VideoID == id && id != "" {
			return a.Posts[i].Rounded
		}
	}
	return false
}

// postSeries is the window's view ER per dated post, oldest first, as pairs of the hour it was
// posted (hours since 1970) and its view ER to one decimal.
func postSeries(a *scoring.Account, includeSaves bool) [][2]float64 {
	w := a.WindowPosts()
	var out [][2]float64
	for i := len(w) - 1; i >= 0; i-- {
		p := w[i]
		if er := scoring.ViewER(p, includeSaves); er.OK && !p.PostedAt.IsZero() && !math.IsInf(er.Value, 0) {
			out = append(out, [2]float64{float64(p.PostedAt.Unix() / 3600), roundTo(er.Value, 1)})
		}
	}
	return out
}

// deltaSeries writes a post series flat, each post's hour as the hours since the one before:
// at 20,000 accounts the page is 1.5 MB lighter than with pairs of absolute times.
func deltaSeries(s [][2]float64) []float64 {
	if len(s) == 0 {
		return nil
	}
	out := make([]float64, 0, 2*len(s))
	prev := 0.0
	for _, p := range s {
		out = append(out, p[0]-prev, p[1])
		prev = p[0]
	}
	return out
}

// countText writes a count with separators, or as approximate (~18.3K) when the export wrote
// it rounded; "n/a" when unknown.
func countText(c ingest.Count, rounded bool) string {
	if !c.Known() {
		return "n/a"
	}
	if rounded {
		return approx(int64(c))
	}
	return scoring.Commas(int64(c))
}

// approx writes a rounded count the way the export did, marked approximate: ~18.3K, ~2M.
func approx(n int64) string {
	f := float64(n)
	unit := ""
	switch {
	case n >= 1_000_000_000:
		f, unit = f/1e9, "B"
	case n >= 1_000_000:
		f, unit = f/1e6, "M"
	case n >= 1_000:
		f, unit = f/1e3, "K"
	default:
		return "~" + scoring.Commas(n)
	}
	s := strconv.FormatFloat(f, 'f', 1, 64)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return "~" + s + unit
}

// signedPercent writes a change in percent with its sign: +1.5%, −0.3%.
func signedPercent(v float64) string {
	if v < 0 {
		return "−" + strconv.FormatFloat(-v, 'f', 1, 64) + "%"
	}
	return "+" + strconv.FormatFloat(v, 'f', 1, 64) + "%"
}
