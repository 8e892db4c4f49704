// located_in.name_region: a thing named after one place (兰州大学, 嘉峪关国家高新区,
// 国家数据基础设施(甘肃)区域功能节点, 北理工重庆创新中心) is located in it: in the innermost place its
// name gives (a division before a group; the last on a tie), and in the others that contain it
// (金华(义乌)中欧班列集结中心 → 义乌, 金华), also when the sentence places it in a host area as well
// (…自由贸易试验区黑河片区 → 黑河). Not for names of several joined places or blends (those involve
// them).
#include <algorithm>

#include "extract/rules/name_regions.h"
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void LocatedInNameRegion(SentenceContext& ctx) {
  const auto& schema = ctx.lex.schema();
  for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
    const auto& ent = ctx.out.entities[k];
    if (ent.named_regions.empty() || !ent.involved_regions.empty() || ent.generic) continue;
    if (!schema.Allows("located_in", ent.type, "Region")) continue;
    if (!JoinedNameRegions(ctx.lex, ctx.t, ent).empty()) continue;
    std::vector<int32_t> places;
    for (const auto& named : ent.named_regions) {
      if (!named.blend) places.push_back(named.region);
    }
    if (places.empty()) continue;
    // The innermost place: no other named place lies inside it, a division before a group
    // (广州南沙大湾区文化体育中心 → 南沙, then 广州 that contains it); the last one on a tie.
    int32_t last = -1;
    for (const bool groups : {false, true}) {
      for (int32_t r : places) {
        if ((ctx.lex.gazetteer.tier(r) == lexicon::RegionGazetteer::kGroup) != groups) continue;
        bool inner = true;
        for (int32_t q : places) inner = inner && (q == r || !ctx.lex.IsWithin(q, r));
        if (inner) last = r;
      }
      if (last >= 0) break;
    }
    for (int32_t r : places) {
      if (r == last || ctx.lex.IsWithin(last, r))
        ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(r), "located_in",
                        "located_in.name_region");
    }
  }
}

}  // namespace policykg::extract::rules
