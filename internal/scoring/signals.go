package scoring

import (
	"math"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
)

// check is one account being judged: its window, the config, and scratch room reused from
// account to account so that judging allocates nothing per post.
type check struct {
	a    *Account
	w    []ingest.Post
	ts   *ingest.Texts // the posts' strings
	cfg  *Config
	asOf time.Time
	from time.Time // the earliest date of a date window (--since, --days); zero when by count

	roughFollowers bool // the follower count was written rounded (18.3K)
	roughWindow    bool // some count in the window was written rounded

	paid  paidSplit          // the sponsored posts' view ERs against the others'
	peers map[string]float64 // the median likes per comment of each tier's rated accounts (peers.go)

	buf, buf2 []float64  // scratch for medians
	hits      []int32    // scratch for the bootstrap's medians
	rng       uint64     // the confidence bootstrap's generator state, seeded per account
	tags      []tagCount // scratch for the top hashtags
	line      []byte     // scratch for the reason line
	// scratch for the insights (insights.go)
	rated []rated
	weeks []int64
}

func newCheck(cfg *Config, asOf time.Time, ts *ingest.Texts) *check {
	return &check{cfg: cfg, asOf: asOf, from: Cutoff(cfg, asOf), ts: ts}
}

// signalChecks are the signals of SPEC §3's table after far_below_tier (which grading raises),
// in the order they are checked, listed and put in the reason line. Each returns false when
// what it needs is missing, so all of them run on accounts that cannot be rated too.
var signalChecks = [...]func(*check) (Signal, bool){
	(*check).ghostFollowers,
	(*check).likeCommentRatio,
	(*check).engagementSpikes,
	(*check).implausiblyHigh,
	(*check).steadiness,
	(*check).impossibleCounts,
	(*check).inactive,
	(*check).followerChange,
	(*check).sponsoredUnderperform,
	(*check).engagementDecline, // history.go
}

// ghostFollowers: the median post is seen by a small share of the followers, so most followers
// are not watching (the definitions give the possible causes).
func (c *check) ghostFollowers() (Signal, bool) {
	m := c.a.MedianViews
	if !m.OK || c.a.Followers <= 0 {
		return Signal{}, false
	}
	share := m.Value * 100 / float64(c.a.Followers)
	if share >= c.cfg.GhostViewsPercent {
		return Signal{}, false
	}
	return Signal{Code: GhostFollowers, Verdict: Review, Value: share, Limit: c.cfg.GhostViewsPercent,
		Detail: lang.M("say.detail.ghost_followers", c.count("views", int64(m.Value)), lang.Num("share", share),
			c.followers("followers"), lang.Exact("limit", c.cfg.GhostViewsPercent)),
		Plain: lang.M("say.plain.ghost_followers", lang.Num("share", share), c.followers("followers"), lang.Exact("limit", c.cfg.GhostViewsPercent)),
	}, true
}

// likeCommentRatio: Σlikes ÷ Σcomments over the window, held against the median of the
// account's tier in the batch (LikesPerCommentMultiple × it, peers.go) where the tier has
// enough accounts, else against the fixed MaxLikesPerComment; a handful of likes per comment
// (under MinLikesPerComment) is raised too. An account with many likes and no comment at all
// (ZeroCommentLikes or more) is raised as well: its ratio has no value.
func (c *check) likeCommentRatio() (Signal, bool) {
	likes, comments := likesPerComment(c.w)
	if comments == 0 {
		if likes == 0 || likes < c.cfg.ZeroCommentLikes {
			return Signal{}, false
		}
		return Signal{Code: LikeCommentRatio, Verdict: Review, Value: float64(likes), Limit: float64(c.cfg.ZeroCommentLikes),
			Detail: lang.M("say.detail.likes_no_comments", c.count("likes", likes), lang.Count("limit", c.cfg.ZeroCommentLikes)),
			Plain:  lang.M("say.plain.likes_no_comments", c.count("likes", likes)),
		}, true
	}
	r := float64(likes) / float64(comments)
	of := lang.Sub("of", lang.M("say.detail.likes_per_comment", c.count("likes", likes), c.count("comments", comments), lang.Num("ratio", r)))
	peer, ok := c.peers[c.a.Tier.Name]
	switch {
	case c.a.HasTier && ok && r > c.cfg.LikesPerCommentMultiple*peer:
		limit := c.cfg.LikesPerCommentMultiple * peer
		return Signal{Code: LikeCommentRatio, Verdict: Review, Value: r, Limit: limit,
			Detail: lang.M("say.detail.likes_above_peers", of, lang.Exact("multiple", c.cfg.LikesPerCommentMultiple), lang.Text("tier", c.a.Tier.Name), lang.Num("peer", peer)),
			Plain:  lang.M("say.plain.likes_above_peers", lang.Num("ratio", r), lang.Decimal("times", r/peer, 1), lang.Num("peer", peer)),
		}, true
	case !(c.a.HasTier && ok) && r > c.cfg.MaxLikesPerComment:
		return Signal{Code: LikeCommentRatio, Verdict: Review, Value: r, Limit: c.cfg.MaxLikesPerComment,
			Detail: lang.M("say.detail.above", of, lang.Exact("limit", c.cfg.MaxLikesPerComment)),
			Plain:  lang.M("say.plain.likes_above", lang.Num("ratio", r), lang.Exact("limit", c.cfg.MaxLikesPerComment)),
		}, true
	case r < c.cfg.MinLikesPerComment:
		return Signal{Code: LikeCommentRatio, Verdict: Review, Value: r, Limit: c.cfg.MinLikesPerComment,
			Detail: lang.M("say.detail.below", of, lang.Exact("limit", c.cfg.MinLikesPerComment)),
			Plain:  lang.M("say.plain.likes_below", lang.Num("ratio", r), lang.Exact("limit", c.cfg.MinLikesPerComment)),
		}, true
	}
	return Signal{}, false
}

