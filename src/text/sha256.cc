#include "text/sha256.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "text/sha256_internal.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace policykg::text {

namespace {

// Compresses `blocks` consecutive 64-byte blocks of `data` into `state` (H0..H7).
using CompressFn = void (*)(uint32_t* state, const unsigned char* data, size_t blocks);

alignas(64) constexpr std::array<uint32_t, 64> kRound = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::array<uint32_t, 8> kInitialState = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// ---------- portable ----------

inline uint32_t Rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

inline uint32_t LoadBigEndian32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

// One round: the caller rotates the roles of the eight working variables instead of moving them,
// so only d and h change. `kw` is K[i] + W[i].
inline void Round(uint32_t a, uint32_t b, uint32_t c, uint32_t& d, uint32_t e, uint32_t f,
                  uint32_t g, uint32_t& h, uint32_t kw) {
  uint32_t t1 = h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + (g ^ (e & (f ^ g))) + kw;
  uint32_t t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) | (c & (a | b)));
  d += t1;
  h = t1 + t2;
}

// W[i] for i >= 16 over a 16-word ring: w[i % 16] holds W[i - 16] on entry and W[i] on return.
inline uint32_t NextWord(uint32_t* w, int i) {
  uint32_t w15 = w[(i - 15) & 15], w2 = w[(i - 2) & 15];
  uint32_t s0 = Rotr(w15, 7) ^ Rotr(w15, 18) ^ (w15 >> 3);
  uint32_t s1 = Rotr(w2, 17) ^ Rotr(w2, 19) ^ (w2 >> 10);
  return w[i & 15] += s0 + w[(i - 7) & 15] + s1;
}

void CompressPortable(uint32_t* state, const unsigned char* data, size_t blocks) {
  for (; blocks > 0; --blocks, data += 64) {
    uint32_t w[16];
    for (int i = 0; i < 16; ++i) w[i] = LoadBigEndian32(data + 4 * i);
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 16; i += 8) {  // the block's own words
      Round(a, b, c, d, e, f, g, h, kRound[i] + w[i]);
      Round(h, a, b, c, d, e, f, g, kRound[i + 1] + w[i + 1]);
      Round(g, h, a, b, c, d, e, f, kRound[i + 2] + w[i + 2]);
      Round(f, g, h, a, b, c, d, e, kRound[i + 3] + w[i + 3]);
      Round(e, f, g, h, a, b, c, d, kRound[i + 4] + w[i + 4]);
      Round(d, e, f, g, h, a, b, c, kRound[i + 5] + w[i + 5]);
      Round(c, d, e, f, g, h, a, b, kRound[i + 6] + w[i + 6]);
      Round(b, c, d, e, f, g, h, a, kRound[i + 7] + w[i + 7]);
    }
    for (int i = 16; i < 64; i += 8) {  // the schedule, extended in place
      Round(a, b, c, d, e, f, g, h, kRound[i] + NextWord(w, i));
      Round(h, a, b, c, d, e, f, g, kRound[i + 1] + NextWord(w, i + 1));
      Round(g, h, a, b, c, d, e, f, kRound[i + 2] + NextWord(w, i + 2));
      Round(f, g, h, a, b, c, d, e, kRound[i + 3] + NextWord(w, i + 3));
      Round(e, f, g, h, a, b, c, d, kRound[i + 4] + NextWord(w, i + 4));
      Round(d, e, f, g, h, a, b, c, kRound[i + 5] + NextWord(w, i + 5));
      Round(c, d, e, f, g, h, a, b, kRound[i + 6] + NextWord(w, i + 6));
      Round(b, c, d, e, f, g, h, a, kRound[i + 7] + NextWord(w, i + 7));
    }
    state[0] += a, state[1] += b, state[2] += c, state[3] += d;
    state[4] += e, state[5] += f, state[6] += g, state[7] += h;
  }
}

// ---------- SHA-NI (x86-64) ----------

#if defined(__x86_64__)

#define POLICYKG_SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

// Four rounds starting at round 4 * group with message words `w` (W[4g..4g+3]). The state is
// kept as SHA256RNDS2 wants it: abef = {A,B,E,F} and cdgh = {C,D,G,H} (A in the high lane).
POLICYKG_SHA_TARGET inline void FourRounds(__m128i& abef, __m128i& cdgh, __m128i w, int group) {
  __m128i kw =
      _mm_add_epi32(w, _mm_load_si128(reinterpret_cast<const __m128i*>(&kRound[4 * group])));
  // Each RNDS2 does two rounds and returns the new {A,B,E,F}; the old one is the new {C,D,G,H}.
  cdgh = _mm_sha256rnds2_epu32(cdgh, abef, kw);
  abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(kw, 0x0E));
}

// Four big-endian message words from 16 bytes.
POLICYKG_SHA_TARGET inline __m128i LoadWords(const unsigned char* p, __m128i byte_swap) {
  return _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), byte_swap);
}

