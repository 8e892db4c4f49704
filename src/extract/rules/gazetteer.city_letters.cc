// gazetteer.city_letters: a name that opens with a run of city initials before a joint ending
// (words.json letter_blend_endings: 石衡沧城际铁路, 通苏嘉甬高铁, 深哈产业园, 广清经济特别合作区) is
// named after those cities. Each letter is read as the region it most likely abbreviates: a
// city-tier abbreviation (甬 → 宁波), a municipality's letter (京, 沪), or a prefecture- or
// county-level region whose name starts with it, scored by level (prefecture +3), the report's
// province (+2), its part of China (the code's first digit, +1) and an earlier mention in the
// document (+2); a nickname that is not the name's initial (甬, 榕) adds 3; between equals a city
// (prefecture or county-level) goes before a county, a county before a district, and a county of another part of China is
// never read; a district outside a municipality is read only in the report's own province and
// when every letter of the run stays there, read without a tie-break (增天高速 in Guangdong's
// report: 增城, 天河). After a prefecture-level city that opens the name, a letter is that city's one
// county or district with the initial (台州温玉铁路: 温岭, 玉环). A letter written twice is the two prefecture-level cities of the report's
// province that open with it, when there are exactly two (武鄂黄黄咸: 黄冈, 黄石). Sector words may stand
// between the run and the ending after three or more such home letters (汉孝随襄十新能源与智能网联汽车
// 产业走廊). A letter with a tie reads nothing, and then the run is no blend: the rule never guesses between equals. A run of
// province letters that holds the report's own (青桂, 青粤绿电外送通道 in Qinghai's report) names those
// provinces, whatever words follow it before the ending. Words that
// only look like letters (沿江, 深水, 北江, 临港: words.json letter_blend_stop_words) are none. The run becomes a city blend hit (mentions say gazetteer.city_letters),
// so the thing involves the cities (involves.name_blend).
// Outside names, a run of two to four letters that stands as its own word (after punctuation or a
// boundary word such as 加快, 深化, 唱好) right before a joint ending of its own (words.json
// letter_blend_clause_endings: 芜马同城化, 郑洛、郑许协同发展, 杭甬“双城记”, 沪嘉全面接轨) names the same
// cities when every letter reads as a prefecture-level city (城乡融合发展 is no blend of 城口 and 乡城)
// and one of them lies in the report's province; items listed with 、
// before it are read the same way. Such a hit is a blend in its clause (cooperates_with.blend).
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {

constexpr uint32_t kMaxLetters = 5;


// A district of Beijing, Tianjin, Shanghai or Chongqing: it stands where a province's county does.
bool IsMunicipalDistrict(const schema::Region& r) {
  return r.level == "district"sv && schema::InMunicipality(r.code);
}

// The one county or district inside `prefecture` whose name opens with `letter`, or -1 (none or several).
int32_t ReadLetterWithin(const lexicon::CompiledLexicon& lex, char32_t letter, int32_t prefecture) {
  int32_t found = -1;
  for (const auto* initials : {&lex.city_initials, &lex.district_initials}) {
    auto it = initials->find(letter);
    if (it == initials->end()) continue;
    for (int32_t r : it->second) {
      if (r == found || !lex.IsWithin(r, prefecture)) continue;
      if (found >= 0) return -1;
      found = r;
    }
  }
  return found;
}

}  // namespace

