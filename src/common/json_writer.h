// The JSON writers every JSON output of policykg goes through (graph files, exports, query and eval
// reports, the HTML page's data). Use these, never rapidjson::Writer<StringBuffer> directly.
//
// Why: RapidJSON 1.1.0 specializes Writer<StringBuffer>::ScanWriteUnescapedString for SSE2 and its
// test for "needs escaping" catches only bytes <= 0x19, so 0x1A–0x1F (a DOS ^Z between two joined
// reports) inside a string of 16 bytes or more were written raw: invalid JSON. These writers have a
// stack allocator type of their own, so that specialization never applies to them, and a correct
// 16-byte scan of their own in every build (release, sanitizers and fuzzers alike).
#pragma once

#include <cstring>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace policykg {

// CrtAllocator under a name of its own: it makes the writer types below distinct from
// rapidjson::Writer<rapidjson::StringBuffer>.
struct JsonWriterAllocator : rapidjson::CrtAllocator {};

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>,
                                     JsonWriterAllocator>;
using JsonPrettyWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer, rapidjson::UTF8<>,
                                                 rapidjson::UTF8<>, JsonWriterAllocator>;

}  // namespace policykg

#if defined(__SSE2__)
namespace rapidjson {

// Copies the bytes that need no escaping, 16 at a time, up to the first '"', '\\' or byte below
// 0x20; the writer's own loop escapes that byte and handles the last 15 or fewer.
template <>
inline bool policykg::JsonWriter::ScanWriteUnescapedString(StringStream& is, size_t length) {
  const char* p = is.src_;
  const char* const end = is.head_ + length;
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1F);
  while (end - p >= 16) {
    const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // s <= 0x1F (unsigned) exactly when max(s, 0x1F) == 0x1F.
    const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(s, last_control), last_control);
    const __m128i special =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(s, quote), _mm_cmpeq_epi8(s, backslash)), control);
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(special));
    if (mask != 0) {
      const unsigned plain = static_cast<unsigned>(__builtin_ctz(mask));
      char* out = os_->PushUnsafe(plain);
      for (unsigned i = 0; i < plain; ++i) out[i] = p[i];
      p += plain;
      break;
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(os_->PushUnsafe(16)), s);
    p += 16;
  }
  // The last 15 bytes or fewer (all of a short string: keys, ids, numbers as text), up to the first
  // that needs escaping, in one copy instead of a byte at a time through the writer's loop.
  const char* stop = p;
  while (stop < end && *stop != '"' && *stop != '\\' && static_cast<unsigned char>(*stop) >= 0x20) ++stop;
  if (stop > p) {
    std::memcpy(os_->PushUnsafe(static_cast<size_t>(stop - p)), p, static_cast<size_t>(stop - p));
    p = stop;
  }
  is.src_ = p;
  return is.Tell() < length;
}

}  // namespace rapidjson
#endif
