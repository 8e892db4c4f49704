// Draws a knowledge graph (or a view of it) with Graphviz: laid-out DOT, SVG, PNG, or a
// self-contained interactive HTML page. Bad options come back as an Error, never thrown.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "graph/model.h"
#include "render/dot_builder.h"
#include "render/options.h"
#include "render/view.h"
#include "schema/schema.h"

namespace policykg::render {

inline constexpr const char* kRenderFormats[] = {"dot", "svg", "png", "html"};

// The render format implied by an output path's extension (.dot/.gv, .svg, .png, .html/.htm).
std::optional<std::string> RenderFormatFromPath(std::string_view path);

// Selects the view `options` asks for, styles it from `schema` and lays it out with Graphviz.
// Returns the bytes of the output file in options.format.
Result<std::string> RenderGraph(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                                const RenderOptions& options);

// The DOT styling for drawing `view` as `options` asks (caption, legend, clusters, format).
DotOptions RenderDotOptions(const graph::KnowledgeGraph& graph, const GraphView& view,
                            const RenderOptions& options);

// Lays out DOT text with Graphviz engine `layout` and renders it as `format` ("dot", "svg",
// "png", …). Errors: DOT syntax (with Graphviz's message), unknown engine or format.
Result<std::string> LayoutDot(std::string_view dot_text, std::string_view layout,
                              std::string_view format);

}  // namespace policykg::render
