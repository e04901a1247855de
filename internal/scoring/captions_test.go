package scoring

import (
	"testing"

	"github.com/vet-tool/vet/internal/ingest"
)

func TestSponsoredCaptions(t *testing.T) {
	for _, tc := range []struct {
		caption string
		flagged bool
		want    bool
	}{
		{"new drop #ad", false, true},
		{"NEW DROP #AD!", false, true},
		{"loved it #ad, thanks @brand", false, true},
		{"#Sponsored by @brand", false, true},
		{"with my #partner", false, true},
		{"#advertentie", false, true},
		{"#gesponsord", false, true},
		{"#samenwerking met @merk", false, true},
		{"Paid partnership with @brand", false, true},
		{"BETAALDE SAMENWERKING", false, true},
		{"off on an #adventure", false, false},
		{"#adfree life", false, false},
		{"#partnership goals", false, false},
		{"ad hoc, sponsored by nobody", false, false},
		{"a paid partner", false, false},
		{"", true, true},
		{"just a vlog", true, true},
	} {
		name := "a caption " + tc.caption
		if tc.flagged {
			name = "a post the export marks as paid, caption " + tc.caption
		}
		if tc.want {
			name += " is sponsored"
		} else {
			name += " is not sponsored"
		}
		t.Run(name, func(t *testing.T) {
			if got := Sponsored(&ingest.Post{Caption: txt(tc.caption), Sponsored: tc.flagged}, &postTexts); got != tc.want {
				t.Errorf("Sponsored = %v", got)
			}
		})
	}
}

func TestHashtagsAreWholeTags(t *testing.T) {
	var got []string
	// ASCII's edges around letters and digits: @ [ ` { / - : and DEL end a tag.
	eachHashtag("#één #ad. x#y #_z #  #fyp🔥 # #A9_z@b #Zz[y #az`y #ZZ{ #09/1 #a-b #a:b #a\x7fb", func(tag string) { got = append(got, tag) })
	want := "#één|#ad|#y|#_z|#fyp|#A9_z|#Zz|#az|#ZZ|#09|#a|#a|#a"
	if s := join(got); s != want {
		t.Errorf("tags %s, want %s", s, want)
	}
}

func join(xs []string) string {
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += "|"
		}
		s += x
	}
	return s
}
