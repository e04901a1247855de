package scoring

import (
	"fmt"
	"strings"

	"github.com/vet-tool/vet/internal/lang"
)

// Verdict is what vet says of an account.
type Verdict int

// Verdicts, best first: the order accounts are ranked in.
const (
	Pass Verdict = iota
	Review
	Fail
	Unrated
)

var verdictNames = [...]string{"PASS", "REVIEW", "FAIL", "UNRATED"}

func (v Verdict) String() string { return verdictNames[v] }

// Verdicts lists every verdict in rank order.
func Verdicts() []Verdict { return []Verdict{Pass, Review, Fail, Unrated} }

// MarshalText writes the verdict's name (PASS, REVIEW, FAIL, UNRATED).
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads a verdict's name.
func (v *Verdict) UnmarshalText(b []byte) error {
	for i, n := range verdictNames {
		if n == string(b) {
			*v = Verdict(i)
			return nil
		}
	}
	return fmt.Errorf("unknown verdict %q", b)
}

// Grade places an account's ratio to its tier benchmark.
type Grade string

// The grades SPEC §3 names.
const (
	Above    Grade = "above"
	Below    Grade = "below"
	FarBelow Grade = "far below"
	NoGrade  Grade = ""
)

// Signal is one reason for doubt, with the numbers that raised it.
type Signal struct {
	Code    string   `json:"code"`
	Verdict Verdict  `json:"verdict"` // the verdict this signal calls for
	Detail  lang.Msg `json:"-"`       // the numbers, in words: "ratio 0.20 < 0.5"
	Plain   lang.Msg `json:"-"`       // what it shows, for a client: "median views are 2% of its 80,000 followers (under 5%)"
	Value   float64  `json:"value"`   // the measured number, in the unit of Limit
	Limit   float64  `json:"limit"`   // the threshold it crossed
}

// The signal codes, in the order they are checked and listed.
const (
	FarBelowTier     = "far_below_tier"
	GhostFollowers   = "ghost_followers"
	LikeCommentRatio = "like_comment_ratio"
	EngagementSpikes = "engagement_spikes"
	ImplausiblyHigh  = "implausibly_high"
	Erratic          = "erratic"
	TooSteady        = "too_steady"
	ImpossibleCounts = "impossible_counts"
	Inactive         = "inactive"
	FollowerJump     = "follower_jump"
	FollowerDrop     = "follower_drop"
	InsufficientData = "insufficient_data"

	SponsoredUnderperform = "sponsored_underperform" // paid posts do worse than the others (issue 12)
	EngagementDecline     = "engagement_decline"     // a sustained fall across the history's snapshots (issue 14)
	LowReach              = "low_reach"              // far below the tier on follower ER, at or above the platform on view ER (issue 19)
)

// codes are every signal code, in the order they are checked and listed.
var codes = []string{FarBelowTier, LowReach, GhostFollowers, LikeCommentRatio, EngagementSpikes, ImplausiblyHigh, Erratic, TooSteady,
	ImpossibleCounts, Inactive, FollowerJump, FollowerDrop, SponsoredUnderperform, EngagementDecline, InsufficientData}

var signalNames = map[string]string{
	FarBelowTier:          "far below its tier",
	LowReach:              "low reach",
	GhostFollowers:        "ghost followers",
	LikeCommentRatio:      "likes per comment",
	EngagementSpikes:      "engagement spikes",
	ImplausiblyHigh:       "implausibly high",
	Erratic:               "erratic",
	TooSteady:             "too steady",
	ImpossibleCounts:      "impossible counts",
	Inactive:              "inactive",
	FollowerJump:          "follower jump",
	FollowerDrop:          "follower drop",
	InsufficientData:      "insufficient data",
	SponsoredUnderperform: "sponsored posts underperform",
	EngagementDecline:     "engagement decline",
}

// SignalName is a signal code in plain words, for clients: "ghost followers" for
// ghost_followers. A code it does not know comes back with its underscores as spaces.
func SignalName(code string) string {
	if n, ok := signalNames[code]; ok {
		return n
	}
	return strings.ReplaceAll(code, "_", " ")
}
