package ingest

import (
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/vet-tool/vet/internal/lang"
)

// Options are the user's say in how exports are read.
type Options struct {
	Preset   string             // --preset: a named layout (see PresetNames); "" detects it per table
	Map      map[Field]string   // --map FIELD=HEADER: explicit columns that beat every alias
	Aliases  map[Field][]string // extra aliases from vet.yaml, tried before the defaults
	Accounts []string           // --accounts: files of handle + followers, joined by handle
	// Progress, when set, is called with the rows read so far every progressEvery rows, for a
	// progress bar.
	Progress func(read int)
	// Presets are layouts of the user's own (vet.yaml's presets): by name, each field's headers.
	// They are tried before the built-in ones and may be chosen with --preset.
	Presets map[string]map[Field][]string
	Stdin   io.Reader // what "-" reads
	// Now anchors TikTok Studio's dates without a year when nothing in the export does (see
	// studio.go); zero means the clock.
	Now time.Time
	// Skip are paths never read (the report files this run writes: --out may be the input
	// folder). A folder's files beside a summary.json of vet's are skipped too.
	Skip []string
	// Strict fails the run when a file of an input folder cannot be read, naming every such
	// file; without it they are skipped (Batch.Skipped) and the others read.
	Strict bool
}

func (o *Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now().UTC()
	}
	return o.Now
}

// Input kinds: what a table was read as.
const (
	KindPosts     = "posts"     // rows of videos
	KindFollowers = "followers" // handle + followers (an accounts file or sheet, a follower history)
	KindSkipped   = "skipped"   // not a table vet reads (TikTok Studio's Overview, Viewers...)
)

// Input is one table read: a file, or a sheet of a workbook. It carries what `vet validate`
// prints: how the file was understood, and where each field was found.
type Input struct {
	Name       string   // file (and sheet) as the user sees it
	Format     string   // csv, xlsx, json, jsonl
	Kind       string   // KindPosts, KindFollowers or KindSkipped
	Preset     string   // the layout whose aliases found the columns (generic, apify, tiktok-studio)
	Encoding   string   // utf-8, utf-8 bom, utf-16le, utf-16be, windows-1252 (text formats)
	Delimiter  string   // ",", ";", "tab", "|" (CSV)
	Columns    []string // "field ← header" for each field found
	Note       lang.Msg // why a table was skipped, or what a follower table gave (ingest.note.*)
	Read       int      // data rows read (for a follower table: accounts read, not in Batch.Read)
	Rejected   int
	Duplicates int // rows of this input dropped as copies of a video seen elsewhere
}

// Batch is everything read from the inputs of one run. Strict mode needs only Rejected.
type Batch struct {
	Inputs     []Input
	Posts      []Post     // the posts used: every good row, each video once
	Texts      Texts      // the strings the posts keep (Post's Texts)
	Rejected   []RowError // every row that could not be used, in input order
	Duplicates int        // rows dropped because their video was already there
	Read       int        // data rows read in all; Read == len(Posts) + Duplicates + len(Rejected)
	// Followers are follower counts by folded handle that did not come with the posts: from
	// --accounts files, accounts sheets and TikTok Studio follower histories.
	Followers map[string]Count
	// Prices are the fee for one sponsored post by folded handle, from the accounts file's
	// price column (price, fee, rate, cost, prijs, tarief), in the batch's currency.
	Prices map[string]float64
	// Currencies are the currencies the accounts files name for their prices (a currency
	// column, or €, $, £ before an amount), each once, where it was first seen: one is the
	// batch's currency (Currency); several are a conflict, and Read warns of it.
	Currencies []CurrencySeen
	Warnings   []string // things the user should know that reject no row
	// Notices are what reading found that the report says too, in its language: handles that
	// look alike, follower counts that disagree, a file of two encodings (ingest.notice.*). Each
	// is among Warnings as well, in English, for the command to print.
	Notices []lang.Msg
	// NoCaption are the tables of posts without a caption column: their sponsored posts
	// (#ad, #samenwerking…) and hashtags cannot be found. NoCaptionWarning says it once.
	NoCaption []string
	// Skipped are the files of input folders that could not be read at all, each with its
	// reason (not repeated among Warnings: the command says each once, the report lists them).
	Skipped []Skipped
	// Sounds are the sounds the posts name, by Post.Sound (traits.go); Sounds[0] is none.
	Sounds []string

	followersAt map[string]string      // where each of Followers was read: "accounts.csv:3"
	forms       map[string]handleForms // how each account's handle was written (identity.go)
	conflicts   int                    // follower counts that disagree (conflicts.go)

	soundIDs map[string]int32  // index in Sounds by sound
	names    map[string]string // interned file names and handles
	inputOf  map[string]int    // input index by name, for counting duplicates
	progress func(read int)    // Options.Progress
}

// Used is the number of posts kept.
func (b *Batch) Used() int { return len(b.Posts) }

// Reconciles reports whether every row read is accounted for.
func (b *Batch) Reconciles() bool { return b.Read == len(b.Posts)+b.Duplicates+len(b.Rejected) }

