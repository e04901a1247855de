// Package lang holds every word vet shows a person, in each language it speaks, and writes
// numbers the way that language does: the one place a figure becomes text.
//
// The words live in one catalog per language (en.yaml, nl.yaml), read at start-up; a test fails
// when a key is missing from a language or a template's {placeholders} differ between them. A
// Printer is one language and one currency: T fills a template, and Count, Percent, Ratio,
// Decimal, Money, Approx, Days and Plural write numbers with that language's separators
// (12,345.6 in English, 12.345,6 in Dutch).
//
// Every number is rounded once, from its exact value, by Round: to the digits a spreadsheet
// shows for the same value and number format (its 15 significant digits, halves away from
// zero), so that the page, the workbook, the PDF and the CSVs show the same digits.
//
// It is a leaf: it imports nothing of vet's, so ingest, scoring and report all write through it.
package lang
