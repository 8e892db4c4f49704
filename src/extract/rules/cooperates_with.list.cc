// cooperates_with.list: single regions listed with 、/和/及 right before a cooperation cue
// (万州、开州、云阳同城化发展), or before a few generic words, a count of the places (双城, 三地) or an
// 在…方面 phrase and the cue,
// cooperate pairwise; not after 与/同/跟 (与四川、宁夏共建: partners of
// the subject, see cooperates_with.report_region).
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void CooperatesWithList(SentenceContext& ctx) {
  for (uint32_t pos : ctx.cooperation_cue_starts) {
    auto list = ctx.RegionListEndingAt(pos);
    // … or over a few generic words (关中、陕北、陕南产业协同) or an 在…方面/领域 phrase (推动关中、陕北、
    // 陕南在能源供给、水资源调配等方面协同增效).
    const bool aspect = pos >= ctx.s + 2 && ((ctx.t[pos - 2] == U'方' && ctx.t[pos - 1] == U'面') ||
                                             (ctx.t[pos - 2] == U'领' && ctx.t[pos - 1] == U'域'));
    const uint32_t clause = ctx.ClauseStart(pos);
    for (uint32_t q = pos; list.size() < 2 && q > clause + 1 && pos - q <= 32; --q) {
      if (IsClauseBreak(ctx.t[q - 1])) break;
      // (… or a count of the places themselves: 广州、深圳双城联动, 南昌、赣江新区、九江三地联席会议.)
      const bool place_count_gap = pos - q == 2 &&
                                   std::u32string_view(U"双两三四五六").find(ctx.t[q]) != std::u32string_view::npos &&
                                   std::u32string_view(U"城地市省区县").find(ctx.t[q + 1]) != std::u32string_view::npos;
      const bool generic_gap = (pos - q <= 4 && ctx.IsGenericModifier(q, pos)) || place_count_gap;
      const bool aspect_gap = aspect && ctx.t[q] == U'在';
      if (q < pos && !generic_gap && !aspect_gap) continue;
      if (auto before = ctx.RegionListEndingAt(q); before.size() >= 2) list = std::move(before);
    }
    bool separated =
        list.size() >= 2 && std::all_of(list.begin() + 1, list.end(), [&](const RegionHit* h) {
          return ctx.t[h->start - 1] == U'、' || ctx.t[h->start - 1] == U'和' ||
                 ctx.t[h->start - 1] == U'及';
        });
    // 与四川、宁夏共建: partners of a subject, not of each other (cooperates_with.report_region).
    const uint32_t first = separated ? list.front()->start : 0;
    if (separated && first > ctx.s && (ctx.t[first - 1] == U'与' || ctx.t[first - 1] == U'同' || ctx.t[first - 1] == U'跟'))
      continue;
    if (separated &&
        std::none_of(list.begin(), list.end(), [](const RegionHit* h) { return h->blend; })) {
      std::vector<int32_t> regions;
      for (const auto* h : list) regions.push_back(h->regions[0]);
      ctx.PairwiseCooperation(regions, "cooperates_with.list");
    }
  }
}

}  // namespace policykg::extract::rules
