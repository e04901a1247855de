package scoring

import "time"

// Basis is which engagement rate an account is held against its tier's benchmark.
type Basis string

// The bases an account can be compared on.
const (
	BasisFollowers Basis = "followers" // follower ER (the default)
	BasisViews     Basis = "views"     // median view ER
)

// Tier is a band of follower counts with the engagement rate an account in it is expected to
// reach. A tier runs from Min (inclusive) to the next tier's Min.
type Tier struct {
	Name      string  `yaml:"name" json:"name"`
	Min       int64   `yaml:"min" json:"min"`
	Benchmark float64 `yaml:"benchmark" json:"benchmark"` // percent: 2.15 means 2.15%
}

// Benchmarks is a published tier table: its name and source travel into the report so a client
// can see what an account was held against.
type Benchmarks struct {
	Name   string `yaml:"name" json:"name"`
	Source string `yaml:"source" json:"source"`
	Tiers  []Tier `yaml:"tiers" json:"tiers"` // sorted by Min; followers below the first Min are unrated
}

// Config holds every number scoring uses. Default gives the values SPEC §3 sets; the config
// package reads them from vet.yaml and the command line. Percentages are in percent (5 means 5%).
type Config struct {
	// Which posts are scored.
	WindowPosts int       `json:"window_posts"` // --posts: the newest N posts of each account
	Since       time.Time `json:"since"`        // --since: only posts on or after it (by date instead of count); zero: off
	Days        int       `json:"days"`         // --days: only posts of the N days up to as-of (by date instead of count); 0: off
	AsOf        time.Time `json:"as_of"`        // --as-of: "today"; zero: the newest post in the batch, so reruns agree

	// What an account is compared with.
	Basis          Basis      `json:"basis"`            // --basis: follower ER or median view ER against the tier
	FarBelow       float64    `json:"far_below"`        // --far-below: a ratio under this is far below the tier: FAIL
	IncludeSaves   bool       `json:"include_saves"`    // --include-saves: saves join the interactions of view ER
	Benchmarks     Benchmarks `json:"benchmarks"`       // the tier table
	PlatformViewER float64    `json:"platform_view_er"` // each video is marked above or below it

	// Signal thresholds, in the order of SPEC §3's table.
	MinPosts             int     `json:"min_posts"`             // insufficient_data: fewer posts in the window than this
	GhostViewsPercent    float64 `json:"ghost_views_percent"`   // ghost_followers: median views per post under this % of followers
	MaxLikesPerComment   float64 `json:"max_likes_per_comment"` // like_comment_ratio: Σlikes/Σcomments above this, where the tier has too few peers
	MinLikesPerComment   float64 `json:"min_likes_per_comment"` // like_comment_ratio: Σlikes/Σcomments under this
	SpikeMultiple        float64 `json:"spike_multiple"`        // engagement_spikes: a spike has more than this × the median interactions
	SpikeSharePercent    float64 `json:"spike_share_percent"`   // engagement_spikes: one spike holding more than this % of the window's interactions
	SpikePosts           int     `json:"spike_posts"`           // engagement_spikes: or this many spikes
	ImplausibleFollowers int64   `json:"implausible_followers"` // implausibly_high: accounts with at least this many followers…
	ImplausibleRatio     float64 `json:"implausible_ratio"`     // implausibly_high: …and a ratio above this
	ErraticCV            float64 `json:"erratic_cv"`            // erratic: coefficient of variation of view ER above this
	SteadyCV             float64 `json:"steady_cv"`             // too_steady: coefficient of variation of view ER under this
	CVMinPosts           int     `json:"cv_min_posts"`          // erratic / too_steady: only with at least this many view ERs
	InactiveDays         int     `json:"inactive_days"`         // inactive: newest post more than this many days before as-of
	JumpPercent          float64 `json:"jump_percent"`          // follower_jump: followers up at least this % since the baseline…
	JumpFollowers        int64   `json:"jump_followers"`        // …and at least this many
	DropPercent          float64 `json:"drop_percent"`          // follower_drop: followers down at least this % since the baseline…
	DropFollowers        int64   `json:"drop_followers"`        // …and at least this many

	// Added for confidence, small accounts and outliers (issue 11).
	ImplausibleAnyRatio float64 `json:"implausible_any_ratio"` // implausibly_high: at any size, a ratio above this
	ZeroCommentLikes    int64   `json:"zero_comment_likes"`    // like_comment_ratio: no comment at all on at least this many likes
	FirmPosts           int     `json:"firm_posts"`            // confidence: thin with fewer posts in the window than this
	ConfidenceLevel     float64 `json:"confidence_level"`      // confidence: borderline when this % interval of the ratio crosses a verdict line
	Resamples           int     `json:"resamples"`             // confidence: bootstrap resamples of the window (deterministic)
	ThinBatchPercent    float64 `json:"thin_batch_percent"`    // batch warning: more than this % of accounts lack the posts a rating needs

	// What a buyer decides on (issue 12).
	CadenceMin            float64 `json:"cadence_min"`            // posts a week: the guide's lower end
	CadenceMax            float64 `json:"cadence_max"`            // posts a week: the guide's upper end
	SponsoredMinPosts     int     `json:"sponsored_min_posts"`    // paid_er_ratio: at least this many sponsored posts and as many others
	SponsoredUnderperform float64 `json:"sponsored_underperform"` // sponsored_underperform: paid_er_ratio under this
	TopPosts              int     `json:"top_posts"`              // best posts by view ER listed per account
	TopHashtags           int     `json:"top_hashtags"`           // most used hashtags listed per account

	// Week over week from the history (issue 14).
	HistoryPoints     int     `json:"history_points"`      // snapshots shown per account (sparklines, detail, summary.json)
	DeclineSnapshots  int     `json:"decline_snapshots"`   // engagement_decline: judged once at least this many snapshots (this run's included) have a follower ER…
	DeclineNoise      float64 `json:"decline_noise"`       // …its log follower ER's slope below zero by more than this many standard errors (from the account's own noise)
	DeclineMinPercent float64 `json:"decline_min_percent"` // …and the fitted line down at least this % over the span
	DeclineMaxStep    float64 `json:"decline_max_step"`    // …with no single step down more than this share of the fitted fall (not one jump)
	DeclineSpan       int     `json:"decline_span"`        // …the line fitted over the last this many snapshots (at least DeclineSnapshots)

	// What a batch is, and judgement calibrated on real creators (issue 19; docs/calibration.md).
	ProfileExport           bool       `json:"profile_export"`             // --profile-export: every account is a profile export, whatever its posts look like
	SampleMinAccounts       int        `json:"sample_min_accounts"`        // a batch of at least this many accounts can be a sample…
	SampleGapDays           float64    `json:"sample_gap_days"`            // an account with fewer than FirmPosts posts, on average more than this many days apart, is a sample
	SampleMaxViewER         float64    `json:"sample_max_view_er"`         // a discovery list puts a median view ER above this % after the plausible ones (one interaction per two views is a misread count more often than a creator)
	LikesPerCommentPeers    int        `json:"likes_per_comment_peers"`    // like_comment_ratio: a tier with at least this many rated accounts is its own yardstick…
	LikesPerCommentMultiple float64    `json:"likes_per_comment_multiple"` // …and an account above this × the tier's median likes per comment is raised
	SpikeMinPosts           int        `json:"spike_min_posts"`            // engagement_spikes: only with at least this many posts
	RecentBenchmarks        Benchmarks `json:"recent_benchmarks"`          // implausibly_high: the median view ER above which a tier's creators are rare today
	StaleFollowersDays      int        `json:"stale_followers_days"`       // confidence: borderline when the follower count is more than this many days newer than the newest post…
	StaleSpanDays           int        `json:"stale_span_days"`            // …or the window spans more than this many days
	ExtremeRatio            float64    `json:"extreme_ratio"`              // confidence: borderline when the follower ER is more than this × the tier's benchmark (reach beyond the followers, or one post); 0: off

	// What works for each creator (issue 21; docs/insights.md). Posts' traits (traits.go) and
	// the comparisons of their view ERs (insights.go); a steady week is CadenceMin–CadenceMax posts.
	TrendingSoundCreators int     `json:"trending_sound_creators"` // trending_sound: a sound used by at least this many creators of the batch…
	TrendingSoundUses     int64   `json:"trending_sound_uses"`     // …or, as the export counts them, by at least this many videos on TikTok
	ManyHashtags          int     `json:"many_hashtags"`           // many_hashtags: at least this many different hashtags
	TrendHashtagCreators  int     `json:"trend_hashtag_creators"`  // trend_hashtag: a hashtag used by at least this many creators of the batch
	LongVideoSeconds      float64 `json:"long_video_seconds"`      // long_video: at least this many seconds long
	InsightMinPosts       int     `json:"insight_min_posts"`       // an insight needs at least this many posts with a view ER with the trait and as many without
	InsightNoise          float64 `json:"insight_noise"`           // a difference of medians within this many standard errors (from the posts' spread) is said to be within it
	InsightSmall          float64 `json:"insight_small"`           // medians less than this share apart (|ratio − 1|) are said to differ too little to act on
}

