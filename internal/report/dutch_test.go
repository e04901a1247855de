package report

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// A report in Dutch (--lang nl), read back as its client reads it: the page in a browser, the
// workbook cell by cell, and neither holding an English word.

// examplesReport is `vet run --lang nl --currency EUR` on the shipped examples: their posts,
// the prices file beside them, a rejected row.
func examplesReport(t *testing.T, p *lang.Printer) *Report {
	t.Helper()
	b, err := ingest.Read([]string{"../../examples"}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers, Prices: b.Prices}, scoring.Default())
	return &Report{Version: "test", Generated: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Batch: b, Result: res, Printer: p,
		Brand: Brand{Title: "Voorjaarsselectie", Client: "Bakkerij Jansen"}}
}

func dutch() *lang.Printer { return lang.New(lang.Dutch, "EUR") }

// englishOnly are the words of four letters or more in the English catalog that Dutch does
// not use: a Dutch report showing one of them shows English. A word counts as Dutch when a
// Dutch template uses it where the English one does not ("over", "even"), or when it is one
// Dutch borrows (loanwords); a word the Dutch template only repeats from the English one of
// the same key is English, so that a translation left in English ("Caption") is caught.
func englishOnly(t *testing.T) map[string]bool {
	t.Helper()
	placeholder := regexp.MustCompile(`\{[a-z_]+\}`)
	wordsOf := func(s string) []string { return words(placeholder.ReplaceAllString(s, " ")) }
	en, nl := lang.New(lang.English, "").Templates(""), lang.New(lang.Dutch, "").Templates("")
	english, dutch := map[string]bool{}, map[string]bool{}
	for _, w := range loanwords {
		dutch[w] = true
	}
	for key, tmpl := range en {
		ew := wordsOf(tmpl)
		for _, w := range ew {
			english[w] = true
		}
		for _, w := range wordsOf(nl[key]) {
			if !slices.Contains(ew, w) {
				dutch[w] = true
			}
		}
	}
	for w := range dutch {
		delete(english, w)
	}
	if len(english) < 200 || !english["follower"] || !english["verdict"] || english["likes"] {
		t.Fatalf("the English-only words look wrong (%d of them): %v", len(english), english)
	}
	return english
}

// loanwords are the English words Dutch uses as they are, which the Dutch catalog writes where
// the English one does: the months spelled alike, the trade's own terms, and the names of the
// README's section a page without charts points to ("Install in de README").
var loanwords = []string{
	"april", "september", "november", "december", "account", "accounts", "benchmark", "benchmarks", "code", "export", "hashtag", "hashtags", "trend", "javascript",
	"likes", "links", "minimum", "platform", "post", "posts", "rest", "tiktok", "video", "week", "script", "download", "release",
	"readme", "install", "batch", "trends", "weekend", "duet", "duets", "stitch", "stitches", "trending",
}

// wordRE is a word: letters, and underscores so that a code (far_below_tier) is one word; a
// hashtag (#sponsored) is the export's, not a word of ours.
var wordRE = regexp.MustCompile(`#?[\p{L}_]+`)

