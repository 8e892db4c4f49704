// gazetteer.route_ends: a name that opens with the letters of a known route and one of its kinds
// (gazetteer/routes.json: 胶新铁路 is 胶州–新沂, 合新高铁 合肥–新沂, 西成铁路 西宁–成都) is named
// after the route's ends: the letters become one city blend hit of them (mentions say
// gazetteer.route_ends), read before gazetteer.city_letters would guess each letter, so the route
// involves its ends (involves.name_blend). Letters that already hold a region hit are left as they
// were read.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void GazetteerRouteEnds(SentenceContext& ctx) {
  const auto& lex = ctx.lex;
  if (lex.routes_by_letters.empty()) return;
  const auto& t = ctx.t;
  bool added = false;
  for (const auto& c : ctx.kept_candidates) {
    if (c.generic) continue;
    uint32_t p = c.start;
    if (p < c.end && IsOpenQuote(t[p])) ++p;
    const std::u32string_view name(t.data(), c.end);
    const lexicon::Trie::Match letters = lex.route_letters.LongestAt(name, p);
    if (letters.length == 0) continue;
    const uint32_t after = p + letters.length;
    // A place read over exactly the letters (渝西, a part of Chongqing, in 渝西高铁) gives way to
    // the route's ends; any other reading there stays.
    int32_t whole = -1;
    bool read = false;
    for (uint32_t q = p; q < after && !read; ++q) {
      const int32_t k = ctx.hit_at[q - ctx.s];
      if (k < 0) continue;
      const RegionHit& h = ctx.hits[k];
      if (h.start == p && h.end == after && !h.blend) {
        whole = k;
      } else {
        read = true;
      }
    }
    if (read) continue;
    // The route's kind follows the letters, or is the head the name borrows (凌绥、台黑4条高速).
    const std::u32string_view rest =
        after < c.end ? name.substr(after)
                      : std::u32string_view(t.data() + c.borrowed_head_start,
                                            c.borrowed_head_end - c.borrowed_head_start);
    for (const auto& route : lex.routes_by_letters[letters.value]) {
      if (std::none_of(route.endings.begin(), route.endings.end(),
                       [&](const std::u32string& ending) { return rest.starts_with(ending); }))
        continue;
      if (whole >= 0) {
        RegionHit& h = ctx.hits[whole];
        h.regions = route.ends;
        h.blend = h.city_tier = true;
        h.rule = "gazetteer.route_ends";
      } else {
        RegionHit hit{p, after, route.ends, true, true, 0};
        hit.rule = "gazetteer.route_ends";
        ctx.hits.push_back(std::move(hit));
      }
      added = true;
      break;
    }
  }
  if (added) ctx.IndexAddedHits();
}

}  // namespace policykg::extract::rules
