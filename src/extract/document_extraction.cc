#include "extract/document_extraction.h"

#include <string_view>

#include "common/utf8.h"
#include "extract/context.h"
#include "extract/rule_registry.h"
#include "text/normalize.h"

namespace policykg::extract {

namespace {

// Generic names (国家高新区) stay only where a region develops them.
void DropUnusedGenericEntities(DocumentExtraction& out) {
  std::vector<char> used(out.entities.size(), 0);
  for (const auto& r : out.relations) {
    if (r.relation == "develops" && r.target.kind == Ref::kEntity) used[r.target.index] = 1;
  }
  // Compacted in place: entities before the first dropped one stay where they are.
  size_t first_dropped = 0;
  while (first_dropped < out.entities.size() && !(out.entities[first_dropped].generic && !used[first_dropped]))
    ++first_dropped;
  if (first_dropped == out.entities.size()) return;  // nothing to drop
  std::vector<int32_t> remap(out.entities.size(), -1);
  for (size_t k = 0; k < first_dropped; ++k) remap[k] = static_cast<int32_t>(k);
  size_t next = first_dropped;
  for (size_t k = first_dropped; k < out.entities.size(); ++k) {
    if (out.entities[k].generic && !used[k]) continue;
    remap[k] = static_cast<int32_t>(next);
    if (next != k) out.entities[next] = std::move(out.entities[k]);
    ++next;
  }
  out.entities.resize(next);
  size_t kept = 0;
  for (size_t k = 0; k < out.relations.size(); ++k) {
    RelationMention& r = out.relations[k];
    bool ok = true;
    for (Ref* ref : {&r.source, &r.target}) {
      if (ref->kind == Ref::kEntity) {
        ref->index = remap[ref->index];
        ok = ok && ref->index >= 0;
      }
    }
    if (r.via.index >= 0) r.via.index = remap[r.via.index];  // a dropped generic via: none
    if (!ok) continue;
    if (kept != k) out.relations[kept] = std::move(r);
    ++kept;
  }
  out.relations.resize(kept);
}

// The rules over every sentence: entity candidates, overlaps resolved, regions inside names,
// entities made, targets, relations.
void RunSentences(SentenceContext& ctx, const text::Layout& layout, const RuleSet& rules) {
  for (const auto& sentence : layout.sentences) {
    ctx.BeginSentence(sentence);
    rules.Run(RulePhase::kEntity, ctx);
    ctx.ResolveOverlaps();
    rules.Run(RulePhase::kName, ctx);
    ctx.MakeEntities();
    rules.Run(RulePhase::kTarget, ctx);
    rules.Run(RulePhase::kRelation, ctx);
  }
}

}  // namespace

DocumentExtraction ExtractDocument(const std::u32string& folded, const text::Layout& layout,
                                   const lexicon::CompiledLexicon& lexicon, const RuleSet& rules) {
  DocumentExtraction out;
  // About one target and two names per 150 characters of a report: no regrowth, no moves.
  out.targets.reserve(folded.size() / 128);
  out.entities.reserve(folded.size() / 64);
  SentenceContext ctx(folded, layout, lexicon, out);
  ctx.FindDocumentRegion();
  RunSentences(ctx, layout, rules);
  DropUnusedGenericEntities(out);
  return out;
}

Result<DocumentExtraction> ExtractSentence(std::string_view utf8_text,
                                           const lexicon::CompiledLexicon& lexicon,
                                           const RuleSet& rules, const SentenceOptions& options) {
  size_t bad = 0;
  std::optional<std::u32string> decoded = DecodeUtf8Strict(utf8_text, &bad);
  if (!decoded) return MakeFileError("<text>", "invalid UTF-8 at byte " + std::to_string(bad));
  const std::u32string folded = text::FoldText(*decoded);
  const text::Layout layout = text::AnalyzeLayout(folded, lexicon.boilerplate);
  if (options.document_region.empty()) return ExtractDocument(folded, layout, lexicon, rules);
  const int32_t region = lexicon.RegionIndex(options.document_region);
  if (region < 0)
    return MakeFileError("<options>",
                         "unknown document region \"" + options.document_region + "\"");
  // The same run with the report's region given instead of read from a title.
  DocumentExtraction out;
  {
    SentenceContext ctx(folded, layout, lexicon, out);
    out.document_region = region;
    RunSentences(ctx, layout, rules);
  }
  DropUnusedGenericEntities(out);
  return out;
}

}  // namespace policykg::extract
