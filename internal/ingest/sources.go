package ingest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/vet-tool/vet/internal/lang"
)

// file is a file on disk and the name it is shown by. Names are never absolute (SPEC §4: no
// local paths in a report): a file under an absolute argument is named by the argument's base
// name joined with its path inside it.
type file struct{ path, name string }

// Skipped is a file of an input folder that could not be read at all (garbage, empty, a
// binary .xls, a broken workbook): named with its reason, and the batch goes on without it.
type Skipped struct {
	Name string // as shown (see file)
	// Reason is why it could not be read (ingest.file.*): the report says it in its language,
	// the command and SkippedError in English.
	Reason lang.Msg
}

// SkippedError is the error of a strict run (Options.Strict) in which files of a folder could
// not be read: one line naming them all.
type SkippedError struct{ Files []Skipped }

func (e *SkippedError) Error() string { return e.Said(lang.New(lang.English, "")) }

// Said is the error in p's language (ingest.file.cannot_read).
func (e *SkippedError) Said(p *lang.Printer) string {
	if len(e.Files) == 1 {
		return e.Files[0].Name + ": " + p.Say(e.Files[0].Reason)
	}
	parts := make([]string, len(e.Files))
	for i, f := range e.Files {
		parts[i] = f.Name + ": " + p.Say(f.Reason)
	}
	return p.Say(lang.MN("ingest.file.cannot_read", int64(len(e.Files)), lang.Text("files", strings.Join(parts, "; "))))
}

// shownAs returns how the files under the argument arg are named: as given when arg is
// relative or a device (/dev/fd/63, the pipe of a process substitution), else from arg's base
// name (/home/u/exports/a.csv → exports/a.csv, /tmp/x.csv → x.csv).
func shownAs(arg string) func(path string) string { return shownFrom(arg, 1) }

// shownFrom is shownAs keeping the last depth parts of an absolute arg: /x/a/posts.csv at
// depth 2 is a/posts.csv, told apart from /x/b/posts.csv (see shownDepths).
func shownFrom(arg string, depth int) func(path string) string {
	if !filepath.IsAbs(arg) || isDevice(arg) {
		return func(path string) string { return path }
	}
	root := filepath.Clean(arg)
	base := lastParts(root, depth)
	return func(path string) string {
		rel, err := filepath.Rel(root, path)
		if err != nil || rel == "." {
			return base
		}
		return filepath.Join(base, rel)
	}
}

// isDevice reports whether an absolute path is a device's, not a file of someone's disk: no
// local path is given away by naming it whole.
func isDevice(path string) bool {
	return strings.HasPrefix(path, "/dev/") || strings.HasPrefix(path, "/proc/")
}

// lastParts is the last depth parts of a clean absolute path ("" for the root).
func lastParts(root string, depth int) string {
	root = strings.TrimPrefix(root, filepath.VolumeName(root))
	parts := strings.Split(strings.Trim(filepath.ToSlash(root), "/"), "/")
	if len(parts) == 1 && parts[0] == "" {
		return ""
	}
	return filepath.Join(parts[max(0, len(parts)-depth):]...)
}

// shownDepths is how many parts of each absolute argument its name keeps: one (the base name),
// or as many more as it takes to tell it from another argument of the same name, so that
// /x/a/posts.csv and /x/b/posts.csv are a/posts.csv and b/posts.csv, not posts.csv twice.
func shownDepths(paths []string) []int {
	depths := make([]int, len(paths))
	clean := make([]string, len(paths))
	for i, p := range paths {
		depths[i], clean[i] = 1, filepath.Clean(p)
	}
	for i, p := range paths {
		if p == "-" || !filepath.IsAbs(p) || isDevice(p) {
			continue
		}
		for depths[i] < 64 && clashes(paths, clean, i, depths[i]) {
			depths[i]++
		}
	}
	return depths
}

// clashes reports whether argument i, named by its last depth parts, has the name of another
// argument, and a longer name would tell them apart.
func clashes(paths, clean []string, i, depth int) bool {
	name := lastParts(clean[i], depth)
	if lastParts(clean[i], depth+1) == name { // the whole path already
		return false
	}
	for j, q := range paths {
		if clean[j] == clean[i] || q == "-" {
			continue
		}
		other := clean[j]
		if filepath.IsAbs(q) && !isDevice(q) {
			other = lastParts(clean[j], depth)
		}
		if other == name {
			return true
		}
	}
	return false
}

