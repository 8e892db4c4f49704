// located_in.host_sentence: in a sentence that opens by building a host area (建设西部(重庆)科学城,
// 建设金凤实验室…), the sites listed after it are located in it.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void LocatedInHostSentence(SentenceContext& ctx) {
  const int32_t host_index = ctx.HostEntityOfSentence();
  if (host_index < 0) return;
  const auto& host = ctx.out.entities[host_index];
  for (size_t k = host_index + 1; k < ctx.out.entities.size(); ++k) {
    const auto& site = ctx.out.entities[k];
    if (site.host || site.generic || site.start < host.end) continue;
    if (!ctx.lex.schema().Allows("located_in", site.type, host.type)) continue;
    ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::EntityRef(host_index),
                    "located_in", "located_in.host_sentence");
  }
}

}  // namespace policykg::extract::rules
