#pragma once
// CharMap: a map from code points to values that knows, in a bitmap, which BMP code points it holds,
// so that looking up an absent one (most lookups: a scan asks of every letter whether it abbreviates
// a province or starts a city) is one bit test instead of a hash. Iterates as its unordered_map.

#include <array>
#include <cstdint>
#include <unordered_map>
#include <utility>

namespace policykg::lexicon {

template <class V>
class CharMap {
 public:
  using Map = std::unordered_map<char32_t, V>;
  using iterator = typename Map::iterator;
  using const_iterator = typename Map::const_iterator;

  std::pair<iterator, bool> emplace(char32_t cp, V value) {
    Mark(cp);
    return map_.emplace(cp, std::move(value));
  }
  V& operator[](char32_t cp) {
    Mark(cp);
    return map_[cp];
  }
  const_iterator find(char32_t cp) const { return MayHold(cp) ? map_.find(cp) : map_.end(); }
  bool contains(char32_t cp) const { return MayHold(cp) && map_.contains(cp); }
  size_t count(char32_t cp) const { return contains(cp) ? 1 : 0; }
  const_iterator begin() const { return map_.begin(); }
  const_iterator end() const { return map_.end(); }
  size_t size() const { return map_.size(); }
  bool empty() const { return map_.empty(); }

 private:
  bool MayHold(char32_t cp) const { return cp > 0xFFFF || ((bmp_[cp >> 6] >> (cp & 63)) & 1) != 0; }
  void Mark(char32_t cp) {
    if (cp <= 0xFFFF) bmp_[cp >> 6] |= uint64_t{1} << (cp & 63);
  }

  Map map_;
  std::array<uint64_t, 0x10000 / 64> bmp_{};
};

}  // namespace policykg::lexicon
