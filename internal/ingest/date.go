package ingest

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// dayOrder says what a date's form tells about the order of its day and month.
type dayOrder uint8

const (
	orderNone      dayOrder = iota // the form leaves no doubt (ISO, a serial, a month name)
	orderDMY                       // NN/NN/YYYY whose first part is over 12: day first
	orderMDY                       // NN/NN/YYYY whose second part is over 12: month first
	orderAmbiguous                 // NN/NN/YYYY with both parts ≤ 12: read day first for now
	orderYearless                  // "July 16": the year is placed later, against the export date
)

// dateLayouts are tried in order for text that starts like an ISO date.
var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05.999999999-0700",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02",
}

// namedLayouts are dates written with a month name.
var namedLayouts = []string{
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "2 Jan 2006", "January 2 2006",
	"Jan 2 2006", "Mon, 02 Jan 2006 15:04:05 MST", "Mon Jan 2 15:04:05 MST 2006",
}

// yearlessLayouts are TikTok Studio's "July 16".
var yearlessLayouts = []string{"January 2", "Jan 2", "2 January", "2 Jan"}

// ParseDate reads one date cell on its own (SPEC §2): ISO 8601 with or without time and zone,
// 2006-01-02 15:04:05, DD-MM-YYYY, DD/MM/YYYY (day first unless the value proves otherwise),
// Unix seconds or milliseconds, and Excel serial dates. Times without a zone are UTC. Whether
// 03/04/2025 is March or April is a question for the whole column: tables decide it with
// dateColumn once every row was seen; ParseDate alone reads day first.
func ParseDate(s string) (time.Time, error) {
	t, _, err := parseDate(s)
	return t, err
}

func parseDate(s string) (time.Time, dayOrder, error) {
	t, o, err := parseDateForm(s)
	if err == nil && o != orderYearless && trimSpace(s) != "" && (t.Before(minTime) || !t.Before(maxTime)) {
		return time.Time{}, orderNone, &ValueError{Value: s, Reason: why("date_year")}
	}
	return t, o, err
}

// yearlessYear holds a date read without its year until the table's dates place it
// (placeYearless): a leap year, so that February 29 keeps its day.
const yearlessYear = 2000

// The years a post can have been published in: TikTok began in 2016, Unix time in 1970.
var (
	minTime = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(2201, 1, 1, 0, 0, 0, 0, time.UTC)
)

func parseDateForm(s string) (time.Time, dayOrder, error) {
	s = trimSpace(s)
	if s == "" {
		return time.Time{}, orderNone, nil
	}
	if len(s) > 64 {
		return badDate(s)
	}
	c := s[0]
	switch {
	case c >= '0' && c <= '9':
		if len(s) >= 10 && (s[4] == '-' || s[4] == '/') && allDigits(s[:4]) {
			for _, l := range isoLayouts {
				if t, err := time.Parse(l, s); err == nil {
					return t.UTC(), orderNone, nil
				}
			}
			return badDate(s)
		}
		if t, ok, err := parseNumericDate(s); ok {
			return t, orderNone, err
		}
		if t, o, ok := parseDayMonth(s); ok {
			return t, o, nil
		}
		for _, l := range namedLayouts[2:4] {
			if t, err := time.Parse(l, s); err == nil {
				return t.UTC(), orderNone, nil
			}
		}
		for _, l := range yearlessLayouts[2:] {
			if t, err := time.Parse(l, s); err == nil {
				return t, orderYearless, nil
			}
		}
	case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
		for _, l := range namedLayouts {
			if t, err := time.Parse(l, s); err == nil {
				return t.UTC(), orderNone, nil
			}
		}
		for _, l := range yearlessLayouts[:2] {
			if t, err := time.Parse(l, s); err == nil {
				return t, orderYearless, nil
			}
		}
	}
	return badDate(s)
}

func badDate(s string) (time.Time, dayOrder, error) {
	return time.Time{}, orderNone, &ValueError{Value: s, Reason: why("not_date")}
}

// Ranges that tell a number's kind of date apart. Excel serials from 1970 to 2173; Unix
// seconds from 2001 to 2286; milliseconds from 2001 to 5138. Numbers between are refused.
const (
	minSerial = 25569 // 1970-01-01
	maxSerial = 100000
	minUnix   = 1e9
	maxUnix   = 1e10
	minUnixMs = 1e12
	maxUnixMs = 1e14
)

