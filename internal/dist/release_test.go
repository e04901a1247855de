package dist

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/vet-tool/vet/templates"
)

// The release the test builds: a stamp of its own, so that what `vet version` prints is known
// beforehand, and a time zone far from UTC for the second build.
var testStamp = Stamp{Version: "1.2.3-test", Commit: "0123456789abcdef0123456789abcdef01234567", Time: time.Date(2026, 11, 30, 8, 15, 0, 0, time.UTC)}

// TestReleaseArchives is `make dist` from end to end: it builds every archive, builds a tar.gz
// and the zip again from a copy of the tree elsewhere (through cmd/vet-dist, in another time
// zone, with the files' times fresh) and compares them byte for byte; then it unpacks this platform's archive
// into an empty folder outside the repository, runs the binary it holds on the examples it holds,
// and opens the page in headless Chromium with no network: every chart must draw.
//
// Like the report's browser test it needs Chromium and the chart files (`make test` installs
// both): without them it fails under CI and skips elsewhere, saying why.
func TestReleaseArchives(t *testing.T) {
	src, err := filepath.Abs(filepath.Join("..", ".."))
	must(t, err)
	chromium := needs(t, src)
	began := time.Now()
	first := t.TempDir()
	written, err := Build(Options{Source: src, Out: first, Stamp: testStamp, Log: testLog{t}})
	must(t, err)
	t.Logf("first build: %s", time.Since(began).Round(time.Second))

	t.Run("SHA256SUMS lists every archive by its name with its checksum", func(t *testing.T) {
		sums := readSums(t, filepath.Join(first, SumsFile))
		var want []string
		for _, tg := range Targets {
			want = append(want, ArchiveName(testStamp.Version, tg))
		}
		if got := slices.Sorted(mapKeys(sums)); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
			t.Errorf("SHA256SUMS names %q, want %q", got, want)
		}
		for name, sum := range sums {
			body, err := os.ReadFile(filepath.Join(first, name))
			must(t, err)
			if got := fmt.Sprintf("%x", sha256.Sum256(body)); got != sum {
				t.Errorf("%s: SHA-256 %s, SHA256SUMS says %s", name, got, sum)
			}
		}
		if len(written) != len(Targets)+1 {
			t.Errorf("Build says it wrote %q", written)
		}
	})

	// The second build makes one archive of each kind (a tar.gz and the zip): every archive
	// again would add a minute to make test for no other code run.
	again := []Target{{"linux", "amd64"}, {"windows", "amd64"}}
	t.Run("a second build from a copy of the tree elsewhere gives the same bytes", func(t *testing.T) {
		began := time.Now()
		second := filepath.Join(t.TempDir(), "dist")
		copied := copyTree(t, src)
		cmd := exec.Command("go", "run", "./cmd/vet-dist", "-out", second, "-targets", again[0].String()+","+again[1].String(),
			"-version", testStamp.Version, "-commit", testStamp.Commit)
		cmd.Dir = copied
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+strconv.FormatInt(testStamp.Time.Unix(), 10), "TZ=Pacific/Auckland")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("vet-dist: %v\n%s", err, out)
		}
		t.Logf("second build: %s", time.Since(began).Round(time.Second))
		firstSums, secondSums := readSums(t, filepath.Join(first, SumsFile)), readSums(t, filepath.Join(second, SumsFile))
		if len(secondSums) != len(again) {
			t.Errorf("the second SHA256SUMS lists %d archives, want %d", len(secondSums), len(again))
		}
		for _, tg := range again {
			name := ArchiveName(testStamp.Version, tg)
			a, err := os.ReadFile(filepath.Join(first, name))
			must(t, err)
			b, err := os.ReadFile(filepath.Join(second, name))
			must(t, err)
			if !bytes.Equal(a, b) || firstSums[name] != secondSums[name] {
				t.Errorf("%s differs between the two builds (%d and %d bytes; SHA-256 %s and %s)", name, len(a), len(b), firstSums[name], secondSums[name])
			}
		}
	})

	t.Run("the Windows archive is a zip holding vet.exe, the README, the examples and the licences", func(t *testing.T) {
		name := ArchiveName(testStamp.Version, Target{"windows", "amd64"})
		zr, err := zip.OpenReader(filepath.Join(first, name))
		must(t, err)
		defer zr.Close()
		var got []string
		for _, f := range zr.File {
			got = append(got, f.Name)
		}
		root := strings.TrimSuffix(name, ".zip") + "/"
		for _, want := range shipped("vet.exe") {
			if !slices.Contains(got, root+want) {
				t.Errorf("%s has no %s", name, root+want)
			}
		}
	})

	host := Target{runtime.GOOS, runtime.GOARCH}
	if !slices.Contains(Targets, host) {
		t.Skipf("no archive is built for %s, the platform the test runs on", host)
	}
	name := ArchiveName(testStamp.Version, host)
	unpacked := t.TempDir()
	if out, err := exec.Command("tar", "-xzf", filepath.Join(first, name), "-C", unpacked).CombinedOutput(); err != nil {
		t.Fatalf("tar -xzf %s: %v\n%s", name, err, out)
	}
	dir := filepath.Join(unpacked, strings.TrimSuffix(name, ".tar.gz"))
	t.Run("the archive unpacks into one folder holding the binary, the README, the examples and the licences", func(t *testing.T) {
		des, err := os.ReadDir(unpacked)
		must(t, err)
		if len(des) != 1 || des[0].Name() != filepath.Base(dir) {
			t.Errorf("unpacked %v, want the one folder %s", des, filepath.Base(dir))
		}
		for _, want := range shipped("vet") {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(want))); err != nil {
				t.Error(err)
			}
		}
		if fi, err := os.Stat(filepath.Join(dir, "vet")); err != nil || fi.Mode().Perm()&0o111 == 0 {
			t.Errorf("vet is not executable: %v %v", fi, err)
		}
	})

	vet := filepath.Join(dir, "vet")
	t.Run("vet version names the release, its commit, its Go and the chart script it inlines", func(t *testing.T) {
		out, err := exec.Command(vet, "version").Output()
		must(t, err)
		want := fmt.Sprintf("vet %s\ncommit: %s\ngo:     %s %s\ncharts: ECharts %s inlined\n", testStamp.Version, testStamp.Commit, runtime.Version(), host, templates.EChartsVersion())
		if string(out) != want {
			t.Errorf("vet version printed\n%s\nwant\n%s", out, want)
		}
	})

	run := exec.Command(vet, "run", "--out", "report", "examples")
	run.Dir = dir
	var stdout, stderr bytes.Buffer
	run.Stdout, run.Stderr = &stdout, &stderr
	if err := run.Run(); err != nil {
		t.Fatalf("vet run: %v\n%s", err, stderr.String())
	}
	t.Run("vet run on the examples writes the page and does not warn of missing charts", func(t *testing.T) {
		if !strings.Contains(stdout.String(), "wrote report/vetting.html\n") || strings.Contains(stderr.String(), "chart script") {
			t.Errorf("stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
		}
	})
	t.Run("the page opens in Chromium with no network and every chart draws", func(t *testing.T) {
		openAndCheck(t, chromium, filepath.Join(dir, "report", "vetting.html"))
	})
	t.Logf("the whole test: %s", time.Since(began).Round(time.Second))
}

