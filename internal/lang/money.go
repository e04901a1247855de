package lang

import (
	"fmt"
	"strings"
)

// Currency is an ISO 4217 code (EUR, USD, …), or "" when the batch names none.
type Currency string

// symbols are the currencies written with a sign instead of their code.
var symbols = map[Currency]string{"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}

// ParseCurrency reads a currency: an ISO 4217 code in any case ("eur"), or one of the signs
// € $ £ ¥. "" is none.
func ParseCurrency(s string) (Currency, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for c, sign := range symbols {
		if s == sign {
			return c, nil
		}
	}
	up := strings.ToUpper(s)
	if len(up) != 3 || strings.Trim(up, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return "", fmt.Errorf("%s is not a currency: give its ISO 4217 code (EUR, USD, GBP, …) or €, $, £", Quote(s))
	}
	return Currency(up), nil
}

// Symbol is the currency's sign (€), else its code (CHF); "" for none.
func (c Currency) Symbol() string {
	if s, ok := symbols[c]; ok {
		return s
	}
	return string(c)
}

// Money writes an amount with dec decimals and the printer's currency: €5,071.00 or 5,071.00
// CHF in English, € 5.071,00 or 5.071,00 CHF in Dutch; without a currency, the number alone.
func (p *Printer) Money(v float64, dec int) string {
	n := p.Decimal(v, dec)
	c := p.currency
	sign, ok := symbols[c]
	switch {
	case c == "":
		return n
	case !ok:
		return n + " " + string(c)
	case p.lang == Dutch:
		return sign + " " + n
	}
	return sign + n
}
