package scoring

import (
	"slices"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
)

// Baseline is last week's scoring, as its summary.json kept it (internal/report reads the file).
// With it, Score adds week-over-week changes: the deltas, the previous verdict, follower_jump
// and follower_drop, and the accounts new and gone.
type Baseline struct {
	AsOf     time.Time           `json:"as_of"`
	Accounts map[string]Previous `json:"accounts"` // by folded handle (ingest.FoldHandle)
}

// Previous is what the baseline knew of one account.
type Previous struct {
	Handle     string       `json:"handle"`
	Followers  ingest.Count `json:"followers"` // ingest.Missing when unknown
	FollowerER Rate         `json:"follower_er"`
	Verdict    Verdict      `json:"verdict"`
}

// Change is how an account moved since the baseline.
type Change struct {
	Before           Previous `json:"before"`            // the baseline's numbers and verdict
	FollowersDelta   *int64   `json:"followers_delta"`   // now − then; nil when either count is missing
	FollowersPercent Rate     `json:"followers_percent"` // the delta as a percentage of then
	FollowerERDelta  Rate     `json:"follower_er_delta"` // now − then, in percentage points
}

// compare sets how the account moved since the baseline, or marks it new.
func compare(a *Account, b *Baseline) {
	if b == nil {
		return
	}
	if before, ok := b.Accounts[a.Key]; ok {
		a.Change = change(a, before)
	} else {
		a.New = true
	}
}

// weekOverWeek lists the accounts new in this batch (in rank order) and gone from it.
func (r *Result) weekOverWeek(b *Baseline) {
	if b == nil {
		return
	}
	r.HasBaseline, r.BaselineAsOf = true, b.AsOf
	r.New = []string{}
	seen := make(map[string]bool, len(r.Accounts))
	for i := range r.Accounts {
		seen[r.Accounts[i].Key] = true
		if r.Accounts[i].New {
			r.New = append(r.New, r.Accounts[i].Handle)
		}
	}
	r.Gone = gone(b, seen)
}

// change compares an account with its baseline entry.
func change(a *Account, before Previous) *Change {
	ch := &Change{Before: before}
	if a.Followers.Known() && before.Followers.Known() {
		d := int64(a.Followers) - int64(before.Followers)
		ch.FollowersDelta = &d
		if before.Followers > 0 {
			ch.FollowersPercent = rate(float64(d) * 100 / float64(before.Followers))
		}
	}
	if a.FollowerER.OK && before.FollowerER.OK {
		ch.FollowerERDelta = rate(a.FollowerER.Value - before.FollowerER.Value)
	}
	return ch
}

// gone lists the baseline's accounts that this batch does not have, by folded handle.
func gone(b *Baseline, seen map[string]bool) []Previous {
	var keys []string
	for k := range b.Accounts {
		if !seen[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	out := make([]Previous, len(keys))
	for i, k := range keys {
		out[i] = b.Accounts[k]
		if out[i].Handle == "" {
			out[i].Handle = k
		}
	}
	return out
}

// Baseline is what next week's scoring compares with: this result's followers, follower ERs
// and verdicts by folded handle. The report's summary.json carries the same numbers.
func (r *Result) Baseline() *Baseline {
	b := &Baseline{AsOf: r.AsOf, Accounts: make(map[string]Previous, len(r.Accounts))}
	for i := range r.Accounts {
		a := &r.Accounts[i]
		b.Accounts[a.Key] = Previous{Handle: a.Handle, Followers: a.Followers, FollowerER: a.FollowerER, Verdict: a.Verdict}
	}
	return b
}
