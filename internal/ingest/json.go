package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/vet-tool/vet/internal/lang"
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
		return fileErr(name, "empty")
	}
	var recs []jsonRecord
	var bad []*RowError
	counts := countKeys(opts)
	switch trimmed[0] {
	case '[':
		format = "json"
		recs, bad, err = jsonArrays(name, data, counts)
	case '{':
		var key string
		recs, key, err = jsonWrapped(name, data, counts)
		switch {
		case err != nil:
		case recs != nil:
			format = "json"
			b.notice(say("json_array", lang.Text("file", name), lang.Text("key", strconv.Quote(clip(key)))))
		default:
			format = "jsonl"
			recs, bad = jsonLines(name, data, counts)
		}
	default:
		err = fmt.Errorf("%s: is a single JSON %s, not posts (vet reads an array of post objects, JSON Lines, or an object holding one array of posts)", name, jsonKind(trimmed[0]))
	}
	if err != nil {
		return err
	}
	header, index := jsonHeader(recs)
	if len(header) == 0 && len(bad) == 0 {
		return fileErr(name, "no_objects")
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

// jsonArrays reads a top-level array, or several written one after the other ([…][…]); a
// syntax error stops the file, since nothing after it can be trusted, and so does anything
// after the arrays that is not another array. An array of arrays is refused whole: it is a
// table without its keys, not posts.
func jsonArrays(name string, data []byte, counts map[string]bool) ([]jsonRecord, []*RowError, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	lines := lineCounter{data: data, line: 1}
	var recs []jsonRecord
	var bad []*RowError
	for {
		start := skipJSONSpace(data, int(dec.InputOffset()))
		if start >= len(data) {
			break
		}
		if data[start] != '[' {
			lc := lineCounter{data: data, line: 1}
			return nil, nil, fmt.Errorf("%s:%d: has data after the array (%s); refused, since it may hold posts vet cannot read",
				name, lc.at(start), jsonKind(data[start]))
		}
		if _, err := dec.Token(); err != nil {
			return nil, nil, jsonError(name, data, dec, err)
		}
		inner := 0
		for dec.More() {
			start := skipJSONSpace(data, int(dec.InputOffset()))
			var v any
			if err := dec.Decode(&v); err != nil {
				lc := lineCounter{data: data, line: 1}
				return nil, nil, fmt.Errorf("%s:%d: is not valid JSON: %w", name, lc.at(start), err)
			}
			line := lines.at(start)
			obj, ok := v.(map[string]any)
			if !ok {
				if _, isArray := v.([]any); isArray {
					inner++
				}
				bad = append(bad, &RowError{File: name, Line: line, Value: clip(jsonScalar(v)), Reason: why("not_object")})
				continue
			}
			rec := jsonRecord{line: line}
			flatten(&rec, "", obj, counts)
			recs = append(recs, rec)
		}
		if _, err := dec.Token(); err != nil {
			return nil, nil, jsonError(name, data, dec, err)
		}
		if inner > 0 && len(recs) == 0 {
			return nil, nil, fmt.Errorf("%s: is an array of arrays, not of objects: vet reads one object per post, with its keys (playCount, diggCount…)", name)
		}
	}
	return recs, bad, nil
}

// jsonWrapped reads a file that is one object holding exactly one array of objects
// ({"items": […]}, as some tools save a dataset): its records and the key they were under.
// It returns no records and no error when the file is JSON Lines (objects one per line) or a
// single post; any other single object is refused in one line naming what it holds.
func jsonWrapped(name string, data []byte, counts map[string]bool) ([]jsonRecord, string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return nil, "", nil // JSON Lines say which line is bad
	}
	if skipJSONSpace(data, int(dec.InputOffset())) < len(data) {
		return nil, "", nil // more values follow: JSON Lines
	}
	var arrays []string
	for k, v := range obj {
		if a, ok := v.([]any); ok && len(a) > 0 && !slices.ContainsFunc(a, func(e any) bool { _, ok := e.(map[string]any); return !ok }) {
			arrays = append(arrays, k)
		}
	}
	slices.Sort(arrays)
	var single jsonRecord
	flatten(&single, "", obj, counts)
	post := slices.ContainsFunc(single.keys, func(k string) bool { return counts[foldHeader(k)] })
	switch {
	case len(arrays) == 1 && !post:
		var recs []jsonRecord
		lines := lineCounter{data: data, line: 1}
		for _, e := range obj[arrays[0]].([]any) {
			rec := jsonRecord{line: lines.at(0)}
			flatten(&rec, "", e.(map[string]any), counts)
			recs = append(recs, rec)
		}
		return recs, arrays[0], nil
	case post:
		return nil, "", nil // one post on its own
	case len(arrays) > 1:
		return nil, "", fmt.Errorf("%s: is one JSON object holding %d arrays of objects (%s): vet cannot tell which holds the posts; save that array alone", name, len(arrays), quoteKeys(arrays))
	}
	keys := slices.Sorted(maps.Keys(obj))
	return nil, "", fmt.Errorf("%s: is one JSON object (keys %s) holding no array of post objects: vet reads an array of post objects, JSON Lines, or an object holding one array of posts", name, quoteKeys(keys))
}

