package figures

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

func TestEveryFigureIsDeclaredOnceWithItsWords(t *testing.T) {
	keys, headers := map[string]bool{}, map[string]bool{}
	for _, f := range Accounts {
		if keys[f.Key] {
			t.Errorf("%s is declared twice", f.Key)
		}
		keys[f.Key] = true
		if f.Where&CSV != 0 {
			if h := f.CSVHeader("EUR"); headers[h] {
				t.Errorf("two figures write accounts.csv's column %s", h)
			} else {
				headers[h] = true
			}
		}
		if f.Value == nil {
			t.Errorf("%s has no Value", f.Key)
		}
		if f.Where == 0 {
			t.Errorf("%s appears nowhere", f.Key)
		}
		if (f.Unit == Code || f.Unit == Codes) && f.Words == "" && f != Tier {
			t.Errorf("%s is a code with no words for people", f.Key)
		}
		for _, l := range lang.Langs() {
			p := lang.New(l, "")
			for _, k := range []string{"figure." + f.Key + ".label", "figure." + f.Key + ".def"} {
				if !p.Has(k) {
					t.Errorf("%s: the %s catalog has no %s", f.Key, l, k)
				}
			}
		}
	}
}

// Every code a Code figure can hold has words in every language.
func TestEveryCodeHasWords(t *testing.T) {
	codes := map[*Figure][]string{
		Verdict:         {"PASS", "REVIEW", "FAIL", "UNRATED"},
		PreviousVerdict: {"PASS", "REVIEW", "FAIL", "UNRATED", "new"},
		Confidence:      {string(scoring.Firm), string(scoring.Borderline), string(scoring.Thin)},
		Grade:           {gradeCode(scoring.Above), gradeCode(scoring.Below), gradeCode(scoring.FarBelow)},
	}
	for _, r := range scoring.Rules(scoring.Default()) {
		codes[Signals] = append(codes[Signals], r.Code)
	}
	for f, cs := range codes {
		for _, l := range lang.Langs() {
			p := lang.New(l, "")
			for _, c := range cs {
				if !p.Has(f.Words + "." + c) {
					t.Errorf("%s: the %s catalog has no words for %s (%s.%s)", f.Key, l, c, f.Words, c)
				}
			}
		}
	}
}

func TestAnAccountWithNothingReadsAsNA(t *testing.T) {
	a := &scoring.Account{Handle: "x", Followers: ingest.Missing, DaysSinceLast: -1}
	c := &Context{Rank: 1, Result: &scoring.Result{}, P: lang.New(lang.English, "")}
	for _, f := range Accounts {
		v := f.Value(a, c) // must not panic
		switch f {
		case Followers, FollowerER, MedianViewER, Ratio, Tier, Benchmark, DaysSinceLast, CPE, Confidence, Grade:
			if v.OK {
				t.Errorf("%s of an account with nothing = %+v, want n/a", f.Key, v)
			}
		}
	}
	if v := CPE.Value(&scoring.Account{CPE: scoring.Metric{NA: lang.M("na.no_price")}}, c); v.OK || v.NA != "no price given" {
		t.Errorf("a metric's reason for n/a = %+v", v)
	}
}

func TestFiguresFormatInTheReadersLanguage(t *testing.T) {
	en, nl := lang.New(lang.English, "EUR"), lang.New(lang.Dutch, "EUR")
	for _, tc := range []struct {
		f      *Figure
		v      Value
		en, nl string
	}{
		{FollowerER, number(6.4), "6.40%", "6,40%"},
		{Ratio, number(0.2), "0.20×", "0,20×"},
		{Followers, number(12345), "12,345", "12.345"},
		{Followers, Value{Num: 18_300, OK: true, Approx: true}, "~18,300", "~18.300"},
		{Price, number(5071), "€5,071.00", "€ 5.071,00"},
		{CPE, number(3.0214), "€3.021", "€ 3,021"},
		{PostsPerWeek, number(3.45), "3.5", "3,5"},
		{Verdict, code("PASS"), "PASS", "GOEDGEKEURD"},
		{Rounded, flag(true), "yes", "ja"},
		{FollowersDelta, number(1200), "+1,200", "+1.200"},
		{FollowerERDelta, number(-1.07), "-1.07 pts", "-1,07 procentpunt"},
		{FollowerER, Value{}, "n/a", "n.v.t."},
	} {
		if got := tc.f.Format(en, tc.v); got != tc.en {
			t.Errorf("%s %+v in English = %q, want %q", tc.f.Key, tc.v, got, tc.en)
		}
		if got := tc.f.Format(nl, tc.v); got != tc.nl {
			t.Errorf("%s %+v in Dutch = %q, want %q", tc.f.Key, tc.v, got, tc.nl)
		}
	}
}

func TestDefinitionsFillTheBatchsSettings(t *testing.T) {
	res := &scoring.Result{Config: scoring.Default(), AsOf: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}
	for _, l := range lang.Langs() {
		for _, d := range Definitions(Sheet|CSV|JSON|Page, res, lang.New(l, "")) {
			if strings.Contains(d[1], "{") || strings.Contains(d[1], "}") {
				t.Errorf("%s: %s's definition has a placeholder left: %s", l, d[0], d[1])
			}
		}
	}
}

// A figure's key is spelled in its declaration and, where SQL needs it, in the history's
// schema: never in the code that writes an output, which walks the table instead.
func TestEachFigureKeyIsSpelledInItsDeclarationOnly(t *testing.T) {
	root := filepath.Join("..", "..")
	allowed := map[string]bool{
		filepath.Join("internal", "figures", "accounts.go"): true,
		filepath.Join("internal", "history", "schema.go"):   true,
	}
	// Columns of other tables that share a figure's name: signals.csv and posts.csv (a row per
	// signal, per post: not the accounts the table describes) and the history's posts table.
	otherTables := map[string][]string{
		filepath.Join("internal", "report", "csvfiles.go"): {"rank", "handle", "verdict", "rounded_counts"},
		filepath.Join("internal", "history", "append.go"):  {"handle"},
		filepath.Join("internal", "history", "export.go"):  {"handle"},
	}
	var files []string
	for _, dir := range []string{"internal/report", "internal/history", "internal/figures", "cmd/vet", "templates"} {
		filepath.WalkDir(filepath.Join(root, dir), func(path string, d os.DirEntry, err error) error {
			if d != nil && d.IsDir() && d.Name() == "assets" { // the chart script, not ours
				return filepath.SkipDir
			}
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") ||
				strings.HasSuffix(path, ".js") || strings.HasSuffix(path, ".tmpl")) {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) < 20 {
		t.Fatalf("found only %d source files under %s", len(files), root)
	}
	for _, path := range files {
		rel, _ := filepath.Rel(root, path)
		if allowed[rel] {
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		for _, f := range Accounts {
			if slices.Contains(otherTables[rel], f.Key) {
				continue
			}
			for _, q := range []string{`"` + f.Key + `"`, "`" + f.Key + "`", `'` + f.Key + `'`, `"` + f.CSVHeader("") + `"`} {
				if strings.Contains(src, q) {
					t.Errorf("%s spells the figure key %s: walk the figure table (internal/figures) instead", rel, q)
				}
			}
		}
	}
}
