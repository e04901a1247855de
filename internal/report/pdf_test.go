package report

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// vetting.pdf read back as a client's tools read it: pdftotext for its words, pdfinfo for its
// pages and paper, pdffonts for its fonts.

// unicodeHandles rename some of the examples' accounts to handles in Vietnamese, Polish,
// Turkish and Dutch spelling.
var unicodeHandles = map[string]string{
	"@maya.makes.bread": "@phạm.thị.hương",
	"@kai.skates":       "@łukasz.żółć",
	"@comedy.carlos":    "@şükrü.ığdır",
	"@fitfam.femke":     "@ĳsselmeer.één",
}

// pdfTitle has an emoji, which the font lacks, between words that must stay whole.
const pdfTitle = "Chọn lọc 🌸 Łódź İstanbul"

// unicodeReport is the examples with unicodeHandles, branded with pdfTitle.
func unicodeReport(t *testing.T) *Report {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"posts-generic.csv", "apify-export.csv", "prices.csv"} {
		data, err := os.ReadFile(filepath.Join("../../examples", name))
		must(t, err)
		s := string(data)
		for from, to := range unicodeHandles {
			s = strings.ReplaceAll(s, from+",", to+",")
		}
		must(t, os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644))
	}
	b, err := ingest.Read([]string{dir}, ingest.Options{})
	must(t, err)
	res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers, Prices: b.Prices}, scoring.Default())
	return &Report{Version: "test", Generated: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Batch: b, Result: res,
		Brand: Brand{Title: pdfTitle, Client: "Bakkerij Jansen", Logo: testLogo(t), LogoType: "image/png"}}
}

// needPoppler finds pdftotext, pdfinfo and pdffonts: without them the test fails under CI and
// skips elsewhere.
func needPoppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo", "pdffonts"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing(t, "no "+tool+" (Debian's poppler-utils)")
		}
	}
}

// writePDFReport writes the whole report into a new folder and returns vetting.pdf's path.
func writePDFReport(t *testing.T, r *Report) string {
	t.Helper()
	dir := t.TempDir()
	_, err := Write(dir, r)
	must(t, err)
	return filepath.Join(dir, PDFFile)
}

// pdfText is the PDF's text as pdftotext -layout writes it.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	must(t, err)
	return string(out)
}