// reportFiles are the files vet writes into --out; a folder holding them beside a summary.json
// of vet's is (also) a report folder, and they are not inputs. A copy of report.Files() on
// purpose: ingest comes before report and cannot import it (a cmd/vet test holds the two equal).
var reportFiles = []string{"vetting.xlsx", "vetting.html", "summary.json", "accounts.csv", "signals.csv", "posts.csv", "profiles.txt", "vetting.pdf"}

// writtenByVet reports whether dir/summary.json is one vet wrote: its top-level "tool" says
// "vet …" (internal/report's Summary). Only the start of the file is read.
func writtenByVet(dir string) bool {
	f, err := os.Open(filepath.Join(dir, "summary.json"))
	if err != nil {
		return false
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(io.LimitReader(f, 64<<10)))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return false
		}
		var v any
		if err := dec.Decode(&v); err != nil {
			return false
		}
		if key == "tool" {
			s, ok := v.(string)
			return ok && (s == "vet" || strings.HasPrefix(s, "vet "))
		}
	}
	return false
}

// source is one input to read on its own: a file, "-", or a TikTok Studio folder. A path
// that cannot be opened is a source that returns its error, so errors keep the inputs' order.
type source struct {
	name     string // as shown, for Batch.Skipped
	size     int64  // bytes on disk, 0 when unknown
	slow     bool   // a workbook or JSON: parsing, not memory, bounds its reading
	inFolder bool   // found in a folder: when it cannot be read it is skipped, not the run's end
	read     func(b *Batch, rs *reading) error
}

// fileSource reads one file.
func fileSource(f file, size int64, inFolder bool, opts *Options) source {
	format := formatOf(f.path)
	return source{name: f.name, size: size, slow: format == "xlsx" || format == "json" || format == "jsonl", inFolder: inFolder,
		read: func(b *Batch, rs *reading) error { return readFile(f, opts, b, rs) }}
}

// sources lists what paths name, in order: a file, "-", a TikTok Studio export folder as one
// account, any other folder as its readable files, sorted. Files in Options.Skip, vet's own
// report files and subfolders are left out, each with a warning.
func sources(paths []string, opts *Options) ([]source, []lang.Msg) {
	var out []source
	var warnings []lang.Msg
	fail := func(err error) { out = append(out, source{read: func(*Batch, *reading) error { return err }}) }
	skip := map[string]bool{}
	for _, p := range opts.Skip {
		if a, err := filepath.Abs(p); err == nil {
			skip[a] = true
		}
	}
	skipped := func(p string) bool {
		a, err := filepath.Abs(p)
		return err == nil && skip[a]
	}
	depths := shownDepths(paths)
	for i, p := range paths {
		if p == "-" {
			out = append(out, source{name: "-", read: func(b *Batch, rs *reading) error {
				if opts.Stdin == nil {
					return fmt.Errorf("-: no standard input")
				}
				return readStream("-", "stdin", opts.Stdin, nil, opts, b, rs)
			}})
			continue
		}
		shown := shownFrom(p, depths[i])
		st, err := os.Stat(p)
		if err != nil {
			fail(fmt.Errorf("%s: %w", shown(p), unwrapPathError(err)))
			continue
		}
		if !st.IsDir() {
			if skipped(p) {
				warnings = append(warnings, say("skipped_own_file", lang.Text("file", shown(p))))
				continue
			}
			out = append(out, fileSource(file{p, shown(p)}, st.Size(), false, opts))
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			fail(fmt.Errorf("%s: %w", shown(p), unwrapPathError(err)))
			continue
		}
		ownReport := writtenByVet(p)
		var found []file
		var ownSkipped []string
		size := map[string]int64{}
		for _, e := range entries {
			n := e.Name()
			path := filepath.Join(p, n)
			switch {
			case strings.HasPrefix(n, ".") || strings.HasPrefix(n, "~$"):
				// hidden files and Excel's lock files
			case e.IsDir():
				warnings = append(warnings, say("skipped_folder", lang.Text("dir", shown(path))))
			case formatOf(n) == "":
				// not an export: notes, images, the report's page
			case skipped(path) || ownReport && slices.Contains(reportFiles, n):
				ownSkipped = append(ownSkipped, n)
			default:
				found = append(found, file{path, shown(path)})
				if info, err := e.Info(); err == nil {
					size[path] = info.Size()
				}
			}
		}
		if len(ownSkipped) > 0 {
			warnings = append(warnings, say("skipped_report", lang.Text("dir", shown(p)), lang.Text("files", strings.Join(ownSkipped, ", "))))
		}
		sort.Slice(found, func(i, j int) bool { return found[i].path < found[j].path })
		switch {
		case len(found) == 0:
			fail(fmt.Errorf("%s: no .csv, .tsv, .txt, .xlsx, .json or .jsonl files in this folder", shown(p)))
		case isStudioDir(found):
			out = append(out, source{name: shown(p), read: func(b *Batch, rs *reading) error { return readStudioDir(shown(p), found, opts, b, rs) }})
		default:
			for _, f := range found {
				out = append(out, fileSource(f, size[f.path], true, opts))
			}
		}
	}
	return out, warnings
}

