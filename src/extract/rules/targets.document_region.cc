// targets.document_region: the report's region targets each target stated in the sentence.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void TargetsDocumentRegion(SentenceContext& ctx) {
  if (ctx.out.document_region < 0) return;
  for (size_t k = ctx.first_target; k < ctx.out.targets.size(); ++k) {
    ctx.AddRelation(SentenceContext::RegionRef(ctx.out.document_region),
                    {Ref::kTarget, static_cast<int32_t>(k)}, "targets", "targets.document_region");
  }
}

}  // namespace policykg::extract::rules
