package report

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// sortedZip is the excelize ZipWriter hook (File.SetZipWriter) that makes the workbook
// byte-stable and keeps it out of memory:
//
//   - excelize creates the zip's entries in map order once there are charts or several stream
//     sheets; sortedZip compresses each entry into its own buffer as it comes and writes them
//     all, sorted by name, with zip.Writer.CreateRaw at Close;
//   - every entry gets the same modification time (the report's timestamp);
//   - [Content_Types].xml has its Override elements sorted (their order follows map iteration
//     too);
//   - it writes to the report file itself, not to the bytes.Buffer excelize hands it (File.Write
//     would otherwise hold the whole zip in memory), and keeps the compressed entries until
//     Close in a spool file beside it, not in memory: at a million posts they are a hundred
//     megabytes;
//   - it adds the hyperlinks of stream sheets, which excelize's StreamWriter cannot write (see
//     links.go);
//   - it drops the cell references the big sheets can do without (see cellrefs.go);
//   - it puts the rows vet wrote itself into their sheets (see rowxml.go).
type sortedZip struct {
	out      io.Writer
	modified time.Time
	links    map[string]*sheetLinks // by sheet part: "xl/worksheets/sheet3.xml"
	compact  map[string]bool        // sheet parts whose cells lose the references they can do without
	ext      map[string][]byte      // an <extLst> (sparklines) to add to a sheet part
	rows     map[string]*sheetRows  // the rows of a sheet part that rowXML wrote, put before </sheetData>
	entries  []*zipEntry
	cur      *zipEntry
	spool    *spool
}

// newSortedZip writes the zip to out, spooling in dir.
func newSortedZip(out io.Writer, dir string, modified time.Time, links map[string]*sheetLinks, compact map[string]bool, ext map[string][]byte, rows map[string]*sheetRows) *sortedZip {
	return &sortedZip{out: out, modified: modified, links: links, compact: compact, ext: ext, rows: rows, spool: &spool{dir: dir}}
}

// spool is a temp file the compressed entries are written to one after another; each entry is
// a contiguous stretch of it.
type spool struct {
	dir     string
	pattern string // the temp file's name (os.CreateTemp's); "" for the zip's, .vet-zip-*.tmp
	f       *os.File
	w       *bufio.Writer
	off     int64
}

func (s *spool) Write(p []byte) (int, error) {
	if s.f == nil {
		pattern := s.pattern
		if pattern == "" {
			pattern = ".vet-zip-*.tmp"
		}
		f, err := os.CreateTemp(s.dir, pattern)
		if err != nil {
			return 0, err
		}
		s.f, s.w = f, bufio.NewWriterSize(f, 256<<10)
	}
	n, err := s.w.Write(p)
	s.off += int64(n)
	return n, err
}

// section is the stretch [from, to) of the spool, once written.
func (s *spool) section(from, to int64) (io.Reader, error) {
	if s.f == nil {
		return bytes.NewReader(nil), nil
	}
	if err := s.w.Flush(); err != nil {
		return nil, err
	}
	return io.NewSectionReader(s.f, from, to-from), nil
}

func (s *spool) remove() {
	if s.f != nil {
		s.f.Close()
		os.Remove(s.f.Name())
		s.f = nil
	}
}

// zipEntry is one compressed entry waiting for Close. Its bytes are compressed in a goroutine
// of their own (deflater) while its filters and excelize, reading a stream sheet back, make the
// next ones: at a million posts compressing the big sheets was a second of the workbook's
// last stretch, with the other core idle.
type zipEntry struct {
	name       string
	start, end int64 // its compressed bytes in the spool
	fw         *flate.Writer
	crc        hash.Hash32
	size       uint64
	filter     io.WriteCloser // rewrites the entry on its way in, when it needs it; else nil
	deflate    *deflater
}

func (e *zipEntry) Write(p []byte) (int, error) { return e.deflate.write(p) }

// compress is what the deflater does with each chunk of the entry.
func (e *zipEntry) compress(p []byte) error {
	e.crc.Write(p)
	e.size += uint64(len(p))
	_, err := e.fw.Write(p)
	return err
}

