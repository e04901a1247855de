package scoring

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
)

// batchOf makes accounts of which thin have 2 posts and the rest 5; the first noFollowers have
// no follower count.
func batchOf(accounts, thin, noFollowers int) []ingest.Post {
	var all []ingest.Post
	for i := range accounts {
		f := ingest.Count(20_000)
		if i < noFollowers {
			f = ingest.Missing
		}
		n := 5
		if i >= accounts-thin {
			n = 2
		}
		all = append(all, account(fmt.Sprintf("acct%02d", i), f, same(n, counts{10_000, 300, 10, 5})...)...)
	}
	return all
}

func warned(r *Result, code string) (Warning, bool) {
	for _, w := range r.Warnings {
		if w.Code == code {
			return w, true
		}
	}
	return Warning{}, false
}

func TestBatchWarnings(t *testing.T) {
	saves := func(c *Config) { c.IncludeSaves = true }
	for _, tc := range []struct {
		name  string
		posts []ingest.Post
		cfg   func(*Config)
		code  string
		want  bool
		text  string
	}{
		{"6 of 10 accounts with too few posts to rate look like a hashtag export", batchOf(10, 6, 0), nil, ThinBatch, true, "6 of 10 accounts have fewer than 3 posts"},
		{"5 of 10 accounts with too few posts are not most of them", batchOf(10, 5, 0), nil, ThinBatch, false, ""},
		{"one account without a follower count is said", batchOf(10, 0, 1), nil, NoFollowers, true, "1 of 10 accounts has no follower count"},
		{"every account with a follower count says nothing", batchOf(10, 0, 0), nil, NoFollowers, false, ""},
		{"--include-saves with no save count anywhere is said", batchOf(3, 0, 0), saves, NoSavesColumn, true, "no post has a save count"},
		{"no saves without --include-saves say nothing", batchOf(3, 0, 0), nil, NoSavesColumn, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Default()
			if tc.cfg != nil {
				tc.cfg(&cfg)
			}
			w, ok := warned(Score(Input{Texts: &postTexts, Posts: tc.posts}, cfg), tc.code)
			if ok != tc.want {
				t.Fatalf("%s warned = %v, want %v", tc.code, ok, tc.want)
			}
			if ok && (!strings.Contains(en(w.Text), tc.text) || en(w.Fix) == "") {
				t.Errorf("warning %+v, want text with %q and a fix", w, tc.text)
			}
		})
	}
	t.Run("one post with a save count is enough for --include-saves", func(t *testing.T) {
		ps := batchOf(3, 0, 0)
		ps[7].Saves = 0
		cfg := Default()
		cfg.IncludeSaves = true
		if _, ok := warned(Score(Input{Texts: &postTexts, Posts: ps}, cfg), NoSavesColumn); ok {
			t.Error("warned with a save count present")
		}
	})
	t.Run("each fix names what to do", func(t *testing.T) {
		cfg := Default()
		cfg.IncludeSaves = true
		r := Score(Input{Texts: &postTexts, Posts: batchOf(4, 3, 1)}, cfg)
		for code, fix := range map[string]string{ThinBatch: "from their profile", NoFollowers: "--accounts FILE", NoSavesColumn: `"Add to Favorites"`} {
			if w, _ := warned(r, code); !strings.Contains(en(w.Fix), fix) {
				t.Errorf("%s fix %q does not say %q", code, en(w.Fix), fix)
			}
		}
	})
}
