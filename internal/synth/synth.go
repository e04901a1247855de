package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Kind is the pattern an account was generated with.
type Kind int

// The kinds of account a batch mixes. Honest accounts come in every tier; each other kind is
// one of the patterns scoring is expected to flag.
const (
	Honest      Kind = iota
	Ghost            // many followers, tiny views: median views per post < 5% of followers
	BoughtLikes      // 600–1,400 likes per comment: over 4× an ordinary creator's (25–85)
	Viral            // one post holds most of the window's interactions
	HighER           // ≥ 100K followers and a follower ER over 3× the tier benchmark
	Dormant          // newest post more than 30 days before the batch's newest
	Tiny             // fewer than 1,000 followers: no tier

	// The edges of a rating, in batches with Config.Edge (issues 11 and 12).
	SmallFraud   // under 1,000 followers (unrated) with bought likes plain in the numbers: likes and no comments
	PinnedVirals // three old viral posts pinned to the profile, listed first and marked is_pinned
	Outlier      // three posts only, at a hundred times its tier: implausible, and thin
	PaidFlop     // a third of the posts sponsored (#ad), getting a quarter of the others' engagement
	PaidHonest   // a third of the posts sponsored (is_ad, "Paid partnership"), engaging like the others

	// Far above the tier for another reason than its audience, in batches with Config.Reach
	// (docs/calibration.md, "Far above the tier").
	StaleFollowers // the follower count is a tenth to a fifteenth of the audience its posts reach, at an ordinary view ER
	SmallViral     // 1K–5K followers, 5 posts, one of them viral (×80)
	numKinds
)

var kindNames = [numKinds]string{"honest", "ghost", "bought_likes", "viral", "high_er", "dormant", "tiny",
	"small_fraud", "pinned_virals", "outlier", "paid_flop", "paid_honest", "stale_followers", "small_viral"}

func (k Kind) String() string { return kindNames[k] }

// Header is the generic layout the CSV and the XLSX sheet use.
var Header = []string{"account", "followers", "views", "likes", "comments", "shares", "saves", "posted_at", "video_id", "url", "caption"}

// EdgeHeader is Header with the columns a batch with Config.Edge adds.
var EdgeHeader = append(slices.Clip(Header), "is_pinned", "is_ad")

// Config says what to generate. The zero Seed is a seed like any other.
type Config struct {
	Accounts int       // number of accounts
	Posts    int       // posts per account (the outlier of an Edge batch has 3 at most)
	Seed     uint64    // same seed, same batch
	AsOf     time.Time // the newest post of the batch; zero: 2026-11-20 18:00 UTC
	// Edge adds, to every 25 accounts, five that test a rating's edges: a small account with
	// bought likes, pinned old virals, a three-post outlier, sponsored posts that flop and
	// sponsored posts that hold up. It adds the columns is_pinned and is_ad, and accounts with
	// fewer posts, so the benchmark batches leave it off.
	Edge bool
	// Reach adds, after the plan (and Edge's accounts), two accounts whose follower ER is far
	// above their tier although nothing in their audience is wrong: a stale follower count and
	// a small creator with one viral post (StaleFollowers, SmallViral).
	Reach bool
}

// Columns is the header the batch is written with.
func (c Config) Columns() []string {
	if c.Edge {
		return EdgeHeader
	}
	return Header
}

func (c Config) asOf() time.Time {
	if c.AsOf.IsZero() {
		return time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC)
	}
	return c.AsOf.UTC()
}

// Rows is the number of data rows the batch holds.
func (c Config) Rows() int {
	if !c.Edge && !c.Reach {
		return c.Accounts * c.Posts
	}
	n := 0
	for i := range c.Accounts {
		n += c.postsOf(c.kindOf(i))
	}
	return n
}

// postsOf is how many posts an account of kind k has.
func (c Config) postsOf(k Kind) int {
	switch k {
	case Outlier:
		return min(c.Posts, 3)
	case SmallViral:
		return min(c.Posts, 5)
	}
	return c.Posts
}

// Account is one generated creator: what a test needs to find its planted pattern.
type Account struct {
	Handle    string
	Kind      Kind
	Tier      int // 0: under 1K, 1: 1K–5K, 2: 5K–20K, 3: 20K–100K, 4: 100K–1M, 5: >1M
	Followers int64
	Posts     int // how many posts it has in the batch
}

