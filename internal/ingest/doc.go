// Package ingest turns the exports people already have (CSV, XLSX, JSON) into Posts.
//
// It owns everything about reading: the encoding and dialect of a file, the header aliases and
// presets that find each field, the count and date parsers, duplicate videos across files, and
// the rows it had to reject. A rejected row is never dropped silently: it becomes a RowError with
// file, line, column, value and reason, and the batch's totals always reconcile
// (read = used + duplicates + rejected).
package ingest
