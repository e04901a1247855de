package ingest

import (
	"strings"
	"testing"
	"time"
)

func utc(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    time.Time
		wantErr bool
	}{
		{"an ISO date is midnight UTC", "2025-05-21", utc(2025, 5, 21, 0, 0, 0), false},
		{"an ISO date and time with Z is UTC", "2022-11-16T16:29:55.000Z", utc(2022, 11, 16, 16, 29, 55), false},
		{"an ISO time with an offset is converted to UTC", "2024-01-02T03:04:05+02:00", utc(2024, 1, 2, 1, 4, 5), false},
		{"an ISO time with an offset without a colon is read", "2024-01-02T03:04:05.000+0200", utc(2024, 1, 2, 1, 4, 5), false},
		{"an ISO time without a zone is UTC", "2024-01-02T03:04:05", utc(2024, 1, 2, 3, 4, 5), false},
		{"a date and time with a space is read", "2025-05-21 09:44:45", utc(2025, 5, 21, 9, 44, 45), false},
		{"a date and time to the minute is read", "2025-05-21 09:44", utc(2025, 5, 21, 9, 44, 0), false},
		{"a year-first date with slashes is read", "2025/05/21", utc(2025, 5, 21, 0, 0, 0), false},
		{"DD-MM-YYYY is day first", "21-05-2025", utc(2025, 5, 21, 0, 0, 0), false},
		{"DD/MM/YYYY is day first", "21/05/2025", utc(2025, 5, 21, 0, 0, 0), false},
		{"DD.MM.YYYY is day first", "21.05.2025", utc(2025, 5, 21, 0, 0, 0), false},
		{"a second part over 12 is month first", "05/21/2025", utc(2025, 5, 21, 0, 0, 0), false},
		{"a day-first date may carry a time", "21/05/2025 09:44", utc(2025, 5, 21, 9, 44, 0), false},
		{"a month-first date may carry a US time", "5/21/2025 9:44:00 PM", utc(2025, 5, 21, 21, 44, 0), false},
		{"an ambiguous date alone is read day first", "03/04/2025", utc(2025, 4, 3, 0, 0, 0), false},
		{"Unix seconds are read", "1668616195", utc(2022, 11, 16, 16, 29, 55), false},
		{"Unix milliseconds are read", "1668616195000", utc(2022, 11, 16, 16, 29, 55), false},
		{"an Excel serial date is read", "45658", utc(2025, 1, 1, 0, 0, 0), false},
		{"an Excel serial with a time of day is read", "45658.5", utc(2025, 1, 1, 12, 0, 0), false},
		{"a date with a month name is read", "16 Jul 2024", utc(2024, 7, 16, 0, 0, 0), false},
		{"an empty cell is no date", "", time.Time{}, false},
		{"a small number is not a date", "12", time.Time{}, true},
		{"a number between serials and Unix seconds is not a date", "5000000", time.Time{}, true},
		{"the 31st of February is not a date", "31/02/2025", time.Time{}, true},
		{"two parts over 12 are not a date", "13/13/2025", time.Time{}, true},
		{"a word is not a date", "yesterday", time.Time{}, true},
		{"a bad ISO date is not a date", "2025-13-01", time.Time{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseDate(tc.in)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v; want an error", tc.in, got)
				}
				return
			}
			if err != nil || !got.Equal(tc.want) {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

// readString reads one CSV given as standard input.
func readString(t *testing.T, csv string, opts Options) *Batch {
	t.Helper()
	opts.Stdin = strings.NewReader(csv)
	b, err := Read([]string{"-"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !b.Reconciles() {
		t.Fatalf("read %d != used %d + duplicates %d + rejected %d", b.Read, b.Used(), b.Duplicates, len(b.Rejected))
	}
	return b
}

func TestDateColumn(t *testing.T) {
	const head = "account,views,likes,comments,shares,date\n"
	tests := []struct {
		name     string
		dates    []string
		want     []time.Time
		rejected int
		warning  string
	}{
		{"a column with a day over 12 reads every date day first",
			[]string{"03/04/2025", "13/04/2025"}, []time.Time{utc(2025, 4, 3, 0, 0, 0), utc(2025, 4, 13, 0, 0, 0)}, 0, ""},
		{"a column with a second part over 12 reads every date month first",
			[]string{"03/04/2025", "04/13/2025"}, []time.Time{utc(2025, 3, 4, 0, 0, 0), utc(2025, 4, 13, 0, 0, 0)}, 0, ""},
		{"a column that never tells is read day first with a warning",
			[]string{"03/04/2025", "05/06/2025"}, []time.Time{utc(2025, 4, 3, 0, 0, 0), utc(2025, 6, 5, 0, 0, 0)}, 0, "read as day first"},
		{"a column that contradicts itself keeps the majority and rejects the rest",
			[]string{"13/04/2025", "14/04/2025", "04/15/2025", "03/04/2025"}, []time.Time{utc(2025, 4, 13, 0, 0, 0), utc(2025, 4, 14, 0, 0, 0)}, 2, "both day first"},
		{"ISO dates in the column do not take part in the decision",
			[]string{"2025-01-02", "03/04/2025", "04/13/2025"}, []time.Time{utc(2025, 1, 2, 0, 0, 0), utc(2025, 3, 4, 0, 0, 0), utc(2025, 4, 13, 0, 0, 0)}, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var sb strings.Builder
			sb.WriteString(head)
			for i, d := range tc.dates {
				sb.WriteString("a" + string(rune('a'+i)) + ",10,1,1,1," + d + "\n")
			}
			b := readString(t, sb.String(), Options{})
			if len(b.Rejected) != tc.rejected {
				t.Errorf("rejected %v; want %d", b.Rejected, tc.rejected)
			}
			var got []time.Time
			for _, p := range b.Posts {
				got = append(got, p.PostedAt.Time())
			}
			if len(got) != len(tc.want) {
				t.Fatalf("dates %v; want %v", got, tc.want)
			}
			for i := range got {
				if !got[i].Equal(tc.want[i]) {
					t.Errorf("date %d = %v; want %v", i, got[i], tc.want[i])
				}
			}
			if w := strings.Join(b.Warnings, "\n"); (tc.warning == "") != (w == "") || !strings.Contains(w, tc.warning) {
				t.Errorf("warnings %q; want one saying %q", w, tc.warning)
			}
		})
	}
}

func TestYearlessDates(t *testing.T) {
	t.Run("a Studio date without a year falls on or before the clock when no video id tells", func(t *testing.T) {
		csv := "Video link,Post time,Total likes,Total comments,Total shares,Total views\n" +
			"https://www.tiktok.com/@me/video/x1,December 30,1,1,1,10\nhttps://www.tiktok.com/@me/video/x2,January 5,1,1,1,10\n"
		b := readString(t, csv, Options{Now: utc(2026, 1, 10, 0, 0, 0)})
		if b.Posts[0].PostedAt.Time() != utc(2025, 12, 30, 0, 0, 0) || b.Posts[1].PostedAt.Time() != utc(2026, 1, 5, 0, 0, 0) {
			t.Errorf("dates %v, %v", b.Posts[0].PostedAt, b.Posts[1].PostedAt)
		}
		if in := b.Inputs[0]; in.Preset != "tiktok-studio" {
			t.Errorf("preset %q", in.Preset)
		}
	})
}

func TestParseDateFuzzFindings(t *testing.T) {
	tests := []struct{ name, in string }{
		{"a negative year in a day-first date is not a date", "1/1/-001"},
		{"a signed day is not a date", "+1/01/2025"},
		{"the year one is not a date a post can have", "0001-01-01"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := ParseDate(tc.in); err == nil {
				t.Errorf("ParseDate(%q) = %v; want an error", tc.in, got)
			}
		})
	}
}

func TestStudioContentAlone(t *testing.T) {
	t.Run("a lone Studio Content.csv places its dates before the export day in its Time column", func(t *testing.T) {
		csv := "Time,Video link,Post time,Total likes,Total comments,Total shares,Total views\n" +
			"February 28,https://www.tiktok.com/@me/video/7602008805399940407,February 1,1,1,1,10\n" +
			"February 28,https://www.tiktok.com/@me/video/7527623000473079054,July 16,1,1,1,10\n" +
			"February 28,https://www.tiktok.com/@me/video/x,March 3,1,1,1,10\n"
		b := readString(t, csv, Options{Now: utc(2030, 1, 1, 0, 0, 0)})
		want := []time.Time{utc(2026, 2, 1, 0, 0, 0), utc(2025, 7, 16, 0, 0, 0), utc(2025, 3, 3, 0, 0, 0)}
		if b.Used() != len(want) {
			t.Fatalf("used %d posts; want %d", b.Used(), len(want))
		}
		for i, p := range b.Posts {
			if !p.PostedAt.Time().Equal(want[i]) {
				t.Errorf("post %d posted %v; want %v", i, p.PostedAt, want[i])
			}
		}
	})
}
