// The schema, loaded from data (schema/schema.json and the lexicon files it names): entity types,
// relation types with domain/range and symmetry, render styles, and the extraction lexicons.
// Nothing here is a C++ enum: users edit the JSON and point --schema at their copy.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

// One element of a relation pattern (schema/rules.json, see the README's "Writing rules"): a typed
// span (a region, a region list, an entity of some types), a word of a named word list, or one of
// literal words. Elements are adjacent in the text.
struct PatternElement {
  enum Kind : uint8_t { kSpan, kWords, kLiteral };
  Kind kind = kSpan;
  std::string span;                  // kSpan: "Region" or "Entity"
  std::vector<std::string> types;    // kSpan Entity: allowed entity types (empty: any)
  bool list = false;                 // kSpan Region: a list R1、R2和R3 (run-together names too)
  std::vector<std::string> levels;   // kSpan Region: allowed region levels (empty: any)
  bool home = false;                 // kSpan Region: only regions in or touching the report's province
  bool away = false;                 // kSpan Region: only regions neither in nor touching it
  std::vector<std::string> not_after;  // kSpan Region: words that must not stand right before the span (与: partners)
  std::string words;                 // kWords: the word list's name in words.json
  std::vector<std::string> literal;  // kLiteral: the words themselves
  bool optional = false;             // kWords, kLiteral: the element may be absent (国家级 in 创建国家级…)
};

// A relation pattern: elements, and the relation emitted from the regions/entities of element
// `source` to those of element `target` (kDocumentRegion: the report's region).
struct PatternSpec {
  static constexpr int kDocumentRegion = -1;
  std::vector<PatternElement> elements;
  std::string relation;
  int source = 0, target = 0;
};

// One entry of schema/rules.json: a rule, by the provenance string it writes, in run order.
// Without `pattern` it names a rule written in C++ (checked by extract::CompileRules).
struct RuleSpec {
  std::string name;
  bool enabled = true;
  std::string pointer;  // JSON pointer of the entry, for errors
  std::optional<PatternSpec> pattern;
};

struct Schema {
  std::string directory;  // where it was loaded from
  // The first 16 hex digits of the SHA-256 of every file read (names relative to the folder, and
  // bytes): names this schema in provenance without a machine path, the same from any checkout.
  std::string fingerprint;
  std::vector<EntityType> entity_types;
  std::vector<RelationType> relation_types;
  Lexicons lexicons;
  std::vector<RuleSpec> rules;  // in run order
  std::string rules_file;       // path of rules.json, for errors
  std::string words_file;       // path of the (last) words file, for errors

  const EntityType* FindEntityType(std::string_view name) const;
  const RelationType* FindRelationType(std::string_view name) const;
  // True when `relation` allows an edge from a `source_type` node to a `target_type` node.
  bool Allows(std::string_view relation, std::string_view source_type,
              std::string_view target_type) const;
};

// The word list of words.json called `name` (e.g. "develop_verbs"), or nullptr; and all names.
const std::vector<std::string>* FindWordList(const Lexicons& lexicons, std::string_view name);
std::vector<std::string> WordListNames();
// Every word list of `lexicons` with its name, in one fixed order (all of Lexicons' string lists).
std::vector<std::pair<const char*, std::vector<std::string>*>> WordLists(Lexicons& lexicons);
std::vector<std::pair<const char*, const std::vector<std::string>*>> WordLists(
    const Lexicons& lexicons);

// Loads DIR/schema.json and the lexicons it names. Errors carry file and JSON pointer or
// line:col, and suggest the closest known name for unknown types.
Result<Schema> LoadSchema(const std::string& directory);
// Loads only DIR/schema.json's entity and relation types (all that query, render and export
// read): no lexicons, no rules, no fingerprint. A few milliseconds instead of LoadSchema's ~15.
Result<Schema> LoadSchemaTypes(const std::string& directory);

// What LoadSchema(DIR) would read, found without parsing the lexicons (schema.json alone is parsed
// to learn the files, which are read and hashed in LoadSchema's order): its fingerprint, equal to
// LoadSchema's, and the rules_file and words_file it would set. Errors: a missing folder or file,
// a malformed schema.json (the lexicon files' contents are not checked).
struct SchemaIdentity {
  std::string fingerprint;
  std::string rules_file;
  std::string words_file;
};
Result<SchemaIdentity> IdentifySchema(const std::string& directory);

// The schema directory used when --schema is not given: $POLICYKG_SCHEMA, else ./schema if it
// exists, else the schema/ of the source tree the binary was built from.
std::string DefaultSchemaDirectory();

}  // namespace policykg::schema
