package dist

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestTheFontsLicenceIsShipped: the PDF embeds go-fonts/dejavu's DejaVu faces, whose licence
// (Bitstream Vera and Arev) asks for its notice beside every copy: each archive carries the
// module's LICENSE-DejaVu (and its LICENSE, for the Go code) under licenses/, as it does the
// chart script's. TestReleaseArchives checks the same in a built archive; this reads the list
// that goes into one without building it, so it runs without Chromium.
func TestTheFontsLicenceIsShipped(t *testing.T) {
	src, err := filepath.Abs(filepath.Join("..", ".."))
	must(t, err)
	files, err := moduleLicences(Options{Source: src, Go: "go"}, Target{runtime.GOOS, runtime.GOARCH})
	must(t, err)
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-fonts/dejavu").Output()
	must(t, err)
	for _, name := range []string{"LICENSE-DejaVu", "LICENSE"} {
		want, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(dir)), name))
		must(t, err)
		found := false
		for _, f := range files {
			if f.name == "licenses/github.com/go-fonts/dejavu/"+name {
				found = true
				if !bytes.Equal(f.body, want) {
					t.Errorf("%s is not the module's %s", f.name, name)
				}
			}
		}
		if !found {
			t.Errorf("no licenses/github.com/go-fonts/dejavu/%s among the archive's licence files", name)
		}
	}
	if fonts, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(dir)), "LICENSE-DejaVu")); err != nil || !bytes.Contains(fonts, []byte("Bitstream Vera")) {
		t.Errorf("LICENSE-DejaVu does not name Bitstream Vera (%v): is it the fonts' licence?", err)
	}
}
