package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// maxJSONSize bounds a JSON export held in memory to be flattened.
const maxJSONSize = 1 << 30

// jsonRecord is one exported object, flattened, and the line it starts on.
type jsonRecord struct {
	line int
	keys []string
	vals []string
}

// readJSON reads the Apify TikTok Scraper's JSON: an array of objects, or JSON Lines (one
// object per line, whatever the extension says). Nested objects are flattened to dotted keys
// (authorMeta → fans becomes authorMeta.fans), so exports with nested objects and exports with
// literal dotted keys meet the same alias table. The columns are every key seen, in order.
func readJSON(name, format string, r io.Reader, opts *Options, b *Batch) error {
	tr, err := newTextReader(name, bufio.NewReaderSize(r, sniffWindow))
	if err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(tr, maxJSONSize+1))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxJSONSize {
		return fmt.Errorf("%s: is larger than %d MiB; export it as CSV", name, maxJSONSize>>20)
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return fmt.Errorf("%s: is empty", name)
	}
	var recs []jsonRecord
	var bad []*RowError
	if trimmed[0] == '[' {
		format = "json"
		recs, bad, err = jsonArray(name, data)
		if err != nil {
			return err
		}
	} else {
		format = "jsonl"
		recs, bad = jsonLines(name, data)
	}
	header, index := jsonHeader(recs)
	if len(header) == 0 && len(bad) == 0 {
		return fmt.Errorf("%s: holds no objects", name)
	}
	t, err := newTable(b, Input{Name: name, Format: format, Encoding: tr.Encoding}, header, opts)
	if err != nil {
		return err
	}
	cells := make([]string, len(header))
	bi := 0
	for _, rec := range recs {
		for bi < len(bad) && bad[bi].Line < rec.line {
			t.rowError(bad[bi])
			bi++
		}
		clear(cells)
		for i, k := range rec.keys {
			cells[index[k]] = rec.vals[i]
		}
		t.row(cells, rec.line)
	}
	for ; bi < len(bad); bi++ {
		t.rowError(bad[bi])
	}
	t.finish()
	return nil
}

// jsonArray reads a top-level array; a syntax error stops the file, since nothing after it
// can be trusted.
func jsonArray(name string, data []byte) ([]jsonRecord, []*RowError, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil {
		return nil, nil, jsonError(name, data, dec, err)
	}
	lines := lineCounter{data: data, line: 1}
	var recs []jsonRecord
	var bad []*RowError
	for dec.More() {
		start := skipJSONSpace(data, int(dec.InputOffset()))
		var v any
		if err := dec.Decode(&v); err != nil {
			lc := lineCounter{data: data, line: 1}
			return nil, nil, fmt.Errorf("%s:%d: is not valid JSON: %v", name, lc.at(start), err)
		}
		line := lines.at(start)
		obj, ok := v.(map[string]any)
		if !ok {
			bad = append(bad, &RowError{File: name, Line: line, Value: clip(jsonScalar(v)), Reason: "is not a JSON object"})
			continue
		}
		rec := jsonRecord{line: line}
		flatten(&rec, "", obj)
		recs = append(recs, rec)
	}
	return recs, bad, nil
}

// jsonLines reads one object per line; a line that is not an object is a rejected row.
func jsonLines(name string, data []byte) ([]jsonRecord, []*RowError) {
	var recs []jsonRecord
	var bad []*RowError
	line := 0
	for len(data) > 0 {
		line++
		l := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		l = bytes.TrimSpace(l)
		if len(l) == 0 {
			continue
		}
		var obj map[string]any
		dec := json.NewDecoder(bytes.NewReader(l))
		dec.UseNumber()
		if err := dec.Decode(&obj); err != nil || dec.More() {
			reason := "is not a JSON object"
			if err != nil {
				reason = "is not a JSON object: " + err.Error()
			}
			bad = append(bad, &RowError{File: name, Line: line, Value: clip(string(l)), Reason: reason})
			continue
		}
		rec := jsonRecord{line: line}
		flatten(&rec, "", obj)
		recs = append(recs, rec)
	}
	return recs, bad
}

// flatten writes obj's leaves as dotted keys; arrays get their index as a key part.
func flatten(rec *jsonRecord, prefix string, v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			key := k
			if prefix != "" {
				key = prefix + "." + k
			}
			flatten(rec, key, e)
		}
	case []any:
		for i, e := range x {
			flatten(rec, prefix+"."+strconv.Itoa(i), e)
		}
	default:
		rec.keys = append(rec.keys, prefix)
		rec.vals = append(rec.vals, jsonScalar(x))
	}
}

func jsonScalar(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

// jsonHeader is every key seen, in order of first appearance (map order within one object is
// random, so keys first seen together are sorted for a stable order).
func jsonHeader(recs []jsonRecord) ([]string, map[string]int) {
	index := map[string]int{}
	var header []string
	for _, r := range recs {
		var fresh []string
		for _, k := range r.keys {
			if _, ok := index[k]; !ok {
				index[k] = -1
				fresh = append(fresh, k)
			}
		}
		slices.Sort(fresh)
		for _, k := range fresh {
			index[k] = len(header)
			header = append(header, k)
		}
	}
	return header, index
}

func jsonError(name string, data []byte, dec *json.Decoder, err error) error {
	off := int(dec.InputOffset())
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset)
	}
	lc := lineCounter{data: data, line: 1}
	return fmt.Errorf("%s:%d: is not valid JSON: %v", name, lc.at(min(off, len(data))), err)
}

func skipJSONSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n' || data[i] == ',') {
		i++
	}
	return i
}

// lineCounter turns increasing byte offsets into line numbers.
type lineCounter struct {
	data []byte
	pos  int
	line int
}

func (c *lineCounter) at(off int) int {
	if off > len(c.data) {
		off = len(c.data)
	}
	if off > c.pos {
		c.line += bytes.Count(c.data[c.pos:off], []byte{'\n'})
		c.pos = off
	}
	return c.line
}