// shipped is what every archive holds beside its binary (named exe), a few of each kind.
func shipped(exe string) []string {
	return []string{exe, "README.md", "examples/posts-generic.csv", "examples/apify-export.csv", "examples/prices.csv",
		"licenses/echarts/LICENSE", "licenses/echarts/NOTICE", "licenses/echarts/licenses/LICENSE-d3",
		"licenses/go/LICENSE", "licenses/github.com/xuri/excelize/v2/LICENSE",
		"licenses/github.com/go-fonts/dejavu/LICENSE-DejaVu", "licenses/github.com/go-fonts/dejavu/LICENSE", "licenses/modernc.org/sqlite/LICENSE"}
}

// needs finds Chromium and the chart files; without them the test fails under CI and skips
// elsewhere.
func needs(t *testing.T, src string) string {
	t.Helper()
	missing := func(what string) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s (CI=true: the release test must run; `make test` installs what it needs)", what)
		}
		t.Skipf("%s: skipping the release test (`make test` installs what it needs)", what)
	}
	if _, err := chartFiles(src); err != nil {
		missing(err.Error())
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		missing("no chromium on PATH")
	}
	return chromium
}

// copyTree copies the repository's files, as the worktree has them (committed or not, and the
// chart files `make assets` placed), into a fresh folder: other paths, other file times.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	out, err := git(src, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	must(t, err)
	files := strings.Split(strings.Trim(out, "\x00"), "\x00")
	assets := filepath.Join(src, "templates", "assets")
	must(t, filepath.WalkDir(assets, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(src, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	}))
	dst := filepath.Join(t.TempDir(), "elsewhere", "vet")
	for _, f := range files {
		body, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(f)))
		if os.IsNotExist(err) {
			continue // deleted in the worktree, not yet committed
		}
		must(t, err)
		p := filepath.Join(dst, filepath.FromSlash(f))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, body, 0o644))
	}
	return dst
}