// Post is one generated row.
type Post struct {
	Account   string
	Followers int64
	Views     int64
	Likes     int64
	Comments  int64
	Shares    int64
	Saves     int64
	PostedAt  time.Time
	VideoID   string
	URL       string
	Caption   string
	Pinned    bool // written as is_pinned in an Edge batch
	Sponsored bool // written as is_ad in an Edge batch
	edge      bool // the batch has the Edge columns
}

// Strings is the row as the CSV writes it, in the order of the batch's Columns.
func (p *Post) Strings(dst []string) []string {
	dst = append(dst[:0], p.Account, itoa(p.Followers), itoa(p.Views), itoa(p.Likes), itoa(p.Comments),
		itoa(p.Shares), itoa(p.Saves), p.PostedAt.Format(time.RFC3339), p.VideoID, p.URL, p.Caption)
	if p.edge {
		dst = append(dst, strconv.FormatBool(p.Pinned), strconv.FormatBool(p.Sponsored))
	}
	return dst
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// tierBounds are the follower ranges of the tiers, [lo, hi).
var tierBounds = [6][2]float64{{150, 1_000}, {1_000, 5_000}, {5_000, 20_000}, {20_000, 100_000}, {100_000, 1_000_000}, {1_000_000, 25_000_000}}

// benchmarks are SPEC §3's tier benchmarks in percent, by tier.
var benchmarks = [6]float64{5.60, 5.60, 2.43, 2.15, 2.05, 1.97}

// plan is the kind and tier of accounts by their index modulo its length: each pattern comes
// early, so even a 20-account batch holds one of each, and honest accounts fill every tier.
var plan = [20]struct {
	kind Kind
	tier int // -1: drawn at random
}{
	{Honest, 1}, {Honest, 2}, {Honest, 3}, {Honest, 4}, {Honest, 5},
	{Ghost, -1}, {BoughtLikes, -1}, {Viral, -1}, {HighER, -1}, {Dormant, -1}, {Tiny, 0},
	{Honest, -1}, {Honest, -1}, {Honest, -1}, {Honest, -1}, {Honest, -1}, {Honest, -1}, {Honest, -1}, {Honest, -1}, {Honest, -1},
}

// planned is one place of a plan: the kind, and the tier (-1: drawn at random).
type planned = struct {
	kind Kind
	tier int
}

// The plans of Edge and Reach batches: plan, then the edges of a rating (Config.Edge), then the
// accounts far above their tier for another reason than their audience (Config.Reach).
var (
	edgeExtras  = []planned{{SmallFraud, 0}, {PinnedVirals, -1}, {Outlier, 2}, {PaidFlop, -1}, {PaidHonest, -1}}
	reachExtras = []planned{{StaleFollowers, -1}, {SmallViral, 1}}

	edgePlan      = slices.Concat(plan[:], edgeExtras)
	reachPlan     = slices.Concat(plan[:], reachExtras)
	edgeReachPlan = slices.Concat(plan[:], edgeExtras, reachExtras)
)

// plan is the batch's plan.
func (c Config) plan() []planned {
	switch {
	case c.Edge && c.Reach:
		return edgeReachPlan
	case c.Edge:
		return edgePlan
	case c.Reach:
		return reachPlan
	}
	return plan[:]
}

// kindOf is the kind of account i.
func (c Config) kindOf(i int) Kind {
	p := c.plan()
	return p[i%len(p)].kind
}

// rng is the random stream of account i: independent of every other account, so an account is
// the same whatever the batch size.
func rng(seed uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(i)*0x9E3779B97F4A7C15+1))
}

// account draws account i.
func account(c Config, i int) (Account, *rand.Rand) {
	r := rng(c.Seed, i)
	pl := c.plan()
	p := pl[i%len(pl)]
	a := Account{Kind: p.kind, Tier: p.tier, Handle: handle(r, i), Posts: c.postsOf(p.kind)}
	if a.Tier < 0 {
		switch a.Kind {
		case Ghost, HighER:
			a.Tier = 4 + r.IntN(2)
		case StaleFollowers:
			a.Tier = 2 + r.IntN(4) // 5K and up: a stale count that small is still in a tier
		default:
			a.Tier = 1 + r.IntN(5)
		}
	}
	lo, hi := tierBounds[a.Tier][0], tierBounds[a.Tier][1]
	a.Followers = int64(math.Exp(math.Log(lo) + r.Float64()*(math.Log(hi)-math.Log(lo))))
	if a.Followers < int64(lo) {
		a.Followers = int64(lo)
	}
	return a, r
}

// Accounts lists the batch's accounts in the order their posts are written.
func Accounts(c Config) []Account {
	as := make([]Account, c.Accounts)
	for i := range as {
		as[i], _ = account(c, i)
	}
	return as
}