// quoteKeys lists up to five keys, quoted and cut.
func quoteKeys(keys []string) string {
	var q []string
	for i, k := range keys {
		if i == 5 {
			q = append(q, fmt.Sprintf("and %d more", len(keys)-5))
			break
		}
		q = append(q, strconv.Quote(clip(k)))
	}
	return strings.Join(q, ", ")
}

// jsonKind names the JSON value that starts with c.
func jsonKind(c byte) string {
	switch {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		return "string"
	case c == 't' || c == 'f':
		return "boolean"
	case c == 'n':
		return "null"
	case c == '-' || c >= '0' && c <= '9':
		return "number"
	}
	return "text that is not JSON"
}

// countKeys are the folded headers of every count field (views, likes, comments, shares,
// saves, followers) in every layout and in the user's own aliases and --map: a value there
// that is an array or an object is kept as its JSON text, so that its row is rejected naming
// it rather than read as no count.
func countKeys(opts *Options) map[string]bool {
	keys := map[string]bool{}
	fields := []Field{FieldViews, FieldLikes, FieldComments, FieldShares, FieldSaves, FieldFollowers}
	for _, f := range fields {
		for _, name := range append(opts.presetNames(), "generic") {
			for _, a := range opts.aliasesFor(name)[f] {
				keys[foldHeader(a)] = true
			}
		}
		if h, ok := opts.Map[f]; ok {
			keys[foldHeader(h)] = true
		}
	}
	return keys
}

// jsonLines reads one object per line; a line that is not an object is a rejected row.
func jsonLines(name string, data []byte, counts map[string]bool) ([]jsonRecord, []*RowError) {
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
			reason := why("not_object")
			if err != nil {
				reason = why("not_object_because", lang.Text("error", err.Error()))
			}
			bad = append(bad, &RowError{File: name, Line: line, Value: clip(string(l)), Reason: reason})
			continue
		}
		rec := jsonRecord{line: line}
		flatten(&rec, "", obj, counts)
		recs = append(recs, rec)
	}
	return recs, bad
}

// flatten writes obj's leaves as dotted keys; arrays get their index as a key part. An array or
// an object where a count belongs (counts) is also kept whole, as its JSON text: a count of
// [1] or {} is a bad value, not a missing one.
func flatten(rec *jsonRecord, prefix string, v any, counts map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		if prefix != "" && counts[foldHeader(prefix)] {
			rec.keys, rec.vals = append(rec.keys, prefix), append(rec.vals, jsonText(x))
		}
		for k, e := range x {
			key := k
			if prefix != "" {
				key = prefix + "." + k
			}
			flatten(rec, key, e, counts)
		}
	case []any:
		if counts[foldHeader(prefix)] {
			rec.keys, rec.vals = append(rec.keys, prefix), append(rec.vals, jsonText(x))
		}
		for i, e := range x {
			flatten(rec, prefix+"."+strconv.Itoa(i), e, counts)
		}
	default:
		rec.keys = append(rec.keys, prefix)
		rec.vals = append(rec.vals, jsonScalar(x))
	}
}

// jsonText is a value written back as JSON, cut for a message.
func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return clip(string(b))
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
	return fmt.Errorf("%s:%d: is not valid JSON: %w", name, lc.at(min(off, len(data))), err)
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