// words are the words of s that could be English: four letters or more, lower case, codes
// (with an underscore) and hashtags left out.
func words(s string) []string {
	var out []string
	for _, w := range wordRE.FindAllString(s, -1) {
		if utf8.RuneCountInString(w) >= 4 && !strings.ContainsAny(w, "_#") {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// catalogLess are the strings of a report that come from no catalog, by source: the tests
// below take them out of what a client reads before they look for English. Two kinds:
//   - the client's own input: handles, captions, hashtags, file names, the headers and values
//     of rejected rows. Never translated.
//   - the words ingest writes, still English: why a row was rejected, why a file was not
//     read, the batch's ingest warnings. When one of these is converted, delete its lines
//     here: the tests then hold it to the catalogs too. (Scoring's words, the reasons, the
//     signals, the notes and the batch warnings, come from the catalogs.)
func catalogLess(r *Report) []string {
	var out []string
	add := func(s ...string) {
		for _, x := range s {
			if strings.TrimSpace(x) != "" {
				out = append(out, x)
			}
		}
	}
	res, b := r.Result, r.Batch
	for i := range res.Accounts {
		a := &res.Accounts[i]
		add(a.Handle, ingest.ProfileURL(a.Handle)) // input
		add(a.TopHashtags...)
		for j := range a.Posts {
			add(res.Texts.Of(a.Posts[j].Caption), res.Texts.Of(a.Posts[j].VideoID), res.Texts.Of(a.Posts[j].File))
		}
	}
	for _, in := range b.Inputs {
		add(in.Name, fileName(in.Name)) // input (a note is a catalog message)
	}
	for _, e := range b.Rejected {
		add(e.File, fileName(e.File), e.Column, e.Value) // input; ingest
	}
	for _, sk := range b.Skipped {
		add(sk.Name, fileName(sk.Name)) // input (a reason is a catalog message)
	}
	notices := map[string]bool{}
	for _, m := range b.Notices {
		notices[lang.InEnglish(m)] = true
	}
	for _, w := range b.Warnings {
		if !notices[w] { // a notice is said in the report's language: it is not excused
			add(w) // ingest: none now (TestWarningsAreNotices), kept should one come back
		}
	}
	add(r.Brand.Title, r.Brand.Client)
	add(Files()...) // the report's own files, by name
	// The longest first, so that a string holding another goes whole.
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// englishIn lists the English words in text, once each, after taking out the catalog-less
// strings.
func englishIn(text string, english map[string]bool, skip []string) []string {
	for _, s := range skip {
		text = strings.ReplaceAll(text, s, " ")
	}
	var found []string
	for _, w := range words(text) {
		if english[w] && !slices.Contains(found, w) {
			found = append(found, w)
		}
	}
	return found
}

// The page in Dutch, read in a real browser: its headings, filters, table, an account's
// detail, the definitions and the charts' numbers are Dutch, and no word of it is English.
func TestThePageReadsInDutch(t *testing.T) {
	r := examplesReport(t, dutch())
	dir := t.TempDir()
	ctx, ev := openPage(t, writePageFile(t, dir, r))

	t.Run("the page says it is Dutch", func(t *testing.T) {
		if got := eval[string](t, ctx, `document.documentElement.lang`); got != "nl" {
			t.Errorf("<html lang> = %q", got)
		}
	})
	t.Run("the headings are Dutch", func(t *testing.T) {
		got := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('h1, h2, h3')).map(function (h) { return h.textContent; })`)
		for _, want := range []string{"Voorjaarsselectie", "Volgers en betrokkenheid per volger", "Oordelen per klasse",
			"Volger-ER per klasse tegenover de benchmark", "Weergave-ER van elke post", "Weergave-ER door de tijd, slechtste gemarkeerde accounts",
			"Accounts", "Wat de cijfers betekenen", "Signalen"} {
			if !slices.Contains(got, want) {
				t.Errorf("no heading %q: %q", want, got)
			}
		}
	})
	t.Run("the filters are Dutch and count in Dutch", func(t *testing.T) {
		got := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('.filters button')).map(function (b) { return b.textContent; })`)
		// Issue 19: four FAILs whose watchers engage above the platform are REVIEW (low_reach).
		want := []string{"Alle 34", "Gemarkeerd (CONTROLEREN + AFGEKEURD) 10", "GOEDGEKEURD 22", "CONTROLEREN 8", "AFGEKEURD 2", "NIET BEOORDEELD 2"}
		if !slices.Equal(got, want) {
			t.Errorf("filters = %q, want %q", got, want)
		}
		if s := eval[string](t, ctx, `document.getElementById('showing').textContent`); s != "Alle 34 accounts, slechtste oordeel eerst." {
			t.Errorf("showing = %q", s)
		}
		eval[bool](t, ctx, clickFilter+`("FAIL")`)
		if s := eval[string](t, ctx, `document.getElementById('showing').textContent`); s != "Alle 2 accounts met oordeel AFGEKEURD, slechtste oordeel eerst." {
			t.Errorf("showing after AFGEKEURD = %q", s)
		}
		verdicts := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#accounts tbody.screenrows td[data-verdict]')).map(function (td) { return td.textContent; })`)
		if len(verdicts) != 2 || verdicts[0] != "AFGEKEURD" || verdicts[1] != "AFGEKEURD" {
			t.Errorf("the AFGEKEURD rows show %q", verdicts)
		}
		eval[bool](t, ctx, clickFilter+`("all")`)
	})
	t.Run("the table's headers are Dutch", func(t *testing.T) {
		heads := eval[[]string](t, ctx, headers)
		for _, want := range []string{"Positie", "Account", "Volgers", "Klasse", "Volger-ER", "Mediaan weergave-ER", "Verhouding",
			"Oordeel", "Zekerheid", "Signalen", "Reden", "CPE"} {
			if !slices.Contains(heads, want) {
				t.Errorf("no column %q: %q", want, heads)
			}
		}
	})
	t.Run("an account's detail is Dutch, its numbers written the Dutch way", func(t *testing.T) {
		// SPEC §3's worked example is in the examples: 12,000 likes + 800 comments over 10 posts
		// on 20,000 followers is a follower ER of 6.4%.
		detail := eval[string](t, ctx, `(function () {
			var row = Array.from(document.querySelectorAll('#accounts tbody tr.row')).filter(function (r) { return r.textContent.indexOf('bakewithnoor') >= 0; })[0];
			row.click();
			var d = document.querySelector('#accounts tbody tr.detail');
			return d ? d.textContent : 'no detail';
		})()`)
		for _, want := range []string{"Cijfers", "Volgers20.000", "Volger-ER6,40%", "Posts in venster10", "Oordeel", "GOEDGEKEURD",
			"Signalen", "Geen signalen.", "Beste posts", "weergaven · weergave-ER ", "Weergave-ER per post in het venster", "Prijs€ 300,00"} {
			if !strings.Contains(detail, want) {
				t.Errorf("the detail does not say %q: %s", want, detail)
			}
		}
		ours := detail
		for _, s := range catalogLess(r) { // scoring's reason still writes 6.40% (issue 20, point 3)
			ours = strings.ReplaceAll(ours, s, " ")
		}
		if regexp.MustCompile(`\d\.\d\d%`).MatchString(ours) {
			t.Errorf("the detail writes a percentage the English way: %s", ours)
		}
	})
	t.Run("the definitions are Dutch", func(t *testing.T) {
		defs := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#definitions dt, #definitions dd')).map(function (e) { return e.textContent; })`)
		text := strings.Join(defs, "\n")
		for _, want := range []string{"Volger-ER\nbetrokkenheid per volger, (likes + reacties) per post in het venster ÷ volgers × 100.",
			"Platformgemiddelde\n3,30% weergave-ER", "Ver onder zijn klasse\nde volger-ER ligt ver onder", "de nieuwste 10 posts van elk account"} {
			if !strings.Contains(text, want) {
				t.Errorf("the definitions do not say %q:\n%s", want, text)
			}
		}
	})
	t.Run("the charts write their numbers, series and months in Dutch", func(t *testing.T) {
		got := eval[[]string](t, ctx, `(function () {
			function chart(id) { return echarts.getInstanceByDom(document.getElementById(id)); }
			var scatter = chart('chart-scatter').getOption(), flagged = chart('chart-flagged');
			return [scatter.yAxis[0].axisLabel.formatter(2.5), flagged.getOption().yAxis[0].axisLabel.formatter(12.5),
				chart('chart-tiers').getOption().yAxis[0].axisLabel.formatter(12000),
				scatter.series.map(function (s) { return s.name; }).join('|'),
				flagged.getModel().getLocaleModel().get('time.monthAbbr').join(' ')];
		})()`)
		want := []string{"2,5", "12,5%", "12.000", "GOEDGEKEURD|CONTROLEREN|AFGEKEURD|benchmark van de klasse",
			"jan feb mrt apr mei jun jul aug sep okt nov dec"}
		if !slices.Equal(got, want) {
			t.Errorf("the charts write %q, want %q", got, want)
		}
	})
	t.Run("the charts' tooltips are Dutch", func(t *testing.T) {
		got := eval[[]string](t, ctx, `['chart-distribution', 'chart-histogram'].map(function (id) {
			var chart = echarts.getInstanceByDom(document.getElementById(id));
			chart.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 1});
			return Array.from(document.querySelectorAll('#' + id + ' > div')).map(function (d) { return d.innerText; }).join('');
		})`)
		if len(got) != 2 || !regexp.MustCompile(`onderste snorhaar \d+,\d+\s+Q1 \d+,\d+\s+mediaan \d+,\d+`).MatchString(got[0]) ||
			!regexp.MustCompile(`^\d+,\d+\s+posts`).MatchString(got[1]) {
			t.Errorf("tooltips = %q", got)
		}
	})
	t.Run("no word a client reads on the page is English", func(t *testing.T) {
		text := eval[string](t, ctx, `[document.title, document.body.innerText].concat(
			Array.from(document.querySelectorAll('[title], [aria-label]')).map(function (e) { return (e.title || '') + ' ' + (e.getAttribute('aria-label') || ''); })).join('\n')`)
		if found := englishIn(text, englishOnly(t), catalogLess(r)); len(found) > 0 {
			t.Errorf("the Dutch page shows English words: %q", found)
		}
	})
	ev.check(t)
}

// writeDutchWorkbook writes the Dutch report of the examples and opens its workbook.
func writeDutchWorkbook(t *testing.T) (*Report, string, *excelize.File) {
	t.Helper()
	r := examplesReport(t, dutch())
	dir := t.TempDir()
	if _, err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, WorkbookFile))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return r, dir, f
}

