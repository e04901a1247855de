package scoring

import (
	"slices"
	"strings"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
)

// Trait is something a post is or has that the seed names among what drives engagement on
// TikTok: its sound, a question, hashtags, a duet or stitch, its length, its day, its week's
// rhythm (issue 21). Insights compare the posts with a trait against those without; they
// never say the trait caused the difference.
type Trait uint8

// The traits, in the order the report lists them.
const (
	OriginalSound Trait = iota // the export marks the sound as the creator's own
	TrendingSound              // the sound is used by TrendingSoundCreators creators of the batch, or by TrendingSoundUses videos as the export counts them
	Question                   // the caption asks something: it holds a question mark
	ManyHashtags               // the caption has at least ManyHashtags different hashtags
	TrendHashtag               // the caption has a hashtag used by TrendHashtagCreators creators of the batch
	DuetOrStitch               // the export marks a duet or stitch, or the caption says so (#duet, "stitch with")
	LongVideo                  // the video lasts LongVideoSeconds or longer
	Weekend                    // posted on a Saturday or Sunday, UTC
	SteadyWeek                 // posted in a week in which the creator posted CadenceMin–CadenceMax times
	numTraits
)

var traitCodes = [numTraits]string{
	"original_sound", "trending_sound", "question", "many_hashtags", "trend_hashtag",
	"duet_or_stitch", "long_video", "weekend", "steady_week",
}

// String is the trait's code, as summary.json, posts.csv and the catalogs (trait.<code>) write it.
func (t Trait) String() string { return traitCodes[t] }

// Traits lists every trait in order.
func Traits() []Trait {
	ts := make([]Trait, numTraits)
	for i := range ts {
		ts[i] = Trait(i)
	}
	return ts
}

// PostTraits says, for each trait, whether vet can tell it of a post and whether the post has
// it: a trait the export gives no way to tell (no sound column, no caption column, no date) is
// unknown, which posts.csv writes blank.
type PostTraits struct{ known, has uint16 }

// Has says whether the post has trait t, and whether that can be told at all.
func (p PostTraits) Has(t Trait) (has, known bool) {
	return p.has&(1<<t) != 0, p.known&(1<<t) != 0
}

func (p *PostTraits) set(t Trait, has bool) {
	p.known |= 1 << t
	if has {
		p.has |= 1 << t
	} else {
		p.has &^= 1 << t
	}
}

// duetTags mark a caption as a duet or a stitch: TikTok writes "#duet with @someone" and
// "#stitch with @someone" into it, and creators tag them; saysDuet finds the words without
// the '#'.
var duetTags = []string{"#duet", "#stitch"}

// asks says whether a caption holds a question mark: '?', or the full-width '？' and the
// Arabic '؟'. Three byte scans, not strings.ContainsAny, whose non-ASCII path was a third of
// the traits' time at a million posts.
func asks(s string) bool {
	return strings.IndexByte(s, '?') >= 0 || strings.Contains(s, "？") || strings.Contains(s, "؟")
}

// saysDuet finds "duet with" or "stitch with" in any case, from each "with" (found a byte
// scan at a time) back.
func saysDuet(s string) bool {
	for _, w := range [2]byte{'w', 'W'} {
		for i := 0; ; {
			j := strings.IndexByte(s[i:], w)
			if j < 0 {
				break
			}
			i += j
			if i+4 <= len(s) && strings.EqualFold(s[i:i+4], "with") &&
				(i >= 5 && strings.EqualFold(s[i-5:i], "duet ") || i >= 7 && strings.EqualFold(s[i-7:i], "stitch ")) {
				return true
			}
			i++
		}
	}
	return false
}

// batchTraits tells every trait but SteadyWeek of every post: two passes over the batch, the
// first counting the creators of each sound and hashtag, the second deciding what is trending.
// posts are grouped by account (Score sorts them); noCaption names the inputs that have no
// caption column, whose posts' caption traits are unknown.
//
// Both passes run on every core, each over a run of whole accounts. A creator's posts are all
// in one run, so the batch's count of creators using a sound or tag is the sum of the runs'.
func batchTraits(posts []ingest.Post, ts *ingest.Texts, noCaption []string, cfg *Config) []PostTraits {
	out := make([]PostTraits, len(posts))
	spans := accountSpans(posts, ts)
	parts := partsOf(len(spans), minAccountsPerPart)
	runs := make([]traitRun, parts)
	inParts(parts, len(spans), func(k, lo, hi int) {
		if lo < hi {
			runs[k] = countTraits(posts, ts, out, spans[lo].from, spans[hi-1].to, noCaption, cfg)
		}
	})
	var sounds []int32 // the batch's creators of each sound, by ingest's sound id
	tags := map[string]int32{}
	for _, r := range runs {
		for id, c := range r.use.sounds {
			for id >= len(sounds) {
				sounds = append(sounds, 0)
			}
			sounds[id] += c.creators
		}
		for tag, id := range r.use.tagIDs {
			tags[tag] += r.use.tags[id].creators
		}
	}
	inParts(parts, len(spans), func(k, lo, hi int) {
		if lo < hi {
			runs[k].trending(posts, out, sounds, tags, cfg)
		}
	})
	return out
}

