// Gold annotations for `policykg eval`: the hand-made reference a graph is scored against, in
// the format read by tools/kg_score.py (see ../shared/gold/*.gold.json):
//   {"document": "...", "entities": [{"name", "type", "aliases"?}], "targets"?: [{"metric",
//    "value", "unit"}], "optional"?: [names], "relations": [{"source", "relation", "target"}],
//    "optional_relations"?: [...], "relation_types"?: [...], "scope_lines"?: [first, last]}
// Loading is strict: syntax errors come back as "file:line:col: invalid JSON: ...", structural
// ones as "file: /json/pointer: message" (e.g. "gold.json: /entities/3/type: expected a
// string"). Fields the scorer does not read (about, entity_types, ...) are ignored.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace policykg::eval {

struct GoldEntity {
  std::string name;
  std::string type;
  std::vector<std::string> aliases;
};

struct GoldTarget {
  std::string metric;
  double value = 0;
  std::string value_text;  // the value as Python prints it: "40000", "2.3", "100000.0"
  std::string unit;
};

struct GoldRelation {
  std::string source;
  std::string relation;
  std::string target;
};

// 1-based, inclusive line range of the document the annotation covers.
struct ScopeLines {
  int first = 1;
  int last = 1;
};

struct Gold {
  std::string document;  // file name the annotation is for; empty when absent
  std::vector<GoldEntity> entities;
  std::vector<GoldTarget> targets;
  std::vector<std::string> optional;  // names that count neither for nor against a graph
  std::vector<GoldRelation> relations;
  std::vector<GoldRelation> optional_relations;
  std::vector<std::string> relation_types;  // relations whose edges are scored for precision
  std::optional<ScopeLines> scope_lines;
};

// Parses gold JSON from memory; `origin` names the source in errors.
Result<Gold> ParseGold(std::string_view json, const std::string& origin);
// Loads a gold file.
Result<Gold> LoadGold(const std::string& path);

}  // namespace policykg::eval