// The Dutch workbook, read back with excelize: its sheets, headers, words and number formats.
func TestTheWorkbookReadsInDutch(t *testing.T) {
	_, _, f := writeDutchWorkbook(t)
	t.Run("the sheets have Dutch names", func(t *testing.T) {
		want := []string{"Samenvatting", "Accounts", "Video's", "Signalen", "Inzichten", "Afgewezen", "Toelichting"}
		if got := f.GetSheetList(); !slices.Equal(got, want) {
			t.Errorf("sheets = %q, want %q", got, want)
		}
	})
	for _, tc := range []struct {
		sheet string
		want  []string
	}{
		{"Accounts", []string{"Positie", "Account", "Volgers", "Klasse", "Posts in venster", "Volger-ER", "Mediaan weergave-ER", "Verhouding",
			"Niveau", "Oordeel", "Zekerheid", "Signalen", "Reden", "Prijs", "CPE", "Opmerkingen"}},
		{"Video's", []string{"Account", "Video-ID", "Geplaatst op", "Weergaven", "Likes", "Reacties", "Gedeeld", "Bewaard", "Weergave-ER",
			"Boven platform-ER", "In venster", "Bijschrift"}},
		{"Signalen", []string{"Positie", "Account", "Signaal", "Code", "Oordeel", "Details", "Wat het kan betekenen", "Gemeten", "Drempel",
			"Oordeel account", "Reden"}},
		{"Afgewezen", []string{"Bestand", "Regel", "Kolom", "Waarde", "Reden"}},
	} {
		t.Run("the "+tc.sheet+" sheet's headers are Dutch", func(t *testing.T) {
			rows, err := f.GetRows(tc.sheet)
			if err != nil || len(rows) == 0 {
				t.Fatalf("%s: %v", tc.sheet, err)
			}
			for _, h := range tc.want {
				if !slices.Contains(rows[0], h) {
					t.Errorf("%s has no column %q: %q", tc.sheet, h, rows[0])
				}
			}
		})
	}
	t.Run("every number is formatted in Dutch", func(t *testing.T) {
		n := 0
		for _, sheet := range f.GetSheetList() {
			rows, _ := f.GetRows(sheet, excelize.Options{RawCellValue: true})
			for i, row := range rows {
				for j := range row {
					cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
					if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset || row[j] == "" {
						continue
					}
					n++
					id, _ := f.GetCellStyle(sheet, cell)
					st, _ := f.GetStyle(id)
					if st == nil || st.CustomNumFmt == nil || !strings.HasPrefix(*st.CustomNumFmt, "[$-413]") {
						t.Errorf("%s!%s holds %s in a format without the Dutch locale: %+v", sheet, cell, row[j], st)
						return
					}
				}
			}
		}
		if n < 1000 {
			t.Errorf("only %d numbers in the workbook", n)
		}
	})
	t.Run("the figures' formats are Dutch, money in euros", func(t *testing.T) {
		for _, tc := range []struct{ header, want string }{
			{"Volger-ER", "[$-413]#,##0.00%"}, {"Volgers", "[$-413]#,##0"}, {"Verhouding", `[$-413]#,##0.00"×"`}, {"Prijs", `[$-413]"€ "#,##0.00`},
		} {
			id, _ := f.GetCellStyle("Accounts", cellAt(t, f, "Accounts", tc.header, 2))
			if st, _ := f.GetStyle(id); st == nil || st.CustomNumFmt == nil || *st.CustomNumFmt != tc.want {
				t.Errorf("%s is formatted %+v, want %s", tc.header, st, tc.want)
			}
		}
	})
	t.Run("verdicts are coloured as the sheet writes them", func(t *testing.T) {
		cfs, _ := f.GetConditionalFormats("Accounts")
		var values []string
		for _, opts := range cfs {
			for _, o := range opts {
				values = append(values, o.Value)
			}
		}
		for _, v := range []string{`"GOEDGEKEURD"`, `"CONTROLEREN"`, `"AFGEKEURD"`, `"NIET BEOORDEELD"`} {
			if !slices.Contains(values, v) {
				t.Errorf("no verdict colour for %s: %q", v, values)
			}
		}
	})
	t.Run("yes and no are ja and nee", func(t *testing.T) {
		rows, _ := f.GetRows("Video's")
		col := slices.Index(rows[0], "In venster")
		seen := map[string]bool{}
		for _, r := range rows[1:] {
			seen[r[col]] = true
		}
		if len(seen) != 2 || !seen["ja"] || !seen["nee"] {
			t.Errorf("In venster holds %v", seen)
		}
	})
	t.Run("the pages print with Dutch page numbers", func(t *testing.T) {
		for _, sheet := range f.GetSheetList() {
			hf, err := f.GetHeaderFooter(sheet)
			if err != nil || hf == nil || !strings.HasSuffix(hf.OddFooter, "&RPagina &P van &N") {
				t.Errorf("%s's footer = %+v (%v)", sheet, hf, err)
			}
		}
	})
	t.Run("the document's properties are Dutch", func(t *testing.T) {
		props, err := f.GetDocProps()
		if err != nil {
			t.Fatal(err)
		}
		if props.Subject != "Influencerscreening per 27 november 2026 voor Bakkerij Jansen" || props.Description != "Gemaakt met vet test" || props.Language != "nl-NL" {
			t.Errorf("properties = %+v", props)
		}
	})
	t.Run("Summary writes its dates and lines in Dutch", func(t *testing.T) {
		rows, _ := f.GetRows("Samenvatting")
		text := ""
		for _, r := range rows {
			text += strings.Join(r, "\t") + "\n"
		}
		for _, want := range []string{"Peildatum\t27 november 2026", "Posts\t371 gelezen = 370 gebruikt + 0 dubbel + 1 afgewezen",
			"Oordeel\tAccounts\tZeker\tTwijfelgeval\tTe weinig posts", "Drempels", "geen klasse"} {
			if !strings.Contains(text, want) {
				t.Errorf("Samenvatting does not say %q:\n%s", want, text)
			}
		}
	})
}

