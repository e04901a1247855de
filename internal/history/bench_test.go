package history

import (
	"syscall"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/synth"
)

// cpuTime is the CPU time (user + system) the process has used: on a shared machine it says
// what an operation costs better than the wall clock, which waits for other work.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkAppend1M appends a 20,000 × 50 batch (1,000,000 posts) as one snapshot: what
// `vet run --history` adds to a run of that size (SPEC §5: at most 20% of the run). cpu-s/op is
// the CPU time of the append alone.
func BenchmarkAppend1M(b *testing.B) {
	benchmarkAppend(b, synth.Config{Accounts: 20_000, Posts: 50, Seed: 1})
}

// BenchmarkAppend100K is the same for 2,000 × 50.
func BenchmarkAppend100K(b *testing.B) {
	benchmarkAppend(b, synth.Config{Accounts: 2_000, Posts: 50, Seed: 1})
}

// BenchmarkAppendAccountsOnly1M is BenchmarkAppend1M without the posts table: the accounts'
// share of the cost (the rest is the posts').
func BenchmarkAppendAccountsOnly1M(b *testing.B) {
	benchmarkAppend(b, synth.Config{Accounts: 20_000, Posts: 50, Seed: 1}, func(r *Run) { r.Batch.Posts = nil })
}

func benchmarkAppend(b *testing.B, c synth.Config, edit ...func(*Run)) {
	run := synthRun(b, c, "bench")
	for _, e := range edit {
		e(&run)
	}
	var cpu time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		s, _ := create(b)
		b.StartTimer()
		before := cpuTime()
		if _, err := s.Append(run); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - before
	}
	b.ReportMetric(float64(c.Rows())/b.Elapsed().Seconds()*float64(b.N), "posts/s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkLoad12Weeks reads back 12 weekly snapshots of 20,000 accounts (SPEC §8: under a
// second), as a run with --history does before scoring.
func BenchmarkLoad12Weeks(b *testing.B) {
	s, _ := create(b)
	run := synthRun(b, synth.Config{Accounts: 20_000, Posts: 5, Seed: 1}, "bench")
	run.Batch.Posts = nil // the accounts are what is read back; posts would only slow the set-up
	for w := range 12 {
		run.Result.AsOf = time.Date(2026, 9, 4, 18, 0, 0, 0, time.UTC).AddDate(0, 0, 7*w)
		if _, err := s.Append(run); err != nil {
			b.Fatal(err)
		}
	}
	before := run.Result.AsOf.AddDate(0, 0, 7)
	var cpu time.Duration
	b.ResetTimer()
	for range b.N {
		start := cpuTime()
		h, err := s.Load(before, 12)
		if err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
		if len(h) != 20_000 || len(h[run.Result.Accounts[0].Key]) != 12 {
			b.Fatalf("read %d accounts, the first with %d points; want 20,000 with 12", len(h), len(h[run.Result.Accounts[0].Key]))
		}
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}
