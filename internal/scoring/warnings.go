package scoring

import (
	"fmt"

	"github.com/vet-tool/vet/internal/ingest"
)

// Warning is something about the whole batch, said once with its fix (SPEC §3 "The batch itself").
type Warning struct {
	Code string `json:"code"` // thin_batch, no_followers, no_saves_column …
	Text string `json:"text"` // what is wrong, in plain words
	Fix  string `json:"fix"`  // what to do about it
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
	// of says "1 of 10 accounts has", "6 of 10 accounts have".
	of := func(n int) string {
		have := "have"
		if n == 1 {
			have = "has"
		}
		return fmt.Sprintf("%s of %s %s", Commas(int64(n)), plural(len(as), "account"), have)
	}
	switch {
	case kind == Sample:
		ws = append(ws, Warning{Code: ThinBatch,
			Text: fmt.Sprintf("%s fewer than %d posts: this is a sample of posts (a hashtag, trend or search export), not each creator's recent posts, so it is a discovery list ranked by the engagement of the surfaced posts, and no account is rated",
				of(thin), cfg.MinPosts),
			Fix: "export the shortlisted profiles (profiles.txt lists their addresses) and run vet on that export; --profile-export rates this batch as it is"})
	case len(as) > 0 && float64(thin)*100/float64(len(as)) > cfg.ThinBatchPercent && cfg.ProfileExport:
		ws = append(ws, Warning{Code: ThinBatch,
			Text: fmt.Sprintf("%s fewer than %d posts, too few to rate, although --profile-export says each creator's recent posts are here",
				of(thin), cfg.MinPosts),
			Fix: "export more of each creator's recent posts (at least " + fmt.Sprint(cfg.MinPosts) + " each, " + fmt.Sprint(cfg.FirmPosts) + " for a firm verdict)"})
	case len(as) > 0 && float64(thin)*100/float64(len(as)) > cfg.ThinBatchPercent:
		ws = append(ws, Warning{Code: ThinBatch,
			Text: fmt.Sprintf("%s fewer than %d posts, too few to rate: this looks like a hashtag or trend export",
				of(thin), cfg.MinPosts),
			Fix: "export each creator's recent posts from their profile instead"})
	}
	if noFollowers > 0 {
		ws = append(ws, Warning{Code: NoFollowers,
			Text: fmt.Sprintf("%s no follower count, so cannot be rated", of(noFollowers)),
			Fix:  "pass their follower counts with --accounts FILE (columns handle and followers)"})
	}
	if cfg.IncludeSaves && !anySaves(posts) {
		ws = append(ws, Warning{Code: NoSavesColumn,
			Text: "--include-saves is on, but no post has a save count: no saves were counted",
			Fix:  `map the saves column with --map saves=HEADER (TikTok's export calls it "Add to Favorites")`})
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
