package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

// TestMain lets the scripts run `vet` as a real subprocess: testscript re-executes this test
// binary as the command.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"vet": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI scenarios in testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	// The real exports beside the repository (../shared from its root, as ingest's tests find
	// them), or where VET_REALDATA says; scripts that need them start with [!realdata] skip.
	realdata := os.Getenv("VET_REALDATA")
	if realdata == "" {
		realdata, _ = filepath.Abs(filepath.Join("..", "..", "..", "shared", "realdata"))
	}
	if _, err := os.Stat(realdata); err != nil {
		realdata = ""
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLES", examples)
			env.Setenv("REALDATA", realdata)
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "realdata" {
				return realdata != "", nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"xlsx": cmdXLSX,
		},
	})
}

// cmdXLSX prints a sheet of a workbook as tab-separated rows, read back with excelize the
// way a user's tool would: `xlsx FILE SHEET`. The values are the cells' formatted text.
func cmdXLSX(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: xlsx FILE SHEET")
	}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	if err != nil {
		ts.Fatalf("open %s: %v", args[0], err)
	}
	defer f.Close()
	rows, err := f.GetRows(args[1])
	if neg {
		if err == nil {
			ts.Fatalf("sheet %s exists", args[1])
		}
		return
	}
	if err != nil {
		ts.Fatalf("sheet %s: %v", args[1], err)
	}
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintln(&b, strings.Join(r, "\t"))
	}
	ts.Stdout().Write([]byte(b.String()))
}
