package main

import (
	"fmt"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// checkDates holds the date flags (--since, --days, --as-of) against the batch's dates before
// it is scored, so that the flag at fault is named instead of what its outcome looks like: a
// --since after every post leaves every account without posts, which scoring alone would take
// for a hashtag export. A window that leaves no post is a usage error; an --as-of before the
// posts, or long after them, is a warning. A batch without dates is left to scoring's notes.
//
// The usage errors name the flag at fault and stay in English, as every usage error does; the
// warnings are said in the run's language (cli.as_of.*).
func checkDates(posts []ingest.Post, cfg *scoring.Config) (warnings []lang.Msg, err error) {
	oldest, newest, after := datesOf(posts, cfg.AsOf)
	if newest.IsZero() {
		return nil, nil
	}
	asOf := cfg.AsOf
	if asOf.IsZero() {
		asOf = newest
	}
	switch from := scoring.Cutoff(cfg, asOf); {
	case from.IsZero() || !newest.Before(from):
	case cfg.Days > 0 && from.After(cfg.Since):
		return nil, &usageError{msg: fmt.Sprintf("--days %d: every post is dated before %s, %s up to %s (the newest post is from %s): no post is left to score; give more days or an earlier --as-of",
			cfg.Days, english.Date(from), english.Plural(int64(cfg.Days), "day"), english.Date(asOf), english.Date(newest))}
	default:
		return nil, &usageError{msg: fmt.Sprintf("--since %s: every post is dated before it (the newest is from %s): no post is left to score; give an earlier date",
			cfg.Since.Format(time.DateOnly), english.Date(newest))}
	}
	if cfg.AsOf.IsZero() {
		return nil, nil
	}
	day := cfg.AsOf.Format(time.DateOnly)
	switch {
	case cfg.AsOf.Before(oldest):
		warnings = append(warnings, lang.M("cli.as_of.before_all", lang.Text("day", day), lang.Date("oldest", oldest), lang.Date("newest", newest)))
	case after > 0:
		warnings = append(warnings, lang.M("cli.as_of.before_some", lang.Text("day", day), lang.Plural("posts", "post", int64(after)), lang.Date("newest", newest)))
	case cfg.InactiveDays > 0 && cfg.AsOf.After(newest.AddDate(0, 0, cfg.InactiveDays)):
		warnings = append(warnings, lang.M("cli.as_of.long_after", lang.Text("day", day), lang.Plural("days", "day", int64(cfg.InactiveDays)), lang.Date("newest", newest)))
	}
	return warnings, nil
}

// datesOf is the oldest and newest dates of the batch's dated posts (zero when none is), and
// how many are dated after asOf.
func datesOf(posts []ingest.Post, asOf time.Time) (oldest, newest time.Time, after int) {
	for i := range posts {
		if posts[i].PostedAt.IsZero() {
			continue
		}
		t := posts[i].PostedAt.Time()
		if oldest.IsZero() || t.Before(oldest) {
			oldest = t
		}
		if t.After(newest) {
			newest = t
		}
		if !asOf.IsZero() && t.After(asOf) {
			after++
		}
	}
	return oldest, newest, after
}
