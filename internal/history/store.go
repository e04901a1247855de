package history

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"modernc.org/sqlite" // registers the "sqlite" driver: pure Go, no cgo
	sqlite3 "modernc.org/sqlite/lib"
)

// BusyTimeout is how long a run waits for another run's append to the same file to finish, in
// milliseconds. An append of a million posts takes seconds; two weekly runs at once must both land.
const BusyTimeout = 120_000

// Store is an open history file.
type Store struct {
	db   *sql.DB
	name string // the file as the user named it, for messages
}

// sqliteMagic opens every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Open opens the history at path, creating it when absent (or empty), and brings its schema up
// to date. A file that is not a vet history (another program's database, a damaged file,
// anything else) is refused and left as it was; so is a history written by a newer vet.
func Open(path string) (*Store, error) {
	return open(path, true)
}

// OpenExisting opens a history that must already exist: for reading it (`vet history`).
func OpenExisting(path string) (*Store, error) {
	return open(path, false)
}

func open(path string, create bool) (*Store, error) {
	name := path // as the user gave it, like every file vet names
	if strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("%s: a history's file name cannot hold '?'", name)
	}
	if err := sniff(path, name, create); err != nil {
		return nil, err
	}
	// A plain file name (not a file: URI): the driver takes the query off before SQLite sees it.
	dsn := path + "?" + url.Values{
		"_pragma": {fmt.Sprintf("busy_timeout(%d)", BusyTimeout), "foreign_keys(1)", "synchronous(NORMAL)", "temp_store(MEMORY)"},
		"_txlock": {"immediate"},
	}.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	db.SetMaxOpenConns(1) // one connection: its pragmas hold for every statement
	s := &Store{db: db, name: name}
	if err := s.check(); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the file; closing no store (nil) does nothing.
func (s *Store) Close() error {
	if s == nil {
		return nil
	}
	return s.db.Close()
}

// sniff looks at the file's first bytes before SQLite touches it: an absent or empty file is
// new; anything that does not start like a SQLite database is refused.
func sniff(path, name string, create bool) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		if !create {
			return fmt.Errorf("%s: no history there yet (a run with --history %s starts one)", name, name)
		}
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	switch {
	case n == 0 && errors.Is(err, io.EOF):
		return nil
	case n < len(sqliteMagic) || !bytes.Equal(head[:len(sqliteMagic)], sqliteMagic):
		return fmt.Errorf("%s: not a vet history (not an SQLite database): choose another file", name)
	case n < len(head):
		return fmt.Errorf("%s: not a readable vet history: the file is damaged (cut short at %d bytes)", name, n)
	}
	return nil
}

// check makes sure an existing file is a vet history this vet can read and write, before
// anything is written to it: vet's application id, a schema version not above ours.
func (s *Store) check() error {
	var app, version, tables int
	row := s.db.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)`)
	if err := row.Scan(&app, &version, &tables); err != nil {
		return fmt.Errorf("%s: not a readable vet history: %w", s.name, err)
	}
	switch {
	case app == 0 && version == 0 && tables == 0:
		return nil // a new file, or an empty database: ours to start
	case app != ApplicationID:
		return fmt.Errorf("%s: not a vet history (an SQLite database of another program): choose another file", s.name)
	case version > schemaVersion():
		return fmt.Errorf("%s: written by a newer vet (history version %d; this vet reads up to %d): upgrade vet", s.name, version, schemaVersion())
	}
	return nil
}

// migrate brings the schema to this vet's version in one transaction, marking a new file as a
// vet history. WAL lets `vet history` read while a run appends.
func (s *Store) migrate() error {
	ctx := context.Background()
	if err := s.useWAL(ctx); err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	if version == schemaVersion() {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil) // immediate: a second run waits here for the first
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil { // again, under the lock
		return fmt.Errorf("%s: %w", s.name, err)
	}
	for v := version; v < schemaVersion(); v++ {
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			return fmt.Errorf("%s: migrating the history to version %d: %w", s.name, v+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d", ApplicationID, schemaVersion())); err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	return nil
}

// useWAL puts the file in WAL mode once, when it is new. Changing the journal mode is the one
// step SQLite's busy timeout does not wait on (two runs starting a history at once collide
// there), so a busy database is tried again until the timeout.
func (s *Store) useWAL(ctx context.Context) error {
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode == "wal" {
		return err
	}
	deadline := time.Now().Add(BusyTimeout * time.Millisecond)
	for {
		err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
		var se *sqlite.Error
		if err == nil || !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		time.Sleep(10 * time.Millisecond)
	}
}
