package config

import "github.com/vet-tool/vet/internal/lang"

// setting is one line of vet.yaml, declared once: its key, its flag, what it does, where its
// value lives and the range in which it means something. The template `vet init` writes, the
// loader and its checks, the flags of `vet run` and `vet validate` and the settings `vet
// benchmarks` prints are all derived from the table below, so a new threshold is one line here
// plus the scoring function that reads it.
//
// This is the one Go file that spells vet.yaml's keys.
type setting struct {
	key      string          // the path in vet.yaml: "posts", "thresholds.ghost-views", "report.title"
	flag     string          // the flag's name ("" when the setting has none); always the key's last part
	arg      string          // the flag's argument in -h: "N", "DIR"
	comment  string          // what it does: the comment in vet.yaml and the flag's help
	reading  bool            // a flag of `vet validate` too: it says how exports are read
	field    func(*File) any // where the value lives: *int, *int64, *float64, *bool, *string, *scoring.Basis, *time.Time, …
	endDay   bool            // a date given as a day alone means the end of that day
	bounds   *bounds         // numbers: the range in which the value means something
	choices  []string        // text: the values allowed ("" among them when it may be left empty)
	section  string          // a heading written above this setting in vet.yaml
	example  string          // for maps and lists: an example written above the key, as comments
	required bool            // text that cannot be left empty
}

// bounds is the range of a number setting: from lo (or the value of the setting named above),
// to hi.
type bounds struct {
	lo, hi  float64
	loOpen  bool   // the value must be above lo, not at it
	above   string // the key of a setting whose value is lo (and the value must be above it)
	explain string // what the number is, said after the range: "a percentage of followers"
}

// Every range has an upper end, far above any value that means something, so that a typo
// (confidence.resamples: 1000000000 took 13 s for one account) is refused, not run.
func between(lo, hi float64) *bounds          { return &bounds{lo: lo, hi: hi} }
func within(lo, hi float64, e string) *bounds { return &bounds{lo: lo, hi: hi, explain: e} }
func aboveZero(hi float64) *bounds            { return &bounds{lo: 0, hi: hi, loOpen: true} }

func aboveKey(key, explain string, hi float64) *bounds {
	return &bounds{hi: hi, loOpen: true, above: key, explain: explain}
}

