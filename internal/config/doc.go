// Package config owns vet.yaml: its format, the defaults `vet init` writes (with a comment on
// each), loading it with clear errors (a misspelt key or a bad value names the key and the
// line), the flags that override it, and the settings `vet benchmarks` prints.
//
// Every setting is declared once, in settings.go: its key, its flag, its comment, the field it
// fills and its valid range. The template, the loader and its checks, the flags of `vet run`
// and `vet validate`, and `vet benchmarks` are derived from that table (value.go holds how each
// kind of value is read, written and checked), so a new threshold is one line of the table plus
// the scoring function that reads it. The defaults themselves live in scoring.Default.
package config
