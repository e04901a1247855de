package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/lang"
)

// The second hostile battery (issue 23): each class of input that lost posts, or said nothing,
// fed to Read, and the outcome checked: the posts kept, or the refusal or warning.

// readText reads files given as name → content from a temporary folder, named as given.
func readText(t *testing.T, files map[string]string, opts Options, names ...string) (*Batch, error) {
	t.Helper()
	dir := t.TempDir()
	for n, c := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, n)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return Read(names, opts)
}

func mustRead(t *testing.T, files map[string]string, opts Options, names ...string) *Batch {
	t.Helper()
	b, err := readText(t, files, opts, names...)
	if err != nil {
		t.Fatal(err)
	}
	if !b.Reconciles() {
		t.Fatalf("read %d != used %d + duplicates %d + rejected %d", b.Read, b.Used(), b.Duplicates, len(b.Rejected))
	}
	return b
}

func warned(b *Batch, parts ...string) bool {
	for _, w := range b.Warnings {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(w, p)
		}
		if ok {
			return true
		}
	}
	return false
}

func accountsOf(b *Batch) map[string]int {
	n := map[string]int{}
	for _, p := range b.Posts {
		n[b.Texts.Of(p.Key)]++
	}
	return n
}

func TestDuplicatesAreKeyedWithinAnAccount(t *testing.T) {
	t.Run("two handles sharing an id are two videos, and a warning names both rows", func(t *testing.T) {
		b := mustRead(t, map[string]string{"posts.csv": "account,views,likes,comments,shares,video_id\n" +
			"alice,100,5,1,1,7301234567890123456\nbob,200,5,1,1,7301234567890123456\nbob,300,5,1,1,7301234567890123456\n"}, Options{}, "posts.csv")
		if b.Used() != 2 || b.Duplicates != 1 || accountsOf(b)["alice"] != 1 || accountsOf(b)["bob"] != 1 {
			t.Fatalf("used %d, duplicates %d, accounts %v", b.Used(), b.Duplicates, accountsOf(b))
		}
		if !warned(b, "posts.csv:2 (@alice)", "posts.csv:3 (@bob)", "7301234567890123456") {
			t.Errorf("warnings %q", b.Warnings)
		}
		if n := strings.Count(strings.Join(b.Warnings, "\n"), "share the video id"); n != 1 {
			t.Errorf("the shared id is said %d times: %q", n, b.Warnings)
		}
	})
	t.Run("a spreadsheet numbering each creator's videos 1..N keeps every creator", func(t *testing.T) {
		var s strings.Builder
		s.WriteString("account,views,likes,comments,shares,id\n")
		for _, a := range []string{"ann", "ben", "cat"} {
			for i := 1; i <= 4; i++ {
				fmt.Fprintf(&s, "%s,%d,5,1,1,%d\n", a, 100*i, i)
			}
		}
		b := mustRead(t, map[string]string{"sheet.csv": s.String()}, Options{}, "sheet.csv")
		if b.Used() != 12 || b.Duplicates != 0 || len(accountsOf(b)) != 3 {
			t.Errorf("used %d, duplicates %d, accounts %v", b.Used(), b.Duplicates, accountsOf(b))
		}
	})
	t.Run("ids Excel rounded to 7.30E+18 are no ids: twelve posts stay twelve", func(t *testing.T) {
		var s strings.Builder
		s.WriteString("account,views,likes,comments,shares,video_id,date\n")
		for i := 0; i < 12; i++ {
			fmt.Fprintf(&s, "ann,%d,5,1,1,7.30E+18,2024-03-%02dT10:00:00Z\n", 100+i, i+1)
		}
		b := mustRead(t, map[string]string{"rounded.csv": s.String()}, Options{}, "rounded.csv")
		if b.Used() != 12 || b.Duplicates != 0 {
			t.Errorf("used %d, duplicates %d", b.Used(), b.Duplicates)
		}
		for _, p := range b.Posts {
			if b.Texts.Of(p.VideoID) != "" || p.VideoURL(&b.Texts) != "" {
				t.Fatalf("a rounded id is kept: %+v", p)
			}
		}
		if !warned(b, "rounded.csv: video_id: 12 ids are written in scientific notation", `"7.30E+18"`) {
			t.Errorf("warnings %q", b.Warnings)
		}
	})
	t.Run("short numbers among 19-digit ids are no ids, and the url tells those videos apart", func(t *testing.T) {
		b := mustRead(t, map[string]string{"mixed.csv": "account,views,likes,comments,shares,video_id,url\n" +
			"ann,100,5,1,1,7301234567890123456,\n" +
			"ann,100,5,1,1,3,https://www.tiktok.com/@ann/video/7301234567890123457\n" +
			"ann,100,5,1,1,3,https://www.tiktok.com/@ann/video/7301234567890123458\n"}, Options{}, "mixed.csv")
		if b.Used() != 3 || b.Duplicates != 0 {
			t.Errorf("used %d, duplicates %d", b.Used(), b.Duplicates)
		}
		if !warned(b, "mixed.csv: video_id: 2 ids are short numbers", `"3"`) {
			t.Errorf("warnings %q", b.Warnings)
		}
	})
	t.Run("the same video in two weekly exports is still one", func(t *testing.T) {
		b := mustRead(t, map[string]string{
			"w1.csv": "account,views,likes,comments,shares,video_id\nAnn,100,5,1,1,7301234567890123456\n",
			"w2.csv": "account,views,likes,comments,shares,video_id\n@ann,150,5,1,1,7301234567890123456\n"}, Options{}, "w1.csv", "w2.csv")
		if b.Used() != 1 || b.Duplicates != 1 || b.Posts[0].Views != 150 {
			t.Errorf("used %d, duplicates %d", b.Used(), b.Duplicates)
		}
	})
}

