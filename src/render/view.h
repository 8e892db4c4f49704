// Chooses what a picture shows — type/relation filters, the ego graph around a focus node, the
// collaboration view, the --max-nodes bound — and which layout engine draws it. No Graphviz here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "graph/model.h"
#include "render/options.h"
#include "schema/schema.h"

namespace policykg::render {

// Two Regions of the collaboration view and what joins them. weight = shared + (cooperate ? 1 : 0):
// one for each platform, plan, project or initiative both are involved in or develop, plus one
// when a cooperates_with edge joins them directly.
struct RegionLink {
  graph::Vertex a;  // a < b
  graph::Vertex b;
  std::vector<graph::Vertex> shared;  // the joint things, in graph order
  bool cooperate = false;
  size_t weight() const { return shared.size() + (cooperate ? 1 : 0); }
};

// The nodes and edges a picture shows.
struct GraphView {
  std::vector<graph::Vertex> nodes;          // in graph order
  std::vector<graph::EdgeDescriptor> edges;  // in canonical edge order, both ends in `nodes`
  std::vector<graph::Vertex> focus;          // the focus nodes, if a focus was given
  std::string layout;                        // the engine to use
  size_t nodes_before_bound = 0;             // how many nodes passed the filters
  std::vector<std::string> notes;            // what was left out and why, for the caption
  bool collaboration = false;                // drawn as the collaboration view
  std::vector<RegionLink> links;             // collaboration: region pairs shown, strongest first
  // collaboration: the score of each Region shown, as `query collaboration` counts it — distinct
  // cooperates_with partners + distinct nodes joined by involves — indexed by vertex (0 = none).
  std::vector<size_t> region_scores;

  bool bounded() const { return nodes.size() < nodes_before_bound; }
};

inline constexpr const char* kLayouts[] = {"dot", "sfdp", "neato", "fdp", "circo"};

// The nodes `name` designates: exact id, else exact name, else alias, else equal NameKey.
// Not found: an error whose message lists the closest names ("did you mean …").
Result<std::vector<graph::Vertex>> FindFocusNodes(const graph::KnowledgeGraph& graph,
                                                  std::string_view name);

// Applies `options` (view preset, filters, focus, max_nodes, layout choice). Errors: unknown
// layout, view, entity type or relation (with suggestions), focus not found, negative depth.
// Logs a warning on stderr when the drawing is large or was bounded.
Result<GraphView> SelectView(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                             const RenderOptions& options);

// Every node and edge, for exports.
GraphView WholeGraphView(const graph::KnowledgeGraph& graph);

}  // namespace policykg::render
