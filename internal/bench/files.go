package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ReportFiles are the report's files whose sizes make bench reports: the workbook (SPEC §4
// wants it within 25 MB at 20,000 × 50), the data files beside it and the client's PDF.
var ReportFiles = []string{"vetting.xlsx", "accounts.csv", "signals.csv", "posts.csv", "vetting.pdf"}

// WorkbookGoal is SPEC §4's size goal for the workbook of a 20,000 × 50 batch, in bytes, and
// OpenGoal its goal for LibreOffice opening it, in seconds.
const (
	WorkbookGoal = 25e6
	OpenGoal     = 30
)

// FileSizes are the sizes in bytes of the report's files in dir, by name; a file missing is
// left out.
func FileSizes(dir string) map[string]int64 {
	sizes := map[string]int64{}
	for _, name := range ReportFiles {
		if st, err := os.Stat(filepath.Join(dir, name)); err == nil {
			sizes[name] = st.Size()
		}
	}
	return sizes
}

// OpenCommand has LibreOffice (soffice) open the workbook headless and save it as CSV, with a
// profile of its own in profile (so a desktop session's LibreOffice is neither used nor
// disturbed): what it takes to open it, as SPEC §4's "LibreOffice opens it in 30 s" means.
func OpenCommand(soffice, profile, outDir, workbook string) Command {
	abs, err := filepath.Abs(profile)
	if err != nil {
		abs = profile
	}
	return Command{Args: []string{soffice, "--headless", "-env:UserInstallation=file://" + abs,
		"--convert-to", "csv", "--outdir", outDir, workbook}}
}

// Opened checks that LibreOffice wrote what OpenCommand asked for: soffice exits 0 even when
// it could not open the file.
func Opened(outDir, workbook string) error {
	name := strings.TrimSuffix(filepath.Base(workbook), filepath.Ext(workbook)) + ".csv"
	if st, err := os.Stat(filepath.Join(outDir, name)); err != nil || st.Size() == 0 {
		return fmt.Errorf("LibreOffice wrote no %s: it did not open %s", name, workbook)
	}
	return nil
}

func megabytes(n int64) string {
	if n == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
