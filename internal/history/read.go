package history

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// Load reads each account's points in the last points snapshots of each title taken before
// the given as-of, oldest first, by folded handle: what scoring.Input.History takes. An account
// missing from one of those snapshots has no point for it (its trend shows the gap). Snapshots
// at or after before are left out, so a rerun never compares a week with itself (its old
// snapshot is about to be replaced) and an older week rerun sees only what came before it. When
// two snapshots share an as-of (two titles scored the same day), the one written last stands for
// that day. What is read is bounded by points × titles snapshots, however long the history.
func (s *Store) Load(before time.Time, points int) (map[string][]scoring.Point, error) {
	ids, dates, err := s.recent(before, points)
	if err != nil || len(ids) == 0 {
		return map[string][]scoring.Point{}, err
	}
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.FormatInt(id, 10)
	}
	rows, err := s.db.QueryContext(context.Background(), "SELECT snapshot_id, handle_key, "+
		columns("", figures.Followers, figures.FollowerER, figures.Verdict)+
		" FROM accounts WHERE snapshot_id IN ("+strings.Join(list, ",")+") ORDER BY snapshot_id")
	if err != nil {
		return nil, fmt.Errorf("%s: reading the history: %w", s.name, err)
	}
	defer rows.Close()
	out := map[string][]scoring.Point{}
	var (
		id           int64
		key, verdict sql.RawBytes
		followers    sql.NullInt64
		er           sql.NullFloat64
	)
	for rows.Next() {
		if err := rows.Scan(&id, &key, &followers, &er, &verdict); err != nil {
			return nil, fmt.Errorf("%s: reading the history: %w", s.name, err)
		}
		p := scoring.Point{AsOf: dates[id], Followers: ingest.Missing, FollowerER: scoring.Rate{Value: er.Float64, OK: er.Valid}}
		if followers.Valid {
			p.Followers = ingest.Count(followers.Int64)
		}
		if err := p.Verdict.UnmarshalText(verdict); err != nil {
			return nil, fmt.Errorf("%s: snapshot %d: %s: %w", s.name, id, key, err)
		}
		series, ok := out[string(key)]
		if !ok {
			series = make([]scoring.Point, 0, points)
		}
		out[string(key)] = append(series, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: reading the history: %w", s.name, err)
	}
	for k, series := range out {
		out[k] = lastPoints(series, points)
	}
	return out, nil
}

// recent picks the last n snapshots of each title before the as-of: their ids (in id order,
// the order they were written) and as-of dates.
func (s *Store) recent(before time.Time, n int) ([]int64, map[int64]time.Time, error) {
	rows, err := s.db.QueryContext(context.Background(), `SELECT id, title, as_of FROM snapshots
		WHERE as_of < ? ORDER BY as_of DESC, id DESC`, before.UTC().Format(timeFormat))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: reading the history: %w", s.name, err)
	}
	defer rows.Close()
	perTitle := map[string]int{}
	dates := map[int64]time.Time{}
	var ids []int64
	for rows.Next() {
		var id int64
		var title, asOf string
		if err := rows.Scan(&id, &title, &asOf); err != nil {
			return nil, nil, fmt.Errorf("%s: reading the history: %w", s.name, err)
		}
		if perTitle[title] >= n {
			continue
		}
		perTitle[title]++
		t, err := time.Parse(timeFormat, asOf)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: snapshot %d: as_of %q is not a time", s.name, id, asOf)
		}
		ids, dates[id] = append(ids, id), t
	}
	slices.Sort(ids)
	return ids, dates, rows.Err()
}

// lastPoints orders an account's points by as-of (those of one as-of in the order they were
// written), keeps the last written of each as-of, and the last n.
func lastPoints(ps []scoring.Point, n int) []scoring.Point {
	slices.SortStableFunc(ps, func(a, b scoring.Point) int { return a.AsOf.Compare(b.AsOf) })
	out := ps[:0]
	for i := range ps {
		if len(out) > 0 && out[len(out)-1].AsOf.Equal(ps[i].AsOf) {
			out[len(out)-1] = ps[i]
			continue
		}
		out = append(out, ps[i])
	}
	return out[max(0, len(out)-n):]
}

// Snapshot is one run kept in the history, as `vet history` lists it.
type Snapshot struct {
	ID       int64
	Title    string
	AsOf     time.Time
	Created  time.Time
	Version  string
	Inputs   string // the files read, one per line
	Accounts int
	Posts    int
}

// Snapshots lists the runs kept, oldest as-of first.
func (s *Store) Snapshots() ([]Snapshot, error) {
	rows, err := s.db.QueryContext(context.Background(), `SELECT id, title, as_of, created_at, vet_version, inputs,
		accounts, posts FROM snapshots ORDER BY as_of, id`)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.name, err)
	}
	defer rows.Close()
	var out []Snapshot
	for rows.Next() {
		var sn Snapshot
		var asOf, created string
		if err := rows.Scan(&sn.ID, &sn.Title, &asOf, &created, &sn.Version, &sn.Inputs, &sn.Accounts, &sn.Posts); err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
		sn.AsOf, _ = time.Parse(timeFormat, asOf)
		sn.Created, _ = time.Parse(timeFormat, created)
		out = append(out, sn)
	}
	return out, rows.Err()
}

// Entry is an account in one snapshot, as `vet history --account` prints it.
type Entry struct {
	AsOf       time.Time
	Title      string
	Handle     string
	Followers  ingest.Count // ingest.Missing when unknown
	FollowerER scoring.Rate
	Ratio      scoring.Rate
	Verdict    string
	Signals    string // codes, comma separated
}

// Series is one account's entries across the history, oldest first; handle is folded first
// (@Mila.Bakes finds mila.bakes).
func (s *Store) Series(handle string) ([]Entry, error) {
	rows, err := s.db.QueryContext(context.Background(), "SELECT s.as_of, s.title, "+
		columns("a.", figures.Handle, figures.Followers, figures.FollowerER, figures.Ratio, figures.Verdict, figures.Signals)+
		" FROM accounts a JOIN snapshots s ON s.id = a.snapshot_id WHERE a.handle_key = ? ORDER BY s.as_of, s.id",
		ingest.FoldHandle(handle))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.name, err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		var asOf string
		var followers *int64
		var er, ratio *float64
		if err := rows.Scan(&asOf, &e.Title, &e.Handle, &followers, &er, &ratio, &e.Verdict, &e.Signals); err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
		e.AsOf, _ = time.Parse(timeFormat, asOf)
		e.Followers = ingest.Missing
		if followers != nil {
			e.Followers = ingest.Count(*followers)
		}
		if er != nil {
			e.FollowerER = scoring.Rate{Value: *er, OK: true}
		}
		if ratio != nil {
			e.Ratio = scoring.Rate{Value: *ratio, OK: true}
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// columns names the figures' columns of accounts for a SELECT, each with prefix (a table's
// alias and a dot, or "").
func columns(prefix string, figs ...*figures.Figure) string {
	names := make([]string, len(figs))
	for i, f := range figs {
		names[i] = prefix + f.Key
	}
	return strings.Join(names, ", ")
}
