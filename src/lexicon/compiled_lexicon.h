// The schema's lexicons compiled into tries over folded code points, built once per run and
// shared read-only by every extraction thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexicon/char_map.h"
#include "lexicon/region_gazetteer.h"
#include "lexicon/trie.h"
#include "schema/schema.h"

namespace policykg::lexicon {

struct BlendEntry {
  std::vector<int32_t> regions;  // region indices
  bool city_tier = false;        // names cities/districts (万达开), not only provinces (川渝)
};

class CompiledLexicon {
 public:
  explicit CompiledLexicon(const schema::Schema& schema);
  CompiledLexicon(const CompiledLexicon&) = delete;  // region_names refers into gazetteer
  CompiledLexicon& operator=(const CompiledLexicon&) = delete;

  const schema::Schema& schema() const { return schema_; }
  const schema::Lexicons& lex() const { return schema_.lexicons; }

  // The schema's entity types that rules assign by name, looked up once (nullptr when the schema
  // has no such type).
  struct EntityTypes {
    const schema::EntityType *brand, *event, *facility, *initiative, *institution, *lab, *plan, *platform, *project;
  };
  const EntityTypes types;
  // Whether the schema lets a region be part_of a region (asked per sentence by entity.town).
  const bool region_part_of_region;

  // Regions, by index; and canonical name → index.
  const schema::Region& region(int32_t index) const { return schema_.lexicons.regions[index]; }
  int32_t RegionIndex(const std::string& name) const;
  // Indices of the direct parents of a region.
  const std::vector<int32_t>& RegionParents(int32_t index) const { return parents_[index]; }
  // True when `region` lies in province-level region `province`, or is a group with a member
  // there (粤港澳大湾区 and 广东, 长江中游城市群 and 湖北 through 武汉都市圈).
  bool TouchesProvince(int32_t region, int32_t province) const;
  // True when `inner` lies inside `outer` along parent links (万州 inside 重庆; a region is not inside itself).
  bool IsWithin(int32_t inner, int32_t outer) const;
  // The regions of `province` ranking as prefectures (schema::RanksAsPrefecture) whose name opens
  // with `letter` (兰 in 甘肃: 兰州).
  std::vector<int32_t> PrefecturesByInitial(char32_t letter, int32_t province) const;
  // The city of `province` nicknamed by `letter` (汉 in 湖北: 武汉), or -1.
  int32_t NicknamedCityIn(char32_t letter, int32_t province) const {
    const auto city = city_nicknames.find(letter);
    return province >= 0 && city != city_nicknames.end() && gazetteer.province(city->second) == province ? city->second
                                                                                                          : -1;
  }
  size_t region_count() const { return schema_.lexicons.regions.size(); }