// pdfInfo is what pdfinfo says of the PDF, by field.
func pdfInfo(t *testing.T, path string) map[string]string {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	must(t, err)
	info := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

func pdfPages(t *testing.T, path string) int {
	t.Helper()
	n, err := strconv.Atoi(pdfInfo(t, path)["Pages"])
	must(t, err)
	return n
}

func TestPDFReadsBackAsItWasWritten(t *testing.T) {
	needPoppler(t)
	r := unicodeReport(t)
	path := writePDFReport(t, r)
	text := pdfText(t, path)
	flat := strings.Join(strings.Fields(text), " ")

	t.Run("the title keeps its words around the emoji, which is a placeholder", func(t *testing.T) {
		want := strings.Replace(pdfTitle, "🌸", string(pdfPlaceholder), 1)
		if !strings.Contains(flat, want) {
			t.Errorf("the PDF lacks the title %q:\n%s", want, head(text))
		}
		if strings.Contains(text, "🌸") {
			t.Error("the emoji was written in a font that lacks it")
		}
		if !strings.Contains(flat, "Characters the PDF's font lacks (such as emoji) are shown as □.") {
			t.Error("the summary does not say what □ stands for")
		}
	})
	t.Run("the client is on the cover", func(t *testing.T) {
		if !strings.Contains(flat, "Prepared for Bakkerij Jansen") {
			t.Errorf("no client:\n%s", head(text))
		}
	})
	t.Run("every account of a small batch that is not UNRATED is on the shortlist, Unicode handles whole", func(t *testing.T) {
		for _, a := range r.Result.Accounts {
			if a.Verdict == scoring.Unrated {
				continue
			}
			if !strings.Contains(text, a.Handle) {
				t.Errorf("the shortlist lacks %s (%s)", a.Handle, a.Verdict)
			}
		}
		for _, h := range unicodeHandles {
			if h = strings.TrimPrefix(h, "@"); !strings.Contains(text, h) {
				t.Errorf("the PDF lacks %s", h)
			}
		}
	})
	t.Run("each creator's section has its signals' evidence and its best posts' addresses", func(t *testing.T) {
		p := r.printer()
		list := shortlistOf(r.Result)
		if len(list.creators) != pdfCreators {
			t.Fatalf("%d creators' sections, want %d", len(list.creators), pdfCreators)
		}
		for _, i := range list.creators {
			a := &r.Result.Accounts[i]
			if !strings.Contains(flat, "#"+strconv.Itoa(i+1)+" "+a.Handle) {
				t.Errorf("no section headed #%d %s", i+1, a.Handle)
			}
			for _, s := range a.Signals {
				if ev := strings.Join(strings.Fields(p.Say(s.Plain)), " "); !strings.Contains(flat, ev) {
					t.Errorf("%s: no evidence %q", a.Handle, ev)
				}
			}
			for _, tp := range a.TopPosts {
				if u := shownURL(ingest.VideoLink(a.Handle, tp.VideoID)); u != "" && !strings.Contains(text, u) {
					t.Errorf("%s: no address %s", a.Handle, u)
				}
			}
		}
	})
	t.Run("the shortlist names the page of each creator's section", func(t *testing.T) {
		a := r.Result.Accounts[0]
		row := regexp.MustCompile(`(?m)^1\s+` + regexp.QuoteMeta(a.Handle) + `\s.*\s(\d+)\s*$`).FindStringSubmatch(text)
		if row == nil {
			t.Fatalf("no shortlist row of %s with a page", a.Handle)
		}
		out, err := exec.Command("pdftotext", "-f", row[1], "-l", row[1], path, "-").Output()
		must(t, err)
		if !strings.Contains(string(out), "#1 "+a.Handle) && !strings.Contains(string(out), "#1\n") {
			t.Errorf("page %s does not hold #1 %s's section:\n%s", row[1], a.Handle, head(string(out)))
		}
	})
	t.Run("the paper is A4 and the fonts are embedded", func(t *testing.T) {
		if size := pdfInfo(t, path)["Page size"]; !pageSize(size, 595, 842) {
			t.Errorf("page size %q, want A4 (595 × 842 pts)", size)
		}
		assertFontsEmbedded(t, path)
	})
	t.Run("the logo is on the cover", func(t *testing.T) {
		if got := pdfImages(t, path); len(got) != 1 || got[0] != "image" {
			t.Errorf("images %v, want the PNG logo", got)
		}
	})
	t.Run("the document properties name the title and the client", func(t *testing.T) {
		info := pdfInfo(t, path)
		if !strings.Contains(info["Title"], "Łódź") || info["Author"] != "Bakkerij Jansen" {
			t.Errorf("title %q, author %q", info["Title"], info["Author"])
		}
	})
}

// pdfImages are the encodings of the PDF's images as pdfimages -list names them: "image" for
// one fpdf writes as a PNG's pixels (Flate), "jpeg" for a JPEG.
func pdfImages(t *testing.T, path string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdfimages"); err != nil {
		missing(t, "no pdfimages (Debian's poppler-utils)")
	}
	out, err := exec.Command("pdfimages", "-list", path).Output()
	must(t, err)
	var encs []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n")[2:] {
		if f := strings.Fields(l); len(f) > 8 && f[2] != "smask" {
			encs = append(encs, f[8])
		}
	}
	return encs
}

// assertFontsEmbedded fails unless pdffonts lists fonts, every one embedded.
func assertFontsEmbedded(t *testing.T, path string) {
	t.Helper()
	out, err := exec.Command("pdffonts", path).Output()
	must(t, err)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", out)
	}
	// name type encoding emb sub uni object ID: emb is the third column from the right of
	// "yes/no yes/no yes/no N 0".
	row := regexp.MustCompile(`(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$`)
	for _, l := range lines[2:] {
		m := row.FindStringSubmatch(l)
		if m == nil || m[1] != "yes" {
			t.Errorf("a font not embedded: %q", l)
		}
		if m != nil && m[3] != "yes" {
			t.Errorf("a font without a Unicode map (its text cannot be extracted): %q", l)
		}
	}
}

func TestPDFOnLetterPaper(t *testing.T) {
	needPoppler(t)
	r := unicodeReport(t)
	r.Paper, r.Printer = PaperLetter, lang.New(lang.Dutch, "EUR")
	var logo bytes.Buffer
	must(t, jpeg.Encode(&logo, image.NewRGBA(image.Rect(0, 0, 120, 40)), nil))
	r.Brand.Logo, r.Brand.LogoType = logo.Bytes(), "image/jpeg"
	path := writePDFReport(t, r)
	if got := pdfImages(t, path); len(got) != 1 || got[0] != "jpeg" {
		t.Errorf("images %v, want the JPEG logo", got)
	}
	if size := pdfInfo(t, path)["Page size"]; !pageSize(size, 612, 792) {
		t.Errorf("page size %q, want Letter (612 × 792 pts)", size)
	}
	if flat := strings.Join(strings.Fields(pdfText(t, path)), " "); !strings.Contains(flat, "Opgesteld voor Bakkerij Jansen") {
		t.Errorf("the Dutch PDF lacks its client line:\n%s", head(flat))
	}
}

