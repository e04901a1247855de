package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vet-tool/vet/internal/config"
)

// pngOfSize is a 1×1 PNG whose header says w×h: image.DecodeConfig reads only the header, and a
// browser would try to decode all w×h pixels.
func pngOfSize(t *testing.T, w, h uint32) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	ihdr := data[8+8 : 8+8+13] // after the signature, the IHDR chunk's length and type
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	binary.BigEndian.PutUint32(data[8+8+13:], crc32.ChecksumIEEE(data[8+4:8+8+13]))
	return data
}

// TestALogoIsReadWithinBounds is issue 23 item 8's --logo: only a regular file is read, and
// only up to 2 MB of it; a PNG's size is read from its header before it is inlined.
func TestALogoIsReadWithinBounds(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct{ name, path, want string }{
		{"a device that never ends is refused", "/dev/zero", "--logo: /dev/zero is not a file (a logo is read from a PNG, JPEG or SVG file)"},
		{"a folder is refused", dir, "is not a file"},
		{"a file of 3 MB is refused", write("big.png", append(pngOfSize(t, 10, 10), make([]byte, 3<<20)...)), "bytes: a logo of at most 2 MB is inlined"},
		{"a 60000×60000 PNG is refused before it is inlined", write("huge.png", pngOfSize(t, 60000, 60000)),
			"huge.png is 60,000×60,000 pixels: a PNG logo of at most 4,096 pixels a side is inlined"},
		{"a damaged PNG is refused", write("bad.png", []byte("\x89PNG\r\n\x1a\nnot a png")), "bad.png is not a readable PNG image"},
		{"a PNG of 4,096 pixels a side is inlined", write("ok.png", pngOfSize(t, 4096, 300)), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := brandOf(&config.Run{Logo: tc.path})
			switch {
			case tc.want == "" && (err != nil || b.LogoType != "image/png"):
				t.Errorf("%v, type %q", err, b.LogoType)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}
