package bench

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFileSizes(t *testing.T) {
	dir := t.TempDir()
	for name, size := range map[string]int{"vetting.xlsx": 1234, "posts.csv": 10, "other.txt": 5} {
		if err := os.WriteFile(filepath.Join(dir, name), make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := FileSizes(dir)
	if len(got) != 2 || got["vetting.xlsx"] != 1234 || got["posts.csv"] != 10 {
		t.Errorf("sizes = %v, want the workbook's and posts.csv's, the missing CSVs left out", got)
	}
}

func TestOpenCommand(t *testing.T) {
	c := OpenCommand("/usr/bin/soffice", "/tmp/p", "/tmp/out", "/r/vetting.xlsx")
	want := []string{"/usr/bin/soffice", "--headless", "-env:UserInstallation=file:///tmp/p", "--convert-to", "csv", "--outdir", "/tmp/out", "/r/vetting.xlsx"}
	if !slices.Equal(c.Args, want) || c.Prefix != "" {
		t.Errorf("command = %q", c.Args)
	}
	t.Run("LibreOffice's silence is not an opening", func(t *testing.T) {
		out := t.TempDir()
		if err := Opened(out, "/r/vetting.xlsx"); err == nil || !strings.Contains(err.Error(), "vetting.csv") {
			t.Errorf("Opened with no CSV = %v", err)
		}
		os.WriteFile(filepath.Join(out, "vetting.csv"), []byte("a\n"), 0o644)
		if err := Opened(out, "/r/vetting.xlsx"); err != nil {
			t.Error(err)
		}
	})
}

func TestMeasureAProgramWithoutTimings(t *testing.T) {
	s, err := Measure(Command{Args: []string{"/bin/echo", "convert vetting.xlsx -> vetting.csv"}})
	if err != nil || s.Wall <= 0 || len(s.Steps) != 0 {
		t.Errorf("sample = %+v, %v", s, err)
	}
}
