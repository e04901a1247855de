package ingest

import (
	"net/url"
	"strings"
)

// The one place vet builds a TikTok address. Links in the report are made only here, from a
// handle and a video id, never copied from an export: a url column may hold anything.

// ProfileURL is a handle's TikTok profile: https://www.tiktok.com/@handle.
func ProfileURL(handle string) string {
	return tiktokURL + url.PathEscape(strings.TrimPrefix(strings.TrimSpace(handle), "@"))
}

// VideoLink is a video's TikTok address, https://www.tiktok.com/@handle/video/ID, or "" when
// the id is not a TikTok video id (digits only).
func VideoLink(handle, id string) string {
	if !isVideoID(id) {
		return ""
	}
	return ProfileURL(handle) + "/video/" + id
}

// isVideoID reports whether id can be a TikTok video id: digits, and not too many of them.
func isVideoID(id string) bool {
	if id == "" || len(id) > 25 {
		return false
	}
	return strings.Trim(id, "0123456789") == ""
}