// No cell, sheet name, header, footer or property of the Dutch workbook is English.
func TestTheDutchWorkbookHoldsNoEnglish(t *testing.T) {
	r, _, f := writeDutchWorkbook(t)
	english, skip := englishOnly(t), catalogLess(r)
	codes := map[string]bool{}
	for _, rule := range scoring.Rules(r.Result.Config) {
		codes[rule.Code] = true
	}
	for _, t := range scoring.Traits() { // the Insights sheet's Code column, likewise
		codes[t.String()] = true
	}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		text := sheet + "\n"
		for _, row := range rows {
			for _, cell := range row {
				if !codes[cell] { // the Signals sheet's Code column: codes for tools, beside their words
					text += cell + "\n"
				}
			}
		}
		if hf, _ := f.GetHeaderFooter(sheet); hf != nil {
			text += hf.OddHeader + "\n" + hf.OddFooter + "\n"
		}
		if found := englishIn(text, english, skip); len(found) > 0 {
			t.Errorf("%s shows English words: %q", sheet, found)
		}
	}
	props, _ := f.GetDocProps()
	if found := englishIn(props.Title+"\n"+props.Subject+"\n"+props.Description, english, skip); len(found) > 0 {
		t.Errorf("the document's properties are English: %q", found)
	}
}

