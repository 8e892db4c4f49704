// XXH64 (xxHash, 64-bit, seed 0): a fast non-cryptographic checksum, the one the graph snapshot
// uses for its own bytes and to recognize the JSON it was made from (graph/snapshot.h). Same value
// as the reference implementation (`xxhsum -H1`, python's xxhash.xxh64) for the same bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string_view>

namespace policykg {

// XXH64 of `bytes` with seed 0.
uint64_t Hash64(std::string_view bytes);

// XXH64 of bytes given in pieces: Update() any number of times, then Digest() (which may be read
// at any point and leaves the state as it was). Same value as Hash64 of the concatenation.
class Hash64Stream {
 public:
  Hash64Stream();
  void Update(const char* data, size_t size);
  void Update(std::string_view bytes) { Update(bytes.data(), bytes.size()); }
  uint64_t Digest() const;
  uint64_t size() const { return total_; }

 private:
  uint64_t v_[4];
  unsigned char buffer_[32];
  size_t buffered_ = 0;
  uint64_t total_ = 0;
};

// An ostream that hashes every byte written through it and passes it on to `target` (which it does
// not own). flush() passes on what is buffered and flushes `target`; so does the destructor. The
// hash and byte count cover what has been passed on.
class Hash64OStream : public std::ostream {
 public:
  explicit Hash64OStream(std::ostream& target);
  ~Hash64OStream() override;
  // Passes on what is buffered, then returns the hash / the count of the bytes so far.
  uint64_t Digest();
  uint64_t size();

 private:
  class Buf;
  std::unique_ptr<Buf> buf_;
};

}  // namespace policykg
