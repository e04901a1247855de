package history

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/synth"
)

// week scores week w of a small synthetic batch: the same accounts, as-of a week later each time.
func week(t testing.TB, w int, title string) Run {
	t.Helper()
	run := synthRun(t, synth.Config{Accounts: 40, Posts: 6, Seed: 7}, title)
	run.Result.AsOf = time.Date(2026, 11, 6, 18, 0, 0, 0, time.UTC).AddDate(0, 0, 7*(w-1))
	return run
}

// rawCount counts rows as a SQLite client would, through a connection of its own.
func rawCount(t *testing.T, path, query string, args ...any) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAppendKeepsEverySnapshotAndReplacesARerun(t *testing.T) {
	s, path := create(t)
	for w := 1; w <= 3; w++ {
		got, err := s.Append(week(t, w, "Weekly"))
		if err != nil {
			t.Fatal(err)
		}
		if got.Replaced {
			t.Errorf("week %d: replaced a snapshot in a history without one of its as-of", w)
		}
	}
	rerun := week(t, 3, "Weekly")
	got, err := s.Append(rerun)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Replaced {
		t.Error("the rerun of week 3 did not say it replaced week 3's snapshot")
	}
	other, err := s.Append(week(t, 3, "Another client"))
	if err != nil || other.Replaced {
		t.Errorf("the same as-of under another title: replaced %v, err %v; want a snapshot of its own", other.Replaced, err)
	}
	s.Close()

	if n := rawCount(t, path, "SELECT count(*) FROM snapshots"); n != 4 {
		t.Errorf("%d snapshots, want 4 (weeks 1–3 once each, and the other title)", n)
	}
	posts := len(rerun.Batch.Posts)
	if n := rawCount(t, path, "SELECT count(*) FROM posts"); n != 4*posts {
		t.Errorf("%d posts, want %d: a replaced snapshot's posts must go with it", n, 4*posts)
	}
	if n := rawCount(t, path, "SELECT count(*) FROM accounts WHERE snapshot_id NOT IN (SELECT id FROM snapshots)"); n != 0 {
		t.Errorf("%d accounts of snapshots that are gone", n)
	}
	wantAccounts := len(rerun.Result.Accounts)
	if n := rawCount(t, path, "SELECT accounts FROM snapshots WHERE id = ?", got.ID); n != wantAccounts {
		t.Errorf("snapshot says %d accounts, the run scored %d", n, wantAccounts)
	}
}

func TestAppendWritesWhatTheRunScored(t *testing.T) {
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
	a := run.Result.Accounts[0]
	var handle, verdict, signals, asOf string
	var followers int64
	var er float64
	var rank int
	err = db.QueryRow(`SELECT a.handle, a.rank, a.followers, a.follower_er, a.verdict, a.signals, s.as_of
		FROM accounts a JOIN snapshots s ON s.id = a.snapshot_id WHERE a.handle_key = ?`, a.Key).
		Scan(&handle, &rank, &followers, &er, &verdict, &signals, &asOf)
	if err != nil {
		t.Fatal(err)
	}
	codes := make([]string, len(a.Signals))
	for i, sig := range a.Signals {
		codes[i] = sig.Code
	}
	if handle != a.Handle || rank != 1 || followers != int64(a.Followers) || er != a.FollowerER.Value ||
		verdict != a.Verdict.String() || signals != strings.Join(codes, ",") || asOf != "2026-11-06 18:00:00" {
		t.Errorf("stored %s #%d %d %v %s [%s] %s; the run had %s #1 %d %v %s [%s] as of 2026-11-06 18:00:00",
			handle, rank, followers, er, verdict, signals, asOf, a.Handle, a.Followers, a.FollowerER.Value, a.Verdict, strings.Join(codes, ","))
	}
	p := run.Batch.Posts[len(run.Batch.Posts)-1]
	var views, likes int64
	var at string
	id := run.Batch.Texts.Of(p.VideoID)
	if err := db.QueryRow(`SELECT views, likes, posted_at FROM posts WHERE video_id = ?`, id).Scan(&views, &likes, &at); err != nil {
		t.Fatal(err)
	}
	if views != int64(p.Views) || likes != int64(p.Likes) || at != p.PostedAt.Time().Format("2006-01-02 15:04:05") {
		t.Errorf("post %s stored as %d views, %d likes at %s; want %d, %d at %s", id, views, likes, at, p.Views, p.Likes, p.PostedAt.Time())
	}
}

func TestLoadGivesEachAccountItsLastPointsBeforeTheRun(t *testing.T) {
	s, _ := create(t)
	for w := 1; w <= 5; w++ {
		if _, err := s.Append(week(t, w, "Weekly")); err != nil {
			t.Fatal(err)
		}
	}
	key := week(t, 1, "").Result.Accounts[0].Key
	t.Run("the last three of five, oldest first", func(t *testing.T) {
		h, err := s.Load(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), 3)
		if err != nil {
			t.Fatal(err)
		}
		got := h[key]
		if len(got) != 3 || !got[0].AsOf.Equal(time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC)) || !got[2].AsOf.After(got[1].AsOf) {
			t.Fatalf("points %v; want weeks 3, 4, 5 in order", got)
		}
	})
	t.Run("a rerun of week 4 does not see week 4 or after", func(t *testing.T) {
		h, err := s.Load(week(t, 4, "").Result.AsOf, 12)
		if err != nil {
			t.Fatal(err)
		}
		if got := h[key]; len(got) != 3 {
			t.Fatalf("%d points before week 4, want 3", len(got))
		}
	})
	t.Run("nothing before the first week", func(t *testing.T) {
		h, err := s.Load(week(t, 1, "").Result.AsOf, 12)
		if err != nil || len(h) != 0 {
			t.Fatalf("%d accounts, err %v; want none", len(h), err)
		}
	})
}

