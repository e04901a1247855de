// Package ingest turns the exports people already have (CSV, XLSX, JSON) into Posts.
//
// It owns everything about reading: the encoding and dialect of a file, the header aliases and
// presets that find each field, the count, price and date parsers, duplicate videos across
// files, and the rows it had to reject. A row is kept when it has the counts at least one rate
// needs (likes and comments for the follower ER; views and shares too for the view ER): views
// and shares may be Missing. Pinned and sponsored marks are read from yes-or-no columns. A
// rejected row is never dropped silently: it becomes a RowError with file, line, column, value
// and reason, and the batch's totals always reconcile (read = used + duplicates + rejected).
// Damage is kept to the row it is in: a NUL byte, a count past MaxCount, a quote left open
// (the rows it swallowed are read again, and a warning names its line). A file of an input
// folder that cannot be read at all is skipped and named (Batch.Skipped), unless Options.Strict.
// Files are named as the user gave them, never by an absolute path; values quoted in messages
// are cut at 200 characters (clip).
//
// Where things are:
//
//	batch.go     Options, Input, Batch, Read; the one way posts are added and given back
//	             (newPost, truncatePosts); reading, the state of one reading (sizes, readers)
//	sources.go   what the paths name (files, folders, "-"), skips, reading in turn or at once
//	files.go     one file: the factory switch choosing a reader by its first bytes and name
//	encoding.go  the one reader wrapper for byte-order marks, UTF-16 and Windows-1252
//	dialect.go   the delimiter sniffer
//	csv.go       delimited text: header, title rows, physical line numbers, quotes left open
//	csvscan.go   the record splitter: encoding/csv's reading, without a string per record
//	lend.go      lend, the one unsafe.String
//	text.go      Texts, the blocks posts keep their strings in, and Instant: a post holds no pointer
//	xlsx.go      workbooks, streamed, with decompression caps, a truncation check, and
//	             excelize's calls (only those) guarded against panics
//	json.go      Apify JSON and JSON Lines, nested keys flattened to dotted paths
//	studio.go    TikTok Studio "Download data" folders, and dates without a year
//	accounts.go  handle + followers and/or price tables (--accounts, accounts sheets), ParsePrice
//	fields.go    canonical fields, aliases, presets, MissingFieldError
//	table.go     one row of cells to a Post, whatever the format; per-column date decisions
//	dedupe.go    one copy of each video; idtable.go: the table of numeric video ids
//	count.go     ParseCount; date.go: ParseDate; post.go: Post, RowError, clip
//
// The CLI passes --map, --preset, --accounts and --strict as Options.Map, Options.Preset,
// Options.Accounts and Options.Strict, and the files a run writes as Options.Skip; `vet
// validate` prints each Input and every Batch.Rejected row; --strict fails when Batch.Rejected
// is not empty.
package ingest
