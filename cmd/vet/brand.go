package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/vet-tool/vet/internal/config"
	"github.com/vet-tool/vet/internal/report"
)

// maxLogo is the largest logo vet inlines into the page and the workbook.
const maxLogo = 2 << 20

// brandOf reads --title, --client and --logo. A logo must be a PNG, a JPEG or an SVG; it is read before
// any work is done, so a wrong path fails the run at once.
func brandOf(r *config.Run) (report.Brand, error) {
	b := report.Brand{Title: r.Title, Client: r.Client}
	if r.Logo == "" {
		return b, nil
	}
	data, err := os.ReadFile(r.Logo)
	if err != nil {
		return b, fmt.Errorf("--logo: %w", err)
	}
	if len(data) > maxLogo {
		return b, fmt.Errorf("--logo: %s is %s bytes: a logo of at most 2 MB is inlined", r.Logo, english.Count(int64(len(data))))
	}
	b.Logo, b.LogoType = data, logoType(data)
	if b.LogoType == "" {
		return b, fmt.Errorf("--logo: %s is not a PNG, JPEG or SVG image", r.Logo)
	}
	return b, nil
}

// logoType is the media type of a PNG, JPEG or SVG, "" for anything else.
func logoType(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg"
	case bytes.Contains(data[:min(len(data), 1024)], []byte("<svg")):
		return "image/svg+xml"
	}
	return ""
}
