package config

import (
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// doc is vet.yaml as written. Keys are the flags' names; the template in template.go writes
// every one of them with its comment.
type doc struct {
	Out      string            `yaml:"out"`
	Accounts string            `yaml:"accounts"`
	Preset   string            `yaml:"preset"`
	Map      map[string]string `yaml:"map"`
	Baseline string            `yaml:"baseline"`
	Strict   bool              `yaml:"strict"`
	FailOn   string            `yaml:"fail-on"`

	Posts int    `yaml:"posts"`
	Since string `yaml:"since"`
	Days  int    `yaml:"days"`
	AsOf  string `yaml:"as-of"`

	Basis        string  `yaml:"basis"`
	FarBelow     float64 `yaml:"far-below"`
	IncludeSaves bool    `yaml:"include-saves"`

	Benchmarks benchDoc      `yaml:"benchmarks"`
	Thresholds thresholdsDoc `yaml:"thresholds"`

	Aliases map[string][]string            `yaml:"aliases"`
	Presets map[string]map[string][]string `yaml:"presets"`
}

type benchDoc struct {
	Name           string         `yaml:"name"`
	Source         string         `yaml:"source"`
	PlatformViewER float64        `yaml:"platform-view-er"`
	Tiers          []scoring.Tier `yaml:"tiers"`
}

type thresholdsDoc struct {
	MinPosts             int     `yaml:"min-posts"`
	GhostViews           float64 `yaml:"ghost-views"`
	MaxLikesPerComment   float64 `yaml:"max-likes-per-comment"`
	MinLikesPerComment   float64 `yaml:"min-likes-per-comment"`
	SpikeMultiple        float64 `yaml:"spike-multiple"`
	SpikeShare           float64 `yaml:"spike-share"`
	SpikePosts           int     `yaml:"spike-posts"`
	ImplausibleFollowers int64   `yaml:"implausible-followers"`
	ImplausibleRatio     float64 `yaml:"implausible-ratio"`
	ErraticCV            float64 `yaml:"erratic-cv"`
	SteadyCV             float64 `yaml:"steady-cv"`
	CVMinPosts           int     `yaml:"cv-min-posts"`
	InactiveDays         int     `yaml:"inactive-days"`
	JumpPercent          float64 `yaml:"jump-percent"`
	JumpFollowers        int64   `yaml:"jump-followers"`
	DropPercent          float64 `yaml:"drop-percent"`
	DropFollowers        int64   `yaml:"drop-followers"`
}

const dateOnly = "2006-01-02"

func dateText(t time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0,
		t.Hour() == 23 && t.Minute() == 59 && t.Second() == 59 && t.Nanosecond() == 0:
		return t.Format(dateOnly)
	}
	return t.Format(time.RFC3339)
}

func toDoc(f *File) doc {
	c := f.Scoring
	return doc{
		Out: f.Run.Out, Accounts: f.Run.Accounts, Preset: f.Run.Preset, Map: f.Run.Map,
		Baseline: f.Run.Baseline, Strict: f.Run.Strict, FailOn: f.Run.FailOn,
		Posts: c.WindowPosts, Since: dateText(c.Since), Days: c.Days, AsOf: dateText(c.AsOf),
		Basis: string(c.Basis), FarBelow: c.FarBelow, IncludeSaves: c.IncludeSaves,
		Benchmarks: benchDoc{Name: c.Benchmarks.Name, Source: c.Benchmarks.Source,
			PlatformViewER: c.PlatformViewER, Tiers: c.Benchmarks.Tiers},
		Thresholds: thresholdsDoc{
			MinPosts: c.MinPosts, GhostViews: c.GhostViewsPercent,
			MaxLikesPerComment: c.MaxLikesPerComment, MinLikesPerComment: c.MinLikesPerComment,
			SpikeMultiple: c.SpikeMultiple, SpikeShare: c.SpikeSharePercent, SpikePosts: c.SpikePosts,
			ImplausibleFollowers: c.ImplausibleFollowers, ImplausibleRatio: c.ImplausibleRatio,
			ErraticCV: c.ErraticCV, SteadyCV: c.SteadyCV, CVMinPosts: c.CVMinPosts,
			InactiveDays: c.InactiveDays,
			JumpPercent:  c.JumpPercent, JumpFollowers: c.JumpFollowers,
			DropPercent: c.DropPercent, DropFollowers: c.DropFollowers,
		},
		Aliases: f.Aliases, Presets: f.Presets,
	}
}