// engagementSpikes: a spike is a post with more than SpikeMultiple × the window's median
// interactions. Raised, on a window of at least SpikeMinPosts posts, when one spike holds more
// than SpikeSharePercent of the window's interactions (one post carries the account), or when
// there are SpikePosts or more.
func (c *check) engagementSpikes() (Signal, bool) {
	c.buf = c.buf[:0]
	var total float64
	for i := range c.w {
		if p := &c.w[i]; hasFollowerER(p) {
			x := float64(interactions(p, c.cfg.IncludeSaves))
			c.buf = append(c.buf, x)
			total += x
		}
	}
	m := median(c.buf) // sorts buf: the biggest post is last
	if !m.OK || total == 0 || len(c.buf) < c.cfg.SpikeMinPosts {
		return Signal{}, false
	}
	above := c.cfg.SpikeMultiple * m.Value
	spikes := 0
	for _, x := range c.buf {
		if x > above {
			spikes++
		}
	}
	top := c.buf[len(c.buf)-1]
	share := top * 100 / total
	if !(top > above && share > c.cfg.SpikeSharePercent) && spikes < c.cfg.SpikePosts {
		return Signal{}, false
	}
	med := lang.Sub("median", lang.M("say.detail.spike_line", lang.Exact("multiple", c.cfg.SpikeMultiple), c.count("median", int64(m.Value))))
	switch {
	case top > above && share > c.cfg.SpikeSharePercent:
		return Signal{Code: EngagementSpikes, Verdict: Review, Value: share, Limit: c.cfg.SpikeSharePercent,
			Detail: lang.M("say.detail.spike_share", med, lang.Num("share", share), c.count("total", int64(total)), lang.Exact("limit", c.cfg.SpikeSharePercent)),
			Plain:  lang.M("say.plain.spike_share", lang.Num("share", share), lang.Exact("limit", c.cfg.SpikeSharePercent)),
		}, true
	case spikes >= c.cfg.SpikePosts:
		return Signal{Code: EngagementSpikes, Verdict: Review, Value: float64(spikes), Limit: float64(c.cfg.SpikePosts),
			Detail: lang.M("say.detail.spike_posts", lang.Plural("posts", "post", int64(spikes)), med, lang.Count("limit", int64(c.cfg.SpikePosts))),
			Plain:  lang.M("say.plain.spike_posts", lang.Plural("posts", "post", int64(spikes)), lang.Exact("multiple", c.cfg.SpikeMultiple)),
		}, true
	}
	return Signal{}, false
}

// implausiblyHigh: large accounts rarely engage at several times their tier, and no account
// of any size engages at ten times it. The seed's tier averages are far below what ordinary
// creators reach today, so the ratio alone is not enough: the account's median view ER must be
// above the line that marks the best-engaging creators of its size today (RecentBenchmarks)
// too, where it has one.
func (c *check) implausiblyHigh() (Signal, bool) {
	f, r, cfg := int64(c.a.Followers), c.a.Ratio, c.cfg
	if !r.OK {
		return Signal{}, false
	}
	var limit float64
	switch {
	case f >= cfg.ImplausibleFollowers && r.Value > cfg.ImplausibleRatio:
		limit = cfg.ImplausibleRatio
	case r.Value > cfg.ImplausibleAnyRatio:
		limit = cfg.ImplausibleAnyRatio
	default:
		return Signal{}, false
	}
	ratio, big := lang.Decimal("ratio", r.Value, 2), limit == cfg.ImplausibleRatio
	detail := lang.M("say.detail.implausible_any", ratio, lang.Exact("limit", limit))
	plain := lang.M("say.plain.implausible_any", ratio)
	if big {
		detail = lang.M("say.detail.implausible_big", ratio, lang.Exact("limit", limit), c.followers("followers"), lang.Count("least", cfg.ImplausibleFollowers))
		plain = lang.M("say.plain.implausible_big", ratio, c.followers("followers"))
	}
	if line, ok := c.recentLine(); ok {
		v := c.a.MedianViewER.Value
		if v <= line.Benchmark {
			return Signal{}, false
		}
		er, above := lang.Decimal("er", v, 2), lang.Decimal("line", line.Benchmark, 2)
		detail = lang.M("say.detail.implausible_recent", lang.Sub("ratio", detail), er, above,
			lang.Text("source", cfg.RecentBenchmarks.Name), lang.Text("tier", line.Name))
		plain = lang.M("say.plain.implausible_recent", lang.Sub("ratio", plain), er, above)
	}
	return Signal{Code: ImplausiblyHigh, Verdict: Review, Value: r.Value, Limit: limit, Detail: detail, Plain: plain}, true
}

