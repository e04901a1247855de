package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"github.com/xuri/excelize/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/vet-tool/vet/internal/synth"
)

// weekly is the batch the history scripts run week after week: 40 accounts × 12 posts, two of
// them declining (accounts 1 and 21) and one jumping in week 2 (account 3).
var weekly = synth.Config{Accounts: 40, Posts: 12, Seed: 4}

// TestHistoryScripts runs the history scenarios in testdata/history*.txtar, with the handles of
// the planted accounts in $DECLINING, $DECLINING2 and $JUMPING.
func TestHistoryScripts(t *testing.T) {
	accounts := synth.Accounts(weekly)
	testscript.Run(t, testscript.Params{
		Dir: "testdata",
		Setup: func(env *testscript.Env) error {
			env.Setenv("DECLINING", accounts[1].Handle)
			env.Setenv("DECLINING2", accounts[21].Handle)
			env.Setenv("JUMPING", accounts[3].Handle)
			env.Setenv("HONEST", accounts[0].Handle)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"synthweek": cmdSynthWeek,
			"sqlite":    cmdSQLite,
			"points":    cmdPoints,
			"truncate":  cmdTruncate,
			"trends":    cmdTrends,
		},
	})
}

// cmdSynthWeek writes week N of the weekly batch: `synthweek N FILE`.
func cmdSynthWeek(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: synthweek N FILE")
	}
	n, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("week %q: %v", args[0], err)
	}
	f, err := os.Create(ts.MkAbs(args[1]))
	if err != nil {
		ts.Fatalf("%v", err)
	}
	defer f.Close()
	ts.Check(synth.WriteWeekCSV(f, weekly, n))
}

// cmdSQLite runs SQL on a file as any SQLite client would and prints the rows, tab-separated:
// `sqlite FILE SQL`.
func cmdSQLite(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: sqlite FILE SQL")
	}
	db, err := sql.Open("sqlite", ts.MkAbs(args[0]))
	ts.Check(err)
	defer db.Close()
	rows, err := db.Query(args[1])
	if neg {
		if err == nil {
			err = rows.Close()
		}
		if err == nil {
			ts.Fatalf("%s ran", args[1])
		}
		return
	}
	ts.Check(err)
	defer rows.Close()
	cols, err := rows.Columns()
	ts.Check(err)
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		ts.Check(rows.Scan(ptrs...))
		for i, v := range vals {
			if i > 0 {
				b.WriteByte('\t')
			}
			if bs, ok := v.([]byte); ok {
				v = string(bs)
			}
			fmt.Fprint(&b, v)
		}
		b.WriteByte('\n')
	}
	ts.Check(rows.Err())
	ts.Stdout().Write([]byte(b.String()))
}

// cmdPoints prints an account's `history` from a summary.json, one point a line (as_of date,
// followers, follower ER to two decimals, verdict), then its signal codes:
// `points FILE HANDLE`.
func cmdPoints(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: points SUMMARY.JSON HANDLE")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	var s struct {
		Accounts []struct {
			Handle  string `json:"handle"`
			Signals []struct {
				Code string `json:"code"`
			} `json:"signals"`
			History []struct {
				AsOf       string   `json:"as_of"`
				Followers  *int64   `json:"followers"`
				FollowerER *float64 `json:"follower_er"`
				Verdict    string   `json:"verdict"`
			} `json:"history"`
		} `json:"accounts"`
	}
	ts.Check(json.Unmarshal(data, &s))
	for _, a := range s.Accounts {
		if a.Handle != args[1] {
			continue
		}
		var b strings.Builder
		for _, p := range a.History {
			followers, er := "null", "null"
			if p.Followers != nil {
				followers = strconv.FormatInt(*p.Followers, 10)
			}
			if p.FollowerER != nil {
				er = strconv.FormatFloat(*p.FollowerER, 'f', 2, 64)
			}
			fmt.Fprintf(&b, "%s %s %s %s\n", p.AsOf[:10], followers, er, p.Verdict)
		}
		b.WriteString("signals:")
		for _, sig := range a.Signals {
			b.WriteString(" " + sig.Code)
		}
		b.WriteByte('\n')
		ts.Stdout().Write([]byte(b.String()))
		return
	}
	ts.Fatalf("%s: no account %s", filepath.Base(args[0]), args[1])
}

// cmdTruncate copies the first N bytes of a file: `truncate FROM TO N`.
func cmdTruncate(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: truncate FROM TO N")
	}
	n, err := strconv.Atoi(args[2])
	ts.Check(err)
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	if n > len(data) {
		ts.Fatalf("%s has %d bytes, fewer than %d", args[0], len(data), n)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), data[:n], 0o644))
}

// cmdTrends reads a workbook's trends back with excelize, as a spreadsheet would: `trends FILE
// HANDLE` prints how many sparklines the Accounts sheet holds, then the account's row of the
// hidden History sheet (its followers per snapshot), or "no History sheet".
func cmdTrends(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: trends FILE HANDLE")
	}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	if err != nil {
		ts.Fatalf("%v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	part := ""
	for i, name := range sheets {
		if name == "Accounts" {
			part = fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)
		}
	}
	raw, ok := f.Pkg.Load(part)
	if !ok {
		ts.Fatalf("no part %s", part)
	}
	fmt.Fprintf(ts.Stdout(), "sparklines %d\n", strings.Count(string(raw.([]byte)), "<x14:sparkline>"))
	if !slices.Contains(sheets, "History") {
		fmt.Fprintln(ts.Stdout(), "no History sheet")
		return
	}
	accounts, _ := f.GetRows("Accounts")
	history, _ := f.GetRows("History")
	handle := slices.Index(accounts[0], "Handle")
	for i, r := range accounts[1:] {
		if handle < len(r) && r[handle] == args[1] && i+1 < len(history) {
			fmt.Fprintln(ts.Stdout(), strings.Join(history[i+1], " "))
		}
	}
}
