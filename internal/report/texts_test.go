package report

import "github.com/vet-tool/vet/internal/ingest"

// postTexts holds the strings of the posts the tests make by hand (a batch's Texts): scoring
// reads them there, and the report from its Result.
var postTexts ingest.Texts

// txt keeps s among the tests' texts.
func txt(s string) ingest.Text { return postTexts.Keep(s) }

// str is the string at t among the tests' texts.
func str(t ingest.Text) string { return postTexts.Of(t) }
