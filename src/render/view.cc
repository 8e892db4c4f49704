#include "render/view.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <set>

#include "common/suggest.h"
#include "text/normalize.h"

namespace policykg::render {

namespace {

using graph::EdgeDescriptor;
using graph::KnowledgeGraph;
using graph::Vertex;

// Regions and every kind of joint thing between them (issue 17: 成渝金融法院 is an Institution,
// 川渝千亿立方米天然气生产基地 a Platform, 成渝中线高铁 a Project).
constexpr const char* kCollaborationTypes[] = {"Region",     "Platform",     "Plan",  "Project", "Initiative",
                                               "Facility",   "Institution",  "Lab",   "Organization",
                                               "Event",      "Brand"};
constexpr const char* kCollaborationRelations[] = {"cooperates_with", "involves", "develops"};

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates) {
  auto closest = ClosestNames(name, candidates);
  if (closest.empty()) return "";
  return fmt::format("; did you mean {}?", JoinNames(closest));
}

// Checks that every name in `names` is a known entity type (or relation): one the schema
// declares or one the graph uses.
Status CheckKnownNames(const std::vector<std::string>& names, std::set<std::string> known,
                       const char* what, const char* flag) {
  for (const auto& name : names) {
    if (known.count(name)) continue;
    std::vector<std::string> candidates(known.begin(), known.end());
    return MakeError(fmt::format("{}: unknown {} '{}'{} (known: {})", flag, what, name,
                                 DidYouMean(name, candidates), JoinNames(candidates)));
  }
  return Status::Ok();
}

// Marks the nodes within `depth` steps of `roots`, following allowed edges in either direction.
std::vector<char> Reachable(const KnowledgeGraph& graph, const std::vector<Vertex>& roots,
                            int depth, const std::function<bool(EdgeDescriptor)>& edge_allowed) {
  const auto& g = graph.g();
  std::vector<int> distance(graph.node_count(), -1);
  std::deque<Vertex> queue;
  for (Vertex r : roots) {
    distance[r] = 0;
    queue.push_back(r);
  }
  while (!queue.empty()) {
    Vertex v = queue.front();
    queue.pop_front();
    if (distance[v] >= depth) continue;
    auto visit = [&](Vertex w) {
      if (distance[w] < 0) {
        distance[w] = distance[v] + 1;
        queue.push_back(w);
      }
    };
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
      if (edge_allowed(*it)) visit(boost::target(*it, g));
    }
    for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) {
      if (edge_allowed(*it)) visit(boost::source(*it, g));
    }
  }
  std::vector<char> reached(distance.size(), 0);
  for (size_t i = 0; i < distance.size(); ++i) reached[i] = distance[i] >= 0;
  return reached;
}

bool Contains(const std::vector<Vertex>& items, Vertex v) {
  return std::find(items.begin(), items.end(), v) != items.end();
}

bool IsGeneric(const graph::Node& node) {
  auto it = node.attributes.find("generic");
  if (it == node.attributes.end()) return false;
  if (const bool* b = std::get_if<bool>(&it->second)) return *b;
  return graph::AttrToString(it->second) == "true";
}

// A fact every piece of evidence of which comes from the gazetteer, not from a report sentence.
bool IsGazetteerOnly(const graph::Edge& edge) {
  if (edge.evidence.empty()) return false;
  for (const auto& evidence : edge.evidence) {
    if (!evidence.doc.empty()) return false;
    if (evidence.rule.rfind("gazetteer", 0) != 0 && evidence.source.rfind("gazetteer", 0) != 0)
      return false;
  }
  return true;
}

using RegionPair = std::pair<Vertex, Vertex>;

RegionPair MakePair(Vertex x, Vertex y) { return x < y ? RegionPair{x, y} : RegionPair{y, x}; }

