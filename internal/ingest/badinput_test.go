package ingest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeFile writes a test input and returns its path.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// workbook builds an .xlsx in memory from rows of one sheet.
func workbook(t *testing.T, sheet string, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	if sheet != "Sheet1" {
		f.SetSheetName("Sheet1", sheet)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	// Excel declares the sheet's extent; excelize leaves "A1" unless told.
	last, _ := excelize.CoordinatesToCellName(len(rows[0]), len(rows))
	f.SetSheetDimension(sheet, "A1:"+last)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rezip copies a zip, passing each entry's content through edit.
func rezip(t testing.TB, data []byte, edit func(name string, b []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		w, _ := zw.Create(f.Name)
		w.Write(edit(f.Name, b.Bytes()))
	}
	zw.Close()
	return out.Bytes()
}

// zipBomb is a workbook whose sheet inflates to size bytes of zeros while the file stays about
// a thousandth of that: a deflate block of 1 MiB of zeros, repeated.
func zipBomb(t *testing.T, size int64) []byte {
	t.Helper()
	var chunk bytes.Buffer
	fw, _ := flate.NewWriter(&chunk, flate.BestCompression)
	fw.Write(make([]byte, 1<<20))
	fw.Flush()
	n := size >> 20
	body := bytes.Repeat(chunk.Bytes(), int(n))
	body = append(body, 0x03, 0x00) // a final, empty block
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CRC32: crc32.ChecksumIEEE(nil), CompressedSize64: uint64(len(body)), UncompressedSize64: uint64(n << 20)})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body)
	zw.Close()
	return out.Bytes()
}

const goodHead = "account,views,likes,comments,shares,followers,date\n"

func TestBadInputs(t *testing.T) {
	xls := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...)
	good := workbook(t, "Posts", [][]any{{"account", "views", "likes", "comments", "shares"}, {"ann", 100, 10, 1, 1}, {"bob", 200, 20, 2, 2}})
	tests := []struct {
		name    string
		file    string
		data    []byte
		wantErr string // a part of the one-line error
	}{
		{"an empty file is an error naming it", "empty.csv", nil, "empty.csv: is empty"},
		{"a file of blank lines is empty", "blank.csv", []byte("\n\n,,,\n"), "blank.csv: is empty"},
		{"binary garbage is not text", "garbage.csv", []byte("\x00\x01\x02\xff\xfe\x00garbage\x00"), "garbage.csv: is not a text file"},
		{"a .xls renamed .csv is named for what it is", "old.csv", xls, "old.csv: is a binary Excel 97-2003 (.xls) workbook"},
		{"a .xls is named for what it is", "old.xls", xls, "old.xls: is a binary Excel 97-2003 (.xls) workbook"},
		{"a password-protected workbook says so", "locked.xlsx", append(append([]byte{}, xls...), utf16Name("EncryptionInfo")...), "locked.xlsx: is a password-protected workbook"},
		{"a truncated .xlsx is a damaged workbook", "cut.xlsx", good[:len(good)/2], "cut.xlsx: is not a readable .xlsx workbook"},
		{"a sheet cut short inside a valid zip is caught by its dimension", "short.xlsx",
			rezip(t, good, func(name string, b []byte) []byte {
				if strings.HasPrefix(name, "xl/worksheets/") {
					i := bytes.Index(b, []byte(`<row r="3"`))
					return b[:i]
				}
				return b
			}), "short.xlsx[Posts]: is damaged: it declares 3 rows but only 2 could be read"},
		{"a zip bomb is refused before it inflates", "bomb.xlsx", zipBomb(t, unzipSizeLimit+(64<<20)), "bomb.xlsx: is refused: its part xl/worksheets/sheet1.xml unpacks to more than 250 times its packed size (a damaged file or a zip bomb)"},
		{"missing required columns are one error listing what was seen and tried", "cols.csv",
			[]byte("name,plays\nann,5\n"), "cols.csv: no column for account, likes, comments, shares (headers seen: name, plays; aliases tried: account: account, handle"},
		{"invalid JSON names its line", "bad.json", []byte("[\n{\"a\":1},\n{oops}\n]"), "bad.json:3: is not valid JSON"},
		{"an HTML table named .xls is named for what it is", "web.xls", []byte("<html><table><tr><td>x</td></tr></table></html>"), "web.xls: is a web page (HTML) saved as .xls"},
		{"an unknown extension is refused", "posts.pdf", []byte("x"), "posts.pdf: vet reads .csv"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, tc.file, tc.data)
			_, err := Read([]string{p}, Options{})
			if err == nil {
				t.Fatalf("no error; want %q", tc.wantErr)
			}
			msg := strings.TrimPrefix(err.Error(), filepath.Dir(p)+string(filepath.Separator))
			if !strings.Contains(msg, tc.wantErr) || strings.Contains(msg, "\n") || msg[0] != strings.ToLower(msg[:1])[0] {
				t.Fatalf("error %q; want one lowercase line containing %q", msg, tc.wantErr)
			}
		})
	}
}

