package synth

import (
	"bufio"
	"encoding/csv"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// A weekly series is the same batch exported week after week, as an agency reruns its vetting:
// the same accounts; each week's export holds each account's newest posts as of that week, so
// most videos are the ones of the week before with their counts grown, and a few are new. Two
// patterns are planted on honest accounts: a steady decline of engagement (every 20th account,
// from the second) and a follower jump in week 2 (every 20th, from the fourth).

// week is how far apart two exports of a series are.
const week = 7 * 24 * time.Hour

// WeekAsOf is the newest post of week n (1 is the first) of c's series: c's as-of, a week later
// each week.
func WeekAsOf(c Config, n int) time.Time { return c.asOf().Add(time.Duration(n-1) * week) }

// Declining says whether account i of a weekly series loses engagement week after week.
func Declining(i int) bool { return i%len(plan) == 1 }

// Bouncing says whether account i of a weekly series declines like a Declining one but for one
// week's bounce: the posts made in the week before week 4's as-of engage as they did two weeks
// before, so its follower ER in week 4 stops falling or rises before falling again.
func Bouncing(i int) bool { return i%len(plan) == 12 }

// Jumping says whether account i of a weekly series gains 40% followers in week 2.
func Jumping(i int) bool { return i%len(plan) == 3 }

// The planted weekly patterns' sizes.
const (
	declinePerWeek = 0.75 // engagement per post × this for each week after decline began
	jumpFactor     = 1.40 // followers × this from week 2 on
	growthPerWeek  = 0.004
)

// GenerateWeek calls emit for every post of week n (from 1) of c's weekly series, account by
// account, each account's newest c.Posts posts newest first, as Generate does for one batch. A
// video keeps its id, date and caption from week to week; its counts only grow.
func GenerateWeek(c Config, n int, emit func(*Post) error) error {
	asOf := WeekAsOf(c, n)
	var p Post
	for i := 0; i < c.Accounts; i++ {
		a, r := account(c, i)
		g := postGen{a: a, r: r, n: c.Posts}
		g.init()
		times := timeline(c, i, a, asOf)
		followers := weekFollowers(a, i, n)
		viral := -1 // the timeline's viral post: the g.viral-th newest of week 1
		if g.viral >= 0 {
			viral = len(timeline(c, i, a, c.asOf())) - 1 - g.viral
		}
		for j := len(times) - 1; j >= 0 && j >= len(times)-c.Posts; j-- {
			g.r = rand.New(rand.NewPCG(c.Seed^0x5EED_3EE5, uint64(i)<<20|uint64(j))) // the video's own draws
			// k is the index g.post compares with g.viral: past the window, so never viral…
			k := c.Posts
			if j == viral { // …but for the timeline's viral post
				k = g.viral
			}
			g.post(&p, k, times[j], uint32(i)<<12|uint32(j&0xfff))
			grow(&p, asOf.Sub(times[j]))
			if Declining(i) || Bouncing(i) {
				decline(&p, c.asOf(), times[j], Bouncing(i))
			}
			p.Followers = followers
			if err := emit(&p); err != nil {
				return err
			}
		}
	}
	return nil
}

// timeline is every post account i has made up to asOf, oldest first. It is the same for every
// week of the series: a week's export sees the part up to its own as-of.
func timeline(c Config, i int, a Account, asOf time.Time) []time.Time {
	r := rand.New(rand.NewPCG(c.Seed^0x7133_11E5, uint64(i)))
	first := c.asOf().AddDate(0, 0, -(110 + 4*c.Posts)) // early enough for a dormant account's posts
	end := asOf
	if a.Kind == Dormant { // stopped posting 45 to 105 days before the first week
		end = c.asOf().AddDate(0, 0, -(45 + r.IntN(60)))
	}
	var ts []time.Time
	for t := first; !t.After(end); t = t.Add(time.Duration(12*3600+r.IntN(4*24*3600)) * time.Second) {
		ts = append(ts, t)
	}
	if i == 0 { // a post at each week's as-of: the batch's newest, so each week's as-of is exact
		for t := c.asOf(); !t.After(asOf); t = t.Add(week) {
			ts = append(ts, t)
		}
		slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
		ts = slices.Compact(ts)
	}
	return ts
}

// weekFollowers is account i's follower count in week n: slow growth, and the jump of a Jumping
// account from week 2.
func weekFollowers(a Account, i, n int) int64 {
	f := float64(a.Followers) * (1 + growthPerWeek*float64(n-1))
	if Jumping(i) && n >= 2 {
		f *= jumpFactor
	}
	return int64(f)
}

// grow scales a post's final counts to what it had gathered at this age: about 40% on its first
// day, 78% after two, 98% after a week. Older is more, so a video's counts only grow.
func grow(p *Post, age time.Duration) {
	g := 1 - 0.6*math.Exp(-age.Hours()/48)
	for _, x := range []*int64{&p.Views, &p.Likes, &p.Comments, &p.Shares, &p.Saves} {
		*x = int64(float64(*x) * g)
	}
	p.Views = max(p.Views, 1)
}

// decline lowers the engagement of a post made after the decline began (two weeks before the
// first week) by declinePerWeek for each week since; with bounce, a post of the week before the
// third week's as-of by two weeks fewer.
func decline(p *Post, firstWeek, at time.Time, bounce bool) {
	weeks := at.Sub(firstWeek.Add(-2*week)).Hours() / (7 * 24)
	if weeks <= 0 {
		return
	}
	if bounce && at.After(firstWeek.Add(2*week)) && !at.After(firstWeek.Add(3*week)) {
		weeks = max(weeks-2, 0)
	}
	f := math.Pow(declinePerWeek, weeks)
	for _, x := range []*int64{&p.Likes, &p.Comments, &p.Shares, &p.Saves} {
		*x = int64(float64(*x) * f)
	}
}

// WriteWeekCSV writes week n of c's weekly series as a CSV file with the generic header.
func WriteWeekCSV(w io.Writer, c Config, n int) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(Header); err != nil {
		return err
	}
	rec := make([]string, 0, len(Header))
	if err := GenerateWeek(c, n, func(p *Post) error { rec = p.Strings(rec); return cw.Write(rec) }); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
