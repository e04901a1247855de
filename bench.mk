# bench.mk — `make bench`, included from the Makefile. Not part of `make test`: it takes minutes.
#
#   make bench                        100K and 1M posts, 3 runs each, figures printed as Markdown
#   make bench BENCH_FLAGS='-write BENCHMARKS.md'   also splice the figures into BENCHMARKS.md
#   make bench BENCH_FLAGS='-sizes 100k -runs 5'
#   make bench-go                     the `go test -bench` benchmarks of every package
#
# The batches are generated once into bench-out/ (gitignored) and reused.

GO ?= go
BENCH_FLAGS ?=
BENCH_GO_FLAGS ?= -benchtime=3x

.PHONY: bench bench-bin bench-go

# bin/vet comes from the Makefile's build target (with the chart script inlined).
bench-bin: build
	$(GO) build -o bin/vet-floor ./cmd/vet-floor
	$(GO) build -o bin/vet-synth ./cmd/vet-synth
	$(GO) build -o bin/vet-bench ./cmd/vet-bench

bench: bench-bin
	bin/vet-bench -bin bin -dir bench-out $(BENCH_FLAGS)

bench-go:
	$(GO) test -run='^$$' -bench=. -benchmem $(BENCH_GO_FLAGS) ./...