// The Dutch workbook as LibreOffice shows it: the numbers with Dutch separators, whatever the
// machine's own language.
func TestLibreOfficeShowsTheDutchWorkbookInDutch(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	soffice := needLibreOffice(t)
	_, dir, _ := writeDutchWorkbook(t)
	// The ninth field, true: each cell as it is shown.
	convertWorkbook(t, soffice, dir, `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1`)
	read := func(sheet string) string {
		b, err := os.ReadFile(filepath.Join(dir, "vetting-"+sheet+".csv"))
		if err != nil {
			t.Fatalf("no CSV of sheet %s: %v", sheet, err)
		}
		return string(b)
	}
	for _, tc := range []struct{ name, sheet, want string }{
		// SPEC §3's worked example: 20,000 followers, follower ER 6.4%; its fee of 300.
		{"an account's followers, follower ER and price", "Accounts", `bakewithnoor,20.000,20K–100K,10,"6,40%"`},
		{"an account's price in euros", "Accounts", `"€ 300,00"`},
		{"the benchmarks", "Samenvatting", `20K–100K,20.000,"2,15%"`},
		// bakewithnoor's newest post: 23,175 views, 1,100 likes, 70 comments, 79 shares, 107
		// saves: (1,100 + 70 + 79) ÷ 23,175 = 5.39%, above the platform's 3.30%, in the window.
		{"a post's counts, view ER and yes", "Video's", `7440049515997873643,2026-11-25 06:00,23.175,1.100,70,79,107,"5,39%",ja,ja,`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := read(tc.sheet); !strings.Contains(got, tc.want) {
				t.Errorf("sheet %s as LibreOffice shows it has no %s:\n%.2000s", tc.sheet, tc.want, got)
			}
		})
	}
}

