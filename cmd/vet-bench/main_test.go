package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestParseSizes(t *testing.T) {
	t.Run("sizes read as post counts with k and m suffixes", func(t *testing.T) {
		got, err := parseSizes("100k, 1M,5000")
		if err != nil || !slices.Equal(got, []int{100_000, 1_000_000, 5_000}) {
			t.Fatalf("got %v, %v", got, err)
		}
	})
	for _, bad := range []string{"", "abc", "-1k", "125"} {
		t.Run("a size that is not a whole number of 50-post accounts is refused: "+bad, func(t *testing.T) {
			if _, err := parseSizes(bad); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

// fakes writes stand-ins for bin/vet and bin/vet-floor that print what the real ones print.
func fakes(t *testing.T) string {
	t.Helper()
	bin := t.TempDir()
	scripts := map[string]string{
		"vet": `#!/bin/sh
case "$4" in *.xlsx) echo "vet: $4: vet reads .csv files" >&2; exit 1;; esac
if [ "$1" = validate ]; then
	[ -f "$2/part4.xlsx" ] || { echo "vet: $2: no part4.xlsx" >&2; exit 1; }
	[ "$GOMAXPROCS" = 1 ] && sleep 0.3
	exit 0
fi
mkdir -p "$3"
head -c 2500000 /dev/zero > "$3/vetting.xlsx"
head -c 1200000 /dev/zero > "$3/posts.csv"
head -c 300000 /dev/zero > "$3/accounts.csv"
head -c 40000 /dev/zero > "$3/signals.csv"
echo "wrote $3/vetting.xlsx"
for s in ingest scoring workbook html summary; do echo "vet: timing: $s 10ms" >&2; done
`,
		// LibreOffice: --headless -env:… --convert-to csv --outdir DIR FILE
		"soffice": `#!/bin/sh
mkdir -p "$6"
case "$7" in *report-200/vetting.xlsx) echo "a,b" > "$6/vetting.csv";; esac
`,
		"vet-floor": `#!/bin/sh
case "$1" in
csv) echo "floor: csv-read 5ms 100";;
xlsx-read) echo "floor: xlsx-read 50ms 100";;
xlsx-stream) echo "floor: load 1ms 100"; echo "floor: xlsx-stream 20ms 100";;
esac
`,
	}
	for name, body := range scripts {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return bin
}

func TestRunWritesTheFigures(t *testing.T) {
	bin, dir := fakes(t), t.TempDir()
	md := filepath.Join(dir, "BENCHMARKS.md")
	var stdout, stderr strings.Builder
	code := run([]string{"-bin", bin, "-dir", dir, "-sizes", "100,200", "-runs", "2", "-write", md, "-libreoffice", filepath.Join(bin, "soffice")}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{
		"| | 100 posts | 200 posts |",
		"| runs | 2 | 2 |",
		"| &nbsp;&nbsp;workbook | 0.010 s (0.010–0.010) | 0.010 s (0.010–0.010) |",
		"| **floor** total | 0.025 s (0.025–0.025) | 0.025 s (0.025–0.025) |",
		"vet run (xlsx) not measured",
		"| XLSX in, as 4 files: vet validate, every core (files read at once) | 0.0",
		"| vet run ÷ that floor |",
		"| workbook (vetting.xlsx) size | 2.5 MB | 2.5 MB |",
		"| accounts.csv, signals.csv, posts.csv sizes | 0.3 MB, 0.0 MB, 1.2 MB | 0.3 MB, 0.0 MB, 1.2 MB |",
		"| LibreOffice opens the workbook (headless, to CSV), wall | — | 0.",
		"| workbook size (SPEC §4, at 20,000 × 50) | ≤ 25 MB | 2.5 MB | yes |",
		"| LibreOffice opens the workbook (SPEC §4) | ≤ 30 s | 0.",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
		}
	}
	t.Run("the one-core run is measured as the one the stand-in makes wait 0.3 s", func(t *testing.T) {
		// Not a timing assertion on vet: the stand-in sleeps 0.3 s on one core, so the figure
		// must be at least that; how much more depends on how busy the machine is.
		m := regexp.MustCompile(`\| XLSX in, as 4 files: vet validate, 1 core \(GOMAXPROCS=1\) \| (\d+\.\d+) s`).FindStringSubmatch(stdout.String())
		if m == nil {
			t.Fatalf("no one-core figure:\n%s", stdout.String())
		}
		if v, _ := strconv.ParseFloat(m[1], 64); v < 0.3 {
			t.Errorf("one core: %s s, want at least the stand-in's 0.3 s", m[1])
		}
	})
	t.Run("the batches are generated once and the figures spliced into the file", func(t *testing.T) {
		for _, f := range []string{"posts-100-seed1.csv", "posts-100-seed1.xlsx", "posts-200-seed1.csv", "posts-200-seed1-xlsx4/part4.xlsx"} {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Error(err)
			}
		}
		b, err := os.ReadFile(md)
		if err != nil || !strings.Contains(string(b), "| runs | 2 | 2 |") {
			t.Fatalf("%s: %v\n%s", md, err, b)
		}
	})
}

func TestRunSaysWhatItCouldNotMeasure(t *testing.T) {
	bin := fakes(t)
	for _, tc := range []struct{ name, soffice, want string }{
		{"without LibreOffice the opening time is a note", "", "LibreOffice's opening time not measured: LibreOffice is not installed"},
		{"a LibreOffice that writes nothing did not open the workbook", "true", "LibreOffice's opening time not measured: LibreOffice wrote no vetting.csv"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			soffice := tc.soffice
			if soffice != "" {
				soffice = "/bin/" + soffice
			}
			var stdout, stderr strings.Builder
			code := run([]string{"-bin", bin, "-dir", t.TempDir(), "-sizes", "100", "-runs", "1", "-xlsx=false", "-libreoffice", soffice}, &stdout, &stderr)
			if code != 0 || !strings.Contains(stdout.String(), tc.want) {
				t.Errorf("exit %d, stdout lacks %q:\n%s\n%s", code, tc.want, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), "| LibreOffice opens the workbook (SPEC §4) | ≤ 30 s | — | — |") {
				t.Errorf("the goal is not left open:\n%s", stdout.String())
			}
		})
	}
}
