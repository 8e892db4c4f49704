// located_in.host_sentence: in a sentence that opens by building a host area (建设西部(重庆)科学城,
// 建设金凤实验室…), the sites listed after it are located in it; not the items of the list the host
// opens (加快建设中蒙二连浩特—扎门乌德经济合作区、满洲里产业协作园区: two peers).
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void LocatedInHostSentence(SentenceContext& ctx) {
  const int32_t host_index = ctx.HostEntityOfSentence();
  if (host_index < 0) return;
  const auto& host = ctx.out.entities[host_index];
  uint32_t list_end = host.end;  // the end of the last item of the host's own list
  for (size_t k = host_index + 1; k < ctx.out.entities.size(); ++k) {
    const auto& site = ctx.out.entities[k];
    if (site.start == list_end + 1 && std::u32string_view(U"、和及").find(ctx.t[list_end]) != std::u32string_view::npos) {
      list_end = site.end;
      continue;
    }
    if (site.host || site.generic || site.start < host.end) continue;
    if (!ctx.lex.schema().Allows("located_in", site.type, host.type)) continue;
    ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::EntityRef(host_index),
                    "located_in", "located_in.host_sentence");
  }
}

}  // namespace policykg::extract::rules
