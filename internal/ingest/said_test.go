package ingest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vet-tool/vet/internal/lang"
)

// TestSkippedFilesAreSaidInEveryLanguage: why a file of a folder was not read, and the note
// on a table read but not as posts, are catalog messages (ingest.file.*, ingest.note.*) that
// the report writes in its language, as a rejected row's reason is: each key ingest names is
// in every catalog, each skipped file's reason comes out whole in every language and in Dutch
// is not the English one, and the English is what the command has always printed.
func TestSkippedFilesAreSaidInEveryLanguage(t *testing.T) {
	keys := map[string]bool{}
	named := regexp.MustCompile(`(?:fileErr\([a-zA-Z.]+, |"ingest\.(?:file|note)\.)"?([a-z_]+)"`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range named.FindAllStringSubmatch(string(src), -1) {
			keys[m[1]] = true
		}
	}
	if len(keys) < 15 {
		t.Fatalf("found only %d file and note keys in the source: %v", len(keys), keys)
	}
	for _, l := range lang.Langs() {
		p := lang.New(l, "")
		for k := range keys {
			if !p.Has("ingest.file."+k) && !p.Has("ingest.note."+k) {
				t.Errorf("ingest.file.%s (or ingest.note.%s) is not in %s.yaml", k, k, l)
			}
		}
	}

	xls := append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 600)...)
	good := workbook(t, "Posts", [][]any{{"account", "views", "likes", "comments", "shares"}, {"bob", 100, 10, 1, 1}})
	dir := tree(t, map[string][]byte{
		"a.csv":    []byte(goodCSV),
		"b.xls":    xls,
		"c.csv":    nil,
		"d.csv":    bytes.Repeat([]byte{0, 1, 2, 3, 0xff}, 200),
		"e.xlsx":   good[:len(good)/2],
		"f.xls":    []byte("<html><body>not a sheet</body></html>"),
		"g.json":   []byte("[]"),
		"h.xlsx":   workbook(t, "Posts", [][]any{{"a"}, {""}}),
		"notes.md": []byte("not an export"),
	})
	b, err := Read([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(dir)
	want := map[string]string{ // the English the command printed before, file by file
		"b.xls":  "is a binary Excel 97-2003 (.xls) workbook; save it as .xlsx or .csv",
		"c.csv":  "is empty",
		"d.csv":  "is not a text file (binary data); vet reads CSV, XLSX and JSON exports",
		"e.xlsx": "is not a readable .xlsx workbook (truncated or damaged: ",
		"f.xls":  "is a web page (HTML) saved as .xls; save it as .xlsx or .csv",
	}
	nl := lang.New(lang.Dutch, "")
	unresolved := regexp.MustCompile(`\{[a-z_]+\}|ingest\.(file|note)`)
	seen := map[string]bool{}
	for _, s := range b.Skipped {
		name := strings.TrimPrefix(s.Name, base+"/")
		seen[name] = true
		en, dutch := lang.InEnglish(s.Reason), nl.Say(s.Reason)
		t.Logf("%s: %s / %s", name, en, dutch)
		if w, ok := want[name]; ok && !strings.HasPrefix(en, w) {
			t.Errorf("%s: skipped in English as %q, want %q", name, en, w)
		}
		if unresolved.MatchString(en) || unresolved.MatchString(dutch) || dutch == "" {
			t.Errorf("%s: %q / %q", name, en, dutch)
		}
		if s.Reason.Key == "ingest.file.other" {
			t.Errorf("%s: the reason %q is not a catalog message of its own", name, en)
		} else if dutch == en {
			t.Errorf("%s: the Dutch reason is the English one: %q", name, dutch)
		}
		if (&SkippedError{Files: []Skipped{s}}).Error() != s.Name+": "+en {
			t.Errorf("%s: SkippedError says %q", name, (&SkippedError{Files: []Skipped{s}}).Error())
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("%s was not skipped (skipped: %+v)", name, b.Skipped)
		}
	}
	for _, in := range b.Inputs {
		if in.Note.IsZero() {
			continue
		}
		if en, dutch := lang.InEnglish(in.Note), nl.Say(in.Note); dutch == en || unresolved.MatchString(dutch) {
			t.Errorf("%s's note: %q in English, %q in Dutch", in.Name, en, dutch)
		}
	}
}

// TestWarningsAreNotices: what reading says of the batch is a notice, in the report's
// language (the page and the Summary sheet show Batch.Said), and each of Warnings is the
// English of one: a folder with a subfolder, title lines above a header, a header given
// twice, a quote never closed, short video ids, a JSON object holding the posts and an
// accounts file with rows that cannot be used.
func TestWarningsAreNotices(t *testing.T) {
	var ids strings.Builder
	ids.WriteString("account,video_id,views,likes,comments,shares\n")
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&ids, "ann,%d,100,10,1,1\n", i)
	}
	ids.WriteString("ann,7301234567890123456,100,10,1,1\n")
	dir := tree(t, map[string][]byte{
		"a.csv":     []byte("Export of November\n\naccount,views,likes,comments,shares,likes\nann,100,10,1,1,3\n"),
		"b.csv":     []byte("account,views,likes,comments,shares\nbob,100,10,1,1\nbob,\"100,10,1,1\n"),
		"c.csv":     []byte(ids.String()),
		"d.json":    []byte(`{"items": [{"authorMeta.name": "cat", "playCount": 100, "diggCount": 10, "commentCount": 1, "shareCount": 1}]}`),
		"old/x.csv": []byte(goodCSV),
	})
	acc := writeAccounts(t, "handle,followers\nann,many\nbob,-3\nbob,2000\n")
	b, err := Read([]string{dir}, Options{Accounts: []string{acc}})
	if err != nil {
		t.Fatal(err)
	}
	said := map[string]lang.Msg{}
	for _, m := range b.Notices {
		said[lang.InEnglish(m)] = m
	}
	if len(b.Warnings) < 7 {
		t.Errorf("%d warnings, want at least 7: %q", len(b.Warnings), b.Warnings)
	}
	nl := lang.New(lang.Dutch, "")
	unresolved := regexp.MustCompile(`\{[a-z_]+\}|ingest\.notice`)
	for _, w := range b.Warnings {
		m, ok := said[w]
		if !ok {
			t.Errorf("the warning %q is no notice: the report cannot say it in its language", w)
			continue
		}
		dutch := nl.Say(m)
		t.Logf("%s\n\t%s", w, dutch)
		if dutch == w || unresolved.MatchString(dutch) || unresolved.MatchString(w) {
			t.Errorf("%q is said in Dutch as %q", w, dutch)
		}
	}
	for _, want := range []string{"the header is on line 3", "appears more than once", "a quote opened on this line is never closed",
		"short numbers", "the posts are read from the object's \"items\" array", "vet reads the files of a folder, not its subfolders",
		`followers: "many" is not a count`} {
		if !slices.ContainsFunc(b.Warnings, func(w string) bool { return strings.Contains(w, want) }) {
			t.Errorf("no warning says %q: %q", want, b.Warnings)
		}
	}
}

