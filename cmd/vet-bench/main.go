// Command vet-bench is `make bench`: it generates the synthetic batches if they are absent, runs
// the floor programs and `vet run` several times at each size, and prints the medians as
// Markdown, held against SPEC §5's goals.
//
//	vet-bench [-bin bin] [-dir bench-out] [-sizes 100k,1m] [-runs 3] [-xlsx] [-libreoffice soffice] [-write BENCHMARKS.md]
//	vet-bench -profile DIR [-sizes 1m]
//
// -profile runs vet's pipeline in-process on the largest batch instead, with pprof on: see
// profile.go.
//
// Beside the times it reports the size of the workbook and of the CSVs vet run wrote at each
// size, and, when LibreOffice is installed, how long it takes to open the largest size's
// workbook (SPEC §4: 25 MB and 30 s at 20,000 × 50).
//
// It needs bin/vet and bin/vet-floor (the Makefile builds them). Runs of the different programs
// are interleaved, so that a burst of load from elsewhere spreads over all of them rather than
// landing on one.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/vet-tool/vet/internal/bench"
	"github.com/vet-tool/vet/internal/synth"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// postsPerAccount is the shape of every batch: 2,000 × 50 for 100K, 20,000 × 50 for 1M.
const postsPerAccount = 50

type options struct {
	bin, dir, write string
	profile         string
	sizes           []int
	runs            int
	xlsx            bool
	seed            uint64
	libreoffice     string // soffice to time opening the workbook with; "" for none
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("vet-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.bin, "bin", "bin", "`dir`ectory holding vet and vet-floor")
	fs.StringVar(&o.dir, "dir", "bench-out", "`dir`ectory for the generated batches and reports")
	sizes := fs.String("sizes", "100k,1m", "batch sizes in posts, comma-separated (50 posts per account)")
	fs.IntVar(&o.runs, "runs", 3, "runs of each program per size")
	fs.BoolVar(&o.xlsx, "xlsx", true, "also measure reading the batch as XLSX")
	fs.StringVar(&o.write, "write", "", "splice the figures into this Markdown `file` (BENCHMARKS.md)")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the generated batches")
	fs.StringVar(&o.libreoffice, "libreoffice", findLibreOffice(), "LibreOffice's `soffice` to time opening the largest workbook with (\"\" for none)")
	fs.StringVar(&o.profile, "profile", "", "profile vet's pipeline in-process on the largest size into this `dir`ectory instead")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	var err error
	if o.sizes, err = parseSizes(*sizes); err != nil || o.runs < 1 || fs.NArg() > 0 {
		fmt.Fprintf(stderr, "vet-bench: bad -sizes %q or -runs %d\n", *sizes, o.runs)
		return 2
	}
	if o.profile != "" {
		csvPath, _, err := batch(options{dir: o.dir, seed: o.seed}, o.sizes[len(o.sizes)-1], stderr)
		if err == nil {
			err = profile(o.profile, csvPath, stderr)
		}
		if err != nil {
			fmt.Fprintf(stderr, "vet-bench: %v\n", err)
			return 1
		}
		return 0
	}
	if err := benchAll(o, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "vet-bench: %v\n", err)
		return 1
	}
	return 0
}

// parseSizes reads "100k,1m,5000" as post counts.
func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		mult := 1
		switch {
		case strings.HasSuffix(f, "k"):
			mult, f = 1_000, strings.TrimSuffix(f, "k")
		case strings.HasSuffix(f, "m"):
			mult, f = 1_000_000, strings.TrimSuffix(f, "m")
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 || n*mult%postsPerAccount != 0 {
			return nil, fmt.Errorf("size %q", f)
		}
		out = append(out, n*mult)
	}
	return out, nil
}

func benchAll(o options, stdout, stderr io.Writer) error {
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return err
	}
	vet, floorBin := filepath.Join(o.bin, "vet"), filepath.Join(o.bin, "vet-floor")
	if _, err := os.Stat(floorBin); err != nil {
		return fmt.Errorf("%s: build it first (make bench does)", floorBin)
	}
	m := bench.ThisMachine()
	var rs []bench.Result
	for _, posts := range o.sizes {
		r, err := measure(o, posts, vet, floorBin, stderr)
		if err != nil {
			return err
		}
		rs = append(rs, r)
	}
	if len(rs) > 0 {
		timeOpening(o, &rs[len(rs)-1], stderr)
	}
	m.LoadTo = bench.LoadAverage()
	var b strings.Builder
	bench.WriteMarkdown(&b, m, rs)
	fmt.Fprint(stdout, b.String())
	if o.write != "" {
		if err := bench.WriteFile(o.write, b.String()); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "vet-bench: figures written into %s\n", o.write)
	}
	return nil
}

