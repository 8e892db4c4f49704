// cooperates_with.report_region: 与R1、R2共建X / 深化与R1、R2对接合作 / 与R1、R2在…领域合作:
// the report's region (or the region right before 与) cooperates with each listed region; the
// thing built or run together that follows the cue in the clause is recorded on the edge as `via`.
// Regions that open a clause before a paired-assistance cue (五年来，天津、山东对口协作) each
// cooperate with the report's region.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

void CooperatesWithReportRegion(SentenceContext& ctx) {
  const auto& t = ctx.t;
  for (uint32_t cue : ctx.cooperation_cue_starts) {
    const uint32_t clause = ctx.ClauseStart(cue);
    if (const std::vector<const RegionHit*> helpers = ctx.PairedHelpersBefore(cue); !helpers.empty()) {
      // The report's region is referred to, unwritten, as the one they are paired with.
      ctx.out.regions.push_back({ctx.out.document_region, cue, cue + 2, "cooperates_with.report_region", false});
      for (const RegionHit* h : helpers) {
        ctx.AddRelation(SentenceContext::RegionRef(ctx.out.document_region), SentenceContext::RegionRef(h->regions[0]),
                        "cooperates_with", "cooperates_with.report_region", Ref{Ref::kEntity, -1});
      }
      continue;
    }
    // The regions listed before `end`, over a class noun after the last (words.json
    // partner_class_nouns: 黄河流域省份, 东北亚国家).
    auto list_ending_at = [&](uint32_t end) {
      std::vector<const RegionHit*> found = ctx.RegionListEndingAt(end);
      if (found.empty()) {
        const uint32_t noun = ctx.WordEndingAt(ctx.lex.partner_class_nouns_reversed, end, clause + 1);
        if (noun > 0) found = ctx.RegionListEndingAt(end - noun);
      }
      return found;
    };
    // The list ends at the cue, or up to kMaxField letters before it (对接合作, 经贸交流合作, 多领域合作),
    // or before 的 and a short modifier (与俄罗斯的经贸合作).
    constexpr uint32_t kMaxField = 4;
    std::vector<const RegionHit*> list;
    for (uint32_t back = 0; back <= 5 && cue - back > clause && list.empty(); ++back) {
      if (back > 0 && (IsNameBreak(t[cue - back]) || t[cue - back] == U'与')) break;
      if (back <= kMaxField || t[cue - back] == U'的') list = list_ending_at(cue - back);
    }
    // … or before 等 and a class of partners (与欧美日韩等国家和地区合作, 与中亚、东南亚等地区合作).
    for (uint32_t deng = cue; list.empty() && deng > clause + 1 && cue - deng <= 8; --deng) {
      if (IsNameBreak(t[deng - 1])) break;
      if (t[deng - 1] == U'等') list = list_ending_at(deng - 1);
    }
    // … or before 等 and a verb that sets the cooperation up, its object running on to the cue
    // (与印尼、泰国、老挝等建立政府、商协会和企业间常态化交流合作机制).
    constexpr uint32_t kMaxSetUp = 24;
    for (uint32_t deng = cue; list.empty() && deng > clause + 1 && cue - deng <= kMaxSetUp; --deng) {
      if (IsClauseBreak(t[deng - 1])) break;
      if (t[deng - 1] == U'等' &&
          ctx.lex.boundary_words.LongestAt(std::u32string_view(t.data(), cue), deng).length >= 2)
        list = list_ending_at(deng - 1);
    }
    // … or before a field set off by 在…领域 / 在…方面, up to kMaxField letters before the cue (与长三角、
    // 粤港澳大湾区在具身智能、低空经济等领域精准对接合作).
    constexpr uint32_t kMaxFieldPhrase = 30;
    for (uint32_t q = cue; list.empty() && q > clause + 3 && cue - q <= kMaxField + 2; --q) {
      if (IsNameBreak(t[q - 1])) break;
      const bool field = (t[q - 2] == U'领' && t[q - 1] == U'域') || (t[q - 2] == U'方' && t[q - 1] == U'面');
      if (!field) continue;
      for (uint32_t at = q - 2; at > clause + 1 && q - at <= kMaxFieldPhrase; --at) {
        if (IsClauseBreak(t[at - 1])) break;
        if (t[at - 1] == U'在') {
          list = list_ending_at(at - 1);
          break;
        }
      }
      break;
    }
    // … or a platform named after a region before the cue, up to 等 (与海南自由贸易港联动, 与海南自贸港等对接
    // 合作): the platform's region is the partner, and the platform what they work through.
    int32_t platform = -1;
    for (size_t k = ctx.first_entity; list.empty() && k < ctx.out.entities.size(); ++k) {
      const auto& ent = ctx.out.entities[k];
      if (ent.generic || ent.type != "Platform"sv || ent.start <= clause || ent.end > cue) continue;
      uint32_t gap_end = cue;
      if (gap_end > ent.end && t[ent.end] == U'等') gap_end = ent.end;
      if (gap_end - ent.end > kMaxField || (t[ent.start - 1] != U'与' && t[ent.start - 1] != U'同')) continue;
      const int32_t h = ctx.hit_at[ent.start - ctx.s];
      if (h < 0 || ctx.hits[h].start != ent.start || ctx.hits[h].blend || ctx.hits[h].regions.size() != 1 ||
          ctx.hits[h].end >= ent.end || ctx.hits[h].regions[0] == ctx.out.document_region)
        continue;
      // (Nor, for the report's region, one of its own places: 与成都高新区联动 in Sichuan's report; a place
      // before 与 may have one as partner: 和林格尔与乌兰察布片区.)
      if (ctx.out.document_region >= 0 && ctx.lex.IsWithin(ctx.hits[h].regions[0], ctx.out.document_region) &&
          ctx.RegionListEndingAt(ent.start - 1).empty())
        continue;
      list.push_back(&ctx.hits[h]);
      platform = static_cast<int32_t>(k);
    }
    if (list.empty()) continue;
    // A blend partner (与港澳台合作) cooperates unless it holds the report's own region (与川渝… in a
    // Sichuan report names the region itself).
    if (list.front()->blend &&
        std::find(list.front()->regions.begin(), list.front()->regions.end(), ctx.out.document_region) !=
            list.front()->regions.end())
      continue;
    const uint32_t first = list.front()->start;
    // 与, 同, 跟 or 对 opens the partners (扩大对东北亚开放合作).
    if (first <= clause || (t[first - 1] != U'与' && t[first - 1] != U'同' && t[first - 1] != U'跟' && t[first - 1] != U'对'))
      continue;
    // The subject: a region right before 与 (成都与重庆共建), else the report's region.
    Ref subject{Ref::kRegion, ctx.out.document_region};
    const char* rule = "cooperates_with.report_region";
    bool report_is_subject = true;
    uint32_t subject_start = first - 1;
    if (auto before = ctx.RegionListEndingAt(first - 1); !before.empty() && !before.back()->blend) {
      subject = SentenceContext::RegionRef(before.back()->regions[0]);
      rule = "cooperates_with.with";
      report_is_subject = false;
      subject_start = before.back()->start;
    } else {
      bool other_subject = false;  // another region earlier in the clause speaks for itself
      for (const auto& h : ctx.hits) {
        if (!h.inside_name && h.start >= clause && h.end < first - 1) other_subject = true;
      }
      if (other_subject || ctx.out.document_region < 0) continue;
    }
    // The thing the cue builds or runs: the first named entity after the cue in its clause.
    Ref via{Ref::kEntity, -1};
    for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
      const auto& ent = ctx.out.entities[k];
      if (ent.start < cue) continue;
      if (ctx.ClauseStart(ent.start) != clause || ent.start - cue > 12) break;
      if (!ent.generic) via = SentenceContext::EntityRef(k);
      break;
    }
    if (platform >= 0) via = SentenceContext::EntityRef(platform);
    // The report's region is referred to, unwritten, as the subject of 与: an implicit mention there.
    if (report_is_subject)
      ctx.out.regions.push_back({ctx.out.document_region, first - 1, first, rule, false});
    for (const RegionHit* h : list) {
      for (int32_t r : h->regions) {
        ctx.AddRelation(subject, SentenceContext::RegionRef(r), "cooperates_with", rule, via);
      }
    }
    // 深化我省与江苏、沈阳与北京、大连与上海对口合作: pairs listed before this one each cooperate too;
    // 我省 / 我市 / 我区 is the report's region.
    if (report_is_subject) continue;
    for (uint32_t pair_end = subject_start; pair_end > clause + 1 && t[pair_end - 1] == U'、';) {
      const std::vector<const RegionHit*> partner = ctx.RegionListEndingAt(pair_end - 1);
      if (partner.size() != 1 || partner.front()->start <= clause + 1 || t[partner.front()->start - 1] != U'与') break;
      const uint32_t with = partner.front()->start - 1;
      Ref pair_subject;
      const std::vector<const RegionHit*> own = ctx.RegionListEndingAt(with);
      if (!own.empty() && !own.back()->blend) {
        pair_subject = SentenceContext::RegionRef(own.back()->regions[0]);
        pair_end = own.back()->start;
      } else if (with >= clause + 2 && t[with - 2] == U'我' &&
                 U"省市区"sv.find(t[with - 1]) != std::u32string_view::npos &&
                 ctx.out.document_region >= 0) {
        pair_subject = SentenceContext::RegionRef(ctx.out.document_region);
        ctx.out.regions.push_back({ctx.out.document_region, with - 2, with, "cooperates_with.with", false});
        pair_end = with - 2;
      } else {
        break;
      }
      for (int32_t r : partner.front()->regions)
        ctx.AddRelation(pair_subject, SentenceContext::RegionRef(r), "cooperates_with", "cooperates_with.with", via);
    }
  }
}

}  // namespace policykg::extract::rules