func TestCROnlyLineEndingsAreRead(t *testing.T) {
	csv := "account,views,likes,comments,shares,caption\rann,100,5,1,1,\"two\rlines\"\rben,200,6,2,1,b\r"
	b := mustRead(t, map[string]string{"mac.csv": csv}, Options{}, "mac.csv")
	if b.Used() != 2 || b.Texts.Of(b.Posts[0].Caption) != "two\nlines" || b.Posts[1].Line != 4 {
		t.Errorf("used %d, posts %+v, warnings %q", b.Used(), b.Posts, b.Warnings)
	}
}

func TestDutchAndGermanHeaders(t *testing.T) {
	for _, tc := range []struct{ name, header string }{
		{"Dutch: Bijschrift is the caption", "Gebruikersnaam,Volgers,Weergaven,Vind-ik-leuks,Reacties,Gedeeld,Bijschrift,Datum"},
		{"Dutch: Omschrijving is the caption", "account,volgers,weergaven,vind ik leuks,opmerkingen,keer gedeeld,Omschrijving,geplaatst"},
		{"Dutch: Tekst is the caption", "account,followers,views,likes,comments,shares,Tekst,date"},
		{"German: Beschreibung, Aufrufe, Gefällt mir, Kommentare, Geteilt", "Benutzername,Abonnenten,Aufrufe,Gefällt mir,Kommentare,Geteilt,Beschreibung,Veröffentlicht"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := mustRead(t, map[string]string{"nl.csv": tc.header + "\nann,2000,100,5,1,1,#samenwerking met X,2024-03-01\n"}, Options{}, "nl.csv")
			if b.Used() != 1 || b.Texts.Of(b.Posts[0].Caption) != "#samenwerking met X" || b.Posts[0].Followers != 2000 || b.Posts[0].PostedAt.IsZero() {
				t.Errorf("posts %+v, inputs %+v", b.Posts, b.Inputs)
			}
			if len(b.NoCaption) != 0 || b.NoCaptionWarning() != "" {
				t.Errorf("no caption said: %q", b.NoCaption)
			}
		})
	}
	t.Run("without a caption column the warning says what is missing", func(t *testing.T) {
		b := mustRead(t, map[string]string{"plain.csv": "account,views,likes,comments,shares,Notitie\nann,100,5,1,1,x\n"}, Options{}, "plain.csv")
		w := b.NoCaptionWarning()
		if !strings.Contains(w, "no caption column in plain.csv") || !strings.Contains(w, "sponsored posts") || !strings.Contains(w, "hashtags") || !strings.Contains(w, "bijschrift") {
			t.Errorf("warning %q", w)
		}
	})
}

