// entity.quoted_region_name: a quoted name made of a short word and a region (“水运江苏”, “数字重庆”,
// “诚信福建”; one letter before the report's own region: “侨重庆”) is a programme the region runs, an
// Initiative, when the word is a theme (region_theme_words) or an initiative word
// (quoted_label_initiative_words), else a label the region promotes itself by, a Brand (“清新福建”,
// “新韵重庆”). Not when a cue follows the
// quote (“投资湖南”品牌: entity.quoted_cue types it) or the quote marks a longer name with a weak head
// (“信用湖南”一体化平台: entity.head's), nor for a count, a blend, a country (“科创中国”) or a 《》 title
// (a work).
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {
constexpr uint32_t kMaxPrefix = 4;  // characters before the region inside the quotes
}  // namespace

void EntityQuotedRegionName(SentenceContext& ctx) {
  if (ctx.open_quotes.empty()) return;  // every name here opens with “
  const auto& t = ctx.t;
  const schema::EntityType* initiative = ctx.lex.types.initiative;
  const schema::EntityType* brand = ctx.lex.types.brand;
  if (initiative == nullptr || brand == nullptr) return;
  std::u32string_view view(t.data(), ctx.e);
  for (const auto& h : ctx.hits) {
    // Between “ and ” only (a 《》 title is a work), after a word of two characters or more, and
    // not a country (“科创中国” is a national programme, not China's own).
    if (h.blend || h.end >= ctx.e || t[h.end] != U'”') continue;
    const std::string& level = ctx.lex.region(h.regions[0]).level;
    if (level == "country"sv || level == "world_region"sv) continue;
    uint32_t open = h.start;
    while (open > ctx.s && h.start - open <= kMaxPrefix && !IsOpenQuote(t[open - 1]) && !IsNameBreak(t[open - 1]) &&
           ctx.hit_at[open - 1 - ctx.s] < 0)
      --open;
    // One letter is enough before the report's own region (“侨重庆”).
    const bool own = h.regions[0] == ctx.out.document_region;
    if (h.start - open < (own ? 1u : 2u) || open <= ctx.s || t[open - 1] != U'“') continue;
    if (IsChineseNumeral(t[open])) continue;  // “两江四岸”-like counts
    // A cue right after the quote types the name itself (“投资湖南”品牌 → Brand).
    if (ctx.CueFollows(h.end + 1)) continue;
    if (ctx.RunsOnToWeakHead(h.end + 1)) continue;  // “信用湖南”一体化平台: the quote marks the platform's name
    // A theme word (words.json region_theme_words: 数字, 诚信, 水运 …) or an initiative word
    // (quoted_label_initiative_words: 兴, 回归 …) makes a programme; other words a label the region
    // promotes itself by (“清新福建”, “老家河南”, “新韵重庆”, “侨重庆”): a Brand.
    bool programme = ctx.lex.region_theme_words_reversed.LongestEndingAt(view.substr(0, h.start), h.start).length ==
                     h.start - open;
    for (uint32_t q = open; q < h.start && !programme; ++q)
      programme = ctx.lex.quoted_label_initiative_words.LongestAt(view, q).length > 0;
    Candidate c{open - 1, h.end + 1, h.end + 1, programme ? &initiative->name : &brand->name, "entity.quoted_region_name"};
    ctx.candidates.push_back(c);
  }
}

}  // namespace policykg::extract::rules