  // Every written form of a region with the regions that write it (full or short), tiers and
  // provinces; region_names is its trie (value: a form index for gazetteer.Candidates).
  RegionGazetteer gazetteer;
  const Trie& region_names{gazetteer.forms};
  Trie blends;               // listed blends → index into blend_entries
  std::vector<BlendEntry> blend_entries;
  CharMap<int32_t> province_abbreviations;  // standalone blend letters → region
  CharMap<int32_t> province_label_letters;  // letters that open quoted labels (蜀里安逸)
  // The same as a flat table over the BMP (hot in region matching); -1 = not a letter.
  int32_t ProvinceLetter(char32_t cp) const { return cp < province_letter_.size() ? province_letter_[cp] : -1; }
  CharMap<int32_t> name_blend_letters;      // every one-letter abbreviation → region
  // gazetteer.city_letters: prefecture- and county-level regions by the first letter of their name,
  // city-tier and nickname abbreviations that are not the name's initial (甬 → 宁波) by letter, and
  // the name endings that open the reading (words.json letter_blend_endings), reversed.
  CharMap<std::vector<int32_t>> city_initials;
  CharMap<std::vector<int32_t>> district_initials;  // districts outside municipalities
  CharMap<int32_t> city_nicknames;
  // gazetteer/sites.json: each site's name and aliases (folded) → the region it lies in.
  std::unordered_map<std::u32string, int32_t> site_regions;
  // gazetteer/routes.json: a route's letters (forward trie) → the routes written with them.
  struct CompiledRoute {
    std::vector<std::u32string> endings;  // folded
    std::vector<int32_t> ends;            // region indexes, in the letters' order
  };
  Trie route_letters;
  std::vector<std::vector<CompiledRoute>> routes_by_letters;
  Trie letter_blend_endings_reversed;
  Trie letter_blend_stop_words;  // forward
  Trie platform_letters;         // forward (one letter each)
  Trie letter_blend_route_endings;  // forward
  Trie route_end_heads;           // forward (entity.route_end)
  Trie route_end_heads_reversed;
  Trie route_end_sites_reversed;
  Trie town_stop_words;  // forward (entity.town)
  Trie plan_name_verbs_reversed;
  Trie title_verbs_reversed;
  Trie title_skip_words;  // forward
  Trie size_words;  // forward
  // words.json name_variants: the variant forms (forward; value: index into name_variant_canonical)
  // and the canonical form of each, folded.
  Trie name_variants;
  std::vector<std::u32string> name_variant_canonical;
  Trie site_designations;               // forward
  Trie landform_marks;                   // forward
  Trie site_designation_verbs_reversed;  // matched ending at a position
  Trie cluster_heads_reversed;             // matched ending at a position
  Trie cluster_designation_verbs_reversed;  // matched ending at a position
  Trie brand_products;  // forward
  Trie region_theme_words_reversed;
  Trie works_words;  // forward
  Trie league_suffixes;  // forward
  Trie quoted_label_initiative_words;  // forward
  Trie quoted_label_initiative_words_reversed;
  Trie quoted_label_stop_words;        // forward
  Trie quoted_label_platform_endings_reversed;
  Trie quoted_label_closing_verbs_reversed;
  Trie blend_label_site_endings_reversed;
  Trie blend_label_role_endings_reversed;
  Trie cluster_nouns;  // forward
  Trie firm_name_endings_reversed;
  Trie support_verbs_reversed;
  Trie bare_metrics;                   // whole words (Find)
  Trie total_words;                    // whole words (Find)
  Trie share_words;                    // whole words (Find)
  Trie counted_programmes;             // matched at a position
  Trie subject_site_verbs_reversed;    // ending at a position
  Trie national_scope_words;           // matched at a position
  Trie funding_verbs_reversed;         // ending at a position
  Trie funded_links;                   // forward
  Trie partner_class_nouns_reversed;   // ending at a position
  Trie letter_blend_clause_endings;
  Trie build_progress;  // forward: 扎实推进, 取得积极成果 … after a build word
  Trie lead_roles;      // forward: 牵引, 引领 … after a build word and 为
  Trie opposed_verbs_reversed;  // ending at a position: 反对, 遏制 … before a quoted name
  Trie count_verbs;      // forward: 开行, 接待 … between a metric and its count
  Trie operation_words;  // forward: 发送旅客, 运能 … a route in operation
  Trie milestone_words;  // forward: 投产, 开工 … right after a project's name
  Trie weak_outcomes;  // forward: 纳入国家规划 …  // forward: 同城化, 双城记 … after a run of city letters
  Trie metric_verbs;             // forward
  Trie selection_verbs;          // forward
  Trie selection_verbs_reversed;
  Trie selection_openers;        // forward
  Trie metric_tails_reversed;
  Trie ratio_metrics_reversed;  // matched ending at a position
  Trie people_nouns_reversed;  // matched ending at a position
  Trie benefit_verbs_reversed;  // matched ending at a position
  Trie means_words_reversed;    // matched ending at a position
  Trie own_designations;  // forward
  Trie platform_class_endings_reversed;
  Trie cue_tails;  // forward
  Trie superlatives;  // forward
  Trie quoted_object_verbs_reversed;

  Trie heads_reversed;        // → index into schema lexicons.heads
  // Per head (index into lexicons.heads): listed in words.json weak_heads / abbreviation_heads /
  // letter_blend_route_endings.
  std::vector<uint8_t> head_is_weak, head_takes_abbreviation, head_ends_route;
  Trie boundary_reversed;     // boundary words, matched ending at a position
  Trie boundary_words;        // the same, forward
  Trie boundary_exceptions;   // forward
  Trie soft_boundary_reversed;
  Trie generic_modifiers;     // forward, for segmenting a modifier
  Trie evaluative_words;      // forward
  Trie head_continuations;    // forward
  Trie cooperation_cues;      // forward
  Trie link_words;            // forward
  Trie partner_verbs;         // forward
  Trie partner_verbs_reversed;  // the same, matched ending at a position
  Trie develop_verbs;         // forward
  Trie host_verbs;            // forward
  Trie landing_verbs;         // forward
  Trie site_letter_verbs;     // forward
  Trie consequence_verbs;     // forward
  Trie grade_words;           // forward
  Trie programme_verbs;       // forward
  Trie develop_verbs_reversed;  // the same, matched ending at a position
  Trie host_verbs_reversed;
  Trie plan_verbs_reversed;   // matched ending at a position
  Trie upgrade_verbs_reversed;  // ending at a position (develops.implicit)
  Trie look_back_verbs_reversed;  // plan_verbs and achievement_verbs, ending at a position
  Trie construction_verbs_reversed;  // 开工建设, 建成 … ending at a position
  Trie construction_verbs;           // the same, forward (a project's stage in a metric: 续建项目)
  Trie build_suffixes;        // forward
  Trie build_adverbs;         // forward
  Trie founding_verbs;        // forward
  Trie plural_cues_reversed;  // matched ending at a position
  Trie stage_suffixes;        // forward
  Trie companion_events;      // forward
  Trie target_comparators_reversed;
  Trie rate_comparators_reversed;  // 提升 …, before % or 个百分点 only
  Trie increment_comparators_reversed;  // 新增 …, before an amount that no noun follows
  Trie target_comparators;  // forward
  Trie target_qualifiers;     // forward
  Trie metric_fillers;        // forward
  Trie metric_fillers_reversed;
  Trie metric_end_adverbs_reversed;
  Trie uncounted_nouns;       // forward
  Trie counted_metrics_reversed;
  Trie threshold_comparators;  // forward
  Trie approximate_comparators;  // forward
  Trie units;                 // forward
  Trie counters;              // forward
  Trie cues;                  // forward → index into lexicons.cues
  // A character of words.json count_words (届, 项, 大 in 十大工程): it counts after a numeral.
  bool IsCountWord(char32_t cp) const {
    if (cp < count_words_.size()) return count_words_[cp] != 0;
    return std::find(astral_count_words_.begin(), astral_count_words_.end(), cp) != astral_count_words_.end();
  }
  std::vector<std::u32string> boilerplate;
  std::vector<std::u32string> review_headings;
  std::vector<std::pair<std::u32string, std::u32string>> name_expansions;
  // True when some abbreviation of name_expansions occurs in `name` (exact; most names hold none).
  bool HasAbbreviationIn(std::u32string_view name) const;