// progressEvery is how many rows pass between calls of Options.Progress.
const progressEvery = 1 << 14

// addedPost counts the post just appended to b.Posts from input in.
func (b *Batch) addedPost(in int) {
	b.Read++
	if b.progress != nil && b.Read%progressEvery == 0 {
		b.progress(b.Read)
	}
	b.Inputs[in].Read++
}

func (b *Batch) rejectRow(in int, e *RowError) {
	b.Read++
	if b.progress != nil && b.Read%progressEvery == 0 {
		b.progress(b.Read)
	}
	b.Inputs[in].Read++
	b.Inputs[in].Rejected++
	b.Rejected = append(b.Rejected, *e)
}

// reserve makes room for about n more posts at once. Room within an eighth of n is room
// enough: the estimates come from samples, and growing a million Posts to make up a few
// percent would copy them all.
func (b *Batch) reserve(n int) {
	if n > 0 && cap(b.Posts)-len(b.Posts) < n-n/8 {
		b.Posts = growRoom(b.Posts, n)
	}
}

// Posts hold no pointer, so the runtime zeroes new room for them before handing it over (0.4 s
// for a million, most of it the kernel's first touch of each page). The collection that such an
// allocation starts at the beginning of a run, when the heap's goal is a few MB, ran beside
// the zeroing and doubled it: a million-post CSV's ingest took 1.94 s instead of 1.55 s (6 runs
// interleaved). growRoom pauses the collector while room of roomPaused bytes or more is made:
// 1.52 s. gcPaused keeps two readers from restoring each other's setting.
const roomPaused = 32 << 20

var gcPaused sync.Mutex

// growRoom is slices.Grow(posts, n), with the collector paused for large room.
func growRoom(posts []Post, n int) []Post {
	if n < roomPaused/int(unsafe.Sizeof(Post{})) {
		return slices.Grow(posts, n)
	}
	gcPaused.Lock()
	defer gcPaused.Unlock()
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	return slices.Grow(posts, n)
}

// xmlInMemory is how large a workbook's sheet may be and still be inflated in memory rather
// than into a temp file: unzipXMLSizeLimit shared by the workbooks read at once. In memory is
// faster (a 250K-post sheet of 155 MB: 7.5 s against 9.8 s), but two of them at once took a
// 1M-post run in four workbooks to 854 MB; spooled, it peaked at 562 MB and read faster.
func (rs *reading) xmlInMemory() int64 { return unzipXMLSizeLimit / int64(max(1, rs.readers)) }

// reading is the state of one reading of sources into a batch: what sizes the batch's room
// for posts and a workbook's memory. It is handed down beside the batch, not kept in it: a
// Batch is what was read, not how.
type reading struct {
	sizeHint int64 // the size of the file being read, to size Posts once
	later    int64 // the size of the files to be read after it into the same batch
	readers  int   // workbooks being read at once (see xmlInMemory); 0 is one
}

// newPost makes room for one more post at the end of the batch and returns its index; the
// post is zero. It is the one way a post is added in place, and truncatePosts the one way posts
// are given back from the end: together they keep the room beyond len(b.Posts) zero, so the
// new post is taken as it lies instead of written with a zero Post. Fresh room (slices.Grow,
// append) is zero already.
func (b *Batch) newPost() int {
	if len(b.Posts) == cap(b.Posts) {
		b.Posts = slices.Grow(b.Posts, 1)
	}
	b.Posts = b.Posts[:len(b.Posts)+1]
	return len(b.Posts) - 1
}

// truncatePosts gives back the posts from index n on, zeroing them for newPost.
func (b *Batch) truncatePosts(n int) {
	clear(b.Posts[n:])
	b.Posts = b.Posts[:n]
}

func (b *Batch) warn(s string) { b.Warnings = append(b.Warnings, s) }

// notice records what the report says of the reading (Notices), and warns of it in English.
func (b *Batch) notice(m lang.Msg) {
	b.Notices = append(b.Notices, m)
	b.warn(lang.InEnglish(m))
}

// maxRowNotices is how many unused rows of follower tables (accounts files, follower
// histories) Said names; one more notice counts the rest (the command prints them all).
const maxRowNotices = 10

// rowNotice says a row of a follower table that is not used: with its file, line, column and
// value, and its reason in the report's language (ingest.notice.row).
func (b *Batch) rowNotice(e *RowError) {
	b.notice(say("row", lang.Text("where", e.said(func(lang.Msg) string { return "" })), lang.Sub("reason", e.Reason)))
}

// say is a notice's message: ingest.notice.<key>.
func say(key string, args ...lang.Arg) lang.Msg { return lang.M("ingest.notice."+key, args...) }

// intern returns one shared copy of s: millions of posts name a few files.
func (b *Batch) intern(s string) string {
	if v, ok := b.names[s]; ok {
		return v
	}
	if b.names == nil {
		b.names = map[string]string{}
	}
	s = strings.Clone(s)
	b.names[s] = s
	return s
}

