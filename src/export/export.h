// Writes a knowledge graph for other tools (networkx, Gephi, Graphviz, neo4j, RDF, spreadsheets).
// Writes are atomic (temp file or directory + rename); "-" is stdout for single-file formats.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "graph/model.h"
#include "schema/schema.h"

namespace policykg::exports {

inline constexpr const char* kExportFormats[] = {"node-link", "graphml", "gexf",    "dot",
                                                 "neo4j",     "tsv",     "ntriples"};
// "node-link, graphml, gexf, dot, neo4j, tsv, ntriples"
std::string ExportFormatList();

// The IRI base of the N-Triples export.
inline constexpr const char* kIriBase = "https://policykg.example/";

// The format implied by an output path's extension (.json, .graphml, .gexf, .dot/.gv, .tsv,
// .nt); neo4j has none.
std::optional<std::string> ExportFormatFromPath(std::string_view path);

// Writes `graph` as `format` to `output` ("-" = stdout; for neo4j a directory, created or
// replaced as a whole). Errors: unknown format (one line listing the formats), unwritable
// output, neo4j to stdout or over a directory that is not a policykg neo4j export.
Status ExportGraph(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                   std::string_view format, const std::string& output);

// The bytes a single-file format would write (not neo4j).
Result<std::string> ExportToString(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                                   std::string_view format);

}  // namespace policykg::exports
