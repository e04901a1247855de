package scoring

import (
	"fmt"
	"math"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
)

// check is one account being judged: its window, the config, and a scratch buffer reused from
// account to account so that judging allocates nothing per post.
type check struct {
	a    *Account
	w    []ingest.Post
	cfg  *Config
	asOf time.Time
	buf  []float64
}

// signalChecks are the signals of SPEC §3's table after far_below_tier (which grading raises),
// in the order they are checked, listed and chosen for the reason line.
var signalChecks = [...]func(*check) (Signal, bool){
	(*check).ghostFollowers,
	(*check).likeCommentRatio,
	(*check).engagementSpikes,
	(*check).implausiblyHigh,
	(*check).steadiness,
	(*check).impossibleCounts,
	(*check).inactive,
	(*check).followerChange,
	(*check).engagementDecline, // history.go
}

// ghostFollowers: the median post is seen by a small share of the followers, so most followers
// are not watching (bought or dead accounts).
func (c *check) ghostFollowers() (Signal, bool) {
	c.buf = c.buf[:0]
	for _, p := range c.w {
		if p.Views.Known() {
			c.buf = append(c.buf, float64(p.Views))
		}
	}
	m := median(c.buf)
	if !m.OK || c.a.Followers <= 0 {
		return Signal{}, false
	}
	share := m.Value * 100 / float64(c.a.Followers)
	if share >= c.cfg.GhostViewsPercent {
		return Signal{}, false
	}
	return Signal{Code: GhostFollowers, Verdict: Review, Value: share, Limit: c.cfg.GhostViewsPercent,
		Detail: fmt.Sprintf("median views per post %s = %s%% of %s followers < %s%%",
			Commas(int64(m.Value)), num(share), Commas(int64(c.a.Followers)), exact(c.cfg.GhostViewsPercent)),
		Plain: fmt.Sprintf("median views are %s%% of followers (ghost followers?)", num(share)),
	}, true
}

// likeCommentRatio: real audiences leave a comment every few dozen likes; hundreds of likes per
// comment suggests bought likes, a handful suggests comment bots. No comments at all counts as
// one, so a window of many likes and no comments is raised too.
func (c *check) likeCommentRatio() (Signal, bool) {
	var likes, comments int64
	for _, p := range c.w {
		if p.Likes.Known() && p.Comments.Known() {
			likes += int64(p.Likes)
			comments += int64(p.Comments)
		}
	}
	if likes == 0 && comments == 0 {
		return Signal{}, false
	}
	r := float64(likes) / float64(max(comments, 1))
	of := fmt.Sprintf("Σlikes %s / Σcomments %s = %s", Commas(likes), Commas(comments), num(r))
	if comments == 0 {
		of = fmt.Sprintf("Σlikes %s with no comments", Commas(likes))
	}
	switch {
	case r > c.cfg.MaxLikesPerComment:
		return Signal{Code: LikeCommentRatio, Verdict: Review, Value: r, Limit: c.cfg.MaxLikesPerComment,
			Detail: fmt.Sprintf("%s > %s", of, exact(c.cfg.MaxLikesPerComment)),
			Plain:  fmt.Sprintf("%s likes per comment (bought likes?)", num(r)),
		}, true
	case r < c.cfg.MinLikesPerComment:
		return Signal{Code: LikeCommentRatio, Verdict: Review, Value: r, Limit: c.cfg.MinLikesPerComment,
			Detail: fmt.Sprintf("%s < %s", of, exact(c.cfg.MinLikesPerComment)),
			Plain:  fmt.Sprintf("only %s likes per comment (comment bots?)", num(r)),
		}, true
	}
	return Signal{}, false
}

