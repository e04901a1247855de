package ingest

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/lang"
)

// realdata is the folder of real exports beside the repository (../shared from its root, in
// CI as on a workstation): the nearest shared/realdata above this package, so that a git
// worktree kept one folder deeper finds it too.
var realdata = func() string {
	dir := filepath.Join("..", "..", "..")
	for range 4 {
		p := filepath.Join(dir, "shared", "realdata")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		dir = filepath.Join(dir, "..")
	}
	return filepath.Join("..", "..", "..", "shared", "realdata")
}()

func real(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(realdata, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real exports not found beside the repository: %v", err)
	}
	return p
}

// findPost returns the used post with this video id or url.
func findPost(t *testing.T, b *Batch, match func(*Batch, Post) bool) Post {
	t.Helper()
	i := slices.IndexFunc(b.Posts, func(p Post) bool { return match(b, p) })
	if i < 0 {
		t.Fatal("the known post is not among the posts used")
	}
	return b.Posts[i]
}

func byID(id string) func(*Batch, Post) bool {
	return func(b *Batch, p Post) bool { return b.Texts.Of(p.VideoID) == id }
}
func byURL(part string) func(*Batch, Post) bool {
	return func(b *Batch, p Post) bool { return strings.Contains(p.VideoURL(&b.Texts), part) }
}

