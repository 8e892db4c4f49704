// Evidence for an entity (each mention with the sentence it stands in, taken from the document's
// embedded text) and for the edges between two entities (each evidence entry of each edge).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/graph_view.h"
#include "graph/model.h"
#include "query/graph_index.h"
#include "query/traverse.h"

namespace policykg::query {

// Document ids in numeric order (d3 before d20); ids not of the form d<number> after those, by text.
bool DocIdLess(std::string_view a, std::string_view b);

// What a report is, for display next to its id: its title (the path's file name when it has
// none), the region that issued it and its year (text::DetectReportYear), when known.
struct DocumentName {
  std::string title;
  std::string issuer;  // region name (重庆 of Region:重庆), 国务院 for the national report; or empty
  int year = 0;        // 0 when unknown
  std::string Label() const;  // "title (issuer, year)", unknown parts left out
};
DocumentName NameDocument(const graph::Document& document);

// Sentence terminators: 。！？；and newline (a terminator inside the mention does not split it).
bool IsSentenceEnd(char32_t cp);

// [start, end) in code points of the sentence around [mention_start, mention_end): from after the
// previous terminator (leading white space skipped) through the next terminator at or after the
// mention end (kept, unless it is a newline). Offsets are clamped to the text.
std::pair<uint32_t, uint32_t> SentenceAround(std::u32string_view text, uint32_t mention_start,
                                             uint32_t mention_end);

// A UTF-8 text with byte ranges to emphasize.
struct HighlightedText {
  std::string text;
  std::vector<std::pair<size_t, size_t>> highlights;  // sorted, non-overlapping byte ranges
};

struct MentionEvidence {
  graph::Mention mention;
  const graph::Document* document = nullptr;  // null when the graph lacks that document
  DocumentName document_name;                 // of `document`, when there is one
  std::string mention_text;                   // the mentioned characters, when text is embedded
  bool has_text = false;                      // the document text was embedded in the graph
  uint32_t sentence_start = 0;                // code points in the document
  uint32_t sentence_end = 0;
  HighlightedText sentence;  // the mention highlighted
};

// Every mention of `v` with its sentence, by document (DocIdLess) and position.
std::vector<MentionEvidence> EntityEvidence(const graph::GraphView& graph, graph::Vertex v);

struct EdgeEvidenceItem {
  Link link;  // direction relative to a → b
  graph::Evidence evidence;
  const graph::Document* document = nullptr;  // null for gazetteer facts or unknown docs
  DocumentName document_name;                 // of `document`, when there is one
  HighlightedText text;  // evidence text with the mentions of a and b inside it highlighted
};

// Every evidence entry of one edge between `a` and `b` (direction relative to a → b), by document
// (DocIdLess; gazetteer facts last) and position.
std::vector<EdgeEvidenceItem> LinkEvidence(const GraphIndex& index, graph::Vertex a,
                                           graph::Vertex b, const Link& link);

// Every evidence entry of every edge between `a` and `b` (relation-filtered; empty = any).
std::vector<EdgeEvidenceItem> EdgeEvidence(const GraphIndex& index, graph::Vertex a,
                                           graph::Vertex b,
                                           const std::vector<std::string>& relations = {});

// True when `rule` is one of `families` or lies under one in the dotted rule names (gazetteer
// covers gazetteer.name and gazetteer.short_form.in_name; develops.implicit covers only itself and
// its sub-rules, not develops.implicit_topic); true for any rule when `families` is empty.
bool RuleInFamilies(std::string_view rule, const std::vector<std::string>& families);

// "from gazetteer: schema/gazetteer/regions.json" for a fact without a document.
std::string DescribeFactSource(const graph::Evidence& evidence);

// Renders `text` with ANSI bold red around the highlights when `color`, else plain.
std::string RenderHighlighted(const HighlightedText& text, bool color);

}  // namespace policykg::query
