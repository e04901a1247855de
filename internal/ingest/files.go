package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// formatOf names the reader for a file by its extension; "" when vet does not read it.
func formatOf(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv", ".txt":
		return "csv"
	case ".xlsx", ".xlsm":
		return "xlsx"
	case ".xls":
		return "xls"
	case ".json":
		return "json"
	case ".jsonl", ".ndjson":
		return "jsonl"
	}
	return ""
}

// isStream reports whether path is a pipe or a character device (process substitution's
// /dev/fd/63, /dev/stdin): a stream with no name to tell its format by.
func isStream(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode()&(os.ModeNamedPipe|os.ModeCharDevice) != 0
}

// readFile opens one file and hands it to readStream.
func readFile(f file, opts *Options, b *Batch, rs *reading) error {
	format := formatOf(f.path)
	if format == "" && !isStream(f.path) {
		return fmt.Errorf("%s: vet reads .csv, .tsv, .txt, .xlsx, .json and .jsonl files", f.name)
	}
	fh, err := os.Open(f.path)
	if err != nil {
		return fmt.Errorf("%s: %w", f.name, unwrapPathError(err))
	}
	defer fh.Close()
	if format == "" { // a pipe named on the command line (<(…), /dev/stdin): read as - is
		return readStream(f.name, "stdin", fh, nil, opts, b, rs)
	}
	if st, err := fh.Stat(); err == nil {
		rs.sizeHint = st.Size()
		defer func() { rs.sizeHint = 0 }()
	}
	return readStream(f.name, format, fh, fh, opts, b, rs)
}

// Magic numbers that say what a file is whatever its name.
var (
	magicZip = []byte("PK\x03\x04")
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// readBuffer is the size of the buffer a file of size bytes is read through: sniffWindow, or
// less for a file smaller than that, which then lies in it whole (0: not known). A folder of
// 50,000 one-post files made 64 KiB buffers by the hundred thousand.
func readBuffer(size int64) int {
	if size <= 0 || size >= sniffWindow-1 {
		return sniffWindow
	}
	return max(1<<10, int(size)+1)
}

// readStream is the factory switch: the file's first bytes, then its extension, choose the
// reader. A workbook renamed .csv is still read as one; a binary .xls gets a clear error.
// onDisk is the file r reads, nil for standard input: a workbook's parts are checked there.
func readStream(name, format string, r io.Reader, onDisk *os.File, opts *Options, b *Batch, rs *reading) error {
	br := bufio.NewReaderSize(r, readBuffer(rs.sizeHint))
	head, _ := br.Peek(512)
	switch {
	case bytes.HasPrefix(head, magicOLE):
		return oleError(name, br)
	case bytes.HasPrefix(head, magicZip):
		format = "xlsx"
	case len(head) == 0:
		return fileErr(name, "empty")
	case format == "stdin":
		// Standard input is CSV, unless it plainly starts as JSON.
		format = "csv"
		if t := bytes.TrimLeft(head, " \t\r\n\ufeff"); len(t) > 0 && (t[0] == '[' || t[0] == '{') {
			format = "json"
		}
	}
	switch format {
	case "xlsx":
		return readXLSX(name, br, onDisk, opts, b, rs)
	case "xls":
		// Not a binary workbook (checked above): web tools often save text or HTML as .xls.
		if t := bytes.TrimLeft(head, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '<' {
			return fileErr(name, "html_xls")
		}
		return readCSV(name, br, opts, b, rs)
	case "json", "jsonl":
		return readJSON(name, format, br, opts, b)
	default:
		return readCSV(name, br, opts, b, rs)
	}
}

// oleError explains a Compound File: either an old binary .xls or an encrypted .xlsx (Excel
// wraps password-protected workbooks in one, with an EncryptionInfo stream).
func oleError(name string, r io.Reader) error {
	buf, _ := io.ReadAll(io.LimitReader(r, 1<<20))
	if bytes.Contains(buf, utf16Name("EncryptionInfo")) {
		return fileErr(name, "password_ole")
	}
	return fileErr(name, "binary_xls")
}

func utf16Name(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i], 0)
	}
	return out
}
