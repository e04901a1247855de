package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
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
	AsOf      time.Time          `json:"as_of"`
	Posts     PostCounts         `json:"posts"`
	Inputs    []SummaryInput     `json:"inputs"`
	Basis     scoring.Basis      `json:"basis"`
	Window    int                `json:"window_posts"`
	Saves     bool               `json:"saves_counted"`
	Verdicts  map[string]int     `json:"verdicts"`
	Accounts  []SummaryAccount   `json:"accounts"`
	Benchmark scoring.Benchmarks `json:"benchmarks"`
	// With --baseline: its as-of date, and the accounts new in this batch and gone from it.
	BaselineAsOf *time.Time         `json:"baseline_as_of,omitempty"`
	New          []string           `json:"new,omitempty"`
	Gone         []scoring.Previous `json:"gone,omitempty"`
	// What is wrong with the batch as a whole, each with its fix; absent from older files.
	Warnings []scoring.Warning `json:"warnings"`
	// The accounts carry their history's snapshots (--history).
	HasHistory bool `json:"has_history,omitempty"`
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

// SummaryAccount is one account's line. Followers is null when unknown; rates are percents
// (6.4 means 6.4%) or null when there is none.
type SummaryAccount struct {
	Rank          int              `json:"rank"`
	Handle        string           `json:"handle"`
	Key           string           `json:"key"`
	Followers     *int64           `json:"followers"`
	Tier          string           `json:"tier,omitempty"`
	Posts         int              `json:"posts_in_window"`
	FollowerER    scoring.Rate     `json:"follower_er"`
	MedianViewER  scoring.Rate     `json:"median_view_er"`
	PooledViewER  scoring.Rate     `json:"pooled_view_er"`
	Ratio         scoring.Rate     `json:"ratio"`
	Grade         scoring.Grade    `json:"grade,omitempty"`
	Verdict       scoring.Verdict  `json:"verdict"`
	Signals       []scoring.Signal `json:"signals"`
	Reason        string           `json:"reason"`
	DaysSinceLast *int             `json:"days_since_last_post"`
	Rounded       bool             `json:"rounded_counts"`
	Change        *scoring.Change  `json:"change,omitempty"` // since --baseline
	New           bool             `json:"new,omitempty"`    // not in --baseline

	// Added with confidence and the buyer's figures: a summary.json written before them reads
	// back with these empty (null metrics, no confidence), which --baseline does not use.
	Confidence      scoring.Confidence `json:"confidence,omitempty"`
	FollowerERPosts int                `json:"follower_er_posts"`
	ViewERPosts     int                `json:"view_er_posts"`
	PinnedOut       int                `json:"pinned_out,omitempty"`
	MedianViews     scoring.Metric     `json:"median_views"`
	AvgViews        scoring.Metric     `json:"avg_views"`
	ViewRate        scoring.Metric     `json:"view_rate"`
	PostsPerWeek    scoring.Metric     `json:"posts_per_week"`
	SponsoredPosts  int                `json:"sponsored_posts"`
	SponsoredShare  scoring.Metric     `json:"sponsored_share"`
	PaidERRatio     scoring.Metric     `json:"paid_er_ratio"`
	SaveRate        scoring.Metric     `json:"save_rate"`
	ShareRate       scoring.Metric     `json:"share_rate"`
	Price           scoring.Metric     `json:"price"`
	CPE             scoring.Metric     `json:"cpe"`
	CPM             scoring.Metric     `json:"cpm"`
	TopPosts        []scoring.TopPost  `json:"top_posts"`
	TopHashtags     []string           `json:"top_hashtags"`
	History         []scoring.Point    `json:"history,omitempty"` // the last snapshots, oldest first
}

// NewSummary builds summary.json's content from a report.
func NewSummary(r *Report) *Summary {
	s := summaryHead(r)
	for i := range r.Result.Accounts {
		s.Accounts = append(s.Accounts, summaryAccount(i+1, &r.Result.Accounts[i], r.Result.Config))
	}
	return s
}

// summaryHead is summary.json without its accounts.
func summaryHead(r *Report) *Summary {
	res, b := r.Result, r.Batch
	s := &Summary{
		Version: SummaryVersion, Tool: "vet " + r.Version, Generated: r.Generated, AsOf: res.AsOf,
		Posts:      PostCounts{Read: b.Read, Used: b.Used(), Duplicates: b.Duplicates, Rejected: len(b.Rejected)},
		Basis:      res.Config.Basis,
		Window:     res.Config.WindowPosts,
		Saves:      res.Config.IncludeSaves,
		Verdicts:   map[string]int{},
		Benchmark:  res.Config.Benchmarks,
		Inputs:     []SummaryInput{},
		Accounts:   []SummaryAccount{},
		Warnings:   res.Warnings,
		HasHistory: res.HasHistory,
	}
	if s.Warnings == nil {
		s.Warnings = []scoring.Warning{}
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

// summaryAccount is one account's line of summary.json.
func summaryAccount(rank int, a *scoring.Account, cfg scoring.Config) SummaryAccount {
	sa := SummaryAccount{
		Rank: rank, Handle: a.Handle, Key: a.Key, Posts: a.Window,
		FollowerER: a.FollowerER, MedianViewER: a.MedianViewER, PooledViewER: a.PooledViewER,
		Ratio: a.Ratio, Grade: a.Grade, Verdict: a.Verdict, Signals: a.Signals, Reason: a.Reason,
		Rounded: a.Rounded, Change: a.Change, New: a.New,
		Confidence: a.Confidence, FollowerERPosts: a.FollowerERPosts, ViewERPosts: a.ViewERPosts,
		PinnedOut: a.PinnedOut, MedianViews: a.MedianViews, AvgViews: a.AvgViews, ViewRate: a.ViewRate,
		PostsPerWeek: a.PostsPerWeek, SponsoredPosts: a.SponsoredPosts, SponsoredShare: a.SponsoredShare,
		PaidERRatio: a.PaidERRatio, SaveRate: a.SaveRate, ShareRate: a.ShareRate,
		Price: a.Price, CPE: a.CPE, CPM: a.CPM, TopPosts: a.TopPosts, TopHashtags: a.TopHashtags,
		History: historyPoints(a, cfg),
	}
	if sa.TopPosts == nil {
		sa.TopPosts = []scoring.TopPost{}
	}
	if sa.TopHashtags == nil {
		sa.TopHashtags = []string{}
	}
	if sa.Signals == nil {
		sa.Signals = []scoring.Signal{}
	}
	if a.Followers.Known() {
		sa.Followers = ptr(int64(a.Followers))
	}
	if a.HasTier {
		sa.Tier = a.Tier.Name
	}
	if a.DaysSinceLast >= 0 {
		sa.DaysSinceLast = ptr(a.DaysSinceLast)
	}
	return sa
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
	for i := range res.Accounts {
		line, err := json.MarshalIndent(summaryAccount(i+1, &res.Accounts[i], res.Config), "    ", "  ")
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
		p := scoring.Previous{Handle: a.Handle, Followers: ingest.Missing, FollowerER: a.FollowerER, Verdict: a.Verdict}
		if a.Followers != nil {
			p.Followers = ingest.Count(*a.Followers)
		}
		b.Accounts[a.Key] = p
	}
	return b
}
