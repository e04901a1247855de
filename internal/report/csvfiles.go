package report

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"github.com/gocarina/gocsv"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// The data files beside the workbook, for Google Sheets and BI tools (SPEC §4): UTF-8, a header
// row, one row per account, per signal raised and per post used. Rates are percents (6.4 means
// 6.4%), as in summary.json; a figure that does not exist is an empty field, never 0; signals
// are their codes.
const (
	AccountsCSV = "accounts.csv"
	SignalsCSV  = "signals.csv"
	PostsCSV    = "posts.csv"
)

// The CSVs are marshalled by gocsv from the row types below. gocsv's own package-level writer
// and header normaliser are globals that race when two goroutines use them, so each file gets
// an encoding/csv writer of its own and goes through gocsv.MarshalCSV, which touches neither.
// Every field is a type of ours that writes itself (MarshalCSV): gocsv's own number formatting
// is not relied on.

// csvNumber is a decimal written plainly (no exponent, no separators), or empty when absent.
type csvNumber struct {
	v  float64
	ok bool
}

func (n csvNumber) MarshalCSV() (string, error) {
	if !n.ok {
		return "", nil
	}
	return strconv.FormatFloat(n.v, 'f', -1, 64), nil
}

func rateNumber(r scoring.Rate) csvNumber     { return csvNumber{r.Value, r.OK} }
func metricNumber(m scoring.Metric) csvNumber { return csvNumber{m.Value, m.OK} }

// csvInt is a whole number, or empty when absent.
type csvInt struct {
	v  int64
	ok bool
}

func (n csvInt) MarshalCSV() (string, error) {
	if !n.ok {
		return "", nil
	}
	return strconv.FormatInt(n.v, 10), nil
}

func countInt(c ingest.Count) csvInt { return csvInt{int64(c), c.Known()} }
func plainInt(n int) csvInt          { return csvInt{int64(n), true} }

// csvBool is true or false.
type csvBool bool

func (b csvBool) MarshalCSV() (string, error) { return strconv.FormatBool(bool(b)), nil }

// csvText is text. Text from the input that a spreadsheet would run as a formula (=, +, -, @,
// tab, CR first) gets a leading apostrophe, as the OWASP advice on CSV injection has it: Google
// Sheets and Excel open these files too.
type csvText string

func (t csvText) MarshalCSV() (string, error) {
	if risky(string(t)) {
		return "'" + string(t), nil
	}
	return string(t), nil
}

// csvTime is a time in RFC 3339 (UTC), or empty when unknown.
type csvTime time.Time

func (t csvTime) MarshalCSV() (string, error) {
	if time.Time(t).IsZero() {
		return "", nil
	}
	return time.Time(t).UTC().Format(time.RFC3339), nil
}

// accountCSVRow is one line of accounts.csv.
type accountCSVRow struct {
	Rank            csvInt    `csv:"rank"`
	Handle          csvText   `csv:"handle"`
	Profile         csvText   `csv:"profile_url"`
	Followers       csvInt    `csv:"followers"`
	Tier            csvText   `csv:"tier"`
	Verdict         csvText   `csv:"verdict"`
	Confidence      csvText   `csv:"confidence"`
	Signals         csvText   `csv:"signals"`
	Reason          csvText   `csv:"reason"`
	Window          csvInt    `csv:"posts_in_window"`
	FollowerER      csvNumber `csv:"follower_er_pct"`
	FollowerERPosts csvInt    `csv:"follower_er_posts"`
	MedianViewER    csvNumber `csv:"median_view_er_pct"`
	PooledViewER    csvNumber `csv:"pooled_view_er_pct"`
	ViewERPosts     csvInt    `csv:"view_er_posts"`
	Benchmark       csvNumber `csv:"benchmark_er_pct"`
	Ratio           csvNumber `csv:"ratio"`
	Grade           csvText   `csv:"grade"`
	DaysSinceLast   csvInt    `csv:"days_since_last_post"`
	Rounded         csvBool   `csv:"rounded_counts"`
	PinnedOut       csvInt    `csv:"pinned_out"`
	MedianViews     csvNumber `csv:"median_views"`
	AvgViews        csvNumber `csv:"avg_views"`
	ViewRate        csvNumber `csv:"view_rate_pct"`
	PostsPerWeek    csvNumber `csv:"posts_per_week"`
	SponsoredPosts  csvInt    `csv:"sponsored_posts"`
	SponsoredShare  csvNumber `csv:"sponsored_share_pct"`
	PaidERRatio     csvNumber `csv:"paid_er_ratio"`
	SaveRate        csvNumber `csv:"save_rate_pct"`
	ShareRate       csvNumber `csv:"share_rate_pct"`
	Price           csvNumber `csv:"price"`
	CPE             csvNumber `csv:"cpe"`
	CPM             csvNumber `csv:"cpm"`
	TopHashtags     csvText   `csv:"top_hashtags"`
}

