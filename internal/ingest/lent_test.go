package ingest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLentCellsAreCopied reads files much larger than the scanner's buffer, whose cells the
// scanner only lends, and checks every string the batch kept against encoding/csv's reading of
// the same line: a kept cell that was not copied would have been overwritten by later rows.
func TestLentCellsAreCopied(t *testing.T) {
	var posts, dates, accounts bytes.Buffer
	posts.WriteString("account,video_id,url,views,likes,comments,shares,posted_at,caption\n")
	for i := range 6000 {
		account := fmt.Sprintf(" @User_%d ", i%37)
		url := ""
		if i%11 == 0 {
			account, url = "", fmt.Sprintf("https://www.tiktok.com/@FromURL_%d/video/%d", i%5, 7000000000000000000+i)
		}
		id := fmt.Sprint(7000000000000000000 + i)
		if i%13 == 0 {
			id = fmt.Sprintf("clip-%d", i)
		}
		views := fmt.Sprint(1000 + i)
		if i%17 == 0 {
			views = fmt.Sprintf("\"%d,5x\"", i) // rejected, its value kept in the RowError
		}
		caption := fmt.Sprintf("plain caption %d", i)
		if i%3 == 0 {
			caption = fmt.Sprintf("\"line one, \"\"quoted\"\" %d\nline two\"", i)
		}
		fmt.Fprintf(&posts, "%s,%s,%s,%s,10,2,1,2025-03-%02dT10:00:00Z,%s\n", account, id, url, views, 1+i%28, caption)
	}
	dates.WriteString("account,video_id,views,likes,comments,shares,posted_at\n")
	for i := range 3000 {
		date := fmt.Sprintf("%02d/03/2025", 13+i%15) // day first
		if i%10 == 0 {
			date = fmt.Sprintf("03/%02d/2025", 13+i%15) // month first: the minority, rejected
		}
		fmt.Fprintf(&dates, "dates_%d,%d,100,1,1,1,%s\n", i%7, 8000000000000000000+i, date)
	}
	accounts.WriteString("handle,followers\n")
	for i := range 9000 {
		handle := fmt.Sprintf("follower_%d", i) // already folded: FoldHandle returns the cell itself
		if i%2 == 0 {
			handle = fmt.Sprintf("Follower_%d", i)
		}
		fmt.Fprintf(&accounts, "%s,%d\n", handle, 1000+i)
	}
	dir := t.TempDir()
	// Read after dates.csv, whose rejected rows are taken back out of the batch: its posts must
	// not inherit anything (a date, say) from the posts that stood in their place.
	var undated bytes.Buffer
	undated.WriteString("account,video_id,views,likes,comments,shares\n")
	for i := range 500 {
		fmt.Fprintf(&undated, "undated,%d,100,1,1,1\n", 9000000000000000000+i)
	}
	files := map[string][]byte{"posts.csv": posts.Bytes(), "dates.csv": dates.Bytes(), "undated.csv": undated.Bytes(), "accounts.csv": accounts.Bytes()}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := Read([]string{filepath.Join(dir, "posts.csv"), filepath.Join(dir, "dates.csv"), filepath.Join(dir, "undated.csv")},
		Options{Accounts: []string{filepath.Join(dir, "accounts.csv")}})
	if err != nil {
		t.Fatal(err)
	}

	// Each file's records by physical line, as encoding/csv reads them.
	lines := map[string]map[int][]string{}
	for name, data := range files {
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		lines[name] = map[int][]string{} // files under an absolute path are named by their base name
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			line, _ := r.FieldPos(0)
			lines[name][line] = rec
		}
	}
	if b.Used() != 6000-6000/17-1+3000-300+500 || len(b.Rejected) != 6000/17+1+300 || !b.Reconciles() {
		t.Fatalf("used %d, rejected %d", b.Used(), len(b.Rejected))
	}
	for _, p := range b.Posts {
		rec := lines[b.Texts.Of(p.File)][int(p.Line)]
		if rec == nil {
			t.Fatalf("post %+v: no such line", p)
		}
		if strings.HasSuffix(b.Texts.Of(p.File), "undated.csv") {
			if b.Texts.Of(p.Account) != rec[0] || b.Texts.Of(p.VideoID) != rec[1] || !p.PostedAt.IsZero() {
				t.Fatalf("line %d %q: read as %q %q posted %v", p.Line, rec, b.Texts.Of(p.Account), b.Texts.Of(p.VideoID), p.PostedAt)
			}
			continue
		}
		if strings.HasSuffix(b.Texts.Of(p.File), "dates.csv") {
			if b.Texts.Of(p.Account) != rec[0] || b.Texts.Of(p.VideoID) != rec[1] {
				t.Fatalf("line %d %q: read as %q %q", p.Line, rec, b.Texts.Of(p.Account), b.Texts.Of(p.VideoID))
			}
			continue
		}
		account := strings.TrimPrefix(strings.TrimSpace(rec[0]), "@")
		if account == "" {
			account = strings.Split(strings.TrimPrefix(rec[2], tiktokURL), "/")[0]
		}
		if b.Texts.Of(p.Account) != account || b.Texts.Of(p.Key) != strings.ToLower(account) || b.Texts.Of(p.VideoID) != rec[1] || p.VideoURL(&b.Texts) != rec[2] || b.Texts.Of(p.Caption) != rec[8] {
			t.Fatalf("line %d %q: read as account %q key %q id %q url %q caption %q", p.Line, rec, b.Texts.Of(p.Account), b.Texts.Of(p.Key), b.Texts.Of(p.VideoID), p.VideoURL(&b.Texts), b.Texts.Of(p.Caption))
		}
	}
	for _, e := range b.Rejected {
		rec := lines[e.File][e.Line]
		want := ""
		switch e.Column {
		case "views":
			want = rec[3]
			if strings.HasSuffix(e.File, "dates.csv") {
				want = rec[2]
			}
		case "posted_at":
			want = rec[len(rec)-1]
		}
		if rec == nil || e.Value != want || want == "" {
			t.Fatalf("rejected %+v: line %q", e, rec)
		}
	}
	for i := range 9000 {
		if n := b.Followers[fmt.Sprintf("follower_%d", i)]; n != Count(1000+i) {
			t.Fatalf("follower_%d has %d followers, want %d (of %d accounts)", i, n, 1000+i, len(b.Followers))
		}
	}
}
