package dist

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// chartTree writes a repository's chart files into a scratch folder: the script and two
// licence files where `make assets` puts them, and echarts.version pinning their checksums.
func chartTree(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	files := map[string]string{ // path in the npm package → where make assets puts it
		"package/dist/echarts.min.js": "templates/assets/echarts.min.js",
		"package/LICENSE":             "templates/assets/echarts-licenses/LICENSE",
		"package/licenses/LICENSE-d3": "templates/assets/echarts-licenses/licenses/LICENSE-d3",
	}
	pins := "5.4.3\n"
	for _, pkg := range []string{"package/dist/echarts.min.js", "package/LICENSE", "package/licenses/LICENSE-d3"} {
		body := "contents of " + pkg + "\n"
		pins += fmt.Sprintf("%x  %s\n", sha256.Sum256([]byte(body)), pkg)
		writeUnder(t, src, files[pkg], body)
	}
	writeUnder(t, src, "templates/echarts.version", pins)
	return src
}

func writeUnder(t *testing.T, root, name, body string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestChartFiles(t *testing.T) {
	t.Run("the licence files that match their pins are packed under licenses/echarts, the script is not", func(t *testing.T) {
		got, err := chartFiles(chartTree(t))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range got {
			names = append(names, e.name+"="+string(e.body))
		}
		want := "licenses/echarts/LICENSE=contents of package/LICENSE\n licenses/echarts/licenses/LICENSE-d3=contents of package/licenses/LICENSE-d3\n"
		if strings.Join(names, " ") != want {
			t.Errorf("packed %q, want %q", strings.Join(names, " "), want)
		}
	})
	for _, tc := range []struct {
		name, file, body, want string
	}{
		{"a script that differs from its pin by one byte is refused", "templates/assets/echarts.min.js", "contents of package/dist/echarts.min.js!\n",
			"templates/assets/echarts.min.js: SHA-256 "},
		{"a licence file that differs is refused", "templates/assets/echarts-licenses/LICENSE", "",
			"templates/assets/echarts-licenses/LICENSE: SHA-256 "},
		{"a missing script says how to fetch it", "templates/assets/echarts.min.js", "-",
			"templates/assets/echarts.min.js: missing: run `make assets`"},
		{"a pin that is not a checksum and a path is refused with its line", "templates/echarts.version", "5.4.3\nabc package/LICENSE\n",
			`templates/echarts.version:2: want "SHA-256  package/PATH"`},
		{"pins without the script are refused", "templates/echarts.version", "5.4.3\n",
			"templates/echarts.version: no checksum for package/dist/echarts.min.js"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := chartTree(t)
			if tc.body == "-" {
				os.Remove(filepath.Join(src, filepath.FromSlash(tc.file)))
			} else {
				writeUnder(t, src, tc.file, tc.body)
			}
			_, err := chartFiles(src)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %v, want it to start %q", err, tc.want)
			}
		})
	}
}