// signalCSVRow is one line of signals.csv: a signal raised on an account.
type signalCSVRow struct {
	Rank    csvInt    `csv:"rank"`
	Handle  csvText   `csv:"handle"`
	Code    csvText   `csv:"signal"`
	Verdict csvText   `csv:"verdict"`
	Detail  csvText   `csv:"detail"`
	Plain   csvText   `csv:"meaning"`
	Value   csvNumber `csv:"value"`
	Limit   csvNumber `csv:"threshold"`
}

// postCSVRow is one line of posts.csv: a post used, with its view ER and whether the account's
// verdict rests on it (in its window).
type postCSVRow struct {
	Account   csvText   `csv:"account"`
	VideoID   csvText   `csv:"video_id"`
	PostedAt  csvTime   `csv:"posted_at"`
	Views     csvInt    `csv:"views"`
	Likes     csvInt    `csv:"likes"`
	Comments  csvInt    `csv:"comments"`
	Shares    csvInt    `csv:"shares"`
	Saves     csvInt    `csv:"saves"`
	ViewER    csvNumber `csv:"view_er_pct"`
	Above     csvText   `csv:"above_platform_er"` // true, false, or empty without a view ER
	InWindow  csvBool   `csv:"in_window"`
	Pinned    csvBool   `csv:"pinned"`
	Sponsored csvBool   `csv:"sponsored_flag"` // as the export marked it
	Rounded   csvBool   `csv:"rounded_counts"`
	URL       csvText   `csv:"url"`
	Caption   csvText   `csv:"caption"`
	File      csvText   `csv:"file"`
	Line      csvInt    `csv:"line"`
}

// csvChunks marshals rows through gocsv a few thousand at a time, reusing one slice, so a
// million posts are never all held as rows at once.
type csvChunks[T any] struct {
	bw      *bufio.Writer
	cw      *csv.Writer
	rows    []T
	started bool
}

func newCSVChunks[T any](w io.Writer) *csvChunks[T] {
	bw := bufio.NewWriterSize(w, 256<<10)
	return &csvChunks[T]{bw: bw, cw: csv.NewWriter(bw), rows: make([]T, 0, 2048)}
}

func (c *csvChunks[T]) add(row T) error {
	c.rows = append(c.rows, row)
	if len(c.rows) == cap(c.rows) {
		return c.flush()
	}
	return nil
}

func (c *csvChunks[T]) flush() error {
	var err error
	if !c.started { // the first chunk, even an empty one, carries the header row
		err = gocsv.MarshalCSV(c.rows, c.cw)
		c.started = true
	} else if len(c.rows) > 0 {
		err = gocsv.MarshalCSVWithoutHeaders(c.rows, c.cw)
	}
	clear(c.rows)
	c.rows = c.rows[:0]
	return err
}

