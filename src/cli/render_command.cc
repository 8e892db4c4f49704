// `policykg render`: draws a graph file as DOT, SVG, PNG or an interactive HTML page.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/usage.h"
#include "common/file_io.h"
#include "render/render.h"
#include "render/view.h"

namespace policykg::cli {

namespace {

struct RenderFlags {
  std::string graph_path;
  std::string output;
  std::string format;
  render::RenderOptions options;
};

void RunRender(CommandContext& ctx, RenderFlags& flags) {
  render::RenderOptions& options = flags.options;
  if (flags.format.empty()) {
    auto implied = render::RenderFormatFromPath(flags.output);
    if (!implied && flags.output != "-") {
      ctx.Fail(MakeError(fmt::format(
          "-o {}: cannot tell the format from the extension; give --format dot|svg|png|html",
          flags.output)));
      return;
    }
    options.format = implied.value_or("svg");
  } else {
    options.format = flags.format;
  }

  Status distinct = CheckOutputIsNotInput(flags.output, {flags.graph_path});
  if (!distinct.ok()) {
    ctx.Fail(distinct.error());
    return;
  }
  auto schema = ctx.GetSchemaTypes();
  if (!schema.ok()) {
    ctx.Fail(schema.error());
    return;
  }
  {  // --type platform is Platform, as in `query`
    std::vector<std::string> types, relations;
    for (const auto& t : (*schema)->entity_types) types.push_back(t.name);
    for (const auto& r : (*schema)->relation_types) relations.push_back(r.name);
    CanonicalizeNames(options.types, types);
    CanonicalizeNames(options.relations, relations);
  }
  auto graph = LoadGraphOrFail(ctx, flags.graph_path);
  if (!graph) return;
  if (!options.focus.empty()) {
    auto focus = render::FindFocusNodes(*graph, options.focus);
    if (!focus.ok()) {
      spdlog::error("{}", focus.error().ToString());
      ctx.exit_code = kExitNotFound;
      return;
    }
  }
  auto bytes = render::RenderGraph(*graph, **schema, options);
  if (!bytes.ok()) {
    ctx.Fail(bytes.error());
    return;
  }
  Status written = WriteFileAtomic(flags.output, *bytes);
  if (!written.ok()) {
    ctx.Fail(written.error());
    return;
  }
  if (flags.output != "-") spdlog::info("render: wrote {} ({} bytes)", flags.output, bytes->size());
}

}  // namespace

void RegisterRenderCommand(CLI::App& app, CommandContext& ctx) {
  auto flags = std::make_shared<RenderFlags>();
  CLI::App* cmd = app.add_subcommand(
      "render",
      "Draw a graph (or a view of it) as laid-out DOT, SVG, PNG or an interactive HTML page");
  cmd->footer(
      "Examples:\n"
      "  policykg render kg.json -o kg.svg\n"
      "  policykg render kg.json -o collab.png --view collaboration --top 30\n"
      "  policykg render kg.json -o cq.html --focus 重庆 --depth 2\n"
      "  policykg query kg.json … --subgraph - | policykg render - -o part.svg\n"
      "Big graphs: above 300 nodes sfdp is used; above --max-nodes only the best-connected\n"
      "nodes are kept (a warning says so). Unknown --focus name: exit 1.");
  cmd->add_option("graph", flags->graph_path, "Graph JSON file ('-' = stdin)")->required();
  cmd->add_option("-o,--output", flags->output, "Output file ('-' = stdout)")->required();
  cmd->add_option("--format", flags->format,
                  "dot (laid out), svg, png or html (default: from the -o extension; svg for -)");
  cmd->add_option("--layout", flags->options.layout,
                  "Graphviz engine: dot, sfdp, neato, fdp or circo (default: dot up to 150 "
                  "nodes, else sfdp)");
  cmd->add_option("--focus", flags->options.focus,
                  "Show only the neighbourhood of this node (id, name or alias)");
  cmd->add_option("--depth", flags->options.depth, "Neighbourhood radius for --focus")
      ->default_val(1);
  cmd->add_option("--type", flags->options.types,
                  "Keep only nodes of this entity type (repeatable, or comma-separated)")
      ->expected(1)
      ->allow_extra_args(false)  // one value per flag: a following GRAPH stays positional
      ->delimiter(',')
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--relation", flags->options.relations,
                  "Keep only edges of this relation (repeatable, or comma-separated)")
      ->expected(1)
      ->allow_extra_args(false)  // one value per flag: a following GRAPH stays positional
      ->delimiter(',')
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_flag("--clusters", flags->options.clusters,
                "Draw Regions inside a box for the group Region they are part_of (dot, fdp)");
  cmd->add_flag(
      "--no-legend", [flags](int64_t) { flags->options.legend = false; }, "Leave out the legend");
  cmd->add_option("--view", flags->options.view,
                  "Preset: 'collaboration' = Regions and the Platforms/Plans/Projects/Initiatives "
                  "joining them (cooperates_with, involves, develops)");
  cmd->add_option("--top", flags->options.top,
                  "Collaboration view: keep the N strongest region pairs and what joins them "
                  "(0 = all)")
      ->default_val(0);
  cmd->add_option("--min-weight", flags->options.min_weight,
                  "Collaboration view: keep region pairs of at least this weight (shared "
                  "platforms/plans/projects, +1 if they cooperate directly)")
      ->default_val(0);
  cmd->add_flag("--with-targets", flags->options.with_targets,
                "--focus: keep Target nodes (left out unless asked, as are gazetteer facts "
                "unless --relation asks for them)");
  cmd->add_option("--max-nodes", flags->options.max_nodes,
                  "Keep at most this many nodes, the best-connected ones (0 = no bound)")
      ->default_val(render::kDefaultMaxNodes);
  cmd->callback([&ctx, flags] { RunRender(ctx, *flags); });
}

}  // namespace policykg::cli
