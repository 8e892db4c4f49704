// Helpers for the rules that read the regions named inside an entity's name
// (involves.name_regions, located_in.name_region).
#pragma once

#include <vector>

#include "extract/context.h"

namespace policykg::extract::rules {

// 至, 到 and dashes join the two ends of a route (白山至临江, 中国—中亚).
inline bool IsRouteJoiner(char32_t c) { return c == U'至' || c == U'到' || c == U'—' || c == U'-'; }

// True when both regions lie in one province-level region, or either is no division (a group:
// 川南渝西融合发展试验区 joins two provinces' parts) or lies in none (a country).
inline bool SameProvinceOrGroup(const lexicon::CompiledLexicon& lex, int32_t a, int32_t b) {
  if (lex.region(a).code.empty() || lex.region(b).code.empty()) return true;
  const int32_t pa = lex.gazetteer.province(a), pb = lex.gazetteer.province(b);
  return pa < 0 || pb < 0 || pa == pb;
}

// True when the named place `n` is a foreign country inside a project's name: the investor or
// partner side of it (韩国晓星, 万华科威特石化股权合作: foreign-invested works in the report's
// region), involved, not where it lies.
inline bool IsForeignSide(const lexicon::CompiledLexicon& lex, const EntityMention& ent,
                          const EntityMention::NamedRegion& n) {
  using std::string_view_literals::operator""sv;
  if (n.blend || ent.type != "Project"sv) return false;
  const schema::Region& r = lex.region(n.region);
  return r.level == "country"sv && r.name != "中国"sv;
}

// The regions of the runs of two or more separate region names joined inside the name (宁波舟山港,
// 南宁至贵港一级航道, 川南渝西融合发展试验区): adjacent, or joined by 至/到/—/-/、/和/与/·, and
// neither inside the other (广州南沙, 深圳宝安 name one place) unless a route joins them (白山至临江). Distinct, in text order; empty when the
// name has no such run.
inline std::vector<int32_t> JoinedNameRegions(const lexicon::CompiledLexicon& lex, const std::u32string& t,
                                              const EntityMention& ent) {
  std::vector<int32_t> joined;
  const auto& named = ent.named_regions;
  auto joins = [&](const EntityMention::NamedRegion& a, const EntityMention::NamedRegion& b) {
    if (a.blend || b.blend || a.start == b.start || b.start < a.end) return false;
    const bool nested = lex.IsWithin(a.region, b.region) || lex.IsWithin(b.region, a.region);
    // Written together, two divisions join only within one province (宁波舟山港); 南京中山国家植物园
    // names 南京 and a person, not Guangdong's 中山.
    if (b.start == a.end) return !nested && SameProvinceOrGroup(lex, a.region, b.region);
    // 重庆东至黔江: a station's direction letter may follow the first end of a route.
    if (b.start - a.end == 2 && IsDirectionLetter(t[a.end]) &&
        IsRouteJoiner(t[a.end + 1]))
      return true;
    if (b.start - a.end != 1) return false;
    char32_t c = t[a.end];
    // A route joins its two ends even when one lies within the other (白山至临江高速).
    if (IsRouteJoiner(c)) return true;
    return !nested && (c == U'、' || c == U'和' || c == U'与' || c == U'·');
  };
  auto add = [&](const EntityMention::NamedRegion& n) {
    if (std::find(joined.begin(), joined.end(), n.region) == joined.end()) joined.push_back(n.region);
  };
  for (size_t i = 0; i + 1 < named.size(); ++i) {
    if (joins(named[i], named[i + 1])) {
      add(named[i]);
      add(named[i + 1]);
      continue;
    }
    // 中国（河南）—东盟粮农合作发展大会: a bracketed host between two places a dash joins; the two are
    // joined, the host is where it lies.
    // (The host may be in the list or not.)
    for (size_t j = i + 1; j < named.size() && j <= i + 2; ++j) {
      const auto &a = named[i], &b = named[j];
      const uint32_t after = AfterBracketedAside(t, a.end);
      if (a.blend || b.blend || a.region == b.region || after == a.end || b.start != after + 1 || t[after] != U'—')
        continue;
      add(a);
      add(b);
    }
  }
  return joined;
}

// True when the named place `n` is one end of a route written with 至 or 到 inside the name
// (太子城至锡林浩特铁路: 锡林浩特; the other end is no known region).
// So is a place that opens the name with a dash before a partner that is no known region
// (中国—上海合作组织冰雪体育示范区: 中国 is one side of it, not where it lies; 北京-雄安人才科创走廊).
inline bool IsRouteEnd(const std::u32string& t, const EntityMention& ent, const EntityMention::NamedRegion& n) {
  if (n.blend) return false;
  if (n.start == ent.start && n.end + 1 < ent.end && (t[n.end] == U'—' || t[n.end] == U'-')) return true;
  const bool before = n.end + 1 < ent.end && (t[n.end] == U'至' || t[n.end] == U'到');
  // (at least two letters before 至/到 name the other end: not 人到山西好风光)
  const uint32_t first = ent.start + (IsOpenQuote(t[ent.start]) ? 1 : 0);
  const bool after = n.start > first + 2 && (t[n.start - 1] == U'至' || t[n.start - 1] == U'到');
  return before || after;
}

}  // namespace policykg::extract::rules
