package ingest

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// readCSV reads one delimited text file. It uses encoding/csv directly: gocsv reports record
// indexes instead of physical lines and parses numbers its own way (SPEC §7).
func readCSV(name string, r io.Reader, opts *Options, b *Batch) error {
	br := bufio.NewReaderSize(r, 1<<16)
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.LazyQuotes = true

	header, err := cr.Read()
	if err == io.EOF {
		return fmt.Errorf("%s: is empty", name)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	header = append([]string(nil), header...)
	t, err := newTable(name, header, opts)
	if err != nil {
		return err
	}
	in := b.addInput(name, "csv", header, t.m)
	t.first = len(b.Posts)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				b.rejectRow(in, &RowError{File: name, Line: pe.StartLine, Reason: pe.Err.Error()})
				continue
			}
			return fmt.Errorf("%s: %w", name, err)
		}
		p, rerr := t.post(rec, line)
		if rerr != nil {
			b.rejectRow(in, rerr)
			continue
		}
		b.addPost(in, p)
	}
	t.finish(b.Posts[t.first:])
	return nil
}
