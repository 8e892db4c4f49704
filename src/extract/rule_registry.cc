#include "extract/rule_registry.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/json.h"
#include "common/suggest.h"
#include "common/utf8.h"
#include "extract/rules/rules.h"

namespace policykg::extract {

const std::vector<BuiltinRule>& BuiltinRules() {
  static const std::vector<BuiltinRule> rules = {
      {"entity.head",
       RulePhase::kEntity,
       rules::EntityHead,
       {},
       {{"boundary_words"},
        {"milestone_words"},
        {"operation_words"},
        {"own_designations"},
        {"platform_class_endings"},
        {"generic_modifiers"},
        {"evaluative_words"},
        {"head_continuations"},
        {"units"},
        {"count_words", 1, 1},
        {"weak_heads"},
        {"abbreviation_heads"},
        {"plural_cues"},
        {"stage_suffixes"},
        {"construction_verbs"},
        {"counters"},
        {"plan_name_verbs"},
        {"title_verbs", 2},
        {"title_skip_words"},
        {"works_words"},
        {"grade_words"},
        {"build_progress"},
        {"landform_marks"},
        {"superlatives"}},
       {"entity.known_site"}},
      {"entity.enumeration_cue",
       RulePhase::kEntity,
       rules::EntityEnumerationCue,
       {},
       {{"boundary_words"}, {"evaluative_words"}, {"cue_tails"}, {"opposed_verbs"}, {"stage_suffixes"}},
       {"entity.quoted_cue"},
       kNeedsEnumerationMarks},
      {"entity.shared_head",
       RulePhase::kEntity,
       rules::EntitySharedHead,
       {},
       {{"boundary_words"},
        {"generic_modifiers"},
        {"count_words", 1, 1},
        {"plan_verbs"},
        {"plan_name_verbs"},
        {"evaluative_words"},
        {"build_suffixes"}}},
      {"entity.shared_place", RulePhase::kEntity, rules::EntitySharedPlace, {}, {{"generic_modifiers"}, {"companion_events"}}},
      {"entity.counted_places",
       RulePhase::kEntity,
       rules::EntityCountedPlaces,
       {},
       {{"generic_modifiers"}, {"counters"}}},
      {"entity.elliptic_head",
       RulePhase::kEntity,
       rules::EntityEllipticHead,
       {},
       {{"boundary_words"},
        {"generic_modifiers"},
        {"counters"},
        {"size_words"},
        {"grade_words"},
        {"works_words"},
        {"units"}}},
      {"entity.listed_project",
       RulePhase::kEntity,
       rules::EntityListedProject,
       {},
       {{"boundary_words"}, {"generic_modifiers"}, {"plan_name_verbs"}},
       {},
       kNeedsEnumerationMarks},
      {"entity.quoted_region_name",
       RulePhase::kEntity,
       rules::EntityQuotedRegionName,
       {},
       {{"region_theme_words"}, {"quoted_label_initiative_words"}},
       {},
       kNeedsOpenQuotes},
      {"entity.quoted_region_label",
       RulePhase::kEntity,
       rules::EntityQuotedRegionLabel,
       {},
       {{"quoted_label_initiative_words"},
        {"quoted_label_stop_words"},
        {"quoted_label_platform_endings"},
        {"quoted_label_closing_verbs"}},
       {"gazetteer.label_letter"},
       kNeedsOpenQuotes},
      {"entity.region_theme",
       RulePhase::kEntity,
       rules::EntityRegionTheme,
       {},
       {{"region_theme_words"}, {"boundary_words"}},
       {},
       kNeedsRegionHits},
      {"entity.quoted_league",
       RulePhase::kEntity,
       rules::EntityQuotedLeague,
       {},
       {{"league_suffixes"}},
       {"gazetteer.label_letter"},
       kNeedsOpenQuotes},
      {"entity.quoted_plan_object",
       RulePhase::kEntity,
       rules::EntityQuotedPlanObject,
       {},
       {{"plan_verbs"},
        {"build_suffixes"},
        {"build_adverbs"},
        {"stage_suffixes"},
        {"upgrade_verbs"},
        {"quoted_object_verbs"}},
       {},
       kNeedsOpenQuotes},
      {"entity.book_title", RulePhase::kEntity, rules::EntityBookTitle, {}, {}},
      {"entity.quoted_class_item",
       RulePhase::kEntity,
       rules::EntityQuotedClassItem,
       {},
       {},
       {},
       kNeedsOpenQuotes},
      {"entity.region_product",
       RulePhase::kEntity,
       rules::EntityRegionProduct,
       {},
       {{"brand_products"}},
       {},
       kNeedsRegionHits},
      {"entity.route_code",
       RulePhase::kEntity,
       rules::EntityRouteCode,
       {},
       {{"stage_suffixes"}, {"build_suffixes"}, {"build_adverbs"}}},
      {"entity.counted_programme", RulePhase::kEntity, rules::EntityCountedProgramme, {}, {{"counted_programmes"}}},
      {"entity.supply_route", RulePhase::kEntity, rules::EntitySupplyRoute, {}, {{"boundary_words"}, {"build_suffixes"}}},
      {"entity.phased_works",
       RulePhase::kEntity,
       rules::EntityPhasedWorks,
       {},
       {{"works_words"},
        {"boundary_words"},
        {"build_suffixes"},
        {"build_adverbs"},
        {"evaluative_words"}}},
      {"entity.designated_site",
       RulePhase::kEntity,
       rules::EntityDesignatedSite,
       {},
       {{"site_designations"}, {"site_designation_verbs"}, {"boundary_words"}, {"generic_modifiers"}, {"counters"}}},
      {"entity.designated_cluster",
       RulePhase::kEntity,
       rules::EntityDesignatedCluster,
       {},
       {{"cluster_heads"}, {"cluster_designation_verbs"}, {"boundary_words"}}},
      {"gazetteer.name_blend",
       RulePhase::kName,
       rules::GazetteerNameBlend,
       {},
       {},
       {"gazetteer.blend"}},
      {"gazetteer.route_ends", RulePhase::kName, rules::GazetteerRouteEnds, {}, {}},
      {"entity.blend_label",
       RulePhase::kName,
       rules::EntityBlendLabel,
       {},
       {{"blend_label_site_endings", 1, 1}, {"blend_label_role_endings"}},
       {},
       kNeedsOpenQuotes},
      {"gazetteer.city_letters",
       RulePhase::kName,
       rules::GazetteerCityLetters,
       {},
       {{"letter_blend_endings"},
        {"letter_blend_clause_endings"},
        {"letter_blend_stop_words"},
        {"platform_letters", 1, 1},
        {"letter_blend_route_endings"},
        {"generic_modifiers"},
        {"boundary_words"}},
       {"gazetteer.segment_letters"}},
      {"gazetteer.merchant_letter", RulePhase::kName, rules::GazetteerMerchantLetter, {}, {}},
      {"target",
       RulePhase::kTarget,
       rules::Target,
       {},
       {{"target_comparators"},
        {"count_verbs"},
        {"rate_comparators"},
        {"increment_comparators"},
        {"target_qualifiers"},
        {"units"},
        {"counters", 1, 0, "units"},
        {"metric_fillers"},
        {"metric_end_adverbs"},
        {"uncounted_nouns"},
        {"counted_metrics"},
        {"threshold_comparators"},
        {"approximate_comparators"},
        {"metric_verbs"},
        {"bare_metrics"},
        {"total_words"},
        {"share_words"},
        {"funding_verbs"},
        {"funded_links"},
        {"selection_verbs"},
        {"selection_openers"},
        {"metric_tails"},
        {"ratio_metrics"},
        {"people_nouns"},
        {"benefit_verbs"},
        {"review_headings"}}},
      {"cooperates_with.blend",
       RulePhase::kRelation,
       rules::CooperatesWithBlend,
       {"cooperates_with"},
       {{"cooperation_cues"}, {"cluster_nouns"}}},
      {"cooperates_with.run_together",
       RulePhase::kRelation,
       rules::CooperatesWithRunTogether,
       {"cooperates_with"},
       {{"cooperation_cues"}},
       {},
       kNeedsRegionHits},
      {"cooperates_with.list",
       RulePhase::kRelation,
       rules::CooperatesWithList,
       {"cooperates_with"},
       {{"cooperation_cues"}},
       {},
       kNeedsCooperationCues},
      {"cooperates_with.report_region",
       RulePhase::kRelation,
       rules::CooperatesWithReportRegion,
       {"cooperates_with"},
       {{"cooperation_cues"}, {"partner_class_nouns"}},
       {"cooperates_with.with"},
       kNeedsCooperationCues},
      {"involves.name_blend",
       RulePhase::kRelation,
       rules::InvolvesNameBlend,
       {"involves"},
       {},
       {},
       kNeedsSentenceEntities},
      {"involves.platform_letter",
       RulePhase::kRelation,
       rules::InvolvesPlatformLetter,
       {"involves"},
       {{"platform_letters", 1, 1}},
       {},
       kNeedsSentenceEntities},
      {"involves.name_regions",
       RulePhase::kRelation,
       rules::InvolvesNameRegions,
       {"involves"},
       {},
       {},
       kNeedsSentenceEntities},
      {"involves.joint_build", RulePhase::kRelation, rules::InvolvesJointBuild, {"involves"}, {}},
      {"entity.subject_site",
       RulePhase::kRelation,
       rules::EntitySubjectSite,
       {},
       {{"subject_site_verbs"}, {"national_scope_words"}},
       {},
       kNeedsSentenceEntities},
      {"develops.clause_subject",
       RulePhase::kRelation,
       rules::DevelopsClauseSubject,
       {"develops"},
       {{"develop_verbs"}},
       {},
       kNeedsRegionHits},
      {"develops.report_region",
       RulePhase::kRelation,
       rules::DevelopsReportRegion,
       {"develops"},
       {{"host_verbs"}, {"boundary_words"}}},
      {"develops.implicit",
       RulePhase::kRelation,
       rules::DevelopsImplicit,
       {"develops"},
       {{"plan_verbs"},
        {"programme_verbs"},
        {"upgrade_verbs"},
        {"achievement_verbs"},
        {"build_suffixes"},
        {"consequence_verbs", 2},
        {"build_adverbs"},
        {"build_progress"},
        {"lead_roles"},
        {"founding_verbs"},
        {"weak_outcomes"},
        {"review_headings"},
        {"support_verbs"}}},
      {"develops.own_name",
       RulePhase::kRelation,
       rules::DevelopsOwnName,
       {"develops"},
       {},
       {},
       kNeedsSentenceEntities},
      {"develops.implicit_topic",
       RulePhase::kRelation,
       rules::DevelopsImplicitTopic,
       {"develops"},
       {{"firm_name_endings"}},
       {},
       kNeedsSentenceEntities},
      {"located_in.host_sentence",
       RulePhase::kRelation,
       rules::LocatedInHostSentence,
       {"located_in"},
       {{"host_verbs"}, {"boundary_words"}}},
      {"located_in.name_region",
       RulePhase::kRelation,
       rules::LocatedInNameRegion,
       {"located_in"},
       {},
       {},
       kNeedsSentenceEntities},
      {"located_in.name_letter",
       RulePhase::kRelation,
       rules::LocatedInNameLetter,
       {"located_in"},
       {},
       {},
       kNeedsSentenceEntities},
      {"located_in.landed",
       RulePhase::kRelation,
       rules::LocatedInLanded,
       {"located_in"},
       {{"landing_verbs"}},
       {},
       kNeedsSentenceEntities},
      {"located_in.name_platform",
       RulePhase::kRelation,
       rules::LocatedInNamePlatform,
       {"located_in"},
       {},
       {},
       kNeedsSentenceEntities},
      {"located_in.known_site",
       RulePhase::kRelation,
       rules::LocatedInKnownSite,
       {"located_in"},
       {},
       {},
       kNeedsSentenceEntities},
      {"located_in.site_letter",
       RulePhase::kRelation,
       rules::LocatedInSiteLetter,
       {"located_in"},
       {{"site_letter_verbs", 2}, {"build_adverbs"}},
       {},
       kNeedsSentenceEntities},
      {"targets.document_region",
       RulePhase::kRelation,
       rules::TargetsDocumentRegion,
       {"targets"},
       {}},
      {"entity.town",
       RulePhase::kRelation,
       rules::EntityTown,
       {"part_of"},
       {{"town_stop_words"}},
       {"part_of.town"},
        kNeedsRegionHits},
      {"entity.route_end",
       RulePhase::kRelation,
       rules::EntityRouteEnd,
       {"involves"},
       {{"route_end_heads"}, {"route_end_sites"}},
       {"involves.route_end"},
        kNeedsSentenceEntities},
  };
  return rules;
}

namespace {

// Every word of `list` within the lengths `use` allows, for the rule `rule`.
Status CheckWordList(const schema::Schema& schema, const WordListUse& use,
                     const std::string& rule) {
  const std::vector<std::string>* words = schema::FindWordList(schema.lexicons, use.list);
  if (words == nullptr)
    return MakeFileError(schema.rules_file,
                         fmt::format("rule {} reads unknown word list {}", rule, use.list));
  for (size_t i = 0; i < words->size(); ++i) {
    if (use.within != nullptr) {
      const std::vector<std::string>* within = schema::FindWordList(schema.lexicons, use.within);
      if (within == nullptr ||
          std::find(within->begin(), within->end(), (*words)[i]) == within->end()) {
        return JsonPathError(
            schema.words_file, fmt::format("/{}/{}", use.list, i),
            fmt::format("\"{}\" is not in {}; rule {} reads {} only after one of {}", (*words)[i],
                        use.within, rule, use.list, use.within));
      }
    }
    const size_t length = DecodeUtf8Lenient((*words)[i]).size();
    if (length >= use.min_length && (use.max_length == 0 || length <= use.max_length)) continue;
    const char* unit = use.max_length == 1 || (use.max_length == 0 && use.min_length == 1)
                           ? "character"
                           : "characters";
    std::string limits = use.max_length == 0 ? fmt::format("at least {} {}", use.min_length, unit)
                         : use.min_length == use.max_length
                             ? fmt::format("exactly {} {}", use.min_length, unit)
                             : fmt::format("{} to {} {}", use.min_length, use.max_length, unit);
    return JsonPathError(schema.words_file, fmt::format("/{}/{}", use.list, i),
                         fmt::format("\"{}\" is {} characters long; rule {} reads {} words of {}",
                                     (*words)[i], length, rule, use.list, limits));
  }
  return Status::Ok();
}

}  // namespace

Result<RuleSet> CompileRules(const schema::Schema& schema) {
  RuleSet set;
  std::vector<std::string> builtin_names;
  for (const auto& b : BuiltinRules()) builtin_names.emplace_back(b.name);
  for (const auto& spec : schema.rules) {
    const std::string at = spec.pointer + "/name";
    if (spec.pattern) {
      if (!spec.enabled) continue;
      for (const auto& e : spec.pattern->elements) {
        if (e.kind == schema::PatternElement::kWords) {
          POLICYKG_RETURN_IF_ERROR(CheckWordList(schema, {e.words.c_str()}, spec.name));
        }
      }
      set.patterns_.push_back(std::make_unique<CompiledPattern>(spec.name, *spec.pattern, schema));
      set.phases_[static_cast<size_t>(RulePhase::kRelation)].push_back(
          {set.patterns_.back()->name().c_str(), nullptr, set.patterns_.back().get()});
      continue;
    }
    const BuiltinRule* builtin = nullptr;
    for (const auto& b : BuiltinRules()) {
      if (spec.name == b.name) builtin = &b;
    }
    if (builtin == nullptr) {
      auto near = ClosestNames(spec.name, builtin_names, 1);
      return JsonPathError(
          schema.rules_file, at,
          fmt::format(
              "unknown rule \"{}\"{} (a rule without \"pattern\" names a rule written in C++)",
              spec.name, near.empty() ? "" : " (did you mean \"" + near[0] + "\"?)"));
    }
    if (!spec.enabled) continue;
    for (const char* relation : builtin->emits) {
      if (!schema.FindRelationType(relation)) {
        return JsonPathError(
            schema.rules_file, at,
            fmt::format(
                "rule {} emits relation \"{}\", which schema.json does not define (disable the "
                "rule or define the relation)",
                spec.name, relation));
      }
    }
    for (const auto& use : builtin->reads)
      POLICYKG_RETURN_IF_ERROR(CheckWordList(schema, use, spec.name));
    set.phases_[static_cast<size_t>(builtin->phase)].push_back(
        {builtin->name, builtin->run, nullptr, builtin->needs});
  }
  return set;
}

}  // namespace policykg::extract