func TestPDFOffWritesNoneAndRemovesAnEarlierOne(t *testing.T) {
	r := unicodeReport(t)
	dir := t.TempDir()
	_, err := Write(dir, r)
	must(t, err)
	if _, err := os.Stat(filepath.Join(dir, PDFFile)); err != nil {
		t.Fatalf("a report wrote no %s: %v", PDFFile, err)
	}
	r.NoPDF = true
	paths, err := Write(dir, r)
	must(t, err)
	for _, p := range paths {
		if filepath.Base(p) == PDFFile {
			t.Errorf("NoPDF wrote %s", p)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, PDFFile)); !os.IsNotExist(err) {
		t.Errorf("the earlier run's %s is still there (%v)", PDFFile, err)
	}
}

// pageSize reports whether pdfinfo's "595.28 x 841.89 pts (A4)" is w × h points, to the point.
func pageSize(info string, w, h float64) bool {
	var gw, gh float64
	if _, err := fmt.Sscanf(info, "%f x %f pts", &gw, &gh); err != nil {
		return false
	}
	return math.Abs(gw-w) < 1 && math.Abs(gh-h) < 1
}

// TestPDFAt20000Accounts: a client reads the PDF of a 20,000-account batch to the end, in at
// most 40 pages.
func TestPDFAt20000Accounts(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the 20,000-account PDF")
	}
	needPoppler(t)
	r := synthReport(t, 20_000, 5)
	r.Brand.Title, r.Brand.Client = pdfTitle, "Bakkerij Jansen"
	path := filepath.Join(t.TempDir(), PDFFile)
	f, err := os.Create(path)
	must(t, err)
	start := time.Now()
	must(t, writePDF(f, r))
	took := time.Since(start)
	must(t, f.Close())
	pages := pdfPages(t, path)
	t.Logf("%d accounts: %d pages in %v", len(r.Result.Accounts), pages, took)
	if pages > 40 {
		t.Errorf("%d pages, want at most 40", pages)
	}
	flat := strings.Join(strings.Fields(pdfText(t, path)), " ")
	list := shortlistOf(r.Result)
	if len(list.rows) != pdfShortlistRows {
		t.Errorf("a shortlist of %d, want %d", len(list.rows), pdfShortlistRows)
	}
	for _, i := range list.rows {
		if h := r.Result.Accounts[i].Handle; !strings.Contains(flat, " "+h+" ") {
			t.Errorf("the shortlist lacks %s", h)
		}
	}
	if !strings.Contains(flat, "accounts are not listed here: the workbook (vetting.xlsx, sheet Accounts) and the page (vetting.html) list every account, ranked.") {
		t.Error("the PDF does not say where the accounts left out are")
	}
}

// Two runs with the same SOURCE_DATE_EPOCH write the same PDF, byte for byte, as they do the
// other files.
func TestPDFIsByteStable(t *testing.T) {
	r := unicodeReport(t)
	var pdfs [2][]byte
	for i := range pdfs {
		data, err := os.ReadFile(writePDFReport(t, r))
		must(t, err)
		pdfs[i] = data
	}
	if !bytes.Equal(pdfs[0], pdfs[1]) {
		t.Error("two runs wrote different PDFs")
	}
}

// head is the start of a long text, for a failure's message.
func head(s string) string {
	if len(s) > 1500 {
		return s[:1500] + " …"
	}
	return s
}

// The Dutch PDF of the examples holds no English word: every word of it comes from the
// catalogs, or from the client's own input.
func TestPDFReadsInDutch(t *testing.T) {
	needPoppler(t)
	r := examplesReport(t, dutch())
	text := pdfText(t, writePDFReport(t, r))
	skip := append(catalogLess(r), "https://www.tiktok.com/", "vet test")
	for i := range r.Result.Accounts { // the addresses as the PDF shows them
		for _, tp := range r.Result.Accounts[i].TopPosts {
			skip = append(skip, shownURL(ingest.VideoLink(r.Result.Accounts[i].Handle, tp.VideoID)))
		}
	}
	flat := strings.Join(strings.Fields(text), " ")
	if found := englishIn(flat, englishOnly(t), skip); len(found) > 0 {
		t.Errorf("the Dutch PDF shows English: %v", found)
	}
	if strings.Contains(flat, "Tekens die het lettertype") {
		t.Error("the PDF explains a placeholder it does not show")
	}
	for _, want := range []string{"Samenvatting", "Opgesteld voor Bakkerij Jansen", "Wat de cijfers betekenen", "€"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the Dutch PDF lacks %q", want)
		}
	}
}

