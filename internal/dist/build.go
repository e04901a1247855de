package dist

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Target is a platform a release is built for.
type Target struct{ OS, Arch string }

func (t Target) String() string { return t.OS + "/" + t.Arch }

// Targets are the platforms `make dist` builds for.
var Targets = []Target{{"linux", "amd64"}, {"linux", "arm64"}, {"darwin", "amd64"}, {"darwin", "arm64"}, {"windows", "amd64"}}

// Options say what Build builds from and where it writes.
type Options struct {
	Source  string   // the repository's root: go.mod, README.md, examples/, templates/
	Out     string   // where the archives and SHA256SUMS go (created)
	Stamp   Stamp    // version, commit and time
	Targets []Target // the platforms; Targets when empty
	Go      string   // the go command; "go" when empty
	Log     io.Writer
}

// SumsFile is the name of the checksum file Build writes beside the archives, as `sha256sum -c`
// (and `shasum -a 256 -c`) read it.
const SumsFile = "SHA256SUMS"

// ArchiveName is the name of a target's archive: vet_<version>_<os>_<arch>.tar.gz, .zip for
// Windows, whose tools open a zip without anything installed.
func ArchiveName(version string, t Target) string {
	ext := ".tar.gz"
	if t.OS == "windows" {
		ext = ".zip"
	}
	return fmt.Sprintf("vet_%s_%s_%s%s", version, t.OS, t.Arch, ext)
}

// Build builds one archive per target in o.Out, and SHA256SUMS listing them; it first removes
// the archives and SHA256SUMS an earlier build left there, so that the folder holds one release.
// It returns the files written, the sums last.
func Build(o Options) ([]string, error) {
	if o.Go == "" {
		o.Go = "go"
	}
	if len(o.Targets) == 0 {
		o.Targets = Targets
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	common, err := commonFiles(o)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return nil, err
	}
	if err := removeOld(o.Out); err != nil {
		return nil, err
	}
	var written []string
	var sums strings.Builder
	for _, t := range o.Targets {
		name, sum, err := buildOne(o, t, common)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t, err)
		}
		written = append(written, filepath.Join(o.Out, name))
		fmt.Fprintf(&sums, "%x  %s\n", sum, name)
	}
	sumsPath := filepath.Join(o.Out, SumsFile)
	if err := writeFile(sumsPath, []byte(sums.String())); err != nil {
		return nil, err
	}
	return append(written, sumsPath), nil
}

// commonFiles are the files every archive holds: the README, the examples and the licence files
// of the chart script and of Go's standard library.
func commonFiles(o Options) ([]entry, error) {
	files, err := chartFiles(o.Source)
	if err != nil {
		return nil, err
	}
	readme, err := os.ReadFile(filepath.Join(o.Source, "README.md"))
	if err != nil {
		return nil, err
	}
	files = append(files, entry{name: "README.md", mode: 0o644, body: readme})
	examples, err := folder(filepath.Join(o.Source, "examples"), "examples")
	if err != nil {
		return nil, err
	}
	if len(examples) == 0 {
		return nil, fmt.Errorf("examples: no files")
	}
	files = append(files, examples...)
	goroot, err := goEnv(o, "GOROOT")
	if err != nil {
		return nil, err
	}
	goLicence, err := os.ReadFile(filepath.Join(goroot, "LICENSE"))
	if err != nil {
		return nil, fmt.Errorf("the Go toolchain's licence: %w", err)
	}
	return append(files, entry{name: "licenses/go/LICENSE", mode: 0o644, body: goLicence}), nil
}

// folder is every regular file under dir, named under prefix.
func folder(dir, prefix string) ([]entry, error) {
	var files []entry
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		body, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, entry{name: path.Join(prefix, filepath.ToSlash(rel)), mode: 0o644, body: body})
		return nil
	})
	return files, err
}

// oldArchive is what an earlier Build wrote.
var oldArchive = regexp.MustCompile(`^vet_.+_[a-z0-9]+_[a-z0-9]+\.(tar\.gz|zip)$`)

func removeOld(out string) error {
	des, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	for _, de := range des {
		if n := de.Name(); n == SumsFile || oldArchive.MatchString(n) {
			if err := os.Remove(filepath.Join(out, n)); err != nil {
				return err
			}
		}
	}
	return nil
}

