// Package ingest turns the exports people already have (CSV, XLSX, JSON) into Posts.
//
// It owns everything about reading: the encoding and dialect of a file, the header aliases and
// presets that find each field, the count and date parsers, duplicate videos across files, and
// the rows it had to reject. A row is kept when it has the counts at least one rate needs
// (likes and comments for the follower ER; views and shares too for the view ER): views and
// shares may be Missing. Pinned and sponsored marks are read from yes-or-no columns. A rejected row is never dropped silently: it becomes a RowError with
// file, line, column, value and reason, and the batch's totals always reconcile
// (read = used + duplicates + rejected).
//
// Where things are:
//
//	ingest.go    Options, Input, Batch, Read; the factory switch choosing a reader per file
//	encoding.go  the one reader wrapper for byte-order marks, UTF-16 and Windows-1252
//	dialect.go   the delimiter sniffer
//	csv.go       delimited text: header, title rows, physical line numbers (no gocsv)
//	csvscan.go   the record splitter: encoding/csv's reading, without a string per record
//	xlsx.go      workbooks, streamed, with decompression caps and a truncation check
//	json.go      Apify JSON and JSON Lines, nested keys flattened to dotted paths
//	studio.go    TikTok Studio "Download data" folders, and dates without a year
//	accounts.go  handle + followers and/or price tables (--accounts, accounts sheets), ParsePrice
//	fields.go    canonical fields, aliases, presets, MissingFieldError
//	table.go     one row of cells to a Post, whatever the format; per-column date decisions
//	count.go     ParseCount; date.go: ParseDate
//
// The CLI passes --map, --preset and --accounts as Options.Map, Options.Preset and
// Options.Accounts; `vet validate` prints each Input's Summary and every Batch.Rejected row;
// --strict fails when Batch.Rejected is not empty.
package ingest
