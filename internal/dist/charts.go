package dist

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Where the chart script and its licence files are, in the repository: templates/echarts.version
// pins them by their path in the npm package, and the Makefile's assets target puts the script
// where the Go build embeds it and the licence files beside it.
const (
	chartsPins      = "templates/echarts.version"
	chartsScript    = "package/dist/echarts.min.js"
	scriptOnDisk    = "templates/assets/echarts.min.js"
	licencesOnDisk  = "templates/assets/echarts-licenses"
	chartsInArchive = "licenses/echarts" // the licence files' folder in an archive
)

// chartFiles checks the chart script and its licence files against the checksums
// templates/echarts.version pins, and returns the licence files as archive entries (the script
// itself travels inside the binary). A file that is missing or differs is an error naming it.
func chartFiles(src string) ([]entry, error) {
	pins, err := os.ReadFile(filepath.Join(src, chartsPins))
	if err != nil {
		return nil, err
	}
	var licences []entry
	sawScript := false
	sc := bufio.NewScanner(bytes.NewReader(pins))
	for n := 1; sc.Scan(); n++ {
		if n == 1 || strings.TrimSpace(sc.Text()) == "" {
			continue // the version
		}
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok || len(sum) != sha256.Size*2 || !strings.HasPrefix(name, "package/") || path.Clean(name) != name {
			return nil, fmt.Errorf("%s:%d: want \"SHA-256  package/PATH\", have %q", chartsPins, n, sc.Text())
		}
		onDisk := path.Join(licencesOnDisk, strings.TrimPrefix(name, "package/"))
		if name == chartsScript {
			onDisk, sawScript = scriptOnDisk, true
		}
		body, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(onDisk)))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: missing: run `make assets` (it fetches the pinned ECharts package)", onDisk)
		}
		if err != nil {
			return nil, err
		}
		if got := sha256.Sum256(body); hex.EncodeToString(got[:]) != sum {
			return nil, fmt.Errorf("%s: SHA-256 %x, but %s:%d pins %s: run `make echarts`", onDisk, got, chartsPins, n, sum)
		}
		if name != chartsScript {
			licences = append(licences, entry{name: path.Join(chartsInArchive, strings.TrimPrefix(name, "package/")), mode: 0o644, body: body})
		}
	}
	if !sawScript {
		return nil, fmt.Errorf("%s: no checksum for %s", chartsPins, chartsScript)
	}
	if len(licences) == 0 {
		return nil, fmt.Errorf("%s: no checksum for the chart script's licence files", chartsPins)
	}
	return licences, sc.Err()
}
