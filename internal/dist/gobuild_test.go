package dist

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestAPlainGoBuildSaysItHasNoCharts is what `go install` gives: cmd/vet built from a tree
// without the chart script. vet version says so, vet run says so once on stderr (with -q too)
// and still writes the whole report, and the page says so at its top.
func TestAPlainGoBuildSaysItHasNoCharts(t *testing.T) {
	src, err := filepath.Abs(filepath.Join("..", ".."))
	must(t, err)
	tree := copyTree(t, src)
	must(t, os.RemoveAll(filepath.Join(tree, "templates", "assets", "echarts.min.js")))
	vet := filepath.Join(t.TempDir(), "vet")
	build := exec.Command("go", "build", "-o", vet, "./cmd/vet")
	build.Dir = tree
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	out, err := exec.Command(vet, "version").Output()
	must(t, err)
	if !strings.Contains(string(out), "\ncharts: not inlined (the page will have no charts: see Install in the README)\n") {
		t.Errorf("vet version says:\n%s", out)
	}
	for _, args := range [][]string{{"run", "--out", "report", "examples"}, {"run", "-q", "--out", "quiet", "examples"}} {
		t.Run(strings.Join(args, " ")+" warns once and writes the report", func(t *testing.T) {
			cmd := exec.Command(vet, args...)
			cmd.Dir = tree
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("%v\n%s", err, stderr.String())
			}
			want := "vet: warning: this vet has no chart script built in, so vetting.html will have no charts (the rest of the report is complete): use a release download or `make build` (see Install in the README)\n"
			if n := strings.Count(stderr.String(), want); n != 1 || strings.Count(stderr.String(), "chart script") != 1 {
				t.Errorf("the warning is said %d times:\n%s", n, stderr.String())
			}
			dir := filepath.Join(tree, args[len(args)-2])
			for _, f := range []string{"vetting.xlsx", "summary.json", "accounts.csv", "signals.csv", "posts.csv"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Error(err)
				}
			}
			page, err := os.ReadFile(filepath.Join(dir, "vetting.html"))
			must(t, err)
			if !bytes.Contains(page, []byte(`<div id="nocharts" class="banner"><b>This copy of the report has no charts:</b>`)) {
				t.Error("the page does not say at its top that it has no charts")
			}
		})
	}
}
