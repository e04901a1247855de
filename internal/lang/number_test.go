package lang

import (
	"math"
	"testing"
)

func TestRound(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    float64
		dec  int
		want string
	}{
		{"a half rounds away from zero", 2.125, 2, "2.13"},
		{"a half stored a hair under rounds up, as a spreadsheet shows it", 1.005, 2, "1.01"},
		{"just under a half rounds down", 1.00499, 2, "1.00"},
		{"the issue's 159.9347 is 159.93", 159.9347, 2, "159.93"},
		{"a negative half rounds away from zero", -2.125, 2, "-2.13"},
		{"a negative that rounds to zero has no sign", -0.001, 2, "0.00"},
		{"minus zero has no sign", math.Copysign(0, -1), 2, "0.00"},
		{"a carry grows the whole part", 9.995, 2, "10.00"},
		{"a carry through every digit", 999.5, 0, "1000"},
		{"no decimals", 12345.4999, 0, "12345"},
		{"tiny values are zero", 1e-20, 2, "0.00"},
		{"under the rounding point, a half rounds up", 0.005, 2, "0.01"},
		{"big values keep their digits", 123456789012.5, 1, "123456789012.5"},
		{"beyond 15 digits, zeros", 1e20, 2, "100000000000000000000.00"},
		{"float noise never flips a digit", 0.1 + 0.2, 2, "0.30"},
		{"NaN is nothing", math.NaN(), 2, ""},
		{"infinity is nothing", math.Inf(1), 2, ""},
		{"more decimals than digits", 0.5, 4, "0.5000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Round(tc.v, tc.dec); got != tc.want {
				t.Errorf("Round(%v, %d) = %q, want %q", tc.v, tc.dec, got, tc.want)
			}
			if got := string(AppendRound([]byte("er="), tc.v, tc.dec)); got != "er="+tc.want {
				t.Errorf("AppendRound after er= gives %q, want %q", got, "er="+tc.want)
			}
		})
	}
}

func TestNumbersFollowTheLanguage(t *testing.T) {
	en, nl := New(English, ""), New(Dutch, "")
	for _, tc := range []struct {
		name      string
		en, nl    string
		wantEN    string
		wantDutch string
	}{
		{"a count", en.Count(12345), nl.Count(12345), "12,345", "12.345"},
		{"a big count", en.Count(1234567), nl.Count(1234567), "1,234,567", "1.234.567"},
		{"a short count has no separator", en.Count(999), nl.Count(999), "999", "999"},
		{"a negative count", en.Count(-2500), nl.Count(-2500), "-2,500", "-2.500"},
		{"a percent", en.Percent(6.4, 2), nl.Percent(6.4, 2), "6.40%", "6,40%"},
		{"the seed's percent to one decimal", en.Percent(6.4, 1), nl.Percent(6.4, 1), "6.4%", "6,4%"},
		{"a ratio", en.Ratio(0.2, 2), nl.Ratio(0.2, 2), "0.20×", "0,20×"},
		{"a decimal with separators", en.Decimal(4063.276, 2), nl.Decimal(4063.276, 2), "4,063.28", "4.063,28"},
		{"a measured number", en.Num(62.44), nl.Num(62.44), "62.4", "62,4"},
		{"a measured number under 10", en.Num(4.956), nl.Num(4.956), "4.96", "4,96"},
		{"a measured number over 100", en.Num(1250.4), nl.Num(1250.4), "1,250", "1.250"},
		{"a threshold as set", en.Exact(12.5), nl.Exact(12.5), "12.5", "12,5"},
		{"a signed change", en.Signed(10000), nl.Signed(10000), "+10,000", "+10.000"},
		{"a signed percent", en.SignedPercent(-0.31, 1), nl.SignedPercent(-0.31, 1), "−0.3%", "−0,3%"},
		{"no number", en.Decimal(math.NaN(), 2), nl.Decimal(math.NaN(), 2), "n/a", "n/a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.en != tc.wantEN || tc.nl != tc.wantDutch {
				t.Errorf("got %q and %q, want %q and %q", tc.en, tc.nl, tc.wantEN, tc.wantDutch)
			}
		})
	}
}

func TestApprox(t *testing.T) {
	en, nl := New(English, ""), New(Dutch, "")
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{18_300, "~18.3K"}, {1_250_000, "~1.25M"}, {1_234_567, "~1.23M"}, {123_456, "~123K"},
		{999, "~999"}, {1_000, "~1K"}, {999_999, "~1M"}, {2_000_000_000, "~2B"}, {999_999_999_999, "~1,000B"},
	} {
		if got := en.Approx(tc.n); got != tc.want {
			t.Errorf("Approx(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	if got := nl.Approx(18_300); got != "~18,3K" {
		t.Errorf("Dutch Approx(18300) = %q, want ~18,3K", got)
	}
}

func TestMoney(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    *Printer
		want string
	}{
		{"no currency: the number alone", New(English, ""), "5,071.00"},
		{"euros in English", New(English, "EUR"), "€5,071.00"},
		{"euros in Dutch", New(Dutch, "EUR"), "€ 5.071,00"},
		{"a currency without a sign, in English", New(English, "CHF"), "5,071.00 CHF"},
		{"a currency without a sign, in Dutch", New(Dutch, "CHF"), "5.071,00 CHF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.Money(5071, 2); got != tc.want {
				t.Errorf("Money = %q, want %q", got, tc.want)
			}
		})
	}
	for in, want := range map[string]Currency{"eur": "EUR", "€": "EUR", " usd ": "USD", "$": "USD", "": ""} {
		if got, err := ParseCurrency(in); err != nil || got != want {
			t.Errorf("ParseCurrency(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"euro", "E1R", "€€"} {
		if _, err := ParseCurrency(bad); err == nil {
			t.Errorf("ParseCurrency(%q) took it", bad)
		}
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{"nl": Dutch, "NL": Dutch, "nl-NL": Dutch, "en": English, "": English} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := Parse("de"); err == nil {
		t.Error("Parse(de) took a language vet does not speak")
	}
}