// buildOne builds the binary for t and packs its archive; it returns the archive's name and
// SHA-256.
func buildOne(o Options, t Target, common []entry) (string, [sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	bin, err := buildBinary(o, t)
	if err != nil {
		return "", sum, err
	}
	licences, err := moduleLicences(o, t)
	if err != nil {
		return "", sum, err
	}
	exe := "vet"
	if t.OS == "windows" {
		exe = "vet.exe"
	}
	files := append(slices.Clone(common), licences...)
	files = append(files, entry{name: exe, mode: 0o755, body: bin})
	name := ArchiveName(o.Stamp.Version, t)
	root := strings.TrimSuffix(strings.TrimSuffix(name, ".zip"), ".tar.gz")
	var b bytes.Buffer
	if t.OS == "windows" {
		err = writeZip(&b, root, files, o.Stamp.Time)
	} else {
		err = writeTarGz(&b, root, files, o.Stamp.Time)
	}
	if err != nil {
		return "", sum, err
	}
	if err := writeFile(filepath.Join(o.Out, name), b.Bytes()); err != nil {
		return "", sum, err
	}
	fmt.Fprintf(o.Log, "vet-dist: wrote %s (%.1f MB)\n", filepath.Join(o.Out, name), float64(b.Len())/1e6)
	return name, sha256.Sum256(b.Bytes()), nil
}

// buildEnv is the environment of every go command Build runs for t: the caller's, with what
// changes the binary's bytes fixed. A GOFLAGS that is not empty also sets aside the one of
// the go env file (`go env -w`); the build's own flags say the rest.
func buildEnv(t Target) []string {
	return append(os.Environ(), "GOOS="+t.OS, "GOARCH="+t.Arch, "CGO_ENABLED=0", "GOAMD64=v1", "GOARM64=v8.0", "GOFLAGS=-mod=readonly")
}

// buildBinary builds cmd/vet for t, stamped, and returns it.
func buildBinary(o Options, t Target) ([]byte, error) {
	dir, err := os.MkdirTemp("", "vet-dist-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "vet")
	ldflags := "-s -w " + o.Stamp.LDFlags()
	if _, err := goCmd(o, t, "build", "-trimpath", "-buildvcs=false", "-ldflags="+ldflags, "-o", out, "./cmd/vet"); err != nil {
		return nil, err
	}
	return os.ReadFile(out)
}

// licenceFile is a file of a module's root that holds its licence or the notices it requires.
var licenceFile = regexp.MustCompile(`(?i)^(licen[cs]e|copying|notice|patents|unlicense|authors)([.\-_].*)?$`)

// moduleLicences are the licence files of every module cmd/vet is built from for t, under
// licenses/<module path>/. A module without one is an error: its terms cannot be passed on.
func moduleLicences(o Options, t Target) ([]entry, error) {
	out, err := goCmd(o, t, "list", "-deps", "-f", "{{with .Module}}{{if not .Main}}{{.Path}}\t{{.Dir}}{{end}}{{end}}", "./cmd/vet")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var files []entry
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		mod, dir, ok := strings.Cut(line, "\t")
		if !ok || seen[mod] {
			continue
		}
		seen[mod] = true
		des, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		n := len(files)
		for _, de := range des {
			if de.Type().IsRegular() && licenceFile.MatchString(de.Name()) {
				body, err := os.ReadFile(filepath.Join(dir, de.Name()))
				if err != nil {
					return nil, err
				}
				files = append(files, entry{name: path.Join("licenses", mod, de.Name()), mode: 0o644, body: body})
			}
		}
		if len(files) == n {
			return nil, fmt.Errorf("module %s has no licence file in %s", mod, dir)
		}
	}
	return files, nil
}

// goCmd runs the go command in the source folder for t and returns its output.
func goCmd(o Options, t Target, args ...string) (string, error) {
	cmd := exec.Command(o.Go, args...)
	cmd.Dir, cmd.Env = o.Source, buildEnv(t)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s: %s", args[0], firstLine(stderr.String(), err))
	}
	return string(out), nil
}

// goEnv is one of the go command's variables.
func goEnv(o Options, name string) (string, error) {
	out, err := goCmd(o, Target{OS: "linux", Arch: "amd64"}, "env", name)
	return strings.TrimSpace(out), err
}

// writeFile writes a file whole or not at all: under a temporary name, then renamed.
func writeFile(name string, body []byte) error {
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, body, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}
