#include "lexicon/trie.h"

#include <string>

namespace policykg::lexicon {

void Trie::Add(std::u32string_view key, int32_t value) {
  if (key.empty()) return;
  if (key[0] < kBitmapLimit) first_[key[0] >> 6] |= uint64_t{1} << (key[0] & 63);
  uint32_t node = 0;
  for (char32_t cp : key) {
    uint64_t edge = (static_cast<uint64_t>(node) << 32) | cp;
    auto it = edges_.find(edge);
    if (it == edges_.end()) {
      values_.push_back(-1);
      uint32_t child = static_cast<uint32_t>(values_.size() - 1);
      edges_.emplace(edge, child);
      node = child;
    } else {
      node = it->second;
    }
  }
  if (values_[node] < 0) values_[node] = value;
}

void Trie::AddReversed(std::u32string_view key, int32_t value) {
  std::u32string reversed(key.rbegin(), key.rend());
  Add(reversed, value);
}

Trie::Match Trie::LongestAt(std::u32string_view text, size_t pos) const {
  Match best;
  if (pos >= text.size() || !MayStart(text[pos])) return best;
  uint32_t node = 0;
  for (size_t i = pos; i < text.size(); ++i) {
    node = Child(node, text[i]);
    if (node == 0) break;
    if (values_[node] >= 0) best = {static_cast<uint32_t>(i + 1 - pos), values_[node]};
  }
  return best;
}

Trie::Match Trie::LongestEndingAt(std::u32string_view text, size_t pos) const {
  Match best;
  if (pos == 0 || pos > text.size() || !MayStart(text[pos - 1])) return best;
  uint32_t node = 0;
  for (size_t i = pos; i > 0; --i) {
    node = Child(node, text[i - 1]);
    if (node == 0) break;
    if (values_[node] >= 0) best = {static_cast<uint32_t>(pos - (i - 1)), values_[node]};
  }
  return best;
}

int32_t Trie::Find(std::u32string_view key) const {
  uint32_t node = 0;
  for (char32_t cp : key) {
    node = Child(node, cp);
    if (node == 0) return -1;
  }
  return values_[node];
}

}  // namespace policykg::lexicon
