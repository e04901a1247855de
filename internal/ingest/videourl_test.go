package ingest

import "testing"

func TestVideoURL(t *testing.T) {
	tests := []struct {
		name, account, id, url string
		dropped                bool
	}{
		{"TikTok's own address is rebuilt, not kept", "ann", "7301", "https://www.tiktok.com/@ann/video/7301", true},
		{"a url with a query string is kept", "ann", "7301", "https://www.tiktok.com/@ann/video/7301?lang=en", false},
		{"a handle written otherwise in the url is kept", "Ann", "7301", "https://www.tiktok.com/@ann/video/7301", false},
		{"a url for another video is kept", "ann", "7301", "https://www.tiktok.com/@ann/video/7302", false},
		{"a url without a video id beside it is kept", "ann", "", "https://www.tiktok.com/@ann/video/7301", false},
		{"a short link is kept", "ann", "7301", "https://vm.tiktok.com/ZMabc/", false},
		{"no url stays none", "ann", "7301", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ts Texts
			p := Post{Account: ts.Keep(tt.account), VideoID: ts.Keep(tt.id)}
			p.keepURL(&ts, tt.url, tt.account, tt.id)
			if got := p.VideoURL(&ts); got != tt.url {
				t.Errorf("VideoURL() = %q, want %q", got, tt.url)
			}
			if dropped := p.URL == 0 && tt.url != ""; dropped != tt.dropped {
				t.Errorf("URL field %q: dropped %v, want %v", ts.Of(p.URL), dropped, tt.dropped)
			}
		})
	}
}
