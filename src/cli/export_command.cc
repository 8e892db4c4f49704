// `policykg export`: writes a graph file in a format other tools read.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "common/file_io.h"
#include "export/export.h"
#include "graph/snapshot.h"

namespace policykg::cli {

namespace {

struct ExportFlags {
  std::string graph_path;
  std::string output;
  std::string format;
  exports::ExportOptions options;
};

// --format snapshot: the graph's binary snapshot (graph/snapshot.h). Given a JSON file, the
// snapshot records that file's size and hash, so written beside it (G.kg.json -> G.kg.pkgs) it is
// current for it, as if `build` had written it.
void ExportSnapshot(CommandContext& ctx, const ExportFlags& flags) {
  Status distinct = CheckOutputIsNotInput(flags.output, {flags.graph_path});
  if (!distinct.ok()) return ctx.Fail(distinct.error());
  auto graph = LoadGraphOrFail(ctx, flags.graph_path);
  if (!graph) return;
  graph::FileDigest json;  // none recorded when the input is a pipe or itself a snapshot
  if (flags.graph_path != "-") {
    auto is_snapshot = graph::IsSnapshotFile(flags.graph_path);
    if (is_snapshot.ok() && !*is_snapshot) {
      auto digest = graph::DigestFile(flags.graph_path);
      if (digest.ok()) json = *digest;
    }
  }
  Status written =
      graph::SaveSnapshot(graph::SerializeSnapshot(*graph, json.size, json.hash), flags.output);
  if (!written.ok()) return ctx.Fail(written.error());
  if (flags.output != "-") {
    spdlog::info("export: wrote {} (snapshot, {} nodes, {} edges)", flags.output,
                 graph->node_count(), graph->edge_count());
  }
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         std::string_view(s).substr(s.size() - suffix.size()) == suffix;
}

void RunExport(CommandContext& ctx, ExportFlags& flags) {
  std::string format = flags.format;
  if (format == "snapshot" || (format.empty() && EndsWith(flags.output, ".pkgs"))) {
    return ExportSnapshot(ctx, flags);
  }
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
  if (Status options = exports::CheckExportOptions(flags.options); !options.ok()) {
    ctx.Fail(options.error());
    return;
  }
  // neo4j and kuzu replace a folder of files: none of them may be the input
  std::vector<std::string> outputs = {flags.output};
  for (const auto& name : exports::DirectoryFormatFiles(format)) {
    outputs.push_back(flags.output + "/" + name);
  }
  for (const std::string& output : outputs) {
    Status distinct = CheckOutputIsNotInput(output, {flags.graph_path});
    if (!distinct.ok()) {
      ctx.Fail(distinct.error());
      return;
    }
  }
  auto schema = ctx.GetSchemaTypes();
  if (!schema.ok()) {
    ctx.Fail(schema.error());
    return;
  }
  auto graph = LoadGraphOrFail(ctx, flags.graph_path);
  if (!graph) return;
  Status written = exports::ExportGraph(*graph, **schema, format, flags.output, flags.options);
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
      "Write a graph for networkx, Gephi, cytoscape.js, sigma.js, Graphviz, Neo4j, Kuzu or RDF");
  cmd->footer(
      "Formats (the README's Export section has a tested example for each):\n"
      "  node-link   networkx JSON (.json): nx.node_link_graph(d) in networkx 2.8 to 3.6+\n"
      "  graphml     GraphML, valid against its XSD (.graphml): nx.read_graphml, yEd, Gephi;\n"
      "              node ids are NMTOKENs (_xHHHH_ escapes), the policykg id is data `id`\n"
      "  gexf        GEXF 1.2draft (.gexf; --gexf-version 1.3): Gephi, graphology-gexf,\n"
      "              nx.read_gexf; cooperates_with is a mutual edge\n"
      "  cytoscape   cytoscape.js elements JSON (.cyjs): cytoscape({elements: d.elements})\n"
      "  graphology  graphology serialized graph for sigma.js: Graph.from(d)\n"
      "  dot         plain DOT, styled, not laid out (.dot, .gv)\n"
      "  neo4j       a directory for neo4j-admin (sh DIR/import.sh): Entity and Document\n"
      "              nodes, typed relationships with evidence, MENTIONS, constraints.cypher\n"
      "  kuzu        a directory for Kuzu: schema.cypher, load.cypher and CSVs\n"
      "  tsv         source, relation, target, weight, evidence per line (.tsv)\n"
      "  ntriples    RDF N-Triples (.nt) under --base-iri, labels @zh, evidence per document\n"
      "  snapshot    policykg's binary graph snapshot (.pkgs), which query, render and export\n"
      "              read instead of G.kg.json when G.kg.pkgs beside it is current");
  cmd->add_option("graph", flags->graph_path, "Graph JSON file ('-' = stdin)")->required();
  cmd->add_option("-o,--output", flags->output,
                  "Output file ('-' = stdout), or directory for neo4j and kuzu")
      ->required();
  cmd->add_option("--format", flags->format,
                  "node-link, graphml, gexf, cytoscape, graphology, dot, neo4j, kuzu, tsv, "
                  "ntriples or snapshot (default: from the -o extension)");
  cmd->add_option("--gexf-version", flags->options.gexf_version,
                  "GEXF version: 1.2draft (default; networkx reads it as is) or 1.3");
  cmd->add_option("--base-iri", flags->options.base_iri,
                  "N-Triples: the IRI every node, relation and document IRI starts with "
                  "(default https://policykg.example/)");
  cmd->callback([&ctx, flags] { RunExport(ctx, *flags); });
}

}  // namespace policykg::cli
