package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The fuzz targets SPEC §6 asks for. Inputs they found are kept in testdata/fuzz/.

func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"12345", "12,345", "12.345", "12 345", "12'345", "1.2K", "1,2K", "3.4M", "1B",
		"12345.0", "", "-1", "1.5", "-3", "abc", "NaN", "inf", "1e30", "0x10", "010", "9223372036854775808",
		"1\u00a0234", "0.5k", "1,234.00", "99999999999B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, rounded, err := ParseCount(s)
		if err != nil {
			if _, ok := err.(*ValueError); !ok {
				t.Fatalf("ParseCount(%q) error %T is not a *ValueError", s, err)
			}
			return
		}
		if n < Missing {
			t.Fatalf("ParseCount(%q) = %d, below Missing", s, n)
		}
		if !rounded && n.Known() {
			back, _, err := ParseCount(strconv.FormatInt(int64(n), 10))
			if err != nil || back != n {
				t.Fatalf("ParseCount(%q) = %d, which does not read back (%d, %v)", s, n, back, err)
			}
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-05-21", "2025-05-21 09:44:45", "2022-11-16T16:29:55.000Z", "2024-01-02T03:04:05+02:00",
		"21/05/2025", "05/21/2025", "03/04/2025 10:00", "21-05-2025", "1668616195", "1668616195000", "45123.5",
		"July 16", "16 Jul 2024", "", "12", "31/02/2025", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		at, order, err := parseDate(s)
		if err != nil {
			if _, ok := err.(*ValueError); !ok {
				t.Fatalf("parseDate(%q) error %T is not a *ValueError", s, err)
			}
			return
		}
		if at.IsZero() || order == orderYearless {
			return
		}
		if at.Location() != time.UTC {
			t.Fatalf("parseDate(%q) = %v, not in UTC", s, at)
		}
		back, _, err := parseDate(at.Format(time.RFC3339Nano))
		if err != nil || !back.Equal(at) {
			t.Fatalf("parseDate(%q) = %v, which does not read back (%v, %v)", s, at, back, err)
		}
	})
}

