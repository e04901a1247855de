package ingest

import (
	"strings"
	"testing"
)

// TestHandlesThatLookAlike is issue 23 item 6: a handle with a zero-width space or a bidi
// control, or an accent composed and decomposed, is one account, shown with its visible
// characters only, and the report says it was written several ways; handles that differ but
// look alike (a Cyrillic а, a 0 for an o) stay apart, said in a warning.
func TestHandlesThatLookAlike(t *testing.T) {
	const head = "account,views,likes,comments,shares,caption\n"
	row := func(h string) string { return h + ",100,5,1,1,x\n" }
	for _, tc := range []struct {
		name, csv string
		accounts  map[string]int
		shown     string // every post's Account
		warning   string
	}{
		{"a zero-width space makes no twin", head + row("alice") + row("al\u200bice") + row("Alice"),
			map[string]int{"alice": 3}, "", `alice is written 2 ways that look alike ("alice" at x.csv:2, "al\u200bice" at x.csv:3): read as one account`},
		{"a bidi override makes no twin, and is not shown", head + row("\u202ebob") + row("\u202ebob"),
			map[string]int{"bob": 2}, "bob", ""},
		{"josé composed and decomposed is one account", head + row("jos\u00e9") + row("jose\u0301"),
			map[string]int{"jos\u00e9": 2}, "jos\u00e9", `"jos\u00e9" is written 2 ways that look alike ("jos\u00e9" at x.csv:2, "jose\u0301" at x.csv:3): read as one account`},
		{"a Cyrillic а is another account, said to look alike", head + row("alice") + row("\u0430lice"),
			map[string]int{"alice": 1, "\u0430lice": 1}, "", `2 accounts have handles that look alike (alice at x.csv:2, "\u0430lice" at x.csv:3): they are kept apart`},
		{"a 0 for an o is said to look alike", head + row("coco") + row("c0co"),
			map[string]int{"coco": 1, "c0co": 1}, "", `2 accounts have handles that look alike (c0co at x.csv:3, coco at x.csv:2)`},
		{"handles differing by case only say nothing", head + row("Dana") + row("dana"),
			map[string]int{"dana": 2}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := mustRead(t, map[string]string{"x.csv": tc.csv}, Options{}, "x.csv")
			got := accountsOf(b)
			if len(got) != len(tc.accounts) {
				t.Fatalf("accounts %v, want %v", got, tc.accounts)
			}
			for k, n := range tc.accounts {
				if got[k] != n {
					t.Errorf("accounts %v, want %v", got, tc.accounts)
				}
			}
			for _, p := range b.Posts {
				if tc.shown != "" && p.Account != tc.shown {
					t.Errorf("shown as %q, want %q", p.Account, tc.shown)
				}
				if strings.ContainsFunc(p.Account, invisible) {
					t.Errorf("shown as %q, with characters that draw nothing", p.Account)
				}
			}
			switch {
			case tc.warning == "" && len(b.Warnings) > 0:
				t.Errorf("warnings %q", b.Warnings)
			case tc.warning != "" && !warned(b, tc.warning):
				t.Errorf("warnings %q\nwant  %s", b.Warnings, tc.warning)
			}
		})
	}
	t.Run("keys are stable: folding a key again changes nothing", func(t *testing.T) {
		for _, h := range []string{"alice", "Al\u200bICE", "jose\u0301", "STRASSE", "stra\u00dfe", "\u0430lice"} {
			if k := FoldHandle(h); FoldHandle(k) != k {
				t.Errorf("%q folds to %q, then to %q", h, k, FoldHandle(k))
			}
		}
	})
}

// TestAFileMixingEncodingsIsReadPerRow is issue 23 item 6's mixed file: rows of UTF-8 and of
// Windows-1252 in one file (the first 64 KiB not valid UTF-8) give one creator, josé, not josé
// and josÃ©, with a warning naming the Windows-1252 lines.
func TestAFileMixingEncodingsIsReadPerRow(t *testing.T) {
	csv := "account,views,likes,comments,shares,caption\n" +
		"jos\xe9,100,5,1,1,caf\xe9\n" + // Windows-1252
		"jos\xc3\xa9,100,5,1,1,caf\xc3\xa9\n" + // UTF-8
		"jos\xe9,100,5,1,1,na\xefve\n"
	b := mustRead(t, map[string]string{"mixed.csv": csv}, Options{}, "mixed.csv")
	if got := accountsOf(b); len(got) != 1 || got["jos\u00e9"] != 3 {
		t.Errorf("accounts %v, want josé ×3", got)
	}
	for _, p := range b.Posts {
		if p.Caption != "caf\u00e9" && p.Caption != "na\u00efve" {
			t.Errorf("caption %q", p.Caption)
		}
	}
	if !warned(b, "mixed.csv: mixes UTF-8 and Windows-1252: lines 2, 4 are read as Windows-1252, every other line as UTF-8") {
		t.Errorf("warnings %q", b.Warnings)
	}
	t.Run("a file of Windows-1252 alone is read as such, without a warning", func(t *testing.T) {
		b := mustRead(t, map[string]string{"w.csv": "account,views,likes,comments,shares,caption\njos\xe9,100,5,1,1,x\n"}, Options{}, "w.csv")
		if got := accountsOf(b); got["jos\u00e9"] != 1 || len(b.Warnings) != 0 || b.Inputs[0].Encoding != encCP1252 {
			t.Errorf("accounts %v, warnings %q, encoding %s", got, b.Warnings, b.Inputs[0].Encoding)
		}
	})
}