POLICYKG_SHA_TARGET void CompressShaNi(uint32_t* state, const unsigned char* data, size_t blocks) {
  // Byte order of each 32-bit word reversed: the message is big-endian.
  const __m128i byte_swap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
  __m128i abef = _mm_set_epi32(static_cast<int>(state[0]), static_cast<int>(state[1]),
                               static_cast<int>(state[4]), static_cast<int>(state[5]));
  __m128i cdgh = _mm_set_epi32(static_cast<int>(state[2]), static_cast<int>(state[3]),
                               static_cast<int>(state[6]), static_cast<int>(state[7]));
  for (; blocks > 0; --blocks, data += 64) {
    const __m128i abef_in = abef, cdgh_in = cdgh;
    // w0..w3 are the last sixteen message words, oldest first.
    __m128i w0 = LoadWords(data, byte_swap), w1 = LoadWords(data + 16, byte_swap);
    __m128i w2 = LoadWords(data + 32, byte_swap), w3 = LoadWords(data + 48, byte_swap);
    FourRounds(abef, cdgh, w0, 0);
    FourRounds(abef, cdgh, w1, 1);
    FourRounds(abef, cdgh, w2, 2);
    FourRounds(abef, cdgh, w3, 3);
    for (int group = 4; group < 16; ++group) {
      // W[i] = W[i-16] + s0(W[i-15]) (MSG1) + W[i-7] (the realigned add) + s1(W[i-2]) (MSG2).
      __m128i next = _mm_add_epi32(_mm_sha256msg1_epu32(w0, w1), _mm_alignr_epi8(w3, w2, 4));
      next = _mm_sha256msg2_epu32(next, w3);
      FourRounds(abef, cdgh, next, group);
      w0 = w1, w1 = w2, w2 = w3, w3 = next;
    }
    abef = _mm_add_epi32(abef, abef_in);
    cdgh = _mm_add_epi32(cdgh, cdgh_in);
  }
  state[0] = static_cast<uint32_t>(_mm_extract_epi32(abef, 3));
  state[1] = static_cast<uint32_t>(_mm_extract_epi32(abef, 2));
  state[4] = static_cast<uint32_t>(_mm_extract_epi32(abef, 1));
  state[5] = static_cast<uint32_t>(_mm_extract_epi32(abef, 0));
  state[2] = static_cast<uint32_t>(_mm_extract_epi32(cdgh, 3));
  state[3] = static_cast<uint32_t>(_mm_extract_epi32(cdgh, 2));
  state[6] = static_cast<uint32_t>(_mm_extract_epi32(cdgh, 1));
  state[7] = static_cast<uint32_t>(_mm_extract_epi32(cdgh, 0));
}

#undef POLICYKG_SHA_TARGET

bool DetectShaNi() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return false;
  const bool ssse3 = ecx & bit_SSSE3, sse41 = ecx & bit_SSE4_1;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
  return ssse3 && sse41 && (ebx & bit_SHA);
}

#else

bool DetectShaNi() { return false; }

#endif  // defined(__x86_64__)

// Hashes `bytes` with `compress`: the whole blocks in place, then the padded tail.
std::string HashHex(std::string_view bytes, CompressFn compress) {
  std::array<uint32_t, 8> state = kInitialState;
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t full_blocks = bytes.size() / 64;
  if (full_blocks > 0) compress(state.data(), data, full_blocks);
  unsigned char tail[128] = {};
  const size_t rest = bytes.size() - full_blocks * 64;
  if (rest > 0) std::memcpy(tail, data + full_blocks * 64, rest);
  tail[rest] = 0x80;
  const size_t tail_len = rest + 1 + 8 <= 64 ? 64 : 128;
  const uint64_t bits = static_cast<uint64_t>(bytes.size()) * 8;
  for (int i = 0; i < 8; ++i) tail[tail_len - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
  compress(state.data(), tail, tail_len / 64);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(64, '0');
  for (size_t i = 0; i < 8; ++i) {
    for (size_t nibble = 0; nibble < 8; ++nibble) {
      out[8 * i + nibble] = kHex[(state[i] >> (28 - 4 * nibble)) & 0xF];
    }
  }
  return out;
}

}  // namespace

namespace internal {

std::string Sha256HexPortable(std::string_view bytes) { return HashHex(bytes, &CompressPortable); }

bool Sha256HasShaNi() {
  static const bool has_sha_ni = DetectShaNi();
  return has_sha_ni;
}

std::string Sha256HexShaNi(std::string_view bytes) {
#if defined(__x86_64__)
  if (Sha256HasShaNi()) return HashHex(bytes, &CompressShaNi);
#endif
  return Sha256HexPortable(bytes);
}

}  // namespace internal

namespace {

CompressFn FastestCompress() {
#if defined(__x86_64__)
  if (internal::Sha256HasShaNi()) return &CompressShaNi;
#endif
  return &CompressPortable;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  static const CompressFn compress = FastestCompress();
  return HashHex(bytes, compress);
}

}  // namespace policykg::text
