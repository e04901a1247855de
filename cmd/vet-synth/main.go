// Command vet-synth writes a synthetic batch of creators' posts, the same bytes for the same
// seed, for benchmarks and demos:
//
//	vet-synth [-accounts 2000] [-posts 50] [-seed 1] [-manifest FILE] OUT.csv|OUT.xlsx...
//
// Each OUT receives the same batch, as CSV or XLSX by its extension. -manifest writes each
// account's handle, planted pattern and followers as CSV, for checking what vet flags.
package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/vet-tool/vet/internal/synth"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("vet-synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c synth.Config
	fs.IntVar(&c.Accounts, "accounts", 2_000, "number of accounts")
	fs.IntVar(&c.Posts, "posts", 50, "posts per account")
	fs.Uint64Var(&c.Seed, "seed", 1, "random seed: the same seed writes the same batch")
	manifest := fs.String("manifest", "", "also write each account's planted pattern to this CSV `file`")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: vet-synth [flags] OUT.csv|OUT.xlsx...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 || c.Accounts < 1 || c.Posts < 1 {
		fs.Usage()
		return 2
	}
	for _, out := range fs.Args() {
		if err := synth.WriteFile(out, c); err != nil {
			fmt.Fprintf(stderr, "vet-synth: %v\n", err)
			return 1
		}
		fmt.Fprintln(stdout, out)
	}
	if *manifest != "" {
		if err := writeManifest(*manifest, c); err != nil {
			fmt.Fprintf(stderr, "vet-synth: %s: %v\n", *manifest, err)
			return 1
		}
		fmt.Fprintln(stdout, *manifest)
	}
	return 0
}

func writeManifest(path string, c synth.Config) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"account", "kind", "tier", "followers"})
	for _, a := range synth.Accounts(c) {
		w.Write([]string{a.Handle, a.Kind.String(), strconv.Itoa(a.Tier), strconv.FormatInt(a.Followers, 10)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