// TestSaidNamesTenUnusedRows: an accounts file of many bad rows is named row by row on the
// terminal (every one among Warnings, in the run's language), but the page and the Summary
// sheet (Batch.Said) name the first ten and count the rest.
func TestSaidNamesTenUnusedRows(t *testing.T) {
	var acc strings.Builder
	acc.WriteString("handle,followers\nann,1000\n")
	for i := 0; i < 13; i++ {
		fmt.Fprintf(&acc, "x%d,many\n", i)
	}
	b := readString(t, "account,views,likes,comments,shares,caption\nann,100,10,1,1,hi\n", Options{Accounts: []string{writeAccounts(t, acc.String())}})
	if len(b.Warnings) != 13 || len(b.Notices) != 13 {
		t.Fatalf("%d warnings and %d notices, want 13 of each: %q", len(b.Warnings), len(b.Notices), b.Warnings)
	}
	said := b.Said()
	var rows int
	for _, m := range said {
		if m.Key == "ingest.notice.row" {
			rows++
		}
	}
	last := said[len(said)-1]
	if rows != 10 || len(said) != 11 || lang.InEnglish(last) != "… and 3 more rows of the accounts files or follower histories that are not used (the command lists them)" {
		t.Errorf("said %d rows in %d notices, the last %q", rows, len(said), lang.InEnglish(last))
	}
	if nl := lang.New(lang.Dutch, "").Say(last); !strings.HasPrefix(nl, "… en nog 3 rijen") {
		t.Errorf("in Dutch: %q", nl)
	}
}
