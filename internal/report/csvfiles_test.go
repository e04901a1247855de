package report

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gocarina/gocsv"
	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
	"github.com/vet-tool/vet/internal/synth"
)

// readCSV reads a report's CSV back as a BI tool would: encoding/csv, the header naming the
// columns.
func readCSV(t *testing.T, path string) (header []string, rows []map[string]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(all) == 0 {
		t.Fatalf("%s is empty: no header row", path)
	}
	for _, rec := range all[1:] {
		m := map[string]string{}
		for i, h := range all[0] {
			m[h] = rec[i]
		}
		rows = append(rows, m)
	}
	return all[0], rows
}

func TestCSVFilesReadBack(t *testing.T) {
	dir, _, f := writeBranded(t)
	r := brandedReport(t)
	res := r.Result
	_, accounts := readCSV(t, filepath.Join(dir, AccountsCSV))
	_, signals := readCSV(t, filepath.Join(dir, SignalsCSV))
	_, posts := readCSV(t, filepath.Join(dir, PostsCSV))

	t.Run("accounts.csv has one row per account, in the workbook's order", func(t *testing.T) {
		handles, _ := f.GetCols(english(SheetAccounts))
		if len(accounts) != len(res.Accounts) || len(accounts) != len(handles[1])-1 {
			t.Fatalf("%d rows, %d accounts", len(accounts), len(res.Accounts))
		}
		for i, a := range accounts {
			if a["handle"] != strings.TrimPrefix(handles[1][i+1], "'") && a["handle"] != "'"+handles[1][i+1] {
				t.Errorf("row %d: %q, the workbook %q", i, a["handle"], handles[1][i+1])
			}
		}
	})
	t.Run("a rate is the workbook's, as a plain percent", func(t *testing.T) {
		raw, _ := f.GetCellValue(english(SheetAccounts), "F2", excelize.Options{RawCellValue: true})
		wb, _ := strconv.ParseFloat(raw, 64)
		csvER, err := strconv.ParseFloat(accounts[0]["follower_er_pct"], 64)
		if err != nil || wb != percentFraction(csvER) || accounts[0]["follower_er_pct"] != "3.2" {
			t.Errorf("follower ER %q in the CSV, %q in the workbook", accounts[0]["follower_er_pct"], raw)
		}
	})
	t.Run("figures are plain decimals, n/a is empty, never 0", func(t *testing.T) {
		first, second := accounts[0], accounts[1]
		for k, want := range map[string]string{
			"cpe": "0.156", "price": "250", "median_views": "40000", "followers": "50000",
			"paid_er_ratio": "", "confidence": "firm", "benchmark_er_pct": "2.15", "top_hashtags": "#grwm #travel",
		} {
			if first[k] != want {
				t.Errorf("%s = %q, want %q", k, first[k], want)
			}
		}
		if second["cpe"] != "" || second["price"] != "" {
			t.Errorf("an unpriced account's price and CPE = %q, %q", second["price"], second["cpe"])
		}
	})
	t.Run("signals.csv has one row per signal raised, by code", func(t *testing.T) {
		want := 0
		for _, a := range res.Accounts {
			want += len(a.Signals)
		}
		if len(signals) != want || want == 0 {
			t.Fatalf("%d rows, %d signals raised", len(signals), want)
		}
		far := 0
		for _, s := range signals {
			if s["signal"] == scoring.FarBelowTier && strings.HasPrefix(s["detail"], "ratio ") && s["threshold"] == "0.5" {
				far++
			}
		}
		if far != 3 {
			t.Errorf("far_below_tier rows = %d, want 3", far)
		}
	})
	t.Run("posts.csv has every post used, with its view ER and window", func(t *testing.T) {
		if len(posts) != 25 {
			t.Fatalf("%d rows, want 25", len(posts))
		}
		var healthy map[string]string
		for _, p := range posts {
			if p["video_id"] == "4000" {
				healthy = p
			}
		}
		// 1,500 likes + 100 comments + 10 shares on 20,000 views.
		if healthy == nil || healthy["view_er_pct"] != "8.05" || healthy["in_window"] != "1" ||
			healthy["above_platform_er"] != "1" || healthy["saves"] != "" || healthy["file"] != "posts.csv" ||
			healthy["posted_at"] != "2026-11-20T12:00:00Z" {
			t.Errorf("post 4000 = %v", healthy)
		}
	})
	t.Run("text a spreadsheet would run is defused", func(t *testing.T) {
		for _, p := range posts {
			if strings.HasPrefix(p["account"], "=") || strings.HasPrefix(p["caption"], "@") {
				t.Fatalf("post %v starts with a formula", p)
			}
		}
	})
}

