package scoring_test

import (
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
	"github.com/vet-tool/vet/internal/synth"
)

var calibration = flag.Bool("calibration", false, "print each signal's firing rate per real export (docs/calibration.md)")

// realExports are the files of shared/realdata a user could vet as they are (or with the --map
// their README names), each with its kind: what the export is, from its source.
var realExports = []struct {
	file string
	opts ingest.Options
	kind scoring.Kind
}{
	{file: "apify-slash-cp1252.csv", kind: scoring.Sample},
	{file: "apify-dot-nofollowers.csv", kind: scoring.Profiles},
	{file: "scraper-abbreviated.csv", kind: scoring.Sample},
	{file: "apify-nested.json", kind: scoring.Sample},
	{file: "apify-slash.xlsx", kind: scoring.Sample},
	{file: "mislabelled-likes.csv", kind: scoring.Sample, opts: ingest.Options{Map: map[ingest.Field]string{ingest.FieldLikes: "video_stats"}}},
	{file: "tiktokapi-profiles.csv", kind: scoring.Profiles},
}

// Issue 19: a rule that fires on a quarter of real creators is wrong. On every real export
// with at least MinAccounts accounts of 3 or more posts, no authenticity signal may fire on
// more than MaxShare of them. `go test ./internal/scoring -run Rare -calibration -v` prints
// the table kept in docs/calibration.md.
func TestAuthenticitySignalsAreRareOnRealCreators(t *testing.T) {
	const (
		minPosts    = 3
		minAccounts = 10
		maxShare    = 10.0 // percent
	)
	// The signals that doubt an account's audience; inactive, insufficient_data and the
	// follower changes say something else and are left to their own tests.
	doubts := []string{scoring.GhostFollowers, scoring.LikeCommentRatio, scoring.EngagementSpikes,
		scoring.ImplausiblyHigh, scoring.Erratic, scoring.TooSteady, scoring.ImpossibleCounts,
		scoring.FarBelowTier, scoring.LowReach, scoring.Inactive}
	var table strings.Builder
	fmt.Fprintf(&table, "| file | kind | accounts with %d+ posts | %s | verdicts (PASS/REVIEW/FAIL/UNRATED) | over extreme-ratio | firm, extreme-ratio off → on |\n", minPosts, strings.Join(doubts, " | "))
	fmt.Fprintf(&table, "|---|---|---:|%s---|---:|---|\n", strings.Repeat("---:|", len(doubts)))
	for _, f := range realExports {
		t.Run(f.file, func(t *testing.T) {
			b, err := ingest.Read([]string{realdata(t, f.file)}, f.opts)
			if err != nil {
				t.Fatal(err)
			}
			off := scoring.Default()
			off.ExtremeRatio = 0
			firmOff := 0
			for _, a := range scoring.Score(scoring.Input{Posts: slices.Clone(b.Posts), Texts: &b.Texts, Followers: b.Followers}, off).Accounts {
				if a.Window >= minPosts && a.Confidence == scoring.Firm {
					firmOff++
				}
			}
			res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers}, scoring.Default())
			if res.Kind != f.kind {
				t.Errorf("read as %s, but the export is %s", res.Kind, f.kind)
			}
			fired := map[string]int{}
			verdicts := map[scoring.Verdict]int{}
			n, extreme, firm := 0, 0, 0
			for _, a := range res.Accounts {
				if a.Window < minPosts {
					continue
				}
				n++
				verdicts[a.Verdict]++
				if a.Confidence == scoring.Firm {
					firm++
				}
				if beyondTier(a) {
					extreme++
					if a.Confidence == scoring.Firm {
						t.Errorf("%s: %.2f× its tier, and firm", a.Handle, a.Ratio.Value)
					}
				}
				for _, s := range a.Signals {
					fired[s.Code]++
				}
			}
			row := []string{f.file, string(res.Kind), fmt.Sprint(n)}
			for _, code := range doubts {
				share := 0.0
				if n > 0 {
					share = 100 * float64(fired[code]) / float64(n)
				}
				row = append(row, fmt.Sprintf("%.1f%% (%d)", share, fired[code]))
				if n >= minAccounts && share > maxShare && slices.Contains(doubts[:7], code) {
					t.Errorf("%s fires on %.1f%% of %d accounts with %d+ posts (at most %.0f%%)", code, share, n, minPosts, maxShare)
				}
			}
			row = append(row, fmt.Sprintf("%d / %d / %d / %d", verdicts[scoring.Pass], verdicts[scoring.Review], verdicts[scoring.Fail], verdicts[scoring.Unrated]))
			share := 0.0
			if n > 0 {
				share = 100 * float64(extreme) / float64(n)
			}
			if n >= minAccounts && share > maxShare {
				t.Errorf("a follower ER over extreme-ratio is said of %.1f%% of %d accounts with %d+ posts (at most %.0f%%)", share, n, minPosts, maxShare)
			}
			row = append(row, fmt.Sprintf("%.1f%% (%d)", share, extreme), fmt.Sprintf("%d → %d", firmOff, firm))
			fmt.Fprintf(&table, "| %s |\n", strings.Join(row, " | "))
		})
	}
	if *calibration {
		t.Log("\n" + table.String())
	}
}

