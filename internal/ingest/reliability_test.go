package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/lang"
)

// The cases of issue 13 that live in ingest, one test each (folders_test.go holds those about
// the files of a folder).

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
				used = append(used, b.Texts.Of(p.Account))
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
		if p := b.Posts[5]; b.Texts.Of(p.Account) != "gus" || p.Line != 8 {
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
	if b.Used() != 2 || b.Texts.Of(b.Posts[0].Caption) != "tab\tand\nnewline" {
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
		if err != nil || b.Used() != 1 || len(b.Rejected) != 1 || !strings.Contains(lang.InEnglish(b.Rejected[0].Reason), "NUL") {
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

// Issue 15: recover guards excelize's calls only.
func TestGuard(t *testing.T) {
	t.Run("a panic inside excelize's call is a damaged workbook", func(t *testing.T) {
		err := guard(func() error { panic("index out of range") })
		var ep *excelizePanic
		if !errors.As(err, &ep) || err.Error() != "is not a readable .xlsx workbook (damaged: index out of range)" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("a panic in vet's own row code crashes rather than pass for a damaged workbook", func(t *testing.T) {
		x := excelize.NewFile()
		sw, err := x.NewStreamWriter("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		sw.SetRow("A1", []any{"account", "views", "likes", "comments", "shares"})
		for i := range progressEvery + 10 {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			sw.SetRow(cell, []any{"ann", i, 1, 1, 1})
		}
		sw.Flush()
		var buf bytes.Buffer
		x.Write(&buf)
		p := writeFile(t, "posts.xlsx", buf.Bytes())
		defer func() {
			if v := recover(); v != "a bug in a row's code" {
				t.Errorf("recovered %v; want the row code's panic", v)
			}
		}()
		// Progress is called from the row code, after excelize handed the cells over.
		_, err = Read([]string{p}, Options{Progress: func(int) { panic("a bug in a row's code") }})
		t.Errorf("Read returned (%v) instead of panicking", err)
	})
}
