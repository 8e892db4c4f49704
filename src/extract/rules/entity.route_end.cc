// entity.route_end: the two ends of a route named "A至B" (黄桶至百色铁路, 小柴旦湖至老茫崖公路,
// G219线禾木(吉克普林)至喀纳斯, 川青铁路成都至黄胜关段) are places, whether the gazetteer knows
// them or not: it lists counties, not the towns and passes a road runs between. An end no region
// writes becomes a Region of its own, named as written (rule entity.route_end), and the route
// involves it (involves.route_end); ends the gazetteer writes are the region context's and
// involves.name_regions' (富裕 of 富裕至加格达奇铁路, 成都 of 成都至黄胜关段). Only a route
// between two places counts: each end is two to four letters, B stands right before a route word
// (words.json route_end_heads: 铁路, 公路, 段 …) or ends a name opened by a route code (G219线), A
// opens the name or follows a route code, a line's name or a bracket, and neither end is a site
// (words.json route_end_sites: 大道, 机场, 站 … — 羊山大道至母瑞山公路 names no place).
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {

constexpr uint32_t kMinEnd = 2, kMaxEnd = 4;

bool IsAsciiAlnum(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}

// One written end [start, end) of the route, or none (start == end).
struct End {
  uint32_t start = 0, end = 0;
};

// True when the letters before `pos` close what may stand before a route's first end: the name's
// start, a route code or number (G219线, 22号线), a bracket, or a route word (京沪高速新沂…).
bool FirstEndMayStartAt(const SentenceContext& ctx, uint32_t pos, uint32_t name_start) {
  if (pos == name_start) return true;
  const char32_t before = ctx.t[pos - 1];
  if (!IsCjk(before)) return true;
  return ctx.WordEndingAt(ctx.lex.route_end_heads_reversed, pos, name_start) > 0;
}

// The Han run of two to four letters ending at `end` that may open a route (see above).
End FirstEnd(const SentenceContext& ctx, uint32_t end, uint32_t name_start) {
  for (uint32_t len = kMinEnd; len <= kMaxEnd && end >= name_start + len; ++len) {
    const uint32_t start = end - len;
    if (!IsCjk(ctx.t[start])) break;
    if (FirstEndMayStartAt(ctx, start, name_start)) return {start, end};
  }
  return {};
}

// The Han run of two to four letters starting at `start` and followed by a route word, or ending
// the name when `may_end_name`.
End SecondEnd(const SentenceContext& ctx, uint32_t start, uint32_t name_end, bool may_end_name) {
  const std::u32string_view text(ctx.t.data(), name_end);
  for (uint32_t len = kMinEnd; len <= kMaxEnd && start + len <= name_end; ++len) {
    const uint32_t end = start + len;
    if (!IsCjk(ctx.t[end - 1])) break;
    if (end == name_end ? may_end_name : ctx.lex.route_end_heads.LongestAt(text, end).length > 0)
      return {start, end};
    // (… or by the numbers of the lines before the route word: 广州东至新塘五六线 → 新塘.)
    uint32_t numbered = end;
    while (numbered < name_end && IsChineseNumeral(ctx.t[numbered])) ++numbered;
    if (numbered > end && numbered < name_end && ctx.lex.route_end_heads.LongestAt(text, numbered).length > 0)
      return {start, end};
  }
  return {};
}

bool IsSite(const SentenceContext& ctx, End e) {
  return e.start == e.end || ctx.WordEndingAt(ctx.lex.route_end_sites_reversed, e.end, e.start) > 0;
}

// True when the gazetteer writes the end as some region's form: the region context reads it or
// leaves it (a collision, another province's name), and this rule adds nothing.
bool GazetteerWrites(const SentenceContext& ctx, End e) {
  return ctx.lex.gazetteer.forms.Find(
             std::u32string_view(ctx.t.data() + e.start, e.end - e.start)) >= 0;
}

}  // namespace

void EntityRouteEnd(SentenceContext& ctx) {
  const auto& schema = ctx.lex.schema();
  const size_t entity_end = ctx.out.entities.size();
  std::vector<End> places;
  for (size_t k = ctx.first_entity; k < entity_end; ++k) {
    const EntityMention& route = ctx.out.entities[k];
    if (route.generic || (route.type != "Project"sv && route.type != "Facility"sv) ||
        !schema.Allows("involves", route.type, "Region"))
      continue;
    const auto first = ctx.t.begin() + route.start, last = ctx.t.begin() + route.end;
    const auto joiner = std::find(first, last, U'至');
    if (joiner == last || std::find(joiner + 1, last, U'至') != last) continue;
    const uint32_t at = static_cast<uint32_t>(joiner - ctx.t.begin());
    // The first end, and the place a bracket after it names (禾木(吉克普林)至喀纳斯; the folded text
    // writes every bracket as ASCII).
    End a, bracketed;
    if (at > route.start && ctx.t[at - 1] == U')') {
      uint32_t open = at - 1;
      while (open > route.start && ctx.t[open] != U'(') --open;
      if (ctx.t[open] != U'(') continue;
      bracketed = FirstEnd(ctx, at - 1, open + 1);
      if (bracketed.start != open + 1) bracketed = {};
      a = FirstEnd(ctx, open, route.start);
    } else {
      a = FirstEnd(ctx, at, route.start);
    }
    // B may end the written name when a route code opens it (G219线…) or the list's shared head
    // that completes it is a route word (尖扎至贵德、小柴旦湖至老茫崖等公路).
    const uint32_t written = route.end - route.start;
    const bool shared_route_head =
        route.name.size() > written &&
        route.name.compare(0, written, ctx.t, route.start, written) == 0 &&
        ctx.lex.route_end_heads.LongestAt(route.name, written).length > 0;
    const bool opens_with_code = route.start + 1 < route.end && IsAsciiAlnum(ctx.t[route.start]);
    const End b = SecondEnd(ctx, at + 1, route.end, opens_with_code || shared_route_head);
    if (IsSite(ctx, a) || IsSite(ctx, b)) continue;
    places.clear();
    for (const End e : {a, bracketed, b}) {
      if (e.start == e.end || GazetteerWrites(ctx, e)) continue;
      // A place the name reads (北京 of 北京西至良乡) is another rule's.
      if (std::none_of(route.named_regions.begin(), route.named_regions.end(),
                       [&](const auto& n) { return n.start < e.end && e.start < n.end; }))
        places.push_back(e);
    }
    for (const End e : places) {  // (entities grow: `route` is not used past here)
      EntityMention place;
      place.type = "Region";
      place.name = ctx.NameWithoutQuotes(e.start, e.end);
      place.start = e.start;
      place.end = place.phrase_end = e.end;
      place.rule = "entity.route_end";
      ctx.out.entities.push_back(std::move(place));
      ctx.AddRelation(SentenceContext::EntityRef(k),
                      SentenceContext::EntityRef(ctx.out.entities.size() - 1), "involves",
                      "involves.route_end");
    }
  }
}

}  // namespace policykg::extract::rules
