// cooperates_with.blend: a blend (川渝, 万达开) in a clause that speaks of cooperation: its regions
// cooperate pairwise, unless it is the partner after 与 or 携手 (与港澳台合作), or listed among such partners
// (与京津冀、成渝等区域交流合作); so do the members of a group
// whose name blends them (苏锡常), and a blend inside a name that says the cooperation (浙川东西部协作;
// a blend's quoted label: 杭甬“双城记”, or right after it: 中印尼“两国双园”合作).
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

void CooperatesWithBlend(SentenceContext& ctx) {
  // A blend inside a name that says the cooperation (浙川东西部协作, 湘琼先进制造业共建产业园, 沪滇合作共建
  // 园区: a cooperation cue after the blend in the name): its regions cooperate, via the named thing.
  for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
    const EntityMention& ent = ctx.out.entities[k];
    if (ent.generic) continue;
    // A blend's quoted label (entity.blend_label) says it inside the label or right after it
    // (杭甬“双城记”, 中印尼“两国双园”合作谅解备忘录).
    const bool label = ent.rule == "entity.blend_label"sv;
    const uint32_t said_before = label ? ent.end + 1 : ent.end;
    for (const RegionHit& h : ctx.hits) {
      if (!h.blend || h.start < ent.start || h.end > ent.end) continue;
      // A blend of city letters says it only with 一体化 or 同城化 right after it (西咸一体化, 琴澳一体化:
      // the cities merge their services), not through a platform's name (万达开统筹发展示范区).
      if (h.city_tier && !label) {
        const std::u32string_view after(ctx.t.data() + h.end, ent.end - h.end);
        if (!after.starts_with(U"一体化"sv) && !after.starts_with(U"同城化"sv)) continue;
      }
      const bool said = std::any_of(ctx.cooperation_cue_starts.begin(), ctx.cooperation_cue_starts.end(),
                                    [&](uint32_t q) { return q >= h.end && q < said_before; });
      if (said) ctx.BlendCooperation(h, "cooperates_with.blend", SentenceContext::EntityRef(k));
    }
  }
  for (const RegionHit& h : ctx.hits) {
    if (h.inside_name || !h.blend) continue;
    // 与港澳台合作, 携手港澳: a partner blend after 与 or 携手 names the partners of the subject
    // (cooperates_with.report_region), not regions that work with each other; so does one listed
    // among such partners (与京津冀、长三角、成渝等区域交流合作: 成渝 is a partner area, not 成都 with 重庆).
    if (ctx.AfterPartnerMark(h.start)) continue;
    if (const auto listed = ctx.RegionListEndingAt(h.end); listed.size() > 1 && ctx.AfterPartnerMark(listed.front()->start))
      continue;
    if (ctx.clause_cooperative[ctx.ClauseOf(h.start)] ||
        ctx.clause_cooperative[ctx.ClauseOf(h.end)]) {
      ctx.BlendCooperation(h, "cooperates_with.blend");
    }
  }
  // A group named by blending its members (苏锡常, 长株潭: gazetteer.group_blend) works together the
  // same way: 推动苏锡常、宁镇扬、锡常泰等融合发展 → each group's cities pairwise.
  std::vector<int32_t> members;
  uint32_t group_start = 0, group_end = 0;
  // (Not a group named as a city cluster, 带动“襄十随神”城市群协同发展: a words.json cluster_nouns word
  // after it; the cluster develops as one, its members are part of it.)
  auto names_cluster = [&](uint32_t end) {
    if (end < ctx.e && IsCloseQuote(ctx.t[end])) ++end;
    return ctx.lex.cluster_nouns.LongestAt(std::u32string_view(ctx.t.data(), ctx.e), end).length > 0;
  };
  auto flush = [&] {
    if (members.size() >= 2 && !names_cluster(group_end) && (ctx.clause_cooperative[ctx.ClauseOf(group_start)] ||
                                ctx.clause_cooperative[ctx.ClauseOf(group_end)]))
      ctx.PairwiseCooperation(members, "cooperates_with.blend");
    members.clear();
  };
  // This sentence's mentions are the last ones (earlier sentences' come before them).
  size_t first = ctx.out.regions.size();
  while (first > 0 && ctx.out.regions[first - 1].start >= ctx.s) --first;
  for (size_t k = first; k < ctx.out.regions.size(); ++k) {
    const RegionMention& m = ctx.out.regions[k];
    if (m.end > ctx.e || m.inside_name || std::string_view(m.rule) != "gazetteer.group_blend"sv) continue;
    if (!members.empty() && (m.start != group_start || m.end != group_end)) flush();
    group_start = m.start, group_end = m.end;
    members.push_back(m.region);
  }
  flush();
}

}  // namespace policykg::extract::rules
