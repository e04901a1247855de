package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/report"
	"github.com/vet-tool/vet/templates"
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
			env.Setenv("ECHARTS_VERSION", templates.EChartsVersion())
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "realdata":
				return realdata != "", nil
			case "charts": // this build inlines the chart script (templates/assets; `make assets`)
				return report.ChartsInlined(), nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"xlsx":     cmdXLSX,
			"xlsxcell": cmdXLSXCell,
			"pagefig":  cmdPageFig,
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

// cmdPageFig prints what the page's data holds for one account's figure: `pagefig FILE HANDLE
// LABEL` finds the account whose handle is HANDLE in the page's window.VET and the figure
// labelled LABEL, and prints its value: a code's words (resolved from the figure's vals), else
// the value as JSON (a number rounded as the page shows it, null, [i] for n/a with a reason).
func cmdPageFig(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: pagefig FILE HANDLE LABEL")
	}
	page := ts.ReadFile(args[0])
	const start = "window.VET = "
	i := strings.Index(page, start)
	j := strings.Index(page[i+1:], ";</script>")
	if i < 0 || j < 0 {
		ts.Fatalf("%s holds no window.VET", args[0])
	}
	var d struct {
		Meta struct {
			Figures []struct {
				Label string   `json:"l"`
				Vals  []string `json:"vals"`
			} `json:"figures"`
		} `json:"meta"`
		Accounts []struct {
			Handle  string            `json:"h"`
			Figures []json.RawMessage `json:"f"`
		} `json:"accounts"`
	}
	if err := json.Unmarshal([]byte(page[i+len(start):i+1+j]), &d); err != nil {
		ts.Fatalf("window.VET: %v", err)
	}
	at := slices.IndexFunc(d.Meta.Figures, func(f struct {
		Label string   `json:"l"`
		Vals  []string `json:"vals"`
	}) bool {
		return f.Label == args[2]
	})
	if at < 0 {
		ts.Fatalf("the page has no figure %q", args[2])
	}
	for _, a := range d.Accounts {
		if a.Handle != args[1] {
			continue
		}
		v := a.Figures[at]
		var k int
		if vals := d.Meta.Figures[at].Vals; vals != nil && json.Unmarshal(v, &k) == nil && k < len(vals) {
			fmt.Fprintln(ts.Stdout(), vals[k])
			return
		}
		fmt.Fprintln(ts.Stdout(), string(v))
		return
	}
	ts.Fatalf("the page has no account %s", args[1])
}

// cmdXLSXCell prints one cell of a table sheet as stored, with its type: `xlsxcell FILE SHEET
// HANDLE COLUMN` finds the row whose Handle is HANDLE and the column headed COLUMN, and prints
// "VALUE TYPE" (the raw value, unformatted; the type as excelize reads it: number, text…).
func cmdXLSXCell(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 4 {
		ts.Fatalf("usage: xlsxcell FILE SHEET HANDLE COLUMN")
	}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	if err != nil {
		ts.Fatalf("open %s: %v", args[0], err)
	}
	defer f.Close()
	rows, err := f.GetRows(args[1])
	if err != nil || len(rows) == 0 {
		ts.Fatalf("sheet %s: %v", args[1], err)
	}
	col := slices.Index(rows[0], args[3])
	handle := slices.Index(rows[0], "Handle")
	if col < 0 || handle < 0 {
		ts.Fatalf("sheet %s has no column %q (or Handle): %q", args[1], args[3], rows[0])
	}
	for i, r := range rows[1:] {
		if handle < len(r) && r[handle] == args[2] {
			cell, _ := excelize.CoordinatesToCellName(col+1, i+2)
			raw, err := f.GetCellValue(args[1], cell, excelize.Options{RawCellValue: true})
			if err != nil {
				ts.Fatalf("%s: %v", cell, err)
			}
			typ, _ := f.GetCellType(args[1], cell)
			kinds := map[excelize.CellType]string{excelize.CellTypeNumber: "number", excelize.CellTypeUnset: "number",
				excelize.CellTypeSharedString: "text", excelize.CellTypeInlineString: "text"}
			fmt.Fprintf(ts.Stdout(), "%s %s\n", raw, kinds[typ])
			return
		}
	}
	ts.Fatalf("sheet %s has no row for %s", args[1], args[2])
}
