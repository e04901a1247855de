package ingest

import (
	"fmt"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

// followerTable reads handle + followers rows (an --accounts file, an accounts sheet) into
// Batch.Followers. Its rows are not posts, so they do not count in Batch.Read; a row whose
// count cannot be read becomes a warning naming its line.
type followerTable struct {
	b       *Batch
	in      int
	file    string
	account int
	count   int
}

// newFollowerTable accepts a header that has an account column and a followers column.
func newFollowerTable(b *Batch, info Input, header []string, opts *Options) (*followerTable, error) {
	aliases := opts.aliasesFor("generic")
	m, _ := resolveMapping(info.Name, header, aliases, opts.Map)
	var missing []Field
	for _, f := range []Field{FieldAccount, FieldFollowers} {
		if m[f] < 0 {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return nil, &MissingFieldError{File: info.Name, Fields: missing, Headers: header,
			Tried: map[Field][]string{FieldAccount: aliases[FieldAccount], FieldFollowers: aliases[FieldFollowers]}}
	}
	info.Kind = KindFollowers
	info.Preset = "generic"
	var only Mapping
	for i := range only {
		only[i] = -1
	}
	only[FieldAccount], only[FieldFollowers] = m[FieldAccount], m[FieldFollowers]
	info.Columns = only.Describe(header)
	b.Inputs = append(b.Inputs, info)
	return &followerTable{b: b, in: len(b.Inputs) - 1, file: info.Name, account: m[FieldAccount], count: m[FieldFollowers]}, nil
}

func (t *followerTable) row(cells []string, line int) {
	if t.account >= len(cells) {
		return
	}
	h := FoldHandle(cells[t.account])
	if m := handleInURL.FindStringSubmatch(h); m != nil {
		h = m[1] // a profile link: https://www.tiktok.com/@handle
	}
	if h == "" {
		return
	}
	raw := ""
	if t.count < len(cells) {
		raw = cells[t.count]
	}
	n, _, err := ParseCount(raw)
	switch {
	case err != nil:
		t.b.warn(fmt.Sprintf("%s:%d: followers: %v; this account's followers are not known from this file", t.file, line, err))
		return
	case !n.Known():
		return
	}
	t.b.setFollowers(strings.Clone(h), n) // the cells are lent by the CSV scanner
	t.b.Inputs[t.in].Read++
}

// readAccounts reads one --accounts file: CSV (any dialect vet reads) or XLSX.
func readAccounts(name string, opts *Options, b *Batch) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	defer f.Close()
	head := make([]byte, 8)
	k, _ := f.Read(head)
	if _, err := f.Seek(0, 0); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if strings.HasPrefix(string(head[:k]), string(magicZip)) {
		return readAccountsXLSX(name, f, opts, b)
	}
	if strings.HasPrefix(string(head[:k]), string(magicOLE)) {
		return oleError(name, f)
	}
	src, err := openCSV(name, f)
	if err != nil {
		return err
	}
	t, err := newFollowerTable(b, src.input("csv"), src.header, opts)
	if err != nil {
		return err
	}
	return src.each(t.row, func(e *RowError) { b.warn(e.Error()) }, name)
}

func readAccountsXLSX(name string, f *os.File, opts *Options, b *Batch) error {
	x, err := excelize.OpenReader(f, excelize.Options{
		RawCellValue: true, UnzipSizeLimit: unzipSizeLimit, UnzipXMLSizeLimit: unzipXMLSizeLimit,
	})
	if err != nil {
		return xlsxOpenError(name, err)
	}
	defer x.Close()
	var firstErr error
	for _, sheet := range x.GetSheetList() {
		rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil || len(rows) == 0 {
			continue
		}
		sn := name + "[" + sheet + "]"
		t, err := newFollowerTable(b, Input{Name: sn, Format: "xlsx"}, trimAll(rows[0]), opts)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		for i, r := range rows[1:] {
			t.row(r, i+2)
		}
		return nil
	}
	if firstErr == nil {
		firstErr = fmt.Errorf("%s: has no sheet of handle + followers", name)
	}
	return firstErr
}
