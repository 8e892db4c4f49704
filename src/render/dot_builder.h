// Writes a view of the graph as DOT styled from the schema (shapes, colours, CJK labels, legend,
// clusters, SVG ids/classes/tooltips); `render` lays it out, the `dot` export writes it as is.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "graph/model.h"
#include "render/options.h"
#include "render/view.h"
#include "schema/schema.h"

namespace policykg::render {

inline constexpr const char* kCjkFontName = "WenQuanYi Zen Hei";
inline constexpr const char* kLegendNodeId = "policykg:legend";

struct DotOptions {
  std::string layout = "dot";    // the engine the graph attributes are tuned for
  std::string format = "svg";    // "png" adds a resolution and a size bound
  bool legend = true;            // one entry per entity type and relation shown
  bool clusters = false;         // Regions inside a box for the group Region they are part_of
  bool interactive = true;       // SVG ids, classes and tooltips with evidence sentences
  bool data_attributes = false;  // name, type, aliases, attr_*, relation, weight, evidence
  std::string caption;           // drawn under the graph; empty = none
  // Node ids with `&` as &amp;, for SVG and HTML output: Graphviz copies node ids into <title>
  // and keeps entity-like text (`&xxe;`) as it is. The DOT export keeps ids exact.
  bool ampersand_ids = false;
  // A network picture (collaboration or focus view): larger labels, shorter edges.
  bool network = false;
};

// Nodes are shaped and coloured by entity type and edges by relation as the schema says;
// symmetric relations get no arrowheads; labels are wrapped and set in a CJK font. Labels are
// escStrings, node ids and data attributes raw DOT strings (see export/escape.h).
std::string BuildDot(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                     const GraphView& view, const DotOptions& options);

// Breaks a long name into lines of about `width` CJK characters (ASCII counts half), without
// splitting ASCII words or starting a line with closing punctuation. Lines are joined by '\n';
// newlines already in `name` are kept.
std::string WrapLabel(std::string_view name, size_t width = kLabelWrapWidth);

// Stable SVG ids and CSS classes (see exports::NameToken).
std::string SvgNodeId(std::string_view node_id);  // "n-<token>"
std::string SvgEdgeId(std::string_view source_id, std::string_view relation,
                      std::string_view target_id);     // "e-<source>-<relation>-<target>"
std::string TypeClass(std::string_view type);          // "type-<token>"
std::string RelationClass(std::string_view relation);  // "rel-<token>"

// The visible Regions to draw in a cluster, keyed by their group Region: each visible Region that
// is part_of a Region whose `level` is "group" (the first such group).
std::map<graph::Vertex, std::vector<graph::Vertex>> GroupClusters(
    const graph::KnowledgeGraph& graph, const GraphView& view);

}  // namespace policykg::render
