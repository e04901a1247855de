package ingest

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/vet-tool/vet/internal/lang"
	"github.com/xuri/excelize/v2"
)

// followerTable reads handle + followers and/or price rows (an --accounts file, an accounts
// sheet) into Batch.Followers and Batch.Prices. Its rows are not posts, so they do not count in
// Batch.Read; a row with a count or a price that cannot be read is not used, and a warning
// names its file, line, column and value.
type followerTable struct {
	b       *Batch
	in      int
	file    string
	header  []string
	account int
	count   int      // the followers column, or -1
	price   int      // the price column, or -1
	curr    int      // the currency column, or -1
	handles []string // the accounts given followers or a price, folded
}

// priceAliases are the headers of the fee for one sponsored post, folded like every header;
// currencyAliases those of the prices' currency.
var (
	priceAliases    = []string{"price", "fee", "rate", "cost", "prijs", "tarief", "preis"}
	currencyAliases = []string{"currency", "valuta", "munt", "währung"}
)

// newFollowerTable accepts a header that has an account column and a followers or a price
// column.
func newFollowerTable(b *Batch, info Input, header []string, opts *Options) (*followerTable, error) {
	aliases := opts.aliasesFor("generic")
	var explicit map[Field]string // --map's account and followers only: the other fields are the posts'
	for _, f := range []Field{FieldAccount, FieldFollowers} {
		if h, ok := opts.Map[f]; ok && hasHeaders(header, h) {
			if explicit == nil {
				explicit = map[Field]string{}
			}
			explicit[f] = h
		}
	}
	m, _ := resolveMapping(info.Name, header, aliases, explicit)
	price, curr := columnOf(header, priceAliases), columnOf(header, currencyAliases)
	var missing []Field
	if m[FieldAccount] < 0 {
		missing = append(missing, FieldAccount)
	}
	if m[FieldFollowers] < 0 && price < 0 {
		missing = append(missing, FieldFollowers)
	}
	if len(missing) > 0 {
		return nil, &MissingFieldError{File: info.Name, Fields: missing, Headers: header,
			Tried: map[Field][]string{FieldAccount: aliases[FieldAccount], FieldFollowers: append(slices.Clone(aliases[FieldFollowers]), priceAliases...)}}
	}
	info.Kind = KindFollowers
	info.Preset = "generic"
	var only Mapping
	for i := range only {
		only[i] = -1
	}
	only[FieldAccount], only[FieldFollowers] = m[FieldAccount], m[FieldFollowers]
	info.Columns = only.Describe(header)
	if price >= 0 {
		info.Columns = append(info.Columns, "price ← "+header[price])
	}
	if curr >= 0 {
		info.Columns = append(info.Columns, "currency ← "+header[curr])
	}
	b.Inputs = append(b.Inputs, info)
	return &followerTable{b: b, in: len(b.Inputs) - 1, file: info.Name, header: header,
		account: m[FieldAccount], count: m[FieldFollowers], price: price, curr: curr}, nil
}

// columnOf is the first column whose folded header is one of aliases, or -1.
func columnOf(header, aliases []string) int {
	for _, a := range aliases {
		if i := slices.IndexFunc(header, func(h string) bool { return foldHeader(h) == a }); i >= 0 {
			return i
		}
	}
	return -1
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
	cell := func(i int) string {
		if i < 0 || i >= len(cells) {
			return ""
		}
		return cells[i]
	}
	bad := func(col int, value string, reason lang.Msg) {
		e := RowError{File: t.file, Line: line, Column: t.header[col], Value: value, Reason: why("accounts_row", lang.Sub("reason", reason))}
		t.b.rowNotice(&e)
	}
	n, _, err := ParseCount(cell(t.count))
	if err != nil {
		bad(t.count, cell(t.count), err.(*ValueError).Reason)
		return
	}
	price, hasPrice, err := ParsePrice(cell(t.price))
	if err != nil {
		bad(t.price, cell(t.price), err.(*ValueError).Reason)
		return
	}
	code := priceSign(cell(t.price))
	if c := trimSpace(cell(t.curr)); c != "" {
		cur, err := lang.ParseCurrency(c)
		if err != nil {
			bad(t.curr, c, why("not_currency"))
			return
		}
		code = string(cur)
	}
	if !n.Known() && !hasPrice {
		return
	}
	if hasPrice {
		t.b.sawCurrency(CurrencySeen{Code: code, File: t.file, Line: line})
	}
	h = strings.Clone(h) // the cells are lent by the CSV scanner
	t.handles = append(t.handles, h)
	if n.Known() {
		t.b.setFollowersAt(h, n, t.file+":"+strconv.Itoa(line))
	}
	if hasPrice {
		if t.b.Prices == nil {
			t.b.Prices = map[string]float64{}
		}
		t.b.Prices[h] = price
	}
	t.b.Inputs[t.in].Read++
}

// priceSign is the currency of the sign before a price (€1.250: EUR), or "".
func priceSign(s string) string {
	for sign, code := range map[string]string{"€": "EUR", "$": "USD", "£": "GBP"} {
		if strings.HasPrefix(trimSpace(s), sign) {
			return code
		}
	}
	return ""
}

