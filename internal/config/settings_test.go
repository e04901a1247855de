package config

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/scoring"
)

// another is a valid value other than the default for a setting, as a flag's text and as
// vet.yaml's; ok is false for settings that take no such value here (maps, lists).
func another(t *testing.T, s *setting) (text, yaml string, ok bool) {
	def := Default()
	switch p := s.field(def).(type) {
	case *int, *int64, *float64:
		v, _ := s.number(def)
		next := v + 1
		if b := s.bounds; b != nil && next > b.hi {
			next = (v + b.lo) / 2
		}
		if _, isFloat := p.(*float64); !isFloat {
			next = float64(int64(next))
		}
		return num(next), num(next), true
	case *bool:
		return fmt.Sprint(!*p), fmt.Sprint(!*p), true
	case *string:
		if s.choices != nil {
			return s.choices[len(s.choices)-1], s.choices[len(s.choices)-1], true
		}
		return "x-" + leaf(s.key), `"x-` + leaf(s.key) + `"`, true
	case *scoring.Basis:
		return "views", "views", true
	case *time.Time:
		return "2026-10-01", "2026-10-01", true
	case *map[string]string:
		return "views=Plays", "{views: Plays}", true
	}
	return "", "", false
}

// yamlFor writes one setting as vet.yaml would hold it.
func yamlFor(key, value string) string {
	section, name, nested := strings.Cut(key, ".")
	if !nested {
		return key + ": " + value + "\n"
	}
	return section + ":\n  " + name + ": " + value + "\n"
}

func TestEverySettingIsOneDeclaration(t *testing.T) {
	run := flag.NewFlagSet("run", flag.ContinueOnError)
	DeclareFlags(run, RunFlags)
	validate := flag.NewFlagSet("validate", flag.ContinueOnError)
	DeclareFlags(validate, ReadingFlags)
	tested := 0
	for i := range settings {
		s := &settings[i]
		text, yamlValue, ok := another(t, s)
		if !ok {
			continue
		}
		tested++
		t.Run(s.key+" is read from vet.yaml into its field", func(t *testing.T) {
			f, err := Parse("vet.yaml", []byte(yamlFor(s.key, yamlValue)))
			if err != nil {
				t.Fatal(err)
			}
			if reflect.DeepEqual(s.field(f), s.field(Default())) {
				t.Errorf("%s: %s left the default", s.key, yamlValue)
			}
			if s.flag == "" {
				return
			}
			t.Run("and its flag sets the same field", func(t *testing.T) {
				fs := flag.NewFlagSet("run", flag.ContinueOnError)
				fs.SetOutput(io.Discard)
				DeclareFlags(fs, RunFlags)
				if err := fs.Parse([]string{"--" + s.flag + "=" + text}); err != nil {
					t.Fatal(err)
				}
				g := Default()
				if err := g.SetFlags(fs); err != nil {
					t.Fatal(err)
				}
				f.Path = ""
				if !reflect.DeepEqual(g, f) {
					t.Errorf("--%s=%s gave\n%+v\nvet.yaml gave\n%+v", s.flag, text, g, f)
				}
			})
		})
		t.Run(s.key+" is declared as a flag for the commands that take it", func(t *testing.T) {
			if s.flag != "" && leaf(s.key) != s.flag {
				t.Errorf("flag --%s does not end the key %s", s.flag, s.key)
			}
			if (run.Lookup(s.flag) != nil) != (s.flag != "") {
				t.Errorf("vet run's flag --%q: declared %v", s.flag, run.Lookup(s.flag) != nil)
			}
			if (validate.Lookup(s.flag) != nil) != (s.flag != "" && s.reading) {
				t.Errorf("vet validate's flag --%q: declared %v", s.flag, validate.Lookup(s.flag) != nil)
			}
			if s.flag != "" && !strings.Contains(run.Lookup(s.flag).Usage, s.comment) {
				t.Errorf("--%s's help is not the setting's comment", s.flag)
			}
		})
		t.Run(s.key+" is written by vet init with its comment", func(t *testing.T) {
			first, _, _ := strings.Cut(s.comment, "\n")
			if !strings.Contains(string(Template()), first) {
				t.Errorf("the template lacks %q", first)
			}
		})
	}
	if tested < 40 {
		t.Errorf("only %d settings tried", tested)
	}
}

