package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
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
	Note       string   // why a table was skipped, or what a follower table gave
	Read       int      // data rows read (for a follower table: accounts read, not in Batch.Read)
	Rejected   int
	Duplicates int // rows of this input dropped as copies of a video seen elsewhere
}

// Summary is the one line `vet validate` prints for an input: how it was understood, what it
// gave, and where each field was found.
func (in Input) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", in.Name, in.Kind)
	for _, s := range []struct{ label, v string }{{"format", in.Format}, {"encoding", in.Encoding}, {"delimiter", in.Delimiter}, {"preset", in.Preset}} {
		if s.v != "" {
			fmt.Fprintf(&b, ", %s %s", s.label, s.v)
		}
	}
	if in.Kind == KindPosts {
		fmt.Fprintf(&b, "; %d rows read, %d rejected, %d duplicates", in.Read, in.Rejected, in.Duplicates)
	}
	if len(in.Columns) > 0 {
		fmt.Fprintf(&b, "; %s", strings.Join(in.Columns, ", "))
	}
	if in.Note != "" {
		fmt.Fprintf(&b, " (%s)", in.Note)
	}
	return b.String()
}

// Batch is everything read from the inputs of one run. Strict mode needs only Rejected.
type Batch struct {
	Inputs     []Input
	Posts      []Post     // the posts used: every good row, each video once
	Rejected   []RowError // every row that could not be used, in input order
	Duplicates int        // rows dropped because their video was already there
	Read       int        // data rows read in all; Read == len(Posts) + Duplicates + len(Rejected)
	// Followers are follower counts by folded handle that did not come with the posts: from
	// --accounts files, accounts sheets and TikTok Studio follower histories.
	Followers map[string]Count
	// Prices are the fee for one sponsored post by folded handle, from the accounts file's
	// price column (price, fee, rate, cost, prijs, tarief), in the batch's currency.
	Prices   map[string]float64
	Warnings []string // things the user should know that reject no row
	// Skipped are the files of input folders that could not be read at all, each with its
	// reason (also among Warnings).
	Skipped []Skipped

	names    map[string]string // interned file names and handles
	sizeHint int64             // the size of the file being read, to size Posts once
	later    int64             // the size of the files to be read after it into this batch
	readers  int               // workbooks being read at once (see xmlInMemory); 0 is one
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
		b.Posts = slices.Grow(b.Posts, n)
	}
}

// xmlInMemory is how large a workbook's sheet may be and still be inflated in memory rather
// than into a temp file: unzipXMLSizeLimit shared by the workbooks read at once. In memory is
// faster (a 250K-post sheet of 155 MB: 7.5 s against 9.8 s), but two of them at once took a
// 1M-post run in four workbooks to 854 MB; spooled, it peaked at 562 MB and read faster.
func (b *Batch) xmlInMemory() int64 { return unzipXMLSizeLimit / int64(max(1, b.readers)) }

// newPost makes room for one more post at the end of the batch and returns it, zero. The room
// beyond len(b.Posts) is kept zero (whatever gives posts back clears them), so the new post is
// taken as it lies instead of written with a zero Post: while the collector marks, writing a
// whole Post costs a barrier over its pointers, a sixth of CSV ingest at a million posts.
func (b *Batch) newPost() int {
	if len(b.Posts) == cap(b.Posts) {
		b.Posts = slices.Grow(b.Posts, 1)
	}
	b.Posts = b.Posts[:len(b.Posts)+1]
	return len(b.Posts) - 1
}

func (b *Batch) warn(s string) { b.Warnings = append(b.Warnings, s) }

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
	b.Warnings = warnings
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
			keys = postKeys(b.Posts)
		}
		if len(handles) > 0 && !slices.ContainsFunc(handles, func(h string) bool { return keys[h] }) {
			b.warn(fmt.Sprintf("%s: no handle in it matches an account of the posts read (it lists %d, such as %q); its followers and prices are not used",
				f.name, len(handles), clip(handles[0])))
		}
	}
	return b, nil
}

