// Writes a knowledge graph for other tools (networkx, Gephi, cytoscape.js, graphology/sigma.js,
// Graphviz, Neo4j, Kuzu, RDF, spreadsheets).
// Writes are atomic (temp file or directory + rename); "-" is stdout for single-file formats.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "graph/model.h"
#include "schema/schema.h"

namespace policykg::exports {

inline constexpr const char* kExportFormats[] = {
    "node-link", "graphml", "gexf", "cytoscape", "graphology", "dot",
    "neo4j",     "kuzu",    "tsv",  "ntriples"};
// "node-link, graphml, gexf, cytoscape, graphology, dot, neo4j, kuzu, tsv, ntriples"
std::string ExportFormatList();

// The default IRI base of the N-Triples export.
inline constexpr const char* kIriBase = "https://policykg.example/";

struct ExportOptions {
  std::string gexf_version = "1.2draft";  // or "1.3"
  std::string base_iri = kIriBase;        // N-Triples: ends with '/' or '#'
};

// Checks the options (GEXF version, base IRI); the error names the flag.
Status CheckExportOptions(const ExportOptions& options);

// True for the formats written as a directory (neo4j, kuzu).
bool IsDirectoryFormat(std::string_view format);

// The files a directory format writes (to check that none of them is the input).
std::vector<std::string> DirectoryFormatFiles(std::string_view format);

// The format implied by an output path's extension (.json, .graphml, .gexf, .dot/.gv, .tsv,
// .nt, .cyjs); the others have none.
std::optional<std::string> ExportFormatFromPath(std::string_view path);

// Writes `graph` as `format` to `output` ("-" = stdout; for neo4j and kuzu a directory, created
// or replaced as a whole). Errors: unknown format (one line listing the formats), bad options,
// unwritable output, a directory format to stdout or over a directory that is not a policykg
// export, a value the format cannot represent.
Status ExportGraph(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                   std::string_view format, const std::string& output,
                   const ExportOptions& options = {});

// The bytes a single-file format would write (not neo4j or kuzu).
Result<std::string> ExportToString(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                                   std::string_view format, const ExportOptions& options = {});

}  // namespace policykg::exports
