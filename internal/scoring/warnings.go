package scoring

import (
	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
)

// Warning is something about the whole batch, said once with its fix (SPEC §3 "The batch itself").
type Warning struct {
	Code string   `json:"code"` // thin_batch, no_followers, no_saves_column …
	Text lang.Msg `json:"-"`    // what is wrong, in plain words
	Fix  lang.Msg `json:"-"`    // what to do about it
}

// The batch warnings' codes.
const (
	ThinBatch     = "thin_batch"      // most accounts have too few posts to rate
	NoFollowers   = "no_followers"    // some accounts have no follower count
	NoSavesColumn = "no_saves_column" // --include-saves, and no post has a save count
)

// batchWarnings says what is wrong with the batch as a whole, each with its fix: most accounts
// with fewer posts than a rating needs (a hashtag or trend export), accounts without a
// follower count, and --include-saves with no save count anywhere.
func batchWarnings(as []Account, posts []ingest.Post, cfg *Config, kind Kind) []Warning {
	var ws []Warning
	thin, noFollowers := 0, 0
	for i := range as {
		if as[i].comparedPosts(cfg) < cfg.MinPosts {
			thin++
		}
		if !as[i].Followers.Known() {
			noFollowers++
		}
	}
	// of is "1 of 10 accounts has", "6 of 10 accounts have".
	of := func(n int) lang.Arg {
		return lang.Sub("of", lang.MN("say.warn.of", int64(n), lang.Plural("all", "account", int64(len(as)))))
	}
	least, firm := lang.Count("least", int64(cfg.MinPosts)), lang.Count("firm", int64(cfg.FirmPosts))
	switch {
	case kind == Sample:
		ws = append(ws, Warning{Code: ThinBatch, Text: lang.M("say.warn.sample", of(thin), least), Fix: lang.M("say.warn.sample_fix")})
	case len(as) > 0 && float64(thin)*100/float64(len(as)) > cfg.ThinBatchPercent && cfg.ProfileExport:
		ws = append(ws, Warning{Code: ThinBatch, Text: lang.M("say.warn.thin_profiles", of(thin), least), Fix: lang.M("say.warn.thin_profiles_fix", least, firm)})
	case len(as) > 0 && float64(thin)*100/float64(len(as)) > cfg.ThinBatchPercent:
		ws = append(ws, Warning{Code: ThinBatch, Text: lang.M("say.warn.thin", of(thin), least), Fix: lang.M("say.warn.thin_fix")})
	}
	if noFollowers > 0 {
		ws = append(ws, Warning{Code: NoFollowers, Text: lang.M("say.warn.no_followers", of(noFollowers)), Fix: lang.M("say.warn.no_followers_fix")})
	}
	if cfg.IncludeSaves && !anySaves(posts) {
		ws = append(ws, Warning{Code: NoSavesColumn, Text: lang.M("say.warn.no_saves"), Fix: lang.M("say.warn.no_saves_fix")})
	}
	return ws
}

func anySaves(posts []ingest.Post) bool {
	for i := range posts {
		if posts[i].Saves.Known() {
			return true
		}
	}
	return false
}
