package main

import (
	"slices"
	"testing"
)

func TestParseSizes(t *testing.T) {
	t.Run("sizes read as post counts with k and m suffixes", func(t *testing.T) {
		got, err := parseSizes("100k, 1M,5000")
		if err != nil || !slices.Equal(got, []int{100_000, 1_000_000, 5_000}) {
			t.Fatalf("got %v, %v", got, err)
		}
	})
	for _, bad := range []string{"", "abc", "-1k", "125"} {
		t.Run("a size that is not a whole number of 50-post accounts is refused: "+bad, func(t *testing.T) {
			if _, err := parseSizes(bad); err == nil {
				t.Fatal("no error")
			}
		})
	}
}