// postKeys is the set of the posts' accounts, folded.
func postKeys(posts []Post) map[string]bool {
	keys := map[string]bool{}
	last := ""
	for i := range posts {
		if k := posts[i].Key; k != last { // an export lists an account's posts together
			keys[k], last = true, k
		}
	}
	return keys
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// formatOf names the reader for a file by its extension; "" when vet does not read it.
func formatOf(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv", ".txt":
		return "csv"
	case ".xlsx", ".xlsm":
		return "xlsx"
	case ".xls":
		return "xls"
	case ".json":
		return "json"
	case ".jsonl", ".ndjson":
		return "jsonl"
	}
	return ""
}

// readFile opens one file and hands it to readStream.
func readFile(f file, opts *Options, b *Batch) error {
	format := formatOf(f.path)
	if format == "" {
		return fmt.Errorf("%s: vet reads .csv, .tsv, .txt, .xlsx, .json and .jsonl files", f.name)
	}
	fh, err := os.Open(f.path)
	if err != nil {
		return fmt.Errorf("%s: %w", f.name, unwrapPathError(err))
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil {
		b.sizeHint = st.Size()
		defer func() { b.sizeHint = 0 }()
	}
	return readStream(f.name, format, fh, fh, opts, b)
}

// Magic numbers that say what a file is whatever its name.
var (
	magicZip = []byte("PK\x03\x04")
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// readStream is the factory switch: the file's first bytes, then its extension, choose the
// reader. A workbook renamed .csv is still read as one; a binary .xls gets a clear error.
// onDisk is the file r reads, nil for standard input: a workbook's parts are checked there.
func readStream(name, format string, r io.Reader, onDisk *os.File, opts *Options, b *Batch) error {
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(512)
	switch {
	case bytes.HasPrefix(head, magicOLE):
		return oleError(name, br)
	case bytes.HasPrefix(head, magicZip):
		format = "xlsx"
	case len(head) == 0:
		return fmt.Errorf("%s: is empty", name)
	case format == "stdin":
		// Standard input is CSV, unless it plainly starts as JSON.
		format = "csv"
		if t := bytes.TrimLeft(head, " \t\r\n\ufeff"); len(t) > 0 && (t[0] == '[' || t[0] == '{') {
			format = "json"
		}
	}
	switch format {
	case "xlsx":
		return readXLSX(name, br, onDisk, opts, b)
	case "xls":
		// Not a binary workbook (checked above): web tools often save text or HTML as .xls.
		if t := bytes.TrimLeft(head, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '<' {
			return fmt.Errorf("%s: is a web page (HTML) saved as .xls; save it as .xlsx or .csv", name)
		}
		return readCSV(name, br, opts, b)
	case "json", "jsonl":
		return readJSON(name, format, br, opts, b)
	default:
		return readCSV(name, br, opts, b)
	}
}

// oleError explains a Compound File: either an old binary .xls or an encrypted .xlsx (Excel
// wraps password-protected workbooks in one, with an EncryptionInfo stream).
func oleError(name string, r io.Reader) error {
	buf, _ := io.ReadAll(io.LimitReader(r, 1<<20))
	if bytes.Contains(buf, utf16Name("EncryptionInfo")) {
		return fmt.Errorf("%s: is a password-protected workbook; remove the password in Excel (File > Info > Protect Workbook) and save it again", name)
	}
	return fmt.Errorf("%s: is a binary Excel 97-2003 (.xls) workbook; save it as .xlsx or .csv", name)
}

func utf16Name(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i], 0)
	}
	return out
}

