package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/vet-tool/vet/internal/config"
	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/scoring"
)

// calcCmd is `vet calc`, the seed's engagement calculator: one video's view ER against the
// platform average, or one account's follower ER against its tier, from numbers on the
// command line. It reads no file and writes no report.
func calcCmd(args []string, e *env) error {
	var s settings
	fs := newFlagSet("calc", "calc --views N --likes N --comments N --shares N | --followers N --posts N --likes N --comments N", e)
	fs.StringVar(&s.configPath, "config", "", "read the tier table and platform average from `FILE` (default: ./vet.yaml when there is one)")
	nums := map[string]*string{}
	for _, n := range []struct{ name, help string }{
		{"views", "the video's views"},
		{"likes", "likes: the video's, or the total over the account's posts"},
		{"comments", "comments: the video's, or the total over the account's posts"},
		{"shares", "the video's shares"},
		{figures.Followers.Key, "the account's followers"},
		{"posts", "how many posts the likes and comments are totals over"},
	} {
		nums[n.name] = fs.String(n.name, "", n.help+" (`N`)")
	}
	asJSON := fs.Bool("json", false, "print the result as JSON")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if len(rest) > 0 {
		for n := range nums {
			if given[n] {
				return &usageError{msg: "calc takes numbers as flags or an export, not both (--" + n + " and " + quote(rest[0]) + ")"}
			}
		}
		return calcFiles(rest, s.configPath, *asJSON, e)
	}
	get := func(name string) (int64, error) {
		v := strings.TrimSpace(*nums[name])
		n, err := strconv.ParseInt(v, 10, 64)
		switch {
		case err != nil:
			return 0, &usageError{msg: fmt.Sprintf("--%s: %s is not a whole number", name, quote(v))}
		case n < 0:
			return 0, &usageError{msg: fmt.Sprintf("--%s: %d is negative", name, n)}
		case n > int64(ingest.MaxCount):
			return 0, &usageError{msg: fmt.Sprintf("--%s: %d is implausibly large for a count", name, n)}
		}
		return n, nil
	}
	need := func(names ...string) (map[string]int64, error) {
		var missing []string
		for _, n := range names {
			if !given[n] {
				missing = append(missing, "--"+n)
			}
		}
		if len(missing) > 0 {
			return nil, &usageError{msg: "calc needs " + strings.Join(missing, ", ")}
		}
		out := map[string]int64{}
		for _, n := range names {
			v, err := get(n)
			if err != nil {
				return nil, err
			}
			out[n] = v
		}
		return out, nil
	}
	switch {
	case given["views"] && given[figures.Followers.Key]:
		return &usageError{msg: "calc takes --views (a video) or --followers (an account), not both"}
	case !given["views"] && !given[figures.Followers.Key]:
		return &usageError{msg: "calc needs --views (a video's view ER) or --followers (an account's follower ER)"}
	}
	// The file's settings only: calc's flags are counts, not vet run's settings (its --posts
	// is not the window).
	f, err := calcConfig(s.configPath)
	if err != nil {
		return err
	}
	cfg := f.Scoring
	var res calcResult
	if given["views"] {
		v, err := need("views", "likes", "comments", "shares")
		if err != nil {
			return err
		}
		if v["views"] == 0 {
			return &usageError{msg: "--views: 0 views give no view ER"}
		}
		p := ingest.Post{Views: ingest.Count(v["views"]), Likes: ingest.Count(v["likes"]),
			Comments: ingest.Count(v["comments"]), Shares: ingest.Count(v["shares"]), Saves: ingest.Missing}
		er := scoring.ViewER(p, false).Value
		res = calcResult{Kind: "video", ViewER: &er, Platform: &cfg.PlatformViewER}
		res.Line = fmt.Sprintf("view ER %s%%: %s the %s%% platform average", calcNum(er), aboveBelow(er >= cfg.PlatformViewER), strconv.FormatFloat(cfg.PlatformViewER, 'f', 2, 64))
	} else {
		v, err := need(figures.Followers.Key, "posts", "likes", "comments")
		if err != nil {
			return err
		}
		switch {
		case v[figures.Followers.Key] == 0:
			return &usageError{msg: "--followers: 0 followers give no follower ER"}
		case v["posts"] == 0:
			return &usageError{msg: "--posts: 0 posts give no follower ER"}
		}
		// The totals are spread over --posts posts so that the seed's formula runs as the
		// report runs it: ((Σ likes + Σ comments) / N) / followers × 100.
		window := []ingest.Post{{Likes: ingest.Count(v["likes"]), Comments: ingest.Count(v["comments"])}}
		er := scoring.FollowerER(window, ingest.Count(v[figures.Followers.Key]*v["posts"])).Value
		res = calcResult{Kind: "account", FollowerER: &er}
		line := fmt.Sprintf("follower ER %s%%", calcNum(er))
		if t, ok := cfg.Benchmarks.TierOf(v[figures.Followers.Key]); ok {
			ratio := er / t.Benchmark
			res.Tier, res.Benchmark, res.Ratio = t.Name, &t.Benchmark, &ratio
			res.Grade = "above"
			switch {
			case ratio < cfg.FarBelow:
				res.Grade = "far below"
			case ratio < 1:
				res.Grade = "below"
			}
			line += fmt.Sprintf(": tier %s, benchmark %.2f%%, ratio %.2f (%s)", t.Name, t.Benchmark, ratio, res.Grade)
		} else {
			line += fmt.Sprintf(": under %s followers, no tier", calcNum(float64(cfg.Benchmarks.Tiers[0].Min)))
		}
		res.Line = line
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintln(e.stdout, res.Line)
	return nil
}

// calcResult is what `vet calc --json` prints: the plain line and its numbers.
type calcResult struct {
	Kind       string   `json:"kind"` // video or account
	ViewER     *float64 `json:"view_er,omitempty"`
	Platform   *float64 `json:"platform_view_er,omitempty"`
	FollowerER *float64 `json:"follower_er,omitempty"`
	Tier       string   `json:"tier,omitempty"`
	Benchmark  *float64 `json:"benchmark,omitempty"`
	Ratio      *float64 `json:"ratio,omitempty"`
	Grade      string   `json:"grade,omitempty"`
	Line       string   `json:"line"`
}

func aboveBelow(above bool) string {
	if above {
		return "above"
	}
	return "below"
}

// calcNum writes a percentage with at most two decimals and no trailing zeros: 10, 6.4, 3.3.
func calcNum(v float64) string {
	return strconv.FormatFloat(mustRound2(v), 'f', -1, 64)
}

func mustRound2(v float64) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 2, 64), 64)
	return f
}

