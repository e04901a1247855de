package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// Report is everything the files show: the scored batch and how it was read.
type Report struct {
	Version   string
	Generated time.Time // SOURCE_DATE_EPOCH when set, so reruns are byte-identical
	Batch     *ingest.Batch
	Result    *scoring.Result
	Timed     func(stage string) // called after each file is written, with its stage name; may be nil
}

// File names inside the report folder.
const (
	WorkbookFile = "vetting.xlsx"
	PageFile     = "vetting.html"
	SummaryFile  = "summary.json"
)

// Write writes the whole report into dir and returns the paths written. Every file is first
// written under a temporary name and renamed into place only once all are ready: on error the
// previous report stays as it was.
func Write(dir string, r *Report) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	steps := []struct {
		name, stage string
		write       func(io.Writer, *Report) error
	}{
		{WorkbookFile, "workbook", writeWorkbook},
		{PageFile, "html", writePage},
		{SummaryFile, "summary", writeSummary},
	}
	var files []staged
	var paths []string
	for _, s := range steps {
		p := filepath.Join(dir, s.name)
		f, err := stage(p, func(w *os.File) error { return s.write(w, r) })
		if err != nil {
			discard(files)
			return nil, fmt.Errorf("writing %s: %w", p, err)
		}
		files = append(files, f)
		paths = append(paths, p)
		if r.Timed != nil {
			r.Timed(s.stage)
		}
	}
	if err := commit(files); err != nil {
		return nil, err
	}
	return paths, nil
}

// GeneratedAt is the report's timestamp: SOURCE_DATE_EPOCH (the reproducible-builds
// convention) when it is set, else now.
func GeneratedAt(getenv func(string) string, now time.Time) (time.Time, error) {
	s := getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return now.UTC().Truncate(time.Second), nil
	}
	var sec int64
	if _, err := fmt.Sscan(s, &sec); err != nil || sec < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", s)
	}
	return time.Unix(sec, 0).UTC(), nil
}