// As `query collaboration` scores a region: distinct cooperates_with partners plus distinct nodes
// joined to it by involves, over the whole graph.
size_t RegionScore(const KnowledgeGraph& graph, Vertex v) {
  const auto& g = graph.g();
  std::set<Vertex> partners, involved;
  auto visit = [&](EdgeDescriptor e, Vertex other) {
    if (other == v) return;
    if (g[e].relation == "cooperates_with") partners.insert(other);
    if (g[e].relation == "involves") involved.insert(other);
  };
  for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) visit(*it, boost::target(*it, g));
  for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) visit(*it, boost::source(*it, g));
  return partners.size() + involved.size();
}

}  // namespace

Result<std::vector<Vertex>> FindFocusNodes(const KnowledgeGraph& graph, std::string_view name) {
  if (auto v = graph.FindById(name)) return std::vector<Vertex>{*v};
  const std::string key = text::NameKey(name);
  std::vector<Vertex> by_name, by_alias, by_key;
  std::vector<std::string> candidates;
  const auto& g = graph.g();
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const graph::Node& node = g[*it];
    candidates.push_back(node.name);
    candidates.insert(candidates.end(), node.aliases.begin(), node.aliases.end());
    if (node.name == name) {
      by_name.push_back(*it);
    } else if (std::find(node.aliases.begin(), node.aliases.end(), name) != node.aliases.end()) {
      by_alias.push_back(*it);
    } else if (!key.empty()) {
      bool same_key = text::NameKey(node.name) == key;
      for (const auto& alias : node.aliases) same_key = same_key || text::NameKey(alias) == key;
      if (same_key) by_key.push_back(*it);
    }
  }
  for (auto* found : {&by_name, &by_alias, &by_key}) {
    if (!found->empty()) return *found;
  }
  return MakeError(
      fmt::format("--focus: no node named '{}'{}", name, DidYouMean(name, candidates)));
}

GraphView WholeGraphView(const KnowledgeGraph& graph) {
  GraphView view;
  for (auto [it, end] = boost::vertices(graph.g()); it != end; ++it) view.nodes.push_back(*it);
  view.edges = graph.SortedEdges();
  view.nodes_before_bound = view.nodes.size();
  view.layout = view.nodes.size() <= kDotLayoutMaxNodes ? "dot" : "sfdp";
  return view;
}

