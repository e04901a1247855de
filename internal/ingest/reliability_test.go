package ingest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// The cases of issue 13 that live in ingest, one test each.

// Case 1: a count past 10^12 rejects its row, so that no sum over a batch can wrap.
func TestImplausibleCounts(t *testing.T) {
	body := "account,followers,views,likes,comments,shares\n" +
		"@ovf,20000,1000,9223372036854775807,1,0\n" +
		"@big,20000,1000000000001,1,1,0\n" +
		"@edge,20000,1000000000000,1,1,0\n" +
		"@ok,20000,1000,10,1,0\n"
	b := readString(t, body, Options{})
	want := []string{
		`-:2: likes: "9223372036854775807" is implausibly large for a count (above 10^12)`,
		`-:3: views: "1000000000001" is implausibly large for a count (above 10^12)`,
	}
	if len(b.Rejected) != len(want) {
		t.Fatalf("rejected %v; want %q", b.Rejected, want)
	}
	for i, w := range want {
		if got := b.Rejected[i].Error(); got != w {
			t.Errorf("rejected %q; want %q", got, w)
		}
	}
	if b.Used() != 2 || b.Posts[0].Views != MaxCount {
		t.Errorf("used %d (%+v); want @edge at 10^12 and @ok", b.Used(), b.Posts)
	}
}

// sheetXML edits a workbook's sheet part.
func sheetXML(t *testing.T, data []byte, edit func([]byte) []byte) []byte {
	return rezip(t, data, func(name string, b []byte) []byte {
		if strings.HasPrefix(name, "xl/worksheets/") {
			return edit(b)
		}
		return b
	})
}

