package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// usageError is a mistake in how vet was called: exit code 2. It is printed as one line and a
// hint, never with the flag list.
type usageError struct {
	msg string
	cmd string // the subcommand whose flags the hint points to; "" points to `vet help`
}

func (e *usageError) Error() string { return e.msg }

// hint is the line printed under a usage error.
func (e *usageError) hint() string {
	switch e.cmd {
	case "run", "validate", "benchmarks", "calc":
		return fmt.Sprintf("run 'vet %s -h' for the flags", e.cmd)
	}
	return "run 'vet help' for usage"
}

// newFlagSet makes a subcommand's flag set; its errors are usage errors. The flag package
// prints the flag list on every parse error: the list is held back and printed only when it
// was asked for (-h), by parseFlags.
func newFlagSet(name, synopsis string, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(&heldOutput{w: e.stderr})
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: vet %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// heldOutput keeps what the flag package prints until parseFlags knows whether it was asked for.
type heldOutput struct {
	w   io.Writer
	buf bytes.Buffer
}

func (h *heldOutput) Write(p []byte) (int, error) { return h.buf.Write(p) }

// release prints what was held when print is set, and forgets it.
func (h *heldOutput) release(print bool) {
	if print {
		h.w.Write(h.buf.Bytes())
	}
	h.buf.Reset()
}

// parseFlags parses flags placed before or after the inputs (`vet run a.csv --out r`).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var inputs []string
	for {
		err := fs.Parse(args)
		if h, ok := fs.Output().(*heldOutput); ok {
			h.release(errors.Is(err, flag.ErrHelp))
		}
		if err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{msg: flagError(fs, err)}
		}
		args = fs.Args()
		if len(args) == 0 {
			return inputs, nil
		}
		inputs = append(inputs, args[0])
		args = args[1:]
	}
}

// The flag package's errors, to be said vet's way.
var (
	reUndefined = regexp.MustCompile(`(?s)^flag provided but not defined: -(.*)$`)
	reNoValue   = regexp.MustCompile(`(?s)^flag needs an argument: -(.*)$`)
	reBadValue  = regexp.MustCompile(`(?s)^invalid (?:boolean )?value (".*") for (?:flag )?-(\S+): (.*)$`)
)

// flagError says a parse error of the flag package in vet's words: `--posts: "ten" is not a
// whole number`.
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if m := reUndefined.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s: no such flag", flagName(cut(m[1])))
	}
	if m := reNoValue.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s needs a value", flagName(m[1]))
	}
	m := reBadValue.FindStringSubmatch(msg)
	if m == nil {
		return cut(msg)
	}
	value, uerr := strconv.Unquote(m[1])
	if uerr != nil {
		value = m[1]
	}
	name, why := m[2], m[3]
	switch why {
	case "parse error":
		return fmt.Sprintf("%s: %s is not %s", flagName(name), quote(value), flagKind(fs.Lookup(name)))
	case "value out of range":
		return fmt.Sprintf("%s: %s is out of range", flagName(name), quote(value))
	}
	return fmt.Sprintf("%s: %s", flagName(name), cut(why)) // a flag.Value's own words
}

// flagName writes a flag as the help does: -q, --out.
func flagName(name string) string {
	if utf8.RuneCountInString(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// flagKind names what a flag takes, for "… is not a whole number".
func flagKind(f *flag.Flag) string {
	if f == nil {
		return "valid"
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return "valid"
	}
	switch g.Get().(type) {
	case int, int64, uint, uint64:
		return "a whole number"
	case float64:
		return "a number"
	case bool:
		return "true or false"
	case time.Duration:
		return "a duration (such as 30s or 10m)"
	}
	return "valid"
}

// maxQuoted is how much of a value a message quotes (SPEC §1): a 1,000,000-character value
// would bury the message.
const maxQuoted = 200

// cut shortens s to maxQuoted characters, marking the cut.
func cut(s string) string {
	if utf8.RuneCountInString(s) <= maxQuoted {
		return s
	}
	r := []rune(s)
	return string(r[:maxQuoted]) + "…"
}

// quote is a value as messages show it: quoted, and cut.
func quote(s string) string { return strconv.Quote(cut(s)) }

// maxWord is the longest run of characters without a space that a message keeps whole: a value
// cut by quote, with its quotes and punctuation.
const maxWord = maxQuoted + 16

// oneLine is how every message leaves vet: on one line, and with any run of more than maxWord
// characters without a space (a 1,000,000-character header, say, quoted whole by whoever made
// the error) cut to maxQuoted, so that a message stays readable whatever it quotes.
func oneLine(msg string) string {
	msg = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(msg)
	if utf8.RuneCountInString(msg) <= maxWord {
		return msg
	}
	var b strings.Builder
	for i, word := range strings.Split(msg, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		if utf8.RuneCountInString(word) > maxWord {
			word = cut(word)
		}
		b.WriteString(word)
	}
	return b.String()
}
