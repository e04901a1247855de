package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"

	"github.com/vet-tool/vet/internal/lang"
)

// Input that tries to run as a formula in Excel.
const (
	formulaHandle  = `=HYPERLINK("http://x","y")`
	formulaCaption = `@SUM(1+1)`
)

// testReport makes a small scored report: one healthy account, one far below its tier, and
// three whose handles try to inject script or formulas (one of them with formula captions).
func testReport(t *testing.T) *Report {
	t.Helper()
	var posts []ingest.Post
	add := func(handle string, followers, views, likes, comments ingest.Count) {
		for i := 0; i < 5; i++ {
			posts = append(posts, ingest.Post{
				Account: txt(handle), Key: txt(ingest.FoldHandle(handle)), Followers: followers,
				// Views vary from post to post, or too_steady would be raised.
				Views: views + ingest.Count(i-2)*views/4, Likes: likes, Comments: comments, Shares: 10, Saves: ingest.Missing,
				PostedAt: ingest.At(time.Date(2026, 11, 20-i, 12, 0, 0, 0, time.UTC)), VideoID: txt(strconv.Itoa(4000 + len(posts))),
				File: txt("posts.csv"), Line: int32(len(posts) + 2),
			})
		}
	}
	add("healthy", 50_000, 40_000, 1_500, 100)
	add("sleepy", 50_000, 40_000, 200, 10)
	add(`<script>alert(1)</script>`, 10_000, 5_000, 300, 20)
	add(`"><img src=x onerror=alert(1)>`, 10_000, 5_000, 100, 10)
	add(formulaHandle, 10_000, 5_000, 100, 10)
	for i := range posts {
		if str(posts[i].Account) == formulaHandle {
			posts[i].Caption = txt(formulaCaption)
		}
	}
	b := &ingest.Batch{
		Inputs:   []ingest.Input{{Name: "posts.csv", Format: "csv", Read: 26, Rejected: 1}},
		Posts:    posts,
		Read:     26,
		Rejected: []ingest.RowError{{File: "posts.csv", Line: 17, Column: "likes", Value: "=1+1", Reason: lang.M("ingest.reason.not_count")}},
	}
	res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &postTexts}, scoring.Default())
	return &Report{Version: "test", Generated: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Batch: b, Result: res}
}

