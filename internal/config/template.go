package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// header opens the vet.yaml `vet init` writes.
const header = `# vet.yaml: how vet reads exports and judges accounts.
# Written by "vet init" with every default. Delete a line to go back to its default.
# A flag on the command line beats this file: --posts 20 beats "posts: 10".
# Percentages are in percent: 2.15 means 2.15%.
`

// Template is the text of a vet.yaml holding every default, with a comment on each. It is
// written from the settings table, so it states no default and no key of its own.
func Template() []byte {
	def := Default()
	var b bytes.Buffer
	b.WriteString(header)
	open := "" // the section whose keys are being written ("thresholds"), "" at the top level
	for i := range settings {
		s := &settings[i]
		if s.section != "" {
			b.WriteString("\n")
			comment(&b, "", s.section)
		}
		section, name, nested := strings.Cut(s.key, ".")
		if !nested {
			section, name = "", s.key
		}
		if section != open && section != "" {
			b.WriteString(section + ":\n")
		}
		open = section
		indent := ""
		if nested {
			indent = "  "
		}
		help := s.comment
		if s.flag != "" {
			help = "--" + s.flag + ": " + help
		}
		value := s.yamlText(def)
		switch {
		case s.example != "":
			comment(&b, indent, help+". For example:")
			comment(&b, indent, indentLines(s.example, "  "))
			fmt.Fprintf(&b, "%s%s: %s\n", indent, name, value)
		case strings.HasPrefix(value, "\n"): // a list written below its key: the tiers
			comment(&b, indent, help)
			fmt.Fprintf(&b, "%s%s:%s\n", indent, name, value)
		default:
			fmt.Fprintf(&b, "%s%s: %s\t# %s\n", indent, name, value, help)
		}
	}
	return alignComments(b.Bytes())
}

// comment writes text as comment lines, each line of it prefixed "# ".
func comment(b *bytes.Buffer, indent, text string) {
	for _, line := range strings.Split(text, "\n") {
		b.WriteString(indent + "# " + line + "\n")
	}
}

func indentLines(text, indent string) string {
	return indent + strings.ReplaceAll(text, "\n", "\n"+indent)
}

// alignComments lines up the comments that follow a tab into one column.
func alignComments(text []byte) []byte {
	const column = 32
	var out bytes.Buffer
	for _, line := range strings.SplitAfter(string(text), "\n") {
		value, comment, ok := strings.Cut(line, "\t# ")
		if !ok {
			out.WriteString(line)
			continue
		}
		out.WriteString(value)
		out.WriteString(strings.Repeat(" ", max(column-utf8.RuneCountInString(value), 1)))
		out.WriteString("# ")
		out.WriteString(comment)
	}
	return out.Bytes()
}

// WriteInit writes Template to dir/vet.yaml, creating dir when it is not there, and returns
// its path. It never overwrites a file that is there.
func WriteInit(dir string) (string, error) {
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, Name)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("%s already exists: not overwritten", path)
	}
	if err != nil {
		return "", err
	}
	_, err = f.Write(Template())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return "", err
	}
	return path, nil
}
