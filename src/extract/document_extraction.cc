#include "extract/document_extraction.h"

#include <algorithm>
#include <string_view>

#include "common/utf8.h"
#include "extract/context.h"
#include "extract/rule_registry.h"
#include "text/normalize.h"

namespace policykg::extract {

using std::string_view_literals::operator""sv;

namespace {

// Generic names (国家高新区) stay only where a region develops them.
void DropUnusedGenericEntities(DocumentExtraction& out, bool record_dropped) {
  std::vector<char> used(out.entities.size(), 0);
  for (const auto& r : out.relations) {
    if (r.relation == "develops"sv && r.target.kind == Ref::kEntity) used[r.target.index] = 1;
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
    if (out.entities[k].generic && !used[k]) {
      if (record_dropped) {
        const EntityMention& ent = out.entities[k];
        out.dropped.push_back({ent.start, ent.end, ent.type, ent.rule,
                               "generic (a class or count of things, not one; kept only where developed)"});
      }
      continue;
    }
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

// alias.initials: a programme named by numerals that open the words of a longer name in the same
// report, with the same head, is that name (“百千万工程” = 百县千镇万村高质量发展工程): the short
// name takes the long one as an alias, so both are one node.
void LinkNumeralInitialisms(DocumentExtraction& out) {
  constexpr size_t kMinHead = 2;
  for (auto& shorter : out.entities) {
    const std::u32string& s = shorter.name;
    if (s.size() < kMinHead + 2 || s.size() > kMinHead + 4 || !IsChineseNumeral(s[0]) || !IsChineseNumeral(s[1]))
      continue;  // (most names: the pass costs one look at each)
    for (const auto& longer : out.entities) {
      const std::u32string& l = longer.name;
      if (l.size() < s.size() + 4 || longer.type != shorter.type) continue;
      size_t head = 0;
      while (head < s.size() && s[s.size() - 1 - head] == l[l.size() - 1 - head]) ++head;
      if (head < kMinHead || head + 2 > s.size()) continue;
      const std::u32string_view initials(s.data(), s.size() - head), words(l.data(), l.size() - head);
      if (!std::all_of(initials.begin(), initials.end(), IsChineseNumeral) || initials[0] != words[0] ||
          words.size() < 2 * initials.size())
        continue;
      size_t at = 0;  // the initials, in order, among the longer name's letters
      for (const char32_t c : initials) {
        at = words.find(c, at);
        if (at == std::u32string_view::npos) break;
        ++at;
      }
      if (at == std::u32string_view::npos) continue;
      if (std::none_of(shorter.aliases.begin(), shorter.aliases.end(), [&](const auto& a) { return a.first == l; }))
        shorter.aliases.emplace_back(l, "alias.initials");
      break;
    }
  }
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
                                   const lexicon::CompiledLexicon& lexicon, const RuleSet& rules,
                                   const ExtractOptions& options) {
  DocumentExtraction out;
  // About one target and two names per 150 characters of a report: no regrowth, no moves.
  out.targets.reserve(folded.size() / 128);
  out.entities.reserve(folded.size() / 64);
  SentenceContext ctx(folded, layout, lexicon, out);
  ctx.record_dropped = options.record_dropped;
  ctx.FindDocumentYear();
  ctx.FindDocumentRegion();
  RunSentences(ctx, layout, rules);
  DropUnusedGenericEntities(out, options.record_dropped);
  LinkNumeralInitialisms(out);
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
    ctx.FindDocumentYear();
    out.document_region = region;
    RunSentences(ctx, layout, rules);
  }
  DropUnusedGenericEntities(out, /*record_dropped=*/false);
  LinkNumeralInitialisms(out);
  return out;
}

}  // namespace policykg::extract
