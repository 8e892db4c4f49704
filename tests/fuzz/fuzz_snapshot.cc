// libFuzzer target: graph::ParseSnapshot on arbitrary bytes, twice: as given (the checksum and
// header checks see the mutation) and sealed (size and checksum fields made right, so that the
// mutation reaches the structural checks behind them). Invariants when an input is accepted: the
// graph written as JSON is accepted by the JSON reader and reads back as the same graph (the
// snapshot reader accepts nothing the JSON reader refuses), and its snapshot, written again and
// read, gives the same JSON; the in-place GraphView of it answers every look-up by id and name key
// and walks every edge list without reading outside the bytes (look-ups in key lists a mutation
// reordered may miss, never crash). A refused input has a one-line error message.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <string>
#include <string_view>

#include "common/hash64.h"
#include "fuzz_check.h"
#include "graph/graph_view.h"
#include "graph/json_io.h"
#include "graph/snapshot.h"

using namespace policykg;

namespace {

std::string Json(const graph::KnowledgeGraph& g) {
  std::ostringstream out;
  graph::WriteGraphJson(g, out);
  return out.str();
}

void Check(const std::string& bytes) {
  auto parsed = graph::ParseSnapshot(bytes, "fuzz");
  if (!parsed.ok()) {
    const std::string message = parsed.error().ToString();
    FUZZ_CHECK(!message.empty(), "empty error message");
    FUZZ_CHECK(message.find('\n') == std::string::npos,
               "error message of several lines: " + message);
    return;
  }
  auto view = graph::GraphView::OpenBorrowed(bytes, "fuzz-view");
  FUZZ_CHECK(view.ok(), "ParseSnapshot accepted what GraphView refuses");
  const graph::GraphView& v = **view;
  FUZZ_CHECK(v.node_count() == parsed->node_count() && v.edge_count() == parsed->edge_count(),
             "the view counts other nodes or edges than the parsed graph");
  size_t walked = 0;
  for (graph::Vertex n = 0; n < v.node_count(); ++n) {
    const graph::NodeRef node = v.node(n);
    FUZZ_CHECK(v.FindById(node.id) == n, "FindById misses a node id");
    walked += v.WithIdKey(node.id_key).size() + v.WithNameKey(node.name_key).size();
    for (std::string_view key : node.alias_keys) walked += v.WithAliasKey(key).size();
    for (const auto [other, e] : v.out_edges(n)) walked += v.edge(e).evidence.size() + other;
    for (const auto [other, e] : v.in_edges(n)) {
      FUZZ_CHECK(v.source(e) == other && v.target(e) == n, "an in-edge list names another edge");
    }
  }
  (void)walked;
  const std::string json = Json(*parsed);
  auto from_json = graph::ParseGraphJson(json, "fuzz-json");
  FUZZ_CHECK(from_json.ok(), "the snapshot reader accepted a graph the JSON reader refuses: " +
                                 from_json.error().ToString());
  FUZZ_CHECK(Json(*from_json) == json, "JSON of the snapshot's graph does not read back the same");
  const std::string again = graph::SerializeSnapshot(*parsed);
  auto reread = graph::ParseSnapshot(again, "fuzz-again");
  FUZZ_CHECK(reread.ok(),
             "a snapshot written from an accepted one is refused: " + reread.error().ToString());
  FUZZ_CHECK(Json(*reread) == json, "snapshot → graph → snapshot changed the graph");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  Check(bytes);
  if (bytes.size() >= graph::kSnapshotHeaderSize && graph::IsSnapshot(bytes)) {
    const uint64_t file_size = bytes.size();
    std::memcpy(&bytes[16], &file_size, 8);  // little-endian hosts (x86-64, arm64)
    const uint64_t checksum = Hash64(std::string_view(bytes).substr(32));
    std::memcpy(&bytes[24], &checksum, 8);
    Check(bytes);
  }
  return 0;
}
