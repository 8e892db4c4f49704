// `policykg query GRAPH <find|neighbors|path|evidence|rank|components|stats|collaboration> …`:
// flags → policykg::query calls; tables (default), --json, or --subgraph FILE on stdout/file.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/usage.h"
#include "common/file_io.h"
#include "common/json_writer.h"
#include "common/suggest.h"
#include "common/utf8.h"
#include "graph/graph_view.h"
#include "graph/json_io.h"
#include "query/analysis.h"
#include "query/batch.h"
#include "query/evidence.h"
#include "query/find.h"
#include "query/graph_index.h"
#include "query/report.h"
#include "query/resolve.h"
#include "query/subgraph.h"
#include "query/traverse.h"

namespace policykg::cli {

namespace {

using graph::Vertex;

// Flags shared by every query subcommand.
struct QueryFlags {
  std::string graph_path;
  bool json = false;
  std::string subgraph_path;  // empty: none; "-": stdout instead of the table/JSON
  std::string color = "auto";
};

// A loaded graph and its index (the index refers to the graph, so both live here).
struct LoadedGraph {
  std::unique_ptr<graph::GraphView> graph;
  std::unique_ptr<query::GraphIndex> index;
  std::vector<std::string> known_types;      // schema ∪ graph
  std::vector<std::string> known_relations;  // schema ∪ graph
};

// What the subcommands of one `query` run share: the graph, loaded on first use and kept (a batch
// answers all its lines from one load), and where the answers go.
struct QuerySession {
  std::unique_ptr<LoadedGraph> loaded;
  std::ostream* out = &std::cout;
  bool batch = false;  // answers are JSON, written to `out` for the batch loop to wrap
};

// The session's graph, loaded on first use; nullptr (after ctx.Fail) if it cannot be loaded or
// the output flags conflict.
LoadedGraph* Load(CommandContext& ctx, const QueryFlags& flags, QuerySession& session) {
  if (session.batch && flags.subgraph_path == "-") {
    ctx.Fail(
        MakeError("--subgraph - is not available in --batch (stdout carries the answers); "
                  "give --subgraph a file"));
    return nullptr;
  }
  if (flags.json && flags.subgraph_path == "-") {
    ctx.Fail(MakeError("--json and --subgraph - both write to stdout; give --subgraph a file"));
    return nullptr;
  }
  if (!flags.subgraph_path.empty()) {
    Status distinct = CheckOutputIsNotInput(flags.subgraph_path, {flags.graph_path});
    if (!distinct.ok()) {
      ctx.Fail(distinct.error());
      return nullptr;
    }
  }
  if (session.loaded) return session.loaded.get();
  auto graph = LoadGraphViewOrFail(ctx, flags.graph_path);
  if (!graph) return nullptr;
  auto loaded = std::make_unique<LoadedGraph>();
  loaded->graph = std::move(graph);
  std::vector<std::string> symmetric;
  std::set<std::string> types, relations;
  auto schema = ctx.GetSchemaTypes();
  if (schema.ok()) {
    for (const auto& t : (*schema)->entity_types) types.insert(t.name);
    for (const auto& r : (*schema)->relation_types) {
      relations.insert(r.name);
      if (r.symmetric) symmetric.push_back(r.name);
    }
  } else {
    // Queries work without the schema; only symmetry and the type/relation vocabulary need it.
    symmetric = {"cooperates_with"};
    spdlog::warn("schema not loaded ({}); assuming only cooperates_with is symmetric",
                 schema.error().ToString());
  }
  loaded->index = std::make_unique<query::GraphIndex>(*loaded->graph, std::move(symmetric));
  for (const auto& t : loaded->index->NodeTypes()) types.insert(t);
  for (const auto& r : loaded->index->Relations()) relations.insert(r);
  loaded->known_types.assign(types.begin(), types.end());
  loaded->known_relations.assign(relations.begin(), relations.end());
  spdlog::debug("loaded {}: {} nodes, {} edges", flags.graph_path, loaded->graph->node_count(),
                loaded->graph->edge_count());
  session.loaded = std::move(loaded);
  return session.loaded.get();
}

// Refuses unknown names, after replacing each by the known name it equals up to ASCII case
// (--type platform is Platform).
bool CheckNames(CommandContext& ctx, std::string_view what, std::vector<std::string>& values,
                const std::vector<std::string>& known) {
  CanonicalizeNames(values, known);
  for (const auto& value : values) {
    Status status = query::CheckKnownName(what, value, known);
    if (!status.ok()) {
      ctx.Fail(status.error());
      return false;
    }
  }
  return true;
}

// Resolves an entity argument; on failure logs why and sets the exit code (1 not found,
// 2 ambiguous).
std::optional<Vertex> Resolve(CommandContext& ctx, const LoadedGraph& loaded,
                              const std::string& name, const std::string& given_type,
                              std::string_view type_option) {
  std::vector<std::string> types;
  if (!given_type.empty()) types.push_back(given_type);
  if (!CheckNames(ctx, "type", types, loaded.known_types)) return std::nullopt;
  const std::string type = types.empty() ? "" : types[0];
  query::Resolution resolution = query::ResolveEntity(*loaded.index, name, type);
  if (resolution.found()) return resolution.vertex;
  std::string message = query::DescribeFailure(*loaded.index, resolution, name, type, type_option);
  if (resolution.outcome == query::Resolution::Outcome::kAmbiguous) {
    ctx.Fail(MakeError(message));
  } else {
    ctx.NotFound(message);
  }
  return std::nullopt;
}

bool UseColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return ::isatty(STDOUT_FILENO) == 1 && !(no_color && *no_color) &&
         !(term && std::string_view(term) == "dumb");
}

// Writes the subgraph if asked, then the table or JSON unless the subgraph went to stdout; sets
// the exit code from `found`.
template <typename PrintTable, typename PrintJson>
void Emit(CommandContext& ctx, const QueryFlags& flags, QuerySession& session,
          const LoadedGraph& loaded, const std::vector<Vertex>& nodes, bool found,
          PrintTable&& print_table, PrintJson&& print_json) {
  if (!flags.subgraph_path.empty()) {
    graph::KnowledgeGraph sub = query::ExtractSubgraph(*loaded.graph, nodes);
    Status saved = graph::SaveGraph(sub, flags.subgraph_path);
    if (!saved.ok()) {
      ctx.Fail(saved.error());
      return;
    }
    spdlog::debug("subgraph: {} nodes, {} edges → {}", sub.node_count(), sub.edge_count(),
                  flags.subgraph_path);
  }
  if (flags.subgraph_path != "-") {
    std::ostream& out = *session.out;
    if (flags.json || session.batch) {
      print_json(out);
    } else if (found) {  // an empty answer prints no table, just the exit status and a log line
      print_table(out);
    }
    out.flush();
    if (!out) {  // a full disk or /dev/full: the answer is incomplete
      ctx.Fail(MakeError(fmt::format("cannot write to stdout: {}", std::strerror(errno))));
      return;
    }
  }
  ctx.exit_code = found ? kExitOk : kExitNotFound;
}

void AddOutputFlags(CLI::App* sub, QueryFlags& flags, bool subgraph = true, bool color = false) {
  sub->add_flag("--json", flags.json, "Print JSON instead of a table");
  if (subgraph) {
    sub->add_option("--subgraph", flags.subgraph_path,
                    "Also write the result's nodes and the edges among them as a policykg graph "
                    "(- = stdout, instead of the table)");
  }
  if (color) {
    sub->add_option("--color", flags.color,
                    "Highlight mentions: auto (when stdout is a terminal), "
                    "always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
  }
}

query::Direction ParseDirection(const std::string& text) {
  if (text == "out") return query::Direction::kOut;
  if (text == "in") return query::Direction::kIn;
  return query::Direction::kBoth;
}

// ---- find ----
struct FindArgs {
  std::string pattern;
  bool regex = false;
  std::vector<std::string> types;
  std::vector<std::string> attrs;
  size_t limit = 100;
};

void RunFind(CommandContext& ctx, const QueryFlags& flags, QuerySession& session, FindArgs args) {
  auto* loaded = Load(ctx, flags, session);
  if (!loaded || !CheckNames(ctx, "type", args.types, loaded->known_types)) return;
  query::FindOptions options{args.pattern, args.regex, args.types, {}, args.limit};
  for (const auto& text : args.attrs) {
    auto condition = query::ParseAttrCondition(text);
    if (!condition.ok()) return ctx.Fail(condition.error());
    options.conditions.push_back(std::move(condition).value());
  }
  auto result = query::FindEntities(*loaded->index, options);
  if (!result.ok()) return ctx.Fail(result.error());
  if (result->total > result->matches.size()) {
    spdlog::info("showing {} of {} matches (--limit 0 shows all)", result->matches.size(),
                 result->total);
  }
  if (result->total == 0) {
    auto close = args.regex || args.pattern.empty()
                     ? std::vector<std::string>{}
                     : ClosestNames(args.pattern, loaded->index->AllNames());
    if (close.empty()) {
      spdlog::info("no entity matches");
    } else {
      spdlog::info("no entity matches; did you mean: {}", fmt::join(close, ", "));
    }
  }
  Emit(
      ctx, flags, session, *loaded, query::ResultNodes(*result), !result->matches.empty(),
      [&](std::ostream& out) { query::PrintFind(out, *loaded->index, *result); },
      [&](std::ostream& out) { query::WriteFindJson(out, *loaded->index, *result); });
}

// ---- neighbors ----
struct NeighborArgs {
  std::string entity;
  std::string entity_type;
  int depth = 1;
  std::string direction = "both";
  std::vector<std::string> relations;
  std::vector<std::string> types;
};

void RunNeighbors(CommandContext& ctx, const QueryFlags& flags, QuerySession& session,
                  NeighborArgs args) {
  auto* loaded = Load(ctx, flags, session);
  if (!loaded || !CheckNames(ctx, "relation", args.relations, loaded->known_relations) ||
      !CheckNames(ctx, "type", args.types, loaded->known_types)) {
    return;
  }
  auto center = Resolve(ctx, *loaded, args.entity, args.entity_type, "--entity-type");
  if (!center) return;
  query::NeighborOptions options{args.depth, ParseDirection(args.direction), args.relations,
                                 args.types};
  query::NeighborResult result = query::Neighbors(*loaded->index, *center, options);
  if (result.hits.empty())
    spdlog::info("{} has no neighbors that match", loaded->graph->node(*center).id);
  Emit(
      ctx, flags, session, *loaded, query::ResultNodes(result), !result.hits.empty(),
      [&](std::ostream& out) { query::PrintNeighbors(out, *loaded->index, result, options); },
      [&](std::ostream& out) { query::WriteNeighborsJson(out, *loaded->index, result, options); });
}

// ---- path ----
struct PathArgs {
  std::string from, to;
  std::string from_type, to_type;
  std::vector<std::string> relations;
  bool all = false;
  int max_length = 4;
  size_t max_paths = 100;
};

void RunPath(CommandContext& ctx, const QueryFlags& flags, QuerySession& session, PathArgs args) {
  auto* loaded = Load(ctx, flags, session);
  if (!loaded || !CheckNames(ctx, "relation", args.relations, loaded->known_relations)) return;
  auto from = Resolve(ctx, *loaded, args.from, args.from_type, "--from-type");
  if (!from) return;
  auto to = Resolve(ctx, *loaded, args.to, args.to_type, "--to-type");
  if (!to) return;
  query::PathOptions options;
  options.relations = args.relations;
  options.all = args.all;
  options.max_length = args.max_length;
  options.max_paths = args.max_paths;
  query::PathResult result = query::FindPaths(*loaded->index, *from, *to, options);
  if (result.capped) {
    spdlog::warn("stopped after {} paths; more may exist (raise --max-paths or lower --max-length)",
                 result.paths.size());
  }
  if (result.paths.empty()) {
    spdlog::info("no path between {} and {}{}", loaded->graph->node(*from).id,
                 loaded->graph->node(*to).id,
                 args.all ? fmt::format(" within {} hops", args.max_length) : "");
  }
  const bool color = UseColor(flags.color);
  Emit(
      ctx, flags, session, *loaded, query::ResultNodes(result), !result.paths.empty(),
      [&](std::ostream& out) { query::PrintPaths(out, *loaded->index, result, color); },
      [&](std::ostream& out) { query::WritePathsJson(out, *loaded->index, *from, *to, result); });
}

// ---- evidence ----
struct EvidenceArgs {
  std::string entity;
  std::string other;
  std::string type;
  std::string other_type;
  std::vector<std::string> relations;
  std::vector<std::string> rules;  // rule families (RuleInFamilies); empty = any
};

// Keeps the items whose rule is in `families` (query::RuleInFamilies). When there were items and
// none is kept, returns their rules, each once, sorted and joined (what --rule could have named);
// else "".
template <typename Item, typename RuleOf>
std::string KeepByRule(std::vector<Item>& items, const std::vector<std::string>& families, RuleOf rule_of) {
  if (families.empty()) return "";
  auto matches = [&](const Item& item) { return query::RuleInFamilies(rule_of(item), families); };
  if (items.empty() || std::any_of(items.begin(), items.end(), matches)) {
    std::erase_if(items, [&](const Item& item) { return !matches(item); });
    return "";
  }
  std::set<std::string_view> rules;  // (views of the items' rules: joined before the items go)
  for (const auto& item : items) rules.insert(rule_of(item));
  std::string joined = fmt::format("{}", fmt::join(rules, ", "));
  items.clear();
  return joined;
}

void RunEvidence(CommandContext& ctx, const QueryFlags& flags, QuerySession& session,
                 EvidenceArgs args) {
  auto* loaded = Load(ctx, flags, session);
  if (!loaded || !CheckNames(ctx, "relation", args.relations, loaded->known_relations)) return;
  auto entity = Resolve(ctx, *loaded, args.entity, args.type, "--entity-type");
  if (!entity) return;
  const bool color = UseColor(flags.color);
  const query::GraphIndex& index = *loaded->index;
  if (args.other.empty()) {
    if (!args.relations.empty()) spdlog::warn("--relation applies to edge evidence (two entities)");
    auto items = query::EntityEvidence(*loaded->graph, *entity);
    if (const std::string rules = KeepByRule(items, args.rules, [](const auto& m) -> std::string_view { return m.mention.rule; });
        !rules.empty()) {
      spdlog::info("no mention of {} by rule {} (its mentions' rules: {})", loaded->graph->node(*entity).id,
                   fmt::join(args.rules, ", "), rules);
    } else if (items.empty()) {
      spdlog::info("{} has no mentions", loaded->graph->node(*entity).id);
    }
    Emit(
        ctx, flags, session, *loaded, {*entity}, !items.empty(),
        [&](std::ostream& out) { query::PrintEntityEvidence(out, items, color); },
        [&](std::ostream& out) { query::WriteEntityEvidenceJson(out, index, *entity, items); });
    return;
  }
  auto other = Resolve(ctx, *loaded, args.other, args.other_type, "--other-type");
  if (!other) return;
  auto items = query::EdgeEvidence(index, *entity, *other, args.relations);
  // (Edges exist, but no evidence by the rules asked for: say so, not that there is no edge.)
  const std::string rules =
      KeepByRule(items, args.rules, [](const auto& item) -> std::string_view { return item.evidence.rule; });
  const bool filtered_out = !rules.empty();
  if (filtered_out) {
    spdlog::info("no evidence between {} and {} by rule {} (its rules: {})", loaded->graph->node(*entity).id,
                 loaded->graph->node(*other).id, fmt::join(args.rules, ", "), rules);
  }
  if (items.empty() && !filtered_out) {
    spdlog::info("no {}edge between {} and {} (try `path`)",
                 args.relations.empty() ? "" : "matching ", loaded->graph->node(*entity).id,
                 loaded->graph->node(*other).id);
  }
  Emit(
      ctx, flags, session, *loaded, {*entity, *other}, !items.empty(),
      [&](std::ostream& out) { query::PrintEdgeEvidence(out, index, items, color); },
      [&](std::ostream& out) { query::WriteEdgeEvidenceJson(out, index, *entity, *other, items); });
}

// ---- rank ----
struct RankArgs {
  std::string by = "degree";
  size_t top = 10;
  std::vector<std::string> types;
};

void RunRank(CommandContext& ctx, const QueryFlags& flags, QuerySession& session, RankArgs args) {
  auto* loaded = Load(ctx, flags, session);
  if (!loaded || !CheckNames(ctx, "type", args.types, loaded->known_types)) return;
  query::RankOptions options{*query::ParseRankMeasure(args.by), args.top, args.types};
  auto ranked = query::Rank(*loaded->index, options);
  Emit(
      ctx, flags, session, *loaded, query::ResultNodes(ranked), !ranked.empty(),
      [&](std::ostream& out) { query::PrintRank(out, *loaded->index, options.measure, ranked); },
      [&](std::ostream& out) {
        query::WriteRankJson(out, *loaded->index, options.measure, ranked);
      });
}

// ---- components ----
struct ComponentsArgs {
  size_t top = 5;
  size_t members = 20;
};

void RunComponents(CommandContext& ctx, const QueryFlags& flags, QuerySession& session,
                   const ComponentsArgs& args) {
  auto* loaded = Load(ctx, flags, session);
  if (!loaded) return;
  auto result = query::ConnectedComponents(*loaded->index);
  const query::GraphIndex& index = *loaded->index;
  Emit(
      ctx, flags, session, *loaded, query::ResultNodes(result, args.top),
      !result.components.empty(),
      [&](std::ostream& out) {
        query::PrintComponents(out, index, result, args.top, args.members);
      },
      [&](std::ostream& out) {
        query::WriteComponentsJson(out, index, result, args.top, args.members);
      });
}

// ---- stats ----
void RunStats(CommandContext& ctx, const QueryFlags& flags, QuerySession& session) {
  auto* loaded = Load(ctx, flags, session);
  if (!loaded) return;
  query::GraphStats stats = query::ComputeStats(*loaded->index);
  Emit(
      ctx, flags, session, *loaded, {}, stats.nodes > 0,
      [&](std::ostream& out) { query::PrintStats(out, stats); },
      [&](std::ostream& out) { query::WriteStatsJson(out, stats); });
}

// ---- collaboration ----
struct CollaborationArgs {
  size_t top = 10;
};

void RunCollaboration(CommandContext& ctx, const QueryFlags& flags, QuerySession& session,
                      const CollaborationArgs& args) {
  auto* loaded = Load(ctx, flags, session);
  if (!loaded) return;
  query::CollaborationOptions options;
  options.top = args.top;
  auto report = query::AnalyzeCollaboration(*loaded->index, options);
  const query::GraphIndex& index = *loaded->index;
  Emit(
      ctx, flags, session, *loaded, query::ResultNodes(report),
      !report.regions.empty() || !report.pairs.empty(),
      [&](std::ostream& out) { query::PrintCollaboration(out, index, report); },
      [&](std::ostream& out) { query::WriteCollaborationJson(out, index, report); });
}

// Adds find, neighbors, path, … to `query`; their callbacks answer through `ctx`, `flags` and
// `session`.
void AddQuerySubcommands(CLI::App* query, CommandContext& ctx,
                         const std::shared_ptr<QueryFlags>& flags,
                         const std::shared_ptr<QuerySession>& session) {
  auto find_args = std::make_shared<FindArgs>();
  CLI::App* find = query->add_subcommand("find", "Find entities by name/alias substring or regex");
  find->add_option("pattern", find_args->pattern, "Substring of a name or alias (empty: all)");
  find->add_flag("--regex", find_args->regex, "PATTERN is an ECMAScript regular expression");
  find->add_option("--type", find_args->types, "Only entities of this type (repeatable, or comma-separated)")
      ->allow_extra_args(false)
      ->delimiter(',');
  find->add_option("--attr", find_args->attrs,
                   "Attribute condition key<op>value, op one of = != < <= > >= ~ "
                   "(e.g. value>1000, level=district, unit=家; repeatable, all must hold)")
      ->allow_extra_args(false);
  find->add_option("--limit", find_args->limit, "Show at most N matches (0: all)")
      ->capture_default_str();
  AddOutputFlags(find, *flags);
  find->callback([&ctx, flags, session, find_args] { RunFind(ctx, *flags, *session, *find_args); });

  auto neighbor_args = std::make_shared<NeighborArgs>();
  CLI::App* neighbors = query->add_subcommand("neighbors", "The ego graph of an entity");
  neighbors->add_option("entity", neighbor_args->entity, "Name, alias or id")->required();
  neighbors->add_option("--depth", neighbor_args->depth, "Hops from the entity")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  neighbors
      ->add_option("--direction", neighbor_args->direction,
                   "Follow edges out of, into, or both ways (symmetric relations: always both)")
      ->capture_default_str()
      ->check(CLI::IsMember({"out", "in", "both"}));
  neighbors
      ->add_option("--relation", neighbor_args->relations, "Follow only this relation (repeatable, or comma-separated)")
      ->allow_extra_args(false)
      ->delimiter(',');
  neighbors
      ->add_option("--type", neighbor_args->types,
                   "Report only neighbors of this type (repeatable, or comma-separated; traversal is not limited)")
      ->allow_extra_args(false)
      ->delimiter(',');
  neighbors->add_option("--entity-type", neighbor_args->entity_type,
                        "Type of ENTITY when its name is ambiguous");
  AddOutputFlags(neighbors, *flags);
  neighbors->callback([&ctx, flags, session, neighbor_args] {
    RunNeighbors(ctx, *flags, *session, *neighbor_args);
  });

  auto path_args = std::make_shared<PathArgs>();
  CLI::App* path = query->add_subcommand(
      "path",
      "Shortest path between two entities (edges in either direction), or all simple paths");
  path->add_option("from", path_args->from, "Name, alias or id")->required();
  path->add_option("to", path_args->to, "Name, alias or id")->required();
  path->add_option("--relation", path_args->relations, "Use only this relation (repeatable, or comma-separated)")
      ->allow_extra_args(false)
      ->delimiter(',');
  path->add_flag("--all", path_args->all,
                 "Every simple path up to --max-length hops, shortest first");
  path->add_option("--max-length", path_args->max_length, "Longest path for --all, in hops")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  path->add_option("--max-paths", path_args->max_paths, "Stop --all after N paths")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{1000000}));
  path->add_option("--from-type", path_args->from_type, "Type of FROM when its name is ambiguous");
  path->add_option("--to-type", path_args->to_type, "Type of TO when its name is ambiguous");
  AddOutputFlags(path, *flags, /*subgraph=*/true, /*color=*/true);
  path->callback([&ctx, flags, session, path_args] { RunPath(ctx, *flags, *session, *path_args); });

