#include "common/string_pool.h"

#include <cstring>
#include <functional>

namespace policykg {

namespace {

// Bytes per block of string storage; a longer string gets a block of its own.
constexpr size_t kStringPoolBlock = 64 * 1024;

}  // namespace

StringPool::StringPool() : views_{std::string_view()}, slots_(16) {
  slots_[Probe({}, HashOf({}))] = {1, HashOf({})};
}

uint32_t StringPool::HashOf(std::string_view s) {
  return static_cast<uint32_t>(std::hash<std::string_view>{}(s));
}

size_t StringPool::Probe(std::string_view s, uint32_t hash) const {
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id_plus_one == 0) return i;
    if (slot.hash == hash && views_[slot.id_plus_one - 1] == s) return i;
  }
}

uint32_t StringPool::Find(std::string_view s) const {
  const Slot& slot = slots_[Probe(s, HashOf(s))];
  return slot.id_plus_one == 0 ? kNotFound : slot.id_plus_one - 1;
}

uint32_t StringPool::Intern(std::string_view s) {
  const uint32_t hash = HashOf(s);
  size_t at = Probe(s, hash);
  if (slots_[at].id_plus_one != 0) return slots_[at].id_plus_one - 1;
  const auto id = static_cast<uint32_t>(views_.size());
  views_.push_back(Store(s));
  if (2 * views_.size() > slots_.size()) {
    Grow();
    at = Probe(s, hash);
  }
  slots_[at] = {id + 1, hash};
  return id;
}

void StringPool::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot());
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id_plus_one == 0) continue;
    size_t i = slot.hash & mask;
    while (slots_[i].id_plus_one != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

std::string_view StringPool::Store(std::string_view s) {
  if (s.empty()) return {};
  if (s.size() > kStringPoolBlock / 4) {  // a long string alone, leaving the open block as it is
    auto& block = blocks_.emplace_back(new char[s.size()]);
    std::memcpy(block.get(), s.data(), s.size());
    return {block.get(), s.size()};
  }
  if (s.size() > free_size_) {
    blocks_.emplace_back(new char[kStringPoolBlock]);
    free_ = blocks_.back().get();
    free_size_ = kStringPoolBlock;
  }
  std::memcpy(free_, s.data(), s.size());
  std::string_view stored(free_, s.size());
  free_ += s.size();
  free_size_ -= s.size();
  return stored;
}

}  // namespace policykg