func TestLoadKeepsOnePointPerDay(t *testing.T) {
	s, _ := create(t)
	first := week(t, 1, "Client A")
	if _, err := s.Append(first); err != nil {
		t.Fatal(err)
	}
	second := week(t, 1, "Client B")
	a := &second.Result.Accounts[0]
	a.Followers += 1234
	if _, err := s.Append(second); err != nil {
		t.Fatal(err)
	}
	h, err := s.Load(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), 12)
	if err != nil {
		t.Fatal(err)
	}
	if got := h[a.Key]; len(got) != 1 || got[0].Followers != a.Followers {
		t.Errorf("points %v; want one, the last written (%d followers)", got, a.Followers)
	}
}

func TestTwoRunsAtOnceBothLand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	runs := []Run{week(t, 1, "Client A"), week(t, 1, "Client B")}
	var wg sync.WaitGroup
	errs := make([]error, len(runs))
	start := make(chan struct{})
	for i := range runs {
		wg.Add(1)
		go func() { // each opens the file itself, as two vet processes would
			defer wg.Done()
			<-start
			s, err := Open(path)
			if err != nil {
				errs[i] = err
				return
			}
			defer s.Close()
			_, errs[i] = s.Append(runs[i])
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("run %d: %v", i, err)
		}
	}
	if n := rawCount(t, path, "SELECT count(*) FROM snapshots"); n != 2 {
		t.Errorf("%d snapshots, want both", n)
	}
	want := 2 * len(runs[0].Batch.Posts)
	if n := rawCount(t, path, "SELECT count(*) FROM posts"); n != want {
		t.Errorf("%d posts, want %d", n, want)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q, %v", check, err)
	}
}

// refused checks that opening path fails with a message holding want, and leaves the file as it was.
func refused(t *testing.T, path, want string) {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err == nil {
		s.Close()
		t.Fatalf("opened %s; want an error saying %q", filepath.Base(path), want)
	}
	if !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), path+": ") {
		t.Errorf("error %q; want one line naming the file and saying %q", err, want)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the refused file was changed")
	}
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Errorf("opening the refused file left %s behind", filepath.Base(path+side))
		}
	}
}

func TestAFileThatIsNotAVetHistoryIsRefusedAndLeftAlone(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Run("a spreadsheet named like a history", func(t *testing.T) {
		refused(t, write("history.db", []byte("account,followers\nmila,1200\n")), "not a vet history (not an SQLite database)")
	})
	t.Run("another program's SQLite database", func(t *testing.T) {
		p := filepath.Join(dir, "crm.sqlite")
		db, err := sql.Open("sqlite", p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('acme')"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		refused(t, p, "not a vet history (an SQLite database of another program)")
	})
	t.Run("a history cut short", func(t *testing.T) {
		data := historyBytes(t)
		refused(t, write("cut.db", data[:60]), "damaged")
	})
	t.Run("a history missing its last page", func(t *testing.T) {
		data := historyBytes(t)
		refused(t, write("short.db", data[:len(data)-4096]), "not a readable vet history")
	})
	t.Run("a history whose schema page is overwritten", func(t *testing.T) {
		data := historyBytes(t)
		for i := 100; i < 4096 && i < len(data); i++ {
			data[i] = 0xA5
		}
		refused(t, write("garbled.db", data), "not a readable vet history")
	})
}

func TestAHistoryFromANewerVetSaysSo(t *testing.T) {
	s, path := create(t)
	if _, err := s.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	refused(t, path, "written by a newer vet (history version 99")
}

func TestAnEmptyFileBecomesAHistory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if n := rawCount(t, path, "PRAGMA application_id"); n != ApplicationID {
		t.Errorf("application_id %#x, want %#x", n, ApplicationID)
	}
	if n := rawCount(t, path, "PRAGMA user_version"); n != schemaVersion() {
		t.Errorf("user_version %d, want %d", n, schemaVersion())
	}
}

func TestReadingAHistoryThatIsNotThereSaysHowToStartOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.db")
	_, err := OpenExisting(path)
	if err == nil || !strings.Contains(err.Error(), "a run with --history "+path+" starts one") {
		t.Errorf("error %v; want it to say how a history starts", err)
	}
}

// historyBytes is a small closed history's file.
func historyBytes(t *testing.T) []byte {
	t.Helper()
	s, path := create(t)
	if _, err := s.Append(week(t, 1, "")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestAnAbortedSnapshotLeavesTheHistoryAsItWas(t *testing.T) {
	s, path := create(t)
	first := week(t, 1, "Weekly")
	if _, err := s.Append(first); err != nil {
		t.Fatal(err)
	}
	s.Begin(week(t, 2, "Weekly")).Abort()
	s.Begin(week(t, 1, "Weekly")).Abort() // a rerun whose report failed: the old week 1 stays
	var nilPending *Pending
	nilPending.Abort() // no history: nothing to abort
	s.Close()
	if n := rawCount(t, path, "SELECT count(*) FROM snapshots"); n != 1 {
		t.Errorf("%d snapshots after two aborted ones, want week 1's alone", n)
	}
	if n := rawCount(t, path, "SELECT count(*) FROM posts"); n != len(first.Batch.Posts) {
		t.Errorf("%d posts, want week 1's %d", n, len(first.Batch.Posts))
	}
}