// dedupe keeps one copy of each video: the one with the most views, since counts only grow
// between exports. A video is known by its id (the video_id column, else the number in its
// /video/ url), else its url, else (exports such as Apify's XLSX carry neither) its account and
// posting time to the second: no one posts two videos in the same second, while a date without
// a time never identifies a video. Numeric ids go through a table of integers (idTable): at a
// million posts a map of strings costs more than reading the file.
func (b *Batch) dedupe() {
	ids := newIDTable(len(b.Posts))
	var others map[videoKey]int32
	kept := 0 // b.Posts[:kept] are the posts kept so far; a post moves only once one was dropped
	for j := range b.Posts {
		p := &b.Posts[j]
		var (
			i    int32
			seen bool
		)
		if id, ok := numericID(p); ok {
			i, seen = ids.add(id, int32(kept))
		} else if key, ok := keyOf(p); ok {
			if others == nil {
				others = map[videoKey]int32{}
			}
			if i, seen = others[key]; !seen {
				others[key] = int32(kept)
			}
		}
		if !seen {
			if kept != j {
				b.Posts[kept] = *p
			}
			kept++
			continue
		}
		dropped := p.File
		if moreViews(p.Views, b.Posts[i].Views) {
			dropped = b.Posts[i].File
			b.Posts[i] = *p
		}
		b.Duplicates++
		b.countDuplicate(dropped)
	}
	clear(b.Posts[kept:])
	b.Posts = b.Posts[:kept]
}

// moreViews reports whether a copy with views a beats the copy kept with views k: a known
// count beats a Missing one, a larger beats a smaller, and on a tie the copy seen first stays.
func moreViews(a, k Count) bool {
	if !a.Known() {
		return false
	}
	return !k.Known() || a > k
}

func (b *Batch) countDuplicate(file string) {
	if b.inputOf == nil {
		b.inputOf = make(map[string]int, len(b.Inputs))
		for i := range b.Inputs {
			b.inputOf[b.Inputs[i].Name] = i
		}
	}
	if i, ok := b.inputOf[file]; ok {
		b.Inputs[i].Duplicates++
	}
}

// idTable maps video ids to post indexes. It is a plain open-addressing table in one array,
// half empty, so that an id costs one cache line: Go's map spent a third of CSV ingest's time
// on a million ids, setting up its control words and then reading a control word and a slot
// per probe.
type idTable struct {
	slots []idSlot
	shift uint // 64 - log2(len(slots)): the hash is the top bits of id × a 64-bit odd constant
}

type idSlot struct {
	id  uint64
	pos int32 // the post's index + 1; 0 marks an empty slot
}

func newIDTable(n int) *idTable {
	size := max(16, 1<<bits.Len(uint(2*n))) // at least 2n: a probe rarely goes past its slot
	return &idTable{slots: make([]idSlot, size), shift: uint(64 - bits.Len(uint(size-1)))}
}

// add returns the index stored for id and true, or stores pos for it and returns false.
func (t *idTable) add(id uint64, pos int32) (int32, bool) {
	mask := uint64(len(t.slots) - 1)
	for h := (id * 0x9e3779b97f4a7c15) >> t.shift; ; h = (h + 1) & mask {
		s := &t.slots[h]
		switch {
		case s.pos == 0:
			s.id, s.pos = id, pos+1
			return pos, false
		case s.id == id:
			return s.pos - 1, true
		}
	}
}

// numericID is a post's TikTok video id as a number, from its video_id or its url.
func numericID(p *Post) (uint64, bool) {
	id := p.VideoID
	if id == "" {
		i := strings.Index(p.URL, "/video/")
		if i < 0 {
			return 0, false
		}
		id = p.URL[i+len("/video/"):]
		if j := strings.IndexAny(id, "/?#"); j >= 0 {
			id = id[:j]
		}
	}
	if len(id) == 0 || len(id) > 19 {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, true
}

// videoKey identifies a video whose id is not a number.
type videoKey struct {
	kind byte // 'i' id, 'u' url, 't' account + time
	s    string
	t    int64
}

func keyOf(p *Post) (videoKey, bool) {
	switch {
	case p.VideoID != "":
		return videoKey{kind: 'i', s: p.VideoID}, true
	case p.URL != "":
		return videoKey{kind: 'u', s: p.URL}, true
	case p.Key != "" && !p.PostedAt.IsZero() && !p.PostedAt.Equal(p.PostedAt.Truncate(24*time.Hour)):
		return videoKey{kind: 't', s: p.Key, t: p.PostedAt.UnixNano()}, true
	}
	return videoKey{}, false
}