// close writes what is left and flushes everything to the file.
func (c *csvChunks[T]) close() error {
	if err := c.flush(); err != nil {
		return err
	}
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

// writeAccountsCSV writes accounts.csv: one row per account, in rank order.
func writeAccountsCSV(w io.Writer, r *Report) error {
	c := newCSVChunks[accountCSVRow](w)
	for i := range r.Result.Accounts {
		if err := c.add(accountCSV(i+1, &r.Result.Accounts[i])); err != nil {
			return err
		}
	}
	return c.close()
}

func accountCSV(rank int, a *scoring.Account) accountCSVRow {
	row := accountCSVRow{
		Rank: plainInt(rank), Handle: csvText(a.Handle), Profile: csvText(profileURL(a.Handle)),
		Followers: countInt(a.Followers), Verdict: csvText(a.Verdict.String()), Confidence: csvText(a.Confidence),
		Signals: csvText(signalCodes(a.Signals)), Reason: csvText(a.Reason), Window: plainInt(a.Window),
		FollowerER: rateNumber(a.FollowerER), FollowerERPosts: plainInt(a.FollowerERPosts),
		MedianViewER: rateNumber(a.MedianViewER), PooledViewER: rateNumber(a.PooledViewER),
		ViewERPosts: plainInt(a.ViewERPosts), Ratio: rateNumber(a.Ratio), Grade: csvText(a.Grade),
		Rounded: csvBool(a.Rounded), PinnedOut: plainInt(a.PinnedOut),
		MedianViews: metricNumber(a.MedianViews), AvgViews: metricNumber(a.AvgViews),
		ViewRate: metricNumber(a.ViewRate), PostsPerWeek: metricNumber(a.PostsPerWeek),
		SponsoredPosts: plainInt(a.SponsoredPosts), SponsoredShare: metricNumber(a.SponsoredShare),
		PaidERRatio: metricNumber(a.PaidERRatio), SaveRate: metricNumber(a.SaveRate),
		ShareRate: metricNumber(a.ShareRate), Price: metricNumber(a.Price), CPE: metricNumber(a.CPE),
		CPM: metricNumber(a.CPM), TopHashtags: csvText(hashtags(a.TopHashtags)),
	}
	if a.HasTier {
		row.Tier, row.Benchmark = csvText(a.Tier.Name), csvNumber{a.Tier.Benchmark, true}
	}
	if a.DaysSinceLast >= 0 {
		row.DaysSinceLast = plainInt(a.DaysSinceLast)
	}
	return row
}

// writeSignalsCSV writes signals.csv: one row per signal raised, accounts in rank order.
func writeSignalsCSV(w io.Writer, r *Report) error {
	c := newCSVChunks[signalCSVRow](w)
	for i := range r.Result.Accounts {
		a := &r.Result.Accounts[i]
		for _, s := range a.Signals {
			err := c.add(signalCSVRow{
				Rank: plainInt(i + 1), Handle: csvText(a.Handle), Code: csvText(s.Code), Verdict: csvText(s.Verdict.String()),
				Detail: csvText(s.Detail), Plain: csvText(s.Plain), Value: csvNumber{s.Value, true}, Limit: csvNumber{s.Limit, true},
			})
			if err != nil {
				return err
			}
		}
	}
	return c.close()
}

// writePostsCSV writes posts.csv: every post used, accounts in rank order, each account's
// newest first.
func writePostsCSV(w io.Writer, r *Report) error {
	res := r.Result
	cfg := res.Config
	c := newCSVChunks[postCSVRow](w)
	for i := range res.Accounts {
		a := &res.Accounts[i]
		for j := range a.Posts {
			p := &a.Posts[j]
			er := scoring.ViewER(*p, cfg.IncludeSaves)
			above := ""
			if er.OK {
				above = strconv.FormatBool(er.Value > cfg.PlatformViewER)
			}
			err := c.add(postCSVRow{
				Account: csvText(a.Handle), VideoID: csvText(p.VideoID), PostedAt: csvTime(p.PostedAt),
				Views: countInt(p.Views), Likes: countInt(p.Likes), Comments: countInt(p.Comments),
				Shares: countInt(p.Shares), Saves: countInt(p.Saves), ViewER: rateNumber(er), Above: csvText(above),
				InWindow: j < a.Window, Pinned: csvBool(p.Pinned), Sponsored: csvBool(p.Sponsored), Rounded: csvBool(p.Rounded),
				URL: csvText(videoURL(p, a.Handle)), Caption: csvText(p.Caption),
				File: csvText(fileName(p.File)), Line: plainInt(int(p.Line)),
			})
			if err != nil {
				return err
			}
		}
	}
	return c.close()
}
