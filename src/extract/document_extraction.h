// Rule-based extraction from one document: region mentions (gazetteer names, run-together names,
// blends such as 川渝/万达开), then per sentence the rules of a RuleSet (rule_registry.h) over one
// shared SentenceContext (context.h): entities, targets, relations, each with the rule that made
// it. Deterministic; no graph resolution here (see graph_builder.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "lexicon/compiled_lexicon.h"
#include "text/layout.h"

namespace policykg::extract {

struct RegionMention {
  int32_t region = -1;  // index into the lexicon's regions
  uint32_t start = 0, end = 0;
  const char* rule = "";     // "gazetteer.name", "gazetteer.blend", … (a string literal: no copy per mention)
  bool inside_name = false;  // part of an entity name (川渝 in 川渝高竹新区)
};

struct EntityMention {
  std::string type;
  std::u32string name;  // folded, quote marks removed
  uint32_t start = 0, end = 0;
  // Where the phrase naming it ends: `end`, or the end of a head it shares with a list (南山口、
  // 哇让4个抽水蓄能电站: 南山口's phrase ends after 电站).
  uint32_t phrase_end = 0;
  std::string rule;
  bool generic = false;  // a category (国家高新区): kept only as the object of a develops fact
  bool host = false;     // an area that can contain sites (科学城, 新区)
  std::vector<int32_t> involved_regions;  // regions named by a blend inside the name
  // Every region named inside the name, in text order (a blend gives one entry per region).
  struct NamedRegion {
    int32_t region = -1;
    uint32_t start = 0, end = 0;  // the written region (the whole blend for a blend's regions)
    bool blend = false;
  };
  std::vector<NamedRegion> named_regions;
  // Other names of the same thing, each with the rule that derived it: expanded abbreviations
  // (北理工→北京理工大学), 西部(重庆)科学城→重庆科学城, 科学大道一期→科学大道,
  // 万达开川渝统筹发展示范区→万达开统筹发展示范区.
  std::vector<std::pair<std::u32string, std::string>> aliases;
};

struct TargetMention {
  uint32_t start = 0, end = 0;
  std::u32string name;    // the phrase, e.g. 高新技术企业突破5500家
  std::u32string metric;  // 高新技术企业
  double value = 0;
  std::string unit, comparator, qualifier;
  std::string status;  // "planned" or "achieved" (stated in a look-back section)
  std::u32string display;  // the number as written, e.g. 4万家
};

struct Ref {
  enum Kind : uint8_t { kRegion, kEntity, kTarget };
  Kind kind = kRegion;
  int32_t index = -1;  // region index, or index into entities / targets
  bool operator==(const Ref&) const = default;
};

// `relation` and `rule` view string literals or strings the RuleSet owns (pattern rules), so a
// mention costs no allocation: use the extraction while its RuleSet lives.
struct RelationMention {
  Ref source, target;
  std::string_view relation;
  uint32_t start = 0, end = 0;  // the sentence that states it
  std::string_view rule;
  // The platform or mechanism the relation works through (与四川共建X: cooperates_with via X);
  // index -1: none.
  Ref via{Ref::kEntity, -1};
};

// A name a rule proposed that became no entity, and why (for `policykg explain --dropped`).
struct DroppedCandidate {
  uint32_t start = 0, end = 0;  // code points of the folded text
  std::string type;
  std::string rule;
  std::string reason;
};

struct DocumentExtraction {
  int32_t document_region = -1;  // region whose report this is (from the title), or -1
  int document_year = 0;          // the year the report is of (text::DetectReportYear), 0 when unknown
  std::vector<RegionMention> regions;
  std::vector<EntityMention> entities;
  std::vector<TargetMention> targets;
  std::vector<RelationMention> relations;
  std::vector<DroppedCandidate> dropped;  // only with ExtractOptions::record_dropped
};

struct ExtractOptions {
  // Keep the candidates an overlap or the generic-name test dropped, with the reason (costs time).
  bool record_dropped = false;
};

class RuleSet;

// `folded` is FoldText() of the document; `layout` comes from AnalyzeLayout() on it; `rules` from
// CompileRules() on the lexicon's schema.
DocumentExtraction ExtractDocument(const std::u32string& folded, const text::Layout& layout,
                                   const lexicon::CompiledLexicon& lexicon, const RuleSet& rules,
                                   const ExtractOptions& options = {});

struct SentenceOptions {
  // The report's region by name (the partner, report-region and target rules need one); empty:
  // found from the text's title line as for a document.
  std::string document_region;
};

// A text (a sentence, or a few lines with a title first) extracted as a document, without files:
// the entities, targets and relations with the rules that made them. Errors: invalid UTF-8, an
// unknown document region.
Result<DocumentExtraction> ExtractSentence(std::string_view utf8_text, const lexicon::CompiledLexicon& lexicon,
                                           const RuleSet& rules, const SentenceOptions& options = {});

}  // namespace policykg::extract
