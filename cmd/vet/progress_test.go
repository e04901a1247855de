package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/vet-tool/vet/internal/lang"
)

func TestProgressOnlyOnATerminal(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	// A pseudo-terminal stands in for the user's terminal.
	ptm, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	defer ptm.Close()
	defer tty.Close()
	file, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	for _, tc := range []struct {
		name  string
		w     any
		env   func(string) string
		quiet bool
		want  bool
	}{
		{"a buffer gets no bar", &bytes.Buffer{}, env(), false, false},
		{"a file gets no bar", file, env(), false, false},
		{"-q gets no bar even on a terminal", tty, env(), true, false},
		{"CI gets no bar even on a terminal", tty, env("CI", "true"), false, false},
		{"a dumb terminal gets no bar", tty, env("TERM", "dumb"), false, false},
		{"a terminal gets a bar", tty, env(), false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := wantProgress(tc.w.(interface{ Write([]byte) (int, error) }), tc.env, tc.quiet); got != tc.want {
				t.Errorf("wantProgress = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestProgressDrawsTheStageAndThePostsRead(t *testing.T) {
	ptm, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	defer ptm.Close()
	if err := pty.Setsize(tty, &pty.Winsize{Rows: 24, Cols: 100}); err != nil {
		t.Fatal(err)
	}
	// What the terminal shows, as it comes.
	chunks := make(chan string, 64)
	go func() {
		defer close(chunks)
		buf := make([]byte, 4096)
		for {
			n, err := ptm.Read(buf)
			if n > 0 {
				chunks <- string(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	var shown strings.Builder
	// waitFor reads the terminal until it has shown all of want (since the last wait).
	waitFor := func(want ...string) {
		t.Helper()
		from := shown.Len()
		deadline := time.After(10 * time.Second)
		for {
			all := true
			for _, w := range want {
				all = all && strings.Contains(shown.String()[from:], w)
			}
			if all {
				return
			}
			select {
			case c, ok := <-chunks:
				if !ok {
					t.Fatalf("the terminal closed showing %q, want %q", shown.String(), want)
				}
				shown.WriteString(c)
			case <-deadline:
				t.Fatalf("after 10 s the terminal shows %q, want %q", shown.String(), want)
			}
		}
	}
	bar := startProgress(tty, 0, english)
	bar.posts(123_456)
	waitFor("vet: reading", "123,456 posts read")
	bar.setStage("writing the workbook")
	waitFor("vet: writing the workbook", "123,456 posts read")
	bar.done()
	// In the run's language: --lang nl.
	bar = startProgress(tty, 0, lang.New(lang.Dutch, ""))
	bar.posts(123_456)
	waitFor("vet: inlezen", "123.456 posts gelezen")
	bar.done()
	tty.Close()
}