// ParsePrice reads the fee for one sponsored post: digits with optional thousands separators
// and decimals, after an optional currency sign (€, $ or £). "1250", "1,250", "1.250",
// "1 250", "€1.250,50", "$1,250.50", "12.5" and "12,50" all read. Where both '.' and ',' appear,
// the last is the decimal mark and the other groups thousands; a lone '.' or ',' followed by
// exactly three digits groups thousands (as in counts), otherwise it is the decimal mark.
// Empty is no price (ok false, no error); anything else (negative, letters, two decimal marks,
// groups not of three digits) is an error.
func ParsePrice(s string) (price float64, ok bool, err error) {
	t := trimSpace(s)
	for _, sign := range [...]string{"€", "$", "£"} {
		if r, found := strings.CutPrefix(t, sign); found {
			t = trimSpace(r)
			break
		}
	}
	if t == "" {
		if trimSpace(s) != "" {
			return 0, false, &ValueError{Value: s, Reason: why("price_no_amount")}
		}
		return 0, false, nil
	}
	bad := func(key string) (float64, bool, error) { return 0, false, &ValueError{Value: s, Reason: why(key)} }
	if t[0] == '-' {
		return bad("negative")
	}
	t = strings.NewReplacer(" ", "", "\u00a0", "", "'", "").Replace(t)
	dec := byte(0) // the decimal mark, if any
	lastDot, lastComma := strings.LastIndexByte(t, '.'), strings.LastIndexByte(t, ',')
	switch {
	case lastDot >= 0 && lastComma >= 0:
		dec = '.'
		if lastComma > lastDot {
			dec = ','
		}
	case lastDot >= 0 || lastComma >= 0:
		sep := byte('.')
		if lastComma >= 0 {
			sep = ','
		}
		i := strings.IndexByte(t, sep)
		if i == strings.LastIndexByte(t, sep) && len(t)-i-1 != 3 {
			dec = sep
		}
	}
	intPart, frac := t, ""
	if dec != 0 {
		i := strings.LastIndexByte(t, dec)
		intPart, frac = t[:i], t[i+1:]
		if frac == "" || !allDigits(frac) {
			return bad("not_price")
		}
	}
	if intPart == "" {
		return bad("not_price")
	}
	var digits strings.Builder
	groups := strings.FieldsFunc(intPart, func(r rune) bool { return r == '.' || r == ',' })
	if len(groups) > 1 || strings.ContainsAny(intPart, ".,") {
		if strings.Count(intPart, ".")+strings.Count(intPart, ",") != len(groups)-1 || len(groups[0]) > 3 {
			return bad("price_grouping")
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return bad("price_grouping")
			}
		}
	}
	for _, g := range groups {
		if !allDigits(g) {
			return bad("not_price")
		}
		digits.WriteString(g)
	}
	if frac != "" {
		digits.WriteString("." + frac)
	}
	v, err := strconv.ParseFloat(digits.String(), 64)
	if err != nil || math.IsInf(v, 0) {
		return bad("price_too_large")
	}
	return v, true, nil
}

// readAccounts reads one --accounts file: CSV (any dialect vet reads) or XLSX. It returns the
// handles it gave followers or a price to.
func readAccounts(name file, opts *Options, b *Batch) ([]string, error) {
	f, err := os.Open(name.path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name.name, unwrapPathError(err))
	}
	defer f.Close()
	head := make([]byte, 8)
	k, _ := f.Read(head)
	if _, err := f.Seek(0, 0); err != nil {
		return nil, fmt.Errorf("%s: %w", name.name, err)
	}
	if strings.HasPrefix(string(head[:k]), string(magicZip)) {
		return readAccountsXLSX(name.name, f, opts, b)
	}
	if strings.HasPrefix(string(head[:k]), string(magicOLE)) {
		return nil, oleError(name.name, f)
	}
	src, err := openCSV(name.name, f)
	if err != nil {
		return nil, err
	}
	t, err := newFollowerTable(b, src.input("csv"), src.header, opts)
	if err != nil {
		return nil, err
	}
	src.warn = b.notice
	err = src.each(t.row, b.rowNotice, name.name)
	return t.handles, err
}

func readAccountsXLSX(name string, f *os.File, opts *Options, b *Batch) ([]string, error) {
	var x *excelize.File
	err := guard(func() (err error) {
		x, err = excelize.OpenReader(f, excelize.Options{
			RawCellValue: true, UnzipSizeLimit: unzipSizeLimit, UnzipXMLSizeLimit: unzipXMLSizeLimit,
		})
		return err
	})
	if err != nil {
		return nil, xlsxOpenError(name, err)
	}
	defer guard(x.Close)
	var sheets []string
	if err := guard(func() error { sheets = x.GetSheetList(); return nil }); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var firstErr error
	for _, sheet := range sheets {
		var rows [][]string
		err := guard(func() (err error) { rows, err = x.GetRows(sheet, excelize.Options{RawCellValue: true}); return err })
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
		return t.handles, nil
	}
	if firstErr == nil {
		firstErr = fmt.Errorf("%s: has no sheet of handle + followers or price", name)
	}
	return nil, firstErr
}