func TestJSONIsReadCompletelyOrRefused(t *testing.T) {
	post := func(h string, views any) string {
		v, _ := json.Marshal(views)
		return fmt.Sprintf(`{"authorMeta":{"name":%q,"fans":5000},"playCount":%s,"diggCount":10,"commentCount":2,"shareCount":1,"text":"hi"}`, h, v)
	}
	t.Run("two arrays one after the other are both read", func(t *testing.T) {
		b := mustRead(t, map[string]string{"two.json": "[" + post("ann", 100) + "]\n[" + post("ben", 200) + "," + post("cat", 300) + "]\n"}, Options{}, "two.json")
		if b.Used() != 3 {
			t.Errorf("used %d", b.Used())
		}
	})
	t.Run("data after the array is refused, naming its line", func(t *testing.T) {
		_, err := readText(t, map[string]string{"tail.json": "[" + post("ann", 100) + "]\n\n" + post("ben", 200) + "\n"}, Options{}, "tail.json")
		if err == nil || !strings.Contains(err.Error(), "tail.json:3: has data after the array (an object)") {
			t.Errorf("err %v", err)
		}
	})
	t.Run("an object holding one array of posts is read, and the key said", func(t *testing.T) {
		b := mustRead(t, map[string]string{"items.json": `{"count": 2, "items": [` + post("ann", 100) + "," + post("ben", 200) + "]}"}, Options{}, "items.json")
		if b.Used() != 2 || !warned(b, `items.json: the posts are read from the object's "items" array`) {
			t.Errorf("used %d, warnings %q", b.Used(), b.Warnings)
		}
	})
	t.Run("an object of two arrays, or none, is refused in one short line", func(t *testing.T) {
		for file, content := range map[string]string{
			"two.json":  `{"a": [` + post("ann", 1) + `], "b": [` + post("ben", 2) + `]}`,
			"none.json": `{"status": "ok", "data": {"x": 1}}` + "\n",
		} {
			_, err := readText(t, map[string]string{file: content}, Options{}, file)
			if err == nil || len(err.Error()) > 240 || !strings.Contains(err.Error(), "is one JSON object") {
				t.Errorf("%s: err %v", file, err)
			}
		}
	})
	t.Run("an array of arrays is refused as such", func(t *testing.T) {
		_, err := readText(t, map[string]string{"rows.json": `[["account","views"],["ann",1]]`}, Options{}, "rows.json")
		if err == nil || !strings.Contains(err.Error(), "rows.json: is an array of arrays") {
			t.Errorf("err %v", err)
		}
	})
	t.Run("a bare value is refused naming it", func(t *testing.T) {
		_, err := readText(t, map[string]string{"s.json": `"hello"`}, Options{}, "s.json")
		if err == nil || !strings.Contains(err.Error(), "is a single JSON string") {
			t.Errorf("err %v", err)
		}
	})
	t.Run("a count given as an array, an object or a boolean rejects its row, naming the value", func(t *testing.T) {
		b := mustRead(t, map[string]string{"odd.json": "[" + strings.Join([]string{post("ann", 100), post("ann", []int{1}), post("ann", map[string]int{}), post("ann", true)}, ",\n") + "]"}, Options{}, "odd.json")
		if b.Used() != 1 || len(b.Rejected) != 3 {
			t.Fatalf("used %d, rejected %v", b.Used(), b.Rejected)
		}
		for i, want := range []string{"[1]", "{}", "true"} {
			if r := b.Rejected[i]; r.Column != "playCount" || r.Value != want || r.Line != i+2 {
				t.Errorf("rejected %+v, want playCount %s on line %d", r, want, i+2)
			}
		}
	})
}