  auto evidence_args = std::make_shared<EvidenceArgs>();
  CLI::App* evidence = query->add_subcommand(
      "evidence",
      "Where an entity is mentioned (sentence, mention highlighted), or with a second entity, the "
      "evidence of every edge between the two");
  evidence->add_option("entity", evidence_args->entity, "Name, alias or id")->required();
  evidence->add_option("other", evidence_args->other, "Second entity: show edge evidence");
  evidence
      ->add_option("--relation", evidence_args->relations,
                   "Edge evidence of this relation only (repeatable, or comma-separated)")
      ->allow_extra_args(false)
      ->delimiter(',');
  evidence
      ->add_option("--rule", evidence_args->rules,
                   "Mentions or edge evidence by this rule only, or by the rules under it (gazetteer: every "
                   "gazetteer.* rule; repeatable, or comma-separated)")
      ->allow_extra_args(false)
      ->delimiter(',');
  evidence->add_option("--entity-type", evidence_args->type,
                       "Type of ENTITY when its name is ambiguous");
  evidence->add_option("--type", evidence_args->type)->group("");  // its name before 0.2
  evidence->add_option("--other-type", evidence_args->other_type,
                       "Type of OTHER when its name is ambiguous");
  AddOutputFlags(evidence, *flags, /*subgraph=*/true, /*color=*/true);
  evidence->callback([&ctx, flags, session, evidence_args] {
    RunEvidence(ctx, *flags, *session, *evidence_args);
  });