func TestWorkbookReadsBack(t *testing.T) {
	dir := t.TempDir()
	paths, err := Write(dir, testReport(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(Files()) {
		t.Fatalf("paths = %v, want %v", paths, Files())
	}
	f, err := excelize.OpenFile(filepath.Join(dir, WorkbookFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	t.Run("the workbook has its seven sheets in order", func(t *testing.T) {
		got := strings.Join(f.GetSheetList(), ",")
		if want := "Summary,Accounts,Videos,Signals,Insights,Rejected,About"; got != want {
			t.Errorf("sheets = %s, want %s", got, want)
		}
	})
	t.Run("the accounts header is frozen", func(t *testing.T) {
		p, err := f.GetPanes(english(SheetAccounts))
		if err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("panes = %+v, %v", p, err)
		}
	})
	t.Run("the follower ER is a number shown as a percent", func(t *testing.T) {
		rows, _ := f.GetRows(english(SheetAccounts))
		if rows[1][1] != "healthy" || rows[1][5] != "3.20%" || rows[1][11] != "PASS" {
			t.Errorf("first account row = %q", rows[1])
		}
		raw, _ := f.GetCellValue(english(SheetAccounts), "F2", excelize.Options{RawCellValue: true})
		if raw != "0.032" {
			t.Errorf("raw follower ER = %q, want 0.032", raw)
		}
	})
	t.Run("the far-below account fails with its reason", func(t *testing.T) {
		rows, _ := f.GetRows(english(SheetAccounts))
		var found bool
		for _, r := range rows {
			if len(r) > sheetCol(figures.Reason) && r[1] == "sleepy" {
				found = true
				if r[11] != "FAIL" || !strings.Contains(r[sheetCol(figures.Reason)], "0.20× the 20K–100K benchmark 2.15%") {
					t.Errorf("sleepy = %q", r)
				}
			}
		}
		if !found {
			t.Error("no row for sleepy")
		}
	})
	t.Run("every post and every rejected row is listed", func(t *testing.T) {
		videos, _ := f.GetRows(english(SheetVideos))
		if len(videos) != 26 {
			t.Errorf("videos rows = %d, want 25 + header", len(videos))
		}
		rejected, _ := f.GetRows(english(SheetRejected))
		if len(rejected) != 2 || rejected[1][3] != "=1+1" {
			t.Errorf("rejected = %q", rejected)
		}
	})
}

func TestSummaryRoundTrips(t *testing.T) {
	dir := t.TempDir()
	r := testReport(t)
	if _, err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	s, err := ReadSummary(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Version != SummaryVersion || len(s.Accounts) != 5 || s.Posts.Read != 26 || s.Posts.Rejected != 1 {
		t.Fatalf("summary = %+v", s)
	}
	a := s.Accounts[0]
	if a.Text(figures.Handle) != "healthy" || a.Count(figures.Followers) != 50_000 || a.Rate(figures.FollowerER).Value != 3.2 || a.Verdict() != scoring.Pass {
		t.Errorf("first account = %+v", a)
	}
}

func TestFailedWriteLeavesThePreviousReport(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(dir, testReport(t)); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, WorkbookFile))
	// A report whose page cannot be written (the summary's JSON holds a NaN) must not replace
	// the workbook already there, nor leave temp files behind.
	bad := testReport(t)
	bad.Result.Accounts[0].FollowerER = scoring.Rate{Value: nan(), OK: true}
	bad.Result.Accounts[0].Handle = "changed"
	if _, err := Write(dir, bad); err == nil {
		t.Fatal("Write succeeded with a NaN rate")
	}
	after, _ := os.ReadFile(filepath.Join(dir, WorkbookFile))
	if string(before) != string(after) {
		t.Error("the workbook changed although the run failed")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(Files()) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files left = %v, want the previous report's %v", names, Files())
	}
}

func nan() float64 { var z float64; return z / z }

func TestSummaryCarriesTheBuyersFigures(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(dir, brandedReport(t)); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"confidence": "firm"`, `"cpe": 0.156`, `"cpm": 6.25`, `"median_views": 40000`, `"posts_per_week": 3.5`,
		`"paid_er_ratio": null`, `"follower_er_posts": 5`, `"top_hashtags": [`, `"top_posts": []`,
		`"code": "no_followers"`, `"fix": "pass their follower counts with --accounts FILE (columns handle and followers)"`, `"has_history": true`,
		`"name": "posts.csv"`,
	} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("summary.json lacks %s", want)
		}
	}
	s, err := ReadSummary(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := s.Accounts[0]
	if h, cpe := a.History(), a.Rate(figures.CPE); len(h) != 1 || h[0].Followers != 50_000 || !cpe.OK || cpe.Value != 0.156 || a.Rate(figures.PaidERRatio).OK {
		t.Errorf("first account read back = %+v", a)
	}
	if h := s.Accounts[2].History(); len(h) != 12 || h[0].Followers != 50_200 {
		t.Errorf("the 14-snapshot account's history = %+v, want its last 12", h)
	}
}

func TestBaselineReadsASummaryFromBeforeTheBuyersFigures(t *testing.T) {
	// testdata/summary-before-buyer-metrics.json was written by vet at commit 00ecc1d, before
	// confidence and the buyer's figures: alpha 10,000 followers PASS, beta 50,000 PASS.
	s, err := ReadSummary(filepath.Join("testdata", "summary-before-buyer-metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	b := s.Baseline()
	alpha, beta := b.Accounts["alpha"], b.Accounts["beta"]
	if alpha.Followers != 10_000 || alpha.Verdict != scoring.Pass || beta.Followers != 50_000 || !alpha.FollowerER.OK {
		t.Errorf("baseline = %+v", b.Accounts)
	}
	if a := s.Accounts[0]; a.Rate(figures.CPE).OK || a.Text(figures.Confidence) != "" || a.List(figures.TopHashtags) != nil {
		t.Errorf("an old account reads back with figures it never had: %+v", a)
	}
}

func TestSummaryIsWrittenAsEncodingJSONWouldWriteIt(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    func() *Report
	}{
		{"a report", func() *Report { return testReport(t) }},
		{"a report with the buyer's figures and history", func() *Report { return brandedReport(t) }},
		{"a report of no account", func() *Report {
			r := testReport(t)
			r.Result.Accounts = nil
			return r
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r()
			var want, got bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			if err := enc.Encode(NewSummary(r)); err != nil {
				t.Fatal(err)
			}
			if err := writeSummary(&got, r); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("streamed summary.json differs from encoding/json's:\n%s\nwant\n%s", got.String(), want.String())
			}
		})
	}
}
