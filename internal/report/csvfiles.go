package report

import (
	"bufio"
	"encoding/csv"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gocarina/gocsv"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
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
// is not relied on. posts.csv's million rows are the exception in how, not what: gocsv writes
// its header from postCSVRow's tags, and each row appends itself field by field (appendCSV),
// the same bytes gocsv would write (TestPostsCSVRowsAsGocsvWritesThem), without the per-field
// reflection that took 1.9 s of a million posts' 2.6 s.

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

// viewERNumber is a post's view ER as posts.csv writes it: to four decimals of a percent, the
// precision the counts it comes from give it (a million posts written to 17 digits made the
// file a third bigger than the export it came from).
func viewERNumber(r scoring.Rate) csvDecimal { return csvDecimal(r) }

// csvDecimal is a percent written to four decimals without trailing zeros, or empty when absent.
type csvDecimal scoring.Rate

func (d csvDecimal) MarshalCSV() (string, error) { return string(d.appendCSV(nil)), nil }

func (d csvDecimal) appendCSV(b []byte) []byte {
	if !d.OK {
		return b
	}
	n := len(b)
	b = lang.AppendRound(b, d.Value, 4)
	for len(b) > n && b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if len(b) > n && b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	return b
}

// csvInt is a whole number, or empty when absent.
type csvInt struct {
	v  int64
	ok bool
}

func (n csvInt) MarshalCSV() (string, error) { return string(n.appendCSV(nil)), nil }

func (n csvInt) appendCSV(b []byte) []byte {
	if !n.ok {
		return b
	}
	return strconv.AppendInt(b, n.v, 10)
}

func countInt(c ingest.Count) csvInt { return csvInt{int64(c), c.Known()} }
func plainInt(n int) csvInt          { return csvInt{int64(n), true} }

// csvBool is a post's yes or no in posts.csv: 1 or 0, as its trait columns write them. Digits,
// not true/false: with the nine trait columns, words made posts.csv of the 1M-post bench batch
// 1.07× its input.
type csvBool bool

func (b csvBool) MarshalCSV() (string, error) { return digit(bool(b)), nil }
func (b csvBool) appendCSV(out []byte) []byte { return append(out, digit(bool(b))...) }

func digit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

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

// appendCSV appends the text as a field of a CSV line, quoted as encoding/csv quotes it.
func (t csvText) appendCSV(b []byte) []byte {
	s := string(t)
	if risky(s) {
		s = "'" + s
	}
	if !csvNeedsQuotes(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// csvNeedsQuotes is encoding/csv's rule for a field with its default comma: quoted when it
// holds a comma, a quote, CR or LF, is \. (a Postgres end of data), or begins with a space.
func csvNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` || strings.ContainsAny(s, ",\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// csvTime is a time in RFC 3339 (UTC), or empty when unknown.
type csvTime time.Time

func (t csvTime) MarshalCSV() (string, error) { return string(t.appendCSV(nil)), nil }

func (t csvTime) appendCSV(b []byte) []byte {
	if time.Time(t).IsZero() {
		return b
	}
	return time.Time(t).UTC().AppendFormat(b, time.RFC3339)
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
	Account   csvText    `csv:"account"`
	VideoID   csvText    `csv:"video_id"`
	PostedAt  csvTime    `csv:"posted_at"`
	Views     csvInt     `csv:"views"`
	Likes     csvInt     `csv:"likes"`
	Comments  csvInt     `csv:"comments"`
	Shares    csvInt     `csv:"shares"`
	Saves     csvInt     `csv:"saves"`
	ViewER    csvDecimal `csv:"view_er_pct"`
	Above     csvText    `csv:"above_platform_er"` // 1, 0, or empty without a view ER
	InWindow  csvBool    `csv:"in_window"`
	Pinned    csvBool    `csv:"pinned"`
	Sponsored csvBool    `csv:"sponsored_flag"` // as the export marked it
	Rounded   csvBool    `csv:"rounded_counts"`
	Caption   csvText    `csv:"caption"`
	File      csvText    `csv:"file"`
	Line      csvInt     `csv:"line"`
	// What the post is made of (issue 21): 1 or 0, blank when the export cannot tell.
	OriginalSound csvTrait `csv:"original_sound"`
	TrendingSound csvTrait `csv:"trending_sound"`
	Question      csvTrait `csv:"question"`
	ManyHashtags  csvTrait `csv:"many_hashtags"`
	TrendHashtag  csvTrait `csv:"trend_hashtag"`
	DuetOrStitch  csvTrait `csv:"duet_or_stitch"`
	LongVideo     csvTrait `csv:"long_video"`
	Weekend       csvTrait `csv:"weekend"`
	SteadyWeek    csvTrait `csv:"steady_week"`
}

// csvTrait is a post's trait: 1 or 0, or empty when the export cannot tell. Digits, not
// true/false: nine columns of words on a million posts made posts.csv larger than its input;
// for the same reason the export's own sound, length and watch time, which the input holds,
// are left out (accounts.csv has the medians).
type csvTrait string

func (t csvTrait) appendCSV(b []byte) []byte { return append(b, t...) }

func traitOf(t scoring.PostTraits, tr scoring.Trait) csvTrait {
	switch has, known := t.Has(tr); {
	case !known:
		return ""
	case has:
		return "1"
	}
	return "0"
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

// writeAccountsCSV writes accounts.csv: one row per account, in rank order, a column per CSV
// figure of the table (internal/figures). gocsv marshals a row type built from the table: one
// field per figure, tagged with its header.
func writeAccountsCSV(w io.Writer, r *Report) error {
	res, p := r.Result, r.printer()
	figs := figures.In(figures.CSV, res)
	fields := make([]reflect.StructField, len(figs))
	for i, f := range figs {
		fields[i] = reflect.StructField{Name: "F" + strconv.Itoa(i), Type: reflect.TypeFor[csvCell](),
			Tag: reflect.StructTag(`csv:"` + f.CSVHeader(p.Currency()) + `"`)}
	}
	rowType := reflect.StructOf(fields)
	bw := bufio.NewWriterSize(w, 256<<10)
	cw := csv.NewWriter(bw)
	ctx := &figures.Context{Result: res, P: p}
	const chunk = 2048
	rows := reflect.MakeSlice(reflect.SliceOf(rowType), 0, chunk)
	flush := func(first bool) error {
		var err error
		if first {
			err = gocsv.MarshalCSV(rows.Interface(), cw) // the header row, even with no accounts
		} else if rows.Len() > 0 {
			err = gocsv.MarshalCSVWithoutHeaders(rows.Interface(), cw)
		}
		rows = rows.Slice(0, 0)
		return err
	}
	first := true
	for i := range res.Accounts {
		ctx.Rank = i + 1
		row := reflect.New(rowType).Elem()
		for j, f := range figs {
			row.Field(j).SetString(csvValue(f, f.Value(&res.Accounts[i], ctx)))
		}
		rows = reflect.Append(rows, row)
		if rows.Len() == chunk {
			if err := flush(first); err != nil {
				return err
			}
			first = false
		}
	}
	if first || rows.Len() > 0 {
		if err := flush(first); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// csvCell is one field of accounts.csv, already written as text.
type csvCell string

func (c csvCell) MarshalCSV() (string, error) { return string(c), nil }

// csvValue writes a figure's value for a tool: numbers in full (the precision they have, so a
// tool rounds them as the workbook shows them), codes as codes, a list of codes separated by
// commas, yes/no as true/false, and n/a as an empty field.
func csvValue(f *figures.Figure, v figures.Value) string {
	if !v.OK {
		return ""
	}
	switch f.Unit {
	case figures.Text:
		t, _ := csvText(v.Text).MarshalCSV()
		return t
	case figures.Code:
		return v.Text
	case figures.Codes:
		return strings.Join(v.List, ", ")
	case figures.List:
		t, _ := csvText(strings.Join(v.List, " ")).MarshalCSV()
		return t
	case figures.Flag:
		return strconv.FormatBool(v.Num != 0)
	case figures.Count, figures.Signed:
		return strconv.FormatInt(int64(math.Round(v.Num)), 10)
	}
	return strconv.FormatFloat(v.Num, 'f', -1, 64)
}

// writeSignalsCSV writes signals.csv: one row per signal raised, accounts in rank order.
func writeSignalsCSV(w io.Writer, r *Report) error {
	c, p := newCSVChunks[signalCSVRow](w), r.printer()
	for i := range r.Result.Accounts {
		a := &r.Result.Accounts[i]
		for _, s := range a.Signals {
			err := c.add(signalCSVRow{
				Rank: plainInt(i + 1), Handle: csvText(a.Handle), Code: csvText(s.Code), Verdict: csvText(s.Verdict.String()),
				Detail: csvText(p.Say(s.Detail)), Plain: csvText(p.Say(s.Plain)), Value: csvNumber{s.Value, true}, Limit: csvNumber{s.Limit, true},
			})
			if err != nil {
				return err
			}
		}
	}
	return c.close()
}

// appendCSV appends the row as a line of posts.csv, its fields in the order of postCSVRow's
// tags, as gocsv writes them.
func (r *postCSVRow) appendCSV(b []byte) []byte {
	b = r.Account.appendCSV(b)
	b = r.VideoID.appendCSV(append(b, ','))
	b = r.PostedAt.appendCSV(append(b, ','))
	b = r.Views.appendCSV(append(b, ','))
	b = r.Likes.appendCSV(append(b, ','))
	b = r.Comments.appendCSV(append(b, ','))
	b = r.Shares.appendCSV(append(b, ','))
	b = r.Saves.appendCSV(append(b, ','))
	b = r.ViewER.appendCSV(append(b, ','))
	b = r.Above.appendCSV(append(b, ','))
	b = r.InWindow.appendCSV(append(b, ','))
	b = r.Pinned.appendCSV(append(b, ','))
	b = r.Sponsored.appendCSV(append(b, ','))
	b = r.Rounded.appendCSV(append(b, ','))
	b = r.Caption.appendCSV(append(b, ','))
	b = r.File.appendCSV(append(b, ','))
	b = r.Line.appendCSV(append(b, ','))
	b = r.OriginalSound.appendCSV(append(b, ','))
	b = r.TrendingSound.appendCSV(append(b, ','))
	b = r.Question.appendCSV(append(b, ','))
	b = r.ManyHashtags.appendCSV(append(b, ','))
	b = r.TrendHashtag.appendCSV(append(b, ','))
	b = r.DuetOrStitch.appendCSV(append(b, ','))
	b = r.LongVideo.appendCSV(append(b, ','))
	b = r.Weekend.appendCSV(append(b, ','))
	b = r.SteadyWeek.appendCSV(append(b, ','))
	return append(b, '\n')
}

// writePostsCSV writes posts.csv: every post used, accounts in rank order, each account's
// newest first. gocsv writes the header from postCSVRow's tags; the rows append themselves.
func writePostsCSV(w io.Writer, r *Report) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	cw := csv.NewWriter(bw)
	if err := gocsv.MarshalCSV([]postCSVRow{}, cw); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	var line []byte
	err := eachPostRow(r, func(row *postCSVRow) error {
		line = row.appendCSV(line[:0])
		_, err := bw.Write(line)
		return err
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// eachPostRow calls do with posts.csv's row of every post used, in the file's order.
func eachPostRow(r *Report, do func(*postCSVRow) error) error {
	res := r.Result
	cfg, ts := res.Config, res.Texts
	var row postCSVRow // one, reused: a row per post would be a million allocations
	for i := range res.Accounts {
		a := &res.Accounts[i]
		t := a.Traits
		if len(t) != len(a.Posts) { // an account made by hand, without traits
			t = make([]scoring.PostTraits, len(a.Posts))
		}
		for j := range a.Posts {
			p := &a.Posts[j]
			er := scoring.ViewER(*p, cfg.IncludeSaves)
			above := ""
			if er.OK {
				above = digit(er.Value > cfg.PlatformViewER)
			}
			row = postCSVRow{
				Account: csvText(a.Handle), VideoID: csvText(ts.Of(p.VideoID)), PostedAt: csvTime(p.PostedAt.Time()),
				Views: countInt(p.Views), Likes: countInt(p.Likes), Comments: countInt(p.Comments),
				Shares: countInt(p.Shares), Saves: countInt(p.Saves), ViewER: viewERNumber(er), Above: csvText(above),
				InWindow: j < a.Window, Pinned: csvBool(p.Pinned), Sponsored: csvBool(p.Sponsored), Rounded: csvBool(p.Rounded),
				Caption: csvText(ts.Of(p.Caption)),
				File:    csvText(fileName(ts.Of(p.File))), Line: plainInt(int(p.Line)),
				OriginalSound: traitOf(t[j], scoring.OriginalSound), TrendingSound: traitOf(t[j], scoring.TrendingSound),
				Question: traitOf(t[j], scoring.Question), ManyHashtags: traitOf(t[j], scoring.ManyHashtags),
				TrendHashtag: traitOf(t[j], scoring.TrendHashtag), DuetOrStitch: traitOf(t[j], scoring.DuetOrStitch),
				LongVideo: traitOf(t[j], scoring.LongVideo), Weekend: traitOf(t[j], scoring.Weekend), SteadyWeek: traitOf(t[j], scoring.SteadyWeek),
			}
			if err := do(&row); err != nil {
				return err
			}
		}
	}
	return nil
}