// dutchBranded is the branded report (logo, histories of up to 14 snapshots, a batch warning)
// in Dutch, compared with a baseline: every sheet and column a report can have.
func dutchBranded(t *testing.T) *Report {
	t.Helper()
	r := brandedReport(t)
	r.Printer = dutch()
	res := r.Result
	res.HasBaseline, res.BaselineAsOf = true, time.Date(2026, 11, 13, 0, 0, 0, 0, time.UTC)
	res.New = []string{res.Accounts[0].Handle}
	for i := range 25 { // more than the page names
		res.Gone = append(res.Gone, scoring.Previous{Handle: "weg" + strconv.Itoa(i), Verdict: scoring.Pass})
	}
	d := int64(-1_250)
	res.Accounts[1].Change = &scoring.Change{Before: scoring.Previous{Verdict: scoring.Review}, FollowersDelta: &d,
		FollowersPercent: scoring.Rate{Value: -2.44, OK: true}, FollowerERDelta: scoring.Rate{Value: 0.42, OK: true}}
	return r
}

// A history and a baseline in Dutch: the hidden History sheet, the trend columns, the changes
// since the baseline, on the sheets and on the page, and still no English.
func TestADutchReportWithAHistoryAndABaseline(t *testing.T) {
	r := dutchBranded(t)
	dir := t.TempDir()
	if _, err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, WorkbookFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Contains(got, "Geschiedenis") {
		t.Fatalf("sheets = %q, want the hidden Geschiedenis", got)
	}
	if visible, _ := f.GetSheetVisible("Geschiedenis"); visible {
		t.Error("Geschiedenis is visible")
	}
	history, _ := f.GetRows("Geschiedenis")
	if len(history) == 0 || !slices.Equal(history[0][:2], []string{"Account", "Volgers 1"}) || !slices.Contains(history[0], "Volger-ER 12") {
		t.Errorf("Geschiedenis's headers = %q", history)
	}
	accounts, _ := f.GetRows("Accounts")
	for _, h := range []string{"Δ volgers", "Δ volgers %", "Δ volger-ER", "Vorig oordeel", "Verloop volgers", "Verloop volger-ER", "Oordelen door de tijd"} {
		if !slices.Contains(accounts[0], h) {
			t.Errorf("Accounts has no column %q: %q", h, accounts[0])
		}
	}
	// The sparklines draw from the hidden sheet by its Dutch name.
	zr, err := zip.OpenReader(filepath.Join(dir, WorkbookFile))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	sheet2 := ""
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet2.xml" {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			sheet2 = string(b)
		}
	}
	if !strings.Contains(sheet2, "<xm:f>Geschiedenis!B") {
		t.Errorf("the Accounts sheet's sparklines do not draw from Geschiedenis: %.300s", sheet2[max(strings.Index(sheet2, "<x14:sparkline>"), 0):])
	}
	summary, _ := f.GetRows("Samenvatting")
	text := ""
	for _, row := range summary {
		text += strings.Join(row, "\t") + "\n"
	}
	for _, want := range []string{"Sinds het vorige rapport", "Peildatum vorig rapport\t13 november 2026", "Nieuwe accounts\t1", "Verdwenen accounts\t25"} {
		if !strings.Contains(text, want) {
			t.Errorf("Samenvatting does not say %q:\n%s", want, text)
		}
	}
	english, skip := englishOnly(t), catalogLess(r)
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		text := sheet
		for _, row := range rows {
			text += "\n" + strings.Join(row, "\n")
		}
		if found := englishIn(text, english, skip); len(found) > 0 {
			t.Errorf("%s shows English words: %q", sheet, found)
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, PageFile))
	if err != nil {
		t.Fatal(err)
	}
	visible := visibleText(string(page))
	if want := "Vergeleken met het rapport met peildatum 13 november 2026: 1 nieuw, 25 verdwenen (verdwenen: weg0, "; !strings.Contains(visible, want) ||
		!strings.Contains(visible, "weg19, en nog 5)") {
		t.Errorf("the page does not say %q … en nog 5:\n%s", want, visible)
	}
	if found := englishIn(visible, english, skip); len(found) > 0 {
		t.Errorf("the page shows English words: %q", found)
	}
}