// batch makes sure the CSV and XLSX of a size exist, generating what is missing.
func batch(o options, posts int, stderr io.Writer) (csvPath, xlsxPath string, err error) {
	c := synth.Config{Accounts: posts / postsPerAccount, Posts: postsPerAccount, Seed: o.seed}
	base := filepath.Join(o.dir, fmt.Sprintf("posts-%s-seed%d", synth.Name(posts), o.seed))
	csvPath, xlsxPath = base+".csv", base+".xlsx"
	paths := []string{csvPath}
	if o.xlsx {
		paths = append(paths, xlsxPath)
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			continue
		}
		fmt.Fprintf(stderr, "vet-bench: generating %s (%d accounts × %d posts)…\n", p, c.Accounts, c.Posts)
		start := time.Now()
		if err := synth.WriteFile(p, c); err != nil {
			return "", "", err
		}
		fmt.Fprintf(stderr, "vet-bench: generated %s in %s\n", p, time.Since(start).Round(time.Millisecond))
	}
	return csvPath, xlsxPath, nil
}

// splitBatch makes sure a folder holds the batch of a size as bench.SplitFiles workbooks (of
// a quarter of the accounts each, seeds seed, seed+1…), generating what is missing.
func splitBatch(o options, posts int, stderr io.Writer) (string, error) {
	dir := filepath.Join(o.dir, fmt.Sprintf("posts-%s-seed%d-xlsx%d", synth.Name(posts), o.seed, bench.SplitFiles))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	for i := range bench.SplitFiles {
		c := synth.Config{Accounts: max(1, posts/postsPerAccount/bench.SplitFiles), Posts: postsPerAccount, Seed: o.seed + uint64(i)}
		p := filepath.Join(dir, fmt.Sprintf("part%d.xlsx", i+1))
		if _, err := os.Stat(p); err == nil {
			continue
		}
		fmt.Fprintf(stderr, "vet-bench: generating %s (%d accounts × %d posts)…\n", p, c.Accounts, c.Posts)
		if err := synth.WriteFile(p, c); err != nil {
			return "", err
		}
	}
	return dir, nil
}

func measure(o options, posts int, vet, floorBin string, stderr io.Writer) (bench.Result, error) {
	r := bench.Result{Name: synth.Name(posts), Posts: posts}
	csvPath, xlsxPath, err := batch(o, posts, stderr)
	if err != nil {
		return r, err
	}
	out := filepath.Join(o.dir, "report-"+r.Name)
	hasVet := true
	if _, err := os.Stat(vet); err != nil {
		hasVet = false
		r.Notes = append(r.Notes, fmt.Sprintf("vet not measured: %s is missing", vet))
	}
	type job struct {
		name  string
		dst   *[]bench.Sample
		cmd   bench.Command
		fatal bool // a failure stops the benchmark; otherwise it becomes a note
	}
	jobs := []job{
		{"floor csv", &r.FloorCSV, bench.Command{Args: []string{floorBin, "csv", csvPath}, Prefix: bench.FloorPrefix}, true},
		{"floor xlsx-stream", &r.FloorWrite, bench.Command{Args: []string{floorBin, "xlsx-stream", csvPath, filepath.Join(o.dir, "floor-"+r.Name+".xlsx")}, Prefix: bench.FloorPrefix}, true},
	}
	if hasVet {
		jobs = append(jobs, job{"vet run", &r.Vet, vetRun(vet, out, csvPath), true},
			job{"vet run (no history)", &r.VetNoHistory, vetRunWithout(vet, out+"-nohistory", csvPath), false})
	}
	jobs = append(jobs, job{"floor xlsx-stream -direct -level 1", &r.FloorFast, bench.Command{Args: []string{floorBin, "xlsx-stream", "-direct", "-level", "1", csvPath, filepath.Join(o.dir, "floor-fast-"+r.Name+".xlsx")}, Prefix: bench.FloorPrefix}, true})
	if o.xlsx {
		jobs = append(jobs, job{"floor xlsx-read", &r.FloorXLSX, bench.Command{Args: []string{floorBin, "xlsx-read", xlsxPath}, Prefix: bench.FloorPrefix}, true})
		if hasVet {
			jobs = append(jobs, job{"vet run (xlsx)", &r.VetXLSX, vetRun(vet, out+"-xlsx", xlsxPath), false})
			split, err := splitBatch(o, posts, stderr)
			if err != nil {
				return r, err
			}
			validate := []string{vet, "validate", split}
			jobs = append(jobs,
				job{"vet validate (xlsx files, 1 core)", &r.SplitOne, bench.Command{Args: validate, Env: []string{"GOMAXPROCS=1"}, Prefix: bench.VetPrefix}, false},
				job{"vet validate (xlsx files, every core)", &r.SplitAll, bench.Command{Args: validate, Prefix: bench.VetPrefix}, false})
		}
	}
	failed := map[string]bool{}
	for i := 1; i <= o.runs; i++ {
		for _, j := range jobs {
			if failed[j.name] {
				continue
			}
			fmt.Fprintf(stderr, "vet-bench: %s posts, run %d/%d: %s… ", synth.Name(posts), i, o.runs, j.name)
			s, err := bench.Measure(j.cmd)
			if err != nil {
				fmt.Fprintln(stderr, "failed")
				if j.fatal {
					return r, err
				}
				failed[j.name] = true
				r.Notes = append(r.Notes, fmt.Sprintf("%s not measured: %v", j.name, err))
				continue
			}
			fmt.Fprintf(stderr, "%s, %d MB\n", s.Wall.Round(time.Millisecond), s.PeakRSS>>20)
			*j.dst = append(*j.dst, s)
		}
	}
	if hasVet {
		r.Files = bench.FileSizes(out)
	}
	if len(r.Vet) > 0 && len(r.Vet[0].Steps) == 0 {
		r.Notes = append(r.Notes, "vet run printed no stage timings (VET_TIMINGS=1 not supported yet): only its wall time and RSS are measured")
	}
	return r, nil
}

