package ingest

import (
	"slices"
	"strconv"

	"github.com/vet-tool/vet/internal/lang"
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
		b.conflict(say("followers_rows", lang.Text("handle", shownKey(key)), lang.Count("old", int64(old)), lang.Text("old_at", b.followersAt[key]),
			lang.Count("new", int64(n)), lang.Text("new_at", at)))
	}
	b.setFollowers(key, n)
	if b.followersAt == nil {
		b.followersAt = map[string]string{}
	}
	b.followersAt[key] = at
}

// conflict says a disagreement, the first maxConflicts one by one.
func (b *Batch) conflict(m lang.Msg) {
	b.conflicts++
	if b.conflicts <= maxConflicts {
		b.notice(m)
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
			key := b.text(p.Key)
			if n, ok := b.Followers[key]; !ok || n == p.Followers {
				continue
			}
			if j, seen := newest[key]; !seen || p.PostedAt.After(b.Posts[j].PostedAt) {
				newest[key] = i
			}
		}
		keys := make([]string, 0, len(newest))
		for k := range newest {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p := &b.Posts[newest[k]]
			b.conflict(say("followers_posts", lang.Text("handle", shownKey(k)), lang.Count("given", int64(b.Followers[k])), lang.Text("given_at", b.followersAt[k]),
				lang.Count("posts", int64(p.Followers)), lang.Text("post_at", b.text(p.File)+":"+strconv.Itoa(int(p.Line)))))
		}
	}
	if b.conflicts > maxConflicts {
		b.notice(lang.MN("ingest.notice.followers_more", int64(b.conflicts-maxConflicts)))
	}
}
