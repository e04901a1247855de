package ingest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vet-tool/vet/internal/lang"
)

// Issue 13 cases 5, 11 and 12 and issue 10: what the files of a folder become.

// tree writes files under a fresh folder and returns its path.
func tree(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const goodCSV = "account,views,likes,comments,shares\nann,100,10,1,1\n"

// Case 11: a folder's files that cannot be read are named and skipped; --strict fails naming
// them all; a file named on the command line that cannot be read fails the run.
func TestUnreadableFilesInAFolder(t *testing.T) {
	xls := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...)
	good := workbook(t, "Posts", [][]any{{"account", "views", "likes", "comments", "shares"}, {"bob", 100, 10, 1, 1}})
	halfway := sheetXML(t, workbook(t, "Posts", [][]any{{"account", "views", "likes", "comments", "shares"}, {"half", 1, 1, 1, 1}, {"way", "x", 1, 1, 1}, {"cut", 1, 1, 1, 1}}),
		func(b []byte) []byte { return b[:bytes.Index(b, []byte(`<row r="4"`))] })
	dir := tree(t, map[string][]byte{
		"a.csv":      []byte(goodCSV),
		"b.xls":      xls,
		"c.csv":      nil,
		"d.csv":      bytes.Repeat([]byte{0, 1, 2, 3, 0xff}, 200),
		"e.xlsx":     good[:len(good)/2],
		"f.xlsx":     good,
		"g.json":     []byte("[{oops}]"),
		"notes.md":   []byte("not an export: skipped without a word"),
		"h.xlsx":     halfway, // read up to row 3, then found damaged: nothing of it stays
		"zz_end.csv": []byte("account,views,likes,comments,shares\nzed,100,10,1,1\n"),
	})
	base := filepath.Base(dir)
	wantSkipped := []string{"b.xls", "c.csv", "d.csv", "e.xlsx", "g.json", "h.xlsx"}
	for _, procs := range []int{1, 2} {
		t.Run(fmt.Sprintf("GOMAXPROCS %d", procs), func(t *testing.T) {
			b, err := readWith(t, procs, []string{dir})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, s := range b.Skipped {
				names = append(names, strings.TrimPrefix(s.Name, base+"/"))
				if r := lang.InEnglish(s.Reason); r == "" || strings.Contains(r, s.Name) {
					t.Errorf("skipped %s with reason %q", s.Name, lang.InEnglish(s.Reason))
				}
			}
			if strings.Join(names, ",") != strings.Join(wantSkipped, ",") {
				t.Errorf("skipped %q; want %q", names, wantSkipped)
			}
			var accounts []string
			for _, p := range b.Posts {
				accounts = append(accounts, b.Texts.Of(p.Account))
			}
			if strings.Join(accounts, ",") != "ann,bob,zed" || len(b.Rejected) != 0 || len(b.Inputs) != 3 || b.Read != 3 {
				t.Errorf("accounts %q, rejected %v, inputs %d, read %d: the skipped files left something behind", accounts, b.Rejected, len(b.Inputs), b.Read)
			}
			var said []string
			for _, s := range b.Skipped {
				said = append(said, "skipped "+s.Name+": "+lang.InEnglish(s.Reason))
			}
			w := strings.Join(said, "\n")
			if !strings.Contains(w, "skipped "+base+"/b.xls: is a binary Excel 97-2003 (.xls) workbook") || !strings.Contains(w, "skipped "+base+"/c.csv: is empty") {
				t.Errorf("skipped %q", said)
			}
			if !b.Reconciles() {
				t.Error("the batch does not reconcile")
			}
		})
	}
	t.Run("--strict fails, naming every file that cannot be read", func(t *testing.T) {
		_, err := Read([]string{dir}, Options{Strict: true})
		if err == nil {
			t.Fatal("no error")
		}
		msg := err.Error()
		for _, n := range wantSkipped {
			if !strings.Contains(msg, base+"/"+n+": ") {
				t.Errorf("error %q does not name %s", msg, n)
			}
		}
		if !strings.HasPrefix(msg, "6 files cannot be read: ") || strings.Contains(msg, "\n") {
			t.Errorf("error %q", msg)
		}
	})
	t.Run("a file named on the command line that cannot be read fails the run", func(t *testing.T) {
		_, err := Read([]string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.xls")}, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), "b.xls: is a binary Excel") {
			t.Errorf("err = %v", err)
		}
	})
}

