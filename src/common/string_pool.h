// Strings kept once each for as long as their owner lives: every distinct string gets a dense id
// (0, 1, 2, … in the order first interned; id 0 is the empty string) and its bytes are stored
// once, packed in large blocks. A view of an interned string stays valid while the pool lives (a
// string in a growing std::vector<std::string> does not: its short-string bytes move with it), so
// holders keep 4-byte ids or 16-byte views instead of a std::string (32 bytes, and a heap block of
// its own past 15 bytes) per mention.
//
// Costs the string's bytes, a 16-byte view and 16 to 32 bytes of index per distinct string, and no
// allocation per string. Not thread-safe; reads (operator[], Find) may run in parallel.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace policykg {

class StringPool {
 public:
  static constexpr uint32_t kNotFound = UINT32_MAX;

  StringPool();
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;
  StringPool(StringPool&&) noexcept = default;
  StringPool& operator=(StringPool&&) noexcept = default;

  // The id of `s`, which is stored on its first call.
  uint32_t Intern(std::string_view s);
  // The id of `s`, or kNotFound when it was never interned.
  uint32_t Find(std::string_view s) const;
  // The interned string with that id, viewing the pool's storage.
  std::string_view operator[](uint32_t id) const { return views_[id]; }
  // View of `s`'s copy in the pool.
  std::string_view View(std::string_view s) { return views_[Intern(s)]; }
  // Distinct strings held, the empty string included.
  size_t size() const { return views_.size(); }

 private:
  // A slot of the open-addressed index: the id plus one (0: empty) and the string's hash.
  struct Slot {
    uint32_t id_plus_one = 0;
    uint32_t hash = 0;
  };
  static uint32_t HashOf(std::string_view s);
  // The slot holding `s` (hash `hash`), or the empty slot where it would go.
  size_t Probe(std::string_view s, uint32_t hash) const;
  void Grow();
  std::string_view Store(std::string_view s);

  std::vector<std::string_view> views_;
  std::vector<Slot> slots_;  // a power of two in size, at most half full
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* free_ = nullptr;  // the unused tail of the last block
  size_t free_size_ = 0;
};

}  // namespace policykg