// setFollowers records an account's follower count from a follower table.
func (b *Batch) setFollowers(key string, n Count) {
	if b.Followers == nil {
		b.Followers = map[string]Count{}
	}
	b.Followers[key] = n
}

// Read reads every input (files, directories, "-" for standard input) into one batch, then the
// --accounts files. A file that cannot be read at all is an error; a bad row only becomes a
// RowError in the batch.
func Read(paths []string, opts Options) (*Batch, error) {
	if opts.Preset != "" {
		if !slices.Contains(opts.presetNames(), opts.Preset) {
			return nil, fmt.Errorf("unknown preset %q (known: %s)", opts.Preset, strings.Join(opts.presetNames(), ", "))
		}
	}
	b := &Batch{progress: opts.Progress}
	srcs, warnings := sources(paths, &opts)
	for _, m := range warnings {
		b.notice(m)
	}
	if err := readSources(srcs, &opts, b); err != nil {
		return nil, err
	}
	b.dedupe()
	var keys map[string]bool // the accounts of the posts, to say when an accounts file matches none
	for _, a := range opts.Accounts {
		f := file{a, shownAs(a)(a)}
		handles, err := readAccounts(f, &opts, b)
		if err != nil {
			return nil, err
		}
		if keys == nil {
			keys = b.postKeys()
		}
		if len(handles) > 0 && !slices.ContainsFunc(handles, func(h string) bool { return keys[h] }) {
			b.notice(say("accounts_no_match", lang.Text("file", f.name), lang.Count("n", int64(len(handles))), lang.Text("handle", strconv.Quote(clip(handles[0])))))
		}
	}
	b.sayFollowerConflicts()
	b.sayLookalikes()
	if len(b.Currencies) > 1 {
		var seen []string
		for _, c := range b.Currencies {
			seen = append(seen, fmt.Sprintf("%s at %s:%d", c.Code, c.File, c.Line))
		}
		b.notice(say("currencies", lang.Count("n", int64(len(b.Currencies))), lang.Text("seen", strings.Join(seen, ", "))))
	}
	return b, nil
}

// CurrencySeen is a currency an accounts file names, and where it first does.
type CurrencySeen struct {
	Code string // ISO 4217: EUR, USD, GBP
	File string
	Line int
}

// Currency is the one currency the accounts files name for their prices; "" when they name
// none, or more than one.
func (b *Batch) Currency() string {
	if len(b.Currencies) != 1 {
		return ""
	}
	return b.Currencies[0].Code
}

// sawCurrency notes a currency named at file:line, once per code.
func (b *Batch) sawCurrency(c CurrencySeen) {
	if c.Code != "" && !slices.ContainsFunc(b.Currencies, func(x CurrencySeen) bool { return x.Code == c.Code }) {
		b.Currencies = append(b.Currencies, c)
	}
}

// postKeys is the set of the posts' accounts, folded.
func (b *Batch) postKeys() map[string]bool {
	keys := map[string]bool{}
	var last Text
	for i := range b.Posts {
		if k := b.Posts[i].Key; k != last { // an export lists an account's posts together
			keys[b.text(k)], last = true, k
		}
	}
	return keys
}

// NoCaptionWarning says which tables have no caption column and what is then missing; "" when
// every table has one.
func (b *Batch) NoCaptionWarning() string {
	if len(b.NoCaption) == 0 {
		return ""
	}
	return lang.InEnglish(b.NoCaptionNotice())
}

// NoCaptionNotice is NoCaptionWarning as the report says it, in its language
// (ingest.notice.no_caption); a zero Msg when every table has a caption column.
func (b *Batch) NoCaptionNotice() lang.Msg {
	if len(b.NoCaption) == 0 {
		return lang.Msg{}
	}
	names := b.NoCaption
	var more lang.Msg
	if len(names) > 3 {
		names, more = names[:3], lang.M("ingest.notice.no_caption_more", lang.Count("n", int64(len(b.NoCaption)-3)))
	}
	return say("no_caption", lang.Text("tables", strings.Join(names, ", ")), lang.Sub("more", more),
		lang.Text("tried", strings.Join(defaultAliases[FieldCaption], ", ")))
}

// Said is every notice of the batch the report shows, in its language: Notices (of the unused
// rows of follower tables, the first maxRowNotices and how many more), then the tables without
// a caption column.
func (b *Batch) Said() []lang.Msg {
	out := make([]lang.Msg, 0, len(b.Notices)+2)
	rows := 0
	for _, m := range b.Notices {
		if m.Key == "ingest.notice.row" {
			if rows++; rows > maxRowNotices {
				continue
			}
		}
		out = append(out, m)
	}
	if rows > maxRowNotices {
		out = append(out, lang.MN("ingest.notice.rows_more", int64(rows-maxRowNotices)))
	}
	if m := b.NoCaptionNotice(); !m.IsZero() {
		out = append(out, m)
	}
	return out
}
