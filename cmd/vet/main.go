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
//
// What a run leaves behind, however it ends: a run holds a lock on --out (.vet.lock, removed
// when it ends) while it writes there, so two runs never mix their reports; it stages the report
// in a folder of its own inside --out (.vet-tmp-PID-*) and makes every other temporary file
// (the workbook's row spools, excelize's) in a scratch folder of its own in the temp folder
// (vet-*), which it points TMPDIR at. SIGHUP, SIGINT, SIGQUIT and SIGTERM remove both and exit
// 128 + the signal's number; a closed standard output ends the printing only (endOnEPIPE); a
// run killed outright leaves them, and the next run removes them (cleanup.go, outdir.go,
// scratch.go). The report's own files are never read as input (ingest.Options.Skip).
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