// Default is the configuration SPEC §3 describes, from the seed's benchmarks. It is the one
// place defaults live: vet init writes these numbers and vet benchmarks prints them.
func Default() Config {
	return Config{
		WindowPosts:    10,
		Basis:          BasisFollowers,
		FarBelow:       0.5,
		PlatformViewER: 3.30,
		Benchmarks: Benchmarks{
			Name:   "TikTok engagement by follower tier",
			Source: "published averages of TikTok engagement rate by follower count",
			Tiers: []Tier{
				{Name: "1K–5K", Min: 1_000, Benchmark: 5.60},
				{Name: "5K–20K", Min: 5_000, Benchmark: 2.43},
				{Name: "20K–100K", Min: 20_000, Benchmark: 2.15},
				{Name: "100K–1M", Min: 100_000, Benchmark: 2.05},
				{Name: ">1M", Min: 1_000_000, Benchmark: 1.97},
			},
		},
		MinPosts:             3,
		GhostViewsPercent:    5,
		MaxLikesPerComment:   500,
		MinLikesPerComment:   3,
		SpikeMultiple:        10,
		SpikeSharePercent:    75,
		SpikePosts:           3,
		ImplausibleFollowers: 100_000,
		ImplausibleRatio:     3,
		ErraticCV:            1.5,
		SteadyCV:             0.1,
		CVMinPosts:           5,
		InactiveDays:         30,
		JumpPercent:          20,
		JumpFollowers:        1_000,
		DropPercent:          5,
		DropFollowers:        500,

		ImplausibleAnyRatio: 10,
		ZeroCommentLikes:    100,
		FirmPosts:           5,
		ConfidenceLevel:     90,
		Resamples:           200,
		ThinBatchPercent:    50,

		CadenceMin:            3,
		CadenceMax:            5,
		SponsoredMinPosts:     2,
		SponsoredUnderperform: 0.5,
		TopPosts:              3,
		TopHashtags:           5,

		HistoryPoints:     12,
		DeclineSnapshots:  3,
		DeclineNoise:      1.5,
		DeclineMinPercent: 25,
		DeclineMaxStep:    0.9,
		DeclineSpan:       4,

		SampleMinAccounts:       10,
		SampleGapDays:           30,
		SampleMaxViewER:         50,
		LikesPerCommentPeers:    20,
		LikesPerCommentMultiple: 4,
		SpikeMinPosts:           5,
		RecentBenchmarks:        ModashHigh(),
		StaleFollowersDays:      90,
		StaleSpanDays:           180,
		ExtremeRatio:            8,

		TrendingSoundCreators: 3,
		TrendingSoundUses:     10_000,
		ManyHashtags:          3,
		TrendHashtagCreators:  3,
		LongVideoSeconds:      30,
		InsightMinPosts:       3,
		InsightNoise:          2,
		InsightSmall:          0.1,
	}
}

