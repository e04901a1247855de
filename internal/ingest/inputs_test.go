package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestManyInputs(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "week1.csv"), []byte("account,views,likes,comments,shares,video_id\nann,100,1,1,1,v1\nann,50,1,1,1,v2\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "week2.tsv"), []byte("account\tviews\tlikes\tcomments\tshares\tvideo_id\nann\t150\t1\t1\t1\tv1\nann\t40\t1\t1\t1\tv2\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("ignored"), 0o644)
	stdin := "url,views,likes,comments,shares\nhttps://www.tiktok.com/@Cid/video/9,5,1,1,1\nhttps://www.tiktok.com/@Cid/video/9,6,1,1,1\n"

	b, err := Read([]string{dir, "-"}, Options{Stdin: strings.NewReader(stdin)})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a folder's files and standard input are read in one run", func(t *testing.T) {
		if b.Read != 6 || len(b.Inputs) != 3 || !b.Reconciles() {
			t.Errorf("read %d from %d inputs", b.Read, len(b.Inputs))
		}
	})
	t.Run("a video seen twice keeps the copy with the most views", func(t *testing.T) {
		if b.Used() != 3 || b.Duplicates != 3 {
			t.Fatalf("used %d, duplicates %d", b.Used(), b.Duplicates)
		}
		views := map[string]Count{}
		for _, p := range b.Posts {
			views[b.Texts.Of(p.VideoID)+p.VideoURL(&b.Texts)] = p.Views
		}
		if views["v1"] != 150 || views["v2"] != 50 || views["https://www.tiktok.com/@Cid/video/9"] != 6 {
			t.Errorf("kept %v", views)
		}
	})
	t.Run("each input counts the copies it lost", func(t *testing.T) {
		var got []string
		for _, in := range b.Inputs {
			got = append(got, fmt.Sprintf("%s:%d/%d", filepath.Base(in.Name), in.Read, in.Duplicates))
		}
		if strings.Join(got, " ") != "week1.csv:2/1 week2.tsv:2/1 -:2/1" {
			t.Errorf("inputs %v", got)
		}
	})
	t.Run("the account comes from the url when there is no account column", func(t *testing.T) {
		p := b.Posts[len(b.Posts)-1]
		if b.Texts.Of(p.Account) != "Cid" || b.Texts.Of(p.Key) != "cid" {
			t.Errorf("account %q key %q", b.Texts.Of(p.Account), b.Texts.Of(p.Key))
		}
	})
	t.Run("validate can print how each input was understood", func(t *testing.T) {
		in := b.Inputs[1]
		if in.Format != "csv" || in.Delimiter != "tab" || in.Encoding != "utf-8" || in.Preset != "generic" ||
			strings.Join(in.Columns, ", ") != "account ← account, views ← views, likes ← likes, comments ← comments, shares ← shares, video_id ← video_id" {
			t.Errorf("input %+v", in)
		}
	})
}

