// located_in.name_platform: a thing whose name opens with the whole name of an area the report named
// earlier or in the same sentence lies in that area: 自贸试验区哈尔滨片区保税物流中心 in
// 自贸试验区哈尔滨片区, 兰州新区综合保税区 in 兰州新区, 雄安新区中关村科技园 in 雄安新区. An area is a
// platform whose head holds sites (heads.json host: 新区, 示范区 …) or ends in 区 (片区, 工业区); the
// thing is one that lies somewhere (not a plan, programme, brand or event: 横琴粤澳深度合作区建设总体方案
// is about the zone), and not a phase or stage of the area itself (…试验区二期), nor an area of the
// same head. (Matching the area's words before its head as well, 临港 of 临港新片区, was tried: it also
// put 天府银龄行动 in 天府新区 and 青海湖国家公园 in 青海湖示范区.)
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
  // This sentence's areas join the document's first, so that a zone named before its sites in the same
  // sentence holds them (a name seen before keeps its first entity).
  for (size_t k = first; k < n; ++k) {
    const auto& ent = ctx.out.entities[k];
    if (ent.generic || ent.name.size() < 3 || (!ent.host && ent.name.back() != U'区') || ent.type != "Platform"sv)
      continue;
    ctx.platforms_seen.Add(ent.name, static_cast<int32_t>(k));
  }
  if (ctx.platforms_seen.empty()) return;
  for (size_t k = first; k < n; ++k) {
    const auto& ent = ctx.out.entities[k];
    if (ent.generic || !ctx.platforms_seen.MayMatchAt(ent.name, 0)) continue;  // (the cheap test first)
    // The longest area whose whole name opens this one and leaves a thing of its own after it.
    int32_t best = -1;
    ctx.platforms_seen.ForEachAt(ent.name, 0, [&](uint32_t length, int32_t j) {
      if (length < ent.name.size() && static_cast<size_t>(j) != k && NamesAThingAfter(ctx, ent.name, length)) best = j;
    });
    if (best < 0 || ent.type == "Plan"sv || ent.type == "Initiative"sv || ent.type == "Brand"sv ||
        ent.type == "Event"sv || !schema.Allows("located_in", ent.type, "Platform"))
      continue;
    // (Not an area of the same head: one zone does not lie in another of its kind.)
    const auto& platform = ctx.out.entities[best];
    const auto own_head = ctx.lex.heads_reversed.LongestEndingAt(ent.name, ent.name.size());
    const auto platform_head = ctx.lex.heads_reversed.LongestEndingAt(platform.name, platform.name.size());
    if (own_head.length > 0 && platform_head.length > 0 && own_head.value == platform_head.value) continue;
    ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::EntityRef(static_cast<size_t>(best)), "located_in",
                    "located_in.name_platform");
  }
}

}  // namespace policykg::extract::rules
