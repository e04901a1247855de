package ingest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// readWith reads paths with GOMAXPROCS set to procs: 1 reads every source in turn.
func readWith(t *testing.T, procs int, paths []string) (*Batch, error) {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	return Read(paths, Options{})
}

// TestSourcesAtOnce reads workbooks and JSON files several at once, and checks that the batch is
// the one read in turn: the same posts in the same order, the same rejected rows, duplicates
// settled the same way (the first copy's place, the most viewed copy's counts), the same
// inputs, warnings and follower counts.
func TestSourcesAtOnce(t *testing.T) {
	dir := t.TempDir()
	header := []any{"account", "video_id", "views", "likes", "comments", "shares"}
	for i := range 4 {
		rows := [][]any{header}
		for j := range 300 {
			views := any(1000 + 10*i + j)
			if j%50 == 7 {
				views = "lots" // rejected
			}
			// ids 0-99 are in every workbook: the later copies have more views (a video is one
			// account's: the account follows the id)
			id := 100*i + j%200
			rows = append(rows, []any{fmt.Sprintf("acct%d", id%9), fmt.Sprint(id), views, 10, 1, 1})
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("week%d.xlsx", i)), workbook(t, "Posts", rows), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var js strings.Builder
	js.WriteString("[")
	for j := range 200 {
		fmt.Fprintf(&js, `{"authorMeta":{"name":"acct%d","fans":%d},"id":"%d","playCount":%d,"diggCount":1,"commentCount":1,"shareCount":1},`, (50+j)%9, 5000+j, 50+j, 9000+j)
	}
	js.WriteString(`{"authorMeta":{"name":"late"},"id":"x","playCount":"n/a","diggCount":1,"commentCount":1,"shareCount":1}]`)
	os.WriteFile(filepath.Join(dir, "apify.json"), []byte(js.String()), 0o644)
	// a title line above the header, and a column twice: warnings
	os.WriteFile(filepath.Join(dir, "plain.csv"), []byte("Export of 3 May\naccount,video_id,views,likes,comments,shares,shares\nacct5,5,99999,1,1,1,1\nacct6,6,1,1,1,1,1\n"), 0o644)

	inTurn, err := readWith(t, 1, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	atOnce, err := readWith(t, 2, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if inTurn.Used() == 0 || inTurn.Duplicates == 0 || len(inTurn.Rejected) == 0 || len(inTurn.Inputs) != 6 ||
		len(inTurn.Warnings) < 2 || !inTurn.Reconciles() {
		t.Fatalf("the batch lacks what it should compare: used %d, duplicates %d, rejected %d, inputs %d, warnings %q",
			inTurn.Used(), inTurn.Duplicates, len(inTurn.Rejected), len(inTurn.Inputs), inTurn.Warnings)
	}
	exported := func(b *Batch) []any {
		return []any{b.Inputs, resolved(b), b.Rejected, b.Duplicates, b.Read, b.Followers, b.Warnings}
	}
	if got, want := exported(atOnce), exported(inTurn); !reflect.DeepEqual(got, want) {
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("field %d differs:\nat once %v\nin turn %v", i, got[i], want[i])
			}
		}
	}
}

// TestSourcesErrorOrder: when several inputs cannot be read, the error is the first one's in
// the order given, however many are read at once.
func TestSourcesErrorOrder(t *testing.T) {
	good := workbook(t, "Posts", [][]any{{"account", "views", "likes", "comments", "shares"}, {"ann", 100, 10, 1, 1}})
	// b fails only at its end, long after c fails, so that an error is not the first in time.
	rows := [][]any{{"account", "views", "likes", "comments", "shares"}}
	for range 5000 {
		rows = append(rows, []any{"ann", 100, 10, 1, 1})
	}
	slowBad := rezip(t, workbook(t, "Posts", rows), func(name string, b []byte) []byte {
		if strings.HasPrefix(name, "xl/worksheets/") {
			return b[:bytes.Index(b, []byte(`<row r="4990"`))]
		}
		return b
	})
	dir := t.TempDir()
	paths := []string{filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.xlsx"), filepath.Join(dir, "c.json"), filepath.Join(dir, "d.xlsx")}
	os.WriteFile(paths[0], good, 0o644)
	os.WriteFile(paths[1], slowBad, 0o644)
	os.WriteFile(paths[2], []byte("[{oops}]"), 0o644)
	os.WriteFile(paths[3], good, 0o644)
	for _, procs := range []int{1, 2} {
		for _, order := range [][]int{{0, 1, 2, 3}, {0, 2, 1, 3}, {3, 2, 1, 0}} {
			var in []string
			for _, i := range order {
				in = append(in, paths[i])
			}
			_, err := readWith(t, procs, in)
			first := "" // the first of b and c in this order
			for _, p := range in {
				if b := filepath.Base(p); first == "" && (b == "b.xlsx" || b == "c.json") {
					first = p
				}
			}
			if err == nil || !strings.HasPrefix(err.Error(), filepath.Base(first)) { // named by its base name: the path is absolute
				t.Errorf("GOMAXPROCS %d, order %v: error %v, want one about %s", procs, order, err, filepath.Base(first))
			}
		}
	}
}

// postStrings is a post with its strings read out of its batch's Texts, which are laid out as
// the inputs happened to be read: two batches of the same posts compare equal this way.
type postStrings struct {
	Post
	Account, Key, VideoID, URL, Caption, File string
}

func resolved(b *Batch) []postStrings {
	out := make([]postStrings, len(b.Posts))
	for i, p := range b.Posts {
		out[i] = postStrings{Account: b.text(p.Account), Key: b.text(p.Key), VideoID: b.text(p.VideoID), URL: b.text(p.URL),
			Caption: b.text(p.Caption), File: b.text(p.File)}
		p.Account, p.Key, p.VideoID, p.URL, p.Caption, p.File = 0, 0, 0, 0, 0, 0
		out[i].Post = p
	}
	return out
}
