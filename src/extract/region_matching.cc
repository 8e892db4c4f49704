// Region matching over the text: gazetteer names, listed blends, runs of province letters, the
// report's region, and city blends inside entity names. Kept together (and with the function
// boundaries of the single-file extractor) so region matching can change in one place.
#include <algorithm>

#include "extract/context.h"
#include "extract/region_context.h"

namespace policykg::extract {

using std::string_view_literals::operator""sv;

using lexicon::CompiledLexicon;
using lexicon::Trie;

constexpr size_t kMaxIssuerLines = 12;  // first lines searched for the report's issuer

SentenceContext::RegionMatch SentenceContext::MatchRegionAt(uint32_t i, uint32_t e) const {
  std::u32string_view view(t.data(), e);
  // Forms starting at i, shortest first; the longest one read as a region wins (娄底市场 → 娄底).
  // (Left uninitialized: this runs at most positions of a sentence.)
  constexpr size_t kMaxForms = 8;
  uint32_t form_lengths[kMaxForms];
  int32_t form_values[kMaxForms];
  size_t n_forms = 0;
  lex.region_names.ForEachAt(view, i, [&](uint32_t length, int32_t value) {
    const size_t k = n_forms < kMaxForms ? n_forms++ : kMaxForms - 1;
    form_lengths[k] = length;
    form_values[k] = value;
  });
  Trie::Match name;
  RegionReading reading;
  while (n_forms > 0 && name.length == 0) {
    --n_forms;
    reading = ReadRegionForm(lex, view, i, i + form_lengths[n_forms], form_values[n_forms], out.document_region);
    if (reading.region >= 0) name = {form_lengths[n_forms], form_values[n_forms]};
  }
  Trie::Match blend = lex.blends.LongestAt(view, i);
  if (blend.length > 0 && (OverlapsCollisionWord(lex, view, i, i + blend.length) ||
                           InWorkAreaList(lex, view, i, i + blend.length)))
    blend = {};
  uint32_t run = 0;
  while (i + run < e && lex.ProvinceLetter(t[i + run]) >= 0) ++run;
  if (run < 2) run = 0;
  if (run > 0 && (OverlapsCollisionWord(lex, view, i, i + run) || InWorkAreaList(lex, view, i, i + run))) run = 0;
  const uint32_t best = std::max({name.length, blend.length, run});
  if (best == 0) return {};
  if (name.length == best) return {best, RegionMatch::kName, reading.region, reading.rule};
  // A blend names at least two regions: 渝渝 is not a blend.
  if (blend.length == best) {
    if (lex.blend_entries[blend.value].regions.size() < 2) return {};
    return {best, RegionMatch::kBlend, blend.value};
  }
  for (uint32_t k = 1; k < run; ++k) {
    if (lex.ProvinceLetter(t[i + k]) != lex.ProvinceLetter(t[i])) {
      if (run == best) {
        if (const uint32_t compass = SharedCompassSuffix(i, run, e); compass > 0)
          return {run + compass, RegionMatch::kCompassLetters, static_cast<int32_t>(compass)};
      }
      return {best, RegionMatch::kLetters, -1};
    }
  }
  return {};
}

int32_t SentenceContext::LetterCompassRegion(char32_t letter, std::u32string_view compass) const {
  char32_t form[3] = {letter, 0, 0};
  if (compass.size() > 2) return -1;
  std::copy(compass.begin(), compass.end(), form + 1);
  const std::u32string_view written(form, compass.size() + 1);
  const Trie::Match m = lex.region_names.LongestAt(written, 0);
  if (m.length != written.size()) return -1;
  int32_t found = -1;
  for (const auto& c : lex.gazetteer.Candidates(m.value)) {
    if (c.context_only || (found >= 0 && found != c.region)) return -1;
    found = c.region;
  }
  return found;
}

// 川渝东北 (川东北 and 渝东北): the compass part after a run of letters [i, i + run) that makes a
// region with every letter of the run; 0 when there is none, or when another compass point follows
// it (粤黔东西部协作 is east–west cooperation, not 粤东 and 黔东).
uint32_t SentenceContext::SharedCompassSuffix(uint32_t i, uint32_t run, uint32_t e) const {
  for (uint32_t length = 2; length >= 1; --length) {
    const uint32_t end = i + run + length;
    if (end > e || (end < e && IsCompassLetter(t[end]))) continue;
    const std::u32string_view compass(t.data() + i + run, length);
    if (!std::all_of(compass.begin(), compass.end(), IsCompassLetter)) continue;
    bool all = true;
    for (uint32_t k = 0; k < run && all; ++k) all = LetterCompassRegion(t[i + k], compass) >= 0;
    if (all) return length;
  }
  return 0;
}

RegionHit SentenceContext::MakeHit(uint32_t start, const RegionMatch& m) const {
  RegionHit hit{start, start + m.length, {}, m.kind != RegionMatch::kName, false, 0, false, m.rule};
  if (m.kind == RegionMatch::kName) {
    hit.regions.push_back(m.value);
    hit.city_tier = lex.region(m.value).level != "province"sv;
  } else if (m.kind == RegionMatch::kBlend) {
    const auto& entry = lex.blend_entries[m.value];
    hit.regions = entry.regions;
    hit.city_tier = entry.city_tier;
  } else if (m.kind == RegionMatch::kCompassLetters) {
    const uint32_t run = m.length - static_cast<uint32_t>(m.value);
    const std::u32string_view compass(t.data() + start + run, static_cast<size_t>(m.value));
    for (uint32_t k = start; k < start + run; ++k) {
      const int32_t r = LetterCompassRegion(t[k], compass);
      if (std::find(hit.regions.begin(), hit.regions.end(), r) == hit.regions.end()) hit.regions.push_back(r);
    }
    hit.city_tier = true;
    hit.rule = "gazetteer.blend.compass";
  } else {
    for (uint32_t k = start; k < hit.end; ++k) {
      int32_t r = lex.ProvinceLetter(t[k]);
      if (std::find(hit.regions.begin(), hit.regions.end(), r) == hit.regions.end()) hit.regions.push_back(r);
    }
  }
  return hit;
}

// Region hits starting at the positions in `starts` (ascending, inside [.., e)), left to right, each
// resumed after: with every position of [s, e) that may start a region, the same as FindRegions.
void SentenceContext::FindRegionsFrom(const PositionList& starts, uint32_t e, std::vector<RegionHit>& hits) const {
  uint32_t resume = 0;
  for (uint32_t i : starts) {
    if (i < resume) continue;
    const RegionMatch m = MatchRegionAt(i, e);
    if (m.length == 0) continue;
    hits.push_back(MakeHit(i, m));
    resume = i + m.length;
  }
}

// Region hits in [s, e), left to right, each resumed after.
std::vector<RegionHit> SentenceContext::FindRegions(uint32_t s, uint32_t e) const {
  std::vector<RegionHit> hits;
  for (uint32_t i = s; (i = NextWithFlag(i, e, CompiledLexicon::kRegionStart)) < e;) {
    const RegionMatch m = MatchRegionAt(i, e);
    if (m.length == 0) {
      ++i;
      continue;
    }
    hits.push_back(MakeHit(i, m));
    i += m.length;
  }
  return hits;
}

void SentenceContext::FindDocumentRegion() {
  auto first_province_in = [&](uint32_t s, uint32_t e) -> int32_t {
    for (const auto& hit : FindRegions(s, e)) {
      if (!hit.blend) return hit.regions[0];
    }
    return -1;
  };
  if (layout.title_end > layout.title_start) {
    out.document_region = first_province_in(layout.title_start, layout.title_end);
  }
  if (out.document_region < 0) {
    for (const auto& line : layout.lines) {
      if (line.kind == text::LineKind::kHeader) {
        out.document_region = first_province_in(line.start, line.end);
        if (out.document_region >= 0) break;
      }
    }
  }
  // The lines before the address (各位代表): a region followed by an issuer cue (广东省省长,
  // 在广东省第十四届人民代表大会).
  for (size_t k = 0; k < layout.lines.size() && k < kMaxIssuerLines && out.document_region < 0; ++k) {
    const auto& line = layout.lines[k];
    // The address (各位代表) starts the speech; a body line before it (a photo caption, 政府工作报告。
    // 贵州日报…) does not.
    if (line.kind == text::LineKind::kBody && line.end >= line.start + 4 &&
        std::u32string_view(t.data() + line.start, 4) == U"各位代表"sv)
      break;
    for (const auto& hit : FindRegions(line.start, line.end)) {
      if (!hit.blend && IssuerCueAt(lex, t, hit.end)) {
        out.document_region = hit.regions[0];
        break;
      }
    }
  }
  // 在第十四届全国人民代表大会第二次会议上: the country's report (words.json national_issuer_cues).
  const int32_t country = lex.RegionIndex("中国");
  for (size_t k = 0; k < layout.lines.size() && k < kMaxIssuerLines && out.document_region < 0 && country >= 0; ++k) {
    const auto& line = layout.lines[k];
    const std::u32string_view view(t.data(), line.end);
    for (uint32_t p = line.start; p < line.end && out.document_region < 0; ++p) {
      if (lex.gazetteer.national_issuer_cues.LongestAt(view, p).length > 0) out.document_region = country;
    }
    if (line.kind == text::LineKind::kBody && line.end >= line.start + 4 &&
        std::u32string_view(t.data() + line.start, 4) == U"各位代表"sv)
      break;
  }
}

int32_t SentenceContext::ProvinceOfLetter(char32_t letter) const {
  auto it = lex.name_blend_letters.find(letter);  // every province's letters (陇, 吉 too)
  return it != lex.name_blend_letters.end() && lex.region(it->second).level == "province"sv ? it->second : -1;
}

bool SentenceContext::SupplyRouteLettersAt(uint32_t k) const {
  if (!(t[k + 1] == U'电' || t[k + 1] == U'气')) return false;
  const int32_t from = ProvinceOfLetter(t[k]), to = ProvinceOfLetter(t[k + 3]);
  return from >= 0 && to >= 0 && from != to;
}

// Inside a name, a run of three or more abbreviation letters (brackets allowed) is a city blend:
// 成(绵)南达万经济带 → 成都, 绵阳, 南充, 达州, 万州; a supply route between two provinces' letters
// (陇电入浙工程) is a blend of the two provinces.
void SentenceContext::AddNameBlends(uint32_t start, uint32_t end, std::vector<RegionHit>& hits) const {
  auto covered = [&](uint32_t pos) { return hit_at[pos - this->s] >= 0; };
  for (uint32_t k = start; k + 4 <= end; ++k) {
    if (!SupplyRouteAt(k) || covered(k) || covered(k + 3)) continue;
    hits.push_back({k, k + 4, {ProvinceOfLetter(t[k]), ProvinceOfLetter(t[k + 3])}, true, false, 0});
    k += 3;
  }
  for (uint32_t i = start; i < end;) {
    uint32_t j = i;
    std::vector<int32_t> regions;
    while (j < end && !covered(j)) {
      uint32_t letter = j;
      if (t[j] == U'(' && j + 2 < end && t[j + 2] == U')') letter = j + 1;
      auto it = lex.name_blend_letters.find(t[letter]);
      if (it == lex.name_blend_letters.end()) break;
      if (std::find(regions.begin(), regions.end(), it->second) == regions.end()) regions.push_back(it->second);
      j = letter == j ? j + 1 : j + 3;
    }
    // 川南渝西 names directions of provinces (southern Sichuan), not a blend of three places.
    bool directional = false;
    for (uint32_t k = i; k + 1 < j; ++k) {
      auto it = lex.name_blend_letters.find(t[k]);
      bool province = it != lex.name_blend_letters.end() && lex.region(it->second).level == "province"sv;
      if (province && U"东南西北"sv.find(t[k + 1]) != std::u32string_view::npos) directional = true;
    }
    if (regions.size() >= 3 && !directional) {
      hits.push_back({i, j, regions, true, true, 0});
      i = j;
    } else {
      i = std::max(i + 1, j);
    }
  }
  std::sort(hits.begin(), hits.end(), [](const RegionHit& a, const RegionHit& b) { return a.start < b.start; });
}


}  // namespace policykg::extract