// calcConfig reads the settings file only: calc's flags are counts, not vet run's settings
// (its --posts is not the window).
func calcConfig(path string) (*config.File, error) {
	if path != "" {
		return config.Load(path)
	}
	return config.Discover(".")
}

// calcFiles is `vet calc FILE...`: the same numbers for each account of the exports, one line
// each, in the report's rank order, without writing a report. Rejected rows are said on
// stderr as vet run says them.
func calcFiles(inputs []string, configPath string, asJSON bool, e *env) error {
	f, err := calcConfig(configPath)
	if err != nil {
		return err
	}
	opts, err := ingestOptions(f, e.stdin)
	if err != nil {
		return err
	}
	batch, err := ingest.Read(inputs, opts)
	if err != nil {
		return err
	}
	listRejected(e.stderr, batch, english)
	if batch.Used() == 0 {
		return fmt.Errorf("no post could be used in %s", strings.Join(inputs, ", "))
	}
	res := scoring.Score(scoring.Input{Posts: batch.Posts, Texts: &batch.Texts, Followers: batch.Followers, Prices: batch.Prices}, f.Scoring)
	out := make([]calcAccount, 0, len(res.Accounts))
	for i := range res.Accounts {
		a := &res.Accounts[i]
		c := calcAccount{Handle: a.Handle, Posts: a.FollowerERPosts, Grade: string(a.Grade)}
		line := a.Handle + ":"
		if a.FollowerER.OK {
			c.FollowerER = &a.FollowerER.Value
			line += fmt.Sprintf(" follower ER %s%% over %s", calcNum(a.FollowerER.Value), english.Plural(int64(a.FollowerERPosts), "post"))
		} else {
			line += " no follower ER (no follower count, or no post with likes and comments)"
		}
		if a.MedianViewER.OK {
			c.MedianViewER = &a.MedianViewER.Value
			line += fmt.Sprintf(", median view ER %s%% (%s the %.2f%% platform average)", calcNum(a.MedianViewER.Value),
				aboveBelow(a.MedianViewER.Value >= f.Scoring.PlatformViewER), f.Scoring.PlatformViewER)
		}
		switch {
		case a.HasTier && a.Ratio.OK:
			c.Tier, c.Benchmark, c.Ratio = a.Tier.Name, &a.Tier.Benchmark, &a.Ratio.Value
			line += fmt.Sprintf(": tier %s, benchmark %.2f%%, ratio %.2f (%s)", a.Tier.Name, a.Tier.Benchmark, a.Ratio.Value, a.Grade)
		case a.Followers.Known() && !a.HasTier:
			line += ": no tier"
		}
		c.Line = line
		out = append(out, c)
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	for _, c := range out {
		fmt.Fprintln(e.stdout, c.Line)
	}
	return nil
}

// calcAccount is one account of `vet calc FILE --json`. The figures it shares with the report
// are keyed as the figure table keys them (MarshalJSON).
type calcAccount struct {
	Handle       string
	Posts        int // the window posts the follower ER rests on
	FollowerER   *float64
	MedianViewER *float64
	Tier         string
	Benchmark    *float64
	Ratio        *float64
	Grade        string
	Line         string
}

// MarshalJSON writes the account with the figure table's keys, in a fixed order, leaving out
// the tier's figures when the account has no tier.
func (c calcAccount) MarshalJSON() ([]byte, error) {
	type field struct {
		key   string
		value any
		omit  bool
	}
	fields := []field{
		{figures.Handle.Key, c.Handle, false},
		{"posts", c.Posts, false},
		{figures.FollowerER.Key, c.FollowerER, false},
		{figures.MedianViewER.Key, c.MedianViewER, false},
		{figures.Tier.Key, c.Tier, c.Tier == ""},
		{"benchmark", c.Benchmark, c.Benchmark == nil},
		{figures.Ratio.Key, c.Ratio, c.Ratio == nil},
		{figures.Grade.Key, c.Grade, c.Grade == ""},
		{"line", c.Line, false},
	}
	b := []byte{'{'}
	for _, f := range fields {
		if f.omit {
			continue
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		k, _ := json.Marshal(f.key)
		v, err := json.Marshal(f.value)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, '}'), nil
}
