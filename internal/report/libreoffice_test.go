package report

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWorkbookOpensInLibreOffice has LibreOffice, when it is installed, convert the workbook:
// to PDF (it opens at all) and each sheet to CSV (the values it reads, formulas evaluated).
// Skipped without LibreOffice: `apt-get install libreoffice-calc` to run it.
func TestWorkbookOpensInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	soffice := needLibreOffice(t)
	dir := t.TempDir()
	if _, err := Write(dir, brandedReport(t)); err != nil { // with the logo, sparklines and History
		t.Fatal(err)
	}
	convert := func(to string) { t.Helper(); convertWorkbook(t, soffice, dir, to) }
	convert("pdf")
	if st, err := os.Stat(filepath.Join(dir, "vetting.pdf")); err != nil || st.Size() == 0 {
		t.Fatalf("LibreOffice made no PDF of the workbook: %v", err)
	}
	// 44: comma; 34: double quote; 76: UTF-8; the last field -1: every sheet to its own file.
	convert(`csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`)
	read := func(sheet string) string {
		b, err := os.ReadFile(filepath.Join(dir, "vetting-"+sheet+".csv"))
		if err != nil {
			t.Fatalf("no CSV of sheet %s: %v", sheet, err)
		}
		return string(b)
	}
	for _, tc := range []struct{ name, sheet, want string }{
		{"the formula handle is read as its text, not run", english(SheetAccounts), `"=HYPERLINK(""http://x"",""y"")"`},
		{"the @ caption is read as its text, not run", english(SheetVideos), "@SUM(1+1)"},
		{"the rejected =1+1 is read as its text, not run", english(SheetRejected), "=1+1"},
		{"the summary's reconciliation is there", english(SheetSummary), "26 read = 25 used + 0 duplicates + 1 rejected"},
		{"the summary opens with the title", english(SheetSummary), "Spring & Summer shortlist"},
		// healthy's newest post: 20,000 views, 1,500 likes, 100 comments, 10 shares, no saves
		// column (an empty cell between the shares and the view ER), (1,500+100+10)/20,000.
		// Cells are written without their references where they follow the previous one.
		{"a video's cells land in their columns, around an empty one", english(SheetVideos), `healthy,4000,2026-11-20 12:00:00,20000,1500,100,10,,8.05%,yes,yes,`},
		{"an account's figures land in their columns", english(SheetAccounts), `,PASS,firm,,`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := read(tc.sheet); !strings.Contains(got, tc.want) {
				t.Errorf("sheet %s as LibreOffice reads it has no %s:\n%s", tc.sheet, tc.want, got)
			}
		})
	}
}

// convertWorkbook has LibreOffice convert the workbook in dir to the format to, beside it.
func convertWorkbook(t *testing.T, soffice, dir, to string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", to, "--outdir", dir, filepath.Join(dir, WorkbookFile))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice --convert-to %s: %v\n%s", to, err, out)
	}
}
