package ingest

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/vet-tool/vet/internal/lang"
)

// Field is one of the canonical fields a post can carry.
type Field int

// The canonical fields, in the order reports list them.
const (
	FieldAccount Field = iota
	FieldFollowers
	FieldViews
	FieldLikes
	FieldComments
	FieldShares
	FieldSaves
	FieldPostedAt
	FieldVideoID
	FieldURL
	FieldCaption
	FieldPinned      // a boolean cell: the post is pinned to the profile
	FieldSponsored   // a boolean cell: the post is paid (an ad, a paid partnership)
	FieldLikesHidden // a boolean cell: the creator hid the likes, so the like count is missing
	// What a post is made of, read where the export has it (issue 21; traits.go): blank cells
	// and absent columns leave it unknown.
	FieldOriginalSound // a boolean cell: the sound is the creator's own
	FieldSoundID       // the sound's id: posts with the same id share a sound
	FieldSoundName     // the sound's title, which with its author stands for the id when there is none
	FieldSoundAuthor   // who made the sound
	FieldSoundUses     // how many videos on TikTok use the sound ("1.2K videos")
	FieldDuration      // the video's length, seconds or m:ss
	FieldDuetOrStitch  // a boolean cell: the post is a duet or a stitch
	FieldWatchTime     // the average watch time, seconds or m:ss (TikTok Studio)
	FieldWatchedFull   // the share of views that watched the whole video, percent (TikTok Studio)
	numFields
)

var fieldNames = [numFields]string{
	"account", "followers", "views", "likes", "comments", "shares", "saves",
	"posted_at", "video_id", "url", "caption", "pinned", "sponsored", "likes_hidden",
	"original_sound", "sound_id", "sound_name", "sound_author", "sound_uses", "duration",
	"duet_or_stitch", "watch_time", "watched_full",
}

func (f Field) String() string { return fieldNames[f] }

// Fields lists every canonical field.
func Fields() []Field {
	fs := make([]Field, numFields)
	for i := range fs {
		fs[i] = Field(i)
	}
	return fs
}

// ParseField finds a canonical field by its name (as `--map FIELD=HEADER` writes it).
func ParseField(name string) (Field, bool) {
	n := foldHeader(name)
	for i, s := range fieldNames {
		if foldHeader(s) == n {
			return Field(i), true
		}
	}
	return 0, false
}

// required are the fields without which a row cannot be scored. The account may instead come
// from a URL holding /@handle/.
var required = []Field{FieldAccount, FieldViews, FieldLikes, FieldComments, FieldShares}

// defaultAliases are the headers each field is known by, English, Dutch and German, in order of
// preference: the generic preset, a superset of every named layout. Headers are compared after
// foldHeader.
var defaultAliases = map[Field][]string{
	FieldAccount:     {"account", "handle", "username", "creator", "author", "authorMeta.name", "unique_id", "uniqueId", "author.uniqueId", "author_unique_id", "gebruikersnaam", "user_name", "accountnaam", "benutzername", "konto", "ersteller"},
	FieldFollowers:   {"followers", "fans", "authorMeta.fans", "follower_count", "followerCount", "authorStats.followerCount", "author_followerCount", "user_nfollower", "volgers", "aantal volgers", "follower", "abonnenten"},
	FieldViews:       {"views", "plays", "play_count", "playCount", "video_views", "stats.playCount", "video_playCount", "vid_nview", "total_views", "weergaven", "videoweergaven", "aufrufe", "wiedergaben"},
	FieldLikes:       {"likes", "diggCount", "digg_count", "hearts", "stats.diggCount", "video_diggCount", "vid_nlike", "total_likes", "vind-ik-leuks", "vind ik leuks", "gefällt mir", "gefaellt mir"},
	FieldComments:    {"comments", "commentCount", "comment_count", "stats.commentCount", "video_commentCount", "vid_ncomment", "total_comments", "reacties", "opmerkingen", "kommentare"},
	FieldShares:      {"shares", "shareCount", "share_count", "stats.shareCount", "video_shareCount", "vid_nshare", "total_shares", "gedeeld", "keer gedeeld", "shares (gedeeld)", "geteilt", "teilen"},
	FieldSaves:       {"saves", "collectCount", "collect_count", "stats.collectCount", "video_collectCount", "favorites", "favorieten", "bookmarks", "vid_nsave", "Add to Favorites", "opgeslagen", "gespeichert", "favoriten"},
	FieldPostedAt:    {"posted_at", "date", "createTimeISO", "createTime", "create_time", "posted", "post_time", "vid_postTime", "datum", "geplaatst", "publicatiedatum", "gepostet", "veröffentlicht", "veroeffentlicht"},
	FieldVideoID:     {"video_id", "id", "aweme_id", "vid_id", "video-id"},
	FieldURL:         {"url", "webVideoUrl", "link", "video_url", "video_link", "vid_url", "videolink"},
	FieldCaption:     {"caption", "text", "desc", "description", "title", "video_title", "video_desc", "vid_caption", "beschrijving", "bijschrift", "omschrijving", "tekst", "onderschrift", "beschreibung", "bildunterschrift"},
	FieldPinned:      {"isPinned", "pinned", "is_pinned"},
	FieldSponsored:   {"isAd", "isSponsored", "is_ad", "sponsored", "paid_partnership", "branded_content", "Paid partnership", "video_isAd"},
	FieldLikesHidden: {"likesHidden", "likes_hidden", "hideLikes"},
	FieldOriginalSound: {"original_sound", "musicMeta.musicOriginal", "music.original", "music_originality", "music_original", "musicOriginal",
		"eigen geluid", "originalton"},
	FieldSoundID:     {"sound_id", "musicMeta.musicId", "music.id", "music_id", "musicId", "geluid id"},
	FieldSoundName:   {"sound_name", "musicMeta.musicName", "music.title", "music_title", "music_name", "musicName", "geluid", "muziek", "musik"},
	FieldSoundAuthor: {"sound_author", "musicMeta.musicAuthor", "music.authorName", "music_authorName", "music_author", "musicAuthor"},
	FieldSoundUses:   {"sound_uses", "music_nused", "music_uses", "musicMeta.musicUses", "music.videoCount"},
	FieldDuration: {"duration", "videoMeta.duration", "video.duration", "vid_duration", "video_duration", "video duration", "duur", "lengte",
		"videoduur", "dauer", "videolänge"},
	FieldDuetOrStitch: {"duet_or_stitch", "isDuet", "is_duet", "isStitch", "is_stitch"},
	FieldWatchTime: {"watch_time", "Average watch time", "avg_watch_time", "average_watch_time", "avgWatchTime", "Gemiddelde kijktijd",
		"durchschnittliche wiedergabezeit"},
	FieldWatchedFull: {"watched_full", "Watched full video", "completion_rate", "full_video_watched_rate", "finish_rate",
		"Volledige video bekeken", "video vollständig angesehen"},
}

