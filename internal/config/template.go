package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
	"unicode/utf8"
)

// initText is vet.yaml as `vet init` writes it: every setting, its default and what it does.
// The values come from Default (scoring.Default), so this text never states a default of its own.
const initText = `# vet.yaml: how vet reads exports and judges accounts.
# Written by "vet init" with every default. Delete a line to go back to its default.
# A flag on the command line beats this file: --posts 20 beats "posts: 10".
# Percentages are in percent: 2.15 means 2.15%.

# Run
out: {{q .Run.Out}}	# --out: the folder the report is written to
accounts: {{q .Run.Accounts}}	# --accounts: a file of follower counts, for posts that lack them
preset: {{q .Run.Preset}}	# --preset: a named export layout (generic, apify, tiktok-studio, or one under presets:)
map: {}	# --map FIELD=HEADER: columns that beat every alias, e.g. {views: "Plays (total)"}
baseline: {{q .Run.Baseline}}	# --baseline: last week's report folder, for the changes since then
strict: {{.Run.Strict}}	# --strict: any rejected row fails the run
fail-on: {{q .Run.FailOn}}	# --fail-on: exit 3 when an account gets this verdict or worse: fail or review

# Window: which posts of each account are scored
posts: {{.Scoring.WindowPosts}}	# --posts: the newest N posts (without dates: the first N rows as exported)
since: {{q (date .Scoring.Since)}}	# --since: only posts on or after this date (2026-10-01), instead of the newest N
days: {{.Scoring.Days}}	# --days: only posts of the N days up to as-of, instead of the newest N; 0: off
as-of: {{q (date .Scoring.AsOf)}}	# --as-of: the date days since the last post count to; "": the newest post in the batch

# Comparison with the tier
basis: {{.Scoring.Basis}}	# --basis: followers compares the follower ER with the tier; views the median view ER
far-below: {{n .Scoring.FarBelow}}	# --far-below: a ratio to the benchmark under this is far below the tier: FAIL
include-saves: {{.Scoring.IncludeSaves}}	# --include-saves: saves count as interactions in view ER (the report says so)

benchmarks:
  name: {{q .Scoring.Benchmarks.Name}}
  source: {{q .Scoring.Benchmarks.Source}}
  platform-view-er: {{n .Scoring.PlatformViewER}}	# each video's view ER is marked above or below this
  # Follower tiers: from min (inclusive) to the next tier's min, with the follower ER expected
  # there. Under the first min: no tier, UNRATED.
  tiers:
{{- range .Scoring.Benchmarks.Tiers}}
    - {name: {{q .Name}}, min: {{.Min}}, benchmark: {{n .Benchmark}}}
{{- end}}

# Signals: when each is raised. Each calls for REVIEW, except insufficient_data (UNRATED);
# far_below_tier (FAIL) is far-below above.
thresholds:
  min-posts: {{.Scoring.MinPosts}}	# insufficient_data: fewer posts than this in the window
  ghost-views: {{n .Scoring.GhostViewsPercent}}	# ghost_followers: median views per post under this % of followers
  max-likes-per-comment: {{n .Scoring.MaxLikesPerComment}}	# like_comment_ratio: Σlikes/Σcomments above this (bought likes)
  min-likes-per-comment: {{n .Scoring.MinLikesPerComment}}	# like_comment_ratio: Σlikes/Σcomments under this (comment bots)
  spike-multiple: {{n .Scoring.SpikeMultiple}}	# engagement_spikes: a spike is a post above this × the window's median interactions…
  spike-share: {{n .Scoring.SpikeSharePercent}}	# …raised when one spike holds more than this % of the window's interactions…
  spike-posts: {{.Scoring.SpikePosts}}	# …or when there are this many spikes
  implausible-followers: {{.Scoring.ImplausibleFollowers}} # implausibly_high: accounts with at least this many followers…
  implausible-ratio: {{n .Scoring.ImplausibleRatio}}	# …and a ratio to the benchmark above this
  erratic-cv: {{n .Scoring.ErraticCV}}	# erratic: coefficient of variation of the view ERs above this
  steady-cv: {{n .Scoring.SteadyCV}}	# too_steady: coefficient of variation of the view ERs under this
  cv-min-posts: {{.Scoring.CVMinPosts}}	# erratic / too_steady: only with at least this many view ERs
  inactive-days: {{.Scoring.InactiveDays}}	# inactive: newest post more than this many days before as-of
  jump-percent: {{n .Scoring.JumpPercent}}	# follower_jump: followers up at least this % since the baseline…
  jump-followers: {{.Scoring.JumpFollowers}}	# …and at least this many
  drop-percent: {{n .Scoring.DropPercent}}	# follower_drop: followers down at least this % since the baseline…
  drop-followers: {{.Scoring.DropFollowers}}	# …and at least this many

# Extra headers per field, tried before the built-in ones. Fields: account, followers, views,
# likes, comments, shares, saves, posted_at, video_id, url, caption. For example:
#   aliases:
#     views: ["Weergaven totaal", "Plays (all time)"]
aliases: {}

# Export layouts of your own, chosen with --preset NAME: the headers of each field, in order.
#   presets:
#     mytool:
#       account: [creator_name]
#       views: [total_plays]
presets: {}
`

var initTemplate = template.Must(template.New(Name).Funcs(template.FuncMap{
	"q":    strconv.Quote,
	"n":    num,
	"date": dateText,
}).Parse(initText))

// Template is the text of a vet.yaml holding every default, with a comment on each.
func Template() []byte {
	var b bytes.Buffer
	if err := initTemplate.Execute(&b, Default()); err != nil {
		panic(err) // the template and Default are ours: a failure is a bug caught by the tests
	}
	return alignComments(b.Bytes())
}

// alignComments lines up the comments that follow a tab into one column.
func alignComments(text []byte) []byte {
	const column = 32
	var out bytes.Buffer
	for _, line := range strings.SplitAfter(string(text), "\n") {
		value, comment, ok := strings.Cut(line, "\t# ")
		if !ok {
			out.WriteString(line)
			continue
		}
		out.WriteString(value)
		out.WriteString(strings.Repeat(" ", max(column-utf8.RuneCountInString(value), 1)))
		out.WriteString("# ")
		out.WriteString(comment)
	}
	return out.Bytes()
}

// WriteInit writes Template to dir/vet.yaml and returns its path. It never overwrites a file
// that is there.
func WriteInit(dir string) (string, error) {
	if dir == "" {
		dir = "."
	}
	path := filepath.Join(dir, Name)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("%s already exists: not overwritten", path)
	}
	if err != nil {
		return "", err
	}
	_, err = f.Write(Template())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return "", err
	}
	return path, nil
}