// recentLine is the RecentBenchmarks tier of the account, when it has a median view ER to
// hold against it.
func (c *check) recentLine() (Tier, bool) {
	if !c.a.MedianViewER.OK || !c.a.Followers.Known() {
		return Tier{}, false
	}
	return c.cfg.RecentBenchmarks.TierOf(int64(c.a.Followers))
}

// steadiness: the coefficient of variation (population standard deviation / mean) of the
// window's view ERs. Real engagement varies; wild swings or machine-like evenness are raised.
func (c *check) steadiness() (Signal, bool) {
	c.buf = viewERs(c.buf[:0], c.w, c.cfg.IncludeSaves)
	n := len(c.buf)
	if n < c.cfg.CVMinPosts || n == 0 {
		return Signal{}, false
	}
	var sum, sq float64
	for _, x := range c.buf {
		sum += x
	}
	mean := sum / float64(n)
	if mean == 0 {
		return Signal{}, false
	}
	for _, x := range c.buf {
		sq += (x - mean) * (x - mean)
	}
	cv := math.Sqrt(sq/float64(n)) / mean
	args := func(limit float64) []lang.Arg {
		return []lang.Arg{lang.Decimal("cv", cv, 2), lang.Exact("limit", limit), lang.Plural("posts", "post", int64(n))}
	}
	switch {
	case cv > c.cfg.ErraticCV:
		return Signal{Code: Erratic, Verdict: Review, Value: cv, Limit: c.cfg.ErraticCV,
			Detail: lang.M("say.detail.erratic", args(c.cfg.ErraticCV)...),
			Plain:  lang.M("say.plain.erratic", args(c.cfg.ErraticCV)...)}, true
	case cv < c.cfg.SteadyCV:
		return Signal{Code: TooSteady, Verdict: Review, Value: cv, Limit: c.cfg.SteadyCV,
			Detail: lang.M("say.detail.too_steady", args(c.cfg.SteadyCV)...),
			Plain:  lang.M("say.plain.too_steady", args(c.cfg.SteadyCV)...)}, true
	}
	return Signal{}, false
}

// impossible says whether a post has more likes, or more likes + comments + shares, than views.
// A post with abbreviated counts ("1.1M", "991.4K") is impossible only beyond their rounding:
// the counts at the least they could have been, above the views at the most (roundingSlack).
func impossible(p *ingest.Post) bool {
	slack := func(ingest.Count) int64 { return 0 }
	if p.Rounded {
		slack = func(c ingest.Count) int64 { return roundingSlack(known(c)) }
	}
	least := func(c ingest.Count) int64 { return max(known(c)-slack(c), 0) }
	views := int64(p.Views) + slack(p.Views)
	likes := least(p.Likes)
	return likes > views || likes+least(p.Comments)+least(p.Shares) > views
}

// roundingSlack is how far an abbreviated count can be from the number it was read as: half the
// last place it was written to, that place being the largest power of ten, up to its suffix's
// (K under a million, M under a billion, B), that divides it. 1,100,000 was at most "1.1M":
// ±50,000; 991,400 "991.4K": ±50; 1,000,000 "1M": ±500,000. Counts under 1,000 are not
// abbreviated. Counts written more finely than that ("1.10M") are within it all the same.
func roundingSlack(v int64) int64 {
	if v < 1_000 {
		return 0
	}
	unit := int64(1_000)
	if v >= 1_000_000_000 {
		unit = 1_000_000_000
	} else if v >= 1_000_000 {
		unit = 1_000_000
	}
	for unit > 1 && v%unit != 0 {
		unit /= 10
	}
	return unit / 2
}

