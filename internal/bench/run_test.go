package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMeasure(t *testing.T) {
	t.Run("vet's stage timings come from stderr, with the wall time and peak RSS of the child", func(t *testing.T) {
		s, err := Measure(Command{
			Args:   []string{"sh", "-c", `echo "wrote report" ; echo "vet: timing: ingest 1.5s" >&2; echo "vet: timing: $STAGE 2ms" >&2`},
			Env:    []string{"STAGE=scoring"},
			Prefix: VetPrefix,
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Steps) != 2 || s.Steps[1] != (Timing{"scoring", 2 * time.Millisecond}) {
			t.Errorf("steps = %v", s.Steps)
		}
		if s.Wall <= 0 || s.PeakRSS <= 0 {
			t.Errorf("wall %v, peak RSS %d", s.Wall, s.PeakRSS)
		}
		busy, err := Measure(Command{Args: []string{"sh", "-c", `i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done`}, Prefix: VetPrefix})
		if err != nil || busy.CPU <= 0 {
			t.Errorf("a busy child's CPU time = %v, %v", busy.CPU, err)
		}
	})
	t.Run("floor timings come from stdout", func(t *testing.T) {
		s, err := Measure(Command{Args: []string{"sh", "-c", `echo "floor: csv-read 310ms 1000000"`}, Prefix: FloorPrefix})
		if err != nil || len(s.Steps) != 1 || s.Steps[0].Duration != 310*time.Millisecond {
			t.Fatalf("steps = %v, %v", s.Steps, err)
		}
	})
	t.Run("a program that fails is an error quoting its stderr", func(t *testing.T) {
		_, err := Measure(Command{Args: []string{"sh", "-c", `echo "vet: posts.csv: no such file" >&2; exit 1`}, Prefix: VetPrefix})
		if err == nil || !strings.Contains(err.Error(), "no such file") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("each run starts without the files it is to make fresh", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "history.db")
		for _, f := range []string{db, db + "-wal"} {
			if err := os.WriteFile(f, []byte("last run"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s, err := Measure(Command{Args: []string{"sh", "-c", `ls "$DB" "$DB-wal" 2>/dev/null | wc -l | sed 's/^/floor: files /;s/$/ms 0/'`},
			Env: []string{"DB=" + db}, Prefix: FloorPrefix, Fresh: []string{db}})
		if err != nil || len(s.Steps) != 1 || s.Steps[0].Duration != 0 {
			t.Fatalf("the run saw %v files left (%v)", s.Steps, err)
		}
	})
}