void GazetteerCityLetters(SentenceContext& ctx) {
  const auto& lex = ctx.lex;
  const auto& t = ctx.t;
  const uint32_t s = ctx.s;
  if (ctx.region_seen.size() != lex.region_count()) ctx.region_seen.assign(lex.region_count(), 0);
  // Mentions read from letters themselves do not count (广汕汕 → 汕尾 must not decide 深汕).
  for (; ctx.region_seen_upto < ctx.out.regions.size(); ++ctx.region_seen_upto) {
    const RegionMention& m = ctx.out.regions[ctx.region_seen_upto];
    if (std::string_view(m.rule) != "gazetteer.city_letters"sv && std::string_view(m.rule) != "gazetteer.segment_letters"sv)
      ctx.region_seen[m.region] = 1;
  }
  const int32_t province = lex.gazetteer.province(ctx.out.document_region);
  const char macro = province >= 0 && !lex.region(province).code.empty() ? lex.region(province).code[0] : 0;
  // The nation's report, or one of the Bay Area (Guangdong, Hong Kong, Macao): 港 and 澳 read the SARs.
  const bool bay_area_report =
      province < 0 || lex.region(province).code == "44" || schema::IsSar(lex.region(province));

  bool last_read_narrow = false;  // the last letter read won only by a tie-break (level or province)
  bool last_read_tied = false;    // the last letter read nothing because regions tied for it…
  bool last_tie_home = false;     // … all of them in the report's province
  bool last_read_platform = false;  // the last letter was a platform's (words.json platform_letters)
  bool prefectures_only = false;    // read_letter considers prefecture-level cities and municipal districts only
  std::vector<uint32_t> letter_of;  // a run's scratch (below), reused from run to run
  // The region letter `ch` most likely abbreviates in a run of city letters, or -1 (none, or a tie).
  auto read_letter = [&](char32_t ch) {
    // A letter of a platform (雄 of 雄安新区: words.json platform_letters) reads no region; the run's
    // other letters still do (京雄城际, 京雄科创走廊 → 北京; 雄忻铁路 → 忻州).
    last_read_platform = lex.platform_letters.LongestAt(std::u32string_view(&ch, 1), 0).length == 1;
    // 港 and 澳 read Hong Kong and Macao only in reports of the Bay Area (Guangdong's, theirs) or the
    // nation's; elsewhere 港 is a local port or port area (许港产业带 in Henan's: 许昌 and the airport
    // port area), passed over as a platform's letter is.
    if (!last_read_platform && !bay_area_report) {
      const int32_t sar = lex.ProvinceLetter(ch);
      last_read_platform = sar >= 0 && schema::IsSar(lex.region(sar));
    }
    if (last_read_platform) {
      last_read_narrow = last_read_tied = last_tie_home = false;
      return -1;
    }
    int32_t best = -1, best_score = -1;
    bool tie = false, tie_home = false;
    int top_raw = -1, top_raw_count = 0;  // the best score before the tie-breaks, and how many have it
    auto consider = [&](int32_t r, int score) {
      const auto& region = lex.region(r);
      if (prefectures_only && !schema::RanksAsPrefecture(region) && !IsMunicipalDistrict(region)) return;
      // A county of another part of China is too far to be read from one letter (加查 in 富加铁路).
      if (!schema::RanksAsPrefecture(region) && macro != 0 && (region.code.empty() || region.code[0] != macro)) return;
      // A prefecture-level 地区 is read only as the one prefecture-level division of its province
      // that opens with the letter (和若铁路: 和田; not 大兴安岭 in 哈大齐, where 大庆 is; nor either of
      // 阿克苏 and 阿勒泰 in 伊阿铁路).
      if (region.level == "area"sv) {
        const auto same = lex.city_initials.find(ch);
        const int32_t own_province = lex.gazetteer.province(r);
        if (same != lex.city_initials.end() &&
            std::any_of(same->second.begin(), same->second.end(), [&](int32_t other) {
              return other != r && schema::RanksAsPrefecture(lex.region(other)) &&
                     lex.gazetteer.province(other) == own_province;
            }))
          return;
      }
      const bool home = province >= 0 && lex.gazetteer.province(r) == province;
      // (In a municipality's report its districts rank as prefectures: 嘉闵线 in Shanghai's is 嘉定 and
      // 闵行, not 嘉兴.)
      // (… and in a report of the same part of China, where a municipality is a neighbour: 六松现代产业园
      // in Anhui's report is 六安 and Shanghai's 松江, not Jilin's 松原.)
      const bool near = macro != 0 && !region.code.empty() && region.code[0] == macro;  // same part of China
      if (schema::RanksAsPrefecture(region) || ((home || near) && IsMunicipalDistrict(region))) score += 3;
      if (home) score += 3;
      if (near) score += 1;
      if (ctx.region_seen[r]) score += 2;
      // Between equals, a city (prefecture or county-level) before a county: 西昌 before 西充 in
      // 宜西攀高铁; then one in the report's province: 西昌 before 西双版纳 in Sichuan's report (so
      // 南雄 before 南宁 in Guangdong's 深南高铁: a known misreading, rarer than the right ones).
      // A county before a district outside a municipality (叙永 before 叙州 in 隆泸叙铁路).
      const int tier = schema::RanksAsPrefecture(region) || region.level == "county_city"sv ? 2
                       : region.level == "district"sv && !IsMunicipalDistrict(region) ? 0
                                                                                     : 1;
      if (score > top_raw) top_raw = score, top_raw_count = 0;
      if (score == top_raw) ++top_raw_count;
      // Last, a provincial capital (code xx01) before another prefecture: 呼和浩特 before 呼伦贝尔 in 呼包高铁.
      const bool capital = region.level == "prefecture"sv && region.code.size() == 4 && region.code.ends_with("01");
      score = ((score * 3 + tier) * 2 + (home ? 1 : 0)) * 2 + (capital ? 1 : 0);
      if (score > best_score) {
        best = r, best_score = score, tie = false, tie_home = home;
      } else if (score == best_score && r != best) {
        tie = true;
        tie_home = tie_home && home;
      }
    };
    if (auto it = lex.city_nicknames.find(ch); it != lex.city_nicknames.end()) consider(it->second, 3);
    if (const int32_t p = lex.ProvinceLetter(ch); p >= 0 && schema::IsMunicipalityOrSar(lex.region(p))) consider(p, 0);
    if (auto it = lex.city_initials.find(ch); it != lex.city_initials.end()) {
      for (int32_t r : it->second) consider(r, 0);
    }
    // A district outside a municipality only in the report's own province (增天高速 in Guangdong's).
    if (auto it = lex.district_initials.find(ch); it != lex.district_initials.end() && province >= 0) {
      for (int32_t r : it->second)
        if (lex.gazetteer.province(r) == province) consider(r, 0);
    }
    last_read_narrow = top_raw_count > 1;
    last_read_tied = tie;
    last_tie_home = tie && tie_home;
    return tie ? -1 : best;
  };

  const size_t hits_before = ctx.hits.size();
  // A city blend hit, written by `rule`.
  auto add_blend = [&](uint32_t from, uint32_t to, std::vector<int32_t> regions,
                       const char* rule = "gazetteer.city_letters") {
    RegionHit hit{from, to, std::move(regions), true, true, 0};
    hit.rule = rule;
    ctx.hits.push_back(std::move(hit));
  };
  // The province a letter stands for (青 → 青海, 苏 → 江苏), or -1.
  auto province_letter = [&](char32_t ch) -> int32_t {
    const auto it = lex.name_blend_letters.find(ch);
    return it != lex.name_blend_letters.end() && lex.region(it->second).level == "province"sv ? it->second : -1;
  };
  for (const auto& c : ctx.kept_candidates) {
    if (c.generic) continue;
    uint32_t p = c.start;
    if (p < c.end && IsOpenQuote(t[p])) ++p;
    // A one-letter stop word opens the name, not the run (沿沪宁产业创新带, 环太湖…).
    while (p < c.end && lex.letter_blend_stop_words.LongestAt(std::u32string_view(t.data(), c.end), p).length == 1) ++p;
    // A prefecture-level city opening the name (台州温玉铁路): the letters after it are its own
    // counties and districts (温岭, 玉环), each the only one there with that initial.
    int32_t within = -1;
    if (p + 2 <= c.end && ctx.hit_at[p - s] >= 0) {
      const RegionHit& opening = ctx.hits[ctx.hit_at[p - s]];
      if (opening.start != p || opening.blend || opening.regions.size() != 1 ||
          !schema::RanksAsPrefecture(lex.region(opening.regions[0])) || schema::IsMunicipalityOrSar(lex.region(opening.regions[0])))
        continue;
      within = opening.regions[0];
      p = opening.end;
    }
    if (p + 2 > c.end || ctx.hit_at[p - s] >= 0) continue;
    // The ending, leaving two letters before it at least; for a shared or elliptic head (北沿江、
    // 通苏嘉甬等高铁) the borrowed head is the ending.
    // A stage after the item (四梅集扩能 + 铁路) is not part of the letters.
    uint32_t ending_start = c.head_insert > c.start && c.head_insert < c.end ? c.head_insert : c.end;
    bool inner_ending = false;  // the ending is inside the name, not at its end
    bool any_head = false;      // the ending is the name's own head, not a joint ending
    // A quoted run of two letters or more before the name's head, each the initial of exactly one
    // prefecture-level city of the report's province, is those cities whatever the head (“襄十”
    // 算力圈 in Hubei's report: 襄阳, 十堰): the quotes mark a coined abbreviation.
    bool quoted_run = false;
    if (province >= 0 && within < 0 && p > s && IsOpenQuote(t[p - 1])) {
      uint32_t q = p;
      while (q < c.end && q < p + kMaxLetters && ctx.hit_at[q - s] < 0 &&
             lex.PrefecturesByInitial(t[q], province).size() == 1)
        ++q;
      // The head follows the closing quote: in the name, or borrowed from after the list.
      const bool head_after = c.borrowed_head_end > c.borrowed_head_start ? q < c.end : q + 1 < c.end;
      quoted_run = q >= p + 2 && head_after && IsCloseQuote(t[q]);
      if (quoted_run) ending_start = q;  // (each letter is checked below: a home prefecture-level city)
    }
    if (!quoted_run && c.borrowed_head_end > c.borrowed_head_start) {
      const uint32_t n = c.borrowed_head_end - c.borrowed_head_start;
      if (lex.letter_blend_endings_reversed.LongestEndingAt(std::u32string_view(t.data() + c.borrowed_head_start, n), n)
              .length == 0)
        continue;
    } else if (!quoted_run) {
      // A segment ends the name after the ending (南珠高铁广西段, 银兰高铁中兰段, 成渝铁路成隆段扩能改造):
      // the letters end before the 段 and its stage.
      uint32_t end = c.end;
      for (uint32_t q = end; q > p + 4; --q) {
        if (t[q - 1] != U'段') continue;
        const int32_t k = ctx.hit_at[q - 2 - s];
        uint32_t segment = k >= 0 && ctx.hits[k].end == q - 1 ? ctx.hits[k].start : q - 3;
        // … between two places (渝厦高铁重庆东至黔江段): back over the first place as well.
        if (k >= 0 && segment > p + 4 && (t[segment - 1] == U'至' || t[segment - 1] == U'到')) {
          uint32_t first_end = segment - 1;
          if (IsDirectionLetter(t[first_end - 1])) --first_end;
          const int32_t first = ctx.hit_at[first_end - 1 - s];
          if (first >= 0 && ctx.hits[first].end == first_end) segment = ctx.hits[first].start;
        }
        // (… or a bracketed segment: 渝昆高铁(渝宜段).)
        if (segment > p + 4 && t[segment - 1] == U'(' && q < c.end && t[q] == U')') --segment;
        if (segment >= p + 4) end = segment;
        break;
      }
      if (end - p < 4) continue;
      const uint32_t ending =
          lex.letter_blend_endings_reversed
              .LongestEndingAt(std::u32string_view(t.data() + p + 2, end - p - 2), end - p - 2)
              .length;
      if (ending > 0) {
        ending_start = end - ending;
      } else {
        // … or a route's ending (words.json letter_blend_route_endings) right after the letters, with more of the name after it
        // (集通铁路动车改造工程, 秦沈高速一期); then a letter must read a place of the report's province
        // (not 梅山铁路专用线 in Zhejiang's report).
        ending_start = 0;
        const std::u32string_view name(t.data(), end);
        for (uint32_t q = p + 2; q <= p + kMaxLetters && q + 2 <= end && ending_start == 0; ++q) {
          if (lex.letter_blend_route_endings.LongestAt(name, q).length > 0) ending_start = q;
        }
        inner_ending = ending_start > 0;
        // … or else the name's own head after a run of three letters or more, each a prefecture-level
        // city of the report's province read without a tie-break (哈大齐国家自主创新示范区).
        // (Cheap test first: three home prefecture initials, or two province letters: 苏新消费.)
        // (A nickname of a home city counts as its initial: 甬 in 杭甬温.)
        auto home_letter = [&](char32_t ch) {
          const auto nickname = lex.city_nicknames.find(ch);
          return !lex.PrefecturesByInitial(ch, province).empty() ||
                 (nickname != lex.city_nicknames.end() && lex.gazetteer.province(nickname->second) == province);
        };
        if (ending_start == 0 && c.head_start >= p + 3 && c.head_start <= end && province >= 0 &&
            ((home_letter(t[p]) && home_letter(t[p + 1]) && home_letter(t[p + 2])) ||
             (province_letter(t[p]) >= 0 && province_letter(t[p + 1]) >= 0))) {
          ending_start = c.head_start;
          any_head = true;
        }
        if (ending_start == 0) continue;
      }
    }
    // The run ends where the rest is generic words (产业, 经济, 特别) before the ending; longest first.
    for (uint32_t r = std::min(ending_start, p + kMaxLetters); r >= p + 2; --r) {
      // (a stop word may run on past the letters: 青藏高原 is no blend of 青海 and 西藏)
      if (ctx.IsGenericModifier(p, r) || ctx.ContainsWord(lex.boundary_words, p, r) ||
          ctx.ContainsWord(lex.letter_blend_stop_words, p, r) ||
          lex.letter_blend_stop_words.LongestAt(std::u32string_view(t.data(), c.end), p).length > r - p)
        break;
      std::vector<int32_t> regions;
      // 青桂, 青粤 in Qinghai's report: a run of province letters with the report's own letter reads
      // as provinces (青海–广西), not as cities (青岛, 桂林).
      bool own = false, provinces = within < 0;
      for (uint32_t q = p; q < r && provinces; ++q) {
        const int32_t letter = ctx.hit_at[q - s] < 0 ? province_letter(t[q]) : -1;
        // 沪宁 in Shanghai's report: a letter that is a city's nickname (宁 → 南京) reads as the city.
        provinces = letter >= 0 && std::find(regions.begin(), regions.end(), letter) == regions.end() &&
                    (letter == province || !lex.city_nicknames.contains(t[q]));
        if (provinces) regions.push_back(letter), own = own || letter == province;
      }
      if (provinces && own) {
        add_blend(p, r, std::move(regions));
        break;
      }
      regions.clear();
      // The last letter opening a word that runs on past the run (宜荆荆襄新能源: 新 is no letter).
      if (r < ending_start &&
          lex.generic_modifiers.LongestAt(std::u32string_view(t.data(), ending_start), r - 1).length > 1)
        continue;
      // Words of a sector between the run and the ending (汉孝随襄十新能源与智能网联汽车产业走廊) are
      // allowed after three letters or more that all read as prefecture-level cities of the
      // report's province (checked below).
      const bool sector_words = any_head || (r < ending_start && !ctx.IsGenericModifier(r, ending_start));
      // (A grade may open the sector words: 绥哈大齐国家级生物制造集群.)
      const uint32_t sector_from = r + ctx.GradeAt(r, ending_start);
      if (sector_words && (r - p < 3 || province < 0 || ctx.ContainsWord(lex.boundary_words, sector_from, ending_start)))
        continue;
      bool ok = true, ordinary = false, narrow = false;
      // A route named by two letters, one of them tied between two places of the report's province
      // (沈白高铁: 白山 or 白城 in Jilin's report), still runs through the place the other reads (沈阳).
      const bool route_pair = r == p + 2 && r == ending_start && within < 0 && !quoted_run && !sector_words &&
                              lex.letter_blend_route_endings.LongestAt(std::u32string_view(t.data(), c.end), r).length > 0;
      uint32_t passed_over = 0;  // letters that read nothing: one tied (沈白), or a platform's (雄)
      // regions[k] was read from the letter at letter_of[k] alone, or kNoLetter (a doubled letter's
      // pair, or a county read within the city that opens the name): only the former may be read again.
      constexpr uint32_t kNoLetter = UINT32_MAX;
      letter_of.clear();
      for (uint32_t q = p; q < r && ok; ++q) {
        if (ctx.hit_at[q - s] >= 0 || IsNameBreak(t[q]) || IsOpenQuote(t[q]) || IsCloseQuote(t[q])) ok = false;
        // A letter written twice (武鄂黄黄咸, 宜荆荆襄) stands for the two prefecture-level cities of
        // the report's province that open with it, when there are exactly two (黄冈, 黄石).
        if (ok && within < 0 && q + 1 < r && t[q + 1] == t[q]) {
          const std::vector<int32_t> pair = lex.PrefecturesByInitial(t[q], province);
          ok = pair.size() == 2 && std::find(regions.begin(), regions.end(), pair[0]) == regions.end() &&
               std::find(regions.begin(), regions.end(), pair[1]) == regions.end();
          if (ok) {
            regions.insert(regions.end(), pair.begin(), pair.end()), ordinary = true, ++q;
            letter_of.insert(letter_of.end(), 2, kNoLetter);
          }
          continue;
        }
        const int32_t region = !ok ? -1 : within >= 0 ? ReadLetterWithin(lex, t[q], within) : read_letter(t[q]);
        if (ok && region < 0 && ((route_pair && last_tie_home && passed_over == 0) || (within < 0 && last_read_platform))) {
          ++passed_over;
          continue;
        }
        narrow = narrow || (within < 0 && region >= 0 && last_read_narrow);
        if (region < 0 || std::find(regions.begin(), regions.end(), region) != regions.end()) ok = false;
        if (ok) {
          regions.push_back(region);
          letter_of.push_back(within < 0 ? q : kNoLetter);
          ordinary = ordinary || !schema::IsMunicipalityOrSar(lex.region(region));
        }
      }
      // A run whose letters leave the report's province for another's prefecture-level city names
      // cities: a letter read as a county of the report's province (not a county-level city: 敦牡 →
      // 敦化, 牡丹江) reads a prefecture-level city instead (沈大哈长 in Liaoning's report: 长春, not 长海,
      // which the report names earlier), or the run is none.
      if (ok && province >= 0) {
        auto home_county = [&](int32_t region) {
          const auto& r = lex.region(region);
          return !schema::RanksAsPrefecture(r) && !IsMunicipalDistrict(r) && r.level != "county_city"sv &&
                 lex.gazetteer.province(region) == province;
        };
        const bool leaves = std::any_of(regions.begin(), regions.end(), [&](int32_t region) {
          return lex.gazetteer.province(region) != province && schema::RanksAsPrefecture(lex.region(region)) &&
                 !schema::IsMunicipalityOrSar(lex.region(region));
        });
        if (leaves && std::any_of(regions.begin(), regions.end(), home_county)) {
          prefectures_only = true;
          for (size_t k = 0; k < regions.size() && ok; ++k) {
            if (!home_county(regions[k])) continue;
            const int32_t city = letter_of[k] == kNoLetter ? -1 : read_letter(t[letter_of[k]]);
            if (city < 0 || std::find(regions.begin(), regions.end(), city) != regions.end()) ok = false;
            else regions[k] = city;
          }
          prefectures_only = false;
        }
      }
      // (A run with a letter passed over reads what its other letters read, a municipality too.)
      if (!ok || regions.empty() || !(ordinary || passed_over > 0) || ((any_head || quoted_run) && narrow) || (passed_over > 0 && narrow))
        continue;
      const bool all_home_prefectures = std::all_of(regions.begin(), regions.end(), [&](int32_t region) {
        return schema::RanksAsPrefecture(lex.region(region)) && lex.gazetteer.province(region) == province;
      });
      if (quoted_run && (r != ending_start || !all_home_prefectures)) continue;
      if (sector_words && !all_home_prefectures) continue;
      if (inner_ending && std::none_of(regions.begin(), regions.end(), [&](int32_t region) {
            return lex.gazetteer.province(region) == province;
          }))
        continue;
      // A district is read only beside letters that all stay in the report's province (增天, 清花 in
      // Guangdong's report; not 沈海, 聊邯长, whose other letters leave it), each read without a
      // tie-break (not 富加: 富锦 and 富裕 differ only by level).
      auto is_district = [&](int32_t region) {
        return lex.region(region).level == "district"sv && !IsMunicipalDistrict(lex.region(region));
      };
      auto at_home = [&](int32_t region) { return lex.gazetteer.province(region) == province; };
      if (std::any_of(regions.begin(), regions.end(), is_district) &&
          (narrow || !std::all_of(regions.begin(), regions.end(), at_home)))
        continue;
      add_blend(p, r, std::move(regions));
      break;
    }
  }
  // A segment written as two letters after a route's ending (沿江高铁武宜段, 兰张三四线铁路武张段,
  // 青藏铁路格拉段): the letters are the segment's two ends, read like a run; the hit says
  // gazetteer.segment_letters, and the route involves the ends beside the places its name opens with.
  for (const auto& c : ctx.kept_candidates) {
    if (c.generic) continue;
    for (uint32_t q = c.end; q >= c.start + 5; --q) {
      if (t[q - 1] != U'段') continue;
      const uint32_t from = q - 3;
      // (渝昆高铁(渝宜段): the route's ending stands before the bracket.)
      const uint32_t route_end = q < c.end && t[q] == U')' && t[from - 1] == U'(' ? from - 1 : from;
      if (ctx.hit_at[from - s] >= 0 || ctx.hit_at[from + 1 - s] >= 0 || IsNameBreak(t[from]) ||
          IsNameBreak(t[from + 1]) || ctx.IsGenericModifier(from, q - 1) ||
          ctx.ContainsWord(lex.letter_blend_stop_words, from, q - 1) ||
          lex.letter_blend_endings_reversed
                  .LongestEndingAt(std::u32string_view(t.data() + c.start, route_end - c.start), route_end - c.start)
                  .length == 0)
        break;
      // Each end is a place of the report's province, a municipality, or the one prefecture-level
      // city of China with that initial (渝宜段 in Chongqing's report may be 宜昌 or 宜宾: neither)…
      // … or the one district of a municipality with that initial when no prefecture-level city has it,
      // however far (宜涪段 in Hubei's report: 宜昌, 涪陵).
      auto municipal_district = [&](int32_t r) {
        const auto& region = lex.region(r);
        return schema::InMunicipality(region.code) && !schema::IsMunicipalityOrSar(region);
      };
      auto segment_end = [&](char32_t letter) {
        if (const int32_t read = read_letter(letter); read >= 0) return read;
        const auto it = lex.city_initials.find(letter);
        if (it == lex.city_initials.end() ||
            std::any_of(it->second.begin(), it->second.end(),
                        [&](int32_t r) { return schema::RanksAsPrefecture(lex.region(r)); }) ||
            std::count_if(it->second.begin(), it->second.end(), municipal_district) != 1)
          return -1;
        return *std::find_if(it->second.begin(), it->second.end(), municipal_district);
      };
      const int32_t first = segment_end(t[from]);
      const int32_t second = first >= 0 ? segment_end(t[from + 1]) : -1;
      if (second < 0 || second == first) break;
      auto sure = [&](char32_t letter, int32_t region) {
        if (lex.gazetteer.province(region) == province || schema::IsMunicipalityOrSar(lex.region(region))) return true;
        const bool district = municipal_district(region);
        if (!schema::RanksAsPrefecture(lex.region(region)) && !district) return false;
        const auto it = lex.city_initials.find(letter);
        if (it == lex.city_initials.end()) return false;
        const auto prefectures = std::count_if(it->second.begin(), it->second.end(),
                                               [&](int32_t r) { return schema::RanksAsPrefecture(lex.region(r)); });
        if (!district) return prefectures == 1;
        return prefectures == 0 && std::count_if(it->second.begin(), it->second.end(), municipal_district) == 1;
      };
      if (!sure(t[from], first) || !sure(t[from + 1], second)) break;
      add_blend(from, q - 1, {first, second}, "gazetteer.segment_letters");
      break;
    }
  }
  // Runs of letters standing before a joint ending of their own (芜马同城化, 郑洛、郑许协同发展).
  const std::u32string_view sentence(t.data(), ctx.e);
  // The run of letters ending at `end`, or 0; `pair`: exactly two letters, the pair before them
  // having been read (昆玉昆曲: the second opens no word of its own).
  auto read_run = [&](uint32_t end, bool pair = false) -> uint32_t {
    for (uint32_t n = pair ? 2 : std::min<uint32_t>(4, end - s); n >= 2; --n) {
      const uint32_t p = end - n;
      if (!pair && !ctx.OpensWord(p)) continue;
      std::vector<int32_t> regions;
      bool ok = true, home = false, ordinary = false;
      for (uint32_t q = p; q < end && ok; ++q) {
        const int32_t region = ctx.hit_at[q - s] < 0 && !IsNameBreak(t[q]) ? read_letter(t[q]) : -1;
        ok = region >= 0 && schema::RanksAsPrefecture(lex.region(region)) &&
             std::find(regions.begin(), regions.end(), region) == regions.end();
        if (!ok) break;
        regions.push_back(region);
        home = home || (province >= 0 && lex.gazetteer.province(region) == province);
        ordinary = ordinary || !schema::IsMunicipalityOrSar(lex.region(region));
      }
      if (!ok || !home || !ordinary || ctx.ContainsWord(lex.letter_blend_stop_words, p, end) ||
          ctx.ContainsWord(lex.boundary_words, p, end))
        continue;
      add_blend(p, end, std::move(regions));
      return p;
    }
    return 0;
  };
  // Every joint ending is a cooperation cue (words.json lists it in both), so only the cues the
  // sentence scan found are tried.
  for (const uint32_t q : ctx.cooperation_cue_starts) {
    if (q < s + 2 || lex.letter_blend_clause_endings.LongestAt(sentence, q).length == 0) continue;
    uint32_t end = q;
    if (IsOpenQuote(t[end - 1])) --end;  // 杭甬“双城记”
    uint32_t p = read_run(end);
    // 昆红文旅协同: a sector's two generic letters may stand between the run and the ending.
    if (p == 0 && end >= s + 4 && ctx.IsGenericModifier(end - 2, end) && ctx.hit_at[end - 1 - s] < 0) {
      end -= 2;
      p = read_run(end);
    }
    // 昆玉昆曲科创协同: two pairs side by side with a letter in common, each its own run.
    if (p == 0 && end >= s + 4 && t[end - 4] == t[end - 2] && ctx.OpensWord(end - 4) && read_run(end, true) > 0)
      p = read_run(end - 2, true);
    // 昆曲昆楚工业协同, 郑洛、郑许协同发展: runs written side by side or set off by 、.
    while (p > s + 2) {
      const uint32_t next = read_run(t[p - 1] == U'、' ? p - 1 : p);
      if (next == 0) break;
      p = next;
    }
  }
  if (ctx.hits.size() != hits_before) ctx.IndexAddedHits();
}

}  // namespace policykg::extract::rules
