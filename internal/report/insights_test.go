package report

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// insightsReport is a batch with a creator who asks questions on half of 12 posts: its
// questions get a higher view ER, so the Insights sheet, summary.json and the page compare them.
func insightsReport(t *testing.T, p *lang.Printer) (*Report, string) {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("account,followers,views,likes,comments,shares,posted_at,video_id,caption\n")
	day := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	for i := range 12 {
		likes, caption := 300+i, "a day out #walk"
		if i%2 == 0 {
			likes, caption = 800+i, "who else does this? #walk #city #fyp"
		}
		b.WriteString("vraagsteller,50000,10000," + strconv.Itoa(likes) + ",20,5," + day.AddDate(0, 0, -i).Format("2006-01-02") +
			",74400000000000000" + strconv.Itoa(10+i) + "," + caption + "\n")
	}
	path := filepath.Join(dir, "posts.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	batch, err := ingest.Read([]string{path}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(scoring.Input{Posts: batch.Posts, Texts: &batch.Texts, Followers: batch.Followers, NoCaption: batch.NoCaption}, scoring.Default())
	out := t.TempDir()
	r := &Report{Version: "test", Generated: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Batch: batch, Result: res, Printer: p}
	if _, err := Write(out, r); err != nil {
		t.Fatal(err)
	}
	return r, out
}

func TestInsightsInTheWorkbookAndSummary(t *testing.T) {
	r, dir := insightsReport(t, lang.New(lang.English, ""))
	a := &r.Result.Accounts[0]
	var q *scoring.Insight
	for i := range a.Insights {
		if a.Insights[i].Trait == scoring.Question {
			q = &a.Insights[i]
		}
	}
	// Recomputed from the file's numbers: questions have 800+i likes on even i (800…810, the
	// middle two 804 and 806), the others 300+i (301…311: 305 and 307); 20 comments, 5 shares
	// and 10,000 views each.
	wantWith, wantWithout := (20+5+(804+806)/2.0)/100, (20+5+(305+307)/2.0)/100
	if q == nil || q.With.Posts != 6 || q.Without.Posts != 6 || math.Abs(q.With.Median.Value-wantWith) > 1e-9 || math.Abs(q.Without.Median.Value-wantWithout) > 1e-9 {
		t.Fatalf("question insight %+v, want 6 posts at %.4f%% against 6 at %.4f%%", q, wantWith, wantWithout)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, WorkbookFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(english(SheetInsights))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the Insights sheet lists the batch, then the account's comparisons", func(t *testing.T) {
		var found []string
		for _, row := range rows[1:] {
			if len(row) > 3 && row[2] == "Question" {
				found = append(found, strings.Join(row, "|"))
			}
		}
		if len(found) != 2 || !strings.HasPrefix(found[0], "|All creators|Question|6|") || !strings.HasPrefix(found[1], "1|vraagsteller|Question|6|") {
			t.Fatalf("question rows %q", found)
		}
		words := "Posts with a question: median view ER " + strconv.FormatFloat(wantWith, 'f', 2, 64) + "% over 6 posts, against " +
			strconv.FormatFloat(wantWithout, 'f', 2, 64) + "% over 6 posts."
		if got := figures.InsightWords(*q, &r.Result.Config, r.Printer); got != words {
			t.Errorf("words %q, want %q", got, words)
		}
		if !strings.Contains(found[0], "|Posts with a question: median view ER ") {
			t.Errorf("the batch's row has no sentence: %q", found[0])
		}
	})
	t.Run("summary.json has the account's insights and the batch's", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(dir, SummaryFile))
		if err != nil {
			t.Fatal(err)
		}
		var s struct {
			Accounts []struct {
				Insights []map[string]any `json:"insights"`
			} `json:"accounts"`
			Insights struct {
				Batch []map[string]any `json:"batch"`
			} `json:"insights"`
		}
		if err := json.Unmarshal(data, &s); err != nil {
			t.Fatal(err)
		}
		var got map[string]any
		for _, in := range s.Accounts[0].Insights {
			if in["trait"] == "question" {
				got = in
			}
		}
		if got == nil || got["with_posts"] != 6.0 || got["without_posts"] != 6.0 ||
			math.Abs(got["with_median_view_er"].(float64)-wantWith) > 1e-9 || math.Abs(got["without_median_view_er"].(float64)-wantWithout) > 1e-9 {
			t.Errorf("summary.json's question insight %v", got)
		}
		if len(s.Insights.Batch) == 0 || s.Insights.Batch[0]["creators"] == nil {
			t.Errorf("summary.json's batch insights %v", s.Insights.Batch)
		}
		// small_difference is the medians less than insight_small (10%) apart, recomputed from
		// the medians summary.json gives.
		for _, in := range append(s.Insights.Batch, s.Accounts[0].Insights...) {
			with, _ := in["with_median_view_er"].(float64)
			without, _ := in["without_median_view_er"].(float64)
			small, ok := in["small_difference"].(bool)
			if want := without > 0 && math.Abs(with/without-1) < 0.1; !ok || small != want {
				t.Errorf("insight %v: small_difference %v, want %v", in, in["small_difference"], want)
			}
		}
	})
	t.Run("posts.csv marks each post's question, 1 or 0", func(t *testing.T) {
		_, posts := readCSV(t, filepath.Join(dir, PostsCSV))
		for _, p := range posts {
			want := "0"
			if strings.Contains(p["caption"], "?") {
				want = "1"
			}
			if p["question"] != want || p["original_sound"] != "" || p["many_hashtags"] != map[string]string{"1": "1", "0": "0"}[want] {
				t.Errorf("post %s: question %q, original sound %q, many hashtags %q", p["video_id"], p["question"], p["original_sound"], p["many_hashtags"])
			}
		}
	})
	t.Run("the sentence is in Dutch in a Dutch report", func(t *testing.T) {
		nl := lang.New(lang.Dutch, "")
		words := figures.InsightWords(*q, &r.Result.Config, nl)
		if !strings.HasPrefix(words, "Posts met een vraag: mediane weergave-ER "+nl.Percent(wantWith, 2)+" over 6 posts") {
			t.Errorf("Dutch: %q", words)
		}
	})
}

