// Package bench runs the end-to-end benchmark behind `make bench`: it runs vet and the floor
// programs as child processes, reads the stage timings they print, takes each one's wall time
// and peak RSS from the kernel's accounting, measures the report's files and how long
// LibreOffice takes to open the workbook, and writes the medians as a Markdown table for
// BENCHMARKS.md, held against SPEC §5's goals and SPEC §4's size and opening-time goals.
package bench