// readSources reads the sources into b, in turn or several at once; the batch is the same
// either way. When the sources hold two or more workbooks or JSON files (slow to parse, not to
// store) and there is more than one core, every source, CSV files included, goes through
// readAtOnce. Otherwise all are read in turn into b, sized once for all of them: reading a CSV
// is mostly writing fresh memory, and joining batches copies every post, which cost more than
// a second core saved (measured at 1M posts in 4 and in 20 CSV files; four workbooks take
// about 1.6× less time on two cores).
//
// The first source in order that fails is the error, unless it is a file found in a folder:
// that one is skipped (Batch.Skipped) and the others read; with Options.Strict the run fails
// after all, naming every file skipped.
func readSources(srcs []source, opts *Options, b *Batch) error {
	slow := 0
	for _, s := range srcs {
		if s.slow {
			slow++
		}
	}
	var err error
	if workers := min(len(srcs), runtime.GOMAXPROCS(0)); workers > 1 && slow > 1 {
		err = readAtOnce(srcs, workers, opts, b)
	} else {
		err = readInTurn(srcs, b)
	}
	if err != nil {
		return err
	}
	if opts.Strict && len(b.Skipped) > 0 {
		return &SkippedError{Files: b.Skipped}
	}
	return nil
}

// readInTurn reads the sources one after the other into b.
func readInTurn(srcs []source, b *Batch) error {
	var rs reading
	for _, s := range srcs {
		rs.later += s.size
	}
	for _, src := range srcs {
		rs.later -= src.size // what is read after this one, for the first CSV to make room for all
		m := b.mark()
		if err := src.read(b, &rs); err != nil {
			if !src.inFolder {
				return err
			}
			b.rollback(m)
			b.skip(src.name, err)
		}
	}
	return nil
}

// part is what reading one source on its own gave: a batch, or the error that stopped it.
type part struct {
	batch *Batch
	err   error
}