// Case 12: subfolders, an accounts file matching no handle, a --map header not in a file.
func TestSkipsAreSaid(t *testing.T) {
	t.Run("a subfolder is named as skipped", func(t *testing.T) {
		dir := tree(t, map[string][]byte{"a.csv": []byte(goodCSV), "old/b.csv": []byte(goodCSV), ".git/x.csv": []byte(goodCSV)})
		b, err := Read([]string{dir}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := "skipped folder " + filepath.Base(dir) + "/old/: vet reads the files of a folder, not its subfolders"
		if len(b.Warnings) != 1 || b.Warnings[0] != want || b.Used() != 1 {
			t.Errorf("warnings %q, used %d; want %q", b.Warnings, b.Used(), want)
		}
	})
	t.Run("an accounts file that matches no handle says so", func(t *testing.T) {
		acc := writeAccounts(t, "handle,followers\nsomeone_else,1000\nanother,2000\n")
		b := readString(t, goodCSV, Options{Accounts: []string{acc}})
		want := `accounts.csv: no handle in it matches an account of the posts read (it lists 2, such as "someone_else"); its followers and prices are not used`
		if len(b.Warnings) != 1 || b.Warnings[0] != want {
			t.Errorf("warnings %q; want %q", b.Warnings, want)
		}
	})
	t.Run("an accounts file that matches a handle says nothing", func(t *testing.T) {
		b := readString(t, goodCSV, Options{Accounts: []string{writeAccounts(t, "handle,followers\nsomeone_else,1000\n@ANN,2000\n")}})
		if len(b.Warnings) != 0 {
			t.Errorf("warnings %q", b.Warnings)
		}
	})
	t.Run("a --map header that is not in a file of a folder skips that file, naming the headers seen", func(t *testing.T) {
		dir := tree(t, map[string][]byte{"a.csv": []byte("account,views,hearts,comments,shares\nann,1,1,1,1\n"), "b.csv": []byte(goodCSV)})
		b, err := Read([]string{dir}, Options{Map: map[Field]string{FieldLikes: "hearts"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Skipped) != 1 || !strings.HasSuffix(b.Skipped[0].Name, "b.csv") ||
			!strings.Contains(lang.InEnglish(b.Skipped[0].Reason), "--map likes=hearts: no such header here; headers seen: account, views, likes") {
			t.Errorf("skipped %+v", b.Skipped)
		}
	})
}

// Case 5: vet never reads its own report files.
func TestOwnReportFilesAreNotRead(t *testing.T) {
	summary := []byte(`{"version": 2, "tool": "vet 1.4.0", "accounts": []}`)
	report := workbook(t, "Accounts", [][]any{{"account", "views", "likes", "comments", "shares"}, {"report", 1, 1, 1, 1}})
	t.Run("a folder holding a report of vet's beside the exports", func(t *testing.T) {
		dir := tree(t, map[string][]byte{"a.csv": []byte(goodCSV), "summary.json": summary, "vetting.xlsx": report,
			"posts.csv": []byte(goodCSV), "accounts.csv": []byte("handle,followers\nann,5\n"), "signals.csv": []byte(goodCSV)})
		b, err := Read([]string{dir}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Inputs) != 1 || !strings.HasSuffix(b.Inputs[0].Name, "a.csv") || b.Used() != 1 {
			t.Errorf("inputs %+v", b.Inputs)
		}
		want := "skipped vet's own report files in " + filepath.Base(dir) + "/ (accounts.csv, posts.csv, signals.csv, summary.json, vetting.xlsx)"
		if len(b.Warnings) != 1 || b.Warnings[0] != want {
			t.Errorf("warnings %q; want %q", b.Warnings, want)
		}
	})
	t.Run("a summary.json that is not vet's leaves the folder's files inputs", func(t *testing.T) {
		dir := tree(t, map[string][]byte{"posts.csv": []byte(goodCSV), "summary.json": []byte(`{"tool": "other", "rows": 1}`)})
		b, err := Read([]string{dir}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if b.Used() != 1 || len(b.Skipped) != 1 || !strings.HasSuffix(b.Skipped[0].Name, "summary.json") {
			t.Errorf("used %d, skipped %+v", b.Used(), b.Skipped)
		}
	})
	t.Run("Options.Skip: the files this run writes are never read", func(t *testing.T) {
		dir := tree(t, map[string][]byte{"a.csv": []byte(goodCSV), "out.csv": []byte(goodCSV)})
		rel, err := filepath.Rel(mustGetwd(t), filepath.Join(dir, "out.csv"))
		if err != nil {
			t.Fatal(err)
		}
		b, err := Read([]string{dir, filepath.Join(dir, "out.csv")}, Options{Skip: []string{rel}})
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Inputs) != 1 || !strings.HasSuffix(b.Inputs[0].Name, "a.csv") {
			t.Errorf("inputs %+v", b.Inputs)
		}
		if len(b.Warnings) != 2 || !strings.Contains(b.Warnings[1], "skipped out.csv: it is a file this run writes") {
			t.Errorf("warnings %q", b.Warnings)
		}
	})
}

func mustGetwd(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

// Issue 10: names are never absolute paths.
func TestNamesNeverAbsolute(t *testing.T) {
	dir := tree(t, map[string][]byte{"exports/a.csv": []byte(goodCSV + "bob,x,1,1,1\n"), "x.csv": []byte(goodCSV)})
	exports := filepath.Join(dir, "exports") + string(filepath.Separator)
	b, err := Read([]string{exports, filepath.Join(dir, "x.csv")}, Options{Accounts: []string{filepath.Join(dir, "nope.csv")}})
	if err == nil || err.Error() != "nope.csv: no such file or directory" {
		t.Errorf("err = %v", err)
	}
	b, err = Read([]string{exports, filepath.Join(dir, "x.csv")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if b.Inputs[0].Name != "exports/a.csv" || b.Inputs[1].Name != "x.csv" {
		t.Errorf("inputs %q, %q; want exports/a.csv, x.csv", b.Inputs[0].Name, b.Inputs[1].Name)
	}
	if b.Texts.Of(b.Posts[0].File) != "exports/a.csv" || b.Rejected[0].File != "exports/a.csv" || b.Texts.Of(b.Posts[1].File) != "x.csv" {
		t.Errorf("post files %q, %q, rejected %q", b.Texts.Of(b.Posts[0].File), b.Texts.Of(b.Posts[1].File), b.Rejected[0].File)
	}
	t.Run("a relative argument is named as given", func(t *testing.T) {
		t.Chdir(dir)
		b, err := Read([]string{"exports", "x.csv"}, Options{})
		if err != nil || b.Inputs[0].Name != filepath.Join("exports", "a.csv") || b.Inputs[1].Name != "x.csv" {
			t.Errorf("inputs %+v, err %v", b.Inputs, err)
		}
	})
}
