package ingest

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestParseSeconds(t *testing.T) {
	for in, want := range map[string]float64{
		"15": 15, "15.5": 15.5, "7,5": 7.5, "15s": 15, "15 sec": 15, "0:15": 15, "00:15": 15,
		"1:05": 65, "00:01:05": 65, "": 0, "0": 0, "-3": 0, "abc": 0, "1:75": 0, "1:2:3:4": 0,
		"86400": 86400, "86401": 0, "NaN": 0, "Inf": 0,
	} {
		if got := parseSeconds(in); got != want {
			t.Errorf("parseSeconds(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestParseShare(t *testing.T) {
	for in, want := range map[string]float64{"23.4%": 23.4, "23,4 %": 23.4, "0.234": 23.4, "1": 100, "45": 45, "100%": 100, "0": 0} {
		if got, ok := parseShare(in); !ok || math.Abs(got-want) > 1e-9 {
			t.Errorf("parseShare(%q) = %v, %v, want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "101", "-1%", "x", "150%"} {
		if got, ok := parseShare(in); ok {
			t.Errorf("parseShare(%q) = %v, want unknown", in, got)
		}
	}
}

func TestParseUses(t *testing.T) {
	for in, want := range map[string]int32{"1 videos": 1, "12.3K videos": 12300, "2M": 2_000_000, "": 0, "none": 0, "0 videos": 0} {
		if got := parseUses(in); got != want {
			t.Errorf("parseUses(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestFlagOf(t *testing.T) {
	for in, want := range map[string]Flag{"True": Yes, "false": No, "1": Yes, "0": No, "": Unsaid, " ": Unsaid, "maybe": Unsaid, "ja": Yes} {
		if got := flagOf(in); got != want {
			t.Errorf("flagOf(%q) = %d, want %d", in, got, want)
		}
	}
}

// TestTraitColumnsOfRealExports reads the sound, length and originality of the scraper export
// and checks them against the file as encoding/csv reads it, row by row.
func TestTraitColumnsOfRealExports(t *testing.T) {
	path := real(t, "scraper-abbreviated.csv")
	b, err := Read([]string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	byID := map[string][]string{}
	for _, row := range rows[1:] {
		byID[row[col["vid_id"]]] = row
	}
	checked, long, original, withUses := 0, 0, 0, 0
	for _, p := range b.Posts {
		row, ok := byID[b.Texts.Of(p.VideoID)]
		if !ok {
			continue
		}
		checked++
		var want float64
		if mm, ss, ok := strings.Cut(row[col["vid_duration"]], ":"); ok {
			m, _ := strconv.Atoi(mm)
			s, _ := strconv.Atoi(ss)
			want = float64(m*60 + s)
		}
		if d, _ := p.Duration(); d != want {
			t.Fatalf("line %d: duration %v, the file says %q", p.Line, d, row[col["vid_duration"]])
		}
		if d, _ := p.Duration(); d >= 30 {
			long++
		}
		wantFlag := map[string]Flag{"True": Yes, "False": No, "": Unsaid}[row[col["music_originality"]]]
		if p.OriginalSound != wantFlag {
			t.Fatalf("line %d: original sound %d, the file says %q", p.Line, p.OriginalSound, row[col["music_originality"]])
		}
		if p.OriginalSound == Yes {
			original++
		}
		if id, sound := row[col["music_id"]], b.Sounds[p.Sound]; id != "" && sound != id || id == "" && !strings.HasPrefix(sound, strings.TrimSpace(row[col["music_title"]])) {
			t.Fatalf("line %d: sound %q, the file says %q", p.Line, sound, id)
		}
		if p.SoundUses > 0 {
			withUses++
		}
	}
	if checked < 9000 || long == 0 || original == 0 || withUses < checked/2 {
		t.Errorf("checked %d posts: %d long, %d with their own sound, %d with a use count", checked, long, original, withUses)
	}
}

// TikTok Studio's per-video watch time and watched-full share, as its Content export writes them.
func TestWatchTimeColumns(t *testing.T) {
	path := t.TempDir() + "/content.csv"
	data := "Video link,Post time,Total likes,Total comments,Total shares,Total views,Average watch time,Watched full video,Duration\n" +
		"https://www.tiktok.com/@ann/video/7440000000000000001,2026-11-02,10,2,1,100,7.5s,12.3%,0:31\n" +
		"https://www.tiktok.com/@ann/video/7440000000000000002,2026-11-03,10,2,1,100,,,\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Read([]string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Posts) != 2 {
		t.Fatalf("%d posts", len(b.Posts))
	}
	w, okW := b.Posts[0].WatchTime()
	f, okF := b.Posts[0].WatchedFull()
	d, okD := b.Posts[0].Duration()
	if !okW || w != 7.5 || !okF || math.Abs(f-12.3) > 1e-9 || !okD || d != 31 {
		t.Errorf("first post: watch time %v %v, watched full %v %v, duration %v %v", w, okW, f, okF, d, okD)
	}
	if _, ok := b.Posts[1].WatchTime(); ok {
		t.Error("a blank watch time is read")
	}
	if _, ok := b.Posts[1].WatchedFull(); ok {
		t.Error("a blank watched-full share is read")
	}
}
