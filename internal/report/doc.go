// Package report writes a scored batch out as the files a client receives: the workbook
// (vetting.xlsx), the page of charts (vetting.html) and summary.json for automation and next
// week's baseline.
//
// Every file is written atomically (a temp file in the target folder, then a rename), so a
// failed run leaves the previous report as it was. With SOURCE_DATE_EPOCH set, the same input
// gives byte-identical files: the workbook goes out through sortedZip (zipwriter.go), which
// writes excelize's parts in a fixed order, and the page's charts have fixed IDs.
//
// The page (html.go, page_*.go, charts.go and the templates package) is our own html/template
// with the accounts and the charts' options embedded as json.Marshal output; its script
// (templates/page.js) draws the table, every account of it, with filters, pages and details.
//
// The big sheets (Accounts, Videos, Signals, Rejected) are written with excelize's
// StreamWriter; their hyperlinks, which it cannot write, are added by links.go.
package report