func TestPDFTextKeepsWhatTheFontDrawsAndMarksTheRest(t *testing.T) {
	g, err := fontGlyphs()
	must(t, err)
	for _, c := range []struct{ name, in, want string }{
		{"Vietnamese, Polish, Turkish and Dutch letters stay as written", "phạm.thị.hương łukasz.żółć şükrü.ığdır İstanbul ĳsselmeer.één", "phạm.thị.hương łukasz.żółć şükrü.ığdır İstanbul ĳsselmeer.één"},
		{"an emoji is one placeholder between whole words", "Chọn 🌸 Łódź", "Chọn □ Łódź"},
		{"an emoji with a skin tone is one placeholder", "ok👍🏽ok", "ok□ok"},
		{"a family joined by zero-width joiners is one placeholder", "a 👨‍👩‍👧 b", "a □ b"},
		{"a symbol the font draws loses its emoji variation selector", "I ❤️ NY", "I ❤ NY"},
		{"a flag is one placeholder", "🇻🇳 Việt Nam", "□ Việt Nam"},
		{"two flags are two", "🇳🇱🇧🇪", "□□"},
		{"a script the font lacks is one placeholder a character", "中文 ok", "□□ ok"},
		{"a joiner between letters the font draws drops, the letters stay", "a\u200db", "ab"},
		{"line breaks and tabs are spaces", "one\ntwo\tthree", "one two three"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, _ := g.clean(c.in)
			if got != c.want {
				t.Errorf("clean(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestPDFChartTopsHalveExactly(t *testing.T) {
	for _, c := range []struct{ top, want float64 }{{23, 24}, {24, 24}, {3.5, 3.6}, {3.6, 3.6}, {0.47, 0.48}, {12, 12}} {
		if got := evenTop(c.top); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("evenTop(%v) = %v, want %v", c.top, got, c.want)
		}
	}
}

func TestPDFShortlistShares(t *testing.T) {
	for _, c := range []struct {
		name string
		n    int
		have []int
		want []int
	}{
		{"a big batch: half PASS, a quarter each REVIEW and FAIL", 60, []int{13_991, 4_926, 83}, []int{30, 15, 15}},
		{"what PASS and FAIL cannot use goes to REVIEW", 60, []int{22, 80, 2}, []int{22, 36, 2}},
		{"what REVIEW cannot use goes to PASS and FAIL", 60, []int{100, 3, 100}, []int{36, 3, 21}},
		{"a small batch lists every account", 60, []int{22, 8, 2}, []int{22, 8, 2}},
		{"the creators of the examples", 20, []int{22, 8, 2}, []int{12, 6, 2}},
		{"nothing to list", 60, []int{0, 0, 0}, []int{0, 0, 0}},
		{"exactly enough", 60, []int{30, 15, 15}, []int{30, 15, 15}},
		{"one more than enough", 60, []int{31, 15, 15}, []int{30, 15, 15}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := allot(c.n, c.have); !slices.Equal(got, c.want) {
				t.Errorf("allot(%d, %v) = %v, want %v", c.n, c.have, got, c.want)
			}
		})
	}
}

// FuzzPDFText: whatever an export's handle, caption or a brand's title holds, the PDF's text
// is written without a panic or an error, in cells, wrapped and measured.
func FuzzPDFText(f *testing.F) {
	for _, s := range []string{"", "phạm.thị.hương", "a🌸b", "👨‍👩‍👧", "🇻🇳", "\x00\n\t\u200d", "中文", "\uFFFF\U0010FFFF", "(\\)", strings.Repeat("x", 500)} {
		f.Add(s)
	}
	r := &Report{Version: "test", Result: &scoring.Result{Config: scoring.Default()}}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := newPDFDoc(r)
		if err != nil {
			t.Fatal(err)
		}
		d.f.AddPage()
		d.font("", 9)
		c := d.clean(s)
		d.f.CellFormat(40, 5, c, "", 1, "L", false, 0, "")
		d.f.MultiCell(40, 5, c, "", "L", false)
		d.f.SplitText(c, 40)
		d.font("B", 9)
		d.f.GetStringWidth(c)
		if err := d.f.Output(io.Discard); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
	})
}
