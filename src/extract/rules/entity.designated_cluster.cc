// entity.designated_cluster: the industries of a place given a cluster designation (a words.json
// cluster_designation_verbs word, 入选, 获评, 成为 …, before a phrase closed by a cluster_heads word,
// 集群) are Platforms named as written: 宁东现代煤化工、中卫精细化工入选国家产业集群; 洋浦石化新材料成为首个
// 千亿级先进制造业产业集群. An item opens with a region and names more than it (电子信息、生物医药入选… are
// sectors, 延安 alone is a place) and has no head of its own (哈尔滨航空集群 is entity.head's).
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

namespace {

constexpr uint32_t kMaxClusterDesignation = 24;  // characters between the verb and the cluster head's end
constexpr uint32_t kMaxClusterItem = 16;         // characters of one item

}  // namespace

void EntityDesignatedCluster(SentenceContext& ctx) {
  if (ctx.cluster_head_ends.empty()) return;
  const schema::EntityType* platform = ctx.lex.types.platform;
  if (platform == nullptr) return;
  const auto& t = ctx.t;
  const uint32_t s = ctx.s;
  uint32_t done = s;  // a verb is read once
  for (const uint32_t last : ctx.cluster_head_ends) {  // (where a cluster head may end, its last letter)
    const uint32_t head_end = last + 1;
    if (ctx.WordEndingAt(ctx.lex.cluster_heads_reversed, head_end, s) == 0 || !ctx.CanEndName(head_end, ctx.e)) continue;
    // The nearest designation verb before the head, in its clause.
    const uint32_t clause = ctx.ClauseStart(last);
    uint32_t verb_start = 0;
    for (uint32_t k = last; k > clause && last - k < kMaxClusterDesignation && verb_start == 0; --k) {
      if (const uint32_t verb = ctx.WordEndingAt(ctx.lex.cluster_designation_verbs_reversed, k, clause); verb > 0)
        verb_start = k - verb;
    }
    if (verb_start <= clause || verb_start < done) continue;
    done = head_end;
    // The items before the verb, right to left, each set off by 、 or 和.
    for (uint32_t item_end = verb_start; item_end > clause;) {
      uint32_t start = item_end;
      while (start > clause && t[start - 1] != U'、' && t[start - 1] != U'和' && !IsNameBreak(t[start - 1]) &&
             item_end - start <= kMaxClusterItem)
        --start;
      if (item_end - start > kMaxClusterItem) break;
      start = ctx.SkipLeadingBoundaryWords(start, item_end);
      const int32_t k = start < item_end ? ctx.hit_at[start - s] : -1;
      if (k >= 0 && ctx.hits[k].start == start && item_end >= ctx.hits[k].end + 2 && !ctx.ContainsHead(start, item_end))
        ctx.candidates.push_back(Candidate{start, item_end, item_end, &platform->name, "entity.designated_cluster"});
      const uint32_t before = start;
      if (before <= clause || (t[before - 1] != U'、' && t[before - 1] != U'和')) break;
      item_end = before - 1;
    }
  }
}

}  // namespace policykg::extract::rules
