package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// SummaryVersion is the version of summary.json's layout. A reader refuses a file of a newer
// version rather than misreading it.
const SummaryVersion = 1

// Summary is summary.json: the batch's accounts with their metrics, verdicts and signals, for
// automation and for next week's --baseline.
type Summary struct {
	Version   int                `json:"version"`
	Tool      string             `json:"tool"`
	Generated time.Time          `json:"generated"`
	AsOf      time.Time          `json:"as_of,omitzero"` // left out when no post is dated and no --as-of is given
	Posts     PostCounts         `json:"posts"`
	Inputs    []SummaryInput     `json:"inputs"`
	Kind      scoring.Kind       `json:"kind"` // profiles, or sample: a discovery list whose accounts are not rated (issue 19)
	Basis     scoring.Basis      `json:"basis"`
	Window    int                `json:"window_posts"`
	Saves     bool               `json:"saves_counted"`
	Verdicts  map[string]int     `json:"verdicts"`
	Accounts  []SummaryAccount   `json:"accounts"`
	Benchmark scoring.Benchmarks `json:"benchmarks"`
	// Currency is the ISO 4217 code of the money figures (price, cpe, cpm): --currency, else the
	// accounts file's own; absent when the batch names none.
	Currency string `json:"currency,omitempty"`
	// With --baseline: its as-of date, and the accounts new in this batch and gone from it.
	BaselineAsOf *time.Time         `json:"baseline_as_of,omitempty"`
	New          []string           `json:"new,omitempty"`
	Gone         []scoring.Previous `json:"gone,omitempty"`
	// What is wrong with the batch as a whole, each with its fix; absent from older files.
	Warnings []Warning `json:"warnings"`
	// The accounts carry their history's snapshots (--history).
	HasHistory bool `json:"has_history,omitempty"`
	// What goes with a higher view ER over every post of the batch (issue 21).
	Insights SummaryInsights `json:"insights"`
}

// SummaryInsights are the batch's trait comparisons.
type SummaryInsights struct {
	Batch []batchInsightJSON `json:"batch"`
}

// insightJSON is one trait comparison as summary.json writes it: medians in percent, in full.
type insightJSON struct {
	Trait               string       `json:"trait"`
	WithPosts           int          `json:"with_posts"`
	WithMedianViewER    scoring.Rate `json:"with_median_view_er"`
	WithoutPosts        int          `json:"without_posts"`
	WithoutMedianViewER scoring.Rate `json:"without_median_view_er"`
	MedianRatio         scoring.Rate `json:"median_ratio"`     // with ÷ without; null when without is 0
	WithinSpread        bool         `json:"within_spread"`    // the difference is within the posts' own spread
	SmallDifference     bool         `json:"small_difference"` // the medians are less than insight_small apart
	Words               string       `json:"words,omitempty"`  // the comparison in one sentence, in the report's language (the batch's)
}

// batchInsightJSON is a comparison over the batch, with the creators that do better with it.
type batchInsightJSON struct {
	insightJSON
	Creators       int          `json:"creators"`        // creators with a comparison of this trait
	CreatorsHigher int          `json:"creators_higher"` // of those, the ones whose posts with it have the higher median view ER
	HigherShare    scoring.Rate `json:"creators_higher_share"`
}

func newInsightJSON(in scoring.Insight, words string) insightJSON {
	return insightJSON{Trait: in.Trait.String(), WithPosts: in.With.Posts, WithMedianViewER: in.With.Median,
		WithoutPosts: in.Without.Posts, WithoutMedianViewER: in.Without.Median, MedianRatio: in.Ratio, WithinSpread: in.WithinSpread, SmallDifference: in.Small, Words: words}
}

// insightsJSON are an account's comparisons, without words (80,000 sentences were 30 MB of
// summary.json at 20,000 accounts; the batch's have theirs); never nil.
func insightsJSON(a *scoring.Account) []insightJSON {
	out := make([]insightJSON, 0, len(a.Insights))
	for _, in := range a.Insights {
		out = append(out, newInsightJSON(in, ""))
	}
	return out
}

func batchInsightsJSON(res *scoring.Result, p *lang.Printer) []batchInsightJSON {
	out := make([]batchInsightJSON, 0, len(res.Insights))
	for _, b := range res.Insights {
		out = append(out, batchInsightJSON{insightJSON: newInsightJSON(b.Insight, figures.BatchInsightWords(b, &res.Config, p)),
			Creators: b.Creators, CreatorsHigher: b.Higher, HigherShare: b.HigherShare()})
	}
	return out
}

