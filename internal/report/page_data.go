package report

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// What the page's script gets: every account, with short keys (at 20,000 accounts each byte
// of a key is 20 KB of page), and the tables the accounts index into.
//
// An account's figures are a list in the order of Meta.Figures (the figure table's page
// figures, internal/figures). A number is rounded once, here, to the decimals the workbook
// shows (lang.Round), and the script writes it with the language's separators and nothing
// else: the page shows the digits the workbook and the CSV show. Words come written; a code
// (a tier, a verdict, the signals) as the index of its words in its figure's Vals, so that
// 20,000 accounts do not repeat them; a count the export rounded as {"n": number, "t":
// "~18,300"}; a figure the account lacks is null, or [i] with i the index of why in Meta.NA.
// The rank and the handle are the account's r and h, not repeated among its figures.

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
	Verdicts []string          `json:"verdicts"` // verdict codes by Verdict value, for the filters
	Words    []string          `json:"vw"`       // the same verdicts in the reader's words
	Figures  []pageFigure      `json:"figures"`
	Signals  []string          `json:"sigs"`  // names in words, indexed by pageAccount.S[i].K
	Codes    []string          `json:"codes"` // the same signals' codes, for data attributes
	NA       []string          `json:"na"`    // why a figure is missing
	Platform float64           `json:"platform"`
	Baseline bool              `json:"baseline"`
	Format   pageFormat        `json:"format"`
	Profile  string            `json:"profile"` // a profile's address without the handle
	Script   map[string]string `json:"words"`   // the script's words in the reader's language (page.js.* in the catalogs)
	Locale   pageLocale        `json:"locale"`  // the charts' words for what ECharts writes itself
	Print    int               `json:"printRows"`
	Traits   []string          `json:"traits"` // what the posts with each trait are, as a sentence starts ("Posts with a question"), by scoring.Trait
}

// printRows is the most accounts a print of the page lists: the first of the view on screen,
// so that a 20,000-account batch prints its summary and shortlist in a few pages, never every
// row (the workbook and accounts.csv hold them all).
const printRows = 200

// pageLocale is what the charts write of a date in the reader's language: the months' names
// and their short forms, January to December.
type pageLocale struct {
	Month     []string `json:"month"`
	MonthAbbr []string `json:"monthAbbr"`
}

// localeOf is p's months, for the charts' time axes.
func localeOf(p *lang.Printer) pageLocale {
	var l pageLocale
	for m := 1; m <= 12; m++ {
		l.Month = append(l.Month, p.T("month."+strconv.Itoa(m)))
		l.MonthAbbr = append(l.MonthAbbr, p.T("month_short."+strconv.Itoa(m)))
	}
	return l
}

// pageFigure is one figure as the script shows it.
type pageFigure struct {
	Label    string   `json:"l"`
	Unit     string   `json:"u"`           // count, percent, multiple, decimal, money, signed, signed_percent, points; "" for words
	Decimals int      `json:"d"`           // decimals of a number
	Table    bool     `json:"t,omitempty"` // a column of the table (some account has it)
	Detail   bool     `json:"dt,omitempty"`
	Role     string   `json:"r,omitempty"`    // place (the rank), link (the handle), pill (the verdict) or wrap (the reason): drawn in their own way
	Vals     []string `json:"vals,omitempty"` // a code's words, which the accounts' values index
	Ordered  bool     `json:"o,omitempty"`    // the codes' order is theirs (tiers from the smallest): sort by index
}

// pageFormat is how the script writes a number in the report's language and currency, as
// lang.Printer does.
type pageFormat struct {
	Decimal  string `json:"dec"`   // the decimal mark
	Group    string `json:"group"` // the thousands separator
	Currency string `json:"cur"`   // "{n}" with the currency around it: "€{n}", "€ {n}", "{n} CHF"
	Points   string `json:"pts"`   // "{n} pts"
	NA       string `json:"na"`    // "n/a"
	Lang     string `json:"lang"`
}

type pageAccount struct {
	Rank    int           `json:"r"`
	Handle  string        `json:"h"`
	Verdict int           `json:"v"`
	Figures []any         `json:"f"`
	Signals []pageSignal  `json:"s,omitempty"`
	Notes   []string      `json:"n,omitempty"` // where its follower count came from, how its window was chosen
	Top     []pageTopPost `json:"tp,omitempty"`
	Posts   []float64     `json:"p,omitempty"`  // the window's dated posts, oldest first: hours since 1970 and view ER, then for each next post the hours since the one before and its view ER
	History [][3]any      `json:"hi,omitempty"` // [date, followers, follower ER]
	// Insights are what goes with a higher view ER: [trait, posts with, median with, posts
	// without, median without, 1 when within the spread], the medians rounded as the sheet shows them.
	Insights [][6]any `json:"in,omitempty"`
}

