#include "lexicon/compiled_lexicon.h"

#include <algorithm>

#include "common/utf8.h"
#include "text/normalize.h"

namespace policykg::lexicon {

namespace {

void AddWords(Trie& trie, const std::vector<std::string>& words, bool reversed) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (reversed) {
      trie.AddReversed(FoldedWord(words[i]), static_cast<int32_t>(i));
    } else {
      trie.Add(FoldedWord(words[i]), static_cast<int32_t>(i));
    }
  }
}

}  // namespace

bool CompiledLexicon::TouchesProvince(int32_t region, int32_t province) const {
  if (region < 0 || province < 0) return false;
  if (gazetteer.province(region) == province) return true;
  const auto& list = group_provinces_[region];
  return std::find(list.begin(), list.end(), province) != list.end();
}

CompiledLexicon::EntityTypes CompiledLexicon::TypesOf(const schema::Schema& schema) {
  return {schema.FindEntityType("Brand"),       schema.FindEntityType("Event"),
          schema.FindEntityType("Facility"),    schema.FindEntityType("Initiative"),
          schema.FindEntityType("Institution"), schema.FindEntityType("Lab"),
          schema.FindEntityType("Plan"),        schema.FindEntityType("Platform"),
          schema.FindEntityType("Project")};
}

CompiledLexicon::CompiledLexicon(const schema::Schema& schema, FromCache)
    : types(TypesOf(schema)),
      region_part_of_region(schema.Allows("part_of", "Region", "Region")),
      schema_(schema),
      province_letter_(),
      position_flags_(),
      count_words_(),
      region_pairs_() {}

