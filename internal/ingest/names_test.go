//go:build unix

package ingest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestInputsAreNamedAsGiven is issue 23 item 10's paths: an input is named so that the user
// finds it, and two inputs are never named alike. A pipe (process substitution's /dev/fd/63) is
// named whole and read as - is; files of the same name under two absolute folders are named
// with as much of their path as tells them apart; relative paths are named as given.
func TestInputsAreNamedAsGiven(t *testing.T) {
	const posts = "account,views,likes,comments,shares,caption\nbob,100,1,1,1,x\n"
	names := func(b *Batch) string {
		var ns []string
		for _, in := range b.Inputs {
			ns = append(ns, in.Name)
		}
		return strings.Join(ns, " ")
	}
	t.Run("a pipe is named by its path and read", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		go func() { w.WriteString(posts); w.Close() }()
		path := "/dev/fd/" + strconv.Itoa(int(r.Fd()))
		b, err := Read([]string{path}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if names(b) != path || len(b.Posts) != 1 {
			t.Errorf("inputs %q with %d posts, want %s with 1", names(b), len(b.Posts), path)
		}
	})
	t.Run("an unreadable pipe's error names its path", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		w.Close()
		path := "/dev/fd/" + strconv.Itoa(int(r.Fd()))
		_, err = Read([]string{path}, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), path+": ") {
			t.Errorf("error %v, want it to begin with %s", err, path)
		}
	})
	t.Run("files of one name under two absolute folders are told apart", func(t *testing.T) {
		root := t.TempDir()
		var paths []string
		for _, d := range []string{"a", "b"} {
			p := filepath.Join(root, d, "posts.csv")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(posts), 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}
		b, err := Read(paths, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := names(b); got != "a/posts.csv b/posts.csv" {
			t.Errorf("inputs named %q, want a/posts.csv b/posts.csv", got)
		}
		if strings.Contains(names(b), root) {
			t.Errorf("inputs named with the local path %q", names(b))
		}
	})
	t.Run("a lone absolute file keeps its base name only", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "mine.csv")
		if err := os.WriteFile(p, []byte(posts), 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := Read([]string{p}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := names(b); got != "mine.csv" {
			t.Errorf("input named %q, want mine.csv", got)
		}
	})
	t.Run("relative paths are named as given", func(t *testing.T) {
		b := mustRead(t, map[string]string{"a/posts.csv": posts, "b/posts.csv": posts}, Options{}, "a/posts.csv", "b/posts.csv")
		if got := names(b); got != "a/posts.csv b/posts.csv" {
			t.Errorf("inputs named %q", got)
		}
	})
}