type pageSignal struct {
	K     int    `json:"k"` // index into Meta.Signals
	Plain string `json:"p"` // what it may mean, with its numbers
}

// pageTopPost is one of an account's best posts, written as a short array:
// [link, day, views, view ER], where link is the video's id ("" when it has none TikTok's
// address can be made from); day is days since 1970
// (null when undated); views is a number, or text when the export wrote it rounded (~18.3K).
type pageTopPost struct {
	Link   string
	Day    *int64
	Views  any
	ViewER *json.Number
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

// unitNames are the units as the script knows them; words have none.
var unitNames = map[figures.Unit]string{
	figures.Count: "count", figures.Percent: "percent", figures.Multiple: "multiple", figures.Decimal: "decimal",
	figures.Money: "money", figures.Signed: "signed", figures.SignedPercent: "signed_percent", figures.Points: "points",
}

// roles are the figures the script draws in their own way.
var roles = map[*figures.Figure]string{figures.Rank: "place", figures.Handle: "link", figures.Verdict: "pill", figures.Reason: "wrap"}

func newPageJSON(res *scoring.Result, p *lang.Printer, charts []pageChart) *pageJSON {
	cfg := res.Config
	figs := figures.In(figures.Page, res)
	j := &pageJSON{Meta: pageMeta{Platform: cfg.PlatformViewER, Baseline: res.HasBaseline, Format: formatOf(p), Profile: ingest.ProfileURL(""), Script: p.Templates("page.js."), Locale: localeOf(p), Print: printRows,
		Signals: []string{}, Codes: []string{}, NA: []string{}}, Charts: []chartJSON{}}
	for k, t := range p.Templates("insight.") {
		j.Meta.Script["insight."+k] = t
	}
	j.Meta.Script["insight.caveat"] = p.T("insight.caveat", "min_posts", p.Plural(int64(cfg.InsightMinPosts), "post"))
	j.Meta.Script["insight.small"] = figures.SmallWords(&cfg, p)
	for _, t := range scoring.Traits() {
		j.Meta.Traits = append(j.Meta.Traits, figures.TraitPosts(t, &cfg, p))
	}
	if res.Kind == scoring.Sample {
		j.Meta.Script["showing.ranked"] = p.T("page.discovery_ranked") // a discovery list is ranked by its posts' view ER
	}
	for _, v := range scoring.Verdicts() {
		j.Meta.Verdicts = append(j.Meta.Verdicts, v.String())
		j.Meta.Words = append(j.Meta.Words, figures.Verdict.CodeWords(p, v.String()))
	}
	codeWords := make([]interned, len(figs)) // by figure: the words its codes were given
	for k, f := range figs {
		j.Meta.Figures = append(j.Meta.Figures, pageFigure{Label: f.Label(p), Unit: unitNames[f.Unit], Decimals: f.Decimals,
			Detail: f.Where&figures.Detail != 0, Role: roles[f], Ordered: f.Order != nil})
		if f.Order != nil {
			for _, c := range f.Order(res) {
				codeWords[k].index(f.CodeWords(p, c))
			}
		}
	}
	var codes, na interned
	ctx := &figures.Context{Result: res, P: p}
	j.Accounts = make([]pageAccount, len(res.Accounts))
	for i := range res.Accounts {
		a := &res.Accounts[i]
		ctx.Rank = i + 1
		pa := &j.Accounts[i]
		*pa = pageAccount{Rank: i + 1, Handle: a.Handle, Verdict: int(a.Verdict), Figures: make([]any, len(figs))}
		for k, f := range figs {
			v := f.Value(a, ctx)
			switch {
			case f == figures.Rank || f == figures.Handle: // the account's r and h
				pa.Figures[k] = 0
			case v.OK && (f.Unit == figures.Code || f.Unit == figures.Codes):
				pa.Figures[k] = codeWords[k].index(f.Format(p, v))
			default:
				pa.Figures[k] = pageValue(f, v, p, &na)
			}
			if v.OK && f.Where&figures.Table != 0 {
				j.Meta.Figures[k].Table = true // a column only when some account has something in it
			}
		}
		for _, s := range a.Signals {
			pa.Signals = append(pa.Signals, pageSignal{K: codes.index(s.Code), Plain: p.Say(s.Plain)})
		}
		for _, n := range []lang.Msg{a.FollowersNote, a.WindowNote, a.PinnedNote} {
			if !n.IsZero() {
				pa.Notes = append(pa.Notes, p.Say(n))
			}
		}
		for _, in := range a.Insights {
			within := 0 // the second sentence: 1 within the spread, 2 too small a difference
			switch {
			case in.WithinSpread:
				within = 1
			case in.Small:
				within = 2
			}
			pa.Insights = append(pa.Insights, [6]any{int(in.Trait), in.With.Posts, insightMedian(in.With.Median), in.Without.Posts, insightMedian(in.Without.Median), within})
		}
		pa.Top = topPosts(a, p)
		pa.Posts = deltaSeries(postSeries(a, cfg.IncludeSaves))
		for _, h := range historyPoints(a, cfg) {
			var f any
			if h.Followers.Known() {
				f = int64(h.Followers)
			}
			pa.History = append(pa.History, [3]any{h.AsOf.Format("2006-01-02"), f, rate(h.FollowerER)})
		}
	}
	for _, c := range codes.list {
		j.Meta.Codes = append(j.Meta.Codes, c)
		j.Meta.Signals = append(j.Meta.Signals, capitalised(figures.Signals.CodeWords(p, c)))
	}
	j.Meta.NA = append(j.Meta.NA, na.list...)
	for k := range j.Meta.Figures {
		j.Meta.Figures[k].Vals = codeWords[k].list
	}
	for _, c := range charts {
		j.Charts = append(j.Charts, chartJSON{c.ID, c.option})
	}
	return j
}

// insightMedian is an insight's median as the page's script takes it: rounded once, to the
// decimals the sheet shows.
func insightMedian(r scoring.Rate) json.Number {
	return json.Number(lang.Round(r.Value, figures.InsightDecimals))
}

// pageValue is a figure's value as the script takes it (see pageJSON).
func pageValue(f *figures.Figure, v figures.Value, p *lang.Printer, na *interned) any {
	switch {
	case !v.OK && v.NA != "":
		return [1]int{na.index(v.NA)}
	case !v.OK:
		return nil
	case !f.Numeric():
		return f.Format(p, v)
	case v.Approx:
		return approxJSON{N: json.Number(lang.Round(v.Num, 0)), T: f.Format(p, v)}
	}
	return json.Number(lang.Round(v.Num, f.Decimals))
}

// approxJSON is a count the export wrote rounded: sorted by n, shown as t.
type approxJSON struct {
	N json.Number `json:"n"`
	T string      `json:"t"`
}

// formatOf tells the script how p writes numbers.
func formatOf(p *lang.Printer) pageFormat {
	// The marks and the currency's place, read off the printer itself so the two cannot differ.
	one := p.Decimal(1234.5, 1) // 1,234.5 or 1.234,5
	return pageFormat{Decimal: one[5:6], Group: one[1:2], Currency: strings.Replace(p.Money(1, 0), "1", "{n}", 1),
		Points: p.T("unit.points", "n", "{n}"), NA: p.T("word.na"), Lang: p.Locale()}
}

// rate is a rate rounded to what the page shows, or nil when there is none.
func rate(r scoring.Rate) *json.Number {
	if !r.OK || math.IsNaN(r.Value) || math.IsInf(r.Value, 0) {
		return nil
	}
	n := json.Number(lang.Round(r.Value, 2))
	return &n
}

// capitalised is s with its first letter upper case: "Ghost followers".
func capitalised(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// topPosts are the account's best posts, linked to TikTok by their id.
func topPosts(a *scoring.Account, p *lang.Printer) []pageTopPost {
	var out []pageTopPost
	for _, t := range a.TopPosts {
		tp := pageTopPost{ViewER: rate(t.ViewER)}
		switch {
		case !t.Views.Known():
		case t.Rounded:
			tp.Views = p.Approx(int64(t.Views))
		default:
			tp.Views = int64(t.Views)
		}
		if ingest.VideoLink(a.Handle, t.VideoID) != "" {
			tp.Link = t.VideoID
		}
		if !t.PostedAt.IsZero() {
			d := t.PostedAt.Unix() / 86400
			tp.Day = &d
		}
		out = append(out, tp)
	}
	return out
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