// The page shows the batch's insights at the top and the account's in its detail, in the
// sentence the sheet writes, in English and in Dutch.
func TestInsightsOnThePage(t *testing.T) {
	for _, p := range []*lang.Printer{lang.New(lang.English, ""), lang.New(lang.Dutch, "")} {
		t.Run(string(p.Lang()), func(t *testing.T) {
			r, dir := insightsReport(t, p)
			ctx, _ := openPage(t, filepath.Join(dir, PageFile))
			got := eval[[]string](t, ctx, `(function () {
				var batch = Array.from(document.querySelectorAll('#insights li')).map(function (li) { return li.textContent; }).join('\n');
				document.querySelector('#accounts tbody tr.row').click();
				var d = document.querySelector('#accounts tbody tr.detail');
				var mine = d ? Array.from(d.querySelectorAll('ul.insights li')).map(function (li) { return li.textContent; }).join('\n') : 'no detail';
				return [batch, mine];
			})()`)
			a := &r.Result.Accounts[0]
			for _, in := range a.Insights {
				if want := figures.InsightWords(in, &r.Result.Config, p); !strings.Contains(got[1], want) {
					t.Errorf("the detail lacks %q:\n%s", want, got[1])
				}
			}
			for _, b := range r.Result.Insights {
				if want := figures.BatchInsightWords(b, &r.Result.Config, p); !strings.Contains(got[0], want) {
					t.Errorf("the batch's insights lack %q:\n%s", want, got[0])
				}
			}
			if len(a.Insights) == 0 || len(r.Result.Insights) == 0 {
				t.Fatalf("nothing compared: %d insights, %d for the batch", len(a.Insights), len(r.Result.Insights))
			}
		})
	}
}

// A difference too small to act on is said so, in every language, after the sentence; within
// the spread is said instead when both hold.
func TestASmallDifferenceIsSaidSo(t *testing.T) {
	cfg := scoring.Default()
	in := scoring.Insight{Trait: scoring.Question, With: scoring.Side{Posts: 400_000, Median: scoring.Rate{Value: 6.31, OK: true}},
		Without: scoring.Side{Posts: 600_000, Median: scoring.Rate{Value: 6.27, OK: true}}, Ratio: scoring.Rate{Value: 6.31 / 6.27, OK: true}, Small: true}
	for l, want := range map[lang.Lang]string{lang.English: "less than 10% apart", lang.Dutch: "minder dan 10% uit elkaar"} {
		p := lang.New(l, "")
		if got := figures.InsightWords(in, &cfg, p); !strings.HasSuffix(got, figures.SmallWords(&cfg, p)) || !strings.Contains(got, want) {
			t.Errorf("%s: %q, want it to end saying %q", l, got, want)
		}
		spread := in
		spread.WithinSpread = true
		if got := figures.InsightWords(spread, &cfg, p); strings.Contains(got, want) {
			t.Errorf("%s, within the spread too: %q says it is small", l, got)
		}
	}
}