func TestBadRows(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		used     int
		rejected []string // each rejected row's Error(), in order
		warning  string
	}{
		{"a header alone reads no rows and says so", "", 0, nil, "has a header but no rows"},
		{"a ragged row is rejected with its line and the good rows still come through",
			"ann,1,1,1,1,10,\nbob,1,1,1\ncid,2,2,2,2,10,\n", 2, []string{"-:3: has 4 fields where the header has 7 (a delimiter or quote out of place?)"}, ""},
		{"a row with extra empty cells at its end is fine", "ann,1,1,1,1,10,,,\n", 1, nil, ""},
		{"zero counts are counts", "ann,0,0,0,0,0,\n", 1, nil, ""},
		{"a negative count rejects the row, naming line, column and value",
			"ann,1,-3,1,1,1,\nbob,1,1,1,1,1,\n", 1, []string{`-:2: likes: "-3" is negative`}, ""},
		{"an overflowing count rejects the row",
			"ann,99999999999999999999,1,1,1,1,\n", 0, []string{`-:2: views: "99999999999999999999" is too large for a count`}, ""},
		{"a missing required count rejects the row rather than reading zero",
			"ann,1,,1,1,1,\n", 0, []string{`-:2: likes: no likes count (missing is not zero)`}, ""},
		{"a hidden follower count is missing and the row is used", "ann,1,1,1,1,-1,\n", 1, nil, ""},
		{"an unknown date rejects the row", "ann,1,1,1,1,1,someday\n", 0, []string{`-:2: date: "someday" is not a date`}, ""},
		{"a row without an account is rejected", ",1,1,1,1,1,\n", 0, []string{`-:2: account: no account (and no /@handle/ in a url)`}, ""},
		{"a quoted caption across lines keeps later line numbers physical",
			"\"ann\n\",1,1,1,1,1,\nbob,x,1,1,1,1,\n", 1, []string{`-:4: views: "x" is not a count`}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := readString(t, goodHead+tc.body, Options{})
			if b.Used() != tc.used {
				t.Errorf("used %d; want %d", b.Used(), tc.used)
			}
			var got []string
			for _, r := range b.Rejected {
				got = append(got, r.Error())
			}
			if strings.Join(got, "|") != strings.Join(tc.rejected, "|") {
				t.Errorf("rejected %q; want %q", got, tc.rejected)
			}
			if tc.warning != "" && !strings.Contains(strings.Join(b.Warnings, "\n"), tc.warning) {
				t.Errorf("warnings %q; want %q", b.Warnings, tc.warning)
			}
		})
	}
}

