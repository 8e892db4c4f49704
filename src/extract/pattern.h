// Relation patterns written as data (schema/rules.json): a sequence of adjacent elements — typed
// spans (a region, a region list, an entity of some types; regions of some levels, in the
// report's province), a word of a word list, literal words — matched right to left from every
// span of the last span's kind in the sentence, each word element taking the longest word ending
// where the element after it starts; word elements after the last span are matched left to right
// from its end, each taking the longest word starting there. A match emits
// the pattern's relation between the regions/entities of its source and target elements (or the
// report's region), for every pair the schema's domain and range allow.
#pragma once

#include <string>
#include <vector>

#include "extract/context.h"
#include "lexicon/trie.h"
#include "schema/schema.h"

namespace policykg::extract {

class CompiledPattern {
 public:
  // `spec` was checked by LoadSchema (known lists, types, relation; domain and range).
  CompiledPattern(const std::string& name, const schema::PatternSpec& spec,
                  const schema::Schema& schema);

  const std::string& name() const { return name_; }
  // Adds the relations of every match in the current sentence.
  void Run(SentenceContext& ctx) const {
    // Most sentences have no region or no entity to anchor a match: no call then.
    if (anchor_region_ ? ctx.hits.empty() : ctx.first_entity == ctx.out.entities.size()) return;
    RunFromAnchors(ctx);
  }

 private:
  struct Element {
    schema::PatternElement::Kind kind;
    bool region = false;  // span: a region (else an entity)
    bool list = false;
    std::vector<std::string> types;  // entity span: allowed types (empty: any)
    std::vector<std::string> levels;  // region span: allowed levels (empty: any)
    std::vector<uint8_t> level_allowed;  // … by region index (empty: any level)
    bool home = false;                // region span: only regions touching the report's province
    bool away = false;                // region span: only regions not touching it
    bool optional = false;            // word elements: may be absent
    lexicon::Trie not_after;          // region span: words that must not end right before it (reversed)
    lexicon::Trie words;  // word elements: the words, reversed (matched ending at a position)
    lexicon::Trie words_forward;  // word elements after the anchor: the words (starting at a position)
  };
  // Run once the sentence has a region or entity of the anchor's kind.
  void RunFromAnchors(SentenceContext& ctx) const;
  // True when region `r` may fill region span `element`.
  bool RegionAllowed(const SentenceContext& ctx, const Element& element, int32_t r) const;
  // Matches the word elements after the anchor from `pos`; false when one is missing.
  bool MatchAfter(const SentenceContext& ctx, uint32_t pos) const;
  bool TypeAllowed(const Element& element, const std::string& type) const;
  // Matches elements [0, last) ending at pos; fills the refs of the source and target elements.
  bool MatchBefore(const SentenceContext& ctx, size_t last, uint32_t pos, std::vector<Ref>& source,
                   std::vector<Ref>& target) const;
  // The refs buffer element `element` fills (source, target), or nullptr.
  std::vector<Ref>* Bound(size_t element, std::vector<Ref>& source, std::vector<Ref>& target) const;
  const std::string& TypeOf(const SentenceContext& ctx, Ref ref) const;

  std::string name_, relation_;
  int source_, target_;
  std::vector<Element> elements_;
  size_t anchor_ = 0;  // the last span element
  bool anchor_region_ = false;  // … is a region span (else an entity span)
  const schema::Schema& schema_;
};

}  // namespace policykg::extract
