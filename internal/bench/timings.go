package bench

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// Timing is one measured step of a program: a stage of `vet run` or a floor step.
type Timing struct {
	Step     string
	Duration time.Duration
}

// Timings are the steps of one run in the order the program printed them.
type Timings []Timing

// Get is the duration of step, and whether the run printed it.
func (ts Timings) Get(step string) (time.Duration, bool) {
	for _, t := range ts {
		if t.Step == step {
			return t.Duration, true
		}
	}
	return 0, false
}

// The prefixes the timing lines carry: `vet run` prints `vet: timing: STAGE DURATION` to stderr
// when VET_TIMINGS=1; vet-floor prints `floor: STEP DURATION ROWS` to stdout.
const (
	VetPrefix   = "vet: timing: "
	FloorPrefix = "floor: "
)

// ParseTimings reads the lines of r that start with prefix as `STEP DURATION [anything]`, the
// duration in time.ParseDuration's form (what time.Duration's String writes). Other lines are
// the program's ordinary output and are skipped; a malformed timing line is an error, so a
// change of format cannot go unnoticed.
func ParseTimings(r io.Reader, prefix string) (Timings, error) {
	var ts Timings
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		rest, ok := strings.CutPrefix(line, prefix)
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) < 2 {
			return ts, fmt.Errorf("line %d: %q: want %sSTEP DURATION", n, line, prefix)
		}
		d, err := time.ParseDuration(f[1])
		if err != nil || d < 0 {
			return ts, fmt.Errorf("line %d: %q: %q is not a duration", n, line, f[1])
		}
		ts = append(ts, Timing{Step: f[0], Duration: d})
	}
	return ts, sc.Err()
}
