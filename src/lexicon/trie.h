// A trie over code points with an int payload per key. Forward matching finds keys that start at
// a position; a trie built from reversed keys finds keys that end at a position.
//
// Layout: every edge (parent node, code point) lives in one flat open-addressing hash table whose
// slots also hold the child's value, so a step of a lookup is a multiply and usually one probe of
// one cache line. A small filter of first code points rejects most positions before any probe. Add
// keeps the table valid at all times (no freeze step), and lookups never write: any number of
// threads may look up concurrently once the adds are done.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace policykg::lexicon {

class Trie {
 public:
  struct Match {
    uint32_t length = 0;  // 0 = no match
    int32_t value = -1;
  };

  // Adds `key` with `value`; an existing key keeps its first value. Returns the key's value (-1
  // for an empty key).
  int32_t Add(std::u32string_view key, int32_t value);
  // Sizes the filters and the table for about `keys` keys to come, so that a large trie (the
  // gazetteer's forms) is not rebuilt step by step as it grows. Only a hint: any number may follow.
  void Reserve(size_t keys);
  bool empty() const { return edge_count_ == 0; }

  // Longest key equal to text[pos, pos+len).
  Match LongestAt(std::u32string_view text, size_t pos) const {
    if (pos >= text.size() || !MayStart(text[pos])) return {};
    return LongestFrom(text, pos);
  }
  // Longest key equal to text[pos-len, pos) (use on a trie built with AddReversed).
  Match LongestEndingAt(std::u32string_view text, size_t pos) const {
    if (pos == 0 || pos > text.size() || !MayStart(text[pos - 1])) return {};
    return LongestBefore(text, pos);
  }
  // Every key starting at pos, shortest first.
  template <typename Fn>
  void ForEachAt(std::u32string_view text, size_t pos, Fn&& fn) const {
    if (pos >= text.size() || !MayStart(text[pos])) return;
    // Most walks end at the second step: unless text[pos] may be a key of one code point, the
    // pair filter skips the walk before any probe.
    const bool pair = pos + 1 < text.size() && MayContinue(text[pos], text[pos + 1]);
    if (!pair && !MayBeSingle(text[pos])) return;
    const Table table = this->table();
    uint32_t node = kRoot;
    for (size_t i = pos; i < text.size(); ++i) {
      if (i == pos + 1 && !pair) return;
      const Edge* edge = table.Find(node, text[i]);
      if (edge == nullptr) return;
      if (edge->value >= 0) fn(static_cast<uint32_t>(i + 1 - pos), edge->value);
      node = edge->child;
    }
  }
  // False when no key can start at text[pos] (the filters rule out its first one or two code
  // points); true means a walk may find one. Costs two filter loads, no probe.
  bool MayMatchAt(std::u32string_view text, size_t pos) const {
    if (pos >= text.size() || !MayStart(text[pos])) return false;
    return has_single_ || (pos + 1 < text.size() && MayContinue(text[pos], text[pos + 1]));
  }
  // True when some key is one code point long.
  bool has_single_key() const { return has_single_; }
  // Calls fn(cp) for every code point some key starts with (each once, in no particular order).
  template <typename Fn>
  void ForEachFirstCodePoint(Fn&& fn) const {
    for (const Edge& edge : edges_) {
      if (edge.key != kEmptyKey && (edge.key >> 32) == kRoot) fn(static_cast<char32_t>(edge.key & 0xFFFFFFFFu));
    }
  }
  // Calls fn(first, second) for the first two code points of every key of two or more (each
  // distinct pair once, in no particular order).
  template <typename Fn>
  void ForEachFirstPair(Fn&& fn) const {
    // The first code point of every child of the root, by node; every edge out of such a child
    // is the first pair of some key.
    std::vector<char32_t> first_of(node_count_, 0);
    std::vector<uint8_t> is_first(node_count_, 0);
    for (const Edge& edge : edges_) {
      if (edge.key == kEmptyKey || (edge.key >> 32) != kRoot) continue;
      first_of[edge.child] = static_cast<char32_t>(edge.key & 0xFFFFFFFFu);
      is_first[edge.child] = 1;
    }
    for (const Edge& edge : edges_) {
      if (edge.key == kEmptyKey || !is_first[edge.key >> 32]) continue;
      fn(first_of[edge.key >> 32], static_cast<char32_t>(edge.key & 0xFFFFFFFFu));
    }
  }
  // Adds `key` reversed, for LongestEndingAt.
  void AddReversed(std::u32string_view key, int32_t value);
  // Exact lookup; -1 when absent.
  int32_t Find(std::u32string_view key) const;
  // True when some key starts with `cp` (in a trie built with AddReversed: ends with it). Exact,
  // unlike the filter in front of the lookups.
  bool HasKeyStartingWith(char32_t cp) const { return MayStart(cp) && FindEdge(kRoot, cp) != nullptr; }

 private:
  friend struct CacheCodec;  // lexicon_cache.cc writes and reads every member
  static constexpr uint32_t kRoot = 0;

  // One edge parent → child labelled with a code point; `value` is the child's (-1: no key ends
  // there). An empty slot has key kEmptyKey (no node has index 0xFFFFFFFF).
  struct Edge {
    uint64_t key = kEmptyKey;  // parent << 32 | code point
    uint32_t child = 0;
    int32_t value = -1;
  };
  static constexpr uint64_t kEmptyKey = ~uint64_t{0};
  static constexpr uint32_t kMinCapacityLog2 = 4;

