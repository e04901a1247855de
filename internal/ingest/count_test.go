package ingest

import (
	"testing"

	"github.com/vet-tool/vet/internal/lang"
)

func TestParseCount(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Count
		rounded bool
		wantErr string
	}{
		{"a plain integer is read as it is", "12345", 12345, false, ""},
		{"zero is a count, not missing", "0", 0, false, ""},
		{"a comma before three digits separates thousands", "12,345", 12345, false, ""},
		{"a dot before three digits separates thousands", "12.345", 12345, false, ""},
		{"several thousands groups are read", "1.234.567", 1234567, false, ""},
		{"a space separates thousands", "12 345", 12345, false, ""},
		{"a no-break space separates thousands", "12\u00a0345", 12345, false, ""},
		{"an apostrophe separates thousands", "12'345", 12345, false, ""},
		{"Excel's float with a zero fraction is a whole number", "12345.0", 12345, false, ""},
		{"a grouped number with a zero decimal part is whole", "1,234.00", 1234, false, ""},
		{"a K suffix multiplies by a thousand and marks the count rounded", "1.2K", 1200, true, ""},
		{"a decimal comma before K is a decimal point", "1,2K", 1200, true, ""},
		{"a lower-case k is a K", "304.9k", 304900, true, ""},
		{"an M suffix multiplies by a million", "3.4M", 3400000, true, ""},
		{"a B suffix multiplies by a billion", "1B", 1000000000, true, ""},
		{"fractions of a K are rounded half up", "1.2345K", 1235, true, ""},
		{"surrounding spaces are ignored", "  42 ", 42, false, ""},
		{"an empty cell is missing, never zero", "", Missing, false, ""},
		{"a blank cell is missing", "   ", Missing, false, ""},
		{"-1 is a hidden count, missing", "-1", Missing, false, ""},
		{"a fraction without a suffix is refused", "1.5", 0, false, "is not a whole number (a rounded count needs K, M or B)"},
		{"a fraction of two digits is refused", "12,34", 0, false, "is not a whole number (a rounded count needs K, M or B)"},
		{"a negative count is refused", "-3", 0, false, "is negative"},
		{"a word is refused", "abc", 0, false, "is not a count"},
		{"NaN is refused", "NaN", 0, false, "is not a count"},
		{"infinity is refused", "inf", 0, false, "is not a count"},
		{"scientific notation is refused", "1e30", 0, false, "is not a count"},
		{"hexadecimal is refused", "0x10", 0, false, "is not a count"},
		{"a leading zero is refused rather than read as octal", "010", 0, false, "has a leading zero (is it octal, or a code?)"},
		{"a value past int64 is refused", "9223372036854775808", 0, false, "is too large for a count"},
		{"the largest int64 is refused as implausible: sums must not wrap", "9223372036854775807", 0, false, "is implausibly large for a count (above 10^12)"},
		{"10^12 is the largest count read", "1000000000000", MaxCount, false, ""},
		{"10^12 + 1 is refused as implausible", "1000000000001", 0, false, "is implausibly large for a count (above 10^12)"},
		{"a rounded count above 10^12 is refused", "1001B", 0, false, "is implausibly large for a count (above 10^12)"},
		{"1000B is 10^12, read", "1000B", MaxCount, true, ""},
		{"a rounded value past int64 is refused", "99999999999B", 0, false, "is too large for a count"},
		{"mixed thousands separators are refused", "1,234.567", 0, false, "is not a count"},
		{"a group of two digits is refused", "1,23,456", 0, false, "is not a count"},
		{"a first group of four digits is refused", "1234,567", 0, false, "is not a count"},
		{"a suffix alone is refused", "K", 0, false, "is not a count"},
		{"a K with two decimal points is refused", "1.2.3K", 0, false, "is not a count"},
		{"a plus sign is refused", "+5", 0, false, "is not a count"},
		{"a trailing dot is refused", "12.", 0, false, "is not a whole number (a rounded count needs K, M or B)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, rounded, err := ParseCount(tc.in)
			if tc.wantErr != "" {
				ve, ok := err.(*ValueError)
				if !ok || lang.InEnglish(ve.Reason) != tc.wantErr {
					t.Fatalf("ParseCount(%q) = %d, %v; want error %q", tc.in, got, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want || rounded != tc.rounded {
				t.Fatalf("ParseCount(%q) = %d, %v, %v; want %d, %v", tc.in, got, rounded, err, tc.want, tc.rounded)
			}
		})
	}
}

func TestParseCountAllocations(t *testing.T) {
	t.Run("a plain integer is read without allocating", func(t *testing.T) {
		if n := testing.AllocsPerRun(100, func() { ParseCount("1234567") }); n != 0 {
			t.Errorf("%v allocations", n)
		}
	})
	t.Run("a rounded count is read without allocating", func(t *testing.T) {
		if n := testing.AllocsPerRun(100, func() { ParseCount("541.2K") }); n != 0 {
			t.Errorf("%v allocations", n)
		}
	})
}
