package floor

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/report"
)

// ReadCSV is the read floor: every record of r through encoding/csv, nothing parsed. It returns
// the data rows read (the header excluded).
func ReadCSV(r io.Reader) (int, error) {
	cr := csv.NewReader(bufio.NewReaderSize(r, 1<<16))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	n := -1
	for {
		_, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, err
		}
		n++
	}
	if n < 0 {
		n = 0
	}
	return n, nil
}

// ReadXLSX is the XLSX read floor: every row of every sheet through excelize's Rows iterator,
// each cell's raw value fetched, nothing parsed. It returns the data rows read.
func ReadXLSX(r io.Reader) (int, error) {
	f, err := excelize.OpenReader(r, excelize.Options{RawCellValue: true, UnzipSizeLimit: 1 << 30})
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			return n, err
		}
		first := true
		for rows.Next() {
			if _, err := rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
				rows.Close()
				return n, err
			}
			if !first {
				n++
			}
			first = false
		}
		if err := rows.Close(); err != nil {
			return n, err
		}
	}
	return n, nil
}

// Video is one row of vet's Videos sheet, with the values vet computes for it.
type Video struct {
	Account   string
	VideoID   string
	PostedAt  time.Time
	Views     int64
	Likes     int64
	Comments  int64
	Shares    int64
	Saves     int64
	ViewER    float64 // percent
	HasViewER bool
	InWindow  bool // among the account's newest Window posts
	URL       string
	Caption   string
	File      string
	Line      int
}

// Window is the default scoring window: the Videos sheet marks each account's newest 10 posts.
const Window = 10

// LoadVideos reads a CSV in the generic layout (account, followers, views, likes, comments,
// shares, saves, posted_at, video_id, url, caption), each account's posts newest first as
// vet-synth writes them, into the rows of a Videos sheet. It is the preparation of the write
// floor, not part of it.
func LoadVideos(name string, r io.Reader) ([]Video, error) {
	cr := csv.NewReader(bufio.NewReaderSize(r, 1<<16))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	if _, err := cr.Read(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var vs []Video
	nth := 0
	shown := name
	if filepath.IsAbs(name) {
		// As vet names a file given by an absolute path (its base name: no local path in a
		// report). A copy of ingest's rule on purpose: the floor never calls vet's own code.
		shown = filepath.Base(name)
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(rec) < 11 {
			return nil, fmt.Errorf("%s: a row of %d fields: not the generic layout", name, len(rec))
		}
		line, _ := cr.FieldPos(0)
		v := Video{Account: rec[0], VideoID: rec[8], URL: rec[9], Caption: rec[10], File: shown, Line: line}
		counts := []*int64{&v.Views, &v.Likes, &v.Comments, &v.Shares, &v.Saves}
		for i, dst := range counts {
			if *dst, err = strconv.ParseInt(rec[2+i], 10, 64); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, line, err)
			}
		}
		if v.PostedAt, err = time.Parse(time.RFC3339, rec[7]); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if v.Views > 0 {
			v.ViewER, v.HasViewER = float64(v.Likes+v.Comments+v.Shares)*100/float64(v.Views), true
		}
		if len(vs) > 0 && vs[len(vs)-1].Account == v.Account {
			nth++
		} else {
			nth = 0
		}
		v.InWindow = nth < Window
		vs = append(vs, v)
	}
	return vs, nil
}

// VideosHeader is the header row of vet's Videos sheet in an English report (report.VideoHeaders).
var VideosHeader = report.VideoHeaders(lang.New(lang.English, ""))

// platformViewER is SPEC §3's platform average view ER, in percent.
const platformViewER = 3.30

// maxLinks is Excel's limit of hyperlinks per sheet: vet links the URLs of the first 65,530
// rows and writes the rest as plain text.
const maxLinks = 65_530

// styles are the formats vet's Videos sheet uses (internal/report/workbook.go's newStyles).
type styles struct{ header, percent, count, date, textFmt, link int }

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	add := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	dateFmt := "yyyy-mm-dd hh:mm"
	s.header = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE3EA"}}})
	s.percent = add(&excelize.Style{NumFmt: 10})
	s.count = add(&excelize.Style{NumFmt: 3})
	s.date = add(&excelize.Style{CustomNumFmt: &dateFmt})
	s.textFmt = add(&excelize.Style{NumFmt: 49})
	s.link = add(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Color: "0563C1", Underline: "single"}})
	return s, err
}

// text is a string cell as vet writes one: text-formatted when Excel could read it as a formula.
func (st styles) text(s string) any {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return excelize.Cell{StyleID: st.textFmt, Value: s}
	}
	return s
}

// WriteVideos is the write floor: the cells of vet's Videos sheet, one row per video, with the
// same values, types and styles (internal/report/sheets.go), through excelize's StreamWriter,
// saved as excelize saves by default, with nothing else in the workbook. What vet adds around
// the cells is left out: the hyperlinks behind the first 65,530 URLs (vet writes them through
// its zip hook), the table over the rows, and the column widths.
func WriteVideos(w io.Writer, vs []Video) error { return WriteVideosWith(w, vs, Tuning{}) }

// Tuning is how the workbook is saved, beyond excelize's defaults: the experiments behind the
// report's optimisation notes. The zero Tuning is excelize as it comes.
type Tuning struct {
	// Direct has the zip written straight to w. By default excelize builds the whole file in
	// a bytes.Buffer first (File.WriteTo calls WriteToBuffer), which holds the compressed
	// workbook in memory, grown by doubling.
	Direct bool
	// Level is the deflate level (flate.BestSpeed…flate.BestCompression); 0 keeps the default.
	Level int
}

// WriteVideosWith is WriteVideos saved as t says.
func WriteVideosWith(w io.Writer, vs []Video, t Tuning) error {
	f := excelize.NewFile()
	defer f.Close()
	if t.Direct || t.Level != 0 {
		f.ZipWriter = func(buf io.Writer) excelize.ZipWriter {
			if t.Direct {
				buf = w
			}
			zw := zip.NewWriter(buf)
			if t.Level != 0 {
				zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
					return flate.NewWriter(out, t.Level)
				})
			}
			return zw
		}
	}
	if err := f.SetSheetName("Sheet1", "Videos"); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	count, err := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0, as vet's count columns
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("Videos")
	if err != nil {
		return err
	}
	if err := sw.SetColStyle(4, 8, count); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// Column styles, as vet sets them: Posted at a date, the counts #,##0, View ER a percent.
	for _, c := range []struct{ from, to, style int }{{3, 3, st.date}, {4, 8, st.count}, {9, 9, st.percent}} {
		if err := sw.SetColStyle(c.from, c.to, c.style); err != nil {
			return err
		}
	}
	row := make([]any, len(VideosHeader))
	for i, h := range VideosHeader {
		row[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	for i := range vs {
		v := &vs[i]
		var er any
		above := ""
		if v.HasViewER {
			er, above = report.ViewERCell(v.ViewER), "no"
			if v.ViewER > platformViewER {
				above = "yes"
			}
		}
		inWindow := "no"
		if v.InWindow {
			inWindow = "yes"
		}
		var id any = st.text(v.VideoID)
		if i < maxLinks {
			id = excelize.Cell{StyleID: st.link, Value: v.VideoID} // vet links the first 65,530 IDs to their videos
		}
		row[0], row[1], row[2] = st.text(v.Account), id, v.PostedAt
		row[3], row[4], row[5], row[6], row[7] = v.Views, v.Likes, v.Comments, v.Shares, v.Saves
		row[8], row[9], row[10] = er, above, inWindow
		row[11] = st.text(report.VideoCaption(v.Caption))
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