Result<GraphView> SelectView(const KnowledgeGraph& graph, const schema::Schema& schema,
                             const RenderOptions& options) {
  const auto& g = graph.g();
  if (!options.layout.empty() &&
      std::find(std::begin(kLayouts), std::end(kLayouts), options.layout) == std::end(kLayouts)) {
    std::vector<std::string> layouts(std::begin(kLayouts), std::end(kLayouts));
    return MakeError(fmt::format("--layout: unknown layout '{}'{} (layouts: {})", options.layout,
                                 DidYouMean(options.layout, layouts), JoinNames(layouts)));
  }
  const bool collaboration = options.view == kCollaborationView;
  if (!options.view.empty() && !collaboration) {
    return MakeError(
        fmt::format("--view: unknown view '{}' (views: {})", options.view, kCollaborationView));
  }
  if (options.depth < 0) return MakeError("--depth: must be 0 or more");
  if (options.min_weight < 0) return MakeError("--min-weight: must be 0 or more");
  if ((options.top > 0 || options.min_weight > 0) && !collaboration) {
    spdlog::warn(
        "render: --top and --min-weight thin the collaboration view only; add --view "
        "collaboration");
  }

  std::set<std::string> known_types, known_relations;
  for (const auto& t : schema.entity_types) known_types.insert(t.name);
  for (const auto& r : schema.relation_types) known_relations.insert(r.name);
  for (auto [it, end] = boost::vertices(g); it != end; ++it) known_types.insert(g[*it].type);
  for (auto [it, end] = boost::edges(g); it != end; ++it) known_relations.insert(g[*it].relation);
  POLICYKG_RETURN_IF_ERROR(CheckKnownNames(options.types, known_types, "entity type", "--type"));
  POLICYKG_RETURN_IF_ERROR(
      CheckKnownNames(options.relations, known_relations, "relation", "--relation"));

  std::set<std::string> types(options.types.begin(), options.types.end());
  std::set<std::string> relations(options.relations.begin(), options.relations.end());
  if (collaboration && types.empty())
    types.insert(std::begin(kCollaborationTypes), std::end(kCollaborationTypes));
  if (collaboration && relations.empty()) {
    relations.insert(std::begin(kCollaborationRelations), std::end(kCollaborationRelations));
  }

  GraphView view;
  view.collaboration = collaboration;
  const size_t n = graph.node_count();
  std::vector<char> keep(n, 0);
  for (Vertex v = 0; v < n; ++v) keep[v] = types.empty() || types.count(g[v].type) > 0;
  // Focus views: Targets and gazetteer-only facts drown the report's own relations.
  const bool focus_view = !options.focus.empty();
  const bool hide_targets =
      focus_view && !options.with_targets && options.types.empty() && options.relations.empty();
  const bool hide_gazetteer = focus_view && options.relations.empty();
  if (hide_targets) {
    for (Vertex v = 0; v < n; ++v) keep[v] = keep[v] && g[v].type != "Target";
  }
  // Collaboration view thinned by --top/--min-weight: region-region edges only for kept pairs.
  bool thinned = false;
  std::set<RegionPair> kept_pairs;
  auto edge_allowed = [&](EdgeDescriptor e) {
    const Vertex s = boost::source(e, g), t = boost::target(e, g);
    if (!keep[s] || !keep[t]) return false;
    if (!relations.empty() && relations.count(g[e].relation) == 0) return false;
    if (hide_gazetteer && IsGazetteerOnly(g[e])) return false;
    if (thinned && g[s].type == "Region" && g[t].type == "Region" &&
        kept_pairs.count(MakePair(s, t)) == 0) {
      return false;
    }
    return true;
  };

  if (!options.focus.empty()) {
    auto focus = FindFocusNodes(graph, options.focus);
    if (!focus.ok()) return focus.error();
    view.focus = std::move(focus).value();
    for (Vertex v : view.focus) keep[v] = 1;  // the focus is shown even if its type is filtered
  }

  size_t generic_left_out = 0;
  if (collaboration) {
    // Generic names (国家高新区, 国家公园) join regions that each have their own: no collaboration.
    for (Vertex v = 0; v < n; ++v) {
      if (keep[v] && IsGeneric(g[v]) && !Contains(view.focus, v)) {
        keep[v] = 0;
        ++generic_left_out;
      }
    }
    // Non-Region nodes stay only when they join two or more Regions; each pair of those Regions
    // shares them.
    std::map<RegionPair, RegionLink> links;
    std::vector<char> joins(n, 0);
    for (Vertex v = 0; v < n; ++v) {
      if (!keep[v] || g[v].type == "Region") continue;
      std::set<Vertex> regions;
      auto note_region = [&](EdgeDescriptor e, Vertex other) {
        if (other != v && edge_allowed(e) && g[other].type == "Region") regions.insert(other);
      };
      for (auto [it, end] = boost::out_edges(v, g); it != end; ++it)
        note_region(*it, boost::target(*it, g));
      for (auto [it, end] = boost::in_edges(v, g); it != end; ++it)
        note_region(*it, boost::source(*it, g));
      joins[v] = regions.size() >= 2;
      if (!joins[v] || Contains(view.focus, v)) continue;
      for (auto a = regions.begin(); a != regions.end(); ++a) {
        for (auto b = std::next(a); b != regions.end(); ++b) {
          RegionLink& link =
              links.try_emplace({*a, *b}, RegionLink{*a, *b, {}, false}).first->second;
          link.shared.push_back(v);
        }
      }
    }
    for (Vertex v = 0; v < n; ++v) {
      if (keep[v] && g[v].type != "Region" && !Contains(view.focus, v) && !joins[v]) keep[v] = 0;
    }
    for (auto [it, end] = boost::edges(g); it != end; ++it) {
      const Vertex s = boost::source(*it, g), t = boost::target(*it, g);
      if (s == t || g[*it].relation != "cooperates_with" || !edge_allowed(*it)) continue;
      if (g[s].type != "Region" || g[t].type != "Region") continue;
      links.try_emplace(MakePair(s, t), RegionLink{std::min(s, t), std::max(s, t), {}, false})
          .first->second.cooperate = true;
    }
    for (auto& [pair, link] : links) view.links.push_back(std::move(link));
    // Strongest first; among equals, the pair of busier regions (their scores summed) first.
    std::map<Vertex, size_t> scores;
    auto score = [&](Vertex r) {
      auto it = scores.find(r);
      return it != scores.end() ? it->second : scores[r] = RegionScore(graph, r);
    };
    std::stable_sort(view.links.begin(), view.links.end(),
                     [&](const RegionLink& x, const RegionLink& y) {
                       if (x.weight() != y.weight()) return x.weight() > y.weight();
                       return score(x.a) + score(x.b) > score(y.a) + score(y.b);
                     });
    const size_t all_links = view.links.size();
    if (options.min_weight > 0) {
      view.links.erase(std::remove_if(view.links.begin(), view.links.end(),
                                      [&](const RegionLink& link) {
                                        return static_cast<double>(link.weight()) <
                                               options.min_weight;
                                      }),
                       view.links.end());
    }
    if (options.top > 0 && view.links.size() > options.top) view.links.resize(options.top);
    if (options.top == 0 && options.min_weight <= 0 && view.links.size() > kReadableLinks) {
      spdlog::warn(
          "render: the collaboration view has {} region pairs; for a picture that reads at a "
          "glance keep the strongest with --top 30 (or --min-weight 2)",
          view.links.size());
    }
    if (options.top > 0 || options.min_weight > 0) {
      // Only the kept pairs, their Regions and what they share stay.
      thinned = true;
      std::vector<char> in_link(n, 0);
      for (const RegionLink& link : view.links) {
        kept_pairs.insert({link.a, link.b});
        in_link[link.a] = in_link[link.b] = 1;
        for (Vertex thing : link.shared) in_link[thing] = 1;
      }
      for (Vertex v = 0; v < n; ++v) {
        if (keep[v] && !in_link[v] && !Contains(view.focus, v)) keep[v] = 0;
      }
      std::string thinning;
      if (options.top > 0) thinning = fmt::format("top {} ", options.top);
      if (options.min_weight > 0) thinning += fmt::format("weight ≥ {} ", options.min_weight);
      view.notes.push_back(
          fmt::format("{}of {} region pairs: {} shown", thinning, all_links, view.links.size()));
    }
  }

  if (!view.focus.empty()) {
    std::vector<char> reached = Reachable(graph, view.focus, options.depth, edge_allowed);
    for (Vertex v = 0; v < n; ++v) keep[v] = keep[v] && reached[v];
  }

  auto collect_edges = [&] {
    view.edges.clear();
    for (EdgeDescriptor e : graph.SortedEdges()) {
      if (edge_allowed(e)) view.edges.push_back(e);
    }
  };
  auto degrees = [&] {
    std::vector<size_t> degree(n, 0);
    for (EdgeDescriptor e : view.edges) {
      ++degree[boost::source(e, g)];
      ++degree[boost::target(e, g)];
    }
    return degree;
  };
  collect_edges();

  if (collaboration) {  // isolated nodes say nothing about collaboration
    std::vector<size_t> degree = degrees();
    for (Vertex v = 0; v < n; ++v) {
      if (keep[v] && degree[v] == 0 && !Contains(view.focus, v)) keep[v] = 0;
    }
  }
  size_t targets_left_out = 0, facts_left_out = 0;
  if (focus_view && (hide_targets || hide_gazetteer)) {  // say what the focus view left out
    std::vector<char> reached = Reachable(graph, view.focus, options.depth, [&](EdgeDescriptor e) {
      return relations.empty() || relations.count(g[e].relation) > 0;
    });
    for (Vertex v = 0; v < n; ++v)
      targets_left_out += reached[v] && !keep[v] && g[v].type == "Target";
    for (EdgeDescriptor e : graph.SortedEdges()) {
      const Vertex s = boost::source(e, g), t = boost::target(e, g);
      facts_left_out += hide_gazetteer && (keep[s] || keep[t]) && IsGazetteerOnly(g[e]);
    }
  }

  size_t shown = static_cast<size_t>(std::count(keep.begin(), keep.end(), 1));
  view.nodes_before_bound = shown;
  if (options.max_nodes > 0 && shown > options.max_nodes) {
    std::vector<size_t> degree = degrees();
    std::vector<Vertex> candidates;
    for (Vertex v = 0; v < n; ++v) {
      if (keep[v]) candidates.push_back(v);
    }
    std::stable_sort(candidates.begin(), candidates.end(), [&](Vertex a, Vertex b) {
      bool fa = Contains(view.focus, a), fb = Contains(view.focus, b);
      if (fa != fb) return fa;
      return degree[a] > degree[b];
    });
    std::fill(keep.begin(), keep.end(), 0);
    for (size_t i = 0; i < options.max_nodes; ++i) keep[candidates[i]] = 1;
    collect_edges();
    shown = options.max_nodes;
    view.notes.push_back(
        fmt::format("showing the {} highest-degree of {} nodes", shown, view.nodes_before_bound));
    spdlog::warn(
        "render: the view has {} nodes; showing only the {} with the most edges (raise "
        "--max-nodes, or narrow it with --focus NAME --depth K, --type or --relation)",
        view.nodes_before_bound, shown);
  }
  for (Vertex v = 0; v < n; ++v) {
    if (keep[v]) view.nodes.push_back(v);
  }
  if (collaboration) {
    std::erase_if(view.links, [&](RegionLink& link) {
      std::erase_if(link.shared, [&](Vertex thing) { return !keep[thing]; });
      return !keep[link.a] || !keep[link.b] || link.weight() == 0;
    });
    view.region_scores.assign(n, 0);
    for (Vertex v : view.nodes) {
      if (g[v].type == "Region") view.region_scores[v] = RegionScore(graph, v);
    }
  }

  view.layout = options.layout;
  if (view.layout.empty() && (collaboration || focus_view)) {
    // Networks read best drawn by force, their components packed to the screen's shape.
    view.layout = options.clusters ? "fdp" : "sfdp";  // sfdp draws no cluster boxes
  }
  if (view.layout.empty()) view.layout = shown <= kDotLayoutMaxNodes ? "dot" : "sfdp";
  if (shown > kLargeDrawingNodes) {
    std::string switched;
    if (view.layout == "dot" || view.layout == "circo") {
      switched = fmt::format("; {} would take too long, using sfdp", view.layout);
      view.layout = options.clusters ? "fdp" : "sfdp";  // sfdp draws no cluster boxes
    }
    spdlog::warn("render: large drawing ({} nodes, {} edges){}{}", shown, view.edges.size(),
                 switched,
                 view.focus.empty()
                     ? "; for a readable picture use --focus NAME --depth 1, --type/--relation "
                       "or --view collaboration"
                     : "; lower --depth for a readable picture");
  }
  if (collaboration) view.notes.insert(view.notes.begin(), "协作视图 collaboration view");
  if (!view.focus.empty()) {
    view.notes.push_back(fmt::format("focus: {} (depth {})", options.focus, options.depth));
  }
  if (generic_left_out > 0) {
    view.notes.push_back(fmt::format("{} generic name{} left out", generic_left_out,
                                     generic_left_out == 1 ? "" : "s"));
  }
  if (targets_left_out > 0) {
    view.notes.push_back(fmt::format("{} Targets left out (--with-targets)", targets_left_out));
  }
  if (facts_left_out > 0) {
    view.notes.push_back(
        fmt::format("{} gazetteer facts left out (--relation part_of)", facts_left_out));
  }
  if (!options.types.empty()) view.notes.push_back("types: " + JoinNames(options.types));
  if (!options.relations.empty())
    view.notes.push_back("relations: " + JoinNames(options.relations));
  if (view.nodes.empty()) {
    view.notes.push_back("nothing to show");
    spdlog::warn("render: no node matches the filters; the picture is empty");
  }
  return view;
}

}  // namespace policykg::render