// vetRun is vet as SPEC §5 measures it: every output written, the CSVs and a history append
// (into a history made fresh before each run, so every run appends the same snapshot).
func vetRun(vet, out, input string) bench.Command {
	history := out + ".history.db"
	return bench.Command{Args: []string{vet, "run", "--out", out, input, "--history", history},
		Env: []string{"VET_TIMINGS=1"}, Prefix: bench.VetPrefix, Fresh: []string{history}}
}

// vetRunWithout is vet run without a history, to measure what the append adds.
func vetRunWithout(vet, out, input string) bench.Command {
	return bench.Command{Args: []string{vet, "run", "--out", out, input}, Env: []string{"VET_TIMINGS=1"}, Prefix: bench.VetPrefix}
}

// findLibreOffice is LibreOffice's soffice on PATH, or "" when it is not installed.
func findLibreOffice() string {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// openRuns is how many times LibreOffice opens the workbook: the first run also sets up its
// profile, and each takes tens of seconds.
const openRuns = 2

// timeOpening has LibreOffice open the workbook vet run wrote for r, openRuns times, when it
// is installed; what goes wrong becomes a note.
func timeOpening(o options, r *bench.Result, stderr io.Writer) {
	workbook := filepath.Join(o.dir, "report-"+r.Name, "vetting.xlsx")
	if o.libreoffice == "" {
		r.Notes = append(r.Notes, "LibreOffice's opening time not measured: LibreOffice is not installed (apt-get install libreoffice-calc)")
		return
	}
	if _, err := os.Stat(workbook); err != nil {
		r.Notes = append(r.Notes, "LibreOffice's opening time not measured: no workbook from vet run")
		return
	}
	outDir := filepath.Join(o.dir, "libreoffice-"+r.Name)
	cmd := bench.OpenCommand(o.libreoffice, filepath.Join(o.dir, "libreoffice-profile"), outDir, workbook)
	for i := 1; i <= openRuns; i++ {
		fmt.Fprintf(stderr, "vet-bench: %s posts, run %d/%d: LibreOffice opens the workbook… ", r.Name, i, openRuns)
		os.RemoveAll(outDir)
		s, err := bench.Measure(cmd)
		if err == nil {
			err = bench.Opened(outDir, workbook)
		}
		if err != nil {
			fmt.Fprintln(stderr, "failed")
			r.Notes = append(r.Notes, fmt.Sprintf("LibreOffice's opening time not measured: %v", err))
			return
		}
		fmt.Fprintf(stderr, "%s, %d MB\n", s.Wall.Round(time.Millisecond), s.PeakRSS>>20)
		r.Open = append(r.Open, s)
	}
}
