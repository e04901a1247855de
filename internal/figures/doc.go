// Package figures declares, once, every figure vet reports of an account: its key, its unit,
// the decimals it is shown with, where it appears (the Accounts sheet, accounts.csv,
// summary.json, the page's table and account detail, the history) and the function that reads
// it off a scored account. Its label and one-line definition live in the lang catalogs, under
// figure.<key>.label and figure.<key>.def, in every language.
//
// Every output walks the table (Accounts) instead of listing columns by hand, so a new figure
// is one declaration here, its words in each catalog, and the function that computes it in
// scoring. A figure's key is spelled here and nowhere else in Go, but for the history's SQL
// schema (internal/history/schema.go), which must name its columns.
//
// It sits between scoring and the outputs: it reads scoring's Account and the lang Printer,
// and report and history read it.
package figures
