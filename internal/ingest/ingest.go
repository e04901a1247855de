package ingest

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Options are the user's say in how exports are read.
type Options struct {
	Preset  string             // a named layout; "" for the generic aliases
	Map     map[Field]string   // --map FIELD=HEADER: explicit columns that beat every alias
	Aliases map[Field][]string // extra aliases from vet.yaml, tried before the defaults
	Stdin   io.Reader          // what "-" reads
}

func (o *Options) aliases() map[Field][]string {
	if len(o.Aliases) == 0 {
		return DefaultAliases
	}
	all := make(map[Field][]string, len(DefaultAliases))
	for f, as := range DefaultAliases {
		all[f] = append(append([]string(nil), o.Aliases[f]...), as...)
	}
	return all
}

// Input is one table read: a file, or a sheet of a workbook.
type Input struct {
	Name       string   // file (and sheet) as the user sees it
	Format     string   // csv, xlsx, json
	Columns    []string // "field ← header" for each field found
	Read       int      // data rows read
	Rejected   int
	Duplicates int // rows of this input dropped as copies of a video seen elsewhere
}

// Batch is everything read from the inputs of one run.
type Batch struct {
	Inputs     []Input
	Posts      []Post     // the posts used: every good row, each video once
	Rejected   []RowError // every row that could not be used, in input order
	Duplicates int        // rows dropped because their video was already there
	Read       int        // data rows read in all; Read == len(Posts) + Duplicates + len(Rejected)
	Followers  map[string]Count
	Warnings   []string
}

// Used is the number of posts kept.
func (b *Batch) Used() int { return len(b.Posts) }

// Reconciles reports whether every row read is accounted for.
func (b *Batch) Reconciles() bool { return b.Read == len(b.Posts)+b.Duplicates+len(b.Rejected) }

func (b *Batch) addInput(name, format string, header []string, m Mapping) int {
	b.Inputs = append(b.Inputs, Input{Name: name, Format: format, Columns: m.Describe(header)})
	return len(b.Inputs) - 1
}

func (b *Batch) addPost(in int, p Post) {
	b.Read++
	b.Inputs[in].Read++
	b.Posts = append(b.Posts, p)
}

func (b *Batch) rejectRow(in int, e *RowError) {
	b.Read++
	b.Inputs[in].Read++
	b.Inputs[in].Rejected++
	b.Rejected = append(b.Rejected, *e)
}

// Read reads every input (files, directories, "-" for standard input) into one batch. A file
// that cannot be read at all is an error; a bad row only becomes a RowError in the batch.
func Read(paths []string, opts Options) (*Batch, error) {
	b := &Batch{}
	files, err := expand(paths)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if err := readOne(f, &opts, b); err != nil {
			return nil, err
		}
	}
	b.dedupe()
	return b, nil
}

// expand replaces each directory by its readable files, sorted.
func expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		if p == "-" {
			out = append(out, p)
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, err
		}
		var found []string
		for _, e := range entries {
			if !e.IsDir() && formatOf(e.Name()) != "" {
				found = append(found, filepath.Join(p, e.Name()))
			}
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: no .csv, .tsv, .txt, .xlsx, .json or .jsonl files in this folder", p)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
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
	}
	return ""
}

// readOne is the factory switch: one reader per format.
func readOne(name string, opts *Options, b *Batch) error {
	if name == "-" {
		if opts.Stdin == nil {
			return fmt.Errorf("-: no standard input")
		}
		return readCSV("-", opts.Stdin, opts, b)
	}
	switch formatOf(name) {
	case "csv":
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("%s: %w", name, unwrapPathError(err))
		}
		defer f.Close()
		return readCSV(name, f, opts, b)
	default:
		return fmt.Errorf("%s: vet reads .csv, .tsv, .txt, .xlsx, .json and .jsonl files", name)
	}
}

// dedupe keeps one copy of each video (by video_id, else url): the one with the most views,
// since counts only grow between exports.
func (b *Batch) dedupe() {
	seen := make(map[string]int, len(b.Posts))
	kept := b.Posts[:0]
	for _, p := range b.Posts {
		key := videoKey(p)
		if key == "" {
			kept = append(kept, p)
			continue
		}
		if i, ok := seen[key]; ok {
			dropped := p.File
			if p.Views > kept[i].Views {
				dropped = kept[i].File
				kept[i] = p
			}
			b.Duplicates++
			b.countDuplicate(dropped)
			continue
		}
		seen[key] = len(kept)
		kept = append(kept, p)
	}
	b.Posts = kept
}

func (b *Batch) countDuplicate(file string) {
	for i := range b.Inputs {
		if b.Inputs[i].Name == file {
			b.Inputs[i].Duplicates++
			return
		}
	}
}

func videoKey(p Post) string {
	if p.VideoID != "" {
		return "id:" + p.VideoID
	}
	if p.URL != "" {
		return "url:" + p.URL
	}
	return ""
}
