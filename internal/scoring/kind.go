package scoring

import "github.com/vet-tool/vet/internal/ingest"

// Kind is what a batch is: each creator's recent posts (a profile export), or a sample of
// posts surfaced by a hashtag, trend or search (a discovery list). A follower ER needs the
// former: on a sample, today's follower count is set against a creator's few posts that
// happened to surface, up to years apart, and the rate says nothing about the creator.
type Kind string

// The kinds of batch.
const (
	Profiles Kind = "profiles" // each account's recent posts: accounts are rated
	Sample   Kind = "sample"   // posts surfaced by a hashtag, trend or search: a discovery list
)

// batchKind says what the batch is, from the evidence the export carries: a batch of at least
// SampleMinAccounts accounts where more than ThinBatchPercent of them have fewer posts than a
// rating needs is a sample (no profile export leaves most creators with one or two posts).
// --profile-export overrides it.
func batchKind(as []Account, cfg *Config) Kind {
	if cfg.ProfileExport || len(as) < cfg.SampleMinAccounts {
		return Profiles
	}
	thin := 0
	for i := range as {
		if len(as[i].Posts)-as[i].PinnedOut < cfg.MinPosts {
			thin++
		}
	}
	if float64(thin)*100 > cfg.ThinBatchPercent*float64(len(as)) {
		return Sample
	}
	return Profiles
}

// isSample says whether an account is judged on a sample: every account of a sample batch,
// and in a profile export an account whose posts are a scattered handful (scattered).
func isSample(a *Account, kind Kind, cfg *Config) bool {
	if cfg.ProfileExport {
		return false
	}
	return kind == Sample || scattered(a.Posts[:len(a.Posts)-a.PinnedOut], cfg)
}

// scattered says whether posts are a scattered handful: fewer than FirmPosts of them, at least
// two dated, on average more than SampleGapDays days apart. A creator who posts that rarely
// has no recent posts to rate either.
func scattered(posts []ingest.Post, cfg *Config) bool {
	if len(posts) >= cfg.FirmPosts || len(posts) < 2 {
		return false
	}
	newest, oldest := posts[0].PostedAt, posts[len(posts)-1].PostedAt // newest first
	if newest.IsZero() || oldest.IsZero() {
		return false
	}
	gap := newest.Time().Sub(oldest.Time()).Hours() / 24 / float64(len(posts)-1)
	return gap > cfg.SampleGapDays
}
