package main

import (
	"bytes"
	"fmt"
	"image/jpeg"
	"image/png"
	"io"
	"os"

	"github.com/vet-tool/vet/internal/config"
	"github.com/vet-tool/vet/internal/report"
)

// maxLogo is the largest logo vet inlines into the page and the workbook; maxLogoSide the most
// pixels a PNG logo may have a side: the client's browser decodes it whole (a 60000×60000 PNG
// packs into a few hundred KB and unpacks to 14 GB).
const (
	maxLogo     = 2 << 20
	maxLogoSide = 4096
)

// brandOf reads --title, --client and --logo. A logo must be a regular file of at most 2 MB, a
// PNG or JPEG of at most 4,096 pixels a side, or an SVG; it is read before any work is done, so
// a wrong path fails the run at once, and only up to the limit (--logo /dev/zero never ended).
func brandOf(r *config.Run) (report.Brand, error) {
	b := report.Brand{Title: r.Title, Client: r.Client}
	if r.Logo == "" {
		return b, nil
	}
	data, err := readLogo(r.Logo)
	if err != nil {
		return b, fmt.Errorf("--logo: %w", err)
	}
	b.Logo, b.LogoType = data, logoType(data)
	switch b.LogoType {
	case "":
		return b, fmt.Errorf("--logo: %s is not a PNG, JPEG or SVG image", r.Logo)
	case "image/png", "image/jpeg":
		decode, kind := png.DecodeConfig, "PNG"
		if b.LogoType == "image/jpeg" {
			decode, kind = jpeg.DecodeConfig, "JPEG"
		}
		cfg, err := decode(bytes.NewReader(data))
		if err != nil {
			return b, fmt.Errorf("--logo: %s is not a readable %s image: %v", r.Logo, kind, err)
		}
		if cfg.Width > maxLogoSide || cfg.Height > maxLogoSide {
			return b, fmt.Errorf("--logo: %s is %s×%s pixels: a %s logo of at most %s pixels a side is inlined", r.Logo,
				english.Count(int64(cfg.Width)), english.Count(int64(cfg.Height)), kind, english.Count(maxLogoSide))
		}
	}
	return b, nil
}

// readLogo reads a logo file: a regular file only, and no more than maxLogo bytes of it.
func readLogo(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a file (a logo is read from a PNG, JPEG or SVG file)", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxLogo+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxLogo {
		return nil, fmt.Errorf("%s is %s bytes: a logo of at most 2 MB is inlined", path, english.Count(st.Size()))
	}
	return data, nil
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