// PostCounts reconcile: Read = Used + Duplicates + Rejected.
type PostCounts struct {
	Read       int `json:"read"`
	Used       int `json:"used"`
	Duplicates int `json:"duplicates"`
	Rejected   int `json:"rejected"`
}

// SummaryInput is one file (or sheet) read.
type SummaryInput struct {
	Name       string `json:"name"`
	Format     string `json:"format"`
	Read       int    `json:"read"`
	Rejected   int    `json:"rejected"`
	Duplicates int    `json:"duplicates"`
}

// SummaryAccount is one account's object in summary.json: a key per JSON figure of the table
// (internal/figures), in its order, then what is more than one figure: the handle folded for
// matching (key), the best posts, the changes since a baseline
// and the history's last snapshots. A figure the account lacks is null; rates are percents
// (6.4 means 6.4%). Read back (ReadSummary), it answers by figure (Rate, Metric, …), so a file
// of an older vet, which lacked some figures, reads back with those missing.
type SummaryAccount struct {
	members []member                   // as written, in order
	raw     map[string]json.RawMessage // as read
}

// member is one key of a JSON object and its value.
type member struct {
	key   string
	value any
}

// MarshalJSON writes the account's keys in order.
func (a SummaryAccount) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range a.members {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.key)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", m.key, err)
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// appendIndented appends the account as json.MarshalIndent(a, prefix, "  ") writes it, each
// value marshalled once: MarshalIndent of a Marshaler checks and compacts what MarshalJSON
// wrote, then indents it all again, and at 20,000 accounts that was most of summary.json's
// time (TestSummaryAccountsIndentedAsMarshalIndentDoes).
func (a SummaryAccount) appendIndented(b []byte, prefix string) ([]byte, error) {
	if len(a.members) == 0 {
		return append(b, "{}"...), nil
	}
	inner := prefix + "  "
	b = append(b, '{')
	for i, m := range a.members {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(append(b, '\n'), inner...)
		k, _ := json.Marshal(m.key)
		b = append(append(b, k...), ':', ' ')
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", m.key, err)
		}
		if v[0] != '{' && v[0] != '[' { // a number, a string, null: nothing to indent
			b = append(b, v...)
			continue
		}
		ind := bytes.NewBuffer(b)
		if err := json.Indent(ind, v, inner, "  "); err != nil {
			return nil, fmt.Errorf("%s: %w", m.key, err)
		}
		b = ind.Bytes()
	}
	return append(append(append(b, '\n'), prefix...), '}'), nil
}

// UnmarshalJSON reads an account's object, whatever keys it has.
func (a *SummaryAccount) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &a.raw) }

// get decodes the value of key into dst; false when the account has none (absent or null).
func (a SummaryAccount) get(key string, dst any) bool {
	v, ok := a.raw[key]
	if !ok || string(v) == "null" {
		return false
	}
	return json.Unmarshal(v, dst) == nil
}

// Rate is a rate figure of the account, as written.
func (a SummaryAccount) Rate(f *figures.Figure) scoring.Rate {
	var r scoring.Rate
	a.get(f.Key, &r)
	return r
}

// Count is a count figure of the account; Missing when it has none.
func (a SummaryAccount) Count(f *figures.Figure) ingest.Count {
	var n int64
	if !a.get(f.Key, &n) {
		return ingest.Missing
	}
	return ingest.Count(n)
}

// Text is a text or code figure of the account; "" when it has none.
func (a SummaryAccount) Text(f *figures.Figure) string {
	var s string
	a.get(f.Key, &s)
	return s
}

// List is a list figure of the account; nil when it has none.
func (a SummaryAccount) List(f *figures.Figure) []string {
	var l []string
	a.get(f.Key, &l)
	return l
}

// Key is the account's handle folded for matching.
func (a SummaryAccount) Key() string {
	var s string
	a.get(keyKey, &s)
	return s
}

// Verdict is the account's verdict; Unrated when the file has none it knows.
func (a SummaryAccount) Verdict() scoring.Verdict {
	v := scoring.Unrated
	a.get(figures.Verdict.Key, &v)
	return v
}

// History is the account's last snapshots, oldest first.
func (a SummaryAccount) History() []scoring.Point {
	var h []scoring.Point
	a.get(historyKey, &h)
	return h
}

