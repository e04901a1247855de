package scoring_test

import (
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
	"github.com/vet-tool/vet/internal/synth"
)

// Score measures and judges the accounts on every core at once (eachAccount): the result must
// be the one a single loop gives, account for account, on a batch large enough to be cut in
// parts (with its edge cases, pinned posts and paid posts) and on a real export.
func TestScoreIsTheSameOnOneCoreAsOnMany(t *testing.T) {
	path := filepath.Join(t.TempDir(), "posts.csv")
	if err := synth.WriteFile(path, synth.Config{Accounts: 3_000, Posts: 12, Seed: 21, Edge: true}); err != nil {
		t.Fatal(err)
	}
	batches := map[string]string{"a generated batch of 3,000 accounts": path, "a real profile export": realdata(t, "tiktokapi-profiles.csv")}
	for name, file := range batches {
		t.Run(name, func(t *testing.T) {
			b, err := ingest.Read([]string{file}, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			score := func(procs int) *scoring.Result {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				in := scoring.Input{Posts: slices.Clone(b.Posts), Texts: &b.Texts, Followers: b.Followers}
				return scoring.Score(in, scoring.Default())
			}
			one, many := score(1), score(4)
			if len(one.Accounts) == 0 || len(one.Accounts) != len(many.Accounts) {
				t.Fatalf("%d accounts on one core, %d on four", len(one.Accounts), len(many.Accounts))
			}
			for i := range one.Accounts {
				if !reflect.DeepEqual(one.Accounts[i], many.Accounts[i]) {
					t.Fatalf("account %d (%s) differs between one core and four:\n%+v\n%+v", i, one.Accounts[i].Handle, one.Accounts[i], many.Accounts[i])
				}
			}
			if !reflect.DeepEqual(one, many) {
				t.Errorf("the results differ beyond the accounts")
			}
		})
	}
}
