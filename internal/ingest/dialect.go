package ingest

// delimiters are the separators exports use: ',' (most), ';' (Excel where ',' is the decimal
// comma), tab (Excel's "Unicode text", .tsv) and '|'.
var delimiters = [...]rune{',', ';', '\t', '|'}

// maxSniffRecords bounds the records the sniffer looks at.
const maxSniffRecords = 50

// SniffDelimiter guesses a delimited text's separator from its first records. The right
// separator splits the header into several fields and every record into as many: it is the
// candidate that gives most records the header's field count, then the most fields. Quoted
// text (captions hold commas, semicolons and newlines) is skipped. complete says whether
// sample is the whole file; if not, its last, possibly cut, record is ignored.
func SniffDelimiter(sample []byte, complete bool) rune {
	var counts [maxSniffRecords][len(delimiters)]int
	n := 0
	inQuote := false
	start := true // at the start of a field, where a quote opens quoting
	for i := 0; i < len(sample) && n < maxSniffRecords; i++ {
		c := sample[i]
		if inQuote {
			if c == '"' {
				if i+1 < len(sample) && sample[i+1] == '"' {
					i++
					continue
				}
				inQuote = false
			}
			continue
		}
		switch c {
		case '"':
			if start {
				inQuote = true
			}
			start = false
			continue
		case '\n':
			n++
			start = true
			continue
		case '\r':
			continue
		}
		start = false
		for d, r := range delimiters {
			if rune(c) == r {
				counts[n][d]++
				start = true
			}
		}
	}
	if n < maxSniffRecords && complete && len(sample) > 0 && sample[len(sample)-1] != '\n' {
		n++ // the last record has no newline but is whole
	}
	if n == 0 {
		n = 1 // a single cut record: the best guess is still its own
	}
	best, bestAgree, bestFields := ',', -1, 0
	for d, r := range delimiters {
		// The header is the first record the delimiter splits: title lines may come first.
		first := 0
		for first < n-1 && counts[first][d] == 0 {
			first++
		}
		header := counts[first][d]
		if header == 0 {
			continue
		}
		agree := 0
		for i := first + 1; i < n; i++ {
			if counts[i][d] == header {
				agree++
			}
		}
		if agree > bestAgree || (agree == bestAgree && header > bestFields) {
			best, bestAgree, bestFields = r, agree, header
		}
	}
	return best
}

// delimiterName is how `vet validate` shows a delimiter.
func delimiterName(r rune) string {
	if r == '\t' {
		return "tab"
	}
	return string(r)
}