func FuzzSniffDelimiter(f *testing.F) {
	f.Add([]byte("a,b,c\n1,2,3\n"), true)
	f.Add([]byte("a;b;c\r\n\"x;y\";2;3\r\n"), true)
	f.Add([]byte("a\tb\n1\t2"), false)
	f.Add([]byte("a|b|c\n\"multi\nline\"|2|3\n"), true)
	f.Fuzz(func(t *testing.T, sample []byte, complete bool) {
		d := SniffDelimiter(sample, complete)
		if !slices.Contains(delimiters[:], d) {
			t.Fatalf("SniffDelimiter(%q) = %q, not a delimiter vet knows", sample, d)
		}
	})
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("account,views,likes,comments,shares\nann,100,10,1,1\n"), false)
	f.Add([]byte("\ufeffhandle;plays;hearts;reacties;gedeeld;datum\n@Ann;1.2K;12.345;0;-1;03/04/2025\n\"b\nx\";5;5;5;5;13/04/2025\n"), false)
	f.Add([]byte("url\tviews\tlikes\tcomments\tshares\nhttps://www.tiktok.com/@a/video/1\t1\t1\t1\t1\n"), false)
	f.Add([]byte(`[{"authorMeta":{"name":"a","fans":10},"playCount":5,"diggCount":1,"commentCount":1,"shareCount":1,"id":"7"}]`), true)
	f.Add([]byte("{\"authorMeta.name\":\"a\",\"playCount\":5,\"diggCount\":1,\"commentCount\":1,\"shareCount\":1}\nnot json\n"), true)
	f.Add([]byte("account,views,likes,comments,shares\na\x00nn,1,1,1,1\nbob,2,2,2,2\n"), false)
	f.Add([]byte("account,caption,views,likes,comments,shares\nann,\"open,1,1,1,1\nbob,b,2,2,2,2\ncid,\"c\",3,3,3,3\n"), false)
	f.Add([]byte("account,caption,views,likes,comments,shares\nann,\"a\nb\",1,1,1,1\nbob,\"never closed,2,2,2,2\ncid,c,3,3,3,3"), false)
	f.Add([]byte("[{\"authorMeta\":{\"name\":\"a\\u0000\"},\"playCount\":1,\"diggCount\":1,\"commentCount\":1,\"shareCount\":1}]"), true)
	// issue 23's JSON shapes: arrays one after the other, data after one, a wrapping object,
	// an array of arrays, counts given as an array, an object or a boolean; and CR-only lines.
	f.Add([]byte(`[{"authorMeta.name":"a","playCount":5,"diggCount":1,"commentCount":1,"shareCount":1}][{"authorMeta.name":"b","playCount":[1],"diggCount":{},"commentCount":true,"shareCount":1}]`), true)
	f.Add([]byte(`[{"authorMeta.name":"a","playCount":5,"diggCount":1,"commentCount":1,"shareCount":1}] {"x":1}`), true)
	f.Add([]byte(`{"count":1,"items":[{"authorMeta.name":"a","playCount":5,"diggCount":1,"commentCount":1,"shareCount":1}]}`), true)
	f.Add([]byte(`[["account","views"],["a",1]]`), true)
	f.Add([]byte("account,views,likes,comments,shares,video_idann,1,1,1,1,7.30E+18bob,2,2,2,2,7.30E+18"), false)
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"account", "views", "likes", "comments", "shares", "date"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"ann", 1, "1.2K", 3, 4, 45658.5})
	x.SetSheetDimension("Sheet1", "A1:F2")
	var xb bytes.Buffer
	x.Write(&xb)
	f.Add(xb.Bytes(), false)
	for _, d := range damagedSheets(f) { // issue 23: a sheet read completely or refused
		f.Add(d, false)
	}
	f.Fuzz(func(t *testing.T, data []byte, asJSON bool) {
		b := &Batch{}
		format := "csv"
		if asJSON {
			format = "json"
		}
		opts := &Options{Now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
		start := time.Now()
		err := readStream("fuzz", format, bytes.NewReader(data), nil, opts, b, &reading{})
		if d := time.Since(start); d > 3*time.Second && len(data) < 1<<20 {
			t.Fatalf("reading %d bytes took %v", len(data), d)
		}
		if err != nil {
			return
		}
		b.dedupe()
		if !b.Reconciles() {
			t.Fatalf("read %d != used %d + duplicates %d + rejected %d", b.Read, len(b.Posts), b.Duplicates, len(b.Rejected))
		}
		for _, p := range b.Posts {
			if b.Texts.Of(p.Key) == "" || !p.Likes.Known() || !p.Comments.Known() {
				t.Fatalf("a post without the counts every rate needs was used: %+v", p)
			}
			for _, c := range []Count{p.Views, p.Likes, p.Comments, p.Shares, p.Saves, p.Followers} {
				if c > MaxCount {
					t.Fatalf("a count above MaxCount was used: %+v", p)
				}
			}
			for _, s := range []string{b.Texts.Of(p.Account), b.Texts.Of(p.VideoID), b.Texts.Of(p.URL), b.Texts.Of(p.Caption)} {
				if hasControl(s) {
					t.Fatalf("a post with a control character was used: %+v", p)
				}
			}
			if strings.ContainsFunc(b.Texts.Of(p.Account), invisible) || FoldHandle(b.Texts.Of(p.Key)) != b.Texts.Of(p.Key) {
				t.Fatalf("a post's handle %q shows characters that draw nothing, or its key %q folds again", b.Texts.Of(p.Account), b.Texts.Of(p.Key))
			}
		}
	})
}

