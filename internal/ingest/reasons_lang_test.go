package ingest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vet-tool/vet/internal/lang"
)

// TestEveryReasonIsInTheCatalogs finds every reason ingest names in its source (why("key"))
// and every reason rejected rows of a hostile file carry, and says them in every language:
// each key must be in every catalog and each message must come out whole.
func TestEveryReasonIsInTheCatalogs(t *testing.T) {
	keys := map[string]bool{}
	for _, n := range []string{"1", "2", "3", "4"} {
		keys["no_count_"+n] = true
	}
	for _, f := range []Field{FieldViews, FieldLikes, FieldComments, FieldShares} {
		keys["count_name."+f.String()] = true
	}
	called := regexp.MustCompile(`why\("([a-z_]+)"`)
	named := regexp.MustCompile(`(?:badCount\([a-z]+, |bad\()"([a-z_]+)"\)`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range []*regexp.Regexp{called, named} {
			for _, m := range re.FindAllStringSubmatch(string(src), -1) {
				keys[m[1]] = true
			}
		}
	}
	if len(keys) < 30 {
		t.Fatalf("found only %d reasons in the source: %v", len(keys), keys)
	}

	// Rows that are each wrong in a different way, read as a user's file would be.
	csv := "account,video_id,date,views,likes,comments,shares,pinned,followers\n" +
		"a,1,2026-11-01,100,10,1,1,no,1000\n" +
		"a,2,2026-11-02,-5,10,1,1,no,1000\n" +
		"a,3,2026-11-03,1.5,10,1,1,no,1000\n" +
		"a,4,not a date,100,10,1,1,no,1000\n" +
		"a,5,2026-11-05,,,1,,no,1000\n" +
		"a,6,2026-11-06,100,10,1,1,maybe,1000\n" +
		",7,2026-11-07,100,10,1,1,no,1000\n" +
		"a,8,2026-11-08,0100,10,1,1,no,1000\n" +
		"a,9,2026-11-09,100,10,1,1,no,1000,extra\n" +
		"a,10,2026-11-10,100,10,\"1,1,no,1000\n"
	b, err := Read([]string{writeFile(t, "bad.csv", []byte(csv))}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Rejected) < 8 {
		t.Fatalf("rejected %d rows, want at least 8: %v", len(b.Rejected), b.Rejected)
	}
	unresolved := regexp.MustCompile(`\{[a-z_]+\}|ingest\.reason`)
	for _, l := range lang.Langs() {
		p := lang.New(l, "")
		for k := range keys {
			if !p.Has("ingest.reason." + k) {
				t.Errorf("ingest.reason.%s is not in %s.yaml", k, l)
			}
		}
		for _, e := range b.Rejected {
			if s := p.Say(e.Reason); s == "" || unresolved.MatchString(s) {
				t.Errorf("%s:%d in %s: %q", e.File, e.Line, l, s)
			}
		}
	}
	// The English words are those the CLI has always printed.
	for _, e := range b.Rejected {
		if e.Line == 6 && !strings.Contains(e.Error(), "no views, likes or shares count (missing is not zero)") {
			t.Errorf("line 6: %s", e.Error())
		}
	}
}
