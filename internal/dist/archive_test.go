package dist

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"slices"
	"testing"
	"time"
)

var (
	when  = time.Date(2026, 12, 4, 19, 41, 17, 0, time.UTC)
	files = []entry{
		{name: "vet", mode: 0o755, body: []byte("\x7fELF binary")},
		{name: "README.md", mode: 0o644, body: []byte("# vet\n")},
		{name: "licenses/echarts/licenses/LICENSE-d3", mode: 0o644, body: []byte("BSD")},
		{name: "examples/prices.csv", mode: 0o644, body: []byte("handle,price\n")},
		{name: "licenses/echarts/NOTICE", mode: 0o644, body: []byte("Apache ECharts\n")},
	}
	// wantNames is files in the order an archive lists them, with their folders, by hand.
	wantNames = []string{"v/", "v/README.md", "v/examples/", "v/examples/prices.csv", "v/licenses/", "v/licenses/echarts/",
		"v/licenses/echarts/NOTICE", "v/licenses/echarts/licenses/", "v/licenses/echarts/licenses/LICENSE-d3", "v/vet"}
)

// pack writes the files as a tar.gz or a zip, in the order given, with the local time zone set
// to zone: neither may change a byte.
func pack(t *testing.T, zipped bool, fs []entry, zone *time.Location) []byte {
	t.Helper()
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = zone
	var b bytes.Buffer
	var err error
	if zipped {
		err = writeZip(&b, "v", fs, when.In(zone))
	} else {
		err = writeTarGz(&b, "v", fs, when.In(zone))
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestArchivesAreReproducible(t *testing.T) {
	reversed := slices.Clone(files)
	slices.Reverse(reversed)
	auckland := time.FixedZone("NZDT", 13*3600)
	for _, zipped := range []bool{false, true} {
		a, b := pack(t, zipped, files, time.UTC), pack(t, zipped, reversed, auckland)
		if !bytes.Equal(a, b) {
			t.Errorf("zip=%v: the same files in another order, in another time zone, gave other bytes", zipped)
		}
	}
}

func TestTarGzEntries(t *testing.T) {
	raw := pack(t, false, files, time.UTC)
	gz, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the gzip header holds no name and no time", func(t *testing.T) {
		if gz.Name != "" || !gz.ModTime.IsZero() || gz.Comment != "" {
			t.Errorf("gzip header: name %q, time %v, comment %q", gz.Name, gz.ModTime, gz.Comment)
		}
	})
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" || !h.ModTime.Equal(when) {
			t.Errorf("%s: uid %d gid %d %q/%q, time %v; want 0 0, no names, %v", h.Name, h.Uid, h.Gid, h.Uname, h.Gname, h.ModTime, when)
		}
		wantMode := int64(0o644)
		switch {
		case h.Name == "v/vet":
			wantMode = 0o755
		case h.Typeflag == tar.TypeDir:
			wantMode = 0o755
		}
		if h.Mode != wantMode {
			t.Errorf("%s: mode %o, want %o", h.Name, h.Mode, wantMode)
		}
		if body, _ := io.ReadAll(tr); h.Name == "v/vet" && string(body) != "\x7fELF binary" {
			t.Errorf("v/vet holds %q", body)
		}
	}
	if !slices.Equal(names, wantNames) {
		t.Errorf("entries %q,\nwant %q", names, wantNames)
	}
}

func TestZipEntries(t *testing.T) {
	raw := pack(t, true, files, time.FixedZone("PST", -8*3600))
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(when) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, when)
		}
		wantMode := fs.FileMode(0o644)
		switch {
		case f.Name == "v/vet":
			wantMode = 0o755
		case f.FileInfo().IsDir():
			wantMode = fs.ModeDir | 0o755
		}
		if f.Mode() != wantMode {
			t.Errorf("%s: mode %v, want %v", f.Name, f.Mode(), wantMode)
		}
	}
	if !slices.Equal(names, wantNames) {
		t.Errorf("entries %q,\nwant %q", names, wantNames)
	}
}
