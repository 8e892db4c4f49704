// cooperates_with.list: single regions listed with 、/和/及 right before a cooperation cue
// (万州、开州、云阳同城化发展), or before a few generic words, a count of the places (双城, 三地),
// 等 and their class (等市) or an 在…方面 phrase and the cue, cooperate pairwise; not after
// 与/同/跟/携手 (与四川、宁夏共建: partners of the subject, see cooperates_with.report_region).
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

namespace {

// The number a count of places opens with, two to six (双 → 2, 三 → 3), or 0.
uint32_t PlaceCountValue(char32_t c) {
  const int value = c == U'双' ? 2 : ChineseNumeralValue(c);
  return value >= 2 && value <= 6 ? static_cast<uint32_t>(value) : 0;
}

// 南昌、赣江新区、九江三地联席会议: the items listed with 、 right before a count of places at
// `count`, each a region or a platform named there, when there are as many as the count says; the
// regions among them, or nothing.
std::vector<const RegionHit*> CountedPlacesEndingAt(const SentenceContext& ctx, uint32_t count,
                                                    uint32_t clause) {
  std::vector<const RegionHit*> regions;
  const uint32_t expected = PlaceCountValue(ctx.t[count]);
  uint32_t items = 0, end = count;
  while (end > clause) {
    const int32_t k = ctx.hit_ending[end - ctx.s];
    uint32_t start = end;
    if (k >= 0 && !ctx.hits[k].inside_name && !ctx.hits[k].blend) {
      regions.push_back(&ctx.hits[k]);
      start = ctx.hits[k].start;
    } else {
      for (const Candidate& c : ctx.candidates) {
        if (c.end == end && !c.generic && *c.type == "Platform" && c.start >= clause)
          start = std::min(start, c.start);
      }
      if (start == end) return {};
    }
    ++items;
    if (start <= clause || ctx.t[start - 1] != U'、') break;
    end = start - 1;
  }
  if (items != expected || regions.size() < 2) return {};
  std::reverse(regions.begin(), regions.end());
  return regions;
}

}  // namespace

void CooperatesWithList(SentenceContext& ctx) {
  for (uint32_t pos : ctx.cooperation_cue_starts) {
    auto list = ctx.RegionListEndingAt(pos);
    // … or over a few generic words (关中、陕北、陕南产业协同) or an 在…方面/领域 phrase
    // (推动关中、陕北、 陕南在能源供给、水资源调配等方面协同增效).
    const bool aspect = pos >= ctx.s + 2 && ((ctx.t[pos - 2] == U'方' && ctx.t[pos - 1] == U'面') ||
                                             (ctx.t[pos - 2] == U'领' && ctx.t[pos - 1] == U'域'));
    const uint32_t clause = ctx.ClauseStart(pos);
    for (uint32_t q = pos; list.size() < 2 && q > clause + 1 && pos - q <= 32; --q) {
      if (IsClauseBreak(ctx.t[q - 1])) break;
      // (… or a count of the places themselves: 广州、深圳双城联动,
      // 南昌、赣江新区、九江三地联席会议.)
      const bool place_count_gap =
          pos - q == 2 && PlaceCountValue(ctx.t[q]) > 0 &&
          std::u32string_view(U"城地市省区县").find(ctx.t[q + 1]) != std::u32string_view::npos;
      // (… or 等 and a class of the places, then a word of two letters or a few generic ones:
      // 黄山、池州、安庆、宣城等市全域联动.)
      uint32_t class_end = q + 2;
      if (class_end < pos && ctx.t[q + 1] == U'城' && ctx.t[class_end] == U'市') ++class_end;
      const bool place_class_gap =
          q + 2 <= pos && ctx.t[q] == U'等' &&
          std::u32string_view(U"城地市省区县").find(ctx.t[q + 1]) != std::u32string_view::npos &&
          (pos - class_end <= 2 || (pos - class_end <= 4 && ctx.IsGenericModifier(class_end, pos)));
      const bool plain_gap = (pos - q <= 4 && ctx.IsGenericModifier(q, pos)) || place_count_gap;
      const bool generic_gap = plain_gap || place_class_gap;
      const bool aspect_gap = aspect && ctx.t[q] == U'在';
      if (q < pos && !generic_gap && !aspect_gap) continue;
      // (A class after 等 closes only a list that opens the clause: after a verb,
      // 带动黄石、鄂州…等地协同联动, the places are led, not partners of each other.)
      if (auto before = ctx.RegionListEndingAt(q);
          before.size() >= 2 && (plain_gap || !place_class_gap || before.front()->start == clause))
        list = std::move(before);
      // (… with a platform among the counted places: 南昌、赣江新区、九江三地.)
      if (place_count_gap && list.size() < 2) list = CountedPlacesEndingAt(ctx, q, clause);
    }
    bool separated =
        list.size() >= 2 && std::all_of(list.begin() + 1, list.end(), [&](const RegionHit* h) {
          return ctx.t[h->start - 1] == U'、' || ctx.t[h->start - 1] == U'和' ||
                 ctx.t[h->start - 1] == U'及';
        });
    // 与四川、宁夏共建: partners of a subject, not of each other (cooperates_with.report_region).
    const uint32_t first = separated ? list.front()->start : 0;
    if (separated && ctx.AfterPartnerMark(first)) continue;
    // 天津、山东对口协作: helpers of the report's region, paired with it
    // (cooperates_with.report_region).
    if (separated && !ctx.PairedHelpersBefore(pos).empty()) continue;
    if (separated &&
        std::none_of(list.begin(), list.end(), [](const RegionHit* h) { return h->blend; })) {
      std::vector<int32_t> regions;
      for (const auto* h : list) regions.push_back(h->regions[0]);
      ctx.PairwiseCooperation(regions, "cooperates_with.list");
    }
  }
}

}  // namespace policykg::extract::rules
