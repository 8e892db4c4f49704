// The rules extraction runs, in the order and with the enablement schema/rules.json gives: the C++
// rules by name (each declaring its phase, the relations it emits and the word lists it reads with
// their length limits) and the data patterns. CompileRules checks all of it against the schema.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "extract/context.h"
#include "extract/pattern.h"
#include "schema/schema.h"

namespace policykg::extract {

// When a rule runs within a sentence: entity candidates, then (overlaps resolved) regions inside
// names, then (entities made) targets, then relations.
enum class RulePhase : uint8_t { kEntity, kName, kTarget, kRelation };
inline constexpr size_t kRulePhases = 4;

// A word list a rule reads, and the word lengths (code points) it handles; max_length 0: any.
// `within`: each word must also be a word of that list (a counter is read only after a unit).
struct WordListUse {
  const char* list;
  uint32_t min_length = 1, max_length = 0;
  const char* within = nullptr;
};

// What a rule needs of the sentence, when it runs, to do anything at all: RuleSet::Run skips the
// call when the sentence lacks it (a rule declares only what its code returns on without).
enum RuleNeeds : uint8_t {
  kNeedsNothing = 0,
  kNeedsRegionHits = 1,        // a region hit (SentenceContext::hits not empty)
  kNeedsSentenceEntities = 2,  // an entity of the sentence (made: relation phase only)
  kNeedsOpenQuotes = 4,        // an opening quote mark “ (SentenceContext::open_quotes)
  kNeedsEnumerationMarks = 8,  // 等 or a closing quote mark (SentenceContext::enumeration_marks)
  kNeedsCooperationCues = 16,  // a cooperation cue (SentenceContext::cooperation_cue_starts)
};

struct BuiltinRule {
  const char* name;  // the provenance string it writes
  RulePhase phase;
  void (*run)(SentenceContext&);
  std::vector<const char*> emits;  // relation names
  std::vector<WordListUse> reads;
  std::vector<const char*> writes;  // further provenance strings it writes (entity.quoted_cue)
  uint8_t needs = kNeedsNothing;    // RuleNeeds
};

// Every rule written in C++, in the default order.
const std::vector<BuiltinRule>& BuiltinRules();

class RuleSet {
 public:
  struct Step {
    const char* name;
    void (*run)(SentenceContext&) = nullptr;   // a C++ rule, or
    const CompiledPattern* pattern = nullptr;  // a pattern
    uint8_t needs = kNeedsNothing;             // RuleNeeds
  };
  void Run(RulePhase phase, SentenceContext& ctx) const {
    for (const Step& step : phases_[static_cast<size_t>(phase)]) {
      if (step.needs != kNeedsNothing && !SentenceHas(step.needs, ctx)) continue;
      if (step.run) {
        step.run(ctx);
      } else {
        step.pattern->Run(ctx);
      }
    }
  }
  // The enabled rules in run order, by phase.
  const std::array<std::vector<Step>, kRulePhases>& phases() const { return phases_; }

 private:
  static bool SentenceHas(uint8_t needs, const SentenceContext& ctx) {
    return !((needs & kNeedsRegionHits) && ctx.hits.empty()) &&
           !((needs & kNeedsSentenceEntities) && ctx.first_entity == ctx.out.entities.size()) &&
           !((needs & kNeedsOpenQuotes) && ctx.open_quotes.empty()) &&
           !((needs & kNeedsEnumerationMarks) && ctx.enumeration_marks.empty()) &&
           !((needs & kNeedsCooperationCues) && ctx.cooperation_cue_starts.empty());
  }
  friend Result<RuleSet> CompileRules(const schema::Schema& schema);
  std::array<std::vector<Step>, kRulePhases> phases_;
  std::vector<std::unique_ptr<CompiledPattern>> patterns_;
};

// The schema's rules (schema.rules) compiled: unknown rule names, relations an enabled rule emits
// that the schema lacks, and words outside the lengths a rule handles are errors naming the file
// and JSON pointer. The RuleSet refers to `schema`, which must outlive it.
Result<RuleSet> CompileRules(const schema::Schema& schema);

}  // namespace policykg::extract
