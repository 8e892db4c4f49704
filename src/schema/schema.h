// The schema, loaded from data (schema/schema.json and the lexicon files it names): entity types,
// relation types with domain/range and symmetry, render styles, and the extraction lexicons.
// Nothing here is a C++ enum: users edit the JSON and point --schema at their copy.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "schema/lexicons.h"

namespace policykg::schema {

// Graphviz attributes (e.g. shape, fillcolor, color, style) keyed by attribute name.
using Style = std::map<std::string, std::string>;

struct EntityType {
  std::string name;      // e.g. "Region"
  std::string label_zh;  // e.g. "地区"
  std::string label_en;
  Style style;
};

struct RelationType {
  std::string name;  // e.g. "part_of"
  std::string label_zh;
  std::string label_en;
  bool symmetric = false;
  std::vector<std::string> domain;  // allowed source types; empty = any
  std::vector<std::string> range;   // allowed target types; empty = any
  Style style;
};

struct Schema {
  std::string directory;  // where it was loaded from
  // The first 16 hex digits of the SHA-256 of every file read (names relative to the folder, and
  // bytes): names this schema in provenance without a machine path, the same from any checkout.
  std::string fingerprint;
  std::vector<EntityType> entity_types;
  std::vector<RelationType> relation_types;
  Lexicons lexicons;

  const EntityType* FindEntityType(std::string_view name) const;
  const RelationType* FindRelationType(std::string_view name) const;
  // True when `relation` allows an edge from a `source_type` node to a `target_type` node.
  bool Allows(std::string_view relation, std::string_view source_type,
              std::string_view target_type) const;
};

// Loads DIR/schema.json and the lexicons it names. Errors carry file and JSON pointer or
// line:col, and suggest the closest known name for unknown types.
Result<Schema> LoadSchema(const std::string& directory);

// The schema directory used when --schema is not given: $POLICYKG_SCHEMA, else ./schema if it
// exists, else the schema/ of the source tree the binary was built from.
std::string DefaultSchemaDirectory();

}  // namespace policykg::schema
