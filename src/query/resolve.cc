#include "query/resolve.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "common/suggest.h"
#include "text/normalize.h"

namespace policykg::query {

namespace {

std::vector<graph::Vertex> OfType(const graph::GraphView& g,
                                  std::span<const graph::Vertex> vertices, std::string_view type) {
  std::vector<graph::Vertex> out;
  for (graph::Vertex v : vertices) {
    if (type.empty() || g.node(v).type == type) out.push_back(v);
  }
  return out;
}

void SortById(const graph::GraphView& g, std::vector<graph::Vertex>& vertices) {
  std::sort(vertices.begin(), vertices.end(),
            [&](graph::Vertex a, graph::Vertex b) { return g.node(a).id < g.node(b).id; });
  vertices.erase(std::unique(vertices.begin(), vertices.end()), vertices.end());
}

}  // namespace

Resolution ResolveEntity(const GraphIndex& index, std::string_view name, std::string_view type) {
  const graph::GraphView& g = index.graph();
  Resolution result;
  std::vector<graph::Vertex> ignored_by_type;
  auto settle = [&](std::span<const graph::Vertex> matches) {
    std::vector<graph::Vertex> kept = OfType(g, matches, type);
    if (kept.size() != matches.size()) {
      for (graph::Vertex v : matches) {
        if (g.node(v).type != type) ignored_by_type.push_back(v);
      }
    }
    SortById(g, kept);
    if (kept.empty()) return false;
    if (kept.size() == 1) {
      result.outcome = Resolution::Outcome::kFound;
      result.vertex = kept[0];
    } else {
      result.outcome = Resolution::Outcome::kAmbiguous;
      result.candidates = std::move(kept);
    }
    return true;
  };

  if (auto exact = g.FindById(name)) {
    graph::Vertex v = *exact;
    if (settle(std::span<const graph::Vertex>(&v, 1))) return result;
  }
  const std::string key = text::NameKey(name);
  if (!key.empty()) {
    if (settle(index.WithIdKey(key))) return result;
    if (settle(index.WithNameKey(key))) return result;
    if (settle(index.WithAliasKey(key))) return result;
  }

  result.outcome = Resolution::Outcome::kNotFound;
  SortById(g, ignored_by_type);
  result.other_types = std::move(ignored_by_type);
  if (result.other_types.empty()) {
    if (type.empty()) {
      result.suggestions = ClosestNames(name, index.AllNames());
    } else {
      std::vector<std::string> names;
      for (graph::Vertex v = 0; v < g.node_count(); ++v) {
        if (g.node(v).type != type) continue;
        const graph::NodeRef node = g.node(v);
        names.emplace_back(node.name);
        for (std::string_view a : node.aliases) names.emplace_back(a);
      }
      result.suggestions = ClosestNames(name, names);
    }
  }
  return result;
}

std::string DescribeFailure(const GraphIndex& index, const Resolution& resolution,
                            std::string_view name, std::string_view type,
                            std::string_view type_option) {
  const graph::GraphView& g = index.graph();
  auto ids = [&](const std::vector<graph::Vertex>& vertices) {
    std::vector<std::string> out;
    for (graph::Vertex v : vertices) out.emplace_back(g.node_id(v));
    return fmt::format("{}", fmt::join(out, ", "));
  };
  switch (resolution.outcome) {
    case Resolution::Outcome::kFound:
      return "";
    case Resolution::Outcome::kAmbiguous:
      return fmt::format("ambiguous name {}: {} (give an id, or pick one with {})", name,
                         ids(resolution.candidates), type_option);
    case Resolution::Outcome::kNotFound:
      break;
  }
  const std::string what = type.empty() ? "entity" : std::string(type);
  if (!resolution.other_types.empty()) {
    return fmt::format("no {} named {}; other types have it: {}", what, name,
                       ids(resolution.other_types));
  }
  if (resolution.suggestions.empty()) return fmt::format("no {} named {}", what, name);
  return fmt::format("no {} named {}; did you mean: {}", what, name,
                     fmt::join(resolution.suggestions, ", "));
}

Status CheckKnownName(std::string_view what, const std::string& value,
                      const std::vector<std::string>& known) {
  if (std::find(known.begin(), known.end(), value) != known.end()) return Status::Ok();
  auto close = ClosestNames(value, known);
  if (!close.empty()) {
    return MakeError(
        fmt::format("unknown {} {}; did you mean: {}", what, value, fmt::join(close, ", ")));
  }
  return MakeError(fmt::format("unknown {} {}; known: {}", what, value, fmt::join(known, ", ")));
}

}  // namespace policykg::query
