// A trie over code points with an int payload per key. Forward matching finds keys that start at
// a position; a trie built from reversed keys finds keys that end at a position.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace policykg::lexicon {

class Trie {
 public:
  struct Match {
    uint32_t length = 0;  // 0 = no match
    int32_t value = -1;
  };

  // Adds `key` with `value`; an existing key keeps its first value.
  void Add(std::u32string_view key, int32_t value);
  bool empty() const { return values_.size() <= 1; }

  // Longest key equal to text[pos, pos+len).
  Match LongestAt(std::u32string_view text, size_t pos) const;
  // Longest key equal to text[pos-len, pos) (use on a trie built with AddReversed).
  Match LongestEndingAt(std::u32string_view text, size_t pos) const;
  // Every key starting at pos, shortest first.
  template <typename Fn>
  void ForEachAt(std::u32string_view text, size_t pos, Fn&& fn) const {
    if (pos >= text.size() || !MayStart(text[pos])) return;
    uint32_t node = 0;
    for (size_t i = pos; i < text.size(); ++i) {
      node = Child(node, text[i]);
      if (node == 0) return;
      if (values_[node] >= 0) fn(static_cast<uint32_t>(i + 1 - pos), values_[node]);
    }
  }
  // Adds `key` reversed, for LongestEndingAt.
  void AddReversed(std::u32string_view key, int32_t value);
  // Exact lookup; -1 when absent.
  int32_t Find(std::u32string_view key) const;

 private:
  // Most positions cannot start a key: a bitmap of first code points skips them cheaply.
  static constexpr char32_t kBitmapLimit = 0x30000;
  bool MayStart(char32_t cp) const {
    return cp >= kBitmapLimit ? true : (first_[cp >> 6] >> (cp & 63)) & 1;
  }

  uint32_t Child(uint32_t node, char32_t cp) const {
    auto it = edges_.find((static_cast<uint64_t>(node) << 32) | cp);
    return it == edges_.end() ? 0 : it->second;
  }

  std::vector<int32_t> values_{-1};  // node 0 is the root
  std::unordered_map<uint64_t, uint32_t> edges_;
  std::vector<uint64_t> first_ = std::vector<uint64_t>(kBitmapLimit / 64, 0);
};

}  // namespace policykg::lexicon
