// entity.shared_place: a place opening the first of two listed names is shared by the second when
// the second names a kind on its own: 大湾区国际科技创新中心、综合性国家科学中心 → 大湾区综合性国家
// 科学中心. Only for a class candidate right after 、, after a named one of the same type that
// opens with a place, when nothing counts or pluralizes the second, and for sites (platforms,
// institutions, labs, facilities) only. Games whose head is a companion (words.json
// companion_events: 冬残奥会, 亚残运会) listed right after games that open with their host share the
// host too: 北京冬奥会、冬残奥会 → 北京冬残奥会, 杭州第19届亚运会、第4届亚残运会.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {

// The place hit opening the named candidate of `type` that ends right before `start` (over one 、,
// 和 or 及), when it is one city-level or provincial region; -1 otherwise. (A country or world region
// says whose or for whom, not where: 中国—…园区、境外合作园区.)
int32_t PlaceOfPrevious(const SentenceContext& ctx, const std::vector<Candidate>& cands, size_t n, uint32_t start,
                        const std::string& type) {
  const auto previous = std::find_if(cands.begin(), cands.begin() + static_cast<ptrdiff_t>(n), [&](const Candidate& p) {
    return p.rule == "entity.head"sv && !p.generic && p.end + 1 == start && *p.type == type;
  });
  if (previous == cands.begin() + static_cast<ptrdiff_t>(n)) return -1;
  const int32_t hit = ctx.hit_at[previous->start - ctx.s];
  if (hit < 0 || ctx.hits[hit].start != previous->start || ctx.hits[hit].end > previous->head_start) return -1;
  const auto& regions = ctx.hits[hit].regions;
  if (regions.size() != 1 || ctx.lex.region(regions[0]).level == "country"sv ||
      ctx.lex.region(regions[0]).level == "world_region"sv)
    return -1;
  return hit;
}

// True when candidate `c` is companion games (words.json companion_events) written without a place,
// listed right after other games (`listed_from`: where its list item starts).
bool CompanionGames(const SentenceContext& ctx, const Candidate& c, uint32_t listed_from) {
  if (*c.type != "Event"sv || c.generic || ctx.HasRegionIn(c.start, c.end) || listed_from <= ctx.s + 1) return false;
  const char32_t before = ctx.t[listed_from - 1];
  if (before != U'、' && before != U'和' && before != U'及') return false;
  const std::u32string_view view(ctx.t.data(), c.end);
  for (uint32_t k = c.start; k + 1 < c.end; ++k) {
    if (ctx.lex.companion_events.LongestAt(view, k).length == c.end - k) return true;
  }
  return false;
}

}  // namespace

void EntitySharedPlace(SentenceContext& ctx) {
  const uint32_t s = ctx.s;
  std::vector<Candidate>& cands = ctx.candidates;
  const size_t n = cands.size();
  for (size_t k = 0; k < n; ++k) {
    Candidate& c = cands[k];
    if (c.rule != "entity.head"sv || c.start <= s + 1) continue;
    // (The list item may open with an edition: 第4届亚残运会.)
    if (const uint32_t listed_from = EditionStart(ctx.t, c.start, s); CompanionGames(ctx, c, listed_from)) {
      if (const int32_t hit = PlaceOfPrevious(ctx, cands, n, listed_from, *c.type); hit >= 0) {
        c.rule = "entity.shared_place";
        c.prefix_start = ctx.hits[hit].start;
        c.prefix_end = ctx.hits[hit].end;
      }
      continue;
    }
    if (!c.generic || ctx.t[c.start - 1] != U'、') continue;
    // Sites only: two events of a list are two (亚洲冬运会、十五运会 is no 亚洲十五运会).
    if (*c.type != "Platform"sv && *c.type != "Institution"sv && *c.type != "Lab"sv &&
        *c.type != "Facility"sv)
      continue;
    if (ctx.HasRegionIn(c.start, c.end) || ctx.IsCountedClass(c.start, c.end)) continue;
    if (c.head_start - c.start < 2) continue;  // (a head and one letter names nothing)
    const int32_t hit = PlaceOfPrevious(ctx, cands, n, c.start, *c.type);
    if (hit < 0) continue;
    c.generic = false;
    c.rule = "entity.shared_place";
    c.prefix_start = ctx.hits[hit].start;
    c.prefix_end = ctx.hits[hit].end;
  }
}

}  // namespace policykg::extract::rules