  // What may match at a position, by the code point there, so that a scan skips most positions
  // with one load: a region name, blend or province letter may start there (kRegionStart), a head
  // may end there (kHeadEnd), a cooperation cue may start there (kCooperationCueStart), a site
  // designation may start there (kDesignationStart), a counted programme (民生实事) may start there
  // (kCountedProgrammeStart), a cluster head (集群) may end there (kClusterHeadEnd). A clear flag is
  // exact (the lookup would find nothing); above the BMP every flag is set.
  enum PositionFlag : uint8_t {
    kRegionStart = 1,
    kHeadEnd = 2,
    kCooperationCueStart = 4,
    kDesignationStart = 8,
    kCountedProgrammeStart = 16,
    kClusterHeadEnd = 32
  };
  uint8_t PositionFlags(char32_t cp) const { return cp < position_flags_.size() ? position_flags_[cp] : 0xFF; }
  // The same for the BMP as a table, for a scan's inner loop: entry cp for every cp <= 0xFFFF.
  const uint8_t* bmp_position_flags() const { return position_flags_.data(); }
  // At a kRegionStart position followed by `second`: false when no region name, blend or run of
  // province letters of two or more code points starts with `first`, `second`. One load of a filter
  // of the first two code points of them all (most Chinese characters start some region name, few
  // with the next one). With region_single(), a name may be one code point long.
  bool MayStartRegionPair(char32_t first, char32_t second) const {
    const uint32_t bit = RegionPairBit(first, second);
    return (region_pairs_[bit >> 6] >> (bit & 63)) & 1;
  }
  bool region_single() const { return region_single_; }

 private:
  friend struct CacheCodec;  // lexicon_cache.cc writes and reads every member
  // Only `types`, `region_part_of_region` and the reference to `schema` set (from it); the cache
  // reader fills in the rest.
  struct FromCache {};
  CompiledLexicon(const schema::Schema& schema, FromCache);
  static EntityTypes TypesOf(const schema::Schema& schema);
  void IndexRegions();  // region_index_ from the schema's regions

  const schema::Schema& schema_;
  std::unordered_map<std::string, int32_t> region_index_;
  std::vector<int32_t> province_letter_ = std::vector<int32_t>(0x10000, -1);
  std::vector<uint8_t> position_flags_ = std::vector<uint8_t>(0x10000, 0);
  std::vector<std::vector<int32_t>> parents_;
  std::vector<std::vector<int32_t>> group_provinces_;  // provinces of a cross-province group's members
  std::vector<uint8_t> count_words_ = std::vector<uint8_t>(0x10000, 0);
  std::vector<char32_t> astral_count_words_;
  // The filter behind MayStartRegionPair: 2^18 bits (32 KB), under 2% false positives for the
  // gazetteer's ~3,100 first pairs, the blends' and the province-letter pairs. region_single_: some
  // name or blend is one code point long.
  static constexpr uint32_t kRegionPairBitsLog2 = 18;
  static uint32_t RegionPairBit(char32_t first, char32_t second) {
    return ((static_cast<uint32_t>(first) * 0x9E3779B1u) ^ (static_cast<uint32_t>(second) * 0x85EBCA77u)) >>
           (32 - kRegionPairBitsLog2);
  }
  std::vector<uint64_t> region_pairs_ = std::vector<uint64_t>((size_t{1} << kRegionPairBitsLog2) / 64, 0);
  bool region_single_ = false;
  Trie name_abbreviations_;  // the abbreviations of name_expansions
  bool empty_abbreviation_ = false;  // one is empty (it occurs in every name)
};

}  // namespace policykg::lexicon
