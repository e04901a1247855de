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

// Config holds every number scoring uses. Default gives the values SPEC §3 sets.
type Config struct {
	WindowPosts    int        // the newest N posts of each account are scored
	AsOf           time.Time  // "today" for days since the last post; zero: the newest post in the batch
	Basis          Basis      // what is compared with the tier benchmark
	FarBelow       float64    // a ratio under this is far below the tier: FAIL
	IncludeSaves   bool       // saves join the interactions of view ER
	Benchmarks     Benchmarks // the tier table
	PlatformViewER float64    // percent; each video is marked above or below it
	MinPosts       int        // fewer posts in the window than this: insufficient data, UNRATED
}

// Default is the configuration SPEC §3 describes, from the seed's benchmarks.
func Default() Config {
	return Config{
		WindowPosts:    10,
		Basis:          BasisFollowers,
		FarBelow:       0.5,
		PlatformViewER: 3.30,
		MinPosts:       3,
		Benchmarks: Benchmarks{
			Name:   "TikTok engagement by follower tier (seed)",
			Source: "the product seed's benchmark table",
			Tiers: []Tier{
				{Name: "1K–5K", Min: 1_000, Benchmark: 5.60},
				{Name: "5K–20K", Min: 5_000, Benchmark: 2.43},
				{Name: "20K–100K", Min: 20_000, Benchmark: 2.15},
				{Name: "100K–1M", Min: 100_000, Benchmark: 2.05},
				{Name: ">1M", Min: 1_000_000, Benchmark: 1.97},
			},
		},
	}
}

// TierOf places a follower count in its tier; ok is false below the first tier.
func (b Benchmarks) TierOf(followers int64) (t Tier, ok bool) {
	for i := len(b.Tiers) - 1; i >= 0; i-- {
		if followers >= b.Tiers[i].Min {
			return b.Tiers[i], true
		}
	}
	return Tier{}, false
}
