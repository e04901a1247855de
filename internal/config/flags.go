package config

import (
	"flag"
	"strings"
)

// Which says which settings a command takes as flags.
type Which int

// The commands' sets of flags.
const (
	RunFlags     Which = iota // vet run: every setting that has a flag
	ReadingFlags              // vet validate: those that say how exports are read
)

// DeclareFlags declares on fs a flag for every setting of the table that has one (for
// ReadingFlags, those that say how exports are read), with the setting's comment as its help
// and its default. The values given are kept as typed and laid over the file by SetFlags, so a
// flag beats vet.yaml and a flag not given never does.
func DeclareFlags(fs *flag.FlagSet, which Which) {
	def := Default()
	for i := range settings {
		s := &settings[i]
		if s.flag == "" || which == ReadingFlags && !s.reading {
			continue
		}
		v := &flagValue{s: s}
		help := s.comment
		if b, ok := s.field(def).(*bool); ok {
			v.isBool = true
			if *b {
				v.def = "true" // -h says "(default true)": --pdf=false turns it off
			}
		} else {
			v.def = strings.Trim(s.yamlText(def), `"`)
			if v.def == "{}" || v.def == "0" {
				v.def = "" // -h says no "(default 0)"
			}
			help = "`" + s.arg + "`: " + help
		}
		fs.Var(v, s.flag, help)
	}
}

// flagValue is a setting's flag: it keeps every value given, in order (--map repeats).
type flagValue struct {
	s      *setting
	def    string
	isBool bool
	given  []string
}

func (v *flagValue) String() string {
	switch {
	case v == nil || v.s == nil:
		return ""
	case len(v.given) > 0:
		return strings.Join(v.given, ",")
	}
	return v.def
}

func (v *flagValue) Set(x string) error { v.given = append(v.given, x); return nil }

// IsBoolFlag lets a true/false setting be given as a bare --flag.
func (v *flagValue) IsBoolFlag() bool { return v.isBool }

// Set overrides one setting as the flag of that name would: Set("posts", "20"). The value is
// checked as the file's would be; an error names the flag. "map" takes one FIELD=HEADER and
// adds it to those of the file.
func (f *File) Set(name, value string) error {
	s := byFlag(name)
	if s == nil {
		return &Error{Key: "--" + name, Msg: "is not a setting of vet.yaml"}
	}
	next := *f // on an error f is left as it was (fromText copies the maps it changes)
	if err := s.fromText(&next, value); err != nil {
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

// SetFlags lays the flags the user gave over the file (flag.FlagSet.Visit: only those given,
// so an unset flag's default never beats the file), each checked as the file's value would be.
// Flags that are not settings (--config, -q) are the caller's.
func (f *File) SetFlags(fs *flag.FlagSet) error {
	var err error
	fs.Visit(func(fl *flag.Flag) {
		if err != nil || byFlag(fl.Name) == nil {
			return
		}
		given := []string{fl.Value.String()}
		if v, ok := fl.Value.(*flagValue); ok {
			given = v.given
		}
		for _, x := range given {
			if err == nil {
				err = f.Set(fl.Name, x)
			}
		}
	})
	return err
}
