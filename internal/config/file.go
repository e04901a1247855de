package config

import (
	"errors"
	"fmt"
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
	Logo     string            // --logo: a PNG, JPEG or SVG shown on the page, the Summary sheet and the PDF
	Lang     string            // --lang: the language of the report and the warnings (en, nl)
	Currency string            // --currency: the currency of prices (EUR, €, USD, …); "" for none given
	PDF      bool              // --pdf: write vetting.pdf (default true)
	Paper    string            // --paper: the PDF's paper, a4 (default) or letter
}

// Default is the configuration in force without a vet.yaml.
func Default() *File {
	return &File{
		Scoring: scoring.Default(),
		Run:     Run{Out: "vet-report", Map: map[string]string{}, PDF: true, Paper: "a4"},
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
	f := Default()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(name, err)
	}
	lines := map[string]int{}
	err := decode(f, &root, lines)
	if err == nil {
		err = checkBenchmarksNamed(lines)
	}
	if err == nil {
		err = check(f)
	}
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.File = name
			if e.Line == 0 {
				e.Line = lineOf(lines, e.Key)
			}
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
	Key  string // the key path in vet.yaml (thresholds.ghost-views), or --posts for a flag
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

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// lineOf finds the line of a key, or of the nearest enclosing key that is written down.
func lineOf(lines map[string]int, key string) int {
	for key != "" {
		if l, ok := lines[key]; ok {
			return l
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

var reLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlError rewrites the YAML library's syntax errors as ours, on one line: "vet.yaml:7: …".
func yamlError(name string, err error) error {
	msg := err.Error()
	m := reLine.FindStringSubmatch(msg)
	if m == nil {
		return &Error{File: name, Msg: strings.TrimPrefix(msg, "yaml: ")}
	}
	line, _ := strconv.Atoi(m[1])
	return &Error{File: name, Line: line, Msg: m[2]}
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