func TestJSON(t *testing.T) {
	t.Run("an array of nested objects is flattened to dotted keys", func(t *testing.T) {
		p := writeFile(t, "a.json", []byte(`[
  {"id": "1", "authorMeta": {"name": "ann", "fans": 2000}, "playCount": 100, "diggCount": 10, "commentCount": 2, "shareCount": 1, "createTime": 1668616195},
  {"id": "2", "authorMeta": {"name": "bob"}, "playCount": 5, "diggCount": null, "commentCount": 0, "shareCount": 0}
]`))
		b, err := Read([]string{p}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if b.Used() != 1 || b.Posts[0].Followers != 2000 || b.Posts[0].Line != 2 || b.Posts[0].PostedAt.Time().Year() != 2022 {
			t.Errorf("posts %+v", b.Posts)
		}
		if len(b.Rejected) != 1 || b.Rejected[0].Error() != "a.json:3: diggCount: no likes count (missing is not zero)" /* an absolute path is named by its base name */ {
			t.Errorf("rejected %v", b.Rejected)
		}
	})
	t.Run("a JSON line that is not an object is rejected and the others read", func(t *testing.T) {
		p := writeFile(t, "a.jsonl", []byte("{\"authorMeta.name\":\"ann\",\"playCount\":1,\"diggCount\":1,\"commentCount\":1,\"shareCount\":1}\n{broken\n\n[1]\n"))
		b, err := Read([]string{p}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if b.Used() != 1 || len(b.Rejected) != 2 || b.Rejected[0].Line != 2 || b.Rejected[1].Line != 4 || !b.Reconciles() {
			t.Errorf("used %d, rejected %v", b.Used(), b.Rejected)
		}
	})
}

func TestPresets(t *testing.T) {
	const body = "authorMeta.name,playCount,diggCount,commentCount,shareCount,views\nann,1,2,3,4,99\n"
	t.Run("an explicit preset uses only its own aliases", func(t *testing.T) {
		b := readString(t, body, Options{Preset: "apify"})
		if b.Posts[0].Views != 1 || b.Inputs[0].Preset != "apify" {
			t.Errorf("views %d, preset %q", b.Posts[0].Views, b.Inputs[0].Preset)
		}
	})
	t.Run("--map beats every alias", func(t *testing.T) {
		b := readString(t, body, Options{Map: map[Field]string{FieldViews: "Views"}})
		if b.Posts[0].Views != 99 {
			t.Errorf("views %d", b.Posts[0].Views)
		}
	})
	t.Run("an unknown preset is an error naming the known ones", func(t *testing.T) {
		_, err := Read(nil, Options{Preset: "tiktok"})
		if err == nil || err.Error() != `unknown preset "tiktok" (known: apify, generic, tiktok-studio)` {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("--map naming a header a table lacks is an error for that table, naming the headers seen", func(t *testing.T) {
		// It used to leave the table to the aliases with a warning: a misspelt --map passed
		// unseen (issue 13, case 12).
		_, err := Read([]string{"-"}, Options{Stdin: strings.NewReader(body), Map: map[Field]string{FieldLikes: "stars"}})
		if err == nil || !strings.Contains(err.Error(), "-: no column for likes (--map likes=stars: no such header here; headers seen: authorMeta.name, playCount, diggCount") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("--map naming an optional field's header a table lacks is an error too", func(t *testing.T) {
		_, err := Read([]string{"-"}, Options{Stdin: strings.NewReader(body), Map: map[Field]string{FieldSaves: "bookmarks2"}})
		if err == nil || !strings.Contains(err.Error(), "no column for saves (--map saves=bookmarks2: no such header here") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("--map naming a header that is not there says so when no alias helps", func(t *testing.T) {
		body := "authorMeta.name,playCount,commentCount,shareCount\nann,1,3,4\n"
		_, err := Read([]string{"-"}, Options{Stdin: strings.NewReader(body), Map: map[Field]string{FieldLikes: "hearts"}})
		if err == nil || !strings.Contains(err.Error(), "likes: hearts (from --map), likes, diggCount") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestStdinJSON(t *testing.T) {
	t.Run("standard input that starts as JSON is read as JSON", func(t *testing.T) {
		b := readString(t, `[{"authorMeta":{"name":"ann"},"playCount":1,"diggCount":1,"commentCount":1,"shareCount":1}]`, Options{})
		if b.Used() != 1 || b.Inputs[0].Format != "json" {
			t.Errorf("used %d, format %q", b.Used(), b.Inputs[0].Format)
		}
	})
}

func TestDuplicatesAcrossLayouts(t *testing.T) {
	t.Run("a video known by its id in one file and by its url in another counts once", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "a.csv"), []byte("account,video_id,views,likes,comments,shares\nann,7166651967932992794,10,1,1,1\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "b.csv"), []byte("url,views,likes,comments,shares\nhttps://www.tiktok.com/@ann/video/7166651967932992794?lang=en,20,2,2,2\n"), 0o644)
		b, err := Read([]string{dir}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if b.Used() != 1 || b.Duplicates != 1 || b.Posts[0].Views != 20 {
			t.Errorf("used %d, duplicates %d, kept %+v", b.Used(), b.Duplicates, b.Posts)
		}
	})
}

func TestStudioFolderWithOthers(t *testing.T) {
	t.Run("another export dropped in a Studio folder is read, not skipped", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "Content.csv"), []byte("Time,Video title,Video link,Post time,Total likes,Total comments,Total shares,Total views\n"+
			"February 28,x,https://www.tiktok.com/@me/video/7602008805399940407,February 1,1,1,1,10\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "Overview.csv"), []byte("Date,Video Views\nFebruary 27,5\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "week1.csv"), []byte("account,views,likes,comments,shares\nann,1,1,1,1\n"), 0o644)
		b, err := Read([]string{dir}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if b.Used() != 2 || b.Posts[0].PostedAt.Time() != utc(2026, 2, 1, 0, 0, 0) {
			t.Errorf("used %d, posts %+v", b.Used(), b.Posts)
		}
	})
}

func TestTitleRows(t *testing.T) {
	t.Run("title lines above a CSV header are skipped with a warning and lines stay physical", func(t *testing.T) {
		b := readString(t, "Creator report\nWeek 12\n\naccount;views;likes;comments;shares\nann;1;1;1;1\nbob;x;1;1;1\n", Options{})
		if b.Inputs[0].Delimiter != ";" || b.Used() != 1 || b.Posts[0].Line != 5 || b.Rejected[0].Line != 6 ||
			!strings.Contains(strings.Join(b.Warnings, " "), "the header is on line 4") {
			t.Errorf("delimiter %q, used %d, rejected %v, warnings %q", b.Inputs[0].Delimiter, b.Used(), b.Rejected, b.Warnings)
		}
	})
	t.Run("title rows above a sheet's header are skipped with a warning", func(t *testing.T) {
		data := workbook(t, "Report", [][]any{{"Vetting export"}, {"account", "views", "likes", "comments", "shares"}, {"ann", 1, 1, 1, 1}})
		b, err := Read([]string{writeFile(t, "r.xlsx", data)}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if b.Used() != 1 || b.Posts[0].Line != 3 || !strings.Contains(strings.Join(b.Warnings, " "), "the header is on row 2") {
			t.Errorf("used %d, posts %+v, warnings %q", b.Used(), b.Posts, b.Warnings)
		}
	})
}