// traitRun is the first pass over a run of accounts, posts[from:to]: what each post's hashtags
// are, as ids into use.tags (post i's from ends[i-from-1] to ends[i-from]).
type traitRun struct {
	from, to int
	use      *use
	tags     []int32
	ends     []int32
}

// countTraits tells the traits of posts[from:to] that need no other creator, into out, and
// counts the creators of each sound and hashtag among them.
func countTraits(posts []ingest.Post, ts *ingest.Texts, out []PostTraits, from, to int, noCaption []string, cfg *Config) traitRun {
	r := traitRun{from: from, to: to, use: newUse(), tags: make([]int32, 0, to-from), ends: make([]int32, to-from)}
	u := r.use
	account := int32(-1)
	for i := from; i < to; i++ {
		p := &posts[i]
		if i == from || !sameKey(ts, p, &posts[i-1]) {
			account++
		}
		t := &out[i]
		if p.OriginalSound != ingest.Unsaid {
			t.set(OriginalSound, p.OriginalSound == ingest.Yes)
		}
		if p.Sound > 0 {
			u.sound(p.Sound, account)
		}
		if d, ok := p.Duration(); ok {
			t.set(LongVideo, d >= cfg.LongVideoSeconds)
		}
		if !p.PostedAt.IsZero() {
			d := p.PostedAt.Time().Weekday()
			t.set(Weekend, d == time.Saturday || d == time.Sunday)
		}
		duet := p.DuetOrStitch == ingest.Yes
		captioned := len(noCaption) == 0 || !slices.Contains(noCaption, ts.Of(p.File))
		if captioned {
			caption := ts.Of(p.Caption)
			t.set(Question, asks(caption))
			start := len(r.tags)
			eachHashtag(caption, func(tag string) {
				id := u.tag(tag, account)
				for _, seen := range r.tags[start:] {
					if seen == id {
						return
					}
				}
				r.tags = append(r.tags, id)
				duet = duet || hasFold(duetTags, tag)
			})
			t.set(ManyHashtags, len(r.tags)-start >= cfg.ManyHashtags)
			duet = duet || saysDuet(caption)
		}
		r.ends[i-from] = int32(len(r.tags))
		if captioned || p.DuetOrStitch != ingest.Unsaid {
			t.set(DuetOrStitch, duet)
		}
	}
	return r
}

// trending is the second pass over the run: whether each post's sound and hashtags are
// trending, from the batch's counts of their creators.
func (r *traitRun) trending(posts []ingest.Post, out []PostTraits, sounds []int32, tags map[string]int32, cfg *Config) {
	creators := make([]int32, len(r.use.tags)) // the batch's creators of each of the run's tags
	for tag, id := range r.use.tagIDs {
		creators[id] = tags[tag]
	}
	for i := r.from; i < r.to; i++ {
		p, t := &posts[i], &out[i]
		if p.Sound > 0 || p.SoundUses > 0 {
			t.set(TrendingSound, int64(p.SoundUses) >= cfg.TrendingSoundUses ||
				p.Sound > 0 && sounds[p.Sound] >= int32(cfg.TrendingSoundCreators))
		}
		if _, known := t.Has(Question); known {
			start := int32(0)
			if i > r.from {
				start = r.ends[i-r.from-1]
			}
			trend := false
			for _, id := range r.tags[start:r.ends[i-r.from]] {
				trend = trend || creators[id] >= int32(cfg.TrendHashtagCreators)
			}
			t.set(TrendHashtag, trend)
		}
	}
}

// use counts the creators of each sound and hashtag of a batch whose posts are grouped by
// account: a creator is counted once, on the first of its posts that uses it.
type use struct {
	sounds []creators // by ingest's sound id
	tagIDs map[string]int32
	tags   []creators
}

type creators struct{ creators, last int32 }

func newUse() *use { return &use{tagIDs: map[string]int32{}} }

func (u *use) sound(id int32, account int32) {
	for int(id) >= len(u.sounds) {
		u.sounds = append(u.sounds, creators{last: -1})
	}
	c := &u.sounds[id]
	if c.last != account {
		c.creators, c.last = c.creators+1, account
	}
}

// tag counts a hashtag, in any case (#FYP is #fyp), and returns its id.
func (u *use) tag(tag string, account int32) int32 {
	tag = strings.ToLower(tag) // no copy when it is lower case already
	id, ok := u.tagIDs[tag]
	if !ok {
		id = int32(len(u.tags))
		u.tagIDs[strings.Clone(tag)] = id
		u.tags = append(u.tags, creators{last: -1})
	}
	if c := &u.tags[id]; c.last != account {
		c.creators, c.last = c.creators+1, account
	}
	return id
}

func hasFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