// engagementSpikes: a spike is a post with more than SpikeMultiple × the window's median
// interactions. Raised when one spike holds more than SpikeSharePercent of the window's
// interactions (one post carries the account), or when there are SpikePosts or more.
func (c *check) engagementSpikes() (Signal, bool) {
	c.buf = c.buf[:0]
	var total float64
	for _, p := range c.w {
		x := float64(Interactions(p, c.cfg.IncludeSaves))
		c.buf = append(c.buf, x)
		total += x
	}
	m := median(c.buf) // sorts buf: the biggest post is last
	if !m.OK || total == 0 {
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
	med := fmt.Sprintf("%s× the median %s interactions", exact(c.cfg.SpikeMultiple), Commas(int64(m.Value)))
	switch {
	case top > above && share > c.cfg.SpikeSharePercent:
		return Signal{Code: EngagementSpikes, Verdict: Review, Value: share, Limit: c.cfg.SpikeSharePercent,
			Detail: fmt.Sprintf("a post above %s holds %s%% of the window's %s > %s%%",
				med, num(share), Commas(int64(total)), exact(c.cfg.SpikeSharePercent)),
			Plain: fmt.Sprintf("one post carries %s%% of the engagement (viral outlier or boosted?)", num(share)),
		}, true
	case spikes >= c.cfg.SpikePosts:
		return Signal{Code: EngagementSpikes, Verdict: Review, Value: float64(spikes), Limit: float64(c.cfg.SpikePosts),
			Detail: fmt.Sprintf("%s above %s ≥ %d", plural(spikes, "post"), med, c.cfg.SpikePosts),
			Plain:  fmt.Sprintf("%s spike far above the usual engagement (boosted?)", plural(spikes, "post")),
		}, true
	}
	return Signal{}, false
}

// implausiblyHigh: large accounts rarely engage at several times their tier; when they do,
// engagement pods or bought engagement are likelier than talent.
func (c *check) implausiblyHigh() (Signal, bool) {
	f, r := int64(c.a.Followers), c.a.Ratio
	if f < c.cfg.ImplausibleFollowers || !r.OK || r.Value <= c.cfg.ImplausibleRatio {
		return Signal{}, false
	}
	return Signal{Code: ImplausiblyHigh, Verdict: Review, Value: r.Value, Limit: c.cfg.ImplausibleRatio,
		Detail: fmt.Sprintf("ratio %.2f > %s with %s followers ≥ %s",
			r.Value, exact(c.cfg.ImplausibleRatio), Commas(f), Commas(c.cfg.ImplausibleFollowers)),
		Plain: fmt.Sprintf("engagement %.1f× its tier is implausibly high for %s followers (pods or bought engagement?)",
			r.Value, Commas(f)),
	}, true
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
	detail := func(op string, limit float64) string {
		return fmt.Sprintf("view ER coefficient of variation %.2f %s %s over %d posts", cv, op, exact(limit), n)
	}
	switch {
	case cv > c.cfg.ErraticCV:
		return Signal{Code: Erratic, Verdict: Review, Value: cv, Limit: c.cfg.ErraticCV,
			Detail: detail(">", c.cfg.ErraticCV), Plain: "engagement swings wildly from post to post"}, true
	case cv < c.cfg.SteadyCV:
		return Signal{Code: TooSteady, Verdict: Review, Value: cv, Limit: c.cfg.SteadyCV,
			Detail: detail("<", c.cfg.SteadyCV), Plain: "engagement is suspiciously even from post to post (automated?)"}, true
	}
	return Signal{}, false
}

// impossibleCounts: no video has more likes, or more interactions (likes + comments + shares,
// never saves: a viewer may well save what they liked), than views. Posts with a rounded count
// (1.2K) are skipped: rounding alone can put likes above views.
func (c *check) impossibleCounts() (Signal, bool) {
	bad, first := 0, -1
	for i, p := range c.w {
		if p.Rounded || !p.Views.Known() {
			continue
		}
		if known(p.Likes) > int64(p.Views) || Interactions(p, false) > int64(p.Views) {
			bad++
			if first < 0 {
				first = i
			}
		}
	}
	if bad == 0 {
		return Signal{}, false
	}
	have := plural(bad, "post") + " have"
	if bad == 1 {
		have = "1 post has"
	}
	p := c.w[first]
	what := "video"
	if p.VideoID != "" {
		what += " " + p.VideoID
	}
	return Signal{Code: ImpossibleCounts, Verdict: Review, Value: float64(bad), Limit: 0,
		Detail: fmt.Sprintf("%s with more likes or interactions than views, e.g. %s: %s likes, %s interactions, %s views",
			plural(bad, "post"), what, Commas(known(p.Likes)), Commas(Interactions(p, false)), Commas(int64(p.Views))),
		Plain: fmt.Sprintf("%s more engagement than views (tampered or misread counts?)", have),
	}, true
}

// inactive: the newest post is more than InactiveDays before as-of.
func (c *check) inactive() (Signal, bool) {
	a := c.a
	if a.LastPost.IsZero() || !a.LastPost.Before(c.asOf.AddDate(0, 0, -c.cfg.InactiveDays)) {
		return Signal{}, false
	}
	return Signal{Code: Inactive, Verdict: Review, Value: float64(a.DaysSinceLast), Limit: float64(c.cfg.InactiveDays),
		Detail: fmt.Sprintf("newest post %s is %d days before as-of %s > %d",
			a.LastPost.Format("2006-01-02"), a.DaysSinceLast, c.asOf.Format("2006-01-02"), c.cfg.InactiveDays),
		Plain: fmt.Sprintf("no post for %d days", a.DaysSinceLast),
	}, true
}

// followerChange: against the baseline, followers up by JumpPercent and JumpFollowers (bought
// followers) or down by DropPercent and DropFollowers (a purge of fake ones) are raised.
func (c *check) followerChange() (Signal, bool) {
	ch := c.a.Change
	if ch == nil || ch.FollowersDelta == nil || !ch.FollowersPercent.OK {
		return Signal{}, false
	}
	d, pct := *ch.FollowersDelta, ch.FollowersPercent.Value
	moved := fmt.Sprintf("followers %s → %s (%s, %+.1f%%) since the baseline",
		Commas(int64(ch.Before.Followers)), Commas(int64(c.a.Followers)), signed(d), pct)
	switch {
	case pct >= c.cfg.JumpPercent && d >= c.cfg.JumpFollowers:
		return Signal{Code: FollowerJump, Verdict: Review, Value: pct, Limit: c.cfg.JumpPercent,
			Detail: fmt.Sprintf("%s ≥ +%s%% and +%s", moved, exact(c.cfg.JumpPercent), Commas(c.cfg.JumpFollowers)),
			Plain:  fmt.Sprintf("followers jumped %s%% since last time (bought followers?)", num(pct)),
		}, true
	case -pct >= c.cfg.DropPercent && -d >= c.cfg.DropFollowers:
		return Signal{Code: FollowerDrop, Verdict: Review, Value: pct, Limit: -c.cfg.DropPercent,
			Detail: fmt.Sprintf("%s ≤ -%s%% and -%s", moved, exact(c.cfg.DropPercent), Commas(c.cfg.DropFollowers)),
			Plain:  fmt.Sprintf("followers fell %s%% since last time (fake followers purged?)", num(-pct)),
		}, true
	}
	return Signal{}, false
}
