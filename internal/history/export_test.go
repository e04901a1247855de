package history

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/vet-tool/vet/internal/synth"
)

// readCSV reads a file back as a spreadsheet tool would: a header, then rows by column name.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		out = append(out, row)
	}
	return out
}

func TestExportWritesEverySnapshotAsCSV(t *testing.T) {
	s, _ := create(t)
	w1, w2 := week(t, 1, "Spring, \"weekly\""), week(t, 2, "Spring, \"weekly\"")
	w2.Result.Accounts[0].Followers = -1 // unknown this week: NULL, an empty cell
	for _, r := range []Run{w1, w2} {
		if _, err := s.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(t.TempDir(), "export")
	written, err := s.Export(dir)
	if err != nil || len(written) != 3 {
		t.Fatalf("wrote %v, %v; want three files", written, err)
	}
	snaps := readCSV(t, filepath.Join(dir, "snapshots.csv"))
	if len(snaps) != 2 || snaps[0]["title"] != "Spring, \"weekly\"" || snaps[1]["as_of"] != "2026-11-13 18:00:00" ||
		snaps[0]["posts"] != strconv.Itoa(len(w1.Batch.Posts)) {
		t.Errorf("snapshots.csv: %v", snaps)
	}
	accounts := readCSV(t, filepath.Join(dir, "accounts.csv"))
	if want := len(w1.Result.Accounts) + len(w2.Result.Accounts); len(accounts) != want {
		t.Fatalf("accounts.csv: %d rows, want %d", len(accounts), want)
	}
	first, again := accounts[0], accounts[len(w1.Result.Accounts)]
	a := w1.Result.Accounts[0]
	er, err := strconv.ParseFloat(first["follower_er"], 64)
	if err != nil || er != a.FollowerER.Value || first["handle"] != a.Handle || first["rank"] != "1" ||
		first["followers"] != strconv.FormatInt(int64(a.Followers), 10) || first["verdict"] != a.Verdict.String() {
		t.Errorf("accounts.csv first row %v; want %s ranked 1, %d followers, ER %v, %s", first, a.Handle, a.Followers, a.FollowerER.Value, a.Verdict)
	}
	if again["handle"] != w2.Result.Accounts[0].Handle || again["followers"] != "" || again["as_of"] != "2026-11-13 18:00:00" {
		t.Errorf("accounts.csv, week 2's first row %v; want its followers empty (unknown)", again)
	}
	posts := readCSV(t, filepath.Join(dir, "posts.csv"))
	if want := len(windowPosts(w1.Result)) + len(windowPosts(w2.Result)); len(posts) != want {
		t.Fatalf("posts.csv: %d rows, want %d (the accounts' windows)", len(posts), want)
	}
	p := w1.Result.Accounts[0].WindowPosts()[0] // the first account's newest post
	if id := w1.Result.Texts.Of(p.VideoID); posts[0]["video_id"] != id || posts[0]["views"] != strconv.FormatInt(int64(p.Views), 10) {
		t.Errorf("posts.csv first row %v; want video %s with %d views", posts[0], id, p.Views)
	}
}

func TestExportOfAnEmptyHistoryIsHeadersOnly(t *testing.T) {
	s, _ := create(t)
	dir := t.TempDir()
	if _, err := s.Export(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"snapshots.csv", "accounts.csv", "posts.csv"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil || len(recs) != 1 || recs[0][0] != "snapshot_id" {
			t.Errorf("%s: %q, %v; want the header alone", name, data, err)
		}
	}
}

func TestASnapshotKeepsTheWindows(t *testing.T) {
	s, _ := create(t)
	r := synthRun(t, synth.Config{Accounts: 30, Posts: 14, Seed: 5}, "windows")
	if _, err := s.Append(r); err != nil {
		t.Fatal(err)
	}
	want, all := 0, len(r.Batch.Posts)
	for i := range r.Result.Accounts {
		want += r.Result.Accounts[i].Window
	}
	var got, posts int
	if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM posts), posts FROM snapshots`).Scan(&got, &posts); err != nil {
		t.Fatal(err)
	}
	if got != want || posts != all || want >= all {
		t.Errorf("posts kept %d, want the windows' %d; snapshot says %d used, want %d", got, want, posts, all)
	}
}
