#include <algorithm>

#include "extract/rules/rules.h"
#include "text/normalize.h"

namespace policykg::extract::rules {

using lexicon::Trie;

// entity.shared_head: 金凤、嘉陵江、明月湖实验室 — bare items before a headed name share its head.
void EntitySharedHead(SentenceContext& ctx) {
  const uint32_t s = ctx.s;
  std::vector<Candidate>& extra = ctx.shared_candidates;
  std::vector<Candidate>& cands = ctx.candidates;
  extra.clear();
  for (const auto& c : cands) {
    if (c.rule != "entity.head" || c.generic || c.start <= s || ctx.t[c.start - 1] != U'、')
      continue;
    uint32_t modifier = c.head_start - c.start;
    if (modifier > kMaxSharedHeadItem) continue;
    uint32_t item_end = c.start - 1;
    while (item_end > s) {
      uint32_t item_start = item_end;
      while (item_start > s && ctx.t[item_start - 1] != U'、' &&
             !IsNameBreak(ctx.t[item_start - 1])) {
        uint32_t len = 0;
        if (ctx.BoundaryEndsAt(item_start, s, &len)) break;
        --item_start;
      }
      uint32_t len = item_end - item_start;
      bool bare = len >= 2 && len <= modifier && len <= kMaxSharedHeadItem &&
                  !ctx.ContainsHead(item_start, item_end) &&
                  !ctx.IsWholeRegion(item_start, item_end) &&
                  !ctx.IsGenericModifier(item_start, item_end);
      if (!bare) break;
      Candidate shared = c;
      shared.start = item_start;
      shared.end = item_end;
      shared.head_start = item_end;
      shared.rule = "entity.shared_head";
      shared.borrowed_head_start = c.head_start;
      shared.borrowed_head_end = c.end;
      extra.push_back(shared);
      if (item_start > s && ctx.t[item_start - 1] == U'、') {
        item_end = item_start - 1;
      } else {
        break;
      }
    }
  }
  cands.insert(cands.end(), extra.begin(), extra.end());
}

}  // namespace policykg::extract::rules
