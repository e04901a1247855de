package scoring

import "github.com/vet-tool/vet/internal/ingest"

// postTexts holds the strings of the posts the tests make (a batch's Texts), and Input of the
// tests reads them there.
var postTexts ingest.Texts

// txt keeps s among the tests' texts.
func txt(s string) ingest.Text { return postTexts.Keep(s) }

// str is the string at t among the tests' texts.
func str(t ingest.Text) string { return postTexts.Of(t) }
