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
)

// file is a file on disk and the name it is shown by. Names are never absolute (SPEC §4: no
// local paths in a report): a file under an absolute argument is named by the argument's base
// name joined with its path inside it.
type file struct{ path, name string }

// Skipped is a file of an input folder that could not be read at all (garbage, empty, a
// binary .xls, a broken workbook): named with its reason, and the batch goes on without it.
type Skipped struct {
	Name   string // as shown (see file)
	Reason string // why it could not be read, as the error said it
}

// SkippedError is the error of a strict run (Options.Strict) in which files of a folder could
// not be read: one line naming them all.
type SkippedError struct{ Files []Skipped }

func (e *SkippedError) Error() string {
	if len(e.Files) == 1 {
		return e.Files[0].Name + ": " + e.Files[0].Reason
	}
	parts := make([]string, len(e.Files))
	for i, f := range e.Files {
		parts[i] = f.Name + ": " + f.Reason
	}
	return fmt.Sprintf("%d files cannot be read: %s", len(e.Files), strings.Join(parts, "; "))
}

// shownAs returns how the files under the argument arg are named: as given when arg is
// relative, else from arg's base name (/home/u/exports/a.csv → exports/a.csv, /tmp/x.csv →
// x.csv).
func shownAs(arg string) func(path string) string {
	if !filepath.IsAbs(arg) {
		return func(path string) string { return path }
	}
	root := filepath.Clean(arg)
	base := filepath.Base(root)
	if base == string(filepath.Separator) {
		base = ""
	}
	return func(path string) string {
		rel, err := filepath.Rel(root, path)
		if err != nil || rel == "." {
			return base
		}
		return filepath.Join(base, rel)
	}
}

// reportFiles are the files vet writes into --out; a folder holding them beside a summary.json
// of vet's is (also) a report folder, and they are not inputs.
var reportFiles = []string{"vetting.xlsx", "vetting.html", "summary.json", "accounts.csv", "signals.csv", "posts.csv"}

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
	read     func(b *Batch) error
}

// fileSource reads one file.
func fileSource(f file, size int64, inFolder bool, opts *Options) source {
	format := formatOf(f.path)
	return source{name: f.name, size: size, slow: format == "xlsx" || format == "json" || format == "jsonl", inFolder: inFolder,
		read: func(b *Batch) error { return readFile(f, opts, b) }}
}

// sources lists what paths name, in order: a file, "-", a TikTok Studio export folder as one
// account, any other folder as its readable files, sorted. Files in Options.Skip, vet's own
// report files and subfolders are left out, each with a warning.
func sources(paths []string, opts *Options) ([]source, []string) {
	var out []source
	var warnings []string
	fail := func(err error) { out = append(out, source{read: func(*Batch) error { return err }}) }
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
	for _, p := range paths {
		if p == "-" {
			out = append(out, source{name: "-", read: func(b *Batch) error {
				if opts.Stdin == nil {
					return fmt.Errorf("-: no standard input")
				}
				return readStream("-", "stdin", opts.Stdin, nil, opts, b)
			}})
			continue
		}
		shown := shownAs(p)
		st, err := os.Stat(p)
		if err != nil {
			fail(fmt.Errorf("%s: %w", shown(p), unwrapPathError(err)))
			continue
		}
		if !st.IsDir() {
			if skipped(p) {
				warnings = append(warnings, fmt.Sprintf("skipped %s: it is a file this run writes", shown(p)))
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
				warnings = append(warnings, fmt.Sprintf("skipped folder %s/: vet reads the files of a folder, not its subfolders", shown(path)))
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
			warnings = append(warnings, fmt.Sprintf("skipped vet's own report files in %s/ (%s)", shown(p), strings.Join(ownSkipped, ", ")))
		}
		sort.Slice(found, func(i, j int) bool { return found[i].path < found[j].path })
		switch {
		case len(found) == 0:
			fail(fmt.Errorf("%s: no .csv, .tsv, .txt, .xlsx, .json or .jsonl files in this folder", shown(p)))
		case isStudioDir(found):
			out = append(out, source{name: shown(p), read: func(b *Batch) error { return readStudioDir(shown(p), found, opts, b) }})
		default:
			for _, f := range found {
				out = append(out, fileSource(f, size[f.path], true, opts))
			}
		}
	}
	return out, warnings
}

// readSources reads the sources into b. Workbooks and JSON files are read several at once when
// there are several and more than one core: each into a batch of its own, then joined in the
// inputs' order, so the batch is the same as one read in turn. The first source in order that
// fails is the error, unless it is a file found in a folder: that one is skipped (see
// Batch.Skipped) and the others read; with Options.Strict the run fails after all, naming
// every file skipped.
//
// CSV files are read in turn, into one batch sized for all of them: reading one is mostly
// writing fresh memory, and joining batches copies every post, which cost more than a second
// core saved (measured at 1M posts in 4 and in 20 files; four workbooks take about 1.6× less
// time on two cores).
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
	for _, s := range srcs {
		b.later += s.size
	}
	for _, src := range srcs {
		b.later -= src.size // what is read after this one, for the first CSV to make room for all
		m := b.mark()
		if err := src.read(b); err != nil {
			if !src.inFolder {
				return err
			}
			b.rollback(m)
			b.skip(src.name, err)
		}
	}
	return nil
}