  auto rank_args = std::make_shared<RankArgs>();
  CLI::App* rank =
      query->add_subcommand("rank", "Rank entities by degree, PageRank or betweenness");
  rank->add_option("--by", rank_args->by, "degree, pagerank or betweenness")
      ->capture_default_str()
      ->check(CLI::IsMember({"degree", "pagerank", "betweenness"}));
  rank->add_option("--top", rank_args->top, "Show the N best (0: all)")->capture_default_str();
  rank->add_option("--type", rank_args->types, "Only entities of this type (repeatable, or comma-separated)")
      ->allow_extra_args(false)
      ->delimiter(',');
  AddOutputFlags(rank, *flags);
  rank->callback([&ctx, flags, session, rank_args] { RunRank(ctx, *flags, *session, *rank_args); });

  auto components_args = std::make_shared<ComponentsArgs>();
  CLI::App* components = query->add_subcommand("components", "Connected components, largest first");
  components->add_option("--top", components_args->top, "Show the N largest (0: all)")
      ->capture_default_str();
  components
      ->add_option("--members", components_args->members,
                   "List at most N members per component (0: all)")
      ->capture_default_str();
  AddOutputFlags(components, *flags);
  components->callback([&ctx, flags, session, components_args] {
    RunComponents(ctx, *flags, *session, *components_args);
  });

