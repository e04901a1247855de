package scoring

import (
	"strings"
	"testing"
	"time"

	"github.com/vet-tool/vet/internal/ingest"
)

func TestDateWindows(t *testing.T) {
	// 20 posts a day apart, the newest on day0 (2026-11-01 12:00).
	ps := func() []ingest.Post { return account("a", 10_000, same(20, counts{10_000, 300, 10, 5})...) }
	for _, tc := range []struct {
		name   string
		cfg    func(*Config)
		window int
	}{
		{"without --since or --days the window is the newest 10 posts", func(*Config) {}, 10},
		{"--posts 15 widens the window to 15 posts", func(c *Config) { c.WindowPosts = 15 }, 15},
		{"--since takes every post from that date on, however many", func(c *Config) { c.Since = day0.AddDate(0, 0, -13) }, 14},
		{"--days 7 takes the posts of the 7 days up to as-of", func(c *Config) { c.Days = 7 }, 8},
		{"--days counts back from --as-of", func(c *Config) { c.Days = 7; c.AsOf = day0.AddDate(0, 0, 3) }, 5},
		{"--since and --days together take the later start", func(c *Config) { c.Days = 7; c.Since = day0.AddDate(0, 0, -2) }, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Default()
			tc.cfg(&cfg)
			a := Score(Input{Texts: &postTexts, Posts: ps()}, cfg).Accounts[0]
			if a.Window != tc.window {
				t.Errorf("window = %d posts, want %d", a.Window, tc.window)
			}
		})
	}
	t.Run("an undated account under a date window falls back to the first rows and says so", func(t *testing.T) {
		undated := ps()
		for i := range undated {
			undated[i].PostedAt = ingest.At(time.Time{})
		}
		cfg := Default()
		cfg.Days = 7
		a := Score(Input{Texts: &postTexts, Posts: undated}, cfg).Accounts[0]
		if a.Window != 10 || !strings.Contains(en(a.WindowNote), "no post dates") || a.DaysSinceLast != -1 {
			t.Errorf("window %d, note %q, days since last %d", a.Window, en(a.WindowNote), a.DaysSinceLast)
		}
	})
}

func TestAsOf(t *testing.T) {
	all := append(account("old", 10_000, same(5, counts{10_000, 300, 10, 5})...),
		account("new", 10_000, same(5, counts{10_000, 300, 10, 5})...)...)
	for i := range 5 {
		all[i].PostedAt = ingest.At(all[i].PostedAt.Time().AddDate(0, 0, -12))
	}
	t.Run("as-of defaults to the newest post in the batch, so a rerun agrees", func(t *testing.T) {
		res := Score(Input{Texts: &postTexts, Posts: all}, Default())
		if !res.AsOf.Equal(day0) {
			t.Errorf("as-of = %s, want %s", res.AsOf, day0)
		}
		if a := find(t, res, "old"); a.DaysSinceLast != 12 {
			t.Errorf("days since last = %d, want 12", a.DaysSinceLast)
		}
	})
	t.Run("--as-of anchors days since the last post", func(t *testing.T) {
		cfg := Default()
		cfg.AsOf = day0.AddDate(0, 0, 40)
		res := Score(Input{Texts: &postTexts, Posts: all}, cfg)
		if a := find(t, res, "new"); a.DaysSinceLast != 40 || a.Verdict != Review {
			t.Errorf("days since last = %d, verdict %s; want 40 and REVIEW (inactive)", a.DaysSinceLast, a.Verdict)
		}
	})
}

func TestUndatedPostsKeepTheExportOrder(t *testing.T) {
	ps := account("a", 10_000, same(6, counts{10_000, 300, 10, 5})...)
	b := account("b", 10_000, same(3, counts{10_000, 300, 10, 5})...)
	for i := range ps {
		ps[i].PostedAt = ingest.At(time.Time{})
	}
	ps[4].PostedAt = ingest.At(day0) // one dated post goes first; the undated keep their order after it
	mixed := []ingest.Post{b[0], ps[0], ps[1], b[1], ps[2], ps[3], ps[4], b[2], ps[5]}
	res := Score(Input{Texts: &postTexts, Posts: mixed}, Default())
	var got []string
	for _, p := range find(t, res, "a").Posts {
		got = append(got, str(p.VideoID))
	}
	if want := "a-e,a-a,a-b,a-c,a-d,a-f"; strings.Join(got, ",") != want {
		t.Errorf("order = %s, want %s", strings.Join(got, ","), want)
	}
}

func TestRoundedCountsAreMarked(t *testing.T) {
	ps := account("a", 10_000, same(5, counts{10_000, 300, 10, 5})...)
	ps[2].Rounded = true
	old := account("b", 10_000, same(12, counts{10_000, 300, 10, 5})...)
	old[11].Rounded = true // outside the window
	res := Score(Input{Texts: &postTexts, Posts: append(ps, old...)}, Default())
	if !find(t, res, "a").Rounded {
		t.Error("an account with a rounded count in its window is not marked")
	}
	if find(t, res, "b").Rounded {
		t.Error("a rounded count outside the window marked the account")
	}
	t.Run("a rounded follower count marks the account even when its post is outside the window", func(t *testing.T) {
		cfg := Default()
		cfg.Days = 3
		ps := account("c", ingest.Missing, same(8, counts{10_000, 300, 10, 5})...)
		ps[6].Followers, ps[6].Rounded = 12_000, true
		if a := Score(Input{Texts: &postTexts, Posts: ps}, cfg).Accounts[0]; !a.Rounded || a.Followers != 12_000 {
			t.Errorf("rounded %v, followers %d", a.Rounded, a.Followers)
		}
	})
}

func TestBasisViewsComparesTheMedianViewER(t *testing.T) {
	cfg := Default()
	cfg.Basis = BasisViews
	a := Score(Input{Texts: &postTexts, Posts: honest(50_000)}, cfg).Accounts[0]
	if want := a.MedianViewER.Value / 2.15; a.Ratio.Value != want || !strings.HasPrefix(enAll(a.Reason), "median view ER ") {
		t.Errorf("ratio %v (want %v), reason %q", a.Ratio.Value, want, enAll(a.Reason))
	}
}
