package main

import (
	"bytes"
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