// impossibleCounts: no video has more likes, or more interactions (likes + comments + shares,
// never saves: a viewer may well save what they liked), than views. Posts with a rounded count
// (1.2K) are skipped: rounding alone can put likes above views.
func (c *check) impossibleCounts() (Signal, bool) {
	bad, first := 0, -1
	for i := range c.w {
		p := &c.w[i]
		if !p.Views.Known() {
			continue
		}
		if impossible(p) {
			bad++
			if first < 0 {
				first = i
			}
		}
	}
	if bad == 0 {
		return Signal{}, false
	}
	p := c.w[first]
	video := lang.M("say.detail.video_id", lang.Text("id", c.ts.Of(p.VideoID)))
	if p.VideoID == 0 {
		video = lang.M("say.detail.video")
	}
	return Signal{Code: ImpossibleCounts, Verdict: Review, Value: float64(bad), Limit: 0,
		Detail: lang.M("say.detail.impossible_counts", lang.Plural("posts", "post", int64(bad)), lang.Sub("video", video),
			lang.Count("likes", known(p.Likes)), lang.Count("interactions", Interactions(p, false)), lang.Count("views", int64(p.Views))),
		Plain: lang.MN("say.plain.impossible_counts", int64(bad)),
	}, true
}

// inactive: the newest post is more than InactiveDays before as-of.
func (c *check) inactive() (Signal, bool) {
	a := c.a
	if a.LastPost.IsZero() || !a.LastPost.Before(c.asOf.AddDate(0, 0, -c.cfg.InactiveDays)) {
		return Signal{}, false
	}
	return Signal{Code: Inactive, Verdict: Review, Value: float64(a.DaysSinceLast), Limit: float64(c.cfg.InactiveDays),
		Detail: lang.M("say.detail.inactive", lang.Date("last", a.LastPost), lang.Plural("days", "day", int64(a.DaysSinceLast)),
			lang.Date("as_of", c.asOf), lang.Count("limit", int64(c.cfg.InactiveDays))),
		Plain: lang.M("say.plain.inactive", lang.Plural("days", "day", int64(a.DaysSinceLast))),
	}, true
}

// followerChange: against the baseline, followers up by JumpPercent and JumpFollowers or down
// by DropPercent and DropFollowers are raised (the definitions give the possible causes).
func (c *check) followerChange() (Signal, bool) {
	ch := c.a.Change
	if ch == nil || ch.FollowersDelta == nil || !ch.FollowersPercent.OK {
		return Signal{}, false
	}
	d, pct := *ch.FollowersDelta, ch.FollowersPercent.Value
	moved := lang.Sub("moved", lang.M("say.detail.followers_moved", lang.Count("before", int64(ch.Before.Followers)),
		lang.Count("now", int64(c.a.Followers)), lang.Signed("delta", d), lang.SignedPercent("pct", pct, 1)))
	switch {
	case pct >= c.cfg.JumpPercent && d >= c.cfg.JumpFollowers:
		return Signal{Code: FollowerJump, Verdict: Review, Value: pct, Limit: c.cfg.JumpPercent,
			Detail: lang.M("say.detail.follower_jump", moved, lang.Exact("limit", c.cfg.JumpPercent), lang.Count("least", c.cfg.JumpFollowers)),
			Plain:  lang.M("say.plain.follower_jump", lang.Num("pct", pct), lang.Signed("delta", d)),
		}, true
	case -pct >= c.cfg.DropPercent && -d >= c.cfg.DropFollowers:
		return Signal{Code: FollowerDrop, Verdict: Review, Value: pct, Limit: -c.cfg.DropPercent,
			Detail: lang.M("say.detail.follower_drop", moved, lang.Exact("limit", c.cfg.DropPercent), lang.Count("least", c.cfg.DropFollowers)),
			Plain:  lang.M("say.plain.follower_drop", lang.Num("pct", -pct), lang.Signed("delta", d)),
		}, true
	}
	return Signal{}, false
}

// sponsoredUnderperform: brands pay for the sponsored posts; when they get well under the
// engagement of the account's other posts, the audience does not follow the creator into ads.
func (c *check) sponsoredUnderperform() (Signal, bool) {
	r, s := c.a.PaidERRatio, c.paid
	if !r.OK || r.Value >= c.cfg.SponsoredUnderperform {
		return Signal{}, false
	}
	return Signal{Code: SponsoredUnderperform, Verdict: Review, Value: r.Value, Limit: c.cfg.SponsoredUnderperform,
		Detail: lang.M("say.detail.sponsored_underperform", lang.Plural("sponsored", "sponsored_post", int64(s.nSponsored)),
			lang.Decimal("paid_er", s.sponsored.Value, 2), lang.Decimal("other_er", s.others.Value, 2),
			lang.Plural("others", "other_post", int64(s.nOthers)), lang.Decimal("ratio", r.Value, 2), lang.Exact("limit", c.cfg.SponsoredUnderperform)),
		Plain: lang.M("say.plain.sponsored_underperform", lang.Decimal("ratio", r.Value, 2)),
	}, true
}
