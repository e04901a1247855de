package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/ingest"
	"github.com/vet-tool/vet/internal/lang"
)

// TestUserTextIsTextOnTheSummary feeds the Summary sheet strings a spreadsheet would take for a
// formula (issue 23 item 7): --client, --title, an input named @creator.csv, a skipped file and
// its reason. Read back with excelize, each is a string cell holding exactly that text, with no
// formula, never the Go form of a struct ({15  =SUM(1)}).
func TestUserTextIsTextOnTheSummary(t *testing.T) {
	r := testReport(t)
	r.Brand = Brand{Client: "=SUM(1)", Title: "+title"}
	r.Batch.Inputs = append(r.Batch.Inputs, ingest.Input{Name: "@creator.csv", Format: "csv"})
	r.Batch.Skipped = []ingest.Skipped{{Name: "-x.csv", Reason: lang.M("ingest.file.other", lang.Text("error", "=cannot be read"))}}
	dir := t.TempDir()
	if _, err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, WorkbookFile)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := english(SheetSummary)
	xml := part(t, path, "xl/worksheets/sheet1.xml")
	for _, want := range []string{"=SUM(1)", "+title", "@creator.csv", "-x.csv", "=cannot be read"} {
		t.Run(want+" is a string cell holding exactly it", func(t *testing.T) {
			cell := findCell(t, f, sheet, want)
			typ, err := f.GetCellType(sheet, cell)
			if err != nil || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
				t.Errorf("cell %s's type is %v (%v), want a string", cell, typ, err)
			}
			if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
				t.Errorf("cell %s holds the formula %q", cell, formula)
			}
			if c := cellXML(t, xml, cell); strings.Contains(c, "<f>") {
				t.Errorf("cell %s is %s", cell, c)
			}
		})
	}
	t.Run("no cell holds a struct's Go form", func(t *testing.T) {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, v := range row {
				if strings.HasPrefix(v, "{") {
					t.Errorf("a cell holds %q", v)
				}
			}
		}
	})
	t.Run("the client's cell has the Text format, so editing keeps it text", func(t *testing.T) {
		style, _ := f.GetCellStyle(sheet, findCell(t, f, sheet, "=SUM(1)"))
		st, _ := f.GetStyle(style)
		if st == nil || st.NumFmt != textFormat {
			t.Errorf("format %+v, want Text (49)", st)
		}
	})
}

// TestLinksAreMadeOnlyFromTheHandleAndID gives a post a url column pointing elsewhere (issue 23
// item 7): no hyperlink of the workbook, and no address of the page, leads anywhere but
// https://www.tiktok.com/, and the video's link is made of its handle and id.
func TestLinksAreMadeOnlyFromTheHandleAndID(t *testing.T) {
	r := testReport(t)
	for i := range r.Result.Accounts {
		for j := range r.Result.Accounts[i].Posts {
			r.Result.Accounts[i].Posts[j].URL = txt("https://evil.example/steal?v=" + str(r.Result.Accounts[i].Posts[j].VideoID))
		}
	}
	dir := t.TempDir()
	if _, err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, WorkbookFile)
	for _, name := range []string{"xl/worksheets/_rels/sheet2.xml.rels", "xl/worksheets/_rels/sheet3.xml.rels"} {
		rels := part(t, path, name)
		if strings.Contains(rels, "evil.example") {
			t.Errorf("%s links to the data's url", name)
		}
		if !strings.Contains(rels, `Target="https://www.tiktok.com/@`) {
			t.Errorf("%s has no TikTok link at all", name)
		}
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := english(SheetVideos)
	cell := findCell(t, f, sheet, "4001")
	if ok, link, _ := f.GetCellHyperLink(sheet, cell); !ok || link != "https://www.tiktok.com/@healthy/video/4001" {
		t.Errorf("video 4001 links to %v %q", ok, link)
	}
	page, err := os.ReadFile(filepath.Join(dir, PageFile))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), "evil.example") {
		t.Error("the page holds the data's url")
	}
}

// TestTheSummarySaysWhatReadingFound: the notices of ingest (handles that look alike, follower
// counts that disagree) are on the Summary sheet, in the report's language (issue 23 items 5
// and 6: "the report says so").
func TestTheSummarySaysWhatReadingFound(t *testing.T) {
	for _, tc := range []struct {
		lang lang.Lang
		want string
	}{
		{lang.English, `2 accounts have handles that look alike (alice (posts.csv:2), "\u0430lice" (posts.csv:7)): they are kept apart; check which is the creator's`},
		{lang.Dutch, `2 accounts hebben handles die op elkaar lijken (alice (posts.csv:2), "\u0430lice" (posts.csv:7)): ze blijven apart; controleer welke van de maker is`},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			r := testReport(t)
			r.Printer = lang.New(tc.lang, "")
			r.Batch.Notices = []lang.Msg{lang.M("ingest.notice.look_alike", lang.Count("n", 2), lang.Text("handles", `alice (posts.csv:2), "\u0430lice" (posts.csv:7)`))}
			dir := t.TempDir()
			if _, err := Write(dir, r); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(filepath.Join(dir, WorkbookFile))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			findCell(t, f, SheetSummary.Name(r.Printer), tc.want)
		})
	}
}