// presets name whole export layouts. A preset's aliases are the only ones tried when it is
// chosen with --preset; without --preset each table is matched against them in presetOrder
// and the first that finds every required field names the layout (else generic).
var presets = map[string]map[Field][]string{
	"generic": defaultAliases,
	// Apify TikTok Scraper: flattened CSV/XLSX (authorMeta.name or authorMeta/name) and JSON
	// (nested objects flattened to the same dotted keys).
	"apify": {
		FieldAccount: {"authorMeta.name"}, FieldFollowers: {"authorMeta.fans"}, FieldViews: {"playCount"},
		FieldLikes: {"diggCount"}, FieldComments: {"commentCount"}, FieldShares: {"shareCount"},
		FieldSaves: {"collectCount"}, FieldPostedAt: {"createTimeISO", "createTime"}, FieldVideoID: {"id"},
		FieldURL: {"webVideoUrl"}, FieldCaption: {"text"}, FieldPinned: {"isPinned"}, FieldSponsored: {"isAd", "isSponsored"}, FieldLikesHidden: {"likesHidden"},
		FieldOriginalSound: {"musicMeta.musicOriginal"}, FieldSoundID: {"musicMeta.musicId"}, FieldSoundName: {"musicMeta.musicName"},
		FieldSoundAuthor: {"musicMeta.musicAuthor"}, FieldDuration: {"videoMeta.duration"},
	},
	// TikTok Studio's "Download data" Content.csv: the handle only in the video link, dates
	// without a year (see studio.go).
	"tiktok-studio": {
		FieldViews: {"Total views"}, FieldLikes: {"Total likes"}, FieldComments: {"Total comments"},
		FieldShares: {"Total shares"}, FieldPostedAt: {"Post time"}, FieldURL: {"Video link"},
		FieldCaption: {"Video title"}, FieldSaves: {"Add to Favorites"},
		FieldWatchTime: {"Average watch time"}, FieldWatchedFull: {"Watched full video"}, FieldDuration: {"Duration"},
	},
}

var presetOrder = []string{"tiktok-studio", "apify", "generic"}

// PresetNames lists the built-in layouts --preset accepts.
func PresetNames() []string { return []string{"apify", "generic", "tiktok-studio"} }

// presetNames lists every layout --preset accepts: the user's own, then the built-in ones.
func (o *Options) presetNames() []string {
	return append(slices.Sorted(maps.Keys(o.Presets)), PresetNames()...)
}

