// involves.joint_build: a thing partners build or run together (与四川、宁夏、青海共建黄河流域横向生态
// 补偿机制 in Gansu's report; 成都与重庆共建…) involves each of them: every cooperates_with of the
// sentence read after 与 (cooperates_with.report_region, .with) that names what it works through
// (`via`) makes that thing involve both ends. So does what the report's region builds or hosts with
// partners named after a partner verb (联合港澳承办十五运会和残特奥会: words.json partner_verbs, then
// develop_verbs): it involves the report's region and each partner.
#include <algorithm>

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
    // (Not a partner's own platform that stands for it: 与海南自由贸易港联动.)
    if (thing.start > ctx.s && thing.start < ctx.e && (ctx.t[thing.start - 1] == U'与' || ctx.t[thing.start - 1] == U'同')) {
      const int32_t h = ctx.hit_at[thing.start - ctx.s];
      if (h >= 0 && ctx.hits[h].start == thing.start && r.target.kind == Ref::kRegion &&
          std::find(ctx.hits[h].regions.begin(), ctx.hits[h].regions.end(), r.target.index) != ctx.hits[h].regions.end())
        continue;
    }
    for (const Ref& region : {r.source, r.target}) {
      if (region.kind == Ref::kRegion && region.index >= 0)
        ctx.AddRelation(r.via, region, "involves", "involves.joint_build");
    }
  }
  if (ctx.out.document_region < 0) return;
  const auto& t = ctx.t;
  const std::u32string_view view(t.data(), ctx.e);
  for (const RegionHit& h : ctx.hits) {
    if (h.inside_name) continue;
    const uint32_t verb = ctx.lex.develop_verbs.LongestAt(view, h.end).length;
    if (verb == 0) continue;
    const std::vector<const RegionHit*> partners = ctx.RegionListEndingAt(h.end);
    if (partners.empty()) continue;
    const uint32_t list_start = partners.front()->start;
    const uint32_t clause = ctx.ClauseStart(list_start);
    if (ctx.WordEndingAt(ctx.lex.partner_verbs_reversed, list_start, clause) == 0) continue;
    // The things built: the entity right after the verb and the items listed after it (和, 、).
    uint32_t next = h.end + verb;
    for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
      const EntityMention& thing = ctx.out.entities[k];
      if (thing.start < next) continue;
      if (thing.start > next || thing.generic) break;
      if (schema.Allows("involves", thing.type, "Region")) {
        ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(ctx.out.document_region), "involves",
                        "involves.joint_build");
        for (const RegionHit* partner : partners) {
          for (const int32_t r : partner->regions)
            ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(r), "involves", "involves.joint_build");
        }
      }
      if (thing.end >= ctx.e || (t[thing.end] != U'和' && t[thing.end] != U'、')) break;
      next = thing.end + 1;
    }
  }
}

}  // namespace policykg::extract::rules
