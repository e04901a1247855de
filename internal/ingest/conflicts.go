package ingest

import (
	"fmt"
	"slices"
	"strconv"
)

// Conflicts said, not resolved in silence (issue 23 item 5). Two sources may state an account's
// followers: the rows of accounts files and accounts sheets (and a TikTok Studio follower
// history), and the posts' own follower column. The rule: an accounts file wins over the
// posts, its later row over an earlier one; among the posts, the newest post's count is used
// (scoring's followersOf). Each disagreement is one warning naming both values and where each
// was read; past maxConflicts they are counted in one more line.

// maxConflicts is how many disagreements are warned of one by one.
const maxConflicts = 10

// setFollowersAt records an account's follower count from a follower table, read at (a file
// and line), and warns when an earlier row stated another.
func (b *Batch) setFollowersAt(key string, n Count, at string) {
	if old, ok := b.Followers[key]; ok && old != n {
		b.conflict(fmt.Sprintf("followers of %s: %s at %s, %s at %s; the later row's %s is used",
			key, groupDigits(old), b.followersAt[key], groupDigits(n), at, groupDigits(n)))
	}
	b.setFollowers(key, n)
	if b.followersAt == nil {
		b.followersAt = map[string]string{}
	}
	b.followersAt[key] = at
}

// conflict warns of a disagreement, the first maxConflicts one by one.
func (b *Batch) conflict(msg string) {
	b.conflicts++
	if b.conflicts <= maxConflicts {
		b.warn(msg)
	}
}

// sayFollowerConflicts warns, once per account, where the posts' own follower column disagrees
// with the accounts file's count (which is used), naming the newest post that says otherwise;
// then how many disagreements went unlisted. Read calls it once everything is read.
func (b *Batch) sayFollowerConflicts() {
	if len(b.Followers) > 0 {
		newest := map[string]int{} // account → the newest of its posts that states other followers
		for i := range b.Posts {
			p := &b.Posts[i]
			if !p.Followers.Known() {
				continue
			}
			if n, ok := b.Followers[p.Key]; !ok || n == p.Followers {
				continue
			}
			if j, seen := newest[p.Key]; !seen || p.PostedAt.After(b.Posts[j].PostedAt) {
				newest[p.Key] = i
			}
		}
		keys := make([]string, 0, len(newest))
		for k := range newest {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p := &b.Posts[newest[k]]
			b.conflict(fmt.Sprintf("followers of %s: %s at %s, %s in its posts (the newest saying so at %s:%d); the accounts file's %s is used",
				k, groupDigits(b.Followers[k]), b.followersAt[k], groupDigits(p.Followers), p.File, p.Line, groupDigits(b.Followers[k])))
		}
	}
	if b.conflicts > maxConflicts {
		b.warn(fmt.Sprintf("… and %d more follower counts that disagree: an accounts file's count is used over the posts', its later row over an earlier one", b.conflicts-maxConflicts))
	}
}

// groupDigits writes a count as 20,000.
func groupDigits(c Count) string {
	s := strconv.FormatInt(int64(c), 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
