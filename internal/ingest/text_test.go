package ingest

import (
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"
)

// TestTextsKeepEveryString: what Keep was given, Of gives back, whatever its length and
// wherever it fell: the first small block, a block filled to its last byte, a string of a
// block of its own, one longer than a Text's length field holds.
func TestTextsKeepEveryString(t *testing.T) {
	var ts Texts
	strs := []string{"", "a", "café 🎉", strings.Repeat("x", textFirst-1), "fits the rest?"}
	for n := 1; n < 3*textBlock; n += 997 { // small strings across many block boundaries
		strs = append(strs, strings.Repeat(string(rune('a'+n%26)), n%300))
	}
	strs = append(strs,
		strings.Repeat("b", textBlock/16),   // the longest that shares a block
		strings.Repeat("c", textBlock/16+1), // the shortest of a block of its own
		strings.Repeat("d", textLenMask-1),
		strings.Repeat("e", textLenMask), // too long for the field: the block's length
		strings.Repeat("f", 3*textBlock),
		"after the big ones")
	kept := make([]Text, len(strs))
	for i, s := range strs {
		kept[i] = ts.Keep(s)
	}
	for i, s := range strs {
		if got := ts.Of(kept[i]); got != s {
			t.Fatalf("string %d (%d bytes) came back as %d bytes", i, len(s), len(got))
		}
	}
	if ts.Keep("") != 0 {
		t.Error(`"" is not the zero Text`)
	}
	for _, b := range ts.blocks {
		if len(b) > textBlock && len(b) != cap(b) {
			t.Errorf("a block of its own of %d bytes has room for %d more", len(b), cap(b)-len(b))
		}
	}
}

// TestTextsAreNotCopied: Of lends the kept bytes, and later strings never move them.
func TestTextsAreNotCopied(t *testing.T) {
	var ts Texts
	first := ts.Keep("first")
	s := ts.Of(first)
	for range 10_000 {
		ts.Keep("more text to fill blocks")
	}
	if again := ts.Of(first); again != "first" || unsafe.StringData(again) != unsafe.StringData(s) {
		t.Errorf("the first string is %q at another place", again)
	}
}

// TestJoinRebasesTexts: posts read into a batch of their own keep their strings once joined
// after another batch's.
func TestJoinRebasesTexts(t *testing.T) {
	var a, b Batch
	a.Texts.Keep(strings.Repeat("z", 3*textBlock)) // a has blocks for b's to follow
	a.Posts = []Post{{Account: a.Texts.Keep("ann"), Caption: a.Texts.Keep("hello")}}
	b.Posts = []Post{{Account: b.Texts.Keep("bob"), Key: b.Texts.Keep("bob"), VideoID: b.Texts.Keep("7301"),
		URL: b.Texts.Keep("https://vm.tiktok.com/x/"), Caption: b.Texts.Keep("#ad"), File: b.Texts.Keep("b.csv")}}
	a.join(&b)
	got := a.Posts[1]
	for _, c := range []struct {
		t    Text
		want string
	}{{got.Account, "bob"}, {got.Key, "bob"}, {got.VideoID, "7301"}, {got.URL, "https://vm.tiktok.com/x/"}, {got.Caption, "#ad"}, {got.File, "b.csv"}} {
		if s := a.text(c.t); s != c.want {
			t.Errorf("joined post has %q, want %q", s, c.want)
		}
	}
	if a.text(a.Posts[0].Caption) != "hello" || got.Saves != 0 || a.text(Post{}.URL) != "" {
		t.Error("the first batch's post or a zero Text changed")
	}
}

// TestInstant: the zero Instant is no date, and every date a post can have survives the trip.
func TestInstant(t *testing.T) {
	if !At(time.Time{}).IsZero() || !Instant(0).Time().IsZero() {
		t.Error("no date is not the zero Instant")
	}
	for _, d := range []time.Time{
		minTime, // 1970-01-01T00:00:00Z is a date, not none
		maxTime.Add(-time.Nanosecond),
		time.Date(2026, 11, 20, 18, 0, 0, 123456789, time.UTC),
		time.Date(yearlessYear, 2, 29, 23, 59, 59, 0, time.UTC), // a yearless February 29 waits in a leap year
	} {
		i := At(d)
		if i.IsZero() || !i.Time().Equal(d) || i.Time().Location() != time.UTC || i.Unix() != d.Unix() {
			t.Errorf("%v came back as %v", d, i.Time())
		}
	}
	a, b := At(minTime), At(minTime.Add(time.Second))
	if !a.Before(b) || !b.After(a) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("Instants do not order as their times")
	}
}

// TestPostHoldsNoPointer: the collector never scans a batch's posts (text.go), and a post is
// 128 bytes.
func TestPostHoldsNoPointer(t *testing.T) {
	if size := unsafe.Sizeof(Post{}); size != 128 {
		t.Errorf("a Post is %d bytes, want 128", size)
	}
	typ := reflect.TypeFor[Post]()
	for i := range typ.NumField() {
		switch f := typ.Field(i); f.Type.Kind() {
		case reflect.Bool, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint8, reflect.Uint16,
			reflect.Uint32, reflect.Uint64:
		default:
			t.Errorf("Post.%s is a %s: a post must hold numbers only", f.Name, f.Type)
		}
	}
}

// TestGrowRoomRestoresTheCollector: making large room pauses the collector and gives it back
// as it was, however many readers make room at once.
func TestGrowRoomRestoresTheCollector(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(77))
	big := roomPaused / int(unsafe.Sizeof(Post{}))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if p := growRoom(nil, big); cap(p) < big || len(p) != 0 {
				t.Errorf("room for %d posts, %d used; want %d, 0", cap(p), len(p), big)
			}
		})
	}
	wg.Wait()
	if small := growRoom(make([]Post, 3), 10); cap(small) < 13 || len(small) != 3 {
		t.Errorf("small room: cap %d, len %d", cap(small), len(small))
	}
	if got := debug.SetGCPercent(77); got != 77 {
		t.Errorf("the collector's percent is %d after growRoom, want 77", got)
	}
}

// TestNilTextsReadZeroTexts: posts made without strings (vet calc's) need no Texts.
func TestNilTextsReadZeroTexts(t *testing.T) {
	var ts *Texts
	if got := ts.Of(0); got != "" {
		t.Errorf("nil Texts read %q", got)
	}
}
