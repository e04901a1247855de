package report

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// rowXML writes a stream sheet's rows as XML itself, byte for byte as excelize's StreamWriter
// writes them and cellRefFilter then leaves them (TestRowXMLAsExcelizeWritesIt): a cell
// directly after the previous one carries no reference. At 200,000 Videos rows the
// StreamWriter's cell by cell work (a reference, a cell struct and three copies of each text)
// was a quarter of the run's CPU and most of its garbage; written here a row allocates nothing.
//
// It takes the values SetRow would: nil (no cell), int, int64, float64, string, time.Time
// (in a column with a date format) and excelize.Cell holding one of them without a formula.
type rowXML struct {
	colStyles []int    // each column's format, for cells that carry none (SetColStyle's)
	colNames  []string // "A", "B"…: a cell after a gap names its column
}

func newRowXML(cols []column) *rowXML {
	x := &rowXML{colStyles: make([]int, len(cols)), colNames: make([]string, len(cols))}
	for i, c := range cols {
		x.colStyles[i] = c.style
		x.colNames[i], _ = excelize.ColumnNumberToName(i + 1)
	}
	return x
}

// appendRow appends row n (1-based) holding cells, one a column from A, and height points
// tall (0: the default height), as SetRow with excelize.RowOpts{Height: height} writes it.
func (x *rowXML) appendRow(dst []byte, n int, cells []any, height float64) ([]byte, error) {
	if height > excelize.MaxRowHeight {
		return dst, fmt.Errorf("row %d: %w", n, excelize.ErrMaxRowHeight)
	}
	dst = append(dst, `<row r="`...)
	dst = strconv.AppendInt(dst, int64(n), 10)
	if height > 0 {
		dst = append(dst, `" ht="`...)
		dst = strconv.AppendFloat(dst, height, 'f', -1, 64)
		dst = append(dst, `" customHeight="1`...)
	}
	dst = append(dst, `">`...)
	next := 0 // the column (0-based) a cell without a reference takes
	for i, v := range cells {
		if v == nil {
			continue
		}
		style := 0
		if i < len(x.colStyles) {
			style = x.colStyles[i]
		}
		if c, ok := v.(excelize.Cell); ok {
			if c.Formula != "" {
				return dst, fmt.Errorf("row %d, column %d: rowXML writes no formulas", n, i+1)
			}
			if c.StyleID > 0 {
				style = c.StyleID
			}
			v = c.Value
		}
		dst = append(dst, "<c"...)
		if i != next {
			dst = append(dst, ` r="`...)
			if i < len(x.colNames) {
				dst = append(dst, x.colNames[i]...)
			} else {
				name, _ := excelize.ColumnNumberToName(i + 1)
				dst = append(dst, name...)
			}
			dst = strconv.AppendInt(dst, int64(n), 10)
			dst = append(dst, '"')
		}
		next = i + 1
		if style != 0 {
			dst = append(dst, ` s="`...)
			dst = strconv.AppendInt(dst, int64(style), 10)
			dst = append(dst, '"')
		}
		switch v := v.(type) {
		case nil: // a format and no value
			dst = append(dst, "></c>"...)
		case int:
			dst = appendIntCell(dst, int64(v))
		case int64:
			dst = appendIntCell(dst, v)
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				dst = appendInlineString(dst, fmt.Sprint(v))
				break
			}
			dst = append(dst, "><v>"...)
			dst = appendCellFloat(dst, v)
			dst = append(dst, "</v></c>"...)
		case string:
			dst = appendInlineString(dst, v)
		case time.Time:
			serial := excelTime(v)
			if serial <= 0 { // before 1900: excelize writes the time as text
				dst = appendInlineString(dst, v.Format(time.RFC3339Nano))
				break
			}
			if style == 0 {
				return dst, fmt.Errorf("row %d, column %d: a date in a column without a date format", n, i+1)
			}
			dst = append(dst, "><v>"...)
			dst = strconv.AppendFloat(dst, serial, 'f', -1, 64)
			dst = append(dst, "</v></c>"...)
		default:
			return dst, fmt.Errorf("row %d, column %d: rowXML cannot write a %T", n, i+1, v)
		}
	}
	return append(dst, "</row>"...), nil
}

func appendIntCell(dst []byte, v int64) []byte {
	dst = append(dst, "><v>"...)
	dst = strconv.AppendInt(dst, v, 10)
	return append(dst, "</v></c>"...)
}

