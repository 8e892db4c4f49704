#include "common/hash64.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <streambuf>
#include <vector>

namespace policykg {

namespace {

constexpr uint64_t kP1 = 11400714785074694791ULL;
constexpr uint64_t kP2 = 14029467366897019727ULL;
constexpr uint64_t kP3 = 1609587929392839161ULL;
constexpr uint64_t kP4 = 9650029242287828579ULL;
constexpr uint64_t kP5 = 2870177450012600261ULL;

inline uint64_t Rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// Little-endian loads through memcpy: no alignment assumed.
inline uint64_t Load64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}
inline uint32_t Load32(const unsigned char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap32(v);
  return v;
}

inline uint64_t Round(uint64_t acc, uint64_t input) {
  acc += input * kP2;
  acc = Rotl(acc, 31);
  return acc * kP1;
}

inline uint64_t MergeRound(uint64_t acc, uint64_t value) {
  acc ^= Round(0, value);
  return acc * kP1 + kP4;
}

// The 32-byte stripes of [p, p + n), n a multiple of 32.
inline void Stripes(uint64_t v[4], const unsigned char* p, size_t n) {
  for (const unsigned char* end = p + n; p < end; p += 32) {
    v[0] = Round(v[0], Load64(p));
    v[1] = Round(v[1], Load64(p + 8));
    v[2] = Round(v[2], Load64(p + 16));
    v[3] = Round(v[3], Load64(p + 24));
  }
}

// The hash from the lane state (when `total` >= 32), the total length and the tail (< 32 bytes).
uint64_t Finish(const uint64_t v[4], uint64_t total, const unsigned char* tail, size_t n) {
  uint64_t h;
  if (total >= 32) {
    h = Rotl(v[0], 1) + Rotl(v[1], 7) + Rotl(v[2], 12) + Rotl(v[3], 18);
    for (int i = 0; i < 4; ++i) h = MergeRound(h, v[i]);
  } else {
    h = kP5;  // seed 0
  }
  h += total;
  const unsigned char* p = tail;
  const unsigned char* end = tail + n;
  for (; p + 8 <= end; p += 8) {
    h ^= Round(0, Load64(p));
    h = Rotl(h, 27) * kP1 + kP4;
  }
  if (p + 4 <= end) {
    h ^= static_cast<uint64_t>(Load32(p)) * kP1;
    h = Rotl(h, 23) * kP2 + kP3;
    p += 4;
  }
  for (; p < end; ++p) {
    h ^= (*p) * kP5;
    h = Rotl(h, 11) * kP1;
  }
  h ^= h >> 33;
  h *= kP2;
  h ^= h >> 29;
  h *= kP3;
  h ^= h >> 32;
  return h;
}

void InitLanes(uint64_t v[4]) {
  v[0] = kP1 + kP2;
  v[1] = kP2;
  v[2] = 0;
  v[3] = 0 - kP1;
}

}  // namespace

uint64_t Hash64(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  uint64_t v[4];
  InitLanes(v);
  const size_t body = n - n % 32;
  Stripes(v, p, body);
  return Finish(v, n, p + body, n - body);
}

Hash64Stream::Hash64Stream() { InitLanes(v_); }

void Hash64Stream::Update(const char* data, size_t size) {
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  total_ += size;
  if (buffered_ > 0) {
    const size_t take = std::min(size, 32 - buffered_);
    std::memcpy(buffer_ + buffered_, p, take);
    buffered_ += take;
    p += take;
    size -= take;
    if (buffered_ < 32) return;
    Stripes(v_, buffer_, 32);
    buffered_ = 0;
  }
  const size_t body = size - size % 32;
  Stripes(v_, p, body);
  std::memcpy(buffer_, p + body, size - body);
  buffered_ = size - body;
}

uint64_t Hash64Stream::Digest() const { return Finish(v_, total_, buffer_, buffered_); }

// Buffers small writes (the JSON writer puts single characters between its big chunks), hashes
// and passes on full buffers, and passes big writes straight through.
class Hash64OStream::Buf : public std::streambuf {
 public:
  explicit Buf(std::ostream& target) : target_(target), buffer_(kSize) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  bool Drain() {
    const size_t n = static_cast<size_t>(pptr() - pbase());
    if (n > 0) {
      hash_.Update(pbase(), n);
      target_.write(pbase(), static_cast<std::streamsize>(n));
      setp(buffer_.data(), buffer_.data() + buffer_.size());
    }
    return static_cast<bool>(target_);
  }
  const Hash64Stream& hash() const { return hash_; }

 protected:
  int_type overflow(int_type c) override {
    if (!Drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n < static_cast<std::streamsize>(epptr() - pptr())) {
      std::memcpy(pptr(), s, static_cast<size_t>(n));
      pbump(static_cast<int>(n));
      return n;
    }
    if (!Drain()) return 0;
    hash_.Update(s, static_cast<size_t>(n));
    target_.write(s, n);
    return target_ ? n : 0;
  }
  int sync() override {
    if (!Drain()) return -1;
    target_.flush();
    return target_ ? 0 : -1;
  }

 private:
  static constexpr size_t kSize = 1 << 16;
  std::ostream& target_;
  std::vector<char> buffer_;
  Hash64Stream hash_;
};

Hash64OStream::Hash64OStream(std::ostream& target)
    : std::ostream(nullptr), buf_(std::make_unique<Buf>(target)) {
  rdbuf(buf_.get());
}

Hash64OStream::~Hash64OStream() { buf_->Drain(); }

uint64_t Hash64OStream::Digest() {
  buf_->Drain();
  return buf_->hash().Digest();
}

uint64_t Hash64OStream::size() {
  buf_->Drain();
  return buf_->hash().size();
}

}  // namespace policykg