  CLI::App* stats = query->add_subcommand(
      "stats", "Counts: nodes per type, edges per relation, documents, components");
  AddOutputFlags(stats, *flags, /*subgraph=*/false);
  stats->callback([&ctx, flags, session] { RunStats(ctx, *flags, *session); });

  auto collaboration_args = std::make_shared<CollaborationArgs>();
  CLI::App* collaboration = query->add_subcommand(
      "collaboration",
      "Regions most connected through cooperates_with/involves, and region pairs that share a "
      "platform or plan");
  collaboration
      ->add_option("--top", collaboration_args->top, "Show the N best regions and pairs (0: all)")
      ->capture_default_str();
  AddOutputFlags(collaboration, *flags);
  collaboration->callback([&ctx, flags, session, collaboration_args] {
    RunCollaboration(ctx, *flags, *session, *collaboration_args);
  });
}

// Longest batch line answered; a longer one is read to its end and answered with an error, so a
// line without end on stdin cannot take all memory.
constexpr size_t kMaxBatchLineBytes = size_t{1} << 20;

// Reads one line of `in` into `line` without its '\n', at most kMaxBatchLineBytes of it (*too_long
// says there was more). False at the end of the input.
bool ReadBatchLine(std::istream& in, std::string& line, bool* too_long) {
  line.clear();
  *too_long = false;
  std::streambuf* buffer = in.rdbuf();
  bool any = false;
  using Traits = std::char_traits<char>;
  for (Traits::int_type c; !Traits::eq_int_type(c = buffer->sbumpc(), Traits::eof());) {
    any = true;
    if (c == '\n') return true;
    if (line.size() < kMaxBatchLineBytes) {
      line.push_back(Traits::to_char_type(c));
    } else {
      *too_long = true;
    }
  }
  return any;
}

