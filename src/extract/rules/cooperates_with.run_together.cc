// cooperates_with.run_together: names written together without a separator (垫江梁平) in a
// cooperative clause cooperate pairwise.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void CooperatesWithRunTogether(SentenceContext& ctx) {
  const auto& hits = ctx.hits;
  for (size_t k = 0; k < hits.size(); ++k) {
    const RegionHit& h = hits[k];
    if (h.inside_name || h.blend) continue;
    if (!ctx.clause_cooperative[ctx.ClauseOf(h.start)] &&
        !ctx.clause_cooperative[ctx.ClauseOf(h.end)])
      continue;
    if (k > 0 && hits[k - 1].end == h.start && !hits[k - 1].inside_name)
      continue;  // not the run's first
    std::vector<int32_t> run{h.regions[0]};
    for (size_t m = k + 1; m < hits.size() && hits[m].start == hits[m - 1].end && !hits[m].blend &&
                           !hits[m].inside_name;
         ++m) {
      run.push_back(hits[m].regions[0]);
    }
    if (run.size() >= 2) ctx.PairwiseCooperation(run, "cooperates_with.run_together");
  }
}

}  // namespace policykg::extract::rules
