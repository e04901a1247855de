package config

import (
	"flag"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/vet-tool/vet/internal/scoring"
)

// setters are the settings a flag of `vet run` can override, by the flag's name (which is also
// its key in vet.yaml).
var setters = map[string]func(f *File, v string) error{
	"out":      func(f *File, v string) error { f.Run.Out = v; return nil },
	"accounts": func(f *File, v string) error { f.Run.Accounts = v; return nil },
	"preset":   func(f *File, v string) error { f.Run.Preset = v; return nil },
	"baseline": func(f *File, v string) error { f.Run.Baseline = v; return nil },
	"fail-on":  func(f *File, v string) error { f.Run.FailOn = strings.ToLower(v); return nil },
	"strict":   func(f *File, v string) error { return setBool(&f.Run.Strict, v) },
	"map": func(f *File, v string) error {
		field, header, ok := strings.Cut(v, "=")
		if !ok {
			return fmt.Errorf("%q is not FIELD=HEADER", v)
		}
		if f.Run.Map == nil {
			f.Run.Map = map[string]string{}
		}
		f.Run.Map[strings.TrimSpace(field)] = header
		return nil
	},
	"posts": func(f *File, v string) error { return setInt(&f.Scoring.WindowPosts, v) },
	"days":  func(f *File, v string) error { return setInt(&f.Scoring.Days, v) },
	"since": func(f *File, v string) (err error) {
		f.Scoring.Since, err = parseDate(v, false)
		return err
	},
	"as-of": func(f *File, v string) (err error) {
		f.Scoring.AsOf, err = parseDate(v, true)
		return err
	},
	"basis": func(f *File, v string) error { f.Scoring.Basis = scoring.Basis(strings.ToLower(v)); return nil },
	"far-below": func(f *File, v string) error {
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return fmt.Errorf("%q is not a number", v)
		}
		f.Scoring.FarBelow = x
		return nil
	},
	"include-saves": func(f *File, v string) error { return setBool(&f.Scoring.IncludeSaves, v) },
}

// Set overrides one setting as the flag of that name would: Set("posts", "20"). The value is
// checked as the file's would be; an error names the flag. "map" takes one FIELD=HEADER and
// adds it to those of the file.
func (f *File) Set(name, value string) error {
	set, ok := setters[name]
	if !ok {
		return &Error{Key: "--" + name, Msg: "not a setting of vet.yaml"}
	}
	next := *f // on an error f is left as it was
	next.Run.Map = maps.Clone(f.Run.Map)
	if err := set(&next, value); err != nil {
		return &Error{Key: "--" + name, Msg: err.Error()}
	}
	if err := check(&next); err != nil {
		if e, ok := err.(*Error); ok {
			e.Key = "--" + name
		}
		return err
	}
	*f = next
	return nil
}

// SetFlags applies the flags the user set on the command line (flag.FlagSet.Visit: only those
// given, so an unset flag's default never beats the file). Flags that are not settings of
// vet.yaml (--config, -q) and the repeatable --map are left to the caller; pass each --map
// value to Set("map", v).
func (f *File) SetFlags(fs *flag.FlagSet) error {
	var err error
	fs.Visit(func(fl *flag.Flag) {
		if _, ok := setters[fl.Name]; ok && fl.Name != "map" && err == nil {
			err = f.Set(fl.Name, fl.Value.String())
		}
	})
	return err
}

// Settings lists the names Set accepts: the flags vet.yaml can also hold.
func Settings() []string {
	names := make([]string, 0, len(setters))
	for n := range setters {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func setInt(p *int, v string) error {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return fmt.Errorf("%q is not a whole number", v)
	}
	*p = n
	return nil
}

func setBool(p *bool, v string) error {
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		return fmt.Errorf("%q is not true or false", v)
	}
	*p = b
	return nil
}
