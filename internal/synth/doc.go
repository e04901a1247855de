// Package synth writes realistic batches of creators' posts for benchmarks and tests: N accounts
// × M posts, as CSV and XLSX, the same bytes for the same seed.
//
// Most accounts are honest, spread over every follower tier; the rest carry one planted pattern
// each (ghost followers, bought likes, a viral post, an implausibly high ER, a dormant account,
// fewer than 1,000 followers), so a scoring change that stops seeing one shows up. Accounts says
// which account carries which pattern. Config.Edge adds the edges of a rating: a small account
// with bought likes, pinned old virals (the is_pinned column), a three-post outlier, and
// sponsored posts (#ad, is_ad) that flop or hold up; the benchmark batches leave it off.
// Config.Reach adds two accounts far above their tier for another reason than their audience: a
// follower count a tenth to a fifteenth of the audience the posts reach, and a 1K–5K creator
// with one viral post among five (StaleFollowers, SmallViral). The values look like a real export's: handles, 19-digit
// video ids, TikTok URLs, captions with emoji, commas, quotes and the odd newline.
//
// weeks.go writes week N of the same batch, as an agency's weekly reruns see it: the same
// videos with their counts grown, new posts, one declining account and one follower jump in
// week 2 every 20 accounts (Declining, Jumping), for the history's tests.
package synth
