package scoring

import (
	"cmp"
	"slices"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
)

// sortPosts groups posts by account, newest first; undated posts keep the order given, after
// the dated ones. Exports usually arrive in that order already, which costs one pass to see.
// Otherwise accounts are placed by a counting sort on their rank and each account's posts are
// ordered by date, and then every post is moved once: at a million posts this is several times
// faster than a stable sort of the posts themselves.
func sortPosts(posts []ingest.Post, ts *ingest.Texts) {
	sorted := true
	for i := 1; i < len(posts) && sorted; i++ {
		k := byKey(ts, &posts[i-1], &posts[i])
		sorted = k < 0 || k == 0 && byDate(&posts[i-1], &posts[i]) <= 0
	}
	if sorted {
		return
	}
	// Number the accounts in order of appearance, then rank them by key.
	ids := make(map[string]int32)
	var keys []string
	acct := make([]int32, len(posts))
	for i := range posts {
		key := ts.Of(posts[i].Key)
		id, ok := ids[key]
		if !ok {
			id = int32(len(keys))
			ids[key] = id
			keys = append(keys, key)
		}
		acct[i] = id
	}
	byRank := make([]int32, len(keys))
	for i := range byRank {
		byRank[i] = int32(i)
	}
	slices.SortFunc(byRank, func(a, b int32) int { return cmp.Compare(keys[a], keys[b]) })
	// start[id] is where the account's posts begin in the sorted order.
	count := make([]int, len(keys))
	for _, id := range acct {
		count[id]++
	}
	start := make([]int, len(keys))
	at := 0
	for _, id := range byRank {
		start[id] = at
		at += count[id]
	}
	idx := make([]int32, len(posts))
	next := slices.Clone(start)
	for i, id := range acct {
		idx[next[id]] = int32(i)
		next[id]++
	}
	for id := range keys {
		part := idx[start[id] : start[id]+count[id]]
		slices.SortStableFunc(part, func(i, j int32) int { return byDate(&posts[i], &posts[j]) })
	}
	permute(posts, idx)
}

func byKey(ts *ingest.Texts, a, b *ingest.Post) int {
	if a.Key == b.Key {
		return 0
	}
	return cmp.Compare(ts.Of(a.Key), ts.Of(b.Key))
}

// sameKey reports whether two posts are of one account.
func sameKey(ts *ingest.Texts, a, b *ingest.Post) bool {
	return a.Key == b.Key || ts.Of(a.Key) == ts.Of(b.Key)
}

// byDate orders an account's posts newest first, the undated last.
func byDate(a, b *ingest.Post) int {
	if az, bz := a.PostedAt.IsZero(), b.PostedAt.IsZero(); az != bz {
		if az {
			return 1
		}
		return -1
	}
	return b.PostedAt.Compare(a.PostedAt)
}

// permute puts posts[idx[i]] at i for every i, following each cycle once.
func permute(posts []ingest.Post, idx []int32) {
	for i := range idx {
		if idx[i] < 0 || int(idx[i]) == i {
			continue
		}
		tmp := posts[i]
		j := i
		for {
			k := int(idx[j])
			idx[j] = -1
			if k == i {
				posts[j] = tmp
				break
			}
			posts[j] = posts[k]
			j = k
		}
	}
}

func newest(posts []ingest.Post) time.Time {
	var t ingest.Instant
	for i := range posts {
		if posts[i].PostedAt.After(t) {
			t = posts[i].PostedAt
		}
	}
	return t.Time()
}

// Cutoff is the earliest date a post may have to be in a date window (--since, --days), zero
// when the window is by count.
func Cutoff(cfg *Config, asOf time.Time) time.Time {
	c := cfg.Since
	if cfg.Days > 0 && !asOf.IsZero() {
		if d := asOf.AddDate(0, 0, -cfg.Days); d.After(c) {
			c = d
		}
	}
	return c
}

// window picks the account's scored posts: posts[:n] (posts are newest first, undated last),
// with a note when the choice needs saying.
func window(posts []ingest.Post, cfg *Config, from time.Time) (n int, note lang.Msg) {
	if len(posts) == 0 {
		return 0, note
	}
	dated := !posts[0].PostedAt.IsZero()
	if cfg.ByDate() && dated {
		for n < len(posts) && !posts[n].PostedAt.IsZero() && !posts[n].PostedAt.Time().Before(from) {
			n++
		}
		return n, note
	}
	n = min(max(cfg.WindowPosts, 0), len(posts))
	if !dated {
		note = lang.M("say.note.undated", lang.Count("n", int64(n)))
		if cfg.ByDate() {
			note = lang.M("say.note.undated_by_date", lang.Count("n", int64(n)))
		}
	}
	return n, note
}

// daysBetween counts whole days from t to asOf, never below zero.
func daysBetween(t, asOf time.Time) int {
	return max(int(asOf.Sub(t).Hours()/24), 0)
}

// pinnedLast moves the account's pinned posts after the others, keeping each group's order,
// and says how many there are. A profile shows its pinned posts first, often old viral ones:
// they say nothing of how the account engages now, so they stay out of the window.
func pinnedLast(posts []ingest.Post) int {
	n := 0
	for i := range posts {
		if posts[i].Pinned {
			n++
		}
	}
	if n > 0 {
		slices.SortStableFunc(posts, func(a, b ingest.Post) int {
			if a.Pinned == b.Pinned {
				return 0
			}
			if a.Pinned {
				return 1
			}
			return -1
		})
	}
	return n
}

// pinnedNote says how many pinned posts were left out of the window.
func pinnedNote(n int) lang.Msg {
	if n == 0 {
		return lang.Msg{}
	}
	return lang.M("say.note.pinned", lang.Plural("posts", "pinned_post", int64(n)))
}