// One batch line answered as one JSON line: {"line":N,"exit":E,"result":{…}} with the answer
// `query GRAPH WORDS… --json` would print (E 0 found, 1 nothing found), {"line":N,"exit":E,
// "error":"SOURCE:N: …"} when it fails (E 1 no such entity, 2 error; *failed set), or
// {"line":N,"exit":0,"skipped":true} for a blank or comment line.
std::string AnswerBatchLine(const std::shared_ptr<QuerySession>& session,
                            const std::string& graph_path, const std::string& source, int number,
                            std::string_view line, bool too_long, bool* failed) {
  CommandContext ctx;
  ctx.capture_errors = true;
  std::string answer;
  if (too_long) {
    ctx.Fail(MakeFileError(source, number, 0,
                           fmt::format("line longer than {} bytes", kMaxBatchLineBytes)));
  } else if (query::IsBlankOrComment(line)) {
    // skipped below
  } else if (size_t bad = 0; !DecodeUtf8Strict(line, &bad)) {
    int column = 1;
    for (size_t i = 0; i < bad; ++i) column += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
    ctx.Fail(MakeFileError(source, number, column, "not valid UTF-8"));
  } else if (auto words = query::SplitQueryLine(line); !words.ok()) {
    Error error = words.error();
    error.file = source;
    error.line = number;
    ctx.Fail(error);
  } else {
    auto flags = std::make_shared<QueryFlags>();
    flags->graph_path = graph_path;
    flags->json = true;
    CLI::App root{"policykg"};
    root.name("policykg");
    root.require_subcommand(1);
    CLI::App* query = root.add_subcommand("query", "Query a graph");
    query->require_subcommand(1);
    AddQuerySubcommands(query, ctx, flags, session);
    std::vector<std::string> args(words->rbegin(), words->rend());  // CLI11 takes them reversed
    args.push_back("query");
    std::ostringstream out;
    session->out = &out;
    try {
      root.parse(args);
    } catch (const CLI::ParseError& e) {
      ctx.Fail(MakeFileError(source, number, 0,
                             e.get_exit_code() == 0
                                 ? "help is not answered in --batch (`policykg help query "
                                   "SUBCOMMAND` prints it)"
                                 : DescribeParseError(root, e)));
    } catch (const std::exception& e) {
      ctx.Fail(MakeFileError(source, number, 0, e.what()));
    }
    session->out = &std::cout;
    answer = out.str();
  }

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("line"), w.Int(number);
  w.Key("exit"), w.Int(ctx.exit_code);
  if (ctx.captured_error) {
    Error error = std::move(*ctx.captured_error);
    if (error.file.empty()) error.file = source, error.line = number;
    w.Key("error"), w.String(error.ToString());
    *failed = true;
  } else if (query::IsBlankOrComment(line)) {
    w.Key("skipped"), w.Bool(true);
  } else {
    const std::string compact = query::CompactJson(answer);
    w.Key("result"), w.RawValue(compact.data(), compact.size(), rapidjson::kObjectType);
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

// `query GRAPH --batch FILE|-`: reads FILE, loads the graph once, then writes one JSON line per
// line of FILE, in order, flushed as each is answered. Exit 1 if any line failed, 2 if the batch
// could not run (FILE or GRAPH unreadable, stdout lost).
void RunBatch(CommandContext& ctx, const QueryFlags& flags,
              const std::shared_ptr<QuerySession>& session, const std::string& batch_path) {
  if (batch_path == "-" && flags.graph_path == "-") {
    return ctx.Fail(MakeError("--batch - and the graph - cannot both be read from stdin"));
  }
  std::istringstream file;
  if (batch_path != "-") {
    auto bytes = ReadFileBytes(batch_path);
    if (!bytes.ok()) return ctx.Fail(bytes.error());
    file.str(std::move(bytes).value());
  }
  std::istream& in = batch_path == "-" ? std::cin : file;
  const std::string source = batch_path == "-" ? "<stdin>" : batch_path;
  session->batch = true;
  if (Load(ctx, flags, *session) == nullptr) return;
  bool failed = false;
  bool too_long = false;
  std::string line;
  for (int number = 1; ReadBatchLine(in, line, &too_long); ++number) {
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::cout << AnswerBatchLine(session, flags.graph_path, source, number, line, too_long, &failed)
              << '\n';
    std::cout.flush();
    if (!std::cout) {
      return ctx.Fail(MakeError(fmt::format("cannot write to stdout: {}", std::strerror(errno))));
    }
  }
  ctx.exit_code = failed ? kExitNotFound : kExitOk;
}

}  // namespace

void RegisterQueryCommand(CLI::App& app, CommandContext& ctx) {
  auto flags = std::make_shared<QueryFlags>();
  auto session = std::make_shared<QuerySession>();
  auto batch_path = std::make_shared<std::string>();
  CLI::App* query = app.add_subcommand(
      "query",
      "Query a graph: find, neighbors, path, evidence, rank, components, stats, collaboration");
  query->add_option("graph", flags->graph_path, "Graph JSON file (- = stdin)")->required();
  CLI::Option* batch =
      query
          ->add_option("--batch", *batch_path,
                       "Answer the queries in FILE (- = stdin), one a line written as after GRAPH "
                       "(neighbors 万州 --depth 2): one JSON line out per line in")
          ->type_name("FILE");
  query->require_subcommand(0, 1);  // one, or --batch: checked in the callback below
  query->footer(
      "Exit status: 0 found, 1 nothing found (or no such entity), 2 error (bad file, bad regex, "
      "unknown type or relation, ambiguous name); with --batch, 1 if any line failed.\nEntities "
      "are given by name, alias or id (Type:Name); full-width and half-width forms match.\n");
  AddQuerySubcommands(query, ctx, flags, session);
  for (CLI::App* sub : query->get_subcommands([](CLI::App*) { return true; })) {
    sub->excludes(batch);
  }
  query->callback([&ctx, query, flags, session, batch_path] {
    if (!query->get_subcommands().empty()) return;  // answered by the subcommand's callback
    if (batch_path->empty()) throw CLI::RequiredError("A subcommand");
    RunBatch(ctx, *flags, session, *batch_path);
  });
}

}  // namespace policykg::cli
