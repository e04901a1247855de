// Package report writes a scored batch out as the files a client receives: the workbook
// (vetting.xlsx), the page of charts (vetting.html) and summary.json for automation and next
// week's baseline.
//
// Every file is written atomically (a temp file in the target folder, then a rename), so a
// failed run leaves the previous report as it was. With SOURCE_DATE_EPOCH set, the same input
// gives byte-identical files.
package report
