package history

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// Run is what one run of vet adds to the history.
type Run struct {
	Title   string          // the report's title; "" for none
	Version string          // the vet that wrote it
	Created time.Time       // when it was written
	Batch   *ingest.Batch   // its inputs and posts
	Result  *scoring.Result // its accounts and as-of
}

// Appended says what Append did.
type Appended struct {
	ID       int64 // the new snapshot's id
	Replaced bool  // a snapshot of the same title and as-of was there and is gone
}

// timeFormat is how times are written: text a SQLite client sorts and its date functions read.
const timeFormat = "2006-01-02 15:04:05"

// chunk is how many rows one INSERT statement carries: fewer statements, far less per-row cost.
const chunk = 64

// Append adds the run as a snapshot, replacing the one of the same title and as-of, in one
// transaction: a second run on the same file waits for it (busy timeout) and then lands too.
func (s *Store) Append(r Run) (Appended, error) { return s.Begin(r).Commit() }

// Pending is a snapshot being written in its transaction: Commit makes it part of the history,
// Abort leaves the history as it was.
type Pending struct {
	done   chan struct{} // closed once the rows are written (or failed)
	cancel context.CancelFunc
	tx     *sql.Tx
	added  Appended
	err    error
	name   string
}

// Begin starts writing the run's snapshot in the background, in one transaction that holds the
// history's write lock until Commit or Abort. vet writes its report meanwhile, on the other
// core, and keeps the snapshot only once the report is written.
func (s *Store) Begin(r Run) *Pending {
	ctx, cancel := context.WithCancel(context.Background())
	p := &Pending{done: make(chan struct{}), cancel: cancel, name: s.name}
	go func() {
		defer close(p.done)
		p.tx, p.added, p.err = s.write(ctx, r)
	}()
	return p
}

// Commit waits for the rows and makes the snapshot part of the history.
func (p *Pending) Commit() (Appended, error) {
	<-p.done
	defer p.cancel()
	if p.err != nil {
		return Appended{}, p.err
	}
	if err := p.tx.Commit(); err != nil {
		return Appended{}, fmt.Errorf("%s: %w", p.name, err)
	}
	return p.added, nil
}

// Abort stops writing and drops what was written: the history stays as it was. Aborting no
// snapshot (nil) does nothing.
func (p *Pending) Abort() {
	if p == nil {
		return
	}
	p.cancel()
	<-p.done
	if p.tx != nil {
		p.tx.Rollback()
	}
}

