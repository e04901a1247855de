package ingest

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		name   string
		sample string
		want   rune
	}{
		{"commas are found", "a,b,c\n1,2,3\n", ','},
		{"semicolons beat the decimal commas inside values", "a;b;c\n1,5;2,5;3\n4,1;5;6\n", ';'},
		{"tabs are found", "a\tb\tc\n1\t2\t3\n", '\t'},
		{"pipes are found", "a|b|c\n1|2|3\n", '|'},
		{"commas inside quotes do not count", "a;b\n\"x,y,z\";2\n\"p,q\";3\n", ';'},
		{"newlines inside quotes do not end a record", "a,b\n\"x\ny;z;w\",2\n", ','},
		{"a single column falls back to commas", "views\n1\n2\n", ','},
		{"a header alone is enough", "a;b;c", ';'},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SniffDelimiter([]byte(tc.sample), true); got != tc.want {
				t.Errorf("SniffDelimiter(%q) = %q; want %q", tc.sample, got, tc.want)
			}
		})
	}
}

func encode(t *testing.T, s string, enc interface{ Bytes([]byte) ([]byte, error) }) []byte {
	t.Helper()
	b, err := enc.Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEncodingsAndDialects(t *testing.T) {
	const text = "handle;views;likes;comments;shares;caption\r\nJosé;1.234;5;6;7;\"olé 😀\r\nsecond line; with ; semicolons\"\r\nbob;2;2;2;2;plain\r\n"
	tests := []struct {
		name     string
		data     []byte
		encoding string
	}{
		{"UTF-8 is read as it is", []byte(text), "utf-8"},
		{"a UTF-8 byte-order mark is dropped", append([]byte{0xEF, 0xBB, 0xBF}, text...), "utf-8 bom"},
		{"UTF-16 LE with its mark (Excel's Unicode text) is decoded",
			encode(t, text, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder()), "utf-16le"},
		{"UTF-16 BE with its mark is decoded",
			encode(t, text, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder()), "utf-16be"},
		{"bytes that are not UTF-8 are Windows-1252",
			encode(t, strings.ReplaceAll(text, " 😀", ""), charmap.Windows1252.NewEncoder()), "windows-1252"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := readString(t, string(tc.data), Options{})
			in := b.Inputs[0]
			if in.Encoding != tc.encoding || in.Delimiter != ";" {
				t.Errorf("encoding %q, delimiter %q; want %q, \";\"", in.Encoding, in.Delimiter, tc.encoding)
			}
			if b.Used() != 2 {
				t.Fatalf("used %d, rejected %v", b.Used(), b.Rejected)
			}
			p := b.Posts[0]
			if b.Texts.Of(p.Account) != "José" || p.Views != 1234 || !strings.HasPrefix(b.Texts.Of(p.Caption), "olé") || !strings.Contains(b.Texts.Of(p.Caption), "\nsecond line; with") { // encoding/csv turns a quoted CRLF into LF
				t.Errorf("first post = %+v", p)
			}
			if b.Posts[1].Line != 4 {
				t.Errorf("bob is on line %d; want 4 (the caption spans two)", b.Posts[1].Line)
			}
		})
	}
	t.Run("a stray Windows-1252 byte late in a UTF-8 file is read as Windows-1252", func(t *testing.T) {
		body := "account,views,likes,comments,shares,caption\n" + strings.Repeat("ann,1,1,1,1,ok\n", 10000) + "bob,1,1,1,1,caf\xe9\n"
		b := readString(t, body, Options{})
		if got := b.Texts.Of(b.Posts[len(b.Posts)-1].Caption); got != "café" || !strings.Contains(b.Inputs[0].Encoding, "windows-1252") {
			t.Errorf("caption %q, encoding %q", got, b.Inputs[0].Encoding)
		}
	})
	t.Run("UTF-16 without a mark is refused as binary", func(t *testing.T) {
		data := encode(t, text, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder())
		_, err := Read([]string{"-"}, Options{Stdin: bytes.NewReader(data)})
		if err == nil || !strings.Contains(err.Error(), "is not a text file") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestExcelSepLine(t *testing.T) {
	t.Run("Excel's sep= line names the delimiter and keeps line numbers physical", func(t *testing.T) {
		b := readString(t, "sep=;\r\naccount;views;likes;comments;shares\r\nann;1;1;1;1\r\nbob;x;1;1;1\r\n", Options{})
		if b.Inputs[0].Delimiter != ";" || b.Used() != 1 || b.Posts[0].Line != 3 || b.Rejected[0].Line != 4 {
			t.Errorf("delimiter %q, used %d, rejected %v", b.Inputs[0].Delimiter, b.Used(), b.Rejected)
		}
	})
}
