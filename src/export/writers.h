// The individual exporters behind ExportGraph, writing to streams, plus what they share:
// attribute columns with one inferred type each, and the names used for attribute keys.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "common/status.h"
#include "export/export.h"
#include "graph/model.h"
#include "schema/schema.h"

namespace policykg::exports {

// The narrowest type holding every value an attribute takes across the graph.
enum class ValueKind { kBoolean, kInteger, kDouble, kString };

// The type name of a value kind; GraphML, GEXF and neo4j-admin all use boolean/long/double/string.
const char* TypeName(ValueKind kind);

struct AttributeColumn {
  std::string name;  // the attribute name as stored in the graph
  ValueKind kind = ValueKind::kString;
};

// Node (or edge) attribute names in sorted order, each with its inferred type.
std::vector<AttributeColumn> NodeAttributeColumns(const graph::KnowledgeGraph& graph);
std::vector<AttributeColumn> EdgeAttributeColumns(const graph::KnowledgeGraph& graph);

// `name` unless it collides with one of the fields every node/edge has (id, name, type, aliases,
// mentions, source, target, key, relation, weight, evidence, …): then "attr_" + name.
std::string AttributeKey(const std::string& name);

// True when the schema declares `relation` symmetric (cooperates_with): written undirected
// where the format allows, else flagged with a `symmetric` attribute.
bool IsSymmetric(const schema::Schema& schema, const std::string& relation);

Status WriteNodeLink(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                     std::ostream& out);
Status WriteGraphMl(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                    std::ostream& out);
Status WriteGexf(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                 const std::string& version, std::ostream& out);
// cytoscape.js elements JSON: {"elements": {"nodes": [{"data": …}], "edges": [{"data": …}]}}.
Status WriteCytoscape(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                      std::ostream& out);
// A graphology serialized graph (mixed multigraph; Graph.from(data)), with the x, y, size,
// label and color sigma.js draws.
Status WriteGraphology(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                       std::ostream& out);
Status WriteDot(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                std::ostream& out);
Status WriteTsv(const graph::KnowledgeGraph& graph, std::ostream& out);
Status WriteNTriples(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                     const std::string& base_iri, std::ostream& out);

// One file of a directory export and how to write it.
struct ExportFile {
  std::string name;
  std::function<Status(std::ostream&)> write;
  bool executable = false;
};

// Writes `files` into a temporary directory next to `directory`, then renames it into place;
// an existing `directory` is replaced only when it holds nothing but files policykg's directory
// exports write.
Status WriteExportDirectory(const std::string& directory, const std::vector<ExportFile>& files);

// The neo4j-admin import layout (see neo4j.cc) and the Kuzu one (kuzu.cc).
std::vector<ExportFile> Neo4jFiles(const graph::KnowledgeGraph& graph);
std::vector<ExportFile> KuzuFiles(const graph::KnowledgeGraph& graph,
                                  const schema::Schema& schema);
// Every file name either layout writes.
const std::vector<std::string>& Neo4jFileNames();
const std::vector<std::string>& KuzuFileNames();

// The relationship type Neo4j convention asks for: upper case, non-identifier characters as '_'
// ("cooperates_with" -> "COOPERATES_WITH").
std::string Neo4jRelationshipType(const std::string& relation);

}  // namespace policykg::exports