// writeAccounts writes an --accounts CSV for a test.
func writeAccounts(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "accounts.csv")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The expected numbers below were counted with Python's csv and json modules (and a plain
// parse of the workbook's XML), not taken from this package's output.
func TestRealExports(t *testing.T) {
	tests := []struct {
		name                      string
		file                      string
		opts                      func(t *testing.T) Options
		read, used, dup, rejected int
		preset, encoding          string
		columns                   []string
		check                     func(t *testing.T, b *Batch)
	}{
		{
			name: "the old Apify CSV in Windows-1252 with bios across lines reads every post, each video once",
			file: "apify-slash-cp1252.csv", read: 1200, used: 1092, dup: 108, rejected: 0,
			preset: "apify", encoding: "windows-1252",
			columns: []string{"account ← authorMeta/name", "followers ← authorMeta/fans", "views ← playCount", "likes ← diggCount",
				"comments ← commentCount", "shares ← shareCount", "posted_at ← createTimeISO", "video_id ← id", "url ← webVideoUrl", "caption ← text"},
			check: func(t *testing.T, b *Batch) {
				p := findPost(t, b, byID("6797294685082619137"))
				if b.Texts.Of(p.Key) != "miso_ara" || p.Followers != 13_200_000 || p.Views != 200_600_000 || p.Likes != 19_300_000 ||
					p.Comments != 66_000 || p.Shares != 377_700 || p.Line != 2 {
					t.Errorf("miso_ara's post = %+v", p)
				}
				if !p.PostedAt.Time().Equal(time.Date(2020, 2, 25, 12, 11, 6, 0, time.UTC)) {
					t.Errorf("posted_at = %v", p.PostedAt)
				}
				// Its bio spans lines, so the next record starts on physical line 5.
				if q := findPost(t, b, byID("6958603581675031814")); b.Texts.Of(q.Key) != "crinka11" || q.Line != 5 {
					t.Errorf("crinka11's post is on line %d, want 5", q.Line)
				}
				if q := findPost(t, b, byID("6909833888189648133")); q.Line != 248 || !strings.Contains(b.Texts.Of(q.Caption), "Também") {
					t.Errorf("spider_slack's post: line %d, caption %q", q.Line, b.Texts.Of(q.Caption))
				}
				if q := findPost(t, b, byID("6850558720049515781")); q.Line != 2844 {
					t.Errorf("the last record is on line %d, want 2844", q.Line)
				}
			},
		},
		{
			name: "the current Apify CSV without followers takes them from an accounts file",
			file: "apify-dot-nofollowers.csv", read: 998, used: 998, dup: 0, rejected: 0,
			preset: "apify", encoding: "utf-8",
			opts: func(t *testing.T) Options {
				return Options{Accounts: []string{writeAccounts(t, "username,followers\n@NadineAlexandraaaa,\"12,345\"\nhttps://www.tiktok.com/@masarmul?lang=en,1.2M\n")}}
			},
			columns: []string{"account ← authorMeta.name", "views ← playCount", "saves ← collectCount", "url ← webVideoUrl"},
			check: func(t *testing.T, b *Batch) {
				p := findPost(t, b, byURL("/video/6958309528853040386"))
				if b.Texts.Of(p.Key) != "nadinealexandraaaa" || p.Views != 862 || p.Likes != 133 || p.Followers != Missing {
					t.Errorf("nadinealexandraaaa's post = %+v", p)
				}
				if b.Followers["nadinealexandraaaa"] != 12_345 || b.Followers["masarmul"] != 1_200_000 {
					t.Errorf("followers from the accounts file = %v", b.Followers)
				}
				if q := b.Posts[0]; b.Texts.Of(q.Key) != "masarmul" || q.Saves != 215 {
					t.Errorf("collectCount 215.0 read as %d", q.Saves)
				}
			},
		},
		{
			// Every row has views (counted with Python's csv: 0 empty vid_nview cells), so none is
			// kept without them; the 41 rows without a comment count serve no rate.
			name: "a scraper's rounded counts are read as rounded, and rows without comments are rejected, not zeroed",
			file: "scraper-abbreviated.csv", read: 10102, used: 10061, dup: 0, rejected: 41,
			preset: "generic", encoding: "utf-8",
			columns: []string{"account ← user_name", "followers ← user_nfollower", "views ← vid_nview", "likes ← vid_nlike",
				"comments ← vid_ncomment", "posted_at ← vid_postTime", "video_id ← vid_id"},
			check: func(t *testing.T, b *Batch) {
				p := findPost(t, b, byID("7506832682593094928"))
				if b.Texts.Of(p.Key) != "lenguyentravi" || p.Followers != 304_900 || p.Views != 541_200 || p.Likes != 21_900 ||
					p.Comments != 454 || p.Saves != 1098 || !p.Rounded {
					t.Errorf("lenguyentravi's post = %+v", p)
				}
				for _, r := range b.Rejected {
					if r.Column != "vid_ncomment" || r.Value != "" || lang.InEnglish(r.Reason) != "no comments count (missing is not zero)" {
						t.Errorf("unexpected reject %v", &r)
					}
				}
				if n := postsWithoutViews(b); n != 0 {
					t.Errorf("%d posts kept without views; the file has none", n)
				}
			},
		},
		{
			name: "Apify JSON lines of nested objects find authorMeta.fans inside authorMeta",
			file: "apify-nested.json", read: 192, used: 192, dup: 0, rejected: 0,
			preset: "apify", encoding: "utf-8",
			columns: []string{"account ← authorMeta.name", "followers ← authorMeta.fans", "views ← playCount", "posted_at ← createTimeISO", "video_id ← id"},
			check: func(t *testing.T, b *Batch) {
				p := findPost(t, b, byID("7166651967932992794"))
				if b.Texts.Of(p.Key) != "thehannistons" || p.Followers != 1_200_000 || p.Views != 10_900_000 || p.Likes != 715_700 || p.Line != 1 {
					t.Errorf("thehannistons' post = %+v", p)
				}
			},
		},
		{
			name: "Apify JSONL with literal dotted keys meets the same aliases, and its repeated video counts once",
			file: "apify-flatkeys.jsonl", read: 16, used: 15, dup: 1, rejected: 0,
			preset: "apify", encoding: "utf-8",
			opts: func(t *testing.T) Options {
				return Options{Accounts: []string{writeAccounts(t, "handle;volgers\nbeambackk;2.000.000\n")}}
			},
			columns: []string{"account ← authorMeta.name", "views ← playCount", "likes ← diggCount", "url ← webVideoUrl"},
			check: func(t *testing.T, b *Batch) {
				p := findPost(t, b, byURL("/video/7387791587394325766"))
				if b.Texts.Of(p.Key) != "beambackk" || p.Views != 30_600_000 || p.Likes != 3_100_000 || p.Saves != 144_800 {
					t.Errorf("beambackk's post = %+v", p)
				}
				if b.Followers["beambackk"] != 2_000_000 {
					t.Errorf("followers = %v", b.Followers)
				}
			},
		},
		{
			name: "the Apify XLSX is read raw, and posts repeated without an id are matched by account and time",
			file: "apify-slash.xlsx", read: 6547, used: 6428, dup: 119, rejected: 0,
			preset:  "apify",
			columns: []string{"account ← authorMeta/name", "followers ← authorMeta/fans", "views ← playCount", "posted_at ← createTimeISO"},
			check: func(t *testing.T, b *Batch) {
				p := b.Posts[0]
				if b.Texts.Of(p.Key) != "loewhaley" || p.Followers != 3_200_000 || p.Views != 19_800_000 || p.Likes != 2_100_000 ||
					p.Comments != 3568 || p.Shares != 58_100 || p.Line != 2 || !strings.HasSuffix(b.Texts.Of(p.File), "apify-slash.xlsx[Data]") {
					t.Errorf("loewhaley's first post = %+v", p)
				}
			},
		},
		{
			name: "a likes column under another name is found with --map likes=video_stats",
			file: "mislabelled-likes.csv", read: 100, used: 100, dup: 0, rejected: 0,
			preset: "generic", encoding: "utf-8",
			opts: func(t *testing.T) Options { return Options{Map: map[Field]string{FieldLikes: "video_stats"}} },
			columns: []string{"account ← author_uniqueId", "followers ← author_followerCount", "views ← video_playCount",
				"likes ← video_stats", "comments ← video_commentCount", "shares ← video_shareCount", "url ← video_link",
				"sponsored ← video_isAd"},
			check: func(t *testing.T, b *Batch) {
				// video_isAd is "False" on every row (counted with Python's csv).
				for _, p := range b.Posts {
					if p.Sponsored {
						t.Errorf("post %s read as sponsored", b.Texts.Of(p.VideoID))
					}
				}
				p := findPost(t, b, byID("6839416095586159878"))
				if b.Texts.Of(p.Key) != "britishpromise.cats" || p.Followers != 3_100_000 || p.Views != 280_900_000 || p.Likes != 35_600_000 {
					t.Errorf("britishpromise.cats' post = %+v", p)
				}
			},
		},
		{
			name: "a TikTok Studio folder is one account with followers from its history and years placed before the export",
			file: "tiktok-studio", read: 43, used: 29, dup: 14, rejected: 0,
			preset: "tiktok-studio", encoding: "utf-8 bom",
			columns: []string{"account ← /@handle/ in Video link", "views ← Total views", "likes ← Total likes", "posted_at ← Post time", "url ← Video link"},
			check: func(t *testing.T, b *Batch) {
				if len(b.Followers) != 1 || b.Followers["haileytupy2.0"] != 5013 {
					t.Errorf("followers = %v, want haileytupy2.0: 5013 (the history's newest day)", b.Followers)
				}
				p := findPost(t, b, byURL("/video/7527623000473079054"))
				if b.Texts.Of(p.Key) != "haileytupy2.0" || p.Views != 191_265 || p.Likes != 533 || p.Comments != 32 || p.Shares != 16 {
					t.Errorf("the Unbrush post = %+v", p)
				}
				dates := map[string]time.Time{
					"7527623000473079054": time.Date(2025, 7, 16, 0, 0, 0, 0, time.UTC), // July 16, before the export (Feb 2026)
					"7602008805399940407": time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),  // February 1: this year
					"7589576040226262285": time.Date(2025, 12, 30, 0, 0, 0, 0, time.UTC),
				}
				for id, want := range dates {
					if got := findPost(t, b, byURL(id)).PostedAt.Time(); !got.Equal(want) {
						t.Errorf("video %s posted %v, want %v", id, got, want)
					}
				}
				var kinds []string
				for _, in := range b.Inputs {
					kinds = append(kinds, filepath.Base(in.Name)+":"+in.Kind)
				}
				for _, want := range []string{"Overview.csv:skipped", "Viewers.csv:skipped", "Followers_haileytupy2.0_FollowerHistory.csv:followers", "Content_3.csv:posts"} {
					if !slices.Contains(kinds, want) {
						t.Errorf("inputs %v lack %s", kinds, want)
					}
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := real(t, tc.file)
			var opts Options
			if tc.opts != nil {
				opts = tc.opts(t)
			}
			b, err := Read([]string{path}, opts)
			if err != nil {
				t.Fatal(err)
			}
			if b.Read != tc.read || b.Used() != tc.used || b.Duplicates != tc.dup || len(b.Rejected) != tc.rejected {
				t.Errorf("read %d, used %d, duplicates %d, rejected %d; want %d, %d, %d, %d",
					b.Read, b.Used(), b.Duplicates, len(b.Rejected), tc.read, tc.used, tc.dup, tc.rejected)
			}
			if !b.Reconciles() {
				t.Errorf("read %d != used + duplicates + rejected", b.Read)
			}
			in := postInput(b)
			if in.Preset != tc.preset || in.Encoding != tc.encoding {
				t.Errorf("preset %q, encoding %q; want %q, %q", in.Preset, in.Encoding, tc.preset, tc.encoding)
			}
			for _, c := range tc.columns {
				if !slices.Contains(in.Columns, c) {
					t.Errorf("columns %v lack %q", in.Columns, c)
				}
			}
			tc.check(t, b)
		})
	}
}

