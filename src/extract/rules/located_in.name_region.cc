// located_in.name_region: a thing named after one place (兰州大学, 嘉峪关国家高新区,
// 国家数据基础设施(甘肃)区域功能节点, 北理工重庆创新中心) is located in it: in the innermost place its
// name gives (a division before a group; the last on a tie), and in the others that contain it
// (金华(义乌)中欧班列集结中心 → 义乌, 金华), also when the sentence places it in a host area as well
// (…自由贸易试验区黑河片区 → 黑河). Names of several joined places or blends involve them; of those,
// one is located in the place that opens it before the blend (宝坻京津中关村科技城 → 宝坻) or the one
// place after the blend (中非合作论坛北京峰会 → 北京), and a route's segment in its place
// (黔江至吉首高铁重庆段 → 重庆).
#include <algorithm>

#include "extract/rules/name_regions.h"
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

namespace {

using std::string_view_literals::operator""sv;

// True when an event or programme named after the place `n` takes place elsewhere: a place's week
// held at another place written before it (新加坡山东周, 港澳山东周: Shandong's week, not in Shandong),
// or a tour whose name ends at another destination (“龙江好物全球行”, “福建文化宝岛行”; 欧洲…企业重庆行
// is in 重庆).
bool HeldElsewhere(const SentenceContext& ctx, const EntityMention& ent, const EntityMention::NamedRegion& n) {
  if (ent.type != "Event"sv && ent.type != "Initiative"sv && ent.type != "Brand"sv) return false;
  const uint32_t end = ent.end > ent.start && IsCloseQuote(ctx.t[ent.end - 1]) ? ent.end - 1 : ent.end;
  if (end < ent.start + 4) return false;
  if (ctx.t[end - 1] == U'周') return n.end + 1 == end && n.start > ent.start;
  return ctx.t[end - 1] == U'行' && n.end + 1 < end;
}

}  // namespace

void LocatedInNameRegion(SentenceContext& ctx) {
  const auto& schema = ctx.lex.schema();
  for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
    const auto& ent = ctx.out.entities[k];
    if (ent.named_regions.empty() || ent.generic) continue;
    if (!schema.Allows("located_in", ent.type, "Region")) continue;
    if (!ent.involved_regions.empty() || !JoinedNameRegions(ctx.lex, ctx.t, ent).empty()) {
      // A name that involves several places may still say where it lies: a place that opens it before
      // a blend (宝坻京津中关村科技城 → 宝坻), or the place of a segment that ends it
      // (黔江至吉首高铁重庆段 → 重庆, 永自高速荣昌段 → 荣昌).
      const auto& named = ent.named_regions;
      const auto& first = named.front();
      // (Not a route's end, 岚皋至陕渝界高速公路, nor a country a dash joins to the blend, 中国—亚欧博览会:
      // the thing is of both.)
      if (!first.blend && first.start == ent.start && named.size() >= 2 && named[1].blend && named[1].start >= first.end &&
          !IsRouteEnd(ctx.t, ent, first))
        ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(first.region), "located_in",
                        "located_in.name_region");
      const auto& last = named.back();
      // … or the one division after the blend, where the joint thing meets (中非合作论坛北京峰会 → 北京,
      // 中新天津生态城 → 天津).
      if (!last.blend && named.size() >= 2 && named[named.size() - 2].blend && !HeldElsewhere(ctx, ent, last) &&
          ctx.lex.gazetteer.tier(last.region) != lexicon::RegionGazetteer::kGroup &&
          named[named.size() - 2].end <= last.start && !IsRouteEnd(ctx.t, ent, last) &&
          (last.start == 0 || !IsRouteJoiner(ctx.t[last.start - 1])) &&
          std::none_of(named.begin(), named.end() - 1, [&](const auto& n) { return n.region == last.region; }))
        ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(last.region), "located_in",
                        "located_in.name_region");
      // … or the host bracketed between two joined places (中国（河南）—东盟粮农合作发展大会 → 河南).
      for (size_t n = 1; n + 1 < named.size(); ++n) {
        const auto& host = named[n];
        if (!host.blend && host.start >= 1 && ctx.t[host.start - 1] == U'(' && host.end + 1 < ent.end &&
            ctx.t[host.end] == U')' && ctx.t[host.end + 1] == U'—' && named[n - 1].end + 1 == host.start)
          ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(host.region), "located_in",
                          "located_in.name_region");
      }
      uint32_t after = last.end;
      // … not the end of a route (龙胜至南宁段, 阿克苏至巴楚段).
      if (!last.blend && after < ent.end && ctx.t[after] == U'段' && last.start > ent.start &&
          !IsRouteJoiner(ctx.t[last.start - 1]))
        ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(last.region), "located_in",
                        "located_in.name_region");
      continue;
    }
    std::vector<int32_t> places;
    for (size_t n = 0; n < ent.named_regions.size(); ++n) {
      const auto& named = ent.named_regions[n];
      // One end of a route (太子城至锡林浩特铁路) is not where it lies: involves.name_regions.
      // (Nor a foreign country inside a project's name: its investor, involves.name_regions.)
      if (named.blend || IsRouteEnd(ctx.t, ent, named) || HeldElsewhere(ctx, ent, named) ||
          IsForeignSide(ctx.lex, ent, named))
        continue;
      // Of two places of different provinces written together, the one nearer the head is where the
      // thing lies, the other its partner (重庆昌都完全中学: a school Chongqing runs in 昌都).
      if (n + 1 < ent.named_regions.size() && ent.named_regions[n + 1].start == named.end &&
          !ent.named_regions[n + 1].blend && !IsRouteEnd(ctx.t, ent, ent.named_regions[n + 1]) &&
          !SameProvinceOrGroup(ctx.lex, ent.named_regions[n + 1].region, named.region))
        continue;
      places.push_back(named.region);
    }
    if (places.empty()) continue;
    // The innermost place: no other named place lies inside it, a division before a group
    // (广州南沙大湾区文化体育中心 → 南沙, then 广州 that contains it); the last one on a tie.
    int32_t last = -1;
    for (const bool groups : {false, true}) {
      for (int32_t r : places) {
        if ((ctx.lex.gazetteer.tier(r) == lexicon::RegionGazetteer::kGroup) != groups) continue;
        bool inner = true;
        for (int32_t q : places) inner = inner && (q == r || !ctx.lex.IsWithin(q, r));
        if (inner) last = r;
      }
      if (last >= 0) break;
    }
    for (int32_t r : places) {
      if (r == last || ctx.lex.IsWithin(last, r))
        ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(r), "located_in",
                        "located_in.name_region");
    }
  }
}

}  // namespace policykg::extract::rules
