package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// benchPosts is a synthetic batch: accounts × posts each (make bench's shape is 20,000 × 50).
func benchPosts(accounts, each int) []ingest.Post {
	posts := make([]ingest.Post, 0, accounts*each)
	for a := 0; a < accounts; a++ {
		h := fmt.Sprintf("creator_%05d", a)
		for i := 0; i < each; i++ {
			id := strconv.Itoa(7_400_000_000 + a*each + i)
			posts = append(posts, ingest.Post{
				Account: txt(h), Key: txt(h), Followers: ingest.Count(5_000 + a*37),
				Views: ingest.Count(10_000 + i*13), Likes: ingest.Count(700 + i), Comments: 40, Shares: 12, Saves: 9,
				PostedAt: ingest.At(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)),
				VideoID:  txt(id), URL: txt("https://www.tiktok.com/@" + h + "/video/" + id), Caption: txt("a caption with #tags " + id),
				File: txt("posts.csv"), Line: int32(a*each + i + 2),
			})
		}
	}
	return posts
}

func benchSize(b *testing.B) (int, int) {
	if os.Getenv("VET_BENCH_FULL") == "1" {
		return 20_000, 50
	}
	return 2_000, 50
}

// BenchmarkWorkbook writes the whole workbook.
func BenchmarkWorkbook(b *testing.B) {
	posts := benchPosts(benchSize(b))
	bt := &ingest.Batch{Posts: posts, Read: len(posts)}
	res := scoring.Score(scoring.Input{Posts: posts, Texts: &postTexts}, scoring.Default())
	r := &Report{Version: "bench", Generated: time.Unix(0, 0).UTC(), Batch: bt, Result: res}
	dir := b.TempDir()
	b.ResetTimer()
	for b.Loop() {
		f, _ := os.Create(filepath.Join(dir, "w.xlsx"))
		if err := writeWorkbook(f, r); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}

// BenchmarkBareStreamWriter is the floor: the same Videos cells by excelize's StreamWriter
// alone, saved with excelize's own zip writer.
func BenchmarkBareStreamWriter(b *testing.B) {
	posts := benchPosts(benchSize(b))
	dir := b.TempDir()
	b.ResetTimer()
	for b.Loop() {
		f := excelize.NewFile()
		sw, _ := f.NewStreamWriter("Sheet1")
		row := make([]any, len(videoColumnKeys))
		for i := range posts {
			p := &posts[i]
			row[0], row[1], row[2] = str(p.Account), str(p.VideoID), p.PostedAt.Time()
			row[3], row[4], row[5], row[6], row[7] = int64(p.Views), int64(p.Likes), int64(p.Comments), int64(p.Shares), int64(p.Saves)
			row[8], row[9], row[10] = float64(p.Likes)/float64(p.Views), "yes", "yes"
			row[11], row[12], row[13], row[14] = p.VideoURL(&postTexts), str(p.Caption), str(p.File), p.Line
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := sw.SetRow(cell, row); err != nil {
				b.Fatal(err)
			}
		}
		sw.Flush()
		if err := f.SaveAs(filepath.Join(dir, "bare.xlsx")); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}