// twoSheets is a workbook with a sheet of posts "Good" and a sheet "Bad" whose XML edit
// changes, each declaring no dimension (as excelize's StreamWriter writes them).
func twoSheets(t *testing.T, edit func([]byte) []byte) []byte {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Good")
	f.NewSheet("Bad")
	for _, sh := range []string{"Good", "Bad"} {
		f.SetSheetRow(sh, "A1", &[]any{"account", "views", "likes", "comments", "shares", "caption"})
		for i := 2; i <= 11; i++ {
			f.SetSheetRow(sh, fmt.Sprintf("A%d", i), &[]any{strings.ToLower(sh), 100 + i, 5, 1, 1, "hi"})
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return rezip(t, buf.Bytes(), func(n string, b []byte) []byte {
		if n == "xl/worksheets/sheet2.xml" {
			return edit(b)
		}
		return b
	})
}

func TestASheetIsReadCompletelyOrRefused(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		edit       func([]byte) []byte
	}{
		{"an undefined entity such as &nbsp;", "is damaged at row 6: an undefined entity &nbsp;",
			func(b []byte) []byte {
				return bytes.Replace(b, []byte(`<c r="A6"`), []byte(`<c r="G6" t="inlineStr"><is><t>a&nbsp;b</t></is></c><c r="A6"`), 1)
			}},
		{"a broken tag mid-sheet", "is damaged at row 6: a broken tag",
			func(b []byte) []byte { return bytes.Replace(b, []byte(`<c r="A6"`), []byte(`<c </row><c r="A6"`), 1) }},
		{"a row past Excel's limit", "is damaged at row 1048577: row 1048577 is past Excel's limit",
			func(b []byte) []byte { return bytes.Replace(b, []byte(`<row r="6"`), []byte(`<row r="1048577"`), 1) }},
	} {
		t.Run(tc.name+" refuses that sheet, named, and the other is read", func(t *testing.T) {
			data := twoSheets(t, tc.edit)
			if bytes.Equal(data, twoSheets(t, func(b []byte) []byte { return b })) {
				t.Fatal("the edit changed nothing")
			}
			b := mustRead(t, map[string]string{"w.xlsx": string(data)}, Options{}, "w.xlsx")
			if b.Used() != 10 || accountsOf(b)["good"] != 10 {
				t.Errorf("used %d: %v", b.Used(), accountsOf(b))
			}
			if len(b.Skipped) != 1 || b.Skipped[0].Name != "w.xlsx[Bad]" || !strings.Contains(lang.InEnglish(b.Skipped[0].Reason), tc.want) {
				t.Errorf("skipped %+v, want %q", b.Skipped, tc.want)
			}
		})
	}
	t.Run("a DOCTYPE refuses the workbook", func(t *testing.T) {
		data := twoSheets(t, func(b []byte) []byte {
			return bytes.Replace(b, []byte("<worksheet"), []byte(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet`), 1)
		})
		_, err := readText(t, map[string]string{"w.xlsx": string(data)}, Options{}, "w.xlsx")
		if err == nil || !strings.Contains(err.Error(), "w.xlsx: is refused: its part xl/worksheets/sheet2.xml holds a DOCTYPE") {
			t.Errorf("err %v", err)
		}
	})
	t.Run("with --strict the damaged sheet fails the run", func(t *testing.T) {
		data := twoSheets(t, func(b []byte) []byte { return bytes.Replace(b, []byte(`<c r="A6"`), []byte(`<c </row><c r="A6"`), 1) })
		_, err := readText(t, map[string]string{"w.xlsx": string(data)}, Options{Strict: true}, "w.xlsx")
		if err == nil || !strings.Contains(err.Error(), "w.xlsx[Bad]") {
			t.Errorf("err %v", err)
		}
	})
}