// beyondTier says whether the account's reason says that its follower ER is more than
// confidence.extreme-ratio × its tier (the note that keeps it from firm).
func beyondTier(a scoring.Account) bool {
	return slices.ContainsFunc(a.Reason, func(m lang.Msg) bool { return strings.HasPrefix(m.Key, "say.reason.beyond_") })
}

// The review of issue 19's calibration: the #1 of a real profile export (96 Vietnamese
// creators) was a firm PASS at 15.8× its tier, its median post seen by 2.7× its followers at
// an ordinary view ER. No firm account of it is now above confidence.extreme-ratio, and the old
// #1 says why its figure is not firm.
func TestTheTopOfARealProfileRankingIsNoExtremeFirmFigure(t *testing.T) {
	b, err := ingest.Read([]string{realdata(t, "tiktokapi-profiles.csv")}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := scoring.Default()
	res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers}, cfg)
	for i, a := range res.Accounts {
		if a.Confidence == scoring.Firm && a.Ratio.Value > cfg.ExtremeRatio {
			t.Errorf("#%d %s: firm at %.2f× its tier", i+1, a.Handle, a.Ratio.Value)
		}
		if a.Handle != "zanggggxinhhh_" {
			continue
		}
		want := "follower ER 32.40% is 15.80× the 100K–1M benchmark 2.05%: above it; over 8× its tier: its posts reach beyond its followers (median views are 266% of followers), so the rate is less certain; check that the follower count is current"
		if a.Verdict != scoring.Pass || a.Confidence != scoring.Borderline || enAll(a.Reason) != want {
			t.Errorf("#%d %s: %s %s, reason %q; want PASS, borderline, %q", i+1, a.Handle, a.Verdict, a.Confidence, enAll(a.Reason), want)
		}
		if i < 10 {
			t.Errorf("%s is still #%d, above firm accounts", a.Handle, i+1)
		}
	}
	if top := res.Accounts[0]; top.Confidence != scoring.Firm || top.Verdict != scoring.Pass {
		t.Errorf("the list opens with %s, %s %s", top.Handle, top.Verdict, top.Confidence)
	}
}

