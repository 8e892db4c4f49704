// entity.supply_route: a power or gas supply route between two provinces written by their letters
// alone (疆电入渝, 陇电入浙, 藏电送粤) is a Project when it stands as a whole item: the clause or a list
// item starts there and a list mark, a clause break, a build word or 和 follows it (疆电入渝、川渝特高压交流
// 工程结束…). The letters make it a blend of the two provinces (SentenceContext::AddNameBlends), so it
// involves them. A route before a head (陇电入浙工程) is entity.head's name.
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

namespace {

bool OpensItem(const SentenceContext& ctx, uint32_t k) {
  if (k == ctx.s) return true;
  const char32_t before = ctx.t[k - 1];
  uint32_t verb = 0;
  return IsClauseBreak(before) || before == U'、' || before == U'和' || ctx.BoundaryEndsAt(k, ctx.s, &verb);
}

bool ClosesItem(const SentenceContext& ctx, uint32_t end) {
  if (end >= ctx.e) return true;
  const char32_t after = ctx.t[end];
  return IsClauseBreak(after) || after == U'、' || after == U'和' || after == U'等' || ctx.BuildWordAt(end) > 0;
}

}  // namespace

void EntitySupplyRoute(SentenceContext& ctx) {
  if (ctx.supply_route_marks.empty()) return;  // (most sentences)
  const schema::EntityType* project = ctx.lex.types.project;
  if (project == nullptr) return;
  uint32_t next = ctx.s;                                // routes do not overlap
  for (const uint32_t mark : ctx.supply_route_marks) {  // 电 or 气, the route's second letter
    if (mark == ctx.s || mark - 1 < next) continue;
    const uint32_t k = mark - 1;
    if (!ctx.SupplyRouteAt(k) || !OpensItem(ctx, k) || !ClosesItem(ctx, k + 4)) continue;
    ctx.candidates.push_back(Candidate{k, k + 4, k + 4, &project->name, "entity.supply_route"});
    next = k + 4;
  }
}

}  // namespace policykg::extract::rules
