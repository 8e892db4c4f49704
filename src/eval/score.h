// Scores a knowledge graph against a gold annotation with exactly the rules of the project's
// quality scorer, tools/kg_score.py (same numbers, same miss lists, in the same order):
//   Entities: nodes mentioned in the scored document (every node when the graph holds a single
//     document and no scope is given), Target nodes aside, match a gold entry when their
//     normalized name or any alias equals the entry's normalized name or any alias (the lowest
//     entry index wins; a later entry sharing a key takes the key). A match counts for precision
//     and recall only when the types agree; unmatched nodes named in the gold's `optional` list
//     are not scored; every other unmatched node is a false positive.
//   Targets: a gold target is found when a mentioned Target node has attributes.value equal to
//     the gold value (numbers, or strings as Python's float() reads them) and its normalized
//     name followed by its normalized attributes.metric contains the normalized gold metric.
//   Relations (recall): a gold triple holds when an edge of that relation joins nodes matched to
//     the two entries; part_of holds over any directed part_of path, cooperates_with in either
//     direction.
//   Relations (precision): edges of the gold's relation_types (except `targets`) between nodes
//     matched to two different entries; correct when the triple is in relations or
//     optional_relations (cooperates_with both ways), or is part_of within the transitive
//     closure of the gold's part_of triples.
// Names are normalized as in py_compat.h (NFKC, quotes/book-title marks/white space removed).
// Scores are kept unrounded; report.h rounds them to 3 decimals for display like the script.
// Edges are visited in the graph's insertion order (the order of the graph file); note that
// LoadGraph merges duplicate edges, which the script would count twice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "eval/gold.h"
#include "graph/model.h"

namespace policykg::eval {

// Code-point range [begin, end) of a document text.
struct ScopeRange {
  uint64_t begin = 0;
  uint64_t end = 0;
};

struct EvalOptions {
  // Documents whose path followed by title contains this string are scored when the graph
  // holds more than one document; empty = the gold's "document".
  std::string doc;
  // When set, only mentions starting inside the range count (see ResolveScope()).
  std::optional<ScopeRange> scope;
};

struct EntityScores {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  int scored = 0;                            // nodes counted for precision
  int typed_matches = 0;                     // scored nodes matched with the right type
  int untyped_matches = 0;                   // scored nodes matched whatever their type
  int found = 0;                             // gold entities matched with the right type
  std::vector<std::string> missed;           // "name [Type]" of gold entities not found
  std::vector<std::string> false_positives;  // "name [Type]" of unmatched nodes
  std::vector<std::string> type_errors;      // "name: Type (gold GoldType)"
};

struct TargetScores {
  std::optional<double> recall;  // nullopt when the gold lists no targets
  int found = 0;
  int total = 0;
  std::vector<std::string> missed;  // "metric=valueunit"
};

struct RelationScores {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  int scored = 0;                   // edges counted for precision
  int correct = 0;                  // of those, the ones the gold backs
  int found = 0;                    // gold relations that hold
  int total = 0;                    // gold relations
  std::vector<std::string> missed;  // "source -relation-> target" as written in the gold
  std::vector<std::string> wrong;   // "gold name -relation-> gold name" for unbacked edges
};

struct EvalReport {
  EntityScores entities;
  TargetScores targets;
  RelationScores relations;
};

// 2pr/(p+r), 0 when both are 0.
double F1(double precision, double recall);

EvalReport Score(const graph::KnowledgeGraph& graph, const Gold& gold, const EvalOptions& options);

// Ids of the documents whose path followed by title contains options.doc (or gold.document);
// they are the scored ones when the graph holds more than one document.
std::vector<std::string> SelectDocuments(const graph::KnowledgeGraph& graph, const Gold& gold,
                                         const EvalOptions& options);

// kg_score.py scope_range(): the code-point range of lines scope.first..scope.last (1-based,
// inclusive) of `utf8_text`, read with Python's universal newlines (\r\n and \r count as \n).
// Errors (invalid UTF-8, first line past the end) name `origin`.
Result<ScopeRange> ScopeRangeInText(std::string_view utf8_text, const ScopeLines& scope,
                                    const std::string& origin);

// The scope for `gold`: nullopt when the gold has no scope_lines or `text_path` is empty,
// else the range of those lines in the text file.
Result<std::optional<ScopeRange>> ResolveScope(const Gold& gold, const std::string& text_path);

}  // namespace policykg::eval