// The same rule on our generator at a user's scale: 20,000 accounts of 10 posts, honest ones
// among the planted patterns. Each doubt may fire on at most 2% of the honest accounts, and
// each planted pattern must still be found on at least 90% of its accounts.
// `-calibration -v` prints the table kept in docs/calibration.md.
func TestSignalsOnASyntheticProfileBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("20,000 accounts")
	}
	c := synth.Config{Accounts: 20_000, Posts: 10, Seed: 19}
	path := filepath.Join(t.TempDir(), "posts.csv")
	if err := synth.WriteFile(path, c); err != nil {
		t.Fatal(err)
	}
	b, err := ingest.Read([]string{path}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers}, scoring.Default())
	if res.Kind != scoring.Profiles {
		t.Fatalf("read as %s", res.Kind)
	}
	kinds := map[string]synth.Kind{}
	for _, a := range synth.Accounts(c) {
		kinds[a.Handle] = a.Kind
	}
	type tally struct {
		n, extreme int // accounts, and those over extreme-ratio
		fired      map[string]int
		verdicts   map[scoring.Verdict]int
	}
	by := map[synth.Kind]*tally{}
	for _, a := range res.Accounts {
		k := kinds[a.Handle]
		if by[k] == nil {
			by[k] = &tally{fired: map[string]int{}, verdicts: map[scoring.Verdict]int{}}
		}
		x := by[k]
		x.n++
		x.verdicts[a.Verdict]++
		for _, s := range a.Signals {
			x.fired[s.Code]++
		}
		if beyondTier(a) {
			x.extreme++
			if a.Confidence == scoring.Firm {
				t.Errorf("%s (%s): %.2f× its tier, and firm", a.Handle, k, a.Ratio.Value)
			}
		}
	}
	share := func(x *tally, code string) float64 { return 100 * float64(x.fired[code]) / float64(x.n) }
	honest := by[synth.Honest]
	if s := 100 * float64(honest.extreme) / float64(honest.n); s > 2 {
		t.Errorf("a follower ER over extreme-ratio is said of %.2f%% of %d honest accounts (at most 2%%)", s, honest.n)
	}
	for _, code := range []string{scoring.GhostFollowers, scoring.LikeCommentRatio, scoring.EngagementSpikes, scoring.ImplausiblyHigh,
		scoring.Erratic, scoring.TooSteady, scoring.ImpossibleCounts, scoring.FarBelowTier, scoring.LowReach, scoring.Inactive} {
		if s := share(honest, code); s > 2 {
			t.Errorf("%s fires on %.2f%% of %d honest accounts (at most 2%%)", code, s, honest.n)
		}
	}
	planted := map[synth.Kind]string{synth.Ghost: scoring.GhostFollowers, synth.BoughtLikes: scoring.LikeCommentRatio,
		synth.Viral: scoring.EngagementSpikes, synth.HighER: scoring.ImplausiblyHigh, synth.Dormant: scoring.Inactive}
	var table strings.Builder
	fmt.Fprintf(&table, "| accounts | count | planted signal found | PASS / REVIEW / FAIL / UNRATED | signals on more than 0.5%% of them | over extreme-ratio |\n|---|---:|---|---|---|---:|\n")
	for _, k := range []synth.Kind{synth.Honest, synth.Ghost, synth.BoughtLikes, synth.Viral, synth.HighER, synth.Dormant, synth.Tiny} {
		x := by[k]
		if x == nil {
			continue
		}
		found := "–"
		if code, ok := planted[k]; ok {
			found = fmt.Sprintf("%s %.1f%%", code, share(x, code))
			if share(x, code) < 90 {
				t.Errorf("%s: %s found on %.1f%% of %d (at least 90%%)", k, code, share(x, code), x.n)
			}
		}
		var codes []string
		for code := range x.fired {
			if share(x, code) > 0.5 {
				codes = append(codes, fmt.Sprintf("%s %.1f%%", code, share(x, code)))
			}
		}
		slices.Sort(codes)
		fmt.Fprintf(&table, "| %s | %d | %s | %d / %d / %d / %d | %s | %.1f%% |\n", k, x.n, found,
			x.verdicts[scoring.Pass], x.verdicts[scoring.Review], x.verdicts[scoring.Fail], x.verdicts[scoring.Unrated], strings.Join(codes, ", "),
			100*float64(x.extreme)/float64(x.n))
	}
	if *calibration {
		t.Log("\n" + table.String())
	}
}

// A differently shaped batch (synth.Config.Reach): beside the plan, accounts far above their
// tier for another reason than their audience, a follower count a tenth to a fifteenth of the
// audience its posts reach (StaleFollowers) and a creator of 1K–5K followers with one viral post
// among five (SmallViral). Each must be said to be over extreme-ratio, and so not firm, on at
// least 90% of its accounts; the honest ones on at most 2%. `-calibration -v` prints the table
// kept in docs/calibration.md.
func TestFarAboveTheTierOnASyntheticBatch(t *testing.T) {
	c := synth.Config{Accounts: 22 * 100, Posts: 10, Seed: 19, Reach: true}
	path := filepath.Join(t.TempDir(), "posts.csv")
	if err := synth.WriteFile(path, c); err != nil {
		t.Fatal(err)
	}
	b, err := ingest.Read([]string{path}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.Score(scoring.Input{Posts: b.Posts, Texts: &b.Texts, Followers: b.Followers}, scoring.Default())
	kinds := map[string]synth.Kind{}
	for _, a := range synth.Accounts(c) {
		kinds[a.Handle] = a.Kind
	}
	type tally struct{ n, extreme, firm int }
	by := map[synth.Kind]*tally{}
	for _, a := range res.Accounts {
		k := kinds[a.Handle]
		if by[k] == nil {
			by[k] = &tally{}
		}
		x := by[k]
		x.n++
		if beyondTier(a) {
			x.extreme++
		}
		if a.Confidence == scoring.Firm {
			x.firm++
		}
	}
	var table strings.Builder
	table.WriteString("| accounts | count | over extreme-ratio | firm |\n|---|---:|---:|---:|\n")
	for _, k := range []synth.Kind{synth.Honest, synth.Viral, synth.HighER, synth.StaleFollowers, synth.SmallViral} {
		x := by[k]
		share := 100 * float64(x.extreme) / float64(x.n)
		switch {
		case k == synth.Honest && share > 2:
			t.Errorf("honest: over extreme-ratio on %.1f%% of %d (at most 2%%)", share, x.n)
		case (k == synth.StaleFollowers || k == synth.SmallViral) && (share < 90 || x.firm > x.n/10):
			t.Errorf("%s: over extreme-ratio on %.1f%% of %d (at least 90%%), %d firm", k, share, x.n, x.firm)
		}
		fmt.Fprintf(&table, "| %s | %d | %.1f%% (%d) | %d |\n", k, x.n, share, x.extreme, x.firm)
	}
	if *calibration {
		t.Log("\n" + table.String())
	}
}