// Case 2: a sheet whose XML ends early is an error, whatever its <dimension> says.
func TestTruncatedSheetWithoutDimension(t *testing.T) {
	rows := [][]any{{"account", "views", "likes", "comments", "shares"}}
	for i := range 200 {
		rows = append(rows, []any{fmt.Sprintf("acct%d", i), 100 + i, 10, 1, 1})
	}
	good := workbook(t, "Posts", rows)
	dimension := regexp.MustCompile(`<dimension ref="[^"]*"(/>|></dimension>)`)
	cut := func(b []byte) []byte { return b[:bytes.Index(b, []byte(`<row r="98"`))] }
	tests := []struct {
		name string
		data []byte
	}{
		{"no <dimension> at all", sheetXML(t, good, func(b []byte) []byte { return cut(dimension.ReplaceAll(b, nil)) })},
		{"<dimension> of A1, as excelize's StreamWriter writes it", sheetXML(t, good, func(b []byte) []byte {
			return cut(dimension.ReplaceAll(b, []byte(`<dimension ref="A1"/>`)))
		})},
		{"cut inside a cell", sheetXML(t, good, func(b []byte) []byte {
			b = dimension.ReplaceAll(b, nil)
			return b[:bytes.Index(b, []byte(`<row r="150"`))+25]
		})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read([]string{writeFile(t, "cut.xlsx", tc.data)}, Options{})
			if err == nil || !strings.Contains(err.Error(), "cut.xlsx: is damaged: its sheet sheet1.xml ends early") {
				t.Errorf("err = %v; want the sheet named as ending early", err)
			}
		})
	}
	t.Run("the same workbook whole, without a <dimension>, reads every row", func(t *testing.T) {
		whole := sheetXML(t, good, func(b []byte) []byte { return dimension.ReplaceAll(b, nil) })
		b, err := Read([]string{writeFile(t, "whole.xlsx", whole)}, Options{})
		if err != nil || b.Used() != 200 {
			t.Fatalf("used %d, err %v", b.Used(), err)
		}
	})
	t.Run("standard input is checked too", func(t *testing.T) {
		_, err := Read([]string{"-"}, Options{Stdin: bytes.NewReader(tests[0].data)})
		if err == nil || !strings.Contains(err.Error(), "ends early") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestTailWriter(t *testing.T) {
	var w tailWriter
	for _, p := range []string{strings.Repeat("x", 100), "<sheetData/>", "</work", "sheet>", "\r\n"} {
		w.Write([]byte(p))
	}
	if !w.closesWorksheet() {
		t.Errorf("tail %q does not close the worksheet", w.buf[:w.n])
	}
	for _, end := range []string{"</x:worksheet>", "</worksheet>  \n"} {
		w = tailWriter{}
		w.Write([]byte(end))
		if !w.closesWorksheet() {
			t.Errorf("%q does not close the worksheet", end)
		}
	}
	for _, end := range []string{"<row r=\"3\"><c", "</sheetData>", "worksheet>", "<worksheet>", "</a b:worksheet>"} {
		w = tailWriter{}
		w.Write([]byte(end))
		if w.closesWorksheet() {
			t.Errorf("%q closes the worksheet", end)
		}
	}
}

// Case 3: a quote opened and never closed mid-file does not swallow the rows after it.
func TestOpenQuote(t *testing.T) {
	head := "account,caption,views,likes,comments,shares\n"
	tests := []struct {
		name     string
		body     string
		used     []string // the accounts used, in order
		rejected string   // the one rejected row's Error()
		warning  string
	}{
		{"a quote on row 2 of 8 never closed: rows 3 to 8 are read",
			"ann,\"oops,1,1,1,1\nbob,b,2,2,2,2\ncid,c,3,3,3,3\ndan,d,4,4,4,4\neve,e,5,5,5,5\nfay,f,6,6,6,6\ngus,g,7,7,7,7\n",
			[]string{"bob", "cid", "dan", "eve", "fay", "gus"},
			"-:2: has a quote that opens here and is never closed (the lines after it are read as rows)",
			"-:2: a quote opened on this line is never closed; the row is rejected and the 6 lines after it are read as rows"},
		{"a quote closed by accident by a later quoted field: the rows between are read",
			"ann,\"oops,1,1,1,1\nbob,b,2,2,2,2\ncid,\"c\",3,3,3,3\ndan,d,4,4,4,4\n",
			[]string{"bob", "cid", "dan"},
			"-:2: has a quote that opens here and runs on to line 4 (the lines after it are read as rows)",
			"-:2: a quote opened on this line runs on to line 4"},
		{"a quote that runs into a row of the wrong shape",
			"ann,\"oops,1,1,1,1\nbob,b,2,2\"\n,2,2,2,2\ndan,d,4,4,4,4\n",
			[]string{"dan"},
			"", "-:2: a quote opened on this line runs on to line 3"},
		{"a caption across lines is still one caption", "ann,\"line one\nline two, with a comma\",1,1,1,1\nbob,b,2,2,2,2\n",
			[]string{"ann", "bob"}, "", ""},
		{"a caption across lines that closes in the first column", "\"ann\n\",x,1,1,1,1\nbob,b,2,2,2,2\n",
			[]string{"ann", "bob"}, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := readString(t, head+tc.body, Options{})
			var used []string
			for _, p := range b.Posts {
				used = append(used, p.Account)
			}
			if strings.Join(used, "|") != strings.Join(tc.used, "|") {
				t.Errorf("used %q; want %q (rejected %v)", used, tc.used, b.Rejected)
			}
			if tc.rejected != "" && (len(b.Rejected) == 0 || b.Rejected[0].Error() != tc.rejected) {
				t.Errorf("rejected %v; want first %q", b.Rejected, tc.rejected)
			}
			w := strings.Join(b.Warnings, "\n")
			if tc.warning == "" && strings.Contains(w, "quote") || !strings.Contains(w, tc.warning) {
				t.Errorf("warnings %q; want %q", b.Warnings, tc.warning)
			}
		})
	}
	t.Run("every line after the open quote counts as read", func(t *testing.T) {
		b := readString(t, head+tests[0].body, Options{})
		if b.Read != 7 || b.Used() != 6 || len(b.Rejected) != 1 {
			t.Errorf("read %d, used %d, rejected %d; want 7 = 6 + 1", b.Read, b.Used(), len(b.Rejected))
		}
		if p := b.Posts[5]; p.Account != "gus" || p.Line != 8 {
			t.Errorf("the last row %+v; want gus on line 8", p)
		}
	})
	t.Run("a header whose quote never closes is an error naming its line", func(t *testing.T) {
		_, err := Read([]string{"-"}, Options{Stdin: strings.NewReader("account,\"caption,views,likes,comments,shares\nann,x,1,1,1,1\n")})
		if err == nil || !strings.Contains(err.Error(), "-:1: header: a quote opened on this line is never closed") {
			t.Errorf("err = %v", err)
		}
	})
}

// Case 4: a NUL byte or a control character rejects its row, not the file.
func TestControlCharacters(t *testing.T) {
	body := "account,caption,views,likes,comments,shares\n" +
		"a\x00nn,x,1,1,1,1\n" +
		"bob,cap\x01tion,2,2,2,2\n" +
		"cid,\"tab\tand\r\nnewline\",3,3,3,3\n" +
		"dan,d,4,4,4,4\n"
	b := readString(t, body, Options{})
	want := []string{`-:2: account: "a\x00nn" holds a NUL byte or a control character`, `-:3: caption: "cap\x01tion" holds a NUL byte or a control character`}
	var got []string
	for _, r := range b.Rejected {
		got = append(got, r.Error())
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("rejected %q; want %q", got, want)
	}
	if b.Used() != 2 || b.Posts[0].Caption != "tab\tand\nnewline" {
		t.Errorf("used %+v; want cid (tab and newline are text) and dan", b.Posts)
	}
	t.Run("a file mostly of control bytes is still refused as binary", func(t *testing.T) {
		_, err := Read([]string{writeFile(t, "garbage.csv", bytes.Repeat([]byte("\x00\x01ab\x02\x03"), 1000))}, Options{})
		if err == nil || !strings.Contains(err.Error(), "is not a text file") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("a PNG named .csv is refused as binary", func(t *testing.T) {
		_, err := Read([]string{writeFile(t, "image.csv", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte("abc,"), 100)...))}, Options{})
		if err == nil || !strings.Contains(err.Error(), "is not a text file") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("a NUL in a JSON value rejects that object", func(t *testing.T) {
		js := `[{"authorMeta":{"name":"a\u0000b"},"playCount":1,"diggCount":1,"commentCount":1,"shareCount":1},` +
			`{"authorMeta":{"name":"ok"},"playCount":1,"diggCount":1,"commentCount":1,"shareCount":1}]`
		b, err := Read([]string{writeFile(t, "n.json", []byte(js))}, Options{})
		if err != nil || b.Used() != 1 || len(b.Rejected) != 1 || !strings.Contains(b.Rejected[0].Reason, "NUL") {
			t.Errorf("used %d, rejected %v, err %v", b.Used(), b.Rejected, err)
		}
	})
}

// Case 9: a value quoted in a message is cut at 200 characters.
func TestValuesCutAt200(t *testing.T) {
	t.Run("clip", func(t *testing.T) {
		for _, s := range []string{"", "short", strings.Repeat("é", 200), strings.Repeat("x", 201), strings.Repeat("😀", 5000)} {
			c := clip(s)
			if n := utf8.RuneCountInString(c); n > maxQuoted || (utf8.RuneCountInString(s) <= maxQuoted && c != s) || clip(c) != c {
				t.Errorf("clip of %d characters: %d characters, idempotent %v", utf8.RuneCountInString(s), n, clip(c) == c)
			}
		}
		if c := clip(strings.Repeat("x", 300)); !strings.HasSuffix(c, "…") || utf8.RuneCountInString(c) != maxQuoted {
			t.Errorf("clip cut to %d characters: %q", utf8.RuneCountInString(c), c)
		}
	})
	t.Run("a 1,000,000-character header line is not echoed whole", func(t *testing.T) {
		_, err := Read([]string{"-"}, Options{Stdin: strings.NewReader(strings.Repeat("h", 1_000_000) + "\nx\n")})
		if err == nil || len(err.Error()) > 2000 || !strings.Contains(err.Error(), strings.Repeat("h", 199)+"…") {
			t.Errorf("error of %d bytes", len(err.Error()))
		}
	})
	t.Run("a 100,000-character value in a rejected row is cut", func(t *testing.T) {
		b := readString(t, "account,views,likes,comments,shares\nann,"+strings.Repeat("9x", 50_000)+",1,1,1\n", Options{})
		if len(b.Rejected) != 1 || utf8.RuneCountInString(b.Rejected[0].Value) != maxQuoted || len(b.Rejected[0].Error()) > 400 {
			t.Errorf("rejected value of %d characters, message of %d bytes", utf8.RuneCountInString(b.Rejected[0].Value), len(b.Rejected[0].Error()))
		}
	})
	t.Run("a duplicate header of 10,000 characters is cut in its warning", func(t *testing.T) {
		h := strings.Repeat("v", 10_000)
		b := readString(t, "account,"+h+",likes,comments,shares,"+h+"\nann,1,1,1,1,1\n", Options{Map: map[Field]string{FieldViews: h}})
		if len(b.Warnings) != 1 || len(b.Warnings[0]) > 400 {
			t.Errorf("warnings %d, first of %d bytes", len(b.Warnings), len(b.Warnings[0]))
		}
	})
}

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
				if s.Reason == "" || strings.Contains(s.Reason, s.Name) {
					t.Errorf("skipped %s with reason %q", s.Name, s.Reason)
				}
			}
			if strings.Join(names, ",") != strings.Join(wantSkipped, ",") {
				t.Errorf("skipped %q; want %q", names, wantSkipped)
			}
			var accounts []string
			for _, p := range b.Posts {
				accounts = append(accounts, p.Account)
			}
			if strings.Join(accounts, ",") != "ann,bob,zed" || len(b.Rejected) != 0 || len(b.Inputs) != 3 || b.Read != 3 {
				t.Errorf("accounts %q, rejected %v, inputs %d, read %d: the skipped files left something behind", accounts, b.Rejected, len(b.Inputs), b.Read)
			}
			w := strings.Join(b.Warnings, "\n")
			if !strings.Contains(w, "skipped "+base+"/b.xls: is a binary Excel 97-2003 (.xls) workbook") || !strings.Contains(w, "skipped "+base+"/c.csv: is empty") {
				t.Errorf("warnings %q", b.Warnings)
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
			!strings.Contains(b.Skipped[0].Reason, "--map likes=hearts: no such header here; headers seen: account, views, likes") {
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
	if b.Posts[0].File != "exports/a.csv" || b.Rejected[0].File != "exports/a.csv" || b.Posts[1].File != "x.csv" {
		t.Errorf("post files %q, %q, rejected %q", b.Posts[0].File, b.Posts[1].File, b.Rejected[0].File)
	}
	t.Run("a relative argument is named as given", func(t *testing.T) {
		t.Chdir(dir)
		b, err := Read([]string{"exports", "x.csv"}, Options{})
		if err != nil || b.Inputs[0].Name != filepath.Join("exports", "a.csv") || b.Inputs[1].Name != "x.csv" {
			t.Errorf("inputs %+v, err %v", b.Inputs, err)
		}
	})
}
