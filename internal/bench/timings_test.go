package bench

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseTimings(t *testing.T) {
	t.Run("the stage lines of vet's stderr are read in order and the rest skipped", func(t *testing.T) {
		f, err := os.Open("testdata/vet-stderr.txt")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		ts, err := ParseTimings(f, VetPrefix)
		if err != nil {
			t.Fatal(err)
		}
		want := Timings{
			{"ingest", 1234567891 * time.Nanosecond}, {"scoring", 87500 * time.Microsecond},
			{"workbook", 12003 * time.Millisecond}, {"html", 950 * time.Microsecond}, {"summary", 4200 * time.Microsecond},
		}
		if len(ts) != len(want) {
			t.Fatalf("got %v, want %v", ts, want)
		}
		for i := range want {
			if ts[i] != want[i] {
				t.Errorf("timing %d = %v, want %v", i, ts[i], want[i])
			}
		}
		if d, ok := ts.Get("workbook"); !ok || d != 12003*time.Millisecond {
			t.Errorf("Get(workbook) = %v, %v", d, ok)
		}
		if _, ok := ts.Get("render"); ok {
			t.Error("Get found a stage that was not printed")
		}
	})
	t.Run("floor lines carry a row count after the duration", func(t *testing.T) {
		ts, err := ParseTimings(strings.NewReader("floor: load 1.5s 100000\r\nfloor: xlsx-stream 2s 100000\n"), FloorPrefix)
		if err != nil || len(ts) != 2 || ts[1] != (Timing{"xlsx-stream", 2 * time.Second}) {
			t.Fatalf("got %v, %v", ts, err)
		}
	})
	for _, bad := range []string{"vet: timing: ingest", "vet: timing: ingest fast", "vet: timing: ingest -3s", "vet: timing: ingest 12"} {
		t.Run("a malformed timing line is an error: "+bad, func(t *testing.T) {
			if _, err := ParseTimings(strings.NewReader(bad+"\n"), VetPrefix); err == nil {
				t.Fatal("no error")
			}
		})
	}
}