func fromDoc(d *doc) (*File, error) {
	since, err := parseDate(d.Since, false)
	if err != nil {
		return nil, bad("since", "%v", err)
	}
	asOf, err := parseDate(d.AsOf, true)
	if err != nil {
		return nil, bad("as-of", "%v", err)
	}
	t := d.Thresholds
	f := &File{
		Run: Run{Out: d.Out, Accounts: d.Accounts, Preset: d.Preset, Map: orEmpty(d.Map),
			Baseline: d.Baseline, Strict: d.Strict, FailOn: d.FailOn},
		Scoring: scoring.Config{
			WindowPosts: d.Posts, Since: since, Days: d.Days, AsOf: asOf,
			Basis: scoring.Basis(d.Basis), FarBelow: d.FarBelow, IncludeSaves: d.IncludeSaves,
			Benchmarks: scoring.Benchmarks{Name: d.Benchmarks.Name, Source: d.Benchmarks.Source,
				Tiers: slices.Clone(d.Benchmarks.Tiers)},
			PlatformViewER:     d.Benchmarks.PlatformViewER,
			MinPosts:           t.MinPosts,
			GhostViewsPercent:  t.GhostViews,
			MaxLikesPerComment: t.MaxLikesPerComment, MinLikesPerComment: t.MinLikesPerComment,
			SpikeMultiple: t.SpikeMultiple, SpikeSharePercent: t.SpikeShare, SpikePosts: t.SpikePosts,
			ImplausibleFollowers: t.ImplausibleFollowers, ImplausibleRatio: t.ImplausibleRatio,
			ErraticCV: t.ErraticCV, SteadyCV: t.SteadyCV, CVMinPosts: t.CVMinPosts,
			InactiveDays: t.InactiveDays,
			JumpPercent:  t.JumpPercent, JumpFollowers: t.JumpFollowers,
			DropPercent: t.DropPercent, DropFollowers: t.DropFollowers,
		},
		Aliases: orEmpty(d.Aliases),
		Presets: orEmpty(d.Presets),
	}
	// Not in vet.yaml yet: the one-declaration table (issue 15) takes them in.
	def := scoring.Default()
	c := &f.Scoring
	c.ImplausibleAnyRatio, c.ZeroCommentLikes, c.FirmPosts, c.ConfidenceLevel = def.ImplausibleAnyRatio, def.ZeroCommentLikes, def.FirmPosts, def.ConfidenceLevel
	c.Resamples, c.ThinBatchPercent, c.CadenceMin, c.CadenceMax = def.Resamples, def.ThinBatchPercent, def.CadenceMin, def.CadenceMax
	c.SponsoredMinPosts, c.SponsoredUnderperform, c.TopPosts, c.TopHashtags = def.SponsoredMinPosts, def.SponsoredUnderperform, def.TopPosts, def.TopHashtags
	c.HistoryPoints, c.DeclineSnapshots, c.DeclineNoise, c.DeclineMinPercent = def.HistoryPoints, def.DeclineSnapshots, def.DeclineNoise, def.DeclineMinPercent
	c.DeclineMaxStep = def.DeclineMaxStep // HISTORY (issue 14): one more threshold for the declaration table
	return f, nil
}

func orEmpty[M ~map[K]V, K comparable, V any](m M) M {
	if m == nil {
		return M{}
	}
	return m
}

// knownKeys are every key vet.yaml may hold, for "did you mean".
var knownKeys = func() []string {
	var keys []string
	var add func(t reflect.Type)
	add = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			keys = append(keys, strings.Split(f.Tag.Get("yaml"), ",")[0])
			if f.Type.Kind() == reflect.Struct {
				add(f.Type)
			}
			if f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct {
				add(f.Type.Elem())
			}
		}
	}
	add(reflect.TypeFor[doc]())
	return keys
}()

// suggest finds the known key nearest a misspelt one, if any is near.
func suggest(key string) string {
	k := strings.ReplaceAll(strings.ToLower(key), "_", "-")
	best, dist := "", 3
	for _, known := range knownKeys {
		if d := distance(k, known); d < dist {
			best, dist = known, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// fieldKey checks a field name used as a key of map, aliases or presets.
func fieldKey(where, name string) *Error {
	if _, ok := ingest.ParseField(name); !ok {
		return bad(where+"."+name, "%q is not a field (account, followers, views, likes, comments, shares, saves, posted_at, video_id, url, caption)", name)
	}
	return nil
}