// TestEveryNumberHasAnUpperBound is issue 23 item 8: every numeric setting declares a finite
// upper end, so that confidence.resamples: 1000000000 (13 s for one account) is refused.
func TestEveryNumberHasAnUpperBound(t *testing.T) {
	for i := range settings {
		s := &settings[i]
		switch s.field(Default()).(type) {
		case *int, *int64, *float64:
			if s.bounds == nil || math.IsInf(s.bounds.hi, 1) || s.bounds.hi > 1e12 {
				t.Errorf("%s has no upper bound (%+v)", s.key, s.bounds)
			}
		}
	}
	_, err := Parse("vet.yaml", []byte("confidence:\n  resamples: 1000000000\n"))
	if err == nil || err.Error() != "vet.yaml:2: confidence.resamples: 1000000000 is out of range (at least 10 and at most 100000)" {
		t.Errorf("resamples: 1000000000: %v", err)
	}
	_, err = Parse("vet.yaml", []byte("benchmarks:\n  name: n\n  source: s\n  tiers:\n    - {name: a, min: 9000000000000, benchmark: 5}\n"))
	if err == nil || !strings.Contains(err.Error(), "is more than any account has") {
		t.Errorf("a tier of 9e12 followers: %v", err)
	}
}

// below reports whether another setting's range begins above key's value.
func below(key string) bool {
	for i := range settings {
		if b := settings[i].bounds; b != nil && b.above == key {
			return true
		}
	}
	return false
}

func TestEveryRangeIsHeldAtItsEdge(t *testing.T) {
	for i := range settings {
		s := &settings[i]
		if s.bounds == nil || s.bounds.above != "" {
			continue
		}
		b := s.bounds
		t.Run(s.key+" refuses a value just outside its range", func(t *testing.T) {
			out := b.lo - 1
			if b.loOpen {
				out = b.lo
			}
			_, err := Parse("vet.yaml", []byte(yamlFor(s.key, num(out))))
			if err == nil || !strings.Contains(err.Error(), s.key+": ") || !strings.Contains(err.Error(), "out of range") {
				t.Errorf("%s: %s: err = %v", s.key, num(out), err)
			}
		})
		t.Run(s.key+" refuses a value just above its upper end", func(t *testing.T) {
			_, err := Parse("vet.yaml", []byte(yamlFor(s.key, num(b.hi+1))))
			if err == nil || !strings.Contains(err.Error(), "out of range") || !strings.Contains(err.Error(), "at most "+num(b.hi)) {
				t.Errorf("%s: %s: err = %v", s.key, num(b.hi+1), err)
			}
		})
		t.Run(s.key+" takes its upper end", func(t *testing.T) {
			if below(s.key) {
				return // the setting above it would have to be raised too
			}
			if _, err := Parse("vet.yaml", []byte(yamlFor(s.key, num(b.hi)))); err != nil {
				t.Errorf("%s: %s refused: %v", s.key, num(b.hi), err)
			}
		})
		t.Run(s.key+" takes the edge of its range", func(t *testing.T) {
			edge := b.lo
			if b.loOpen {
				edge = b.lo + 1
				if edge > b.hi {
					edge = (b.lo + b.hi) / 2
				}
			}
			if _, isFloat := s.field(Default()).(*float64); !isFloat && edge != float64(int64(edge)) {
				return
			}
			if _, err := Parse("vet.yaml", []byte(yamlFor(s.key, num(edge)))); err != nil {
				t.Errorf("%s: %s refused: %v", s.key, num(edge), err)
			}
		})
	}
}

// TestEachKeyIsSpelledInOneFile holds the promise of settings.go: no other Go file of the
// module writes a key of vet.yaml (those made of several words, which cannot be mistaken for
// ordinary words).
func TestEachKeyIsSpelledInOneFile(t *testing.T) {
	root := filepath.Join("..", "..")
	var keys []string
	for i := range settings {
		if k := settings[i].key; strings.ContainsAny(k, ".-") {
			keys = append(keys, `"`+k+`"`)
		}
	}
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == ".cache") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") ||
			filepath.ToSlash(path) == "../../internal/config/settings.go" {
			return nil
		}
		checked++
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, k := range keys {
			if strings.Contains(string(b), k) {
				t.Errorf("%s spells the key %s: take it from the settings table", path, k)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Errorf("only %d files looked at", checked)
	}
}
