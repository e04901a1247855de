package ingest

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
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
