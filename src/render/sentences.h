// The sentences that explain a node (the sentence around a mention) or an edge (its evidence),
// for tooltips and the HTML panel. Documents are decoded once and cached.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "graph/model.h"

namespace policykg::render {

// Code points of context kept on either side of a mention when its sentence is longer.
inline constexpr size_t kSentenceContext = 200;

class SentenceLookup {
 public:
  explicit SentenceLookup(const graph::KnowledgeGraph& graph) : graph_(graph) {}

  // The sentence of the mention's document containing the mention (cut with "…" at
  // kSentenceContext code points either side of the mention), or "" when the document text is not
  // embedded in the graph or the offsets are out of range.
  // With `mark`, also the mention's [start, end) in code points of the returned sentence.
  std::string MentionSentence(const graph::Mention& mention,
                              std::pair<size_t, size_t>* mark = nullptr);

 private:
  const graph::KnowledgeGraph& graph_;
  std::map<std::string, std::u32string, std::less<>> decoded_;
};

// The text shown for one evidence item: its sentence, or the fact followed by its source.
std::string EvidenceText(const graph::Evidence& evidence);

// At most `max_code_points` code points of `text`, with "…" appended when cut.
std::string Truncate(std::string_view text, size_t max_code_points);

}  // namespace policykg::render
