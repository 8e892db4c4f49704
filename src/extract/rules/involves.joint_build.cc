// involves.joint_build: a thing partners build or run together (与四川、宁夏、青海共建黄河流域横向生态
// 补偿机制 in Gansu's report; 成都与重庆共建…) involves each of them: every cooperates_with of the
// sentence read after 与 (cooperates_with.report_region, .with) that names what it works through
// (`via`) makes that thing involve both ends.
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void InvolvesJointBuild(SentenceContext& ctx) {
  const auto& schema = ctx.lex.schema();
  // This sentence's relations are the last ones written.
  size_t first = ctx.out.relations.size();
  while (first > 0 && ctx.out.relations[first - 1].start == ctx.s) --first;
  const size_t end = ctx.out.relations.size();
  for (size_t i = first; i < end; ++i) {
    const RelationMention r = ctx.out.relations[i];  // (a copy: AddRelation grows the vector)
    // (Partners after 与 only: a blend in the thing's own name, 万达开川渝统筹发展示范区, is read by
    // involves.name_blend, which prefers its cities to its provinces.)
    if (r.relation != "cooperates_with" || r.via.index < 0 ||
        (r.rule != "cooperates_with.report_region" && r.rule != "cooperates_with.with"))
      continue;
    const EntityMention& thing = ctx.out.entities[r.via.index];
    if (!schema.Allows("involves", thing.type, "Region")) continue;
    for (const Ref& region : {r.source, r.target}) {
      if (region.kind == Ref::kRegion && region.index >= 0)
        ctx.AddRelation(r.via, region, "involves", "involves.joint_build");
    }
  }
}

}  // namespace policykg::extract::rules
