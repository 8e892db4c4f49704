// The snapshot's byte layout, shared by its writer (snapshot.cc) and its in-place reader
// (graph_view.cc): section tags and names, record sizes, little-endian reads, strict UTF-8.
// Private to src/graph; the layout itself is documented in snapshot.h.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace policykg::graph::snapshot_format {

// Sections, in file order.
enum Section {
  kStrings,
  kRelations,
  kTypes,
  kDocs,
  kNodes,
  kEdges,
  kAliases,
  kAttrs,
  kMentions,
  kEvidence,
  kKeys,
  kSectionCount
};
inline constexpr std::array<std::string_view, kSectionCount> kTags = {
    "STRS", "RELS", "TYPS", "DOCS", "NODS", "EDGS", "ALIS", "ATTR", "MENT", "EVID", "KEYS"};
inline constexpr std::string_view TagOf(int section) { return kTags[static_cast<size_t>(section)]; }
inline constexpr const char* kSectionNames[kSectionCount] = {
    "strings", "relations",  "types",    "documents", "nodes",    "edges",
    "aliases", "attributes", "mentions", "evidence",  "name keys"};

// Record sizes in bytes.
inline constexpr size_t kDocBytes = 7 * 4 + 8;
inline constexpr size_t kNodeBytes = 2 * 4 + 4 + 3 * 8;
inline constexpr size_t kEdgeBytes = 3 * 4 + 8 + 2 * 8;
inline constexpr size_t kAttrBytes = 4 + 1 + 8;
inline constexpr size_t kMentionBytes = 4 * 4;
inline constexpr size_t kEvidenceBytes = 6 * 4;
inline constexpr size_t kKeyPairBytes = 2 * 4;  // {string key, node} of a name-key list

enum AttrKind : uint8_t { kText = 0, kNumber = 1, kFlag = 2 };

// The three name-key lists of the KEYS section, in file order.
enum KeyList { kIdKeys, kNameKeys, kAliasKeys, kKeyListCount };

inline uint32_t GetU32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);  // the format is little-endian, as is every target policykg builds for
  return v;
}
inline uint64_t GetU64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
static_assert(std::endian::native == std::endian::little, "the snapshot is read in place");

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

}  // namespace policykg::graph::snapshot_format
