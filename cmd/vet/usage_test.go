package main

import (
	"bytes"
	"errors"
	"flag"
	"github.com/vet-tool/vet/internal/config"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestOneLine(t *testing.T) {
	word := func(n int) string { return strings.Repeat("é", n) }
	for _, tc := range []struct {
		name, in, want string
	}{
		{"a short message is left as it is", "a: b", "a: b"},
		{"newlines become spaces", "a\nb\r\nc\rd", "a b c d"},
		{"a word of 216 characters (a quoted value cut at 200) is kept", "x " + word(216) + " y", "x " + word(216) + " y"},
		{"a word of 217 characters is cut at 200", "x " + word(217) + " y", "x " + word(200) + "… y"},
		{"every long word is cut", word(300) + " " + word(300), word(200) + "… " + word(200) + "…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := oneLine(tc.in); got != tc.want {
				t.Errorf("oneLine = %q (%d characters), want %q", got, utf8.RuneCountInString(got), tc.want)
			}
		})
	}
}

// TestAMillionCharacterHeaderIsNotEchoed: whatever an error quotes, vet prints one line of a
// readable length (issue 13 case 9).
func TestAMillionCharacterHeaderIsNotEchoed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "long.csv")
	if err := os.WriteFile(path, []byte(strings.Repeat("a", 1_000_000)+"\n1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"validate", path}, strings.NewReader(""), &stdout, &stderr); code != exitFailed {
		t.Fatalf("exit code %d, want %d", code, exitFailed)
	}
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	if len(lines) != 1 || len(lines[0]) > 4000 || !strings.HasPrefix(lines[0], "vet: ") {
		t.Errorf("stderr is %d lines, the first %d bytes long: %.300q", len(lines), len(lines[0]), lines[0])
	}
}

// FuzzOneLine holds every message vet prints to one line of words no longer than maxWord, and
// leaves a message that already is so as it was.
func FuzzOneLine(f *testing.F) {
	f.Add("vet: a.csv:2: likes: \"12,5x\" is not a count")
	f.Add("a\r\nb" + strings.Repeat("x", 300))
	f.Add(strings.Repeat("é ", 150) + strings.Repeat("\xff", 250))
	f.Fuzz(func(t *testing.T, msg string) {
		got := oneLine(msg)
		if strings.ContainsAny(got, "\r\n") {
			t.Fatalf("oneLine(%q) = %q: more than one line", msg, got)
		}
		already := !strings.ContainsAny(msg, "\r\n")
		for _, w := range strings.Split(got, " ") {
			if n := utf8.RuneCountInString(w); n > maxWord {
				t.Fatalf("oneLine(%q) keeps a word of %d characters", msg, n)
			}
		}
		for _, w := range strings.Split(msg, " ") {
			already = already && utf8.RuneCountInString(w) <= maxWord
		}
		if already && got != msg {
			t.Fatalf("oneLine(%q) = %q, want it unchanged", msg, got)
		}
	})
}

// FuzzFlagError holds every flag parse error to vet's wording: one line naming the flag, none
// of the flag package's own phrasing, no flag list.
func FuzzFlagError(f *testing.F) {
	f.Add("--posts", "ten", "x.csv")
	f.Add("-q=maybe", "--nope", "")
	f.Add("--far-below", "1e999", "--map")
	f.Add("---x", "-", "--")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		var stderr bytes.Buffer
		fs := newFlagSet("run", "run [flags] INPUT...", &env{stderr: &stderr})
		var s settings
		s.declare(fs, config.RunFlags)
		_, err := parseFlags(fs, []string{a, b, c})
		if err == nil {
			return
		}
		var ue *usageError
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		if !errors.As(err, &ue) {
			t.Fatalf("%v is not a usage error", err)
		}
		msg := oneLine(ue.msg)
		if strings.Contains(msg, "flag provided") || strings.Contains(msg, "invalid value") || strings.Contains(msg, "parse error") {
			t.Errorf("the flag package's wording: %q", msg)
		}
		if stderr.Len() > 0 {
			t.Errorf("printed %q beside the error", stderr.String())
		}
	})
}