func TestHugeInputs(t *testing.T) {
	t.Run("a caption of 1 MB less a little is read whole", func(t *testing.T) {
		caption := strings.Repeat("ab,\"c\"\n😀", (1<<20)/13-1000) // 13 bytes each as written
		body := "account,views,likes,comments,shares,caption\nann,1,1,1,1,\"" + strings.ReplaceAll(caption, `"`, `""`) + "\"\nbob,2,2,2,2,x\n"
		b := readString(t, body, Options{})
		if b.Used() != 2 || b.Texts.Of(b.Posts[0].Caption) != caption || int(b.Posts[1].Line) != strings.Count(body, "\n") {
			t.Errorf("used %d, caption intact %v, bob on line %d", b.Used(), b.Texts.Of(b.Posts[0].Caption) == caption, b.Posts[1].Line)
		}
	})
	t.Run("a 10 MB caption is rejected, named by its row (issue 23: a quoted field is capped at 1 MB)", func(t *testing.T) {
		caption := strings.Repeat("ab,c\n😀", 10<<20/9)
		body := "account,views,likes,comments,shares,caption\nann,1,1,1,1,\"" + caption + "\"\nbob,2,2,2,2,x\n"
		b := readString(t, body, Options{})
		if len(b.Rejected) == 0 || b.Rejected[0].Line != 2 || !strings.Contains(b.Rejected[0].Error(), "is longer than 1 MB") {
			t.Fatalf("rejected %v", b.Rejected)
		}
		if n := len(b.Posts); n == 0 || b.Texts.Of(b.Posts[n-1].Account) != "bob" || int(b.Posts[n-1].Line) != strings.Count(body, "\n") {
			t.Errorf("posts %d, the last %+v", n, b.Posts[n-1])
		}
	})
	t.Run("100,000 columns are read, the fields found among them", func(t *testing.T) {
		var h, r strings.Builder
		for i := range 100_000 {
			h.WriteString("c" + strings.Repeat("x", i%7) + string(rune('0'+i%10)) + ",")
			r.WriteString("1,")
		}
		body := h.String() + "account,views,likes,comments,shares\n" + r.String() + "ann,5,4,3,2\n"
		b := readString(t, body, Options{})
		if b.Used() != 1 || b.Posts[0].Views != 5 {
			t.Errorf("used %d, rejected %v", b.Used(), b.Rejected)
		}
	})
	t.Run("duplicate headers read the first and warn", func(t *testing.T) {
		b := readString(t, "account,views,likes,comments,shares,Views\nann,5,4,3,2,9\n", Options{})
		if b.Posts[0].Views != 5 || !strings.Contains(strings.Join(b.Warnings, " "), `"views" appears more than once; column 2 is read`) {
			t.Errorf("views %d, warnings %q", b.Posts[0].Views, b.Warnings)
		}
	})
}

func TestWorkbooks(t *testing.T) {
	t.Run("every sheet with posts is read and an accounts sheet gives followers", func(t *testing.T) {
		f := excelize.NewFile()
		f.SetSheetName("Sheet1", "Week 1")
		f.SetSheetRow("Week 1", "A1", &[]any{"handle", "views", "likes", "comments", "shares", "date"})
		f.SetSheetRow("Week 1", "A2", &[]any{"Ann", 100, 10, 1, 1, 45658})
		f.NewSheet("Week 2")
		f.SetSheetRow("Week 2", "A1", &[]any{"handle", "views", "likes", "comments", "shares", "video_id"})
		f.SetSheetRow("Week 2", "A3", &[]any{"bob", "1.2K", "12.345", 1, 1, "v1"})
		f.NewSheet("Accounts")
		f.SetSheetRow("Accounts", "A1", &[]any{"username", "followers"})
		f.SetSheetRow("Accounts", "A2", &[]any{"@ANN", 5000})
		f.NewSheet("Notes")
		f.SetSheetRow("Notes", "A1", &[]any{"whatever"})
		var buf bytes.Buffer
		f.Write(&buf)
		b, err := Read([]string{writeFile(t, "posts.xlsx", buf.Bytes())}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if b.Used() != 2 || b.Followers["ann"] != 5000 {
			t.Fatalf("used %d, followers %v", b.Used(), b.Followers)
		}
		ann, bob := b.Posts[0], b.Posts[1]
		if !ann.PostedAt.Time().Equal(utc(2025, 1, 1, 0, 0, 0)) || b.Texts.Of(ann.File) != filepath.Join(filepath.Dir(b.Texts.Of(ann.File)), "posts.xlsx[Week 1]") {
			t.Errorf("ann = %+v", ann)
		}
		if bob.Views != 1200 || bob.Likes != 12345 || !bob.Rounded || bob.Line != 3 {
			t.Errorf("bob = %+v", bob)
		}
	})
}

func TestWorkbookMistakes(t *testing.T) {
	t.Run("a posts sheet missing a required column is an error, not a table of followers", func(t *testing.T) {
		data := workbook(t, "Sheet1", [][]any{{"account", "followers", "views", "likes", "comments"}, {"ann", 10, 1, 1, 1}})
		_, err := Read([]string{writeFile(t, "p.xlsx", data)}, Options{})
		if err == nil || !strings.Contains(err.Error(), "p.xlsx[Sheet1]: no column for shares") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestTextNamedXLS(t *testing.T) {
	t.Run("tab-separated text named .xls is read as text", func(t *testing.T) {
		b, err := Read([]string{writeFile(t, "export.xls", []byte("account\tviews\tlikes\tcomments\tshares\nann\t1\t1\t1\t1\n"))}, Options{})
		if err != nil || b.Used() != 1 || b.Inputs[0].Delimiter != "tab" {
			t.Errorf("err %v, batch %+v", err, b)
		}
	})
}
