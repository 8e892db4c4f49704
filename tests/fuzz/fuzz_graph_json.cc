// libFuzzer target: graph::ParseGraphJson on arbitrary bytes. When the input parses, the graph is
// canonicalized and written, and that output must parse again and, canonicalized and written
// again, give the same bytes (round trip); mention offsets are checked to be ordered as the reader
// promises (end >= start) and to name known documents; and the graph as read opens as a snapshot
// view, as `query` opens every JSON graph (GraphView::Of throws if its own snapshot is refused).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "fuzz_check.h"
#include "graph/graph_view.h"
#include "graph/json_io.h"

using namespace policykg;

namespace {

std::string Write(const graph::KnowledgeGraph& g, bool pretty) {
  std::ostringstream out;
  graph::WriteOptions options;
  options.pretty = pretty;
  graph::WriteGraphJson(g, out, options);
  return out.str();
}

std::string Diff(const std::string& a, const std::string& b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  size_t from = i < 80 ? 0 : i - 80;
  return fmt::format("first difference at byte {}:\n  first:  …{}…\n  second: …{}…", i, a.substr(from, 200),
                     b.substr(from, 200));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view json(reinterpret_cast<const char*>(data), size);
  auto parsed = graph::ParseGraphJson(json, "fuzz");
  if (!parsed.ok()) {
    FUZZ_CHECK(!parsed.error().ToString().empty(), "empty error message");
    return 0;
  }
  graph::KnowledgeGraph& g = *parsed;
  for (auto [it, end] = boost::vertices(g.g()); it != end; ++it) {
    for (const auto& m : g.node(*it).mentions) {
      FUZZ_CHECK(m.start <= m.end, "reader accepted a mention with end < start");
      FUZZ_CHECK(g.FindDocument(m.doc) != nullptr, "reader accepted a mention of an unknown document");
    }
  }
  {
    const auto view = graph::GraphView::Of(g);
    FUZZ_CHECK(view->node_count() == g.node_count() && view->edge_count() == g.edge_count(),
               "the snapshot view counts other nodes or edges than the graph read");
  }
  g.Canonicalize();
  const std::string first = Write(g, true);
  auto again = graph::ParseGraphJson(first, "fuzz-roundtrip");
  FUZZ_CHECK(again.ok(), "graph written by WriteGraphJson does not parse: " + again.error().ToString());
  again->Canonicalize();
  const std::string second = Write(*again, true);
  FUZZ_CHECK(first == second, "write → read → write is not stable; " + Diff(first, second));
  FUZZ_CHECK(again->node_count() == g.node_count() && again->edge_count() == g.edge_count(),
             "round trip changed the node or edge count");
  // The compact form must read back as the same graph too.
  auto compact = graph::ParseGraphJson(Write(g, false), "fuzz-compact");
  FUZZ_CHECK(compact.ok(), "compact graph JSON does not parse: " + compact.error().ToString());
  compact->Canonicalize();
  FUZZ_CHECK(Write(*compact, true) == first, "compact round trip differs from pretty one");
  return 0;
}