func postInput(b *Batch) Input {
	for _, in := range b.Inputs {
		if in.Kind == KindPosts {
			return in
		}
	}
	return Input{}
}

func TestRealExportsTogether(t *testing.T) {
	t.Run("every real export read in one run reconciles and keeps each video once", func(t *testing.T) {
		var paths []string
		for _, f := range []string{"apify-slash-cp1252.csv", "apify-dot-nofollowers.csv", "scraper-abbreviated.csv",
			"apify-nested.json", "apify-flatkeys.jsonl", "apify-slash.xlsx", "tiktok-studio"} {
			paths = append(paths, real(t, f))
		}
		// The same file twice: every row of the second copy is a duplicate.
		paths = append(paths, real(t, "apify-flatkeys.jsonl"))
		b, err := Read(paths, Options{})
		if err != nil {
			t.Fatal(err)
		}
		read := 1200 + 998 + 10102 + 192 + 16 + 6547 + 43 + 16
		if b.Read != read || !b.Reconciles() || b.Duplicates != 108+119+14+1+16 {
			t.Errorf("read %d (want %d), duplicates %d, reconciles %v", b.Read, read, b.Duplicates, b.Reconciles())
		}
	})
	t.Run("a required column nobody named is one error listing the headers seen and the aliases tried", func(t *testing.T) {
		_, err := Read([]string{real(t, "mislabelled-likes.csv")}, Options{})
		if err == nil || !strings.Contains(err.Error(), "no column for likes") || !strings.Contains(err.Error(), "video_stats") ||
			!strings.Contains(err.Error(), "diggCount") || strings.Contains(err.Error(), "\n") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestAccountsXLSX(t *testing.T) {
	t.Run("an accounts workbook joins followers by folded handle", func(t *testing.T) {
		f := excelize.NewFile()
		f.SetSheetRow("Sheet1", "A1", &[]any{"Creator", "Fans"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"@BeamBackk", 2500000})
		p := filepath.Join(t.TempDir(), "accounts.xlsx")
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		b, err := Read([]string{real(t, "apify-flatkeys.jsonl")}, Options{Accounts: []string{p}})
		if err != nil {
			t.Fatal(err)
		}
		if b.Followers["beambackk"] != 2_500_000 {
			t.Errorf("followers = %v", b.Followers)
		}
	})
}

func postsWithoutViews(b *Batch) int {
	n := 0
	for _, p := range b.Posts {
		if !p.Views.Known() {
			n++
		}
	}
	return n
}

// TestRealRowsWithoutViews blanks the view count of every tenth row of the real scraper export
// (rewritten with encoding/csv): those rows still serve the follower ER and are kept. The
// numbers were counted with Python's csv module: 1,005 of the blanked rows have likes and
// comments, 41 rows (blanked or not) have no comment count.
func TestRealRowsWithoutViews(t *testing.T) {
	f, err := os.Open(real(t, "scraper-abbreviated.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(recs[0], "vid_nview")
	for i := 1; i < len(recs); i++ {
		if (i-1)%10 == 0 {
			recs[i][col] = ""
		}
	}
	var buf bytes.Buffer
	if err := csv.NewWriter(&buf).WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	b, err := Read([]string{writeFile(t, "blanked.csv", buf.Bytes())}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if b.Read != 10102 || b.Used() != 10061 || len(b.Rejected) != 41 || !b.Reconciles() {
		t.Errorf("read %d, used %d, rejected %d; want 10102, 10061, 41", b.Read, b.Used(), len(b.Rejected))
	}
	if n := postsWithoutViews(b); n != 1005 {
		t.Errorf("%d posts kept without views; want 1005", n)
	}
}