// deflater hands an entry's chunks, copied, to one goroutine that compresses them in order:
// the bytes and their order are those of the writes, so the output is what compressing them
// in the caller gave. A few buffers go round, so the writer is never more than that ahead.
type deflater struct {
	chunks chan []byte
	free   chan []byte
	done   chan error
	failed atomic.Bool // the goroutine met an error: writes stop early, close returns it
	cur    []byte      // the writes gathered for the next chunk: small ones are not worth a hand-over each
}

const (
	deflaterBuffers = 4
	deflaterChunk   = 64 << 10
)

func startDeflater(compress func([]byte) error) *deflater {
	d := &deflater{chunks: make(chan []byte, deflaterBuffers), free: make(chan []byte, deflaterBuffers), done: make(chan error, 1)}
	for range deflaterBuffers {
		d.free <- make([]byte, 0, deflaterChunk)
	}
	d.cur = <-d.free
	go func() {
		var err error
		for b := range d.chunks {
			if err == nil {
				if err = compress(b); err != nil {
					d.failed.Store(true)
				}
			}
			d.free <- b[:0]
		}
		d.done <- err
	}()
	return d
}

func (d *deflater) write(p []byte) (int, error) {
	if d.failed.Load() {
		return 0, errDeflate
	}
	d.cur = append(d.cur, p...) // copied: p is the caller's again once Write returns
	if len(d.cur) >= deflaterChunk {
		d.chunks <- d.cur
		d.cur = <-d.free
	}
	return len(p), nil
}

// close waits for every chunk to be compressed, and says how that went.
func (d *deflater) close() error {
	if len(d.cur) > 0 {
		d.chunks <- d.cur
	}
	close(d.chunks)
	return <-d.done
}

var errDeflate = errors.New("compressing the workbook failed")

// compressionLevel is klauspost's level 5. When Videos held every post (720 MB of XML at a
// million posts) level 1 was worth its 19% bigger file: 1 s against 12 s for the standard
// library's default. Now that it holds at most 200,000 posts (about 100 MB of XML), level 5
// costs a tenth of a second more than level 1 there and makes the sheet 14% smaller, which is
// what keeps a 20,000-account workbook within SPEC §4's 25 MB. Its output depends only on its
// input, so the workbook stays byte-stable.
const compressionLevel = 5

// Create starts a new entry; the previous one is complete.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	e := &zipEntry{name: name, crc: crc32.NewIEEE(), start: z.spool.off}
	fw, err := flate.NewWriter(z.spool, compressionLevel)
	if err != nil {
		return nil, err
	}
	e.fw = fw
	e.deflate = startDeflater(e.compress)
	z.entries = append(z.entries, e)
	z.cur = e
	switch {
	case name == "[Content_Types].xml":
		e.filter = &wholeFilter{to: e, rewrite: sortContentTypes}
	case name == "xl/styles.xml":
		e.filter = &wholeFilter{to: e, rewrite: quotePrefixText}
	case z.links[name] != nil:
		e.filter = &sheetLinkFilter{to: e, links: z.links[name]}
	case z.linksOfRels(name) != nil:
		links := z.linksOfRels(name)
		links.relsWritten = true
		e.filter = &wholeFilter{to: e, rewrite: links.addRels}
	}
	if ext := z.ext[name]; ext != nil {
		var to io.WriteCloser = nopCloser{e}
		if e.filter != nil {
			to = e.filter
		}
		e.filter = &extFilter{to: to, ext: ext}
	}
	if rows := z.rows[name]; rows != nil {
		var to io.WriteCloser = nopCloser{e}
		if e.filter != nil {
			to = e.filter
		}
		e.filter = &rowsFilter{to: to, rows: rows}
	}
	if z.compact[name] {
		var to io.WriteCloser = nopCloser{e}
		if e.filter != nil {
			to = e.filter
		}
		e.filter = &cellRefFilter{to: to}
	}
	if e.filter != nil {
		return e.filter, nil
	}
	return e, nil
}

// linksOfRels is the links of the sheet whose relationships part is name.
func (z *sortedZip) linksOfRels(name string) *sheetLinks {
	for part, l := range z.links {
		if relsPart(part) == name {
			return l
		}
	}
	return nil
}

// AddFS adds every file of fsys (part of excelize's interface; it does not call it today).
func (z *sortedZip) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		w, err := z.Create(path)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
}

