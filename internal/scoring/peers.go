package scoring

import "github.com/vet-tool/vet/internal/ingest"

// likesPerComment is Σlikes and Σcomments over the window's posts that have both.
func likesPerComment(w []ingest.Post) (likes, comments int64) {
	for i := range w {
		if p := &w[i]; hasFollowerER(p) {
			likes += int64(p.Likes)
			comments += int64(p.Comments)
		}
	}
	return likes, comments
}

// likesPerCommentPeers is each tier's yardstick for like_comment_ratio: the median likes per
// comment of the batch's accounts in that tier with at least MinPosts posts and a comment,
// where the tier has at least LikesPerCommentPeers of them. Real creators leave 100–200 likes
// per comment in today's exports (docs/calibration.md), far more than the rule of thumb of a
// few dozen, and the ratio grows with size: a creator is held against its own peers first.
func likesPerCommentPeers(as []Account, cfg *Config) map[string]float64 {
	byTier := map[string][]float64{}
	for i := range as {
		a := &as[i]
		if !a.HasTier || a.FollowerERPosts < cfg.MinPosts {
			continue
		}
		likes, comments := likesPerComment(a.WindowPosts())
		if comments > 0 {
			byTier[a.Tier.Name] = append(byTier[a.Tier.Name], float64(likes)/float64(comments))
		}
	}
	peers := map[string]float64{}
	for tier, xs := range byTier {
		if len(xs) >= cfg.LikesPerCommentPeers && cfg.LikesPerCommentPeers > 0 {
			peers[tier] = median(xs).Value
		}
	}
	return peers
}
