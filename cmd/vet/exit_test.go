package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestExitCodes(t *testing.T) {
	examples := filepath.Join("..", "..", "examples")
	for _, tc := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"a run on good input exits 0", []string{"run", "--out", "OUT", examples}, exitOK, ""},
		{"no command is a usage error", nil, exitUsage, "no command given"},
		{"an unknown command is a usage error", []string{"vat"}, exitUsage, `unknown command "vat"`},
		{"an unknown flag is a usage error", []string{"run", "--colour", "x.csv"}, exitUsage, "-colour"},
		{"a run without input is a usage error", []string{"run"}, exitUsage, "at least one INPUT"},
		{"a missing input file fails the run", []string{"run", "--out", "OUT", "nope.csv"}, exitFailed, "nope.csv: no such file"},
		{"asking for help is not an error", []string{"run", "-h"}, exitOK, "Usage: vet run"},
		{"--fail-on fail trips on failing accounts but writes the report", []string{"run", "--fail-on", "fail", "--out", "OUT", examples}, exitFailOn, "--fail-on fail: 2 FAIL (the report is written)"},
		{"--fail-on review counts REVIEW and FAIL", []string{"run", "--fail-on", "review", "--out", "OUT", examples}, exitFailOn, "--fail-on review:"},
		{"--fail-on with a verdict vet does not know is a usage error", []string{"run", "--fail-on", "maybe", "--out", "OUT", examples}, exitUsage, "--fail-on"},
		{"a run with nothing to score fails and writes nothing", []string{"run", "--out", "OUT", "HEADER_ONLY"}, exitFailed, "nothing to score"},
		{"--strict with a rejected row fails and writes nothing", []string{"run", "--strict", "--out", "OUT", examples}, exitFailed, "1 row rejected and --strict is set: nothing written"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			for i, a := range tc.args {
				if a == "OUT" {
					tc.args[i] = out
				}
				if a == "HEADER_ONLY" {
					tc.args[i] = filepath.Join(t.TempDir(), "header.csv")
					if err := os.WriteFile(tc.args[i], []byte("account,followers,views,likes,comments,shares\n"), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			var stdout, stderr bytes.Buffer
			code := run(tc.args, strings.NewReader(""), &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.err) {
				t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tc.err)
			}
			_, err := os.Stat(filepath.Join(out, "vetting.xlsx"))
			if wrote := err == nil; wrote != (tc.code == exitOK || tc.code == exitFailOn) && slices.Contains(tc.args, "--out") {
				t.Errorf("report written = %v with exit code %d", wrote, code)
			}
		})
	}
}
