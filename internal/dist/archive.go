package dist

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// entry is one file of an archive, read whole.
type entry struct {
	name string      // slash-separated, inside the archive's folder
	mode fs.FileMode // 0o644, or 0o755 for the binary
	body []byte
}

// sorted is the archive's files in name order with every folder they sit in before them, as
// entries of their own: the folder named root first, so that an archive unpacks into one folder.
func sorted(root string, files []entry) []entry {
	dirs := map[string]bool{root + "/": true}
	var all []entry
	for _, f := range files {
		name := root + "/" + f.name
		for d := path.Dir(name); d != "." && d != root; d = path.Dir(d) {
			dirs[d+"/"] = true
		}
		all = append(all, entry{name: name, mode: f.mode, body: f.body})
	}
	for d := range dirs {
		all = append(all, entry{name: d, mode: fs.ModeDir | 0o755})
	}
	slices.SortFunc(all, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	return all
}

// writeTarGz writes a .tar.gz of the files under root/, every entry with the time mtime and
// owned by uid and gid 0 with no names; the gzip header has no name and no time.
func writeTarGz(w io.Writer, root string, files []entry, mtime time.Time) error {
	gz := gzip.NewWriter(w) // the default level: the best took twice as long for 0.3% less
	tw := tar.NewWriter(gz)
	for _, e := range sorted(root, files) {
		h := &tar.Header{Name: e.name, Mode: int64(e.mode.Perm()), ModTime: mtime.UTC().Truncate(time.Second), Typeflag: tar.TypeReg, Size: int64(len(e.body))}
		if e.mode.IsDir() {
			h.Typeflag = tar.TypeDir
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := tw.Write(e.body); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// writeZip writes a .zip of the files under root/, every entry deflated, with the time mtime (in UTC, so that the archive does not depend on the builder's time zone).
func writeZip(w io.Writer, root string, files []entry, mtime time.Time) error {
	zw := zip.NewWriter(w)
	for _, e := range sorted(root, files) {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: mtime.UTC().Truncate(time.Second)}
		if e.mode.IsDir() {
			h.Method = zip.Store
		}
		h.SetMode(e.mode)
		f, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := f.Write(e.body); err != nil {
			return err
		}
	}
	return zw.Close()
}