// Generate calls emit for every post of the batch: account by account, each account's posts
// newest first, as a creator's own export lists them. The Post is reused between calls.
func Generate(c Config, emit func(*Post) error) error {
	asOf := c.asOf()
	var p Post
	seq := uint32(0)
	for i := 0; i < c.Accounts; i++ {
		a, r := account(c, i)
		g := postGen{a: a, r: r, n: a.Posts, edge: c.Edge}
		g.init()
		at := asOf.Add(-time.Duration(r.IntN(3*24*3600)) * time.Second)
		if i == 0 {
			at = asOf // the batch's newest post, so "as of" is the same for every seed
		}
		if a.Kind == Dormant {
			at = asOf.AddDate(0, 0, -(45 + r.IntN(60)))
		}
		recent := 0
		for j := 0; j < a.Posts; j++ {
			t := at
			if g.pinned(j) {
				t = asOf.AddDate(0, 0, -(200 + 60*j + r.IntN(30))) // older than every other post
			} else {
				if recent > 0 {
					at = at.Add(-time.Duration(12*3600+r.IntN(4*24*3600)) * time.Second)
				}
				t = at
				recent++
			}
			seq++
			g.post(&p, j, t, seq)
			if err := emit(&p); err != nil {
				return err
			}
		}
	}
	return nil
}

// postGen draws the posts of one account.
type postGen struct {
	a      Account
	r      *rand.Rand
	n      int
	reach  float64 // typical views per post / followers
	er     float64 // typical (likes + comments) per post / followers, in percent
	viral  int     // index of the viral post; -1 for none
	sigmaV float64 // the spread of views from post to post (log-normal)
	sigmaI float64 // the spread of interactions from post to post (log-normal)
	edge   bool    // the batch has the Edge columns
}

// pinned says whether post j is one of a PinnedVirals account's old virals, listed first.
func (g *postGen) pinned(j int) bool { return g.a.Kind == PinnedVirals && j < 3 }

// paid says whether post j is sponsored: every third post of the paid kinds.
func (g *postGen) paid(j int) bool {
	return (g.a.Kind == PaidFlop || g.a.Kind == PaidHonest) && j%3 == 1
}

func (g *postGen) init() {
	r, bench := g.r, benchmarks[g.a.Tier]
	g.viral = -1
	g.sigmaV, g.sigmaI = 0.35, 0.3
	g.reach = 0.25 + r.Float64()*0.9
	g.er = bench * (0.8 + r.Float64()*1.4)
	switch g.a.Kind {
	case Ghost:
		g.reach = 0.004 + r.Float64()*0.02
		g.er = g.reach * 100 * (0.03 + r.Float64()*0.04)
	case HighER:
		g.er = bench * (4 + r.Float64()*4)
		g.reach = 0.3 + r.Float64()*0.2 // those who watch engage far above what creators of its size reach
	case Viral:
		g.viral = min(g.n-1, 1+r.IntN(5))
	case SmallViral:
		g.viral = r.IntN(g.n)
	case StaleFollowers:
		// The posts reach and engage an audience 10–15× the follower count written: an honest
		// creator's rates, times that, against the followers.
		k := 10 + r.Float64()*5
		g.er *= k
		g.reach *= k
	case Tiny:
		g.er = 4 + r.Float64()*8
	case SmallFraud:
		g.er = 20 + r.Float64()*20 // bought likes: a fifth to two fifths of the followers on every post
	case Outlier:
		g.er = bench * (120 + r.Float64()*80)
	case PaidFlop, PaidHonest:
		g.er = bench * (1.2 + r.Float64()*0.8)
		g.sigmaV, g.sigmaI = 0.2, 0.2 // steadier, so that the sponsored posts' quarter shows in three of them
	}
	// Keep the view ER plausible (interactions well under views).
	if min := g.er / 100 / 0.25; g.reach < min {
		g.reach = min
	}
}

// jitter is a log-normal factor around 1.
func (g *postGen) jitter(sigma float64) float64 { return math.Exp(g.r.NormFloat64() * sigma) }

