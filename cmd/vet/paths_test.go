package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoLocalPathInTheReport runs vet on inputs named by absolute paths, a folder and a file,
// and looks through every file it writes (the workbook's parts unzipped) for any part of the
// sender's folders: a report goes to a client, the sender's disk does not (SPEC §4).
func TestNoLocalPathInTheReport(t *testing.T) {
	home := filepath.Join(t.TempDir(), "agency-private")
	exports := filepath.Join(home, "exports")
	if err := os.MkdirAll(exports, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"posts-generic.csv", "apify-export.csv", "prices.csv"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "examples", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(exports, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	extra := filepath.Join(home, "late-additions.csv")
	if err := os.WriteFile(extra, []byte("account,followers,views,likes,comments,shares\n@late,5000,900,80,4,1\n@late,5000,950,85,4,1\n@late,5000,990,8x,5,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "report")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"run", "--out", out, exports, extra}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	files, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 6 {
		t.Fatalf("the report holds %d files", len(files))
	}
	for _, f := range files {
		path := filepath.Join(out, f.Name())
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		parts := map[string][]byte{f.Name(): b}
		if strings.HasSuffix(f.Name(), ".xlsx") {
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			for _, zf := range zr.File {
				rc, _ := zf.Open()
				parts[f.Name()+":"+zf.Name], _ = io.ReadAll(rc)
				rc.Close()
			}
		}
		for name, text := range parts {
			if bytes.Contains(text, []byte("agency-private")) || bytes.Contains(text, []byte(filepath.Dir(home))) {
				t.Errorf("%s names the sender's folders", name)
			}
		}
	}
	t.Run("the files are still named, by the folder given and the file name", func(t *testing.T) {
		b, _ := os.ReadFile(filepath.Join(out, "summary.json"))
		for _, want := range []string{`"exports/posts-generic.csv"`, `"late-additions.csv"`} {
			if !bytes.Contains(b, []byte(want)) {
				t.Errorf("summary.json does not name %s", want)
			}
		}
	})
}
