// Command vet-floor measures the floor `make bench` holds vet against: the least work the same
// libraries need for the same data.
//
//	vet-floor csv FILE.csv                 read every record with a bare encoding/csv loop
//	vet-floor xlsx-read FILE.xlsx          read every row with a bare excelize row loop
//	vet-floor xlsx-stream [-direct] [-level N] FILE.csv OUT
//	                                       write FILE's posts as vet's Videos cells, StreamWriter only
//
// xlsx-stream's -direct writes the zip straight to OUT instead of through excelize's in-memory
// buffer, and -level sets the deflate level: experiments, not the floor.
//
// Each prints one line per measured step to stdout, `floor: STEP DURATION ROWS`, the format
// internal/bench parses. xlsx-stream loads the CSV first and times only the write.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/vet-tool/vet/internal/floor"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

const usage = `usage: vet-floor csv FILE.csv
       vet-floor xlsx-read FILE.xlsx
       vet-floor xlsx-stream [-direct] [-level N] FILE.csv OUT.xlsx`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) < 2 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "csv", "xlsx-read":
		if len(args) != 2 {
			fmt.Fprintln(stderr, usage)
			return 2
		}
	}
	switch args[0] {
	case "csv":
		err = readFloor(stdout, "csv-read", args[1], floor.ReadCSV)
	case "xlsx-read":
		err = readFloor(stdout, "xlsx-read", args[1], floor.ReadXLSX)
	case "xlsx-stream":
		fs := flag.NewFlagSet("xlsx-stream", flag.ContinueOnError)
		fs.SetOutput(stderr)
		var t floor.Tuning
		fs.BoolVar(&t.Direct, "direct", false, "write the zip straight to OUT, not through excelize's buffer")
		fs.IntVar(&t.Level, "level", 0, "deflate `level` (1 fastest … 9 smallest; 0 excelize's default)")
		if fs.Parse(args[1:]) != nil || fs.NArg() != 2 {
			fmt.Fprintln(stderr, usage)
			return 2
		}
		err = writeFloor(stdout, fs.Arg(0), fs.Arg(1), t)
	default:
		fmt.Fprintln(stderr, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "vet-floor: %v\n", err)
		return 1
	}
	return 0
}

func readFloor(stdout io.Writer, step, path string, read func(io.Reader) (int, error)) error {
	start := time.Now()
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	n, err := read(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Fprintf(stdout, "floor: %s %s %d\n", step, time.Since(start), n)
	return nil
}

func writeFloor(stdout io.Writer, in, out string, t floor.Tuning) error {
	start := time.Now()
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	vs, err := floor.LoadVideos(in, f)
	f.Close()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "floor: load %s %d\n", time.Since(start), len(vs))
	start = time.Now()
	o, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := floor.WriteVideosWith(o, vs, t); err != nil {
		o.Close()
		return fmt.Errorf("%s: %w", out, err)
	}
	if err := o.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "floor: xlsx-stream %s %d\n", time.Since(start), len(vs))
	return nil
}
