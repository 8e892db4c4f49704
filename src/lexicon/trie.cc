#include "lexicon/trie.h"

#include <string>
#include <utility>

namespace policykg::lexicon {

int32_t Trie::Add(std::u32string_view key, int32_t value) {
  if (key.empty()) return -1;
  const uint32_t bit = FilterBit(key[0], first_shift_);
  first_[bit >> 6] |= uint64_t{1} << (bit & 63);
  if (key.size() >= 2) {
    const uint32_t pair = PairFilterBit(key[0], key[1], pairs_shift_);
    pairs_[pair >> 6] |= uint64_t{1} << (pair & 63);
  } else {
    has_single_ = true;
    singles_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  uint32_t node = kRoot;
  size_t slot = 0;
  for (size_t i = 0; i < key.size(); ++i) {
    const uint32_t edges_before = edge_count_;
    slot = FindOrAddEdge(node, key[i]);
    if (edge_count_ != edges_before && i < 2) ++(i == 0 ? root_edges_ : depth2_edges_);
    node = edges_[slot].child;
  }
  if (edges_[slot].value < 0) edges_[slot].value = value;
  const int32_t stored = edges_[slot].value;
  if ((size_t{root_edges_} * kFilterBitsPerEntry > (size_t{1} << first_log2_)) ||
      (size_t{depth2_edges_} * kFilterBitsPerEntry > (size_t{1} << pairs_log2_))) {
    RebuildFilters();
  }
  return stored;
}

void Trie::Reserve(size_t keys) {
  // Every key adds at most one first code point and one first pair, and (names sharing prefixes:
  // the gazetteer's 12,638 written forms make 9,116 edges) about one edge.
  bool grow = false;
  while (keys * kFilterBitsPerEntry > (size_t{1} << first_log2_)) ++first_log2_, grow = true;
  while (keys * kFilterBitsPerEntry > (size_t{1} << pairs_log2_)) ++pairs_log2_, grow = true;
  if (grow) {
    first_.resize((size_t{1} << first_log2_) / 64);
    singles_.resize((size_t{1} << first_log2_) / 64);
    pairs_.resize((size_t{1} << pairs_log2_) / 64);
    RebuildFilters();
  }
  uint32_t capacity_log2 = capacity_log2_;
  while (4 * (size_t{edge_count_} + keys) > (size_t{1} << capacity_log2)) ++capacity_log2;
  if (capacity_log2 > capacity_log2_) Rehash(capacity_log2);
}

void Trie::RebuildFilters() {
  while (size_t{root_edges_} * kFilterBitsPerEntry > (size_t{1} << first_log2_)) ++first_log2_;
  while (size_t{depth2_edges_} * kFilterBitsPerEntry > (size_t{1} << pairs_log2_)) ++pairs_log2_;
  first_shift_ = 32 - first_log2_;
  pairs_shift_ = 32 - pairs_log2_;
  first_.assign((size_t{1} << first_log2_) / 64, 0);
  singles_.assign((size_t{1} << first_log2_) / 64, 0);
  pairs_.assign((size_t{1} << pairs_log2_) / 64, 0);
  for (const Edge& edge : edges_) {
    if (edge.key == kEmptyKey || (edge.key >> 32) != kRoot) continue;
    const uint32_t bit = FilterBit(static_cast<char32_t>(edge.key & 0xFFFFFFFFu), first_shift_);
    first_[bit >> 6] |= uint64_t{1} << (bit & 63);
    if (edge.value >= 0) singles_[bit >> 6] |= uint64_t{1} << (bit & 63);  // a key of one code point
  }
  ForEachFirstPair([&](char32_t first, char32_t second) {
    const uint32_t bit = PairFilterBit(first, second, pairs_shift_);
    pairs_[bit >> 6] |= uint64_t{1} << (bit & 63);
  });
}

void Trie::AddReversed(std::u32string_view key, int32_t value) {
  std::u32string reversed(key.rbegin(), key.rend());
  Add(reversed, value);
}

size_t Trie::FindOrAddEdge(uint32_t parent, char32_t cp) {
  // Keep the load factor at most 1/4: probe runs stay short (a miss, the usual outcome of a step,
  // ends at an empty slot) and an empty slot always exists. The tables are small anyway.
  if (4 * (size_t{edge_count_} + 1) > edges_.size()) Grow();
  const uint64_t key = EdgeKey(parent, cp);
  const size_t mask = edges_.size() - 1;
  size_t slot = SlotOf(key);
  while (edges_[slot].key != key && edges_[slot].key != kEmptyKey) slot = (slot + 1) & mask;
  if (edges_[slot].key == kEmptyKey) {
    edges_[slot] = Edge{key, node_count_++, -1};
    ++edge_count_;
  }
  return slot;
}

void Trie::Grow() { Rehash(capacity_log2_ + 1); }

void Trie::Rehash(uint32_t capacity_log2) {
  std::vector<Edge> old = std::exchange(edges_, std::vector<Edge>(size_t{1} << capacity_log2));
  capacity_log2_ = capacity_log2;
  const size_t mask = edges_.size() - 1;
  for (const Edge& edge : old) {
    if (edge.key == kEmptyKey) continue;
    size_t slot = SlotOf(edge.key);
    while (edges_[slot].key != kEmptyKey) slot = (slot + 1) & mask;
    edges_[slot] = edge;
  }
}

Trie::Match Trie::LongestFrom(std::u32string_view text, size_t pos) const {
  Match best;
  // Unless at[pos] may be a key of one code point, a pair the filter rejects needs no probe at all.
  const char32_t* const at = text.data();
  const size_t size = text.size();
  const bool pair = pos + 1 < size && MayContinue(at[pos], at[pos + 1]);
  if (!pair && !MayBeSingle(at[pos])) return best;
  // The first step, then (the pair filter passed) the rest without a filter.
  const Table table = this->table();
  const Edge* edge = table.Find(kRoot, at[pos]);
  if (edge == nullptr) return best;
  if (edge->value >= 0) best = {1, edge->value};
  if (!pair) return best;
  uint32_t node = edge->child;
  for (size_t i = pos + 1; i < size; ++i) {
    edge = table.Find(node, at[i]);
    if (edge == nullptr) break;
    if (edge->value >= 0) best = {static_cast<uint32_t>(i + 1 - pos), edge->value};
    node = edge->child;
  }
  return best;
}

Trie::Match Trie::LongestBefore(std::u32string_view text, size_t pos) const {
  Match best;
  if (pos == 0) return best;
  const char32_t* const at = text.data();
  // Most walks end at the second step: unless at[pos-1] may be a key of one code point, a pair the
  // filter rejects needs no probe at all.
  const bool pair = pos > 1 && MayContinue(at[pos - 1], at[pos - 2]);
  if (!pair && !MayBeSingle(at[pos - 1])) return best;
  // The first step (the last code point), then, once the pair filter passes, the rest.
  const Table table = this->table();
  const Edge* edge = table.Find(kRoot, at[pos - 1]);
  if (edge == nullptr) return best;
  if (edge->value >= 0) best = {1, edge->value};
  if (!pair) return best;
  uint32_t node = edge->child;
  for (size_t i = pos - 1; i > 0; --i) {
    edge = table.Find(node, at[i - 1]);
    if (edge == nullptr) break;
    if (edge->value >= 0) best = {static_cast<uint32_t>(pos - (i - 1)), edge->value};
    node = edge->child;
  }
  return best;
}

int32_t Trie::Find(std::u32string_view key) const {
  if (key.empty() || !MayStart(key[0])) return -1;  // the root holds no value
  const Table table = this->table();
  const Edge* edge = nullptr;
  uint32_t node = kRoot;
  for (char32_t cp : key) {
    edge = table.Find(node, cp);
    if (edge == nullptr) return -1;
    node = edge->child;
  }
  return edge->value;
}

}  // namespace policykg::lexicon
