package synth

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"
)

// WriteCSV writes the batch as a CSV file with the generic header.
func WriteCSV(w io.Writer, c Config) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(c.Columns()); err != nil {
		return err
	}
	rec := make([]string, 0, len(c.Columns()))
	err := Generate(c, func(p *Post) error {
		rec = p.Strings(rec)
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// SheetName is the sheet WriteXLSX puts the posts on.
const SheetName = "Posts"

// WriteXLSX writes the batch as a workbook with one sheet, Posts, through excelize's
// StreamWriter: counts as numbers, dates as ISO text, video ids as text (19 digits do not fit
// a float).
func WriteXLSX(w io.Writer, c Config) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetName); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetName)
	if err != nil {
		return err
	}
	row := make([]any, len(c.Columns()))
	for i, h := range c.Columns() {
		row[i] = h
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	n := 1
	err = Generate(c, func(p *Post) error {
		n++
		row[0], row[1], row[2], row[3], row[4] = p.Account, p.Followers, p.Views, p.Likes, p.Comments
		row[5], row[6], row[7], row[8], row[9] = p.Shares, p.Saves, p.PostedAt.Format("2006-01-02T15:04:05Z07:00"), p.VideoID, p.URL
		row[10] = p.Caption
		if c.Edge {
			row[11], row[12] = p.Pinned, p.Sponsored
		}
		cell, err := excelize.CoordinatesToCellName(1, n)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, row)
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// WriteFile writes the batch to path, as CSV or XLSX by its extension, through a temporary file
// so that an interrupted run leaves nothing half-written.
func WriteFile(path string, c Config) error {
	write := WriteCSV
	switch filepath.Ext(path) {
	case ".csv":
	case ".xlsx":
		write = WriteXLSX
	default:
		return fmt.Errorf("%s: write .csv or .xlsx", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".synth-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp, c); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
