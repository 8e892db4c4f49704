// located_in.name_platform: a thing whose name opens with the whole name of an area the report named
// earlier or in the same sentence lies in that area: 自贸试验区哈尔滨片区保税物流中心 in
// 自贸试验区哈尔滨片区, 兰州新区综合保税区 in 兰州新区, 雄安新区中关村科技园 in 雄安新区. An area is a
// platform whose head holds sites (heads.json host: 新区, 示范区 …) or ends in 区 (片区, 工业区); the
// thing is one that lies somewhere (not a plan, programme, brand or event: 横琴粤澳深度合作区建设总体方案
// is about the zone), and not a phase or stage of the area itself (…试验区二期), nor an area of the
// same head. (Matching the area's words before its head as well, 临港 of 临港新片区, was tried: it also
// put 天府银龄行动 in 天府新区 and 青海湖国家公园 in 青海湖示范区.)
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {

// True when what follows the platform's name inside `name` (from `at`) makes a thing of its own: not
// a phase (二期), a stage word, or nothing.
bool NamesAThingAfter(const SentenceContext& ctx, const std::u32string& name, size_t at) {
  if (name.size() < at + 2) return false;
  if (IsChineseNumeral(name[at]) || IsDigit(name[at])) return false;  // (…二期, …2号)
  const std::u32string_view rest(name.data() + at, name.size() - at);
  return ctx.lex.build_suffixes.LongestAt(rest, 0).length != rest.size() &&
         ctx.lex.stage_suffixes.LongestAt(rest, 0).length != rest.size();
}

}  // namespace

void LocatedInNamePlatform(SentenceContext& ctx) {
  const auto& schema = ctx.lex.schema();
  const size_t first = ctx.first_entity, n = ctx.out.entities.size();
  // This sentence's platforms join the document's first, so that a zone named before its sites in the
  // same sentence holds them.
  for (size_t k = first; k < n; ++k) {
    const auto& ent = ctx.out.entities[k];
    if (ent.generic || ent.type != "Platform"sv || ent.name.size() < 3) continue;
    if (!ent.host && ent.name.back() != U'区') continue;
    if (std::none_of(ctx.platforms_seen.begin(), ctx.platforms_seen.end(),
                     [&](size_t j) { return ctx.out.entities[j].name == ent.name; }))
      ctx.platforms_seen.push_back(k);
  }
  if (ctx.platforms_seen.empty()) return;
  for (size_t k = first; k < n; ++k) {
    const auto& ent = ctx.out.entities[k];
    if (ent.generic || ent.type == "Plan"sv || ent.type == "Initiative"sv || ent.type == "Brand"sv ||
        ent.type == "Event"sv || !schema.Allows("located_in", ent.type, "Platform"))
      continue;
    const auto own_head = ctx.lex.heads_reversed.LongestEndingAt(ent.name, ent.name.size());
    size_t best = SIZE_MAX, best_length = 0;
    for (const size_t j : ctx.platforms_seen) {
      const auto& platform = ctx.out.entities[j];
      if (j == k || platform.name == ent.name) continue;
      const size_t length = ent.name.starts_with(platform.name) ? platform.name.size() : 0;
      if (length == 0 || length <= best_length || !NamesAThingAfter(ctx, ent.name, length)) continue;
      // (Not a zone of the same head: 临港新片区 does not lie in 临港新城.)
      const auto platform_head = ctx.lex.heads_reversed.LongestEndingAt(platform.name, platform.name.size());
      if (own_head.length > 0 && platform_head.length > 0 && own_head.value == platform_head.value) continue;
      best = j;
      best_length = length;
    }
    if (best != SIZE_MAX)
      ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::EntityRef(best), "located_in",
                      "located_in.name_platform");
  }
}

}  // namespace policykg::extract::rules
