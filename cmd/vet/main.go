// Command vet vets influencers in batches: it reads the exports people already have of many
// TikTok creators' recent posts, scores every account against the benchmark of its follower
// tier, and writes a workbook and a page of charts that can be sent to a client as they are.
//
// Usage:
//
//	vet run [flags] INPUT...          ingest → score → write the report
//	vet validate [flags] INPUT...     ingest only: detected columns, row counts, rejected rows
//	vet version
//
// Run `vet help` or `vet run -h` for the flags.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
