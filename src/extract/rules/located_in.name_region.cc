// located_in.name_region: a thing named after one place (兰州大学, 嘉峪关国家高新区,
// 国家数据基础设施(甘肃)区域功能节点, 北理工重庆创新中心) is located in it: in the last place its
// name gives, and in the earlier ones that contain that place (金华(义乌)中欧班列集结中心 → 金华,
// 义乌). Not for names of several joined places or blends (those involve them), nor when the
// sentence already places it in a host area (located_in.host_sentence).
#include <algorithm>

#include "extract/rules/name_regions.h"
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

namespace {

bool Contains(const lexicon::CompiledLexicon& lex, int32_t outer, int32_t inner) {
  std::vector<int32_t> frontier = lex.RegionParents(inner);
  for (size_t steps = 0; !frontier.empty() && steps < 64; ++steps) {
    int32_t p = frontier.back();
    frontier.pop_back();
    if (p == outer) return true;
    for (int32_t q : lex.RegionParents(p)) frontier.push_back(q);
  }
  return false;
}

}  // namespace

void LocatedInNameRegion(SentenceContext& ctx) {
  const auto& schema = ctx.lex.schema();
  for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
    const auto& ent = ctx.out.entities[k];
    if (ent.named_regions.empty() || !ent.involved_regions.empty() || ent.generic) continue;
    if (!schema.Allows("located_in", ent.type, "Region")) continue;
    if (!JoinedNameRegions(ctx.t, ent).empty()) continue;
    bool placed = false;
    for (size_t r = ctx.out.relations.size(); r-- > 0 && ctx.out.relations[r].start == ctx.s;) {
      const auto& rel = ctx.out.relations[r];
      if (rel.relation == "located_in" && rel.source == SentenceContext::EntityRef(k)) placed = true;
    }
    if (placed) continue;
    std::vector<int32_t> places;
    for (const auto& named : ent.named_regions) {
      if (!named.blend) places.push_back(named.region);
    }
    if (places.empty()) continue;
    const int32_t last = places.back();
    for (int32_t r : places) {
      if (r == last || Contains(ctx.lex, r, last))
        ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(r), "located_in",
                        "located_in.name_region");
    }
  }
}

}  // namespace policykg::extract::rules
