package scoring

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
)

// spread is n posts of a 50K account (benchmark 2.15%) whose likes + comments alternate
// between lo and hi, views between 30,000 and 50,000.
func spread(handle string, n int, lo, hi ingest.Count) []ingest.Post {
	cs := make([]counts, n)
	for i := range cs {
		x := lo
		if i%2 == 1 {
			x = hi
		}
		cs[i] = counts{ingest.Count(30_000 + 20_000*(i%3)/2), x - x/25, x / 25, 40}
	}
	return account(handle, 50_000, cs...)
}

func TestConfidence(t *testing.T) {
	for _, tc := range []struct {
		name  string
		posts []ingest.Post
		want  Confidence
	}{
		{"four steady posts are thin", spread("a", 4, 1_500, 1_700), Thin},
		{"five steady posts far above the benchmark are firm", spread("a", 5, 1_500, 1_700), Firm},
		{"ten posts swinging around the benchmark are borderline", spread("a", 10, 400, 1_750), Borderline},
		{"ten posts swinging around the far-below line are borderline", spread("a", 10, 100, 1_000), Borderline},
		{"ten steady posts far below the benchmark are firm", spread("a", 10, 250, 300), Firm},
		{"an account under the first tier on ten posts is n/a, not thin", account("a", 900, same(10, counts{5_000, 300, 10, 5})...), NotRated},
		{"an account under the first tier on four posts is thin", account("a", 900, same(4, counts{5_000, 300, 10, 5})...), Thin},
		{"an account without followers on ten posts is n/a", account("a", ingest.Missing, same(10, counts{5_000, 300, 10, 5})...), NotRated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := Score(Input{Texts: &postTexts, Posts: tc.posts}, Default()).Accounts[0]
			if a.Confidence != tc.want {
				t.Errorf("confidence %s, want %s (ratio %.2f, verdict %s)", a.Confidence, tc.want, a.Ratio.Value, a.Verdict)
			}
		})
	}
	t.Run("the median view ER basis resamples the view ERs", func(t *testing.T) {
		cfg := Default()
		cfg.Basis = BasisViews
		steady := Score(Input{Texts: &postTexts, Posts: spread("a", 10, 1_500, 1_700)}, cfg).Accounts[0]
		swinging := Score(Input{Texts: &postTexts, Posts: spread("a", 10, 400, 1_750)}, cfg).Accounts[0]
		if steady.Confidence != Firm || swinging.Confidence != Borderline {
			t.Errorf("steady %s (ratio %.2f), swinging %s (ratio %.2f)", steady.Confidence, steady.Ratio.Value, swinging.Confidence, swinging.Ratio.Value)
		}
	})
	t.Run("without resamples every account with enough posts is firm", func(t *testing.T) {
		cfg := Default()
		cfg.Resamples = 0
		if a := Score(Input{Texts: &postTexts, Posts: spread("a", 10, 400, 1_750)}, cfg).Accounts[0]; a.Confidence != Firm {
			t.Errorf("confidence %s", a.Confidence)
		}
	})
}

// An account's confidence depends on its own posts only: not on the batch around it, nor on
// the order the rows came in.
func TestConfidenceIsTheSameInAnyBatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 11))
	var all []ingest.Post
	alone := map[string]Confidence{}
	borderline := 0
	for i := range 60 {
		h := fmt.Sprintf("acct%02d", i)
		lo := ingest.Count(200 + rng.IntN(1_200))
		ps := spread(h, 6+rng.IntN(6), lo, lo+ingest.Count(rng.IntN(1_500)))
		alone[h] = Score(Input{Texts: &postTexts, Posts: slices.Clone(ps)}, Default()).Accounts[0].Confidence
		if alone[h] == Borderline {
			borderline++
		}
		all = append(all, ps...)
	}
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	for _, a := range Score(Input{Texts: &postTexts, Posts: all}, Default()).Accounts {
		if a.Confidence != alone[a.Handle] {
			t.Errorf("%s is %s in the batch, %s alone", a.Handle, a.Confidence, alone[a.Handle])
		}
	}
	if borderline == 0 || borderline == len(alone) {
		t.Errorf("%d of %d accounts borderline: the batch does not test the bootstrap", borderline, len(alone))
	}
}

func TestRankingPutsFirmAccountsBeforeThinOutliers(t *testing.T) {
	outlier := account("outlier", 18_300, same(3, counts{400_000, 80_000, 1_000, 500})...) // 443% follower ER
	steady := spread("steady", 10, 1_500, 1_700)
	swinging := spread("swinging", 10, 400, 1_750)
	thin := spread("thin", 4, 1_500, 1_700)
	res := Score(Input{Texts: &postTexts, Posts: slices.Concat(outlier, thin, swinging, steady)}, Default())
	var got []string
	for _, a := range res.Accounts {
		got = append(got, fmt.Sprintf("%s:%s:%s", a.Handle, a.Verdict, a.Confidence))
	}
	want := []string{"steady:PASS:firm", "swinging:PASS:borderline", "thin:PASS:thin", "outlier:REVIEW:thin"}
	if !slices.Equal(got, want) {
		t.Errorf("ranking %v, want %v", got, want)
	}
}

func TestInsufficientDataUnderTheFirstTier(t *testing.T) {
	for _, tc := range []struct {
		name      string
		followers ingest.Count
		want      bool
	}{
		{"999 followers, under the first tier's 1,000, is insufficient data", 999, true},
		{"1,000 followers is rated", 1_000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := Score(Input{Texts: &postTexts, Posts: account("a", tc.followers, same(10, counts{5_000, 300, 10, 5})...)}, Default()).Accounts[0]
			s, got := raised(a, InsufficientData)
			if got != tc.want {
				t.Fatalf("insufficient_data raised %v, want %v (verdict %s, signals %+v)", got, tc.want, a.Verdict, a.Signals)
			}
			if got && (a.Verdict != Unrated || s.Value != 999 || s.Limit != 1_000 || en(s.Plain) == "") {
				t.Errorf("signal %+v on a %s account; want UNRATED, 999 against 1,000, with words", s, a.Verdict)
			}
		})
	}
}