// foldHeader folds case, spaces, '_', '-', '.' and '/' so that `Play Count`, `play_count` and
// `playCount` meet.
func foldHeader(h string) string {
	var b strings.Builder
	b.Grow(len(h))
	for _, r := range strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) {
		switch r {
		case ' ', '_', '-', '.', '/', '\u00a0':
			continue
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	return b.String()
}

// Mapping says which column of a table holds each field; -1 where none does.
type Mapping [numFields]int

// Column is the column index of f, or -1.
func (m Mapping) Column(f Field) int { return m[f] }

// MissingFieldError is a required field that no header matched: it lists what was seen and
// what was tried, so the user can pass --map.
type MissingFieldError struct {
	File    string
	Fields  []Field
	Headers []string
	Tried   map[Field][]string
	Mapped  map[Field]string // the --map headers among Fields that are not in the table
}

func (e *MissingFieldError) Error() string { return e.File + ": " + lang.InEnglish(e.Msg()) }

// Msg says it in the report's words (ingest.file.no_column); the headers and aliases are as
// written.
func (e *MissingFieldError) Msg() lang.Msg {
	var names, tried []string
	for _, f := range e.Fields {
		names = append(names, f.String())
		tried = append(tried, fmt.Sprintf("%s: %s", f, strings.Join(e.Tried[f], ", ")))
	}
	seen := e.Headers
	more := ""
	if len(seen) > 40 {
		seen, more = seen[:40], fmt.Sprintf(" and %d more", len(e.Headers)-40)
	}
	seen = slices.Clone(seen)
	for i, h := range seen {
		seen[i] = clip(h)
	}
	var mapped lang.Msg // each --map header not here, the last first in the chain
	for _, f := range slices.Backward(e.Fields) {
		if h, ok := e.Mapped[f]; ok {
			mapped = lang.M("ingest.file.map_missing", lang.Text("field", f.String()), lang.Text("header", clip(h)), lang.Sub("rest", mapped))
		}
	}
	var and lang.Msg
	if more != "" {
		and = lang.M("ingest.file.headers_more", lang.Count("n", int64(len(e.Headers)-40)))
	}
	return lang.M("ingest.file.no_column", lang.Text("fields", strings.Join(names, ", ")), lang.Sub("mapped", mapped),
		lang.Text("seen", strings.Join(seen, ", ")), lang.Sub("more", and), lang.Text("tried", strings.Join(tried, "; ")))
}

// resolveLayout finds each field's column with the chosen preset, or the first preset that
// fits, and says which preset it was.
func resolveLayout(file string, header []string, opts *Options) (Mapping, string, error) {
	if opts.Preset != "" {
		m, err := resolveMapping(file, header, opts.aliasesFor(opts.Preset), opts.Map)
		return m, opts.Preset, err
	}
	for _, name := range append(slices.Sorted(maps.Keys(opts.Presets)), presetOrder...) {
		m, err := resolveMapping(file, header, opts.aliasesFor(name), opts.Map)
		if err == nil || name == "generic" {
			return m, name, err
		}
	}
	panic("unreachable")
}

// resolveMapping finds each field's column in header. Explicit maps (from --map) win over
// aliases; among aliases the earlier one wins.
func resolveMapping(file string, header []string, aliases map[Field][]string, explicit map[Field]string) (Mapping, error) {
	var m Mapping
	pos := make(map[string]int, len(header))
	for i, h := range header {
		k := foldHeader(h)
		if _, dup := pos[k]; !dup {
			pos[k] = i
		}
	}
	var missing []Field
	for f := range m {
		m[f] = -1
		if h, ok := explicit[Field(f)]; ok {
			if i, ok := pos[foldHeader(h)]; ok {
				m[f] = i
			} else {
				// A header --map names that is not here is an error for this table, not a
				// guess from the aliases (a misspelt --map must not pass unseen).
				missing = append(missing, Field(f))
			}
			continue
		}
		for _, a := range aliases[Field(f)] {
			if i, ok := pos[foldHeader(a)]; ok {
				m[f] = i
				break
			}
		}
	}
	for _, f := range required {
		if m[f] >= 0 || (f == FieldAccount && m[FieldURL] >= 0) || slices.Contains(missing, f) {
			continue
		}
		missing = append(missing, f)
	}
	if len(missing) > 0 {
		tried := map[Field][]string{}
		var mapped map[Field]string
		for _, f := range missing {
			tried[f] = aliases[f]
			if h, ok := explicit[f]; ok {
				tried[f] = append([]string{h + " (from --map)"}, aliases[f]...)
				if mapped == nil {
					mapped = map[Field]string{}
				}
				mapped[f] = h
			}
		}
		return m, &MissingFieldError{File: file, Fields: missing, Headers: header, Tried: tried, Mapped: mapped}
	}
	return m, nil
}

// Describe lists the column each field came from, for `vet validate` and the report.
func (m Mapping) Describe(header []string) []string {
	var out []string
	for f, i := range m {
		switch {
		case i >= 0 && i < len(header):
			out = append(out, fmt.Sprintf("%s ← %s", Field(f), header[i]))
		case Field(f) == FieldAccount && m[FieldURL] >= 0 && m[FieldURL] < len(header):
			out = append(out, fmt.Sprintf("%s ← /@handle/ in %s", Field(f), header[m[FieldURL]]))
		}
	}
	return out
}

// aliasesFor is a preset's aliases with vet.yaml's extra aliases tried first.
func (o *Options) aliasesFor(preset string) map[Field][]string {
	base, ok := o.Presets[preset]
	if !ok {
		base = presets[preset]
	}
	if len(o.Aliases) == 0 {
		return base
	}
	all := make(map[Field][]string, numFields)
	for f := range numFields {
		all[f] = append(append([]string(nil), o.Aliases[f]...), base[f]...)
	}
	return all
}