// The keys of an account's object that are not figures of the table.
const (
	keyKey      = "key"       // the handle folded for matching, which --baseline joins on
	topPostsKey = "top_posts" // the window's best posts
	changeKey   = "change"    // since the baseline
	newKey      = "new"       // not in the baseline
	historyKey  = "history"   // the last snapshots
	insightsKey = "insights"  // what goes with a higher view ER (issue 21)
)

// NewSummary builds summary.json's content from a report.
func NewSummary(r *Report) *Summary {
	s := summaryHead(r)
	ctx, figs := summaryFigures(r)
	for i := range r.Result.Accounts {
		ctx.Rank = i + 1
		s.Accounts = append(s.Accounts, summaryAccount(ctx, figs, &r.Result.Accounts[i]))
	}
	return s
}

// summaryHead is summary.json without its accounts.
func summaryHead(r *Report) *Summary {
	res, b := r.Result, r.Batch
	s := &Summary{
		Version: SummaryVersion, Tool: "vet " + r.Version, Generated: r.Generated, AsOf: res.AsOf,
		Posts:      PostCounts{Read: b.Read, Used: b.Used(), Duplicates: b.Duplicates, Rejected: len(b.Rejected)},
		Kind:       res.Kind,
		Basis:      res.Config.Basis,
		Window:     res.Config.WindowPosts,
		Saves:      res.Config.IncludeSaves,
		Verdicts:   map[string]int{},
		Benchmark:  res.Config.Benchmarks,
		Inputs:     []SummaryInput{},
		Accounts:   []SummaryAccount{},
		Warnings:   warnings(res, r.printer()),
		Currency:   string(r.printer().Currency()),
		HasHistory: res.HasHistory,
		Insights:   SummaryInsights{Batch: batchInsightsJSON(res, r.printer())},
	}
	if res.HasBaseline {
		s.BaselineAsOf, s.New, s.Gone = ptr(res.BaselineAsOf), res.New, res.Gone
	}
	for _, in := range b.Inputs {
		s.Inputs = append(s.Inputs, SummaryInput{Name: fileName(in.Name), Format: in.Format, Read: in.Read, Rejected: in.Rejected, Duplicates: in.Duplicates})
	}
	for _, v := range scoring.Verdicts() {
		s.Verdicts[v.String()] = res.Count(v)
	}
	return s
}

// summaryAccount is one account's object in summary.json.
func summaryAccount(ctx *figures.Context, figs []*figures.Figure, a *scoring.Account) SummaryAccount {
	sa := SummaryAccount{members: make([]member, 0, len(figs)+6)}
	for _, f := range figs {
		var v any
		switch {
		case f != figures.Signals:
			v = jsonValue(f, f.Value(a, ctx))
		default: // each signal with the numbers that raised it, not its code alone
			v = signalsJSON(a.Signals, ctx.P)
		}
		sa.members = append(sa.members, member{f.Key, v})
	}
	sa.members = append(sa.members, member{keyKey, a.Key}, member{topPostsKey, topPostsJSON(a)},
		member{insightsKey, insightsJSON(a)})
	if a.Change != nil {
		sa.members = append(sa.members, member{changeKey, a.Change})
	}
	if a.New {
		sa.members = append(sa.members, member{newKey, true})
	}
	if h := historyPoints(a, ctx.Result.Config); len(h) > 0 {
		sa.members = append(sa.members, member{historyKey, h})
	}
	return sa
}

// jsonValue is a figure's value as summary.json holds it: numbers in full, counts as whole
// numbers, codes as codes, lists as lists, yes/no as true/false, and null for n/a.
func jsonValue(f *figures.Figure, v figures.Value) any {
	if !v.OK {
		return nil
	}
	switch f.Unit {
	case figures.Text, figures.Code:
		return v.Text
	case figures.Codes, figures.List:
		if v.List == nil {
			return []string{}
		}
		return v.List
	case figures.Flag:
		return v.Num != 0
	case figures.Count, figures.Signed:
		return int64(math.Round(v.Num))
	}
	return v.Num
}

// topPostJSON is one of an account's best posts in summary.json.
type topPostJSON struct {
	VideoID  string       `json:"video_id"`
	URL      string       `json:"url"`                // made from the handle and the id; "" when the id is not TikTok's
	PostedAt time.Time    `json:"posted_at,omitzero"` // left out for an undated post
	Views    *int64       `json:"views"`
	ViewER   scoring.Rate `json:"view_er"`
}