func (g *postGen) post(p *Post, j int, at time.Time, seq uint32) {
	r, f := g.r, float64(g.a.Followers)
	views := f * g.reach * g.jitter(g.sigmaV)
	inter := f * g.er / 100 * g.jitter(g.sigmaI) // likes + comments
	if j == g.viral || g.pinned(j) {
		views *= 80
		inter *= 80
	}
	if g.paid(j) && g.a.Kind == PaidFlop {
		inter /= 4 // the audience skips the ads
	}
	comments := inter / (25 + r.Float64()*60)
	switch g.a.Kind {
	case BoughtLikes, SmallFraud:
		comments = inter / (600 + r.Float64()*800)
	case Tiny:
		comments = math.Ceil(comments) // a small audience still comments: not 0 on a few dozen likes
	}
	likes := inter - comments
	p.Account = g.a.Handle
	p.Followers = g.a.Followers
	p.Views = max(int64(views), 1)
	p.Likes = min(int64(likes), p.Views)
	p.Comments = int64(comments)
	p.Shares = int64(likes * (0.01 + r.Float64()*0.06))
	p.Saves = int64(likes * (0.03 + r.Float64()*0.12))
	p.PostedAt = at
	// TikTok ids carry the post's Unix time in their top 32 bits.
	id := uint64(at.Unix())<<32 | uint64(seq)
	p.VideoID = strconv.FormatUint(id, 10)
	p.URL = "https://www.tiktok.com/@" + g.a.Handle + "/video/" + p.VideoID
	p.Caption = caption(r)
	p.Pinned, p.Sponsored, p.edge = g.pinned(j), false, g.edge
	switch {
	case g.paid(j) && g.a.Kind == PaidFlop:
		p.Caption += " #ad"
	case g.paid(j):
		p.Sponsored = true // the export's is_ad column; every other one says so in its caption too
		if j%2 == 1 {
			p.Caption += " #samenwerking"
		}
	}
}

var (
	first = []string{"mila", "noah", "sofia", "liam", "emma", "lucas", "yara", "daan", "fleur", "sem",
		"zoe", "finn", "nora", "levi", "julia", "mees", "sara", "bram", "lotte", "ruben", "anna", "jay",
		"chloe", "max", "ivy", "leo", "maya", "kai", "luna", "omar"}
	second = []string{"bakes", "lifts", "travels", "styles", "cooks", "games", "dances", "reads", "skates",
		"paints", "fixes", "grows", "films", "sings", "codes", "runs", "glows", "thrifts", "plants", "eats"}
	seps  = []string{".", "_", "", "__", ".the."}
	emoji = []string{"✨", "🔥", "😂", "💅", "🍰", "🏋️", "🌍", "❤️", "👀", "🎮", "🧵", "🙌🏽", "🇳🇱", "🥹"}
	words = []string{"day", "of", "my", "new", "routine", "you", "asked", "for", "this", "recipe", "wait",
		"for", "it", "trying", "the", "viral", "hack", "honest", "review", "part", "2", "storytime",
		"morning", "get", "ready", "with", "me", "what", "I", "eat", "in", "a", "week", "tips", "that",
		"changed", "everything", "POV", "nobody", "talks", "about"}
	hashtags = []string{"#fyp", "#foryou", "#viral", "#tiktokmademebuyit", "#grwm", "#booktok", "#foodtok",
		"#fitness", "#travel", "#ootd", "#learnontiktok", "#nederland"}
)

func handle(r *rand.Rand, i int) string {
	h := first[r.IntN(len(first))] + seps[r.IntN(len(seps))] + second[r.IntN(len(second))]
	if r.IntN(4) == 0 {
		h = strings.ToUpper(h[:1]) + h[1:]
	}
	// The index makes it unique in the batch.
	return h + strconv.Itoa(i)
}

func caption(r *rand.Rand) string {
	var b strings.Builder
	if r.IntN(500) == 0 {
		b.WriteString("- ") // a list-style caption: a cell Excel would read as a formula
	}
	n := 3 + r.IntN(10)
	for k := 0; k < n; k++ {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[r.IntN(len(words))])
		switch x := r.IntN(100); {
		case x < 4:
			b.WriteByte(',')
		case x < 6:
			b.WriteString(` "no filter"`)
		case x == 6:
			b.WriteString("\n")
		}
	}
	if r.IntN(3) > 0 {
		b.WriteByte(' ')
		b.WriteString(emoji[r.IntN(len(emoji))])
	}
	for k := r.IntN(4); k > 0; k-- {
		b.WriteByte(' ')
		b.WriteString(hashtags[r.IntN(len(hashtags))])
	}
	return b.String()
}

// Name is a short label for a batch size: 100k, 1m, 2500.
func Name(rows int) string {
	switch {
	case rows >= 1_000_000 && rows%1_000_000 == 0:
		return fmt.Sprintf("%dm", rows/1_000_000)
	case rows >= 1_000 && rows%1_000 == 0:
		return fmt.Sprintf("%dk", rows/1_000)
	}
	return strconv.Itoa(rows)
}
