// Package history keeps every run of vet in one SQLite file (SPEC §8): a snapshot per run with
// its title, as-of date and inputs, each account's figures and verdict, and the counts of the
// posts its verdict rests on (its window; every post used is in the report's posts.csv).
// Next week's run loads each account's last snapshots back as scoring.Points, so scoring can
// draw trends, compare with the previous snapshot and see a sustained decline without reading
// the database itself.
//
// The file is plain SQLite through a pure-Go driver (modernc.org/sqlite: no cgo, no server),
// created on first use. Its tables and columns are named for a person who opens it in any
// SQLite client (snapshots, accounts, posts; see schema.go). The schema is versioned with
// PRAGMA user_version and migrated forward by an ordered list of steps; PRAGMA application_id
// marks the file as vet's, so a foreign or damaged file is refused and never written to, and a
// file from a newer vet says so.
//
// A run appends its snapshot in one immediate transaction, replacing the snapshot of the same
// title and as-of; with a busy timeout, two runs on one file at once both land, one after the
// other. store.go opens and checks the file, schema.go holds the migrations, append.go writes a
// snapshot, read.go reads the history back (for scoring and `vet history`), export.go writes it
// all as CSV through gocsv.
package history