// settings is vet.yaml, in the order `vet init` writes it.
var settings = []setting{
	{key: "out", flag: "out", arg: "DIR", comment: "the folder the report is written to",
		field: func(f *File) any { return &f.Run.Out }, section: "Run", required: true},
	{key: "accounts", flag: "accounts", arg: "FILE", reading: true,
		comment: "a file of follower counts and prices by handle (CSV or XLSX: handle, followers, price)",
		field:   func(f *File) any { return &f.Run.Accounts }},
	{key: "preset", flag: "preset", arg: "NAME", reading: true,
		comment: "a named export layout (generic, apify, tiktok-studio, or one under presets:)",
		field:   func(f *File) any { return &f.Run.Preset }},
	{key: keyMap, flag: "map", arg: "FIELD=HEADER", reading: true,
		comment: "columns that beat every alias (repeatable flag), e.g. {views: \"Plays (total)\"}",
		field:   func(f *File) any { return &f.Run.Map }},
	{key: "baseline", flag: "baseline", arg: "DIR", comment: "last week's report folder, for the changes since then",
		field: func(f *File) any { return &f.Run.Baseline }},
	{key: "history", flag: "history", arg: "FILE", comment: "an SQLite file that keeps every run, for trends across weeks",
		field: func(f *File) any { return &f.Run.History }},
	{key: "strict", flag: "strict", reading: true, comment: "any rejected row fails the run and nothing is written",
		field: func(f *File) any { return &f.Run.Strict }},
	{key: "fail-on", flag: "fail-on", arg: "VERDICT", comment: "exit 3 when an account gets this verdict or worse: fail or review",
		field: func(f *File) any { return &f.Run.FailOn }, choices: []string{"", "fail", "review"}},

	{key: "report.title", flag: "title", arg: "TEXT", comment: "the report's title, on the page, the Summary sheet and the workbook's properties",
		field: func(f *File) any { return &f.Run.Title }, section: "Report: who it is from and for"},
	{key: "report.client", flag: "client", arg: "NAME", comment: "who the report is for",
		field: func(f *File) any { return &f.Run.Client }},
	{key: "report.logo", flag: "logo", arg: "FILE", comment: "a PNG, JPEG or SVG logo shown on the page, the Summary sheet and the PDF's cover (an SVG is left off the PDF)",
		field: func(f *File) any { return &f.Run.Logo }},
	{key: "pdf", flag: "pdf", comment: "write vetting.pdf, the client's PDF: a cover, the summary, a shortlist and its creators; false: none (and an earlier one in --out is removed)",
		field: func(f *File) any { return &f.Run.PDF }},
	{key: "paper", flag: "paper", arg: "SIZE", comment: "the PDF's paper: a4 or letter",
		field: func(f *File) any { return &f.Run.Paper }, choices: []string{"a4", "letter"}},
	{key: "lang", flag: "lang", arg: "LANG", comment: "the language of the report and of vet's warnings: en (English) or nl (Nederlands)",
		field: func(f *File) any { return &f.Run.Lang }, choices: append([]string{""}, lang.Codes()...)},
	{key: "currency", flag: "currency", arg: "CODE", comment: "the currency of the prices (EUR, USD, GBP, € …), shown with every money figure; \"\": the accounts file's, or none",
		field: func(f *File) any { return &f.Run.Currency }},
	{key: "report.history-points", comment: "with --history: the snapshots shown per account (sparklines, detail, summary.json)",
		field: func(f *File) any { return &f.Scoring.HistoryPoints }, bounds: between(1, 1000)},

	{key: "posts", flag: "posts", arg: "N", comment: "the newest N posts of each account (without dates: the first N rows as exported)",
		field: func(f *File) any { return &f.Scoring.WindowPosts }, bounds: between(1, 10000),
		section: "Window: which posts of each account are scored"},
	{key: "since", flag: "since", arg: "DATE", comment: "only posts on or after this date (2026-10-01), instead of the newest N",
		field: func(f *File) any { return &f.Scoring.Since }},
	{key: "days", flag: "days", arg: "N", comment: "only posts of the N days up to as-of, instead of the newest N; 0: off",
		field: func(f *File) any { return &f.Scoring.Days }, bounds: &bounds{lo: 0, hi: 3650, explain: "0 turns it off"}},
	{key: "as-of", flag: "as-of", arg: "DATE", comment: "the date days since the last post count to; \"\": the newest post in the batch",
		field: func(f *File) any { return &f.Scoring.AsOf }, endDay: true},

	{key: "profile-export", flag: "profile-export", comment: "every account's posts are its own recent posts (a profile export): rate them all, even when the batch looks like a hashtag or trend sample",
		field: func(f *File) any { return &f.Scoring.ProfileExport }},
	{key: "sample.min-accounts", comment: "a batch of at least this many accounts, most of them with too few posts to rate, is a sample: a discovery list",
		field: func(f *File) any { return &f.Scoring.SampleMinAccounts }, bounds: between(1, 1e6)},
	{key: "sample.gap-days", comment: "an account with fewer posts than confidence.firm-posts, on average more than this many days apart, is a sample",
		field: func(f *File) any { return &f.Scoring.SampleGapDays }, bounds: aboveZero(3650)},
	{key: "sample.max-view-er", comment: "a discovery list ranks a median view ER above this % after the plausible ones (more often a misread count than a creator)",
		field: func(f *File) any { return &f.Scoring.SampleMaxViewER }, bounds: &bounds{lo: 0, hi: 100, loOpen: true, explain: "a percentage"}},
	{key: "basis", flag: "basis", arg: "ER", comment: "followers compares the follower ER with the tier; views the median view ER",
		field: func(f *File) any { return &f.Scoring.Basis }, choices: []string{"followers", "views"},
		section: "Comparison with the tier"},
	{key: "far-below", flag: "far-below", arg: "RATIO", comment: "a ratio to the benchmark under this is far below the tier: FAIL",
		field: func(f *File) any { return &f.Scoring.FarBelow }, bounds: within(0, 1, "a ratio to the tier benchmark")},
	{key: "include-saves", flag: "include-saves", comment: "saves count as interactions in view ER (the report says so)",
		field: func(f *File) any { return &f.Scoring.IncludeSaves }},

	{key: keyBenchmarkName, comment: "printed in the report beside every benchmark",
		field: func(f *File) any { return &f.Scoring.Benchmarks.Name }, section: "Benchmarks"},
	{key: keyBenchmarkSource, comment: "where the numbers come from, printed in the report",
		field: func(f *File) any { return &f.Scoring.Benchmarks.Source }},
	{key: "benchmarks.platform-view-er", comment: "each video's view ER is marked above or below this",
		field: func(f *File) any { return &f.Scoring.PlatformViewER }, bounds: &bounds{lo: 0, hi: 100, loOpen: true, explain: "a percentage"}},
	{key: keyTiers, comment: "from min (inclusive) to the next tier's min, with the follower ER expected there; under the first min: UNRATED",
		field: func(f *File) any { return &f.Scoring.Benchmarks.Tiers }},

	{key: "thresholds.min-posts", comment: "insufficient_data: fewer posts than this in the window",
		field: func(f *File) any { return &f.Scoring.MinPosts }, bounds: between(1, 10000),
		section: "Signals: when each is raised. Each calls for REVIEW, except insufficient_data (UNRATED);\nfar_below_tier (FAIL) is far-below above."},
	{key: "thresholds.ghost-views", comment: "ghost_followers: median views per post under this % of followers",
		field: func(f *File) any { return &f.Scoring.GhostViewsPercent }, bounds: within(0, 100, "a percentage of followers")},
	{key: "thresholds.max-likes-per-comment", comment: "like_comment_ratio: Σlikes/Σcomments above this, in a tier of fewer than likes-per-comment-peers accounts",
		field: func(f *File) any { return &f.Scoring.MaxLikesPerComment }, bounds: aboveKey("thresholds.min-likes-per-comment", "above min-likes-per-comment", 1e6)},
	{key: "thresholds.min-likes-per-comment", comment: "like_comment_ratio: Σlikes/Σcomments under this",
		field: func(f *File) any { return &f.Scoring.MinLikesPerComment }, bounds: between(0, 1e5)},
	{key: "thresholds.likes-per-comment-peers", comment: "like_comment_ratio: a tier with at least this many accounts of min-posts is its own yardstick…",
		field: func(f *File) any { return &f.Scoring.LikesPerCommentPeers }, bounds: between(1, 1e6)},
	{key: "thresholds.likes-per-comment-multiple", comment: "…and Σlikes/Σcomments above this × the tier's median is raised",
		field: func(f *File) any { return &f.Scoring.LikesPerCommentMultiple }, bounds: between(1, 1000)},
	{key: "thresholds.zero-comment-likes", comment: "like_comment_ratio: no comment at all on at least this many likes",
		field: func(f *File) any { return &f.Scoring.ZeroCommentLikes }, bounds: between(1, 1e12)},
	{key: "thresholds.spike-multiple", comment: "engagement_spikes: a spike is a post above this × the window's median interactions…",
		field: func(f *File) any { return &f.Scoring.SpikeMultiple }, bounds: between(1, 1000)},
	{key: "thresholds.spike-share", comment: "…raised when one spike holds more than this % of the window's interactions…",
		field: func(f *File) any { return &f.Scoring.SpikeSharePercent }, bounds: &bounds{lo: 0, hi: 100, loOpen: true, explain: "a percentage of the window's interactions"}},
	{key: "thresholds.spike-posts", comment: "…or when there are this many spikes",
		field: func(f *File) any { return &f.Scoring.SpikePosts }, bounds: between(1, 10000)},
	{key: "thresholds.spike-min-posts", comment: "engagement_spikes: only with at least this many posts in the window",
		field: func(f *File) any { return &f.Scoring.SpikeMinPosts }, bounds: between(2, 10000)},
	{key: "thresholds.implausible-followers", comment: "implausibly_high: accounts with at least this many followers…",
		field: func(f *File) any { return &f.Scoring.ImplausibleFollowers }, bounds: between(0, 1e12)},
	{key: "thresholds.implausible-ratio", comment: "…and a ratio to the benchmark above this",
		field: func(f *File) any { return &f.Scoring.ImplausibleRatio }, bounds: aboveZero(1000)},
	{key: "thresholds.implausible-any-size", comment: "implausibly_high at any size: a ratio to the benchmark above this",
		field: func(f *File) any { return &f.Scoring.ImplausibleAnyRatio }, bounds: aboveKey("thresholds.implausible-ratio", "above implausible-ratio", 10000)},
	{key: "thresholds.erratic-cv", comment: "erratic: coefficient of variation of the view ERs above this",
		field: func(f *File) any { return &f.Scoring.ErraticCV }, bounds: aboveKey("thresholds.steady-cv", "above steady-cv", 100)},
	{key: "thresholds.steady-cv", comment: "too_steady: coefficient of variation of the view ERs under this",
		field: func(f *File) any { return &f.Scoring.SteadyCV }, bounds: between(0, 10)},
	{key: "thresholds.cv-min-posts", comment: "erratic / too_steady: only with at least this many view ERs",
		field: func(f *File) any { return &f.Scoring.CVMinPosts }, bounds: between(2, 10000)},
	{key: "thresholds.inactive-days", comment: "inactive: newest post more than this many days before as-of",
		field: func(f *File) any { return &f.Scoring.InactiveDays }, bounds: between(1, 3650)},
	{key: "thresholds.jump-percent", comment: "follower_jump: followers up at least this % since the baseline…",
		field: func(f *File) any { return &f.Scoring.JumpPercent }, bounds: between(0, 1e6)},
	{key: "thresholds.jump-followers", comment: "…and at least this many",
		field: func(f *File) any { return &f.Scoring.JumpFollowers }, bounds: between(0, 1e12)},
	{key: "thresholds.drop-percent", comment: "follower_drop: followers down at least this % since the baseline…",
		field: func(f *File) any { return &f.Scoring.DropPercent }, bounds: within(0, 100, "")},
	{key: "thresholds.drop-followers", comment: "…and at least this many",
		field: func(f *File) any { return &f.Scoring.DropFollowers }, bounds: between(0, 1e12)},
	{key: "thresholds.sponsored-underperform", comment: "sponsored_underperform: sponsored posts' median view ER under this × the others'",
		field: func(f *File) any { return &f.Scoring.SponsoredUnderperform }, bounds: within(0, 1, "a ratio of median view ERs")},
	{key: "thresholds.sponsored-min-posts", comment: "…judged with at least this many sponsored posts and as many others",
		field: func(f *File) any { return &f.Scoring.SponsoredMinPosts }, bounds: between(1, 10000)},
	{key: "thresholds.engagement-decline", comment: "engagement_decline (with --history): judged from this many snapshots with a follower ER, this run's included…",
		field: func(f *File) any { return &f.Scoring.DeclineSnapshots }, bounds: between(3, 1000)},
	{key: "thresholds.decline-noise", comment: "…the slope of log follower ER below zero by more than this many of its standard errors…",
		field: func(f *File) any { return &f.Scoring.DeclineNoise }, bounds: aboveZero(100)},
	{key: "thresholds.decline-percent", comment: "…and the fitted line down at least this % over the span",
		field: func(f *File) any { return &f.Scoring.DeclineMinPercent }, bounds: within(0, 100, "a percentage of the starting follower ER")},
	{key: "thresholds.decline-max-step", comment: "…with no single step down more than this share of the fitted fall (a fall, not one drop)",
		field: func(f *File) any { return &f.Scoring.DeclineMaxStep }, bounds: &bounds{lo: 0, hi: 1, loOpen: true, explain: "a share of the whole fall"}},
	{key: "thresholds.decline-span", comment: "…the line fitted over at most this many of the last snapshots",
		field: func(f *File) any { return &f.Scoring.DeclineSpan }, bounds: between(3, 1000)},

	{key: "confidence.firm-posts", comment: "thin: fewer posts than this in the window",
		field: func(f *File) any { return &f.Scoring.FirmPosts }, bounds: between(1, 10000),
		section: "Confidence: how far each verdict can be trusted on the account's own posts"},
	{key: "confidence.level", comment: "borderline: this % interval of the ratio (resampling the window's posts) crosses a verdict line",
		field: func(f *File) any { return &f.Scoring.ConfidenceLevel }, bounds: &bounds{lo: 0, hi: 100, loOpen: true, explain: "a percentage"}},
	{key: "confidence.resamples", comment: "resamples of each window (fixed, so reruns agree)",
		field: func(f *File) any { return &f.Scoring.Resamples }, bounds: between(10, 100000)},
	{key: "confidence.stale-followers-days", comment: "borderline: the follower count is more than this many days newer than the window's newest post…",
		field: func(f *File) any { return &f.Scoring.StaleFollowersDays }, bounds: between(1, 3650)},
	{key: "confidence.stale-span-days", comment: "…or the window spans more than this many days",
		field: func(f *File) any { return &f.Scoring.StaleSpanDays }, bounds: between(1, 3650)},
	{key: "confidence.extreme-ratio", comment: "borderline: the follower ER is more than this × the tier's benchmark (the posts reach beyond the followers, or one post carries the window); 0: off",
		field: func(f *File) any { return &f.Scoring.ExtremeRatio }, bounds: within(0, 1e6, "a ratio to the tier's benchmark")},
	{key: "confidence.thin-batch", comment: "warn when more than this % of accounts have too few posts to rate; with sample.min-accounts or more, the batch is a sample",
		field: func(f *File) any { return &f.Scoring.ThinBatchPercent }, bounds: within(0, 100, "a percentage of accounts")},

	{key: "buyer.cadence-min", comment: "posts a week: the low end of a healthy cadence",
		field: func(f *File) any { return &f.Scoring.CadenceMin }, bounds: between(0, 500),
		section: "What a buyer decides on"},
	{key: "buyer.cadence-max", comment: "posts a week: the high end of a healthy cadence",
		field: func(f *File) any { return &f.Scoring.CadenceMax }, bounds: aboveKey("buyer.cadence-min", "above cadence-min", 1000)},
	{key: "buyer.top-posts", comment: "best posts by view ER listed per account",
		field: func(f *File) any { return &f.Scoring.TopPosts }, bounds: between(0, 100)},
	{key: "buyer.top-hashtags", comment: "most used hashtags listed per account",
		field: func(f *File) any { return &f.Scoring.TopHashtags }, bounds: between(0, 100)},

	{key: "insights.trending-sound-creators", comment: "trending_sound: a sound used by at least this many creators of the batch…",
		field: func(f *File) any { return &f.Scoring.TrendingSoundCreators }, bounds: within(2, 1_000_000, "creators"),
		section: "What works for each creator (insights)"},
	{key: "insights.trending-sound-uses", comment: "…or by at least this many videos, as the export counts them (music_nused)",
		field: func(f *File) any { return &f.Scoring.TrendingSoundUses }, bounds: within(1, 1e12, "videos")},
	{key: "insights.many-hashtags", comment: "many_hashtags: at least this many different hashtags in the caption",
		field: func(f *File) any { return &f.Scoring.ManyHashtags }, bounds: within(1, 100, "hashtags")},
	{key: "insights.trend-hashtag-creators", comment: "trend_hashtag: a hashtag used by at least this many creators of the batch",
		field: func(f *File) any { return &f.Scoring.TrendHashtagCreators }, bounds: within(2, 1_000_000, "creators")},
	{key: "insights.long-video-seconds", comment: "long_video: at least this many seconds long",
		field: func(f *File) any { return &f.Scoring.LongVideoSeconds }, bounds: within(1, 3600, "seconds")},
	{key: "insights.min-posts", comment: "a trait is compared with at least this many posts with a view ER on each side",
		field: func(f *File) any { return &f.Scoring.InsightMinPosts }, bounds: within(2, 10_000, "posts")},
	{key: "insights.noise", comment: "a difference of medians within this many standard errors is said to be within the posts' spread",
		field: func(f *File) any { return &f.Scoring.InsightNoise }, bounds: within(0, 10, "standard errors")},
	{key: "insights.small", comment: "medians less than this share apart (0.1: 10%) are said to differ too little to act on",
		field: func(f *File) any { return &f.Scoring.InsightSmall }, bounds: within(0, 1, "a share of the median without the trait")},

	{key: keyAliases, comment: "extra headers per field, tried before the built-in ones (fields: account, followers, views,\nlikes, comments, shares, saves, posted_at, video_id, url, caption, original_sound, sound_id, sound_name,\nsound_author, sound_uses, duration, duet_or_stitch, watch_time, watched_full)",
		field: func(f *File) any { return &f.Aliases }, section: "Columns",
		example: "aliases:\n  views: [\"Weergaven totaal\", \"Plays (all time)\"]"},
	{key: keyPresets, comment: "export layouts of your own, chosen with --preset NAME: the headers of each field, in order",
		field:   func(f *File) any { return &f.Presets },
		example: "presets:\n  mytool:\n    account: [creator_name]\n    views: [total_plays]"},
}

// tierKeys are the keys of one tier in benchmarks.tiers.
var tierKeys = []string{"name", "min", "benchmark"}

// The keys the loader checks together: tiers of one's own need a name and source of their own.
const (
	keyTiers           = "benchmarks.tiers"
	keyBenchmarkName   = "benchmarks.name"
	keyBenchmarkSource = "benchmarks.source"
	keyMap             = "map"
	keyAliases         = "aliases"
	keyPresets         = "presets"
)