  static uint64_t EdgeKey(uint32_t parent, char32_t cp) {
    return (static_cast<uint64_t>(parent) << 32) | cp;
  }
  // Fibonacci hashing: the top bits of key * 2^64/phi, so every key bit affects the slot; `shift`
  // is 64 - log2(slots).
  static size_t HashSlot(uint64_t key, uint32_t shift) {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift);
  }
  size_t SlotOf(uint64_t key) const { return HashSlot(key, 64 - capacity_log2_); }

  // The table as a walk reads it, loaded once per walk rather than at every step.
  struct Table {
    const Edge* edges;
    size_t mask;     // slots - 1
    uint32_t shift;  // 64 - log2(slots)
    // The edge from `parent` labelled `cp`, or nullptr.
    const Edge* Find(uint32_t parent, char32_t cp) const {
      const uint64_t key = EdgeKey(parent, cp);
      for (size_t slot = HashSlot(key, shift);; slot = (slot + 1) & mask) {
        const Edge& edge = edges[slot];
        if (edge.key == key) return &edge;
        if (edge.key == kEmptyKey) return nullptr;
      }
    }
  };
  Table table() const { return {edges_.data(), edges_.size() - 1, 64 - capacity_log2_}; }
  // The edge from `parent` labelled `cp`, or nullptr.
  const Edge* FindEdge(uint32_t parent, char32_t cp) const { return table().Find(parent, cp); }
  // The slot of the edge from `parent` labelled `cp`, created (with a new child) when missing.
  size_t FindOrAddEdge(uint32_t parent, char32_t cp);
  void Grow();
  void Rehash(uint32_t capacity_log2);  // a table of 2^capacity_log2 slots holding the same edges

  // The walks behind LongestAt and LongestEndingAt once text[pos] (text[pos-1]) may start a key.
  Match LongestFrom(std::u32string_view text, size_t pos) const;
  Match LongestBefore(std::u32string_view text, size_t pos) const;

  // Most positions cannot start a key: a filter of first code points skips them before any probe.
  // It is a bit set indexed by a hash of the code point, 8192 bits for small tries (all of them
  // together stay in L1 cache) and grown to keep about 16 bits per distinct first code point, so
  // that a large trie keeps few false positives; a false positive only costs a probe that misses.
  static constexpr uint32_t kMinFilterBitsLog2 = 13;
  // `shift`: 32 - log2(bits).
  static uint32_t FilterBit(char32_t cp, uint32_t shift) {
    return (static_cast<uint32_t>(cp) * 0x9E3779B1u) >> shift;
  }
  bool MayStart(char32_t cp) const {
    const uint32_t bit = FilterBit(cp, first_shift_);
    return (first_[bit >> 6] >> (bit & 63)) & 1;
  }
  // Likewise for the keys of one code point (sized and hashed like the first filter): a walk the
  // pair filter ends after its first step needs that step's probe only where this passes.
  bool MayBeSingle(char32_t cp) const {
    const uint32_t bit = FilterBit(cp, first_shift_);
    return (singles_[bit >> 6] >> (bit & 63)) & 1;
  }
  // Likewise for the first two code points of keys of two or more (one bit per edge at depth
  // two): most walks that pass the first filter end at the second step, and this skips that
  // step's probe (a likely cache miss).
  static constexpr uint32_t kMinPairFilterBitsLog2 = 14;
  static uint32_t PairFilterBit(char32_t first, char32_t second, uint32_t shift) {
    return ((static_cast<uint32_t>(first) * 0x9E3779B1u) ^
            (static_cast<uint32_t>(second) * 0x85EBCA77u)) >>
           shift;
  }
  bool MayContinue(char32_t first, char32_t second) const {
    const uint32_t bit = PairFilterBit(first, second, pairs_shift_);
    return (pairs_[bit >> 6] >> (bit & 63)) & 1;
  }
  // Grows a filter once it holds more than one entry per 16 bits, rebuilt from the edges.
  static constexpr uint32_t kFilterBitsPerEntry = 16;
  void RebuildFilters();

  bool has_single_ = false;  // some key is one code point long
  uint32_t node_count_ = 1;  // node 0 is the root; it never holds a value (keys are non-empty)
  uint32_t edge_count_ = 0;
  uint32_t root_edges_ = 0;   // distinct first code points
  uint32_t depth2_edges_ = 0;  // distinct first pairs
  uint32_t capacity_log2_ = kMinCapacityLog2;
  std::vector<Edge> edges_ = std::vector<Edge>(size_t{1} << kMinCapacityLog2);  // power of two
  uint32_t first_log2_ = kMinFilterBitsLog2;
  uint32_t pairs_log2_ = kMinPairFilterBitsLog2;
  // The filters' shifts, 32 - first_log2_ and 32 - pairs_log2_: kept, not computed at every test.
  uint32_t first_shift_ = 32 - kMinFilterBitsLog2;
  uint32_t pairs_shift_ = 32 - kMinPairFilterBitsLog2;
  std::vector<uint64_t> first_ = std::vector<uint64_t>((size_t{1} << kMinFilterBitsLog2) / 64);
  std::vector<uint64_t> singles_ = std::vector<uint64_t>((size_t{1} << kMinFilterBitsLog2) / 64);
  std::vector<uint64_t> pairs_ = std::vector<uint64_t>((size_t{1} << kMinPairFilterBitsLog2) / 64);
};

}  // namespace policykg::lexicon