// appendInlineString ends a cell's start tag and writes s as its inline string, as excelize's
// setInlineStr and writeCell do: cut to Excel's 32,767 UTF-16 units, xml:space="preserve"
// when it starts or ends in white space, escaped as encoding/xml escapes text except for
// newlines, and with an "_xHHHH_" that Excel would read as an escape escaped itself.
func appendInlineString(dst []byte, s string) []byte {
	if len(s) > excelCellLimit && utf16Len(s) > excelCellLimit {
		s = cutUTF16(s, excelCellLimit)
	}
	dst = append(dst, ` t="inlineStr"><is><t`...)
	if s != "" && (edgeSpace(s[0]) || edgeSpace(s[len(s)-1])) {
		dst = append(dst, ` xml:space="preserve"`...)
	}
	dst = append(dst, '>')
	start := len(dst)
	dst = appendEscapedText(dst, s)
	if bytes.Contains(dst[start:], bstrStart) {
		escaped := bstrMarshal(string(dst[start:]))
		dst = append(dst[:start], escaped...)
	}
	return append(dst, "</t></is></c>"...)
}

// edgeSpace is the white space at a text's start or end for which excelize keeps the text's
// spaces (xml:space="preserve").
func edgeSpace(b byte) bool { return b == '\t' || b == '\n' || b == '\r' || b == ' ' }

// appendEscapedText is xml.EscapeText of s with newlines left as they are (excelize escapes
// them and turns each "&#xA;" back into a newline).
func appendEscapedText(dst []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\'' && c != '&' && c != '<' && c != '>' {
			i++
			continue
		}
		r, width := rune(c), 1
		if c >= utf8.RuneSelf {
			r, width = utf8.DecodeRuneInString(s[i:])
		}
		i += width
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			continue
		case '\r':
			esc = "&#xD;"
		default:
			if !xmlChar(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
				break
			}
			continue
		}
		dst = append(dst, s[last:i-width]...)
		dst = append(dst, esc...)
		last = i
	}
	return append(dst, s[last:]...)
}

// xmlChar is encoding/xml's isInCharacterRange: the characters XML 1.0 allows.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// cutUTF16 is s's longest prefix of at most n UTF-16 units.
func cutUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		if units += utf16.RuneLen(r); units > n {
			return s[:i]
		}
	}
	return s
}

var (
	bstrStart     = []byte("_x")
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's own (lib.go), unexported there: text that reads as Excel's
// "_xHHHH_" escape gets its underscore escaped as "_x005F_", so that it shows as written. It
// drops an "_xHHHH_" whose HHHH is no character (a surrogate), as excelize does.
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// appendCellFloat is excelize's formatCellFloat(v, -1, 64): the shortest decimal form, cut
// to Excel's 15 significant digits.
func appendCellFloat(dst []byte, v float64) []byte {
	start := len(dst)
	dst = strconv.AppendFloat(dst, v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return dst
	}
	str := dst[start:]
	const maxPrec = 15
	decimal := bytes.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			cut := str[:idx]
			if len(cut) > 0 && cut[len(cut)-1] == '.' {
				cut = cut[:len(cut)-1]
			}
			return dst[:start+len(cut)]
		}
		if decimal < 0 {
			decimal = len(str)
		}
		for ; idx < decimal; idx++ {
			str[idx] = '0'
		}
		return dst[:start+decimal]
	}
	return dst
}

// excelTime is excelize's timeToExcelTime for the 1900 date system, after the time is moved
// by its zone's offset as setCellTime moves it: 0 before 1900.
func excelTime(t time.Time) float64 {
	_, offset := t.Zone()
	t = t.Add(time.Duration(offset) * time.Second)
	const (
		day         = 24 * time.Hour
		maxDuration = 290 * 364 * day
	)
	epoch := time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	if t.Before(epoch) {
		return 0
	}
	tt, diff, result := t, t.Sub(epoch), 0.0
	for diff >= maxDuration {
		result += float64(maxDuration / day)
		tt = tt.Add(-maxDuration)
		diff = tt.Sub(epoch)
	}
	rem := diff % day
	result += float64(diff-rem)/float64(day) + float64(rem)/float64(day)
	if t.After(time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)) {
		result++ // Excel's 29 February 1900
	}
	return result
}
