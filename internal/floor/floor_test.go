package floor_test

import (
	"bytes"
	"compress/flate"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/vet-tool/vet/internal/floor"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/report"
	"github.com/vet-tool/vet/internal/scoring"
	"github.com/vet-tool/vet/internal/synth"
	"github.com/xuri/excelize/v2"
)

var batch = synth.Config{Accounts: 20, Posts: 12, Seed: 1}

func write(t testing.TB, c synth.Config, ext string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "posts"+ext)
	if err := synth.WriteFile(path, c); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFloorsReadEveryRow(t *testing.T) {
	for _, tc := range []struct {
		ext  string
		read func(r *os.File) (int, error)
	}{
		{".csv", func(r *os.File) (int, error) { return floor.ReadCSV(r) }},
		{".xlsx", func(r *os.File) (int, error) { return floor.ReadXLSX(r) }},
	} {
		t.Run("the "+tc.ext+" floor counts every data row", func(t *testing.T) {
			f, err := os.Open(write(t, batch, tc.ext))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if n, err := tc.read(f); err != nil || n != batch.Rows() {
				t.Fatalf("read %d rows, %v; want %d", n, err, batch.Rows())
			}
		})
	}
}

func TestWriteVideosWritesOneRowPerPost(t *testing.T) {
	f, err := os.Open(write(t, batch, ".csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	vs, err := floor.LoadVideos("posts.csv", f)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := floor.WriteVideos(&b, vs); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows("Videos")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != batch.Rows()+1 || len(rows[0]) != len(floor.VideosHeader) {
		t.Fatalf("%d rows of %d columns", len(rows), len(rows[0]))
	}
	if got := rows[1][len(rows[1])-1]; got != vs[0].Caption {
		t.Errorf("the first video's caption = %s, want %s", got, vs[0].Caption)
	}
	t.Run("a direct, fast-compressed save holds the same cells", func(t *testing.T) {
		var fast bytes.Buffer
		if err := floor.WriteVideosWith(&fast, vs, floor.Tuning{Direct: true, Level: flate.BestSpeed}); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(&fast)
		if err != nil {
			t.Fatal(err)
		}
		got, err := x.GetRows("Videos")
		if err != nil || len(got) != len(rows) || strings.Join(got[5], "|") != strings.Join(rows[5], "|") {
			t.Fatalf("%d rows, %v", len(got), err)
		}
	})
	if got := strings.Join(rows[0], "|"); got != strings.Join(report.VideoHeaders(lang.New(lang.English, "")), "|") {
		t.Errorf("header = %s, want vet's Videos columns", got)
	}
	if got := rows[1][9]; got != "yes" && got != "no" {
		t.Errorf("above platform ER = %q", got)
	}
	if got, want := rows[10][10]+rows[11][10], "yesno"; got != want {
		t.Errorf("in window for the 10th and 11th posts = %s, want %s", got, want)
	}
	if rows[1][1] != vs[0].VideoID || vs[0].VideoID == "" {
		t.Errorf("video ID = %q, want %q", rows[1][1], vs[0].VideoID)
	}
}

func benchmarkFile(b *testing.B, c synth.Config, ext string, read func(*os.File) (int, error)) {
	path := write(b, c, ext)
	b.ResetTimer()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := read(f); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	b.ReportMetric(float64(c.Rows())*float64(b.N)/b.Elapsed().Seconds(), "posts/s")
}

var benchBatch = synth.Config{Accounts: 200, Posts: 50, Seed: 1} // 10,000 posts

func BenchmarkReadCSVFloor(b *testing.B) {
	benchmarkFile(b, benchBatch, ".csv", func(f *os.File) (int, error) { return floor.ReadCSV(f) })
}

func BenchmarkReadXLSXFloor(b *testing.B) {
	benchmarkFile(b, benchBatch, ".xlsx", func(f *os.File) (int, error) { return floor.ReadXLSX(f) })
}

func BenchmarkWriteVideosFloor(b *testing.B) {
	for _, tc := range []struct {
		name string
		t    floor.Tuning
	}{
		{"excelize defaults", floor.Tuning{}},
		{"zip written straight to the file", floor.Tuning{Direct: true}},
		{"straight to the file at deflate BestSpeed", floor.Tuning{Direct: true, Level: flate.BestSpeed}},
	} {
		b.Run(tc.name, func(b *testing.B) { benchmarkWriteVideos(b, tc.t) })
	}
}

func benchmarkWriteVideos(b *testing.B, t floor.Tuning) {
	f, err := os.Open(write(b, benchBatch, ".csv"))
	if err != nil {
		b.Fatal(err)
	}
	vs, err := floor.LoadVideos("posts.csv", f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := floor.WriteVideosWith(io.Discard, vs, t); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(vs))*float64(b.N)/b.Elapsed().Seconds(), "posts/s")
}

func TestFloorCellsAreVetsVideosCells(t *testing.T) {
	path := write(t, batch, ".csv")
	b, err := ingest.Read([]string{path}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers}, scoring.Default())
	dir := t.TempDir()
	if _, err := report.Write(dir, &report.Report{Version: "test", Batch: b, Result: res}); err != nil {
		t.Fatal(err)
	}
	vetRows := sheetRows(t, filepath.Join(dir, report.WorkbookFile), "Videos")

	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	vs, err := floor.LoadVideos(filepath.Base(path), f) // vet names a file given by an absolute path by its base name
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "floor.xlsx")
	o, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := floor.WriteVideos(o, vs); err != nil {
		t.Fatal(err)
	}
	o.Close()
	floorRows := sheetRows(t, out, "Videos")
	// vet lists the videos by account rank; the floor in file order. The cells are the same.
	sort.Strings(vetRows[1:])
	sort.Strings(floorRows[1:])
	if len(vetRows) != len(floorRows) {
		t.Fatalf("vet wrote %d rows, the floor %d", len(vetRows), len(floorRows))
	}
	for i := range vetRows {
		if vetRows[i] != floorRows[i] {
			t.Fatalf("row %d differs:\nvet   %s\nfloor %s", i, vetRows[i], floorRows[i])
		}
	}
}

// sheetRows reads a sheet's rows as formatted text, one string per row.
func sheetRows(t *testing.T, path, sheet string) []string {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.Join(r, "|")
	}
	return out
}
