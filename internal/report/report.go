package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// Report is everything the files show: the scored batch and how it was read.
type Report struct {
	Version   string
	Generated time.Time // SOURCE_DATE_EPOCH when set, so reruns are byte-identical
	Batch     *ingest.Batch
	Result    *scoring.Result
	Timed     func(stage string, took time.Duration) // told each file's stage and how long it took to write; may be nil
	Brand     Brand                                  // title, client and logo (--title, --client, --logo)
	// Staging is the folder the files are written in before they are renamed into the report
	// folder: on its file system, and removed by whoever made it (vet makes one per run inside
	// --out, so that an interrupted run's files go with it). "" stages each file beside its
	// final name.
	Staging string
	// Printer writes the report's words and numbers: its language and currency (--lang,
	// --currency). Nil is English without a currency.
	Printer *lang.Printer
	// NoPDF leaves vetting.pdf out (--pdf=false): a vetting.pdf of an earlier run in the folder
	// is removed with the rest of the report's commit, so the folder never holds a stale one.
	NoPDF bool
	Paper string // the PDF's paper: PaperA4 ("" too) or PaperLetter (--paper)
}

// printer is the report's Printer, English without a currency when none was given.
func (r *Report) printer() *lang.Printer {
	if r.Printer == nil {
		return lang.New(lang.English, "")
	}
	return r.Printer
}

// Brand is what puts the sender's name on the report.
type Brand struct {
	Title    string // "" gives the default title
	Client   string // "" for none
	Logo     []byte // PNG, JPEG or SVG bytes; nil for none
	LogoType string // "image/png", "image/jpeg" or "image/svg+xml"
}

// File names inside the report folder.
const (
	WorkbookFile = "vetting.xlsx"
	PageFile     = "vetting.html"
	SummaryFile  = "summary.json"
)

// steps are the report's files, in the order Write lists them.
func steps() []step {
	return []step{
		{WorkbookFile, "workbook", writeWorkbook},
		{PageFile, "html", writePage},
		{SummaryFile, "summary", writeSummary},
		{AccountsCSV, "accounts-csv", writeAccountsCSV},
		{SignalsCSV, "signals-csv", writeSignalsCSV},
		{PostsCSV, "posts-csv", writePostsCSV},
		{ProfilesFile, "profiles", writeProfiles},
		{PDFFile, "pdf", writePDF},
	}
}

// stepsOf are the steps r writes, and the names of the files it leaves out (vetting.pdf with
// NoPDF), which a previous run's report may have left in the folder.
func stepsOf(r *Report) (do []step, gone []string) {
	for _, s := range steps() {
		if s.name == PDFFile && r.NoPDF {
			gone = append(gone, s.name)
			continue
		}
		do = append(do, s)
	}
	return do, gone
}

// Files are the names of the files Write puts in the report folder.
func Files() []string {
	var names []string
	for _, s := range steps() {
		names = append(names, s.name)
	}
	return names
}

// Write writes the whole report into dir and returns the paths written. Every file is first
// written under a temporary name and renamed into place only once all are ready: on error the
// previous report stays as it was. The files are staged in r.Staging when it is set; the
// renames are guarded so that Freeze never catches a report half renamed.
//
// The page and summary.json are written in a goroutine while the workbook is: all three only
// read the report, and the workbook takes most of the time, so on two cores the others cost no
// wall time. Timed is called in file order, from the caller's goroutine, with each file's own
// writing time (so the three may add up to more than the wall time they took).
func Write(dir string, r *Report) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	steps, gone := stepsOf(r)
	for i := range gone {
		gone[i] = filepath.Join(dir, gone[i])
	}
	rest := make(chan []written, 1)
	go func() { rest <- writeSteps(dir, r, steps[1:]) }()
	all := append(writeSteps(dir, r, steps[:1]), <-rest...)
	var files []staged
	var paths []string
	var err error
	for _, w := range all {
		if w.err != nil && err == nil {
			err = w.err
		}
		if w.err == nil {
			files = append(files, w.file)
			paths = append(paths, w.file.path)
		}
		if r.Timed != nil && err == nil {
			r.Timed(w.stage, w.took)
		}
	}
	if err != nil {
		discard(files)
		return nil, err
	}
	if err := commit(files, gone); err != nil {
		return nil, err
	}
	return paths, nil
}

// step is one file of the report and the function that writes it.
type step struct {
	name, stage string
	write       func(io.Writer, *Report) error
}

// written is a step's staged file, or why it failed.
type written struct {
	stage string
	took  time.Duration
	file  staged
	err   error
}

// writeSteps stages the steps' files one after another, stopping at the first error.
func writeSteps(dir string, r *Report, steps []step) []written {
	var out []written
	for _, s := range steps {
		p := filepath.Join(dir, s.name)
		start := time.Now()
		f, err := stage(r.Staging, p, func(w *os.File) error { return s.write(w, r) })
		if err != nil {
			return append(out, written{stage: s.stage, err: fmt.Errorf("writing %s: %w", p, err)})
		}
		out = append(out, written{stage: s.stage, took: time.Since(start), file: f})
	}
	return out
}

// maxEpoch is the last second of the year 9999, the last a report's timestamp can be written in.
const maxEpoch = 253402300799

// GeneratedAt is the report's timestamp: SOURCE_DATE_EPOCH (the reproducible-builds
// convention) when it is set, else now. A value that is not a number of seconds, or one past
// what a report can be dated, fails here, before any input is read.
func GeneratedAt(getenv func(string) string, now time.Time) (time.Time, error) {
	s := getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return now.UTC().Truncate(time.Second), nil
	}
	sec, err := strconv.ParseInt(s, 10, 64)
	if err != nil || sec < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds since 1970", s)
	}
	if sec > maxEpoch { // summary.json's times, like RFC 3339's, end with the year 9999
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is after the year 9999", s)
	}
	return time.Unix(sec, 0).UTC(), nil
}