func topPostsJSON(a *scoring.Account) []topPostJSON {
	out := make([]topPostJSON, 0, len(a.TopPosts))
	for _, t := range a.TopPosts {
		j := topPostJSON{VideoID: t.VideoID, URL: ingest.VideoLink(a.Handle, t.VideoID), PostedAt: t.PostedAt, ViewER: t.ViewER}
		if t.Views.Known() {
			j.Views = ptr(int64(t.Views))
		}
		out = append(out, j)
	}
	return out
}

// summaryFigures are the figures summary.json writes, and their context.
func summaryFigures(r *Report) (*figures.Context, []*figures.Figure) {
	return &figures.Context{Result: r.Result, P: r.printer()}, figures.In(figures.JSON, r.Result)
}

// accountsPlaceholder is where the accounts go in summary.json's head as encoding/json writes
// it (an empty list, indented by two spaces).
const accountsPlaceholder = `"accounts": []`

// writeSummary writes summary.json as json.Encoder with a two-space indent would write
// NewSummary, but one account at a time: the whole file encoded at once held it twice in
// memory (the encoding and its indented copy, 40 MB at 20,000 accounts) at the run's peak.
func writeSummary(w io.Writer, r *Report) error {
	head, err := json.MarshalIndent(summaryHead(r), "", "  ")
	if err != nil {
		return err
	}
	at := bytes.Index(head, []byte(accountsPlaceholder))
	if at < 0 {
		return fmt.Errorf("summary.json: no accounts list in %.80q", head)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	open := at + len(accountsPlaceholder) - 1 // the ']'
	bw.Write(head[:open])
	res := r.Result
	ctx, figs := summaryFigures(r)
	var line []byte
	for i := range res.Accounts {
		ctx.Rank = i + 1
		line, err = summaryAccount(ctx, figs, &res.Accounts[i]).appendIndented(line[:0], "    ")
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(line)
	}
	if len(res.Accounts) > 0 {
		bw.WriteString("\n  ")
	}
	bw.Write(head[open:])
	bw.WriteByte('\n')
	return bw.Flush()
}

// ReadSummary reads a report folder's summary.json (or the file itself), as --baseline does.
func ReadSummary(path string) (*Summary, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, SummaryFile)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var s Summary
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%s: not a vet summary: %w", path, err)
	}
	if s.Version < 1 || s.Version > SummaryVersion {
		return nil, fmt.Errorf("%s: summary version %d, this vet reads up to %d", path, s.Version, SummaryVersion)
	}
	return &s, nil
}

// Baseline is what next week's run compares with (--baseline): each account's followers,
// follower ER and verdict, by folded handle.
func (s *Summary) Baseline() *scoring.Baseline {
	b := &scoring.Baseline{AsOf: s.AsOf, Accounts: make(map[string]scoring.Previous, len(s.Accounts))}
	for _, a := range s.Accounts {
		b.Accounts[a.Key()] = scoring.Previous{Handle: a.Text(figures.Handle), Followers: a.Count(figures.Followers),
			FollowerER: a.Rate(figures.FollowerER), Verdict: a.Verdict()}
	}
	return b
}

// Warning is a batch warning as summary.json and the page write it: its code, and what is
// wrong and what to do about it in the report's language.
type Warning struct {
	Code string `json:"code"`
	Text string `json:"text"`
	Fix  string `json:"fix"`
}

// warnings are the batch's warnings in the reader's words; never nil.
func warnings(res *scoring.Result, p *lang.Printer) []Warning {
	out := make([]Warning, 0, len(res.Warnings))
	for _, w := range res.Warnings {
		out = append(out, Warning{Code: w.Code, Text: p.Say(w.Text), Fix: p.Say(w.Fix)})
	}
	return out
}

// signalJSON is a signal as summary.json writes it: its code, verdict, value and limit as
// scoring declares them, and its words in the reader's language.
type signalJSON struct {
	scoring.Signal
	Detail string `json:"detail"`
	Plain  string `json:"plain"`
}

// signalsJSON are an account's signals with their words in the reader's language; never nil.
func signalsJSON(ss []scoring.Signal, p *lang.Printer) []signalJSON {
	out := make([]signalJSON, 0, len(ss))
	for _, s := range ss {
		out = append(out, signalJSON{Signal: s, Detail: p.Say(s.Detail), Plain: p.Say(s.Plain)})
	}
	return out
}
