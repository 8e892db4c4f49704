// The individual exporters behind ExportGraph, writing to streams, plus what they share:
// attribute columns with one inferred type each, and the names used for attribute keys.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "common/status.h"
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

Status WriteNodeLink(const graph::KnowledgeGraph& graph, std::ostream& out);
Status WriteGraphMl(const graph::KnowledgeGraph& graph, std::ostream& out);
Status WriteGexf(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                 std::ostream& out);
Status WriteDot(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                std::ostream& out);
Status WriteTsv(const graph::KnowledgeGraph& graph, std::ostream& out);
Status WriteNTriples(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                     std::ostream& out);

// neo4j-admin import files: nodes.csv (id:ID,name,type,aliases:string[],<attributes>,:LABEL)
// and relationships.csv (:START_ID,:END_ID,:TYPE,weight:double,evidence,<attributes>).
// Import with --multiline-fields=true (evidence sentences may hold newlines).
Status WriteNeo4jNodes(const graph::KnowledgeGraph& graph, std::ostream& out);
Status WriteNeo4jRelationships(const graph::KnowledgeGraph& graph, std::ostream& out);
// Writes both files into a temporary directory next to `directory`, then renames it into place.
Status WriteNeo4jDirectory(const graph::KnowledgeGraph& graph, const std::string& directory);

}  // namespace policykg::exports
