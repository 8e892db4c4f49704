#include "extract/region_context.h"

#include <algorithm>
#include <array>

#include "common/utf8.h"
#include "extract/context.h"  // IsClauseBreak

namespace policykg::extract {

using std::string_view_literals::operator""sv;

namespace {

using lexicon::RegionCandidate;
using lexicon::RegionGazetteer;

constexpr uint32_t kMaxListItem = 8;  // code points of a neighbouring list item

bool IsListMark(char32_t c) { return c == U'、' || c == U'和' || c == U'及' || c == U'与' || c == U','; }

// True when text[s, e) is a written form one of whose regions lies in `province`.
bool FormInProvince(const lexicon::CompiledLexicon& lex, std::u32string_view text, uint32_t s, uint32_t e,
                    int32_t province) {
  const int32_t form = lex.region_names.Find(text.substr(s, e - s));
  if (form < 0) return false;
  for (const RegionCandidate& c : lex.gazetteer.Candidates(form)) {
    if (lex.gazetteer.province(c.region) == province) return true;
  }
  return false;
}

// A list item right before or after text[start, end) names a region of `province`.
bool ListNeighbourInProvince(const lexicon::CompiledLexicon& lex, std::u32string_view text, uint32_t start,
                             uint32_t end, int32_t province) {
  if (province < 0) return false;
  if (end < text.size() && IsListMark(text[end])) {
    for (uint32_t len = 2; len <= kMaxListItem && end + 1 + len <= text.size(); ++len) {
      if (FormInProvince(lex, text, end + 1, end + 1 + len, province)) return true;
    }
  }
  if (start > 0 && IsListMark(text[start - 1])) {
    for (uint32_t len = 2; len <= kMaxListItem && len + 1 <= start; ++len) {
      if (FormInProvince(lex, text, start - 1 - len, start - 1, province)) return true;
    }
  }
  return false;
}

// The form of `province` that fills the list item ending at text[end] (2 to kMaxListItem letters), the
// longest: its start, and in *plain whether it has a reading there that is no context form; or -1.
int32_t ListItemInProvince(const lexicon::CompiledLexicon& lex, std::u32string_view text, uint32_t end, bool ending,
                           int32_t province, bool* plain) {
  for (uint32_t len = kMaxListItem; len >= 2; --len) {
    if (ending ? len > end : end + len > text.size()) continue;
    const uint32_t from = ending ? end - len : end;
    const int32_t form = lex.region_names.Find(text.substr(from, len));
    if (form < 0) continue;
    bool in = false;
    *plain = false;
    for (const RegionCandidate& c : lex.gazetteer.Candidates(form)) {
      if (lex.gazetteer.province(c.region) != province) continue;
      in = true;
      if (!c.context_only) *plain = true;
    }
    if (in) return static_cast<int32_t>(ending ? from : from + len);
  }
  return -1;
}

// Along the list through text[start, end) (items joined by 、 and the like, each a form of
// `province`), some item is a place of the province written plainly (not a context form).
bool ListChainHasPlainRegion(const lexicon::CompiledLexicon& lex, std::u32string_view text, uint32_t start,
                             uint32_t end, int32_t province) {
  constexpr int kMaxItems = 8;
  bool plain = false;
  for (uint32_t at = start, k = 0; k < kMaxItems && at > 1 && IsListMark(text[at - 1]); ++k) {
    const int32_t from = ListItemInProvince(lex, text, at - 1, true, province, &plain);
    if (from < 0) break;
    if (plain) return true;
    at = static_cast<uint32_t>(from);
  }
  for (uint32_t at = end, k = 0; k < kMaxItems && at + 1 < text.size() && IsListMark(text[at]); ++k) {
    const int32_t to = ListItemInProvince(lex, text, at + 1, false, province, &plain);
    if (to < 0) break;
    if (plain) return true;
    at = static_cast<uint32_t>(to);
  }
  return false;
}

}  // namespace

bool IssuerCueAt(const lexicon::CompiledLexicon& lex, std::u32string_view text, uint32_t pos) {
  return lex.gazetteer.issuer_cues.LongestAt(text, pos).length > 0;
}

bool InRegionContext(const lexicon::CompiledLexicon& lex, int32_t region, int32_t document_region) {
  const std::string& context = lex.region(region).context;
  return context.empty() || document_region < 0 || lex.region(document_region).name == context;
}

bool IsCompassLetter(char32_t c) { return c == U'东' || c == U'西' || c == U'南' || c == U'北'; }

namespace {

// True when text[pos, pos + 2) is a compass point of two letters (东北, 西南 …).
bool IsCompassPoint(std::u32string_view text, size_t pos) {
  return pos + 2 <= text.size() && IsCompassLetter(text[pos]) && IsCompassLetter(text[pos + 1]) && text[pos] != text[pos + 1];
}

}  // namespace

size_t CompassListLength(std::u32string_view text, uint32_t start) {
  if (!IsCompassPoint(text, start)) return 0;
  size_t count = 1;
  for (size_t p = start; p >= 3 && text[p - 1] == U'、' && IsCompassPoint(text, p - 3); p -= 3) ++count;
  for (size_t p = start + 2; p + 3 <= text.size() && text[p] == U'、' && IsCompassPoint(text, p + 1); p += 3) ++count;
  return count;
}

bool InWorkAreaList(const lexicon::CompiledLexicon& lex, std::u32string_view text, uint32_t start, uint32_t end) {
  if (start == 0 || end >= text.size() || text[start - 1] != U'、' || text[end] != U'、') return false;
  uint32_t p = end;
  while (p < text.size() && p - end < 80 && !IsClauseBreak(text[p])) ++p;
  const std::u32string_view clause(text.data() + end, p - end);
  if (!clause.ends_with(U"工作"sv) && clause.find(U"等工作"sv) == std::u32string_view::npos &&
      !clause.ends_with(U"事务"sv))
    return false;
  // The items on both sides are fields too, no place (呼和浩特、包头、乌兰察布等地灾后重建工作 lists places).
  const auto is_place = [&](uint32_t from, uint32_t to) {
    return to > from && lex.region_names.Find(text.substr(from, to - from)) >= 0;
  };
  uint32_t before = start - 1;
  while (before > 0 && text[before - 1] != U'、' && !IsClauseBreak(text[before - 1]) && start - 1 - before < 8)
    --before;
  uint32_t after = end + 1;
  while (after < text.size() && text[after] != U'、' && text[after] != U'等' && !IsClauseBreak(text[after]) &&
         after - end < 9)
    ++after;
  return !is_place(before, start - 1) && !is_place(end + 1, after);
}

bool OpensAStyle(std::u32string_view text, uint32_t end) {
  constexpr uint32_t kMaxStyle = 8;  // letters between the form and 之风
  for (uint32_t p = end; p + 2 <= text.size() && p <= end + kMaxStyle && !IsClauseBreak(text[p]); ++p) {
    if (text[p] == U'之' && text[p + 1] == U'风') return true;
  }
  return false;
}

bool NamesLandformAfter(const lexicon::CompiledLexicon& lex, std::u32string_view text, uint32_t end) {
  const auto& gaz = lex.gazetteer;
  if (end >= text.size() || gaz.landform_suffixes.LongestAt(text, end).length == 0) return false;
  // (Not where another place's name starts: 南京江北新区, 宜宾江安, 河北.)
  if (lex.region_names.LongestAt(text, end).length >= 2) return false;
  return gaz.landform_suffix_exceptions.LongestAt(text, end).length == 0;
}

bool OverlapsCollisionWord(const lexicon::CompiledLexicon& lex, std::u32string_view text, uint32_t start,
                           uint32_t end) {
  const auto& gaz = lex.gazetteer;
  if (gaz.collisions.empty()) return false;
  const uint32_t first = start + 1 >= gaz.max_collision_length ? start + 1 - gaz.max_collision_length : 0;
  bool overlaps = false;
  for (uint32_t p = first; p < end && !overlaps; ++p) {
    gaz.collisions.ForEachAt(text, p, [&](uint32_t length, int32_t) {
      const uint32_t q = p + length;
      if (q > start && (p < start || q > end)) overlaps = true;
    });
  }
  return overlaps;
}

namespace {

// When `region` is a province other than the report's (`home`) and exactly one prefecture-level
// region of the report's province has a full name that opens with `written`, that prefecture;
// else -1.
int32_t HomePrefectureNamedLike(const lexicon::CompiledLexicon& lex, std::u32string_view written, int32_t region,
                                int32_t home) {
  if (home < 0 || region == home || lex.region(region).level != "province"sv || written.empty()) return -1;
  const auto it = lex.city_initials.find(written[0]);
  if (it == lex.city_initials.end()) return -1;
  const std::string prefix = EncodeUtf8(written);
  int32_t found = -1;
  for (const int32_t r : it->second) {
    const schema::Region& candidate = lex.region(r);
    if (!schema::IsPrefectureLevel(candidate.level) || lex.gazetteer.province(r) != home) continue;
    const std::string& full = candidate.full_name;
    if (full.size() <= prefix.size() || !full.starts_with(prefix)) continue;
    if (found >= 0) return -1;
    found = r;
  }
  return found;
}

// The county rules of ReadRegionForm for `county` (its parent before it, a head after it, a route's
// other end, a list neighbour of its province); `context_form`: the form is one of its context_forms,
// whose list reading needs a report of its province (`home`).
RegionReading ReadCountyInContext(const lexicon::CompiledLexicon& lex, std::u32string_view text, uint32_t start,
                                  uint32_t end, int32_t county, int32_t home, bool context_form);

}  // namespace

RegionReading ReadRegionForm(const lexicon::CompiledLexicon& lex, std::u32string_view text, uint32_t start,
                             uint32_t end, int32_t form, int32_t document_region) {
  const auto& gaz = lex.gazetteer;
  if (form < 0) return {};
  // A form that only a context form writes (资源, 平安: ordinary words) needs a list mark or a route's
  // 至 next to it; most of its occurrences have neither (checked before anything costlier).
  if (const auto candidates = gaz.Candidates(form);
      std::all_of(candidates.begin(), candidates.end(), [](const RegionCandidate& c) { return c.context_only; }) &&
      !(start > 0 && (IsListMark(text[start - 1]) || text[start - 1] == U'至')) &&
      !(end < text.size() && (IsListMark(text[end]) || text[end] == U'至')))
    return {};
  if (OverlapsCollisionWord(lex, text, start, end) || InWorkAreaList(lex, text, start, end) ||
      OpensAStyle(text, end))
    return {};
  // The whole title of a work (《右玉》, a drama) names the work, not the place.
  if (start > 0 && end < text.size() && text[start - 1] == U'《' && text[end] == U'》') return {};
  // 东北、西北、西南、东南四个片区: three compass points or more listed together are parts of the
  // report's own area, not China's regions that two of them also name.
  if (end == start + 2 && CompassListLength(text, start) >= 3) return {};
  const int32_t home = gaz.province(document_region);
  // At most a few candidates per form: small fixed buffers, no allocation.
  constexpr size_t kMax = 16;
  std::array<int32_t, kMax> full{}, short_all{}, short_home{}, short_upper{};
  size_t n_full = 0, n_short = 0, n_home = 0, n_upper = 0, n_full_home = 0, n_context = 0;
  int32_t full_home = -1, context_only = -1;
  for (const RegionCandidate& c : gaz.Candidates(form)) {
    if (!InRegionContext(lex, c.region, document_region)) continue;
    if (c.context_only) {  // (互助, 共和: an ordinary word unless a county's context names it)
      context_only = c.region, ++n_context;
      continue;
    }
    const bool in_home = home >= 0 && gaz.province(c.region) == home;
    if (!c.short_form) {
      if (n_full < kMax) full[n_full++] = c.region;
      if (in_home) ++n_full_home, full_home = c.region;
      continue;
    }
    if (n_short < kMax) short_all[n_short++] = c.region;
    if (in_home && n_home < kMax) short_home[n_home++] = c.region;
    if (gaz.tier(c.region) != RegionGazetteer::kCounty && n_upper < kMax) short_upper[n_upper++] = c.region;
  }
  // Full forms: one region, or the one in the report's province.
  if (n_full == 1) {
    // Another province's name that opens the full name of one of the report's own prefectures is
    // that prefecture (海南 in Qinghai's report: 海南藏族自治州, not Hainan province).
    if (const int32_t own = HomePrefectureNamedLike(lex, text.substr(start, end - start), full[0], home); own >= 0)
      return {own, "gazetteer.name.province_context"};
    return {full[0], "gazetteer.name"};
  }
  if (n_full > 1) {
    if (n_full_home == 1) return {full_home, "gazetteer.name.province_context"};
    if (n_full_home > 1 || home < 0) return {};
    // None in the report's province: the one in its part of China (the code's first digit), when
    // only one is and it is a municipality's district (通州区 in Hebei's report: Beijing's, not
    // Nantong's; 鼓楼区 in Hunan's stays out).
    const std::string& home_code = lex.region(home).code;
    int32_t near = -1;
    size_t n_near = 0;
    for (size_t i = 0; i < n_full; ++i) {
      const std::string& code = lex.region(full[i]).code;
      if (!home_code.empty() && !code.empty() && code[0] == home_code[0]) near = full[i], ++n_near;
    }
    if (near >= 0 && !schema::InMunicipality(lex.region(near).code)) n_near = 0;
    return n_near == 1 ? RegionReading{near, "gazetteer.name.neighbour_context"} : RegionReading{};
  }
  // A context form (互助) is read only by the county rules below, when no other reading has it.
  if (n_short == 0 && n_context != 1) return {};
  // A landform called after a division (吕梁山, 多伦湖, 黄浦江, 武夷山国家公园) names no division: the
  // short form does not mention the place there.
  if (NamesLandformAfter(lex, text, end)) return {};
  if (n_short == 0) return ReadCountyInContext(lex, text, start, end, context_only, home, true);
  // Short forms: the report's own province first (朝阳 in Beijing's report is 朝阳区) ...
  if (n_home == 1) {
    const bool plain = n_short == 1 && gaz.tier(short_home[0]) != RegionGazetteer::kCounty;
    return {short_home[0], plain ? "gazetteer.short_form" : "gazetteer.short_form.province_context"};
  }
  // ... or, of several there, the one a level above the others (伊宁 in Xinjiang's report is 伊宁市,
  // not 伊宁县; 朝阳 in Liaoning's is 朝阳市, not 朝阳县) ...
  if (n_home > 1) {
    auto rank = [&](int32_t r) {
      const std::string& level = lex.region(r).level;
      if (level == "province"sv) return 4;
      if (schema::IsPrefectureLevel(level)) return 3;
      if (level == "county_city"sv) return 2;
      return 1;
    };
    int32_t best = -1, best_rank = 0;
    bool tie = false;
    for (size_t k = 0; k < n_home; ++k) {
      const int r = rank(short_home[k]);
      if (r > best_rank) {
        best = short_home[k], best_rank = r, tie = false;
      } else if (r == best_rank) {
        tie = true;
      }
    }
    if (!tie && best_rank >= 2) return {best, "gazetteer.short_form.province_context.level"};
  }
  // ... then a province or prefecture (朝阳 elsewhere is 朝阳市) ...
  if (n_upper == 1) return {short_upper[0], "gazetteer.short_form"};
  if (n_short > 1 || n_upper > 1) return {};
  // ... and a county's only with a head after it or a neighbour of its province in a list.
  return ReadCountyInContext(lex, text, start, end, short_all[0], home, false);
}

namespace {

RegionReading ReadCountyInContext(const lexicon::CompiledLexicon& lex, std::u32string_view text, uint32_t start,
                                  uint32_t end, int32_t county, int32_t home, bool context_form) {
  const auto& gaz = lex.gazetteer;
  // Right after its own province or prefecture (重庆万州, 长沙浏阳): that names it. After another
  // region, a head belongs to the run-on name (南京江北新区), not to this county. (Neither reads a
  // context form: 乌鲁木齐天山国际机场 names the mountain, not 天山区; 合作示范区 names no place.)
  bool after_region = false;
  for (uint32_t len = 2; !context_form && len <= kMaxListItem && len <= start && !after_region; ++len) {
    const int32_t before = lex.region_names.Find(text.substr(start - len, len));
    if (before < 0) continue;
    after_region = true;
    const auto& parents = lex.RegionParents(county);
    for (const RegionCandidate& c : gaz.Candidates(before)) {
      if (c.region == gaz.province(county) || std::find(parents.begin(), parents.end(), c.region) != parents.end()) {
        return {county, "gazetteer.short_form.after_parent"};
      }
    }
  }
  if (!context_form && !after_region && gaz.heads.LongestAt(text, end).length > 0)
    return {county, "gazetteer.short_form.admin_head"};
  // An end of a route whose other end is a region (黔江至吉首高铁, 奉节至建始高速).
  auto region_form_at = [&](uint32_t from, bool ending) {
    for (uint32_t len = 2; len <= kMaxListItem; ++len) {
      if (ending ? len > from : from + len > text.size()) break;
      if (lex.region_names.Find(text.substr(ending ? from - len : from, len)) >= 0) return true;
    }
    return false;
  };
  if ((start >= 3 && text[start - 1] == U'至' && region_form_at(start - 1, true)) ||
      (end + 3 <= text.size() && text[end] == U'至' && region_form_at(end + 1, false)))
    return {county, "gazetteer.short_form.route_end"};
  // (A context form in a list only in a report of its province, and in a list that names a place of
  // the province plainly: 大通、湟中、民和、互助、共和 in Qinghai's, not 洪湖、梁子湖等重点湖库.)
  if (context_form ? home == gaz.province(county) && ListChainHasPlainRegion(lex, text, start, end, home)
                   : ListNeighbourInProvince(lex, text, start, end, gaz.province(county)))
    return {county, "gazetteer.short_form.list"};
  return {};
}

}  // namespace

}  // namespace policykg::extract