// readAtOnce reads the sources several at once, and gives the batch a reading in turn would.
//
// One goroutine starts the sources in their order, each in a goroutine of its own, never more
// than workers running at once; each reads into a batch of its own and hands it over on its
// channel. Meanwhile readAtOnce takes the batches in the sources' order and joins each to b as
// soon as it comes, so only the batches being read, and those done before an earlier one, are
// held beside b. A source that fails the run (one not found in a folder) stops the starting:
// the sources before it were all started, so the first failure in order is the one returned,
// whatever finished first. A file of a folder that fails is skipped instead (Batch.Skipped).
func readAtOnce(srcs []source, workers int, opts *Options, b *Batch) error {
	var (
		read    atomic.Int64 // rows read by all, for Options.Progress
		stopped atomic.Bool  // a source failed the run, or readAtOnce returned: start no more
		running sync.WaitGroup
	)
	progress := func(int) {
		if opts.Progress != nil {
			opts.Progress(int(read.Add(progressEvery)))
		}
	}
	parts := make([]chan part, len(srcs)) // each gets its source's part once, or nothing when it is not started
	for i := range parts {
		parts[i] = make(chan part, 1)
	}
	slots := make(chan struct{}, workers)
	started := make(chan struct{}) // closed once every source is started or passed over
	go func() {
		defer close(started)
		for i, src := range srcs {
			slots <- struct{}{}
			if stopped.Load() {
				<-slots
				continue
			}
			running.Go(func() {
				defer func() { <-slots }()
				p := &Batch{progress: progress}
				err := src.read(p, &reading{readers: workers})
				if err != nil && !src.inFolder {
					stopped.Store(true)
				}
				parts[i] <- part{p, err}
			})
		}
	}()
	defer func() {
		stopped.Store(true)
		<-started
		running.Wait()
	}()
	var size int64
	for _, s := range srcs {
		size += s.size
	}
	for i, src := range srcs {
		p := <-parts[i]
		if p.err != nil {
			if !src.inFolder {
				return p.err
			}
			b.skip(src.name, p.err)
			continue
		}
		if i == 0 && src.size > 0 && len(p.batch.Posts) > 0 {
			// Room for all the posts, guessed from the first file's posts per byte.
			b.reserve(int(int64(len(p.batch.Posts))*size/src.size) + 16)
		}
		b.join(p.batch)
	}
	return nil
}

// join appends a batch read on its own to b.
func (b *Batch) join(p *Batch) {
	b.Inputs = append(b.Inputs, p.Inputs...)
	b.joinSounds(p.Posts, p)
	if shift := b.Texts.join(&p.Texts); shift != 0 {
		for i := range p.Posts {
			p.Posts[i].rebase(shift)
		}
	}
	b.Posts = append(b.Posts, p.Posts...)
	b.Rejected = append(b.Rejected, p.Rejected...)
	b.Read += p.Read
	b.Warnings = append(b.Warnings, p.Warnings...)
	b.Notices = append(b.Notices, p.Notices...)
	b.NoCaption = append(b.NoCaption, p.NoCaption...)
	for _, k := range slices.Sorted(maps.Keys(p.Followers)) { // in order: a conflict's warning is the same every run
		b.setFollowersAt(k, p.Followers[k], p.followersAt[k])
	}
	b.conflicts += p.conflicts
	for _, k := range slices.Sorted(maps.Keys(p.forms)) {
		h := p.forms[k]
		for _, f := range h.all() {
			b.noteHandle(k, f)
		}
	}
	for _, c := range p.Currencies {
		b.sawCurrency(c)
	}
	for k, v := range p.Prices {
		if b.Prices == nil {
			b.Prices = map[string]float64{}
		}
		b.Prices[k] = v
	}
}

// skip records a file of a folder that could not be read, and says so.
func (b *Batch) skip(name string, err error) {
	b.Skipped = append(b.Skipped, Skipped{Name: name, Reason: said(name, err)}) // said by the caller, once
}

// mark is how far a batch had got before a source was read into it, so that a source that
// fails halfway leaves nothing behind (rollback).
type mark struct {
	inputs, posts, rejected, read, warnings, notices, noCaption int
	followers                                                   map[string]Count
	followersAt                                                 map[string]string
	prices                                                      map[string]float64
	conflicts                                                   int
}

func (b *Batch) mark() mark {
	return mark{len(b.Inputs), len(b.Posts), len(b.Rejected), b.Read, len(b.Warnings), len(b.Notices), len(b.NoCaption), maps.Clone(b.Followers), maps.Clone(b.followersAt), maps.Clone(b.Prices), b.conflicts}
}

// rollback takes out whatever was read since m.
func (b *Batch) rollback(m mark) {
	b.Inputs = b.Inputs[:m.inputs]
	b.truncatePosts(m.posts)
	b.Rejected = b.Rejected[:m.rejected]
	b.Read = m.read
	b.Warnings = b.Warnings[:m.warnings]
	b.Notices = b.Notices[:m.notices]
	b.NoCaption = b.NoCaption[:m.noCaption]
	b.Followers, b.followersAt, b.Prices, b.conflicts = m.followers, m.followersAt, m.prices, m.conflicts
}