// FuzzCSVScanner holds csvScanner to encoding/csv with LazyQuotes: the same records, the same
// fields, the same physical line for each record, whatever the bytes and the delimiter, with a
// read buffer small enough that lines overflow it.
func FuzzCSVScanner(f *testing.F) {
	for _, s := range []string{
		"a,b,c\n1,2,3\n", "a,b\r\n1,2\r\n", "a,b\n1,2", "a,b\n1,2\r", "\n\n\r\na,b\n\n1,2\n",
		"a,\"b,c\",d\n", "\"a\"\"b\",c\n", "\"multi\nline\",x\ny,z\n", "\"multi\r\nline\r\n\",x\r\n",
		"a\"b,c\n", "\"a\"b,c\n", "\"a\" ,b\n", "\"open,to the end\n1,2\n", "\"open", "\"\"", "\"a\"\n\"b\"",
		",,,\n", "x,\"\"\n", "a,b\rc,d\n", "\"a\rb\",c\n", "é,\"ü\"\"\",ß\n", "a;b;\"c;d\"\n",
		"a\tb\t\"c\td\"\n", "a|b|\"c|d\"\n", strings.Repeat("long,", 40) + "\"" + strings.Repeat("q", 50) + "\"\n",
	} {
		f.Add([]byte(s), byte(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, which byte) {
		comma := delimiters[int(which)%len(delimiters)]
		for _, size := range []int{16, 4096} {
			cr := csv.NewReader(bytes.NewReader(data))
			cr.Comma, cr.FieldsPerRecord, cr.LazyQuotes, cr.ReuseRecord = comma, -1, true, true
			sc := newCSVScanner(bufio.NewReaderSize(bytes.NewReader(data), size), comma)
			for n := 1; ; n++ {
				want, werr := cr.Read()
				got, gerr := sc.next()
				if (werr == nil) != (gerr == nil) || (werr == io.EOF) != (gerr == io.EOF) {
					t.Fatalf("buffer %d, record %d: error %v, encoding/csv's %v", size, n, gerr, werr)
				}
				if werr == io.EOF {
					break
				}
				if !slices.Equal(got, want) {
					t.Fatalf("buffer %d, record %d: %q, encoding/csv reads %q", size, n, got, want)
				}
				if line, _ := cr.FieldPos(0); line != sc.start {
					t.Fatalf("buffer %d, record %d: starts on line %d, encoding/csv says %d", size, n, sc.start, line)
				}
			}
		}
	})
}

// FuzzOpenQuote writes rows whose captions are whatever the fuzzer likes (without quotes,
// newlines, delimiters or control characters) and opens a quote in one of them that never
// closes: that row is rejected and every other row is read and used, none swallowed.
func FuzzOpenQuote(f *testing.F) {
	f.Add(uint8(8), uint8(1), "caption", true)
	f.Add(uint8(2), uint8(0), "", false)
	f.Add(uint8(40), uint8(39), "a b c", true)
	f.Fuzz(func(t *testing.T, rows, at uint8, caption string, crlf bool) {
		n := int(rows%60) + 1
		k := int(at) % n
		caption = strings.Map(func(r rune) rune {
			if r == '"' || r == ',' || r < 0x20 || r == 0x7f || r == utf8.RuneError {
				return -1
			}
			return r
		}, caption)
		nl := "\n"
		if crlf {
			nl = "\r\n"
		}
		var body strings.Builder
		body.WriteString("account,caption,views,likes,comments,shares" + nl)
		for i := range n {
			open := ""
			if i == k {
				open = "\""
			}
			fmt.Fprintf(&body, "acct%d,%s%s %d,%d,1,1,1%s", i, open, caption, i, i+1, nl)
		}
		b := &Batch{}
		if err := readStream("fuzz.csv", "csv", strings.NewReader(body.String()), nil, &Options{}, b, &reading{}); err != nil {
			t.Fatal(err)
		}
		if b.Read != n || b.Used() != n-1 || len(b.Rejected) != 1 || b.Rejected[0].Line != k+2 {
			t.Fatalf("%d rows, quote opened on row %d: read %d, used %d, rejected %v", n, k+1, b.Read, b.Used(), b.Rejected)
		}
		if !strings.Contains(strings.Join(b.Warnings, "\n"), fmt.Sprintf("fuzz.csv:%d: a quote opened on this line", k+2)) {
			t.Fatalf("warnings %q do not name line %d", b.Warnings, k+2)
		}
		for j, p := range b.Posts {
			i := j
			if j >= k {
				i++
			}
			if b.Texts.Of(p.Account) != fmt.Sprintf("acct%d", i) || int(p.Line) != i+2 || p.Views != Count(i+1) {
				t.Fatalf("post %d = %+v; want acct%d on line %d", j, p, i, i+2)
			}
		}
	})
}