// parseNumericDate reads Unix seconds, Unix milliseconds and Excel serial dates. ok is false
// when s is not a plain number.
func parseNumericDate(s string) (time.Time, bool, error) {
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != '.' {
			return time.Time{}, false, nil
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return time.Time{}, false, nil
	}
	switch {
	case v >= minSerial && v < maxSerial:
		t, err := excelize.ExcelDateToTime(v, false)
		if err != nil {
			return time.Time{}, true, &ValueError{Value: s, Reason: why("not_date")}
		}
		return t.UTC(), true, nil
	case v >= minUnix && v < maxUnix:
		sec, frac := math.Modf(v)
		return time.Unix(int64(sec), int64(frac*1e9)).UTC(), true, nil
	case v >= minUnixMs && v < maxUnixMs:
		return time.UnixMilli(int64(v)).UTC(), true, nil
	}
	return time.Time{}, true, &ValueError{Value: s, Reason: why("date_number")}
}

// clockLayouts are the times of day that may follow a day-month date (Excel in the US writes
// "5/21/2025 9:44:00 AM").
var clockLayouts = []string{"15:04:05", "15:04", "3:04:05 PM", "3:04 PM", "15:04:05.999999999"}

var errNoTime = errors.New("no time")

// parseDayMonth reads NN/NN/YYYY, NN-NN-YYYY and NN.NN.YYYY, optionally followed by a time
// (HH:MM or HH:MM:SS). It reads day first and says whether the value settles the order.
func parseDayMonth(s string) (time.Time, dayOrder, bool) {
	datePart, timePart, _ := strings.Cut(s, " ")
	if timePart == "" {
		datePart, timePart, _ = strings.Cut(s, "T")
	}
	var sep byte
	for i := 0; i < len(datePart); i++ {
		if c := datePart[i]; c == '/' || c == '-' || c == '.' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return time.Time{}, 0, false
	}
	parts := strings.Split(datePart, string(sep))
	if len(parts) != 3 || len(parts[0]) > 2 || len(parts[1]) > 2 || len(parts[2]) != 4 ||
		!allDigits(parts[0]) || !allDigits(parts[1]) || !allDigits(parts[2]) {
		return time.Time{}, 0, false
	}
	a, err1 := strconv.Atoi(parts[0])
	b, err2 := strconv.Atoi(parts[1])
	y, err3 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || a < 1 || b < 1 || a > 31 || b > 31 {
		return time.Time{}, 0, false
	}
	var hh, mm, ss int
	if timePart != "" {
		var tp time.Time
		err := errNoTime
		for _, l := range clockLayouts {
			if tp, err = time.Parse(l, timePart); err == nil {
				break
			}
		}
		if err != nil {
			return time.Time{}, 0, false
		}
		hh, mm, ss = tp.Clock()
	}
	day, month, order := a, b, orderAmbiguous
	switch {
	case a > 12 && b > 12:
		return time.Time{}, 0, false
	case a > 12:
		order = orderDMY
	case b > 12:
		day, month, order = b, a, orderMDY
	}
	t := time.Date(y, time.Month(month), day, hh, mm, ss, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, 0, false // 31/02: normalised by time.Date, so not a real date
	}
	return t, order, true
}

// swapDayMonth rereads a date that was read day first as month first.
func swapDayMonth(t time.Time) (time.Time, bool) {
	day, month := int(t.Month()), t.Day()
	if month > 12 {
		return t, false
	}
	u := time.Date(t.Year(), time.Month(month), day, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	return u, u.Day() == day
}

// dateEntry is a post whose date's form matters once the whole column was seen.
type dateEntry struct {
	post  int // index in the batch's posts
	order dayOrder
	raw   string
}

// dateColumn collects what the rows of one table say about the order of day and month, so the
// order is decided once for the whole column (SPEC §2: MM/DD/YYYY only when unambiguous).
type dateColumn struct {
	entries  []dateEntry
	dmy, mdy int // rows whose value settles the order one way
}

func (d *dateColumn) note(o dayOrder, post int, raw string) {
	if o == orderNone {
		return
	}
	switch o {
	case orderDMY:
		d.dmy++
	case orderMDY:
		d.mdy++
	}
	d.entries = append(d.entries, dateEntry{post, o, raw})
}
