package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/vet-tool/vet/internal/lang"
	"github.com/xuri/excelize/v2"
)

// Decompression caps (SPEC §7): excelize's default lets a 2 MB file inflate to 16 GB. A real
// export of a million posts inflates to a few hundred MB; anything past these is refused.
const (
	unzipSizeLimit    = 1 << 30   // all parts of a workbook, inflated
	unzipXMLSizeLimit = 256 << 20 // one sheet or the shared strings held in memory (larger go to a temp file): shared by the workbooks read at once
)

// readXLSX reads every sheet of a workbook whose header row names the required fields, row by
// row; a sheet named like "accounts" (or any sheet of handle + followers) gives follower counts
// instead. Values are read raw (RawCellValue): formatted values lose digits and dates ("Oct-26").
func readXLSX(name string, r io.Reader, onDisk *os.File, opts *Options, b *Batch, rs *reading) error {
	var at io.ReaderAt = onDisk
	var size int64
	if onDisk != nil {
		st, err := onDisk.Stat()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		size = st.Size()
	} else {
		data, err := io.ReadAll(r) // excelize reads it all into memory too
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		at, size, r = bytes.NewReader(data), int64(len(data)), bytes.NewReader(data)
	}
	sc, err := scanWorkbook(name, at, size)
	if err != nil {
		return err
	}
	var f *excelize.File
	err = guard(func() (err error) {
		f, err = excelize.OpenReader(r, excelize.Options{
			RawCellValue: true, UnzipSizeLimit: unzipSizeLimit, UnzipXMLSizeLimit: rs.xmlInMemory(),
		})
		return err
	})
	if err != nil {
		return xlsxOpenError(name, err)
	}
	defer guard(f.Close)
	var sheets []string
	if err := guard(func() error { sheets = f.GetSheetList(); return nil }); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	var firstErr error
	used := 0
	var damaged error
	for _, sheet := range sheets {
		if reason, bad := sc.damaged[sheet]; bad {
			// Read completely or not at all: the rest of the batch goes on without it.
			sn := name + "[" + sheet + "]"
			b.Inputs = append(b.Inputs, Input{Name: sn, Format: "xlsx", Kind: KindSkipped, Note: reason})
			b.Skipped = append(b.Skipped, Skipped{Name: sn, Reason: reason})
			if damaged == nil {
				damaged = &fileError{name: sn, msg: reason}
			}
			continue
		}
		ok, err := readSheet(f, name, sheet, opts, b, rs)
		if err != nil {
			var mf *MissingFieldError
			if !errors.As(err, &mf) {
				return err
			}
			if firstErr == nil {
				firstErr = err
			}
		}
		if ok {
			used++
		}
	}
	if used == 0 {
		if damaged != nil {
			return damaged
		}
		if firstErr == nil {
			firstErr = fileErr(name, "no_header_sheet")
		}
		return firstErr
	}
	return sc.cut
}

// xlsxOpenError turns excelize's and archive/zip's errors into one line a user can act on.
func xlsxOpenError(name string, err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, excelize.ErrWorkbookPassword), errors.Is(err, excelize.ErrWorkbookFileFormat) && strings.Contains(msg, "password"):
		return fileErr(name, "password_xlsx")
	case strings.Contains(msg, "unzip size"):
		return fileErr(name, "inflates", lang.Text("mib", strconv.Itoa(unzipSizeLimit>>20)))
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm), errors.Is(err, zip.ErrChecksum),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, excelize.ErrWorkbookFileFormat):
		return fileErr(name, "not_xlsx", lang.Text("error", err.Error()))
	}
	var ep *excelizePanic
	if errors.As(err, &ep) {
		return fmt.Errorf("%s: %w", name, err)
	}
	return fmt.Errorf("%s: cannot open the workbook: %w", name, err)
}

// excelizePanic is a panic inside excelize, as an error: excelize is not hardened against
// every malformed part, and a panic there is a file vet cannot read, not a crash.
type excelizePanic struct{ value any }

func (e *excelizePanic) Error() string {
	return fmt.Sprintf("is not a readable .xlsx workbook (damaged: %v)", e.value)
}

// guard runs a call into excelize, turning a panic in it into an excelizePanic. Only excelize's
// calls are guarded: a panic in vet's own code (the rows a sheet's cells are handed to) is a
// bug, and must crash rather than pass for a damaged workbook.
func guard(call func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &excelizePanic{p}
		}
	}()
	return call()
}

// sheetRows is excelize's row iterator with every call guarded.
type sheetRows struct{ rows *excelize.Rows }

// next returns the next row's cells; ok is false after the last row, or with an error.
func (r sheetRows) next() (cells []string, ok bool, err error) {
	err = guard(func() (err error) {
		if !r.rows.Next() {
			return r.rows.Error()
		}
		ok = true
		cells, err = r.rows.Columns()
		return err
	})
	return cells, ok && err == nil, err
}

