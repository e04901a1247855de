package history

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"github.com/gocarina/gocsv"

	"github.com/vet-tool/vet/internal/figures"
)

// The CSV files Export writes, one row per snapshot, per account of a snapshot, per post of a
// snapshot. Every field is text as SQLite holds it: empty for NULL, numbers in full. The db tag
// is the column read (the csv tag's name in its table when there is none).
type (
	snapshotCSV struct {
		ID       string `csv:"snapshot_id" db:"id"`
		AsOf     string `csv:"as_of"`
		Title    string `csv:"title"`
		Created  string `csv:"created_at"`
		Version  string `csv:"vet_version"`
		Inputs   string `csv:"inputs"`
		Accounts string `csv:"accounts"`
		Posts    string `csv:"posts"`
	}
	postCSV struct {
		ID       string `csv:"snapshot_id" db:"p.snapshot_id"`
		AsOf     string `csv:"as_of" db:"s.as_of"`
		Handle   string `csv:"handle"`
		VideoID  string `csv:"video_id"`
		PostedAt string `csv:"posted_at"`
		Views    string `csv:"views"`
		Likes    string `csv:"likes"`
		Comments string `csv:"comments"`
		Shares   string `csv:"shares"`
		Saves    string `csv:"saves"`
	}
)

// exportBatch is how many rows are held at once while exporting: a long history's posts never
// sit in memory together.
const exportBatch = 20_000

// Export writes every snapshot as CSV into dir (created when absent): snapshots.csv,
// accounts.csv and posts.csv, each with a header row, ordered by as-of. It returns the paths.
func (s *Store) Export(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	files := []struct {
		name, from, order string
		write             func(path, query string) error
	}{
		{"snapshots.csv", "snapshots", "as_of, id", func(p, q string) error { return exportTable[snapshotCSV](s, p, q, "") }},
		{"accounts.csv", "accounts a JOIN snapshots s ON s.id = a.snapshot_id", "s.as_of, s.id, a.rank",
			func(p, q string) error { return exportRows(s, accountCSVType(), p, q, "a.") }},
		{"posts.csv", "posts p JOIN snapshots s ON s.id = p.snapshot_id", "s.as_of, s.id, p.post_no",
			func(p, q string) error { return exportTable[postCSV](s, p, q, "p.") }},
	}
	var written []string
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		if err := f.write(path, "FROM "+f.from+" ORDER BY "+f.order); err != nil {
			return written, fmt.Errorf("%s: %w", path, err)
		}
		written = append(written, path)
	}
	return written, nil
}

// accountCSVType is a row of the exported accounts.csv: the snapshot, then the figure table's
// history figures, each a column under its key.
func accountCSVType() reflect.Type {
	fields := []reflect.StructField{
		{Name: "ID", Type: reflect.TypeFor[string](), Tag: `csv:"snapshot_id" db:"a.snapshot_id"`},
		{Name: "AsOf", Type: reflect.TypeFor[string](), Tag: `csv:"as_of" db:"s.as_of"`},
		{Name: "Title", Type: reflect.TypeFor[string](), Tag: `csv:"title" db:"s.title"`},
	}
	for i, f := range figures.In(figures.History, nil) {
		fields = append(fields, reflect.StructField{Name: "F" + strconv.Itoa(i), Type: reflect.TypeFor[string](),
			Tag: reflect.StructTag(`csv:"` + f.Key + `"`)})
	}
	return reflect.StructOf(fields)
}

// exportTable writes the rows of query (FROM … ORDER BY …) as T's CSV: see exportRows.
func exportTable[T any](s *Store, path, query, prefix string) error {
	return exportRows(s, reflect.TypeFor[T](), path, query, prefix)
}

// exportRows writes the rows of query (FROM … ORDER BY …) as CSV, a row of type typ each, through
// a temporary file renamed into place. A column without a db tag is the csv tag's name with
// prefix.
func exportRows(s *Store, typ reflect.Type, path, query, prefix string) error {
	cols := make([]string, typ.NumField())
	for i := range cols {
		f := typ.Field(i)
		cols[i] = f.Tag.Get("db")
		if cols[i] == "" {
			cols[i] = prefix + f.Tag.Get("csv")
		}
	}
	rows, err := s.db.QueryContext(context.Background(), "SELECT "+strings.Join(cols, ", ")+" "+query)
	if err != nil {
		return err
	}
	defer rows.Close()
	tmp, err := os.CreateTemp(filepath.Dir(path), ".vet-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	batch := reflect.MakeSlice(reflect.SliceOf(typ), 0, exportBatch)
	dst := make([]any, len(cols))
	header := true
	flush := func() error {
		var err error
		if header {
			err = gocsv.Marshal(batch.Interface(), tmp) // the header, even with no rows
		} else {
			err = gocsv.MarshalWithoutHeaders(batch.Interface(), tmp)
		}
		header, batch = false, batch.Slice(0, 0)
		return err
	}
	for rows.Next() {
		batch = reflect.Append(batch, reflect.New(typ).Elem())
		v := batch.Index(batch.Len() - 1)
		for i := range dst {
			dst[i] = text{v.Field(i).Addr().Interface().(*string)}
		}
		if err := rows.Scan(dst...); err != nil {
			return err
		}
		if batch.Len() == exportBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if batch.Len() > 0 || header {
		if err := flush(); err != nil {
			return err
		}
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// text scans any SQLite value into a string field: "" for NULL, numbers in full.
type text struct{ p *string }

func (t text) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*t.p = ""
	case int64:
		*t.p = strconv.FormatInt(v, 10)
	case float64:
		*t.p = strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		*t.p = v
	case []byte:
		*t.p = string(v)
	default:
		*t.p = fmt.Sprint(v)
	}
	return nil
}
