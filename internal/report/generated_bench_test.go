package report

import (
	"bufio"
	"encoding/csv"
	"io"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
	"github.com/vet-tool/vet/internal/synth"
)

// benchReport is a scored report of 100,000 generated posts (2,000 accounts × 50), the smaller
// `make bench` batch.
func benchReport(b *testing.B) (*Report, int) {
	b.Helper()
	c := synth.Config{Accounts: 2_000, Posts: 50, Seed: 1}
	path := filepath.Join(b.TempDir(), "posts.csv")
	if err := synth.WriteFile(path, c); err != nil {
		b.Fatal(err)
	}
	batch, err := ingest.Read([]string{path}, ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	res := scoring.Score(scoring.Input{Posts: batch.Posts, Followers: batch.Followers}, scoring.Default())
	return &Report{Version: "bench", Generated: time.Unix(0, 0).UTC(), Batch: batch, Result: res}, c.Rows()
}

func benchmarkWrite(b *testing.B, write func(io.Writer, *Report) error) {
	r, posts := benchReport(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := write(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(posts)*float64(b.N)/b.Elapsed().Seconds(), "posts/s")
}

// BenchmarkWriteWorkbook writes vetting.xlsx for 100,000 posts (all five sheets).
func BenchmarkWriteWorkbook(b *testing.B) { benchmarkWrite(b, writeWorkbook) }

// BenchmarkWritePage writes vetting.html for 100,000 posts.
func BenchmarkWritePage(b *testing.B) { benchmarkWrite(b, writePage) }

// BenchmarkWriteSummary writes summary.json for 100,000 posts.
func BenchmarkWriteSummary(b *testing.B) { benchmarkWrite(b, writeSummary) }

// BenchmarkWritePostsCSV writes posts.csv for 100,000 posts.
func BenchmarkWritePostsCSV(b *testing.B) { benchmarkWrite(b, writePostsCSV) }

// BenchmarkWriteAccountsCSV writes accounts.csv for 2,000 accounts.
func BenchmarkWriteAccountsCSV(b *testing.B) { benchmarkWrite(b, writeAccountsCSV) }

// BenchmarkWritePostsCSVBare is posts.csv's floor: the same fields through encoding/csv alone,
// formatted by strconv, without gocsv's reflection (what gocsv costs on top).
func BenchmarkWritePostsCSVBare(b *testing.B) {
	benchmarkWrite(b, func(w io.Writer, r *Report) error {
		bw := bufio.NewWriterSize(w, 256<<10)
		cw := csv.NewWriter(bw)
		rec := make([]string, 18)
		for i := range r.Result.Accounts {
			a := &r.Result.Accounts[i]
			for j := range a.Posts {
				p := &a.Posts[j]
				er := scoring.ViewER(*p, false)
				rec[0], rec[1], rec[2] = a.Handle, p.VideoID, p.PostedAt.UTC().Format(time.RFC3339)
				rec[3], rec[4], rec[5] = strconv.FormatInt(int64(p.Views), 10), strconv.FormatInt(int64(p.Likes), 10), strconv.FormatInt(int64(p.Comments), 10)
				rec[6], rec[7], rec[8] = strconv.FormatInt(int64(p.Shares), 10), strconv.FormatInt(int64(p.Saves), 10), strconv.FormatFloat(er.Value, 'f', -1, 64)
				rec[9], rec[10], rec[11] = strconv.FormatBool(er.Value > 3.3), strconv.FormatBool(j < a.Window), strconv.FormatBool(p.Pinned)
				rec[12], rec[13], rec[14] = strconv.FormatBool(p.Sponsored), strconv.FormatBool(p.Rounded), ingest.VideoLink(a.Handle, p.VideoID)
				rec[15], rec[16], rec[17] = p.Caption, p.File, strconv.Itoa(int(p.Line))
				if err := cw.Write(rec); err != nil {
					return err
				}
			}
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		return bw.Flush()
	})
}