// readSheet reads one sheet; ok says whether it gave posts or followers.
func readSheet(f *excelize.File, file, sheet string, opts *Options, b *Batch, rs *reading) (ok bool, err error) {
	name := file + "[" + sheet + "]"
	var xr *excelize.Rows
	if err := guard(func() (err error) { xr, err = f.Rows(sheet); return err }); err != nil {
		return false, fmt.Errorf("%s: %w", name, err)
	}
	defer guard(xr.Close)
	rows := sheetRows{xr}
	n := 0 // the sheet's row number: Next steps over empty rows too
	info := Input{Name: name, Format: "xlsx"}
	var each func([]string, int)
	var done func()
	var firstErr error
	// The header is the first row that names the fields; a few title rows may sit above it.
	for tries := 0; each == nil && tries <= maxTitleRows; {
		cells, ok, err := rows.next()
		if err != nil {
			return false, fmt.Errorf("%s:%d: %w", name, n+1, err)
		}
		if !ok {
			break
		}
		n++
		if blankRecord(cells) {
			continue
		}
		tries++
		header := trimAll(cells)
		each, done, err = sheetTable(b, info, sheet, header, opts)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		if err == nil && tries > 1 {
			b.notice(say("header_row", lang.Text("file", name), lang.Text("row", strconv.Itoa(n))))
		}
	}
	if each == nil {
		if firstErr == nil {
			b.Inputs = append(b.Inputs, Input{Name: name, Format: "xlsx", Kind: KindSkipped, Note: lang.M("ingest.note.empty_sheet")})
			return false, nil
		}
		b.Inputs = append(b.Inputs, Input{Name: name, Format: "xlsx", Kind: KindSkipped,
			Note: lang.M("ingest.note.no_post_columns", lang.Sub("reason", said(name, firstErr)))})
		return false, firstErr
	}
	if declared, ok := declaredRows(f, sheet); ok {
		// Room for the posts at once, as for a CSV (growing a million Posts by doubling costs
		// more than reading them); at most one per 16 bytes of the file, should it lie.
		b.reserve(min(declared-n, int(rs.sizeHint/16)))
	}
	for {
		cells, ok, err := rows.next()
		if err != nil {
			return true, fmt.Errorf("%s:%d: %w", name, n+1, err)
		}
		if !ok {
			break
		}
		n++
		if blankRecord(cells) {
			continue
		}
		each(cells, n) // vet's own code: not guarded
	}
	if err := checkDimension(f, name, sheet, n); err != nil {
		return true, err
	}
	done()
	return true, nil
}

// maxTitleRows is how many rows above the header (a report's title, a date) are looked past.
const maxTitleRows = 10

// sheetTable opens a sheet's rows as posts, or as followers when the sheet is named for
// accounts or names no post count at all.
func sheetTable(b *Batch, info Input, sheet string, header []string, opts *Options) (func([]string, int), func(), error) {
	t, terr := newTable(b, info, header, opts)
	if terr == nil {
		return t.row, t.finish, nil
	}
	var mf *MissingFieldError
	if !errors.As(terr, &mf) {
		return nil, nil, terr
	}
	if looksLikeAccounts(sheet) || !hasPostColumns(header, opts) {
		if ft, err := newFollowerTable(b, info, header, opts); err == nil {
			return ft.row, func() {}, nil
		}
	}
	return nil, nil, terr
}

// tailWriter keeps the last bytes written to it.
type tailWriter struct {
	buf [64]byte
	n   int
}

func (w *tailWriter) Write(p []byte) (int, error) {
	if len(p) >= len(w.buf) {
		copy(w.buf[:], p[len(p)-len(w.buf):])
		w.n = len(w.buf)
		return len(p), nil
	}
	keep := min(w.n, len(w.buf)-len(p))
	copy(w.buf[:keep], w.buf[w.n-keep:w.n])
	copy(w.buf[keep:], p)
	w.n = keep + len(p)
	return len(p), nil
}

// closesWorksheet reports whether the bytes end with </worksheet> (or a prefixed </x:worksheet>).
func (w *tailWriter) closesWorksheet() bool {
	t := bytes.TrimRight(w.buf[:w.n], " \t\r\n\x00")
	if !bytes.HasSuffix(t, []byte("worksheet>")) {
		return false
	}
	t = t[:len(t)-len("worksheet>")]
	if i := bytes.LastIndexByte(t, '<'); i >= 0 {
		tag := t[i:]
		return string(tag) == "</" || bytes.HasPrefix(tag, []byte("</")) && bytes.HasSuffix(tag, []byte(":")) && !bytes.ContainsAny(tag, " >")
	}
	return false
}

// checkDimension compares the rows read with the sheet's declared dimension: excelize stops
// quietly at a truncated sheet (SPEC §7), so fewer rows than declared means a damaged file.
func checkDimension(f *excelize.File, name, sheet string, read int) error {
	if declared, ok := declaredRows(f, sheet); ok && read < declared {
		return fileErr(name, "rows_short", lang.Count("declared", int64(declared)), lang.Count("read", int64(read)))
	}
	return nil
}

// declaredRows is the last row of the sheet's declared dimension (A1:O1000001 → 1000001).
func declaredRows(f *excelize.File, sheet string) (int, bool) {
	var dim string
	if err := guard(func() (err error) { dim, err = f.GetSheetDimension(sheet); return err }); err != nil || dim == "" {
		return 0, false
	}
	_, last, ok := strings.Cut(dim, ":")
	if !ok {
		return 0, false
	}
	_, rows, err := excelize.CellNameToCoordinates(last)
	return rows, err == nil
}

// hasPostColumns reports whether a header names any post count: such a sheet missing a required
// field is a mistake to report, not a table of followers.
func hasPostColumns(header []string, opts *Options) bool {
	m, _ := resolveMapping("", header, opts.aliasesFor("generic"), opts.Map)
	return m[FieldViews] >= 0 || m[FieldLikes] >= 0 || m[FieldComments] >= 0 || m[FieldShares] >= 0
}

// looksLikeAccounts reports a sheet named for accounts or followers.
func looksLikeAccounts(sheet string) bool {
	s := foldHeader(sheet)
	return strings.Contains(s, "account") || strings.Contains(s, "follower") || strings.Contains(s, "creator")
}

// trimAll is a header row trimmed and copied: the cells may be lent by the CSV scanner.
func trimAll(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.Clone(strings.TrimSpace(c))
	}
	return out
}