CompiledLexicon::CompiledLexicon(const schema::Schema& schema)
    : types(TypesOf(schema)),
      region_part_of_region(schema.Allows("part_of", "Region", "Region")),
      schema_(schema) {
  const auto& lex = schema.lexicons;
  IndexRegions();
  parents_.resize(lex.regions.size());
  for (size_t i = 0; i < lex.regions.size(); ++i) {
    for (const auto& p : lex.regions[i].parents) parents_[i].push_back(RegionIndex(p));
  }
  gazetteer.Build(lex, parents_);
  // Each region's province reaches every group above it (parent chains are short; the bound
  // guards against a cycle in hand-edited data); so does a group's partial member's
  // (关中平原城市群: 运城, 临汾), though the member is not part of it.
  group_provinces_.resize(lex.regions.size());
  std::vector<int32_t> above;
  const auto reach_groups_above = [&](int32_t province) {  // from the regions in `above`
    for (size_t k = 0; k < above.size() && k < 64; ++k) {
      const int32_t a = above[k];
      if (a < 0) continue;
      if (gazetteer.province(a) < 0) {
        auto& list = group_provinces_[a];
        if (std::find(list.begin(), list.end(), province) == list.end()) list.push_back(province);
      }
      above.insert(above.end(), parents_[a].begin(), parents_[a].end());
    }
  };
  for (size_t i = 0; i < lex.regions.size(); ++i) {
    const int32_t province = gazetteer.province(static_cast<int32_t>(i));
    if (province < 0) continue;
    above.assign(parents_[i].begin(), parents_[i].end());
    reach_groups_above(province);
  }
  for (size_t g = 0; g < lex.regions.size(); ++g) {
    for (const auto& m : lex.regions[g].partial_members) {
      const int32_t province = gazetteer.province(RegionIndex(m));
      if (province < 0) continue;
      above.assign(1, static_cast<int32_t>(g));
      reach_groups_above(province);
    }
  }
  for (const auto& a : lex.abbreviations) {
    std::u32string t = FoldedWord(a.text);
    if (t.size() == 1 && a.tier != "nickname") name_blend_letters.emplace(t[0], RegionIndex(a.region));
    // A label letter: standalone, or not a letter of the province's name (蜀, 陇, 秦), so that 新 in
    // “新农人” or 青 in “青年驿站” is not read as a province.
    if (a.tier == "province" && t.size() == 1 &&
        (a.standalone_blend || FoldedWord(lex.regions[RegionIndex(a.region)].name).find(t[0]) == std::u32string::npos))
      province_label_letters.emplace(t[0], RegionIndex(a.region));
    if (a.tier == "province" && a.standalone_blend && t.size() == 1) {
      province_abbreviations.emplace(t[0], RegionIndex(a.region));
      if (t[0] < province_letter_.size()) province_letter_[t[0]] = RegionIndex(a.region);
    }
  }
  for (const auto& a : lex.abbreviations) {
    std::u32string t = FoldedWord(a.text);
    // A nickname is a letter that is not the name's own initial (甬, 榕, 通 for 南通); an initial
    // (南 for 南充) is read through city_initials like any other.
    if ((a.tier == "city" || a.tier == "nickname") && t.size() == 1) {
      const int32_t region = RegionIndex(a.region);
      const std::u32string name = FoldedWord(lex.regions[region].name);
      if (name.empty() || name[0] != t[0]) city_nicknames.emplace(t[0], region);
    }
  }
  for (size_t r = 0; r < lex.regions.size(); ++r) {
    const auto& region = lex.regions[r];
    // A municipality's districts stand where a province's counties do (永川 in 永自高速, 武清 in 通武廊).
    const bool municipal_district = region.level == "district" && schema::InMunicipality(region.code);
    std::u32string name = FoldedWord(region.name);
    if (name.empty()) continue;
    // Other districts only where the report's province holds them (增城 and 天河 in 增天高速).
    if (region.level == "district" && !municipal_district) {
      district_initials[name[0]].push_back(static_cast<int32_t>(r));
      continue;
    }
    // Prefecture- and county-level divisions (a municipality's districts among them), but not a 特区 or
    // 林区 (六枝, 神农架), which are read from no letter.
    if (!schema::IsPrefectureLevel(region.level) &&
        (!schema::IsCountyLevel(region.level) || region.level == "special_district" || region.level == "forest_district"))
      continue;
    city_initials[name[0]].push_back(static_cast<int32_t>(r));
  }
  for (const auto& b : lex.blends) {
    BlendEntry entry;
    for (const auto& name : b.regions) {
      int32_t idx = RegionIndex(name);
      entry.regions.push_back(idx);
      if (lex.regions[idx].level != "province") entry.city_tier = true;
    }
    blend_entries.push_back(std::move(entry));
    blends.Add(FoldedWord(b.text), static_cast<int32_t>(blend_entries.size() - 1));
  }
  for (size_t i = 0; i < lex.heads.size(); ++i) heads_reversed.AddReversed(FoldedWord(lex.heads[i].text), static_cast<int32_t>(i));
  auto listed = [](const std::vector<std::string>& words, const std::string& w) {
    return static_cast<uint8_t>(std::find(words.begin(), words.end(), w) != words.end());
  };
  for (const auto& h : lex.heads) {
    head_is_weak.push_back(listed(lex.weak_heads, h.text));
    head_takes_abbreviation.push_back(listed(lex.abbreviation_heads, h.text));
    head_ends_route.push_back(listed(lex.letter_blend_route_endings, h.text));
  }
  for (size_t i = 0; i < lex.cues.size(); ++i) cues.Add(FoldedWord(lex.cues[i].text), static_cast<int32_t>(i));
  AddWords(boundary_reversed, lex.boundary_words, true);
  AddWords(boundary_words, lex.boundary_words, false);
  AddWords(soft_boundary_reversed, lex.soft_boundaries, true);
  AddWords(boundary_exceptions, lex.boundary_exceptions, false);
  AddWords(generic_modifiers, lex.generic_modifiers, false);
  AddWords(letter_blend_endings_reversed, lex.letter_blend_endings, true);
  AddWords(letter_blend_stop_words, lex.letter_blend_stop_words, false);
  AddWords(platform_letters, lex.platform_letters, false);
  AddWords(letter_blend_route_endings, lex.letter_blend_route_endings, false);
  AddWords(route_end_heads, lex.route_end_heads, false);
  AddWords(route_end_heads_reversed, lex.route_end_heads, true);
  AddWords(route_end_sites_reversed, lex.route_end_sites, true);
  AddWords(town_stop_words, lex.town_stop_words, false);
  AddWords(plan_name_verbs_reversed, lex.plan_name_verbs, true);
  AddWords(title_verbs_reversed, lex.title_verbs, true);
  for (const auto& route : lex.routes) {
    const int32_t group = route_letters.Add(FoldedWord(route.letters), static_cast<int32_t>(routes_by_letters.size()));
    if (group == static_cast<int32_t>(routes_by_letters.size())) routes_by_letters.emplace_back();
    CompiledRoute compiled;
    for (const auto& ending : route.endings) compiled.endings.push_back(FoldedWord(ending));
    for (const auto& end : route.ends) compiled.ends.push_back(RegionIndex(end));
    routes_by_letters[group].push_back(std::move(compiled));
  }
  for (const auto& site : lex.sites) {
    site_regions.emplace(FoldedWord(site.name), RegionIndex(site.region));
    for (const auto& alias : site.aliases) site_regions.emplace(FoldedWord(alias), RegionIndex(site.region));
  }
  AddWords(site_letter_verbs, lex.site_letter_verbs, false);
  AddWords(consequence_verbs, lex.consequence_verbs, false);
  AddWords(grade_words, lex.grade_words, false);
  AddWords(title_skip_words, lex.title_skip_words, false);
  AddWords(size_words, lex.size_words, false);
  for (const std::string& entry : lex.name_variants) {
    const size_t eq = entry.find('=');  // (validated at load)
    name_variants.Add(FoldedWord(entry.substr(0, eq)), static_cast<int32_t>(name_variant_canonical.size()));
    name_variant_canonical.push_back(FoldedWord(entry.substr(eq + 1)));
  }
  AddWords(brand_products, lex.brand_products, false);
  AddWords(site_designations, lex.site_designations, false);
  AddWords(landform_marks, lex.landform_marks, false);
  AddWords(site_designation_verbs_reversed, lex.site_designation_verbs, true);
  AddWords(cluster_heads_reversed, lex.cluster_heads, true);
  AddWords(cluster_designation_verbs_reversed, lex.cluster_designation_verbs, true);
  AddWords(region_theme_words_reversed, lex.region_theme_words, true);
  AddWords(works_words, lex.works_words, false);
  AddWords(league_suffixes, lex.league_suffixes, false);
  AddWords(quoted_label_initiative_words, lex.quoted_label_initiative_words, false);
  AddWords(quoted_label_initiative_words_reversed, lex.quoted_label_initiative_words, true);
  AddWords(quoted_label_stop_words, lex.quoted_label_stop_words, false);
  AddWords(quoted_label_platform_endings_reversed, lex.quoted_label_platform_endings, true);
  AddWords(quoted_label_closing_verbs_reversed, lex.quoted_label_closing_verbs, true);
  AddWords(blend_label_site_endings_reversed, lex.blend_label_site_endings, true);
  AddWords(blend_label_role_endings_reversed, lex.blend_label_role_endings, true);
  AddWords(cluster_nouns, lex.cluster_nouns, false);
  AddWords(firm_name_endings_reversed, lex.firm_name_endings, true);
  AddWords(support_verbs_reversed, lex.support_verbs, true);
  AddWords(bare_metrics, lex.bare_metrics, false);
  AddWords(total_words, lex.total_words, false);
  AddWords(share_words, lex.share_words, false);
  AddWords(counted_programmes, lex.counted_programmes, false);
  AddWords(subject_site_verbs_reversed, lex.subject_site_verbs, true);
  AddWords(national_scope_words, lex.national_scope_words, false);
  AddWords(funding_verbs_reversed, lex.funding_verbs, true);
  AddWords(funded_links, lex.funded_links, false);
  AddWords(partner_class_nouns_reversed, lex.partner_class_nouns, true);
  AddWords(letter_blend_clause_endings, lex.letter_blend_clause_endings, false);
  AddWords(weak_outcomes, lex.weak_outcomes, false);
  AddWords(build_progress, lex.build_progress, false);
  AddWords(lead_roles, lex.lead_roles, false);
  AddWords(milestone_words, lex.milestone_words, false);
  AddWords(count_verbs, lex.count_verbs, false);
  AddWords(operation_words, lex.operation_words, false);
  AddWords(opposed_verbs_reversed, lex.opposed_verbs, true);
  AddWords(metric_verbs, lex.metric_verbs, false);
  AddWords(selection_verbs, lex.selection_verbs, false);
  AddWords(selection_verbs_reversed, lex.selection_verbs, true);
  AddWords(selection_openers, lex.selection_openers, false);
  AddWords(metric_tails_reversed, lex.metric_tails, true);
  AddWords(ratio_metrics_reversed, lex.ratio_metrics, true);
  AddWords(people_nouns_reversed, lex.people_nouns, true);
  AddWords(benefit_verbs_reversed, lex.benefit_verbs, true);
  AddWords(means_words_reversed, lex.means_words, true);
  AddWords(own_designations, lex.own_designations, false);
  AddWords(platform_class_endings_reversed, lex.platform_class_endings, true);
  AddWords(cue_tails, lex.cue_tails, false);
  AddWords(superlatives, lex.superlatives, false);
  AddWords(quoted_object_verbs_reversed, lex.quoted_object_verbs, true);
  AddWords(evaluative_words, lex.evaluative_words, false);
  AddWords(head_continuations, lex.head_continuations, false);
  AddWords(cooperation_cues, lex.cooperation_cues, false);
  AddWords(link_words, lex.link_words, false);
  AddWords(partner_verbs, lex.partner_verbs, false);
  AddWords(partner_verbs_reversed, lex.partner_verbs, true);
  AddWords(develop_verbs, lex.develop_verbs, false);
  AddWords(host_verbs, lex.host_verbs, false);
  AddWords(landing_verbs, lex.landing_verbs, false);
  AddWords(programme_verbs, lex.programme_verbs, false);
  AddWords(develop_verbs_reversed, lex.develop_verbs, true);
  AddWords(host_verbs_reversed, lex.host_verbs, true);
  AddWords(plan_verbs_reversed, lex.plan_verbs, true);
  AddWords(upgrade_verbs_reversed, lex.upgrade_verbs, true);
  AddWords(look_back_verbs_reversed, lex.plan_verbs, true);
  AddWords(look_back_verbs_reversed, lex.achievement_verbs, true);
  AddWords(construction_verbs_reversed, lex.construction_verbs, true);
  AddWords(construction_verbs, lex.construction_verbs, false);
  AddWords(build_suffixes, lex.build_suffixes, false);
  AddWords(build_adverbs, lex.build_adverbs, false);
  AddWords(founding_verbs, lex.founding_verbs, false);
  AddWords(plural_cues_reversed, lex.plural_cues, true);
  AddWords(stage_suffixes, lex.stage_suffixes, false);
  AddWords(companion_events, lex.companion_events, false);
  AddWords(target_comparators_reversed, lex.target_comparators, true);
  AddWords(rate_comparators_reversed, lex.rate_comparators, true);
  AddWords(increment_comparators_reversed, lex.increment_comparators, true);
  AddWords(target_comparators, lex.target_comparators, false);
  AddWords(target_qualifiers, lex.target_qualifiers, false);
  AddWords(metric_fillers, lex.metric_fillers, false);
  AddWords(metric_fillers_reversed, lex.metric_fillers, true);
  AddWords(metric_end_adverbs_reversed, lex.metric_end_adverbs, true);
  AddWords(uncounted_nouns, lex.uncounted_nouns, false);
  AddWords(counted_metrics_reversed, lex.counted_metrics, true);
  AddWords(threshold_comparators, lex.threshold_comparators, false);
  AddWords(approximate_comparators, lex.approximate_comparators, false);
  AddWords(units, lex.units, false);
  AddWords(counters, lex.counters, false);
  for (const auto& w : lex.count_words) {
    const std::u32string folded = FoldedWord(w);
    if (folded.size() != 1) continue;  // rejected when the schema's rules are compiled
    if (folded[0] < count_words_.size()) {
      count_words_[folded[0]] = 1;
    } else {
      astral_count_words_.push_back(folded[0]);
    }
  }
  for (const auto& b : lex.boilerplate) boilerplate.push_back(FoldedWord(b));
  for (const auto& h : lex.review_headings) review_headings.push_back(FoldedWord(h));
  for (const auto& e : lex.name_expansions) {
    name_expansions.emplace_back(FoldedWord(e.abbreviation), FoldedWord(e.expansion));
    name_abbreviations_.Add(name_expansions.back().first, static_cast<int32_t>(name_expansions.size() - 1));
    empty_abbreviation_ = empty_abbreviation_ || name_expansions.back().first.empty();
  }
  auto add_region_pair = [&](char32_t first, char32_t second) {
    const uint32_t bit = RegionPairBit(first, second);
    region_pairs_[bit >> 6] |= uint64_t{1} << (bit & 63);
  };
  region_names.ForEachFirstPair(add_region_pair);
  blends.ForEachFirstPair(add_region_pair);
  for (const auto& a : province_abbreviations) {
    for (const auto& b : province_abbreviations) add_region_pair(a.first, b.first);
  }
  region_single_ = region_names.has_single_key() || blends.has_single_key();
  // The same as HasKeyStartingWith for every BMP code point, from the tries' first code points.
  auto flag_firsts = [&](const Trie& trie, uint8_t flag) {
    trie.ForEachFirstCodePoint([&](char32_t cp) {
      if (cp < position_flags_.size()) position_flags_[cp] |= flag;
    });
  };
  flag_firsts(region_names, kRegionStart);
  flag_firsts(blends, kRegionStart);
  for (const auto& a : province_abbreviations) {
    if (a.first < position_flags_.size()) position_flags_[a.first] |= kRegionStart;
  }
  flag_firsts(heads_reversed, kHeadEnd);
  flag_firsts(cooperation_cues, kCooperationCueStart);
  flag_firsts(site_designations, kDesignationStart);
  flag_firsts(counted_programmes, kCountedProgrammeStart);
  flag_firsts(cluster_heads_reversed, kClusterHeadEnd);
}

