// Reads and writes the policykg graph JSON file (format "policykg", version 1).
// Writing is deterministic: same graph, same bytes. Reading validates structure and reports
// malformed input as file:line:col (syntax) or file: /json/pointer: message (structure).
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "common/status.h"
#include "graph/model.h"

namespace policykg::graph {

struct WriteOptions {
  bool embed_text = true;  // include each document's text (lets `query evidence` work anywhere)
  bool pretty = true;
  int threads = 1;  // records are serialized on this many threads (same bytes for any count)
};

void WriteGraphJson(const KnowledgeGraph& graph, std::ostream& out, const WriteOptions& options = {});
Status SaveGraph(const KnowledgeGraph& graph, const std::string& path,
                 const WriteOptions& options = {});

// Parses graph JSON from memory; `origin` names the source in errors.
Result<KnowledgeGraph> ParseGraphJson(std::string_view json, const std::string& origin);
// Loads a graph file; "-" reads stdin.
Result<KnowledgeGraph> LoadGraph(const std::string& path);

}  // namespace policykg::graph
