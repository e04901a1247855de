package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/report"
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

// TestIngestKnowsEveryReportFile holds ingest's copy of the report's file names to
// report.Files(): a folder that holds a report is read for its exports only, whatever files a
// report gains.
func TestIngestKnowsEveryReportFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	export := "account,followers,views,likes,comments,shares\na,1000,500,20,1,0\na,1000,600,25,2,1\na,1000,700,30,3,0\n"
	if err := os.WriteFile(filepath.Join(dir, "export.csv"), []byte(export), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"run", "-q", "--out", dir, dir}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	// Read the folder as a later run would, without telling ingest where the report is.
	b, err := ingest.Read([]string{dir}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Inputs) != 1 || b.Read != 3 || len(b.Skipped) != 0 {
		t.Errorf("read %d inputs (%d rows, %d skipped), want export.csv alone: %+v", len(b.Inputs), b.Read, len(b.Skipped), b.Inputs)
	}
	for _, name := range report.Files() {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("the report lacks %s: %v", name, err)
		}
	}
}
