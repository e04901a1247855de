package history

import (
	"database/sql"
	"testing"

	"github.com/vet-tool/vet/internal/figures"
	"github.com/vet-tool/vet/internal/lang"
)

// The accounts table has a column for every history figure of the table, and a snapshot fills
// each one an account has.
func TestTheHistoryHoldsEveryHistoryFigure(t *testing.T) {
	s, path := create(t)
	run := week(t, 1, "")
	if _, err := s.Append(run); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cols := map[string]bool{}
	rows, err := db.Query(`SELECT name FROM pragma_table_info('accounts')`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		cols[n] = true
	}
	rows.Close()
	a := &run.Result.Accounts[0]
	ctx := &figures.Context{Rank: 1, Result: run.Result, P: lang.New(lang.English, "")}
	for _, f := range figures.In(figures.History, run.Result) {
		if !cols[f.Key] {
			t.Errorf("the history's accounts table has no column %s", f.Key)
			continue
		}
		var v any
		if err := db.QueryRow(`SELECT `+f.Key+` FROM accounts WHERE handle_key = ?`, a.Key).Scan(&v); err != nil {
			t.Fatal(err)
		}
		if has := f.Value(a, ctx).OK; has != (v != nil) {
			t.Errorf("%s: the account has it: %v; the history holds %v", f.Key, has, v)
		}
	}
}
