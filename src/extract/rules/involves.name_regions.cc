// involves.name_regions: a thing named after two or more places joined in its name (宁波舟山港,
// 南宁至贵港一级航道, 川南渝西融合发展试验区) involves each of them, and a route with one known end
// (太子城至锡林浩特铁路, and 川青铁路成都至黄胜关段 beside the blend) involves that end, and a
// place of another province written before the one it lies in is its partner
// (上海市第一人民医院酒泉医院 → 上海); an event named by places written together and a short head
// (新加坡山东周) involves each of them, and a project a foreign country inside its name (韩国晓星:
// the investor); the schema's domain of involves says which types count.
#include <algorithm>

#include "extract/rules/name_regions.h"
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

namespace {
constexpr uint32_t kMaxMeetingHead = 3;  // letters after the places: 周, 活动周, 日
}  // namespace

void InvolvesNameRegions(SentenceContext& ctx) {
  const auto& schema = ctx.lex.schema();
  for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
    const auto& ent = ctx.out.entities[k];
    if (ent.named_regions.empty() || !schema.Allows("involves", ent.type, "Region")) continue;
    // 韩国晓星, 万华科威特石化股权合作: a foreign country inside a project's name is a side of it.
    for (const auto& n : ent.named_regions) {
      if (IsForeignSide(ctx.lex, ent, n))
        ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(n.region),
                        "involves", "involves.name_regions");
    }
    const std::vector<int32_t> joined = JoinedNameRegions(ctx.lex, ctx.t, ent);
    for (int32_t r : joined) {
      ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(r), "involves",
                      "involves.name_regions");
    }
    if (!joined.empty()) continue;
    // 新加坡山东周, 港澳山东周: an event named by places written together and a short head (a week,
    // a day) is a meeting of them all: each involved (a blend's places through
    // involves.name_blend).
    if (ent.type == "Event" && ent.named_regions.size() >= 2 &&
        ent.named_regions.front().start == ent.start &&
        ent.end - ent.named_regions.back().end <= kMaxMeetingHead) {
      const auto& named = ent.named_regions;
      bool together = true;
      for (size_t i = 0; together && i + 1 < named.size(); ++i)
        together = named[i + 1].start == named[i].end ||
                   named[i + 1].start == named[i].start;  // (a blend's regions share a span)
      for (size_t i = 0; together && i < named.size(); ++i) {
        if (!named[i].blend)
          ctx.AddRelation(SentenceContext::EntityRef(k),
                          SentenceContext::RegionRef(named[i].region), "involves",
                          "involves.name_regions");
      }
      if (together) continue;
    }
    // 上海市第一人民医院酒泉医院, 重庆昌都完全中学: a place of another province written before the place
    // the thing lies in (the last one, located_in.name_region) is its partner, the province or city
    // that runs it there.
    const auto& named = ent.named_regions;
    const bool plain = named.size() >= 2 && std::none_of(named.begin(), named.end(), [&](const auto& n) {
      return n.blend || IsRouteEnd(ctx.t, ent, n);
    });
    for (size_t i = 0; plain && i + 1 < named.size(); ++i) {
      const int32_t partner = named[i].region, place = named.back().region;
      if (partner == place || ctx.lex.IsWithin(place, partner) || ctx.lex.IsWithin(partner, place) ||
          SameProvinceOrGroup(ctx.lex, partner, place))
        continue;
      ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(partner), "involves",
                      "involves.name_regions");
    }
    for (const auto& n : ent.named_regions) {
      // (A route its blend names involves the ends of a segment it names too: 川青铁路成都至黄胜关段.)
      const bool segment = std::find(ctx.t.begin() + n.end, ctx.t.begin() + ent.end, U'段') != ctx.t.begin() + ent.end;
      // (A route's end or a country a dash joins to a blend that follows it is one side of it:
      // 岚皋至陕渝界高速公路, 中国—亚欧博览会.)
      const bool before_blend =
          std::any_of(ent.named_regions.begin(), ent.named_regions.end(),
                      [&](const auto& b) { return b.blend && b.start == n.end + 1; });
      if (IsRouteEnd(ctx.t, ent, n) && (ent.involved_regions.empty() || segment || before_blend))
        ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(n.region), "involves",
                        "involves.name_regions");
    }
  }
}

}  // namespace policykg::extract::rules