// write writes the run's rows in a new transaction and returns it open; on an error the
// transaction is rolled back and nil.
func (s *Store) write(ctx context.Context, r Run) (_ *sql.Tx, done Appended, err error) {
	tx, err := s.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock is taken now
	if err != nil {
		return nil, Appended{}, fmt.Errorf("%s: %w", s.name, err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	asOf := r.Result.AsOf.UTC().Format(timeFormat)
	res, err := tx.ExecContext(ctx, `DELETE FROM snapshots WHERE title = ? AND as_of = ?`, r.Title, asOf)
	if err != nil {
		return nil, Appended{}, fmt.Errorf("%s: replacing the snapshot of %s: %w", s.name, asOf, err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		done.Replaced = true
	}
	res, err = tx.ExecContext(ctx, `INSERT INTO snapshots (title, as_of, created_at, vet_version, inputs, accounts, posts)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.Title, asOf, r.Created.UTC().Format(timeFormat), r.Version,
		inputNames(r.Batch), len(r.Result.Accounts), len(r.Batch.Posts))
	if err != nil {
		return nil, Appended{}, fmt.Errorf("%s: %w", s.name, err)
	}
	if done.ID, err = res.LastInsertId(); err != nil {
		return nil, Appended{}, fmt.Errorf("%s: %w", s.name, err)
	}
	figs := figures.In(figures.History, r.Result)
	fctx := &figures.Context{Result: r.Result, P: lang.New(lang.English, "")} // the history keeps codes; its words in English
	if err := insertRows(ctx, tx, "accounts", accountColumns(figs), len(r.Result.Accounts), func(i int, args []any) []any {
		fctx.Rank = i + 1
		return accountRow(args, done.ID, &r.Result.Accounts[i], figs, fctx)
	}); err != nil {
		return nil, Appended{}, fmt.Errorf("%s: accounts: %w", s.name, err)
	}
	window := windowPosts(r.Result)
	if err := insertRows(ctx, tx, "posts", postColumns, len(window), func(i int, args []any) []any {
		return postRow(args, done.ID, i, window[i], r.Result.Texts)
	}); err != nil {
		return nil, Appended{}, fmt.Errorf("%s: posts: %w", s.name, err)
	}
	return tx, done, nil
}

// windowPosts are the posts a snapshot keeps: each account's window, the posts its verdict rests
// on, account by account in rank order. Every post used is in the report's posts.csv; keeping
// only the windows holds a weekly append of a million posts to a fifth of them (20,000 accounts
// × 10), which is what lets it stay within a fifth of the run's time (SPEC §8).
func windowPosts(res *scoring.Result) []*ingest.Post {
	n := 0
	for i := range res.Accounts {
		n += res.Accounts[i].Window
	}
	out := make([]*ingest.Post, 0, n)
	for i := range res.Accounts {
		w := res.Accounts[i].WindowPosts()
		for j := range w {
			out = append(out, &w[j])
		}
	}
	return out
}

func inputNames(b *ingest.Batch) string {
	names := make([]string, len(b.Inputs))
	for i, in := range b.Inputs {
		names[i] = in.Name
	}
	return strings.Join(names, "\n")
}

// accountColumns are the columns of accounts a snapshot fills: the snapshot, the handle folded
// for matching, then the figure table's history figures, each under its key.
func accountColumns(figs []*figures.Figure) []string {
	cols := []string{"snapshot_id", "handle_key"}
	for _, f := range figs {
		cols = append(cols, f.Key)
	}
	return cols
}

// accountRow appends account a's values, in accountColumns' order.
func accountRow(args []any, snapshot int64, a *scoring.Account, figs []*figures.Figure, ctx *figures.Context) []any {
	args = append(args, snapshot, a.Key)
	for _, f := range figs {
		args = append(args, sqlValue(f, f.Value(a, ctx)))
	}
	return args
}

// sqlValue is a figure's value as the history holds it: NULL for n/a, codes as codes (a list
// of them comma separated), yes/no as 1/0, counts as integers, the rest as reals.
func sqlValue(f *figures.Figure, v figures.Value) any {
	if !v.OK {
		return nil
	}
	switch f.Unit {
	case figures.Text, figures.Code:
		return v.Text
	case figures.Codes, figures.List:
		return strings.Join(v.List, ",")
	case figures.Count, figures.Signed, figures.Flag:
		return int64(math.Round(v.Num))
	}
	return v.Num
}

var postColumns = []string{"snapshot_id", "post_no", "handle", "video_id", "posted_at", "views", "likes", "comments", "shares", "saves"}

// postRow appends post p's values, in postColumns' order.
func postRow(args []any, snapshot int64, i int, p *ingest.Post, ts *ingest.Texts) []any {
	var id, at any
	if p.VideoID != 0 {
		id = ts.Of(p.VideoID)
	}
	if !p.PostedAt.IsZero() {
		at = p.PostedAt.Time().Format(timeFormat)
	}
	return append(args, snapshot, i+1, ts.Of(p.Account), id, at, count(p.Views), count(p.Likes), count(p.Comments),
		count(p.Shares), count(p.Saves))
}

// count is a count's value, or NULL when missing.
func count(c ingest.Count) any {
	if !c.Known() {
		return nil
	}
	return int64(c)
}

// insertRows inserts n rows into table, chunk rows per statement, each row's values appended by
// row. Two prepared statements serve every row: one of chunk rows, one of a single row.
func insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, n int, row func(i int, args []any) []any) error {
	if n == 0 {
		return nil
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	many, err := tx.PrepareContext(ctx, head+strings.TrimSuffix(strings.Repeat(one+",", chunk), ","))
	if err != nil {
		return err
	}
	defer many.Close()
	single, err := tx.PrepareContext(ctx, head+one)
	if err != nil {
		return err
	}
	defer single.Close()
	args := make([]any, 0, chunk*len(cols))
	i := 0
	for ; i+chunk <= n; i += chunk {
		args = args[:0]
		for j := i; j < i+chunk; j++ {
			args = row(j, args)
		}
		if _, err := many.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	for ; i < n; i++ {
		if _, err := single.ExecContext(ctx, row(i, args[:0])...); err != nil {
			return err
		}
	}
	return nil
}
