// develops.report_region: the report's region develops the host area a sentence opens by building
// (高水平建设西部(重庆)科学城… in Chongqing's report).
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void DevelopsReportRegion(SentenceContext& ctx) {
  const int32_t host = ctx.HostEntityOfSentence();
  if (host < 0 || ctx.out.document_region < 0) return;
  if (!ctx.lex.schema().Allows("develops", "Region", ctx.out.entities[host].type)) return;
  ctx.AddRelation(SentenceContext::RegionRef(ctx.out.document_region),
                  SentenceContext::EntityRef(host), "develops", "develops.report_region");
}

}  // namespace policykg::extract::rules