func TestCSVFilesOfABatchWithNoSignals(t *testing.T) {
	r := testReport(t)
	for i := range r.Result.Accounts {
		r.Result.Accounts[i].Signals = nil
	}
	dir := t.TempDir()
	if _, err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	header, rows := readCSV(t, filepath.Join(dir, SignalsCSV))
	if strings.Join(header, ",") != "rank,handle,signal,verdict,detail,meaning,value,threshold" || len(rows) != 0 {
		t.Errorf("signals.csv = %q and %d rows, want the header alone", header, len(rows))
	}
}

func TestCSVFilesWrittenAtOnce(t *testing.T) {
	// gocsv keeps its writer and header normaliser in package variables; vet's files each use a
	// writer of their own, so two reports written at once (go test -race) share nothing.
	reports := []*Report{testReport(t), testReport(t)}
	out := make([]strings.Builder, len(reports))
	var wg sync.WaitGroup
	for i, r := range reports {
		wg.Go(func() {
			if err := writePostsCSV(&out[i], r); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if out[0].String() != out[1].String() || strings.Count(out[0].String(), "\n") != 26 {
		t.Errorf("two posts.csv written at once differ or miss rows:\n%s", out[0].String())
	}
}

// Issue 20: posts.csv writes each value with the precision it has, so it is no larger than the
// export it came from (the bench batch's generator, with its url and caption columns), and the
// examples' posts.csv is no larger than the example exports together.
func TestPostsCSVIsNoLargerThanItsInput(t *testing.T) {
	for _, tc := range []struct {
		name  string
		input func(t *testing.T) []string
	}{
		{"a generated batch of 500 accounts × 20 posts", func(t *testing.T) []string {
			path := filepath.Join(t.TempDir(), "posts.csv")
			if err := synth.WriteFile(path, synth.Config{Accounts: 500, Posts: 20, Seed: 3}); err != nil {
				t.Fatal(err)
			}
			return []string{path}
		}},
		{"the examples", func(*testing.T) []string {
			return []string{"../../examples/posts-generic.csv", "../../examples/apify-export.csv"}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			paths := tc.input(t)
			var in int64
			for _, p := range paths {
				fi, err := os.Stat(p)
				if err != nil {
					t.Fatal(err)
				}
				in += fi.Size()
			}
			b, err := ingest.Read(paths, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers}, scoring.Default())
			var out bytes.Buffer
			if err := writePostsCSV(&out, &Report{Batch: b, Result: res}); err != nil {
				t.Fatal(err)
			}
			if n := out.Len(); int64(n) > in || len(b.Posts) == 0 {
				t.Errorf("posts.csv is %d bytes for %d posts, its input %d bytes", n, len(b.Posts), in)
			}
		})
	}
}

// posts.csv's rows append themselves (postCSVRow.appendCSV) rather than going through gocsv's
// reflection: the bytes must be those gocsv writes from the row type's tags, for the examples,
// a generated batch, and captions and handles that need quoting (quotes, commas, line breaks,
// a leading space, `\.`, text a spreadsheet would run).
func TestPostsCSVRowsAsGocsvWritesThem(t *testing.T) {
	hostile := testReport(t)
	captions := []string{`he said "hi"`, "one,two", "line\nbreak", "carriage\rreturn", " leading space", "\u00a0no-break space",
		`\.`, "=1+1", "-5 off", "@you", "\ttab", "", "emoji 🎉 #ad", `"`, "trailing space "}
	for i := range hostile.Result.Accounts {
		a := &hostile.Result.Accounts[i]
		for j := range a.Posts {
			a.Posts[j].Caption = txt(captions[(i*len(a.Posts)+j)%len(captions)])
		}
	}
	hostile.Result.Accounts[0].Handle = "comma, \"quoted\" handle"
	reports := map[string]*Report{"hostile captions": hostile}
	for name, paths := range map[string][]string{
		"the examples": {"../../examples/posts-generic.csv", "../../examples/apify-export.csv"},
	} {
		b, err := ingest.Read(paths, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		reports[name] = &Report{Batch: b, Result: scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers, NoCaption: b.NoCaption}, scoring.Default())}
	}
	reports["a generated batch"] = synthReport(t, 300, 12)

	for name, r := range reports {
		t.Run(name, func(t *testing.T) {
			var rows []postCSVRow
			if err := eachPostRow(r, func(row *postCSVRow) error { rows = append(rows, *row); return nil }); err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			cw := csv.NewWriter(&want)
			if err := gocsv.MarshalCSV(rows, cw); err != nil {
				t.Fatal(err)
			}
			cw.Flush()
			var got bytes.Buffer
			if err := writePostsCSV(&got, r); err != nil {
				t.Fatal(err)
			}
			if len(rows) == 0 || got.String() != want.String() {
				gl, wl := strings.Split(got.String(), "\n"), strings.Split(want.String(), "\n")
				for i := range min(len(gl), len(wl)) {
					if gl[i] != wl[i] {
						t.Fatalf("%d rows; line %d differs from gocsv's:\n got %q\nwant %q", len(rows), i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("%d rows; posts.csv has %d lines, gocsv's %d", len(rows), len(gl), len(wl))
			}
		})
	}
}
