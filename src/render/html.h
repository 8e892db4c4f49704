// The interactive HTML view: one self-contained page (inline SVG/CSS/JS/JSON, no network) with a
// search box and a panel for the clicked node; scriptable through window.policykg.
#pragma once

#include <string>

#include "common/status.h"
#include "graph/model.h"
#include "render/options.h"
#include "render/view.h"
#include "schema/schema.h"

namespace policykg::render {

// The page: the SVG drawing, a search box highlighting nodes by name or alias (NFKC-folded,
// case-insensitive), a panel with the clicked node's type, aliases, attributes and evidence
// sentences, and window.policykg {search, select, selectEdge, fit, selected, data}. A
// Content-Security-Policy forbids every network access.
Result<std::string> RenderHtmlPage(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                                   const RenderOptions& options);

// The year a report is for: the first 19xx/20xx in its title, else in its file name; "" if none.
std::string DocumentYear(const graph::Document& doc);

// How evidence names a report: its title (else its file name), with the issuing region and the
// year added when the title does not already say them.
std::string DocumentLabel(const graph::KnowledgeGraph& graph, const graph::Document& doc);

// The JSON data blob the page embeds for `view` (nodes and edges keyed by their SVG ids), with
// '<', '>' and '&' written as \u escapes so it is safe inside a <script> element.
std::string HtmlPageData(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                         const GraphView& view, const std::string& title);

}  // namespace policykg::render
