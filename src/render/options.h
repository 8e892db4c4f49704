// What `policykg render` can be asked for: output format, layout engine, which part of the graph
// to show (filters, focus, the collaboration view) and the size bound for big graphs.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace policykg::render {

// Without --layout: dot up to this many nodes, sfdp above.
inline constexpr size_t kDotLayoutMaxNodes = 150;
// Above this many nodes dot and circo would take too long: sfdp is used and a warning suggests
// --focus.
inline constexpr size_t kLargeDrawingNodes = 300;
// Default --max-nodes: bigger views keep only their highest-degree nodes.
inline constexpr size_t kDefaultMaxNodes = 600;
// Edge labels are drawn only when at most this many edges are shown.
inline constexpr size_t kMaxLabelledEdges = 60;
// Long names are wrapped at about this many code points per line (CJK = 1, ASCII = 1/2).
inline constexpr size_t kLabelWrapWidth = 8;

inline constexpr const char* kCollaborationView = "collaboration";

// A collaboration view with more region pairs than this gets a warning suggesting --top.
inline constexpr size_t kReadableLinks = 60;

struct RenderOptions {
  std::string format = "svg";          // dot (laid out), svg, png or html
  std::string layout;                  // dot, sfdp, neato, fdp, circo; empty = chosen by size
  std::string focus;                   // node id, name or alias; empty = whole graph
  int depth = 1;                       // ego-graph radius around the focus, ignoring edge direction
  std::vector<std::string> types;      // entity types to keep; empty = all (or the view's)
  std::vector<std::string> relations;  // relations to keep; empty = all (or the view's)
  bool clusters = false;  // draw Regions inside a box for the group Region they are part_of
  bool legend = true;
  std::string view;                     // "" or kCollaborationView
  size_t max_nodes = kDefaultMaxNodes;  // 0 = no bound
  // Collaboration view: keep the `top` strongest region pairs (0 = all) whose weight is at least
  // `min_weight` (see RegionLink), and what joins them.
  size_t top = 0;
  double min_weight = 0;
  // Focus views leave out Target nodes and gazetteer-only facts (part_of from the gazetteer)
  // unless asked: with_targets, a --type naming Target, or a --relation filter.
  bool with_targets = false;
};

}  // namespace policykg::render