// readAtOnce reads the sources on workers goroutines, each into a batch of its own, and joins
// each to b in order as soon as those before it are: only the batches being read and those
// waiting for an earlier one are held beside b.
func readAtOnce(srcs []source, workers int, opts *Options, b *Batch) error {
	parts := make([]*Batch, len(srcs))
	errs := make([]error, len(srcs))
	done := make([]chan struct{}, len(srcs)) // closed when parts[i] and errs[i] are set
	for i := range done {
		done[i] = make(chan struct{})
	}
	var (
		next, failed atomic.Int64 // the next source to start; the lowest index that failed, +1
		read         atomic.Int64 // rows read by all, for Options.Progress
		wg           sync.WaitGroup
	)
	defer wg.Wait()
	fail := func(i int) { // start no source after i
		for f := failed.Load(); f == 0 || f > int64(i)+1; f = failed.Load() {
			if failed.CompareAndSwap(f, int64(i)+1) {
				return
			}
		}
	}
	progress := func(int) {
		if opts.Progress != nil {
			opts.Progress(int(read.Add(progressEvery)))
		}
	}
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if f := failed.Load(); i >= len(srcs) || f != 0 && int64(i) >= f {
					return // all started, or one before i failed
				}
				parts[i] = &Batch{progress: progress, readers: workers}
				if errs[i] = srcs[i].read(parts[i]); errs[i] != nil && !srcs[i].inFolder {
					fail(i)
				}
				close(done[i])
			}
		})
	}
	var size int64
	for _, s := range srcs {
		size += s.size
	}
	for i := range srcs {
		<-done[i]
		if errs[i] != nil {
			if !srcs[i].inFolder {
				return errs[i]
			}
			b.skip(srcs[i].name, errs[i])
			parts[i] = nil
			continue
		}
		if i == 0 && srcs[0].size > 0 && len(parts[0].Posts) > 0 {
			// Room for all the posts, guessed from the first file's posts per byte.
			b.reserve(int(int64(len(parts[0].Posts))*size/srcs[0].size) + 16)
		}
		b.join(parts[i])
		parts[i] = nil
	}
	return nil
}

// join appends a batch read on its own to b.
func (b *Batch) join(p *Batch) {
	b.Inputs = append(b.Inputs, p.Inputs...)
	b.Posts = append(b.Posts, p.Posts...)
	b.Rejected = append(b.Rejected, p.Rejected...)
	b.Read += p.Read
	b.Warnings = append(b.Warnings, p.Warnings...)
	for k, n := range p.Followers {
		b.setFollowers(k, n)
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
	reason := err.Error()
	if rest, ok := strings.CutPrefix(reason, name); ok {
		switch {
		case strings.HasPrefix(rest, ": "):
			reason = rest[2:]
		case strings.HasPrefix(rest, ":"): // name:line: …
			reason = "line " + rest[1:]
		case strings.HasPrefix(rest, "["): // name[sheet]: …
			reason = "sheet " + strings.Replace(rest[1:], "]", "", 1)
		}
	}
	b.Skipped = append(b.Skipped, Skipped{Name: name, Reason: reason})
	b.warn(fmt.Sprintf("skipped %s: %s", name, reason))
}

// mark is how far a batch had got before a source was read into it, so that a source that
// fails halfway leaves nothing behind (rollback).
type mark struct {
	inputs, posts, rejected, read, warnings int
	followers                               map[string]Count
	prices                                  map[string]float64
}

func (b *Batch) mark() mark {
	return mark{len(b.Inputs), len(b.Posts), len(b.Rejected), b.Read, len(b.Warnings), maps.Clone(b.Followers), maps.Clone(b.Prices)}
}

// rollback takes out whatever was read since m.
func (b *Batch) rollback(m mark) {
	b.Inputs = b.Inputs[:m.inputs]
	clear(b.Posts[m.posts:]) // the room past the posts stays zero (see Batch.newPost)
	b.Posts = b.Posts[:m.posts]
	b.Rejected = b.Rejected[:m.rejected]
	b.Read = m.read
	b.Warnings = b.Warnings[:m.warnings]
	b.Followers, b.Prices = m.followers, m.prices
}
