package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/vet-tool/vet/internal/scoring"
)

// Name is the file `vet init` writes and a run looks for in the current directory.
const Name = "vet.yaml"

// File is a vet.yaml as read, or the defaults when there is none.
type File struct {
	Path    string                         // where it was read from; "" for the defaults
	Scoring scoring.Config                 // every number scoring uses
	Run     Run                            // the run's other settings
	Aliases map[string][]string            // field name ("views") → extra headers, tried before the built-in ones
	Presets map[string]map[string][]string // preset name → field name → the headers it uses, in order
}

// Run holds the settings of `vet run` that are not scoring's: each is also a flag.
type Run struct {
	Out      string            // --out: the report folder
	Accounts string            // --accounts: a file of follower counts
	Preset   string            // --preset: a named export layout; "" for the generic aliases
	Map      map[string]string // --map FIELD=HEADER: field name → the header that holds it
	Baseline string            // --baseline: last week's report folder
	Strict   bool              // --strict: any rejected row fails the run
	FailOn   string            // --fail-on: "", "fail" or "review"
	History  string            // --history: the SQLite file of past runs (issue 14); "" for none
	Title    string            // --title: the report's title (page header, Summary, document properties)
	Client   string            // --client: who the report is for
	Logo     string            // --logo: a PNG or SVG shown on the page and the Summary sheet
}

// Default is the configuration in force without a vet.yaml.
func Default() *File {
	return &File{
		Scoring: scoring.Default(),
		Run:     Run{Out: "vet-report", Map: map[string]string{}},
		Aliases: map[string][]string{},
		Presets: map[string]map[string][]string{},
	}
}

// Load reads a vet.yaml. Keys it does not set keep their defaults.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return Parse(path, data)
}

// Discover loads dir's vet.yaml when there is one, and the defaults otherwise.
func Discover(dir string) (*File, error) {
	path := filepath.Join(dir, Name)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return Default(), nil
	}
	return Load(path)
}

// Parse reads the text of a vet.yaml; name is what errors call it.
func Parse(name string, data []byte) (*File, error) {
	d := toDoc(Default())
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(name, err, nil)
	}
	lines := keyLines(&root)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(name, err, lines)
	}
	f, err := fromDoc(&d)
	if err == nil {
		err = lines.checkBenchmarksNamed()
	}
	if err == nil {
		err = check(f)
	}
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.File, e.Line = name, lines.lineOf(e.Key)
		}
		return nil, err
	}
	f.Path = name
	return f, nil
}

// Error is a bad setting: where it is and what is wrong with it.
type Error struct {
	File string // "" for a flag
	Line int    // 0 when unknown
	Key  string // "thresholds.ghost-views", or "--posts" for a flag
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	}
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

func bad(key, format string, args ...any) *Error {
	return &Error{Key: key, Msg: fmt.Sprintf(format, args...)}
}

// lineIndex maps each key path ("thresholds.ghost-views", "benchmarks.tiers[1].min") to the
// line it is written on and its value.
type lineIndex map[string]keyPos

type keyPos struct {
	line  int
	value *yaml.Node
}

func keyLines(root *yaml.Node) lineIndex {
	idx := lineIndex{}
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := join(path, n.Content[i].Value)
				idx[p] = keyPos{n.Content[i].Line, n.Content[i+1]}
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				p := fmt.Sprintf("%s[%d]", path, i)
				idx[p] = keyPos{c.Line, c}
				walk(c, p)
			}
		}
	}
	walk(root, "")
	return idx
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// lineOf finds the line of a key, or of the nearest enclosing key that is written down.
func (idx lineIndex) lineOf(key string) int {
	for key != "" {
		if p, ok := idx[key]; ok {
			return p.line
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

// keyAt finds the key written on a line: the one whose value starts with value when it is
// given, else the innermost (when several share the line, as in {name: a, min: 1000}).
func (idx lineIndex) keyAt(line int, value string) string {
	best, matched := "", false
	for k, p := range idx {
		if p.line != line {
			continue
		}
		m := value != "" && p.value.Kind == yaml.ScalarNode && strings.HasPrefix(p.value.Value, value)
		if m && !matched || m == matched && (len(k) > len(best) || len(k) == len(best) && k < best) {
			best, matched = k, m
		}
	}
	return best
}

var (
	reLine    = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	reUnknown = regexp.MustCompile("^field (\\S+) not found in type \\S+$")
	reType    = regexp.MustCompile("^cannot unmarshal (!!\\w+)(?: `(.*)`)? into (\\S+)$")
)

// yamlError rewrites the YAML library's messages as ours: "vet.yaml:7: unknown key "postz"
// (did you mean "posts"?)". Only the first problem is told, on one line.
func yamlError(name string, err error, lines lineIndex) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	m := reLine.FindStringSubmatch(msg)
	if m == nil {
		return &Error{File: name, Msg: strings.TrimPrefix(msg, "yaml: ")}
	}
	line, _ := strconv.Atoi(m[1])
	e := &Error{File: name, Line: line, Msg: m[2]}
	if u := reUnknown.FindStringSubmatch(m[2]); u != nil {
		e.Msg = fmt.Sprintf("unknown key %q", u[1])
		if within := parentOf(lines.keyAt(line, "")); within != "" {
			e.Msg += " in " + within
		}
		if s := suggest(u[1]); s != "" {
			e.Msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
	} else if t := reType.FindStringSubmatch(m[2]); t != nil {
		e.Key = lines.keyAt(line, strings.TrimSuffix(t[2], "..."))
		e.Msg = fmt.Sprintf("%s is not %s", valueAt(lines, e.Key, t[1]), kindWords(t[3]))
	}
	return e
}

func parentOf(key string) string {
	if i := strings.LastIndexAny(key, ".["); i > 0 {
		return key[:i]
	}
	return ""
}

// valueAt is how a bad value is shown: a scalar quoted, a list or a map by its kind.
func valueAt(idx lineIndex, key string, tag string) string {
	switch tag {
	case "!!seq":
		return "a list"
	case "!!map":
		return "a mapping"
	}
	if p, ok := idx[key]; ok && p.value.Kind == yaml.ScalarNode {
		return strconv.Quote(p.value.Value)
	}
	return "the value"
}

func kindWords(goType string) string {
	switch {
	case strings.HasPrefix(goType, "int"):
		return "a whole number"
	case strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "bool":
		return "true or false"
	case goType == "string":
		return "text"
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case strings.HasPrefix(goType, "map"):
		return "a mapping"
	}
	return "a " + goType
}

// parseDate reads a date setting: YYYY-MM-DD (UTC) or RFC 3339. A day alone, given as an
// as-of, means the end of that day, so that its posts are "0 days" old.
func parseDate(s string, endOfDay bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		if endOfDay {
			t = t.Add(24*time.Hour - time.Second)
		}
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
}

// checkBenchmarksNamed refuses tiers of one's own under the seed's name and source: the report
// prints both, and a client must not read the seed's source under other numbers.
func (idx lineIndex) checkBenchmarksNamed() error {
	if _, ok := idx["benchmarks.tiers"]; !ok {
		return nil
	}
	for _, k := range []string{"name", "source"} {
		if _, ok := idx["benchmarks."+k]; !ok {
			return bad("benchmarks.tiers", "tiers of your own need benchmarks.%s too (the report prints it)", k)
		}
	}
	return nil
}
