// Package report writes a scored batch out as the files a client receives: the workbook
// (vetting.xlsx), the page of charts (vetting.html), summary.json for automation and next
// week's baseline, and accounts.csv, signals.csv and posts.csv for spreadsheets and BI tools
// (csvfiles.go, marshalled by gocsv from row types of ours).
//
// Every file is written atomically (a temp file in Report.Staging or the target folder, then
// a rename), so a failed run leaves the previous report as it was; the renames are guarded so
// that a process stopping on a signal (Freeze) never leaves a report half renamed. With SOURCE_DATE_EPOCH set, the same input
// gives byte-identical files: the workbook goes out through sortedZip (zipwriter.go), which
// writes excelize's parts in a fixed order, and the page's charts have fixed IDs.
//
// The workbook is fit to send: branded (Report.Brand on Summary, in the page headers and the
// document properties), every sheet set up to print (landscape, one page wide, header row
// repeated), no local paths, numbers with thousands separators and stored as written. It stays
// within SPEC §4's 25 MB at 20,000 × 50: Videos lists every post of a small batch but only each
// account's window of a big one (videoPlan, with posts.csv holding every post), in fewer
// columns, and sortedZip drops the cell references the big sheets can do without
// (cellrefs.go). The limits are passed as options (limits), never changed in package state.
//
// The page (html.go, page_*.go, charts.go and the templates package) is our own html/template
// with the accounts and the charts' options embedded as json.Marshal output; its script
// (templates/page.js) draws the table, every account of it, with filters, pages and details.
//
// The big sheets (Accounts, Videos, Signals, Rejected, the hidden History) are written with
// excelize's StreamWriter; their hyperlinks, which it cannot write, are added by links.go, and
// the Accounts trend sparklines, which it cannot write either, by cellrefs.go's extFilter.
package report