func readSums(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	must(t, err)
	defer f.Close()
	sums := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok || len(sum) != 64 {
			t.Fatalf("%s: %q is not \"SHA-256  NAME\"", path, sc.Text())
		}
		sums[name] = sum
	}
	must(t, sc.Err())
	return sums
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// openAndCheck opens the page in headless Chromium with no network, waits until it says it is
// ready (window.__vetReady: every chart finished drawing, the table is on the page) and checks
// that every chart's canvas holds a drawing, the no-charts banner is hidden, and the page logged
// no error and asked nothing of the network.
func openAndCheck(t *testing.T, chromium, page string) {
	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.NoFirstRun,
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 1150))
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 120*time.Second)
	defer cancel()
	var mu sync.Mutex
	var complaints []string
	must(t, chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *cdpruntime.EventExceptionThrown:
			complaints = append(complaints, "exception: "+ev.ExceptionDetails.Text)
		case *cdpruntime.EventConsoleAPICalled:
			if ev.Type == cdpruntime.ConsoleAPICalledTypeError || ev.Type == cdpruntime.ConsoleAPICalledTypeWarning {
				complaints = append(complaints, "console."+string(ev.Type))
			}
		case *network.EventRequestWillBeSent:
			if u := ev.Request.URL; !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") {
				complaints = append(complaints, "request: "+u)
			}
		}
	}))
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	must(t, err)
	_, err = chromedp.Call(ctx, cdpruntime.Enable, cdp.Empty{})
	must(t, err)
	must(t, chromedp.Do(ctx, chromedp.Navigate("file://"+page)))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`window.__vetReady === true`))
	must(t, err)
	ink, err := chromedp.Run(ctx, chromedp.Evaluate[[][2]any](`Array.from(document.querySelectorAll('.chart')).map(function (div) {
		var c = div.querySelector('canvas');
		if (!c || !c.width || !c.height) { return [div.id, 0]; }
		var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;
		for (var i = 0; i < d.length; i += 4) {
			if (d[i+3] > 0 && (d[i] < 240 || d[i+1] < 240 || d[i+2] < 240)) { n++; }
		}
		return [div.id, n];
	})`))
	must(t, err)
	charts, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.VET.charts.length`))
	must(t, err)
	if len(ink) != charts || charts < 5 {
		t.Errorf("%d chart frames for %d charts, want 5 or more: %v", len(ink), charts, ink)
	}
	for _, c := range ink {
		if n, _ := c[1].(float64); n < 500 {
			t.Errorf("chart %v is empty: %v drawn pixels", c[0], c[1])
		}
	}
	banner, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('nocharts').hidden`))
	must(t, err)
	if !banner {
		t.Error("the page says its charts are missing")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(complaints) > 0 {
		t.Errorf("the page: %q", complaints)
	}
}

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
