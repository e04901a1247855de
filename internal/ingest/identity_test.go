package ingest

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vet-tool/vet/internal/lang"
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
			map[string]int{"alice": 3}, "", `alice is written 2 ways that look alike ("alice" (x.csv:2), "al\u200bice" (x.csv:3)): read as one account`},
		{"a bidi override makes no twin, and is not shown", head + row("\u202ebob") + row("\u202ebob"),
			map[string]int{"bob": 2}, "bob", ""},
		{"josé composed and decomposed is one account", head + row("jos\u00e9") + row("jose\u0301"),
			map[string]int{"jos\u00e9": 2}, "jos\u00e9", `"jos\u00e9" is written 2 ways that look alike ("jos\u00e9" (x.csv:2), "jose\u0301" (x.csv:3)): read as one account`},
		{"a Cyrillic а is another account, said to look alike", head + row("alice") + row("\u0430lice"),
			map[string]int{"alice": 1, "\u0430lice": 1}, "", `2 accounts have handles that look alike (alice (x.csv:2), "\u0430lice" (x.csv:3)): they are kept apart`},
		{"a 0 for an o is said to look alike", head + row("coco") + row("c0co"),
			map[string]int{"coco": 1, "c0co": 1}, "", `2 accounts have handles that look alike (c0co (x.csv:3), coco (x.csv:2))`},
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
				if tc.shown != "" && b.Texts.Of(p.Account) != tc.shown {
					t.Errorf("shown as %q, want %q", b.Texts.Of(p.Account), tc.shown)
				}
				if strings.ContainsFunc(b.Texts.Of(p.Account), invisible) {
					t.Errorf("shown as %q, with characters that draw nothing", b.Texts.Of(p.Account))
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
		if b.Texts.Of(p.Caption) != "caf\u00e9" && b.Texts.Of(p.Caption) != "na\u00efve" {
			t.Errorf("caption %q", b.Texts.Of(p.Caption))
		}
	}
	if !warned(b, "mixed.csv: mixes UTF-8 and Windows-1252: its Windows-1252 bytes (on lines 2, 4) are read as such, everything else as UTF-8") {
		t.Errorf("warnings %q", b.Warnings)
	}
	t.Run("a file of Windows-1252 alone is read as such, without a warning", func(t *testing.T) {
		b := mustRead(t, map[string]string{"w.csv": "account,views,likes,comments,shares,caption\njos\xe9,100,5,1,1,x\n"}, Options{}, "w.csv")
		if got := accountsOf(b); got["jos\u00e9"] != 1 || len(b.Warnings) != 0 || b.Inputs[0].Encoding != encCP1252 {
			t.Errorf("accounts %v, warnings %q, encoding %s", got, b.Warnings, b.Inputs[0].Encoding)
		}
	})
}

// TestNoticesAreSaidInEveryLanguage: what reading says of lookalike handles, disagreeing
// follower counts, a Studio folder of two handles and a file of two encodings is kept as
// catalog messages (Batch.Notices), which the report says in its language, each one also among
// the English warnings the command prints.
func TestNoticesAreSaidInEveryLanguage(t *testing.T) {
	files := map[string]string{
		"x.csv":        "account,followers,views,likes,comments,shares,caption\nalice,5000,100,5,1,1,x\nal\u200bice,5000,100,5,1,1,x\n\u0430lice,10,1,1,1,1,x\n",
		"accounts.csv": "handle,followers\nalice,20000\nalice,30000\n",
		"mixed.csv":    "account,views,likes,comments,shares,caption\njos\xe9,1,1,1,1,x\njos\xc3\xa9,1,1,1,1,x\n",
	}
	b := mustRead(t, files, Options{Accounts: []string{"accounts.csv"}}, "x.csv", "mixed.csv")
	keys := map[string]bool{}
	for _, m := range b.Notices {
		keys[m.Key] = true
	}
	for _, k := range []string{"followers_rows", "followers_posts", "written_ways", "look_alike", "mixed_encoding"} {
		if !keys["ingest.notice."+k] {
			t.Errorf("no notice %s among %v", k, b.Notices)
		}
	}
	unresolved := regexp.MustCompile(`\{[a-z_]+\}|ingest\.notice`)
	for _, l := range lang.Langs() {
		p := lang.New(l, "")
		for _, m := range b.Notices {
			if s := p.Say(m); s == "" || unresolved.MatchString(s) {
				t.Errorf("%s in %s: %q", m.Key, l, s)
			}
		}
		for _, k := range []string{"followers_more", "look_alike_more", "studio_handles", "studio_handles_followers"} {
			if !p.Has("ingest.notice." + k) {
				t.Errorf("ingest.notice.%s is not in %s.yaml", k, l)
			}
		}
	}
	for _, m := range b.Notices {
		if !slices.Contains(b.Warnings, lang.InEnglish(m)) {
			t.Errorf("notice %q is not among the warnings", lang.InEnglish(m))
		}
	}
	for _, m := range b.Notices {
		if nl := lang.New(lang.Dutch, "").Say(m); m.Key == "ingest.notice.followers_rows" && !strings.Contains(nl, "20.000 op accounts.csv:2, 30.000") {
			t.Errorf("in Dutch: %q, want its numbers written 20.000", nl)
		}
	}
}
