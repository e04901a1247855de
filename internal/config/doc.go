// Package config owns vet.yaml: its format, the defaults `vet init` writes (with a comment on
// each), loading it with clear errors (a misspelt key or a bad value names the key and the
// line), the flags that override it, and the text `vet benchmarks` prints.
//
// It turns the file into a scoring.Config plus plain data for the rest of the run: the report
// and input settings, and the ingest aliases and presets keyed by field name ("views"). The
// defaults themselves live in scoring.Default; this package only writes them down.
package config
