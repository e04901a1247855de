package report

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/ingest"
)

func TestTrendSparklines(t *testing.T) {
	_, path, f := writeBranded(t)
	sheet := part(t, path, "xl/worksheets/sheet2.xml")
	for _, tc := range []struct{ name, ref, loc string }{
		{"one snapshot draws one point of followers", "History!B2:B2", "AK2"},
		{"two snapshots draw two", "History!B3:C3", "AK3"},
		{"fourteen snapshots draw the last twelve", "History!B4:M4", "AK4"},
		{"and the follower ER beside them", "History!N4:Y4", "AL4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := "<xm:f>" + tc.ref + "</xm:f><xm:sqref>" + tc.loc + "</xm:sqref>"
			if !strings.Contains(sheet, want) {
				t.Errorf("Accounts has no sparkline %s", want)
			}
		})
	}
	t.Run("an account without history has no sparkline", func(t *testing.T) {
		if strings.Contains(sheet, "<xm:sqref>AK5</xm:sqref>") {
			t.Error("a sparkline for an account without snapshots")
		}
	})
	t.Run("the History sheet is hidden and holds the snapshots", func(t *testing.T) {
		if visible, _ := f.GetSheetVisible(english(SheetHistory)); visible {
			t.Error("History is visible")
		}
		v, _ := f.GetCellValue(english(SheetHistory), "B4", excelize.Options{RawCellValue: true})
		if v != "50200" { // the third of fourteen snapshots is the first of the last twelve
			t.Errorf("History!B4 = %q, want 50200", v)
		}
	})
	t.Run("the verdicts over time are in words, the last twelve", func(t *testing.T) {
		if v, _ := f.GetCellValue(english(SheetAccounts), "AM3"); v != "PASS → PASS" {
			t.Errorf("AM3 = %q", v)
		}
		if v, _ := f.GetCellValue(english(SheetAccounts), "AM4"); strings.Count(v, "PASS") != 12 {
			t.Errorf("AM4 = %q, want 12 verdicts", v)
		}
	})
}

func TestAFirstSnapshotDrawsNoTrends(t *testing.T) {
	r := brandedReport(t)
	for i := range r.Result.Accounts {
		if h := r.Result.Accounts[i].History; len(h) > 1 {
			r.Result.Accounts[i].History = h[len(h)-1:] // a new history: this run only
		}
	}
	_, f := writeWorkbookAt(t, r, workbookLimits())
	if idx, _ := f.GetSheetIndex(english(SheetHistory)); idx >= 0 {
		t.Error("a History sheet for a history of one snapshot")
	}
	header, _ := f.GetRows(english(SheetAccounts))
	if strings.Contains(strings.Join(header[0], "|"), "over time") {
		t.Errorf("trend columns with nothing to trend: %q", header[0])
	}
}

func TestVideosHoldTheWindowsOfABigBatch(t *testing.T) {
	lim := workbookLimits()
	lim.allPosts, lim.videoRows = 10, 12 // 25 posts: more than all; 5 windows of 5: cut to 2 each
	_, f := writeWorkbookAt(t, testReport(t), lim)
	rows, _ := f.GetRows(english(SheetVideos))
	if len(rows) != 11 {
		t.Errorf("Videos holds %d rows, want the header and 2 posts of each of 5 accounts", len(rows))
	}
	note := findCell(t, f, english(SheetSummary), "each account's newest 2 posts: 10 of 25 posts; every post used is in posts.csv beside this workbook")
	if note == "" {
		t.Error("Summary does not say where the rest of the posts are")
	}
}

func TestApproxCount(t *testing.T) {
	st := styles{approx: 7}
	for _, tc := range []struct {
		name    string
		c       int64
		rounded bool
		approx  bool
	}{
		{"18,300 on a row written rounded is approximate", 18_300, true, true},
		{"1,577 on such a row was written as it is", 1_577, true, false},
		{"900 on such a row is below any K", 900, true, false},
		{"18,300 on a row written exactly is exact", 18_300, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := approxCount(ingest.Count(tc.c), tc.rounded, st)
			c, isCell := v.(excelize.Cell)
			if isCell != tc.approx || (isCell && (c.StyleID != 7 || c.Value != tc.c)) || (!isCell && v != tc.c) {
				t.Errorf("approxCount(%d, %v) = %#v", tc.c, tc.rounded, v)
			}
		})
	}
}
