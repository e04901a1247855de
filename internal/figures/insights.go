package figures

import (
	"github.com/vet-tool/vet/internal/lang"
	"github.com/vet-tool/vet/internal/scoring"
)

// InsightDecimals are the decimals an insight's medians are shown with: a view ER's.
const InsightDecimals = 2

// traitArgs fill the thresholds a trait's words name (3 or more hashtags, 30 s or longer).
func traitArgs(cfg *scoring.Config, p *lang.Printer) []string {
	return []string{
		"hashtags", p.Int(cfg.ManyHashtags), "creators", p.Int(cfg.TrendHashtagCreators),
		"sound_creators", p.Int(cfg.TrendingSoundCreators), "uses", p.Count(int64(cfg.TrendingSoundUses)),
		"seconds", p.Exact(cfg.LongVideoSeconds), "min", p.Exact(cfg.CadenceMin), "max", p.Exact(cfg.CadenceMax),
	}
}

// TraitName is a trait's short name, as a column or a list names it: "Question",
// "3+ hashtags".
func TraitName(t scoring.Trait, cfg *scoring.Config, p *lang.Printer) string {
	return p.T("insight.name."+t.String(), traitArgs(cfg, p)...)
}

// TraitPosts is what the posts with a trait are, as a sentence starts with it: "Posts with a
// question".
func TraitPosts(t scoring.Trait, cfg *scoring.Config, p *lang.Printer) string {
	return p.T("insight.posts_with."+t.String(), traitArgs(cfg, p)...)
}

// TraitDefinition says how vet tells a trait, for the definitions.
func TraitDefinition(t scoring.Trait, cfg *scoring.Config, p *lang.Printer) string {
	return p.T("insight.def."+t.String(), traitArgs(cfg, p)...)
}

// InsightWords is an insight in one plain sentence, with the digits the sheet shows: "Posts
// with a question: median view ER 8.10% over 12 posts, against 5.20% over 30." and, when the
// difference is within the posts' own spread or too small to act on, a second sentence saying
// so.
func InsightWords(in scoring.Insight, cfg *scoring.Config, p *lang.Printer) string {
	return insightWords(in, cfg, p, "insight.within")
}

func insightWords(in scoring.Insight, cfg *scoring.Config, p *lang.Printer, within string) string {
	s := p.T("insight.sentence",
		"trait", TraitPosts(in.Trait, cfg, p),
		"with", p.Percent(in.With.Median.Value, InsightDecimals), "with_posts", p.PluralT(int64(in.With.Posts), "insight.posts"),
		"without", p.Percent(in.Without.Median.Value, InsightDecimals), "without_posts", p.PluralT(int64(in.Without.Posts), "insight.posts"))
	switch {
	case in.WithinSpread:
		s += " " + p.T(within)
	case in.Small:
		s += " " + SmallWords(cfg, p)
	}
	return s
}

// SmallWords says that two medians are too close to act on (scoring.Insight.Small).
func SmallWords(cfg *scoring.Config, p *lang.Printer) string {
	return p.T("insight.small", "share", p.Percent(cfg.InsightSmall*100, 0))
}

// BatchInsightWords is an insight over the whole batch, with the creators who do better with
// the trait.
func BatchInsightWords(b scoring.BatchInsight, cfg *scoring.Config, p *lang.Printer) string {
	s := insightWords(b.Insight, cfg, p, "insight.batch_within")
	if b.Creators > 0 {
		s += " " + p.PluralT(int64(b.Creators), "insight.creators", "higher", p.Int(b.Higher),
			"share", p.Percent(b.HigherShare().Value, 0))
	}
	return s
}

// TraitMeanings are each trait's short name and how vet tells it, for the definitions.
func TraitMeanings(cfg *scoring.Config, p *lang.Printer) [][2]string {
	var out [][2]string
	for _, t := range scoring.Traits() {
		out = append(out, [2]string{TraitName(t, cfg, p), TraitDefinition(t, cfg, p)})
	}
	return out
}