func (z *sortedZip) finish() error {
	e := z.cur
	if e == nil {
		return nil
	}
	z.cur = nil
	var err error
	if e.filter != nil {
		err = e.filter.Close()
	}
	if derr := e.deflate.close(); err == nil {
		err = derr
	}
	if err != nil {
		return err
	}
	err = e.fw.Close()
	e.end = z.spool.off
	return err
}

// Close writes every entry, sorted by name ([Content_Types].xml first, as Office does).
func (z *sortedZip) Close() error {
	defer z.spool.remove()
	if err := z.finish(); err != nil {
		return err
	}
	// A sheet with links but no relationships part yet gets one.
	for part, l := range z.links {
		if len(l.urls) > 0 && !l.relsWritten {
			w, err := z.Create(relsPart(part))
			if err != nil {
				return err
			}
			if _, err := w.Write([]byte(xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`)); err != nil {
				return err
			}
			if err := z.finish(); err != nil {
				return err
			}
		}
	}
	sort.Slice(z.entries, func(i, j int) bool {
		a, b := z.entries[i].name, z.entries[j].name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	zw := zip.NewWriter(z.out)
	for _, e := range z.entries {
		h := &zip.FileHeader{
			Name: e.name, Method: zip.Deflate,
			CRC32: e.crc.Sum32(), CompressedSize64: uint64(e.end - e.start), UncompressedSize64: e.size,
		}
		h.SetModTime(z.modified) // CreateRaw takes the MS-DOS fields as they are, not Modified
		w, err := zw.CreateRaw(h)
		if err != nil {
			return err
		}
		data, err := z.spool.section(e.start, e.end)
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// wholeFilter collects a small entry whole and rewrites it on Close.
type wholeFilter struct {
	to      io.Writer
	buf     bytes.Buffer
	rewrite func([]byte) []byte
}

func (f *wholeFilter) Write(p []byte) (int, error) { return f.buf.Write(p) }

func (f *wholeFilter) Close() error {
	_, err := f.to.Write(f.rewrite(f.buf.Bytes()))
	return err
}

var (
	defaultRE  = regexp.MustCompile(`<Default [^>]*?/>|<Default [^>]*?></Default>`)
	overrideRE = regexp.MustCompile(`<Override [^>]*?/>|<Override [^>]*?></Override>`)
)

// sortContentTypes sorts [Content_Types].xml's Default and Override elements, whose order
// follows excelize's map iteration once there is a chart.
func sortContentTypes(b []byte) []byte {
	return sortMatches(sortMatches(b, defaultRE), overrideRE)
}

// sortMatches sorts the matches of re in b among themselves, leaving the rest in place.
func sortMatches(b []byte, re *regexp.Regexp) []byte {
	locs := re.FindAllIndex(b, -1)
	if len(locs) < 2 {
		return b
	}
	parts := make([]string, len(locs))
	for i, l := range locs {
		parts[i] = string(b[l[0]:l[1]])
	}
	sort.Strings(parts)
	var out bytes.Buffer
	out.Write(b[:locs[0][0]])
	for i, l := range locs {
		out.WriteString(parts[i])
		next := len(b)
		if i+1 < len(locs) {
			next = locs[i+1][0]
		}
		out.Write(b[l[1]:next]) // whatever stood between (nothing, in excelize's output)
	}
	return out.Bytes()
}

// quotePrefixText marks the cell formats in Excel's Text format (numFmtId 49) with
// quotePrefix, as Excel itself does for text typed after an apostrophe: the cell stays text
// when it is edited. excelize's Style has no field for it.
func quotePrefixText(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte(`<xf numFmtId="49" `), []byte(`<xf numFmtId="49" quotePrefix="1" `))
}

// relsPart is the relationships part of a sheet part.
func relsPart(sheetPart string) string {
	dir, file := "xl/worksheets/", sheetPart[len("xl/worksheets/"):]
	return dir + "_rels/" + file + ".rels"
}

// sheetParts maps sheet names to their parts in the package, from the workbook's own map.
func sheetParts(f *excelize.File) map[string]string {
	m := map[string]string{}
	for id, name := range f.GetSheetMap() {
		m[name] = "xl/worksheets/sheet" + strconv.Itoa(id) + ".xml"
	}
	return m
}
