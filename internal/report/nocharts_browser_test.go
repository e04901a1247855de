package report

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPageWithoutChartsInARealBrowser: a page written by a vet without its chart script (`go
// install`) shows no empty chart frames, says so in its banner, and still lists every account.
func TestPageWithoutChartsInARealBrowser(t *testing.T) {
	path := filepath.Join(t.TempDir(), PageFile)
	f, err := os.Create(path)
	must(t, err)
	must(t, writePageWith(f, testReport(t), pageOptions{ECharts: func() ([]byte, bool) { return nil, false }}))
	must(t, f.Close())
	ctx, ev := openPage(t, path)
	got := eval[[]float64](t, ctx, `[document.getElementById('nocharts').offsetHeight, document.getElementById('charts').offsetHeight,
		document.querySelectorAll('.chart canvas').length, document.querySelectorAll('#accounts tbody tr.row').length]`)
	t.Run("the banner is on the page", func(t *testing.T) {
		if got[0] == 0 {
			t.Error("the no-charts banner takes no room: it is hidden")
		}
	})
	t.Run("no empty chart frame is on the page", func(t *testing.T) {
		if got[1] != 0 || got[2] != 0 {
			t.Errorf("the charts' grid is %v pixels high, with %v canvases", got[1], got[2])
		}
	})
	t.Run("the table lists every account", func(t *testing.T) {
		if got[3] != 5 {
			t.Errorf("%v rows, want 5", got[3])
		}
	})
	ev.check(t)
}
