// entity.shared_place: a place opening the first of two listed names is shared by the second when
// the second names a kind on its own: 大湾区国际科技创新中心、综合性国家科学中心 → 大湾区综合性国家
// 科学中心. Only for a class candidate right after 、, after a named one of the same type that
// opens with a place, when nothing counts or pluralizes the second, and for sites (platforms,
// institutions, labs, facilities) only.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

void EntitySharedPlace(SentenceContext& ctx) {
  const uint32_t s = ctx.s;
  std::vector<Candidate>& cands = ctx.candidates;
  const size_t n = cands.size();
  for (size_t k = 0; k < n; ++k) {
    Candidate& c = cands[k];
    if (c.rule != "entity.head"sv || !c.generic || c.start <= s + 1 || ctx.t[c.start - 1] != U'、')
      continue;
    // Sites only: two events of a list are two (亚洲冬运会、十五运会 is no 亚洲十五运会).
    if (*c.type != "Platform"sv && *c.type != "Institution"sv && *c.type != "Lab"sv &&
        *c.type != "Facility"sv)
      continue;
    if (ctx.HasRegionIn(c.start, c.end) || ctx.IsCountedClass(c.start, c.end)) continue;
    if (c.head_start - c.start < 2) continue;  // (a head and one letter names nothing)
    const auto previous = std::find_if(cands.begin(), cands.begin() + static_cast<ptrdiff_t>(n),
                                       [&](const Candidate& p) {
                                         return p.rule == "entity.head"sv && !p.generic &&
                                                p.end + 1 == c.start && *p.type == *c.type;
                                       });
    if (previous == cands.begin() + static_cast<ptrdiff_t>(n)) continue;
    const int32_t hit = ctx.hit_at[previous->start - s];
    if (hit < 0 || ctx.hits[hit].start != previous->start ||
        ctx.hits[hit].end > previous->head_start)
      continue;
    // (a country or world region says whose or for whom, not where: 中国—…园区、境外合作园区)
    const auto& regions = ctx.hits[hit].regions;
    if (regions.size() != 1 || ctx.lex.region(regions[0]).level == "country"sv ||
        ctx.lex.region(regions[0]).level == "world_region"sv)
      continue;
    c.generic = false;
    c.rule = "entity.shared_place";
    c.prefix_start = ctx.hits[hit].start;
    c.prefix_end = ctx.hits[hit].end;
  }
}

}  // namespace policykg::extract::rules