// ModashHigh is the lower edge of the "High" band of median view ER by follower tier in
// Modash's TikTok engagement benchmarks (November 2025, 117M+ creators; view ER = (likes +
// comments + shares) ÷ views): an account above it engages better than most creators of its
// size do today. implausibly_high needs a median view ER above it as well as a high ratio, so
// that a creator whose audience really responds is not doubted for it.
func ModashHigh() Benchmarks {
	return Benchmarks{
		Name:   "High median view ER by follower tier",
		Source: "Modash, TikTok engagement rate benchmarks, November 2025 (117M+ creators): lower edge of the High band",
		Tiers: []Tier{
			{Name: "1K–5K", Min: 1_000, Benchmark: 18.51},
			{Name: "5K–10K", Min: 5_000, Benchmark: 14.59},
			{Name: "10K–50K", Min: 10_000, Benchmark: 11.38},
			{Name: "50K–100K", Min: 50_000, Benchmark: 10.45},
			{Name: "100K–500K", Min: 100_000, Benchmark: 9.56},
			{Name: "500K–1M", Min: 500_000, Benchmark: 8.12},
			{Name: ">1M", Min: 1_000_000, Benchmark: 8.69},
		},
	}
}

// ByDate says whether the window is chosen by date (--since / --days) instead of by count.
func (c Config) ByDate() bool { return !c.Since.IsZero() || c.Days > 0 }

// TierOf places a follower count in its tier; ok is false below the first tier.
func (b Benchmarks) TierOf(followers int64) (t Tier, ok bool) {
	for i := len(b.Tiers) - 1; i >= 0; i-- {
		if followers >= b.Tiers[i].Min {
			return b.Tiers[i], true
		}
	}
	return Tier{}, false
}
