package ingest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// benchCSV is an export of n posts shaped like a real one: 20,000 accounts, ISO dates, a
// caption with a comma, a rounded count now and then.
func benchCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("username,followers,video_id,url,views,likes,comments,shares,saves,posted_at,caption\n")
	for i := range n {
		acct := i % 20000
		views := fmt.Sprint(1000 + i%977*131)
		if i%10 == 0 {
			views = "12.3K"
		}
		fmt.Fprintf(&b, "creator_%d,%d,%d,https://www.tiktok.com/@creator_%d/video/%d,%s,%d,%d,%d,%d,2025-%02d-%02dT%02d:%02d:00Z,\"caption #%d, with a comma\"\n",
			acct, 5000+acct*37, 7000000000000000000+i, acct, 7000000000000000000+i, views, 100+i%53, 10+i%7, i%5, i%3,
			1+i%12, 1+i%28, i%24, i%60, i)
	}
	return b.Bytes()
}

func BenchmarkReadCSV(b *testing.B) {
	data := benchCSV(100_000)
	path := filepath.Join(b.TempDir(), "posts.csv")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		batch, err := Read([]string{path}, Options{})
		if err != nil || batch.Used() != 100_000 {
			b.Fatalf("used %d, err %v", batch.Used(), err)
		}
	}
}

func BenchmarkParseCount(b *testing.B) {
	for b.Loop() {
		ParseCount("1234567")
	}
}
