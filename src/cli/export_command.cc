// `policykg export`: writes a graph file in a format other tools read.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <string>

#include "cli/command.h"
#include "common/file_io.h"
#include "export/export.h"

namespace policykg::cli {

namespace {

struct ExportFlags {
  std::string graph_path;
  std::string output;
  std::string format;
};

void RunExport(CommandContext& ctx, ExportFlags& flags) {
  std::string format = flags.format;
  if (format.empty()) {
    auto implied = exports::ExportFormatFromPath(flags.output);
    if (!implied) {
      ctx.Fail(
          MakeError(fmt::format("-o {}: cannot tell the format from the extension; give "
                                "--format ({})",
                                flags.output, exports::ExportFormatList())));
      return;
    }
    format = *implied;
  }
  bool known = false;
  for (const char* f : exports::kExportFormats) known = known || format == f;
  if (!known) {
    ctx.Fail(MakeError(fmt::format("--format: unknown export format '{}' (formats: {})", format,
                                   exports::ExportFormatList())));
    return;
  }
  // neo4j replaces a folder holding nodes.csv and relationships.csv: neither may be the input
  for (const std::string& output :
       {flags.output, flags.output + "/nodes.csv", flags.output + "/relationships.csv"}) {
    Status distinct = CheckOutputIsNotInput(output, {flags.graph_path});
    if (!distinct.ok()) {
      ctx.Fail(distinct.error());
      return;
    }
  }
  auto schema = ctx.GetSchema();
  if (!schema.ok()) {
    ctx.Fail(schema.error());
    return;
  }
  auto graph = LoadGraphOrFail(ctx, flags.graph_path);
  if (!graph) return;
  Status written = exports::ExportGraph(*graph, **schema, format, flags.output);
  if (!written.ok()) {
    ctx.Fail(written.error());
    return;
  }
  if (flags.output != "-") {
    spdlog::info("export: wrote {} ({}, {} nodes, {} edges)", flags.output, format,
                 graph->node_count(), graph->edge_count());
  }
}

}  // namespace

void RegisterExportCommand(CLI::App& app, CommandContext& ctx) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Write a graph as node-link JSON, GraphML, GEXF, DOT, neo4j CSVs, TSV or N-Triples");
  cmd->footer(
      "Formats:\n"
      "  node-link  networkx node_link_data JSON (.json): nx.node_link_graph(d, edges=\"links\")\n"
      "  graphml    GraphML with typed keys (.graphml): nx.read_graphml, yEd, Gephi\n"
      "  gexf       GEXF 1.3 (.gexf): Gephi, nx.read_gexf\n"
      "  dot        plain DOT, styled, not laid out (.dot, .gv)\n"
      "  neo4j      a directory with nodes.csv and relationships.csv for\n"
      "             neo4j-admin database import full --nodes=nodes.csv\n"
      "             --relationships=relationships.csv --multiline-fields=true\n"
      "  tsv        source, relation, target, weight, evidence per line (.tsv)\n"
      "  ntriples   RDF N-Triples under https://policykg.example/ (.nt)\n"
      "List values (aliases, evidence) are JSON arrays in GraphML, GEXF and DOT.");
  cmd->add_option("graph", flags->graph_path, "Graph JSON file ('-' = stdin)")->required();
  cmd->add_option("-o,--output", flags->output,
                  "Output file ('-' = stdout), or directory for neo4j")
      ->required();
  cmd->add_option("--format", flags->format,
                  "node-link, graphml, gexf, dot, neo4j, tsv or ntriples (default: from the -o "
                  "extension)");
  cmd->callback([&ctx, flags] { RunExport(ctx, *flags); });
}

}  // namespace policykg::cli
