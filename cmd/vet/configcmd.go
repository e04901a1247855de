package main

import (
	"fmt"
	"os"

	"github.com/vet-tool/vet/internal/config"
)

// initCmd is `vet init [DIR]`: a commented vet.yaml with every default.
func initCmd(args []string, e *env) error {
	fs := newFlagSet("init", "init [DIR]", e)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	dir := "."
	switch len(rest) {
	case 0:
	case 1:
		dir = rest[0]
	default:
		return &usageError{msg: "init takes at most one DIR"}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	path, err := config.WriteInit(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", path)
	return nil
}

// benchmarksCmd is `vet benchmarks [--config F]`: the tier table and thresholds in force.
func benchmarksCmd(args []string, e *env) error {
	var s settings
	fs := newFlagSet("benchmarks", "benchmarks [--config FILE]", e)
	fs.StringVar(&s.configPath, "config", "", "read settings from `FILE` (default: ./vet.yaml when there is one)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{msg: "benchmarks takes no arguments"}
	}
	f, err := s.load(fs)
	if err != nil {
		return err
	}
	if f.Path != "" {
		fmt.Fprintf(e.stdout, "settings from %s\n\n", f.Path)
	}
	return config.Describe(e.stdout, f.Scoring)
}
