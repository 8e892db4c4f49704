// The extraction rules written in C++, one file each, named by the provenance string they write.
// Each reads and writes the shared SentenceContext; rule_registry.cc says when each runs and what
// it reads and emits. Patterns (schema/rules.json) are the rules written as data.
#pragma once

#include "extract/context.h"

namespace policykg::extract::rules {

// Entity candidates (before overlaps are resolved).
void EntityHead(SentenceContext& ctx);            // entity.head
void EntityEnumerationCue(SentenceContext& ctx);  // entity.enumeration_cue, entity.quoted_cue
void EntitySharedHead(SentenceContext& ctx);      // entity.shared_head
void EntityCountedPlaces(SentenceContext& ctx);   // entity.counted_places
void EntitySharedPlace(SentenceContext& ctx);     // entity.shared_place
void EntityEllipticHead(SentenceContext& ctx);    // entity.elliptic_head
void EntityListedProject(SentenceContext& ctx);   // entity.listed_project
void EntityQuotedRegionName(SentenceContext& ctx);  // entity.quoted_region_name
void EntityQuotedRegionLabel(SentenceContext& ctx);  // entity.quoted_region_label (and gazetteer.label_letter)
void EntityRegionTheme(SentenceContext& ctx);       // entity.region_theme
void EntityQuotedLeague(SentenceContext& ctx);      // entity.quoted_league
void EntityQuotedPlanObject(SentenceContext& ctx);  // entity.quoted_plan_object
void EntityBookTitle(SentenceContext& ctx);         // entity.book_title
void EntityQuotedClassItem(SentenceContext& ctx);   // entity.quoted_class_item
void EntityRegionProduct(SentenceContext& ctx);     // entity.region_product
void EntityRouteCode(SentenceContext& ctx);       // entity.route_code
void EntitySupplyRoute(SentenceContext& ctx);     // entity.supply_route
void EntityCountedProgramme(SentenceContext& ctx);  // entity.counted_programme
void EntityPhasedWorks(SentenceContext& ctx);     // entity.phased_works
void EntityDesignatedSite(SentenceContext& ctx);  // entity.designated_site
void EntityDesignatedCluster(SentenceContext& ctx);  // entity.designated_cluster
// Regions inside the kept names.
void GazetteerNameBlend(SentenceContext& ctx);  // gazetteer.name_blend (mentions: gazetteer.blend)
void GazetteerRouteEnds(SentenceContext& ctx);  // gazetteer.route_ends
void GazetteerCityLetters(SentenceContext& ctx);  // gazetteer.city_letters
void EntityBlendLabel(SentenceContext& ctx);      // entity.blend_label
void GazetteerMerchantLetter(SentenceContext& ctx);  // gazetteer.merchant_letter
// Targets.
void Target(SentenceContext& ctx);  // target
// Relations.
void CooperatesWithBlend(SentenceContext& ctx);        // cooperates_with.blend
void CooperatesWithRunTogether(SentenceContext& ctx);  // cooperates_with.run_together
void CooperatesWithList(SentenceContext& ctx);         // cooperates_with.list
void CooperatesWithReportRegion(SentenceContext& ctx);  // cooperates_with.report_region, .with
void InvolvesNameBlend(SentenceContext& ctx);          // involves.name_blend
void InvolvesPlatformLetter(SentenceContext& ctx);     // involves.platform_letter
void InvolvesNameRegions(SentenceContext& ctx);        // involves.name_regions
void InvolvesJointBuild(SentenceContext& ctx);         // involves.joint_build
void DevelopsClauseSubject(SentenceContext& ctx);      // develops.clause_subject
void EntitySubjectSite(SentenceContext& ctx);          // entity.subject_site
void DevelopsReportRegion(SentenceContext& ctx);       // develops.report_region
void DevelopsOwnName(SentenceContext& ctx);            // develops.own_name
void DevelopsImplicitTopic(SentenceContext& ctx);      // develops.implicit_topic
void DevelopsImplicit(SentenceContext& ctx);           // develops.implicit
void LocatedInHostSentence(SentenceContext& ctx);      // located_in.host_sentence
void LocatedInNameRegion(SentenceContext& ctx);        // located_in.name_region
void LocatedInNameLetter(SentenceContext& ctx);        // located_in.name_letter
void LocatedInSiteLetter(SentenceContext& ctx);        // located_in.site_letter
void LocatedInKnownSite(SentenceContext& ctx);         // located_in.known_site
void LocatedInLanded(SentenceContext& ctx);            // located_in.landed
void LocatedInNamePlatform(SentenceContext& ctx);      // located_in.name_platform
void TargetsDocumentRegion(SentenceContext& ctx);      // targets.document_region
void EntityTown(SentenceContext& ctx);                 // entity.town (and part_of.town)
void EntityRouteEnd(SentenceContext& ctx);             // entity.route_end (and involves.route_end)

}  // namespace policykg::extract::rules