bool CompiledLexicon::HasAbbreviationIn(std::u32string_view name) const {
  if (empty_abbreviation_) return true;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name_abbreviations_.LongestAt(name, i).length > 0) return true;
  }
  return false;
}

void CompiledLexicon::IndexRegions() {
  const auto& regions = schema_.lexicons.regions;
  region_index_.reserve(regions.size());
  for (size_t i = 0; i < regions.size(); ++i)
    region_index_.emplace(regions[i].name, static_cast<int32_t>(i));
}

int32_t CompiledLexicon::RegionIndex(const std::string& name) const {
  auto it = region_index_.find(name);
  return it == region_index_.end() ? -1 : it->second;
}

std::vector<int32_t> CompiledLexicon::PrefecturesByInitial(char32_t letter, int32_t province) const {
  std::vector<int32_t> found;
  const auto it = city_initials.find(letter);
  if (it == city_initials.end() || province < 0) return found;
  for (const int32_t r : it->second) {
    if (schema::RanksAsPrefecture(region(r)) && gazetteer.province(r) == province) found.push_back(r);
  }
  return found;
}

bool CompiledLexicon::IsWithin(int32_t inner, int32_t outer) const {
  std::vector<int32_t> frontier = parents_[inner];
  for (size_t steps = 0; !frontier.empty() && steps < 64; ++steps) {  // bounded: the data may hold a cycle
    const int32_t p = frontier.back();
    frontier.pop_back();
    if (p == outer) return true;
    frontier.insert(frontier.end(), parents_[p].begin(), parents_[p].end());
  }
  return false;
}

}  // namespace policykg::lexicon
