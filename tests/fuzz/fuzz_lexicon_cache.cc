// libFuzzer target: lexicon::ParseLexiconCache behind a valid header (magic, version, key, length
// and checksum made right, so that every input reaches the reader's own checks). The first byte
// picks the payload: even, the rest of the input itself; odd, the bundled schema's real payload
// with the input's edits applied (each 5 bytes: a little-endian offset into the payload, taken
// modulo its size, and a byte to XOR there; a last edit shorter than 5 bytes cuts the payload at
// its offset), so that mutations reach deep into a well-formed file. Invariants: a refusal is a
// one-line error; an accepted file refers into its own schema, answers a walk of every trie over a
// text without reading outside its tables, and writes back to bytes that read back and write the
// same.
//
// Schema directory: $POLICYKG_FUZZ_SCHEMA, else POLICYKG_SOURCE_DIR "/schema".
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "common/utf8.h"
#include "fuzz_check.h"
#include "lexicon/compiled_lexicon.h"
#include "lexicon/lexicon_cache.h"
#include "schema/schema.h"
#include "text/normalize.h"

using namespace policykg;

namespace {

const lexicon::LexiconCacheKey kKey{"0123456789abcdef", "fuzz"};

// The bundled schema's payload (the cache file after its header).
const std::string& RealPayload() {
  static const std::string* payload = [] {
    const char* env = std::getenv("POLICYKG_FUZZ_SCHEMA");
    std::string dir = env && *env ? env : std::string(POLICYKG_SOURCE_DIR) + "/schema";
    auto s = schema::LoadSchema(dir);
    if (!s.ok()) {
      std::fprintf(stderr, "fuzz_lexicon_cache: cannot load schema from %s: %s\n", dir.c_str(),
                   s.error().ToString().c_str());
      std::exit(2);
    }
    static const schema::Schema schema = std::move(s).value();
    const lexicon::CompiledLexicon lexicon(schema);
    const std::string file = lexicon::SerializeLexiconCache(lexicon, kKey);
    return new std::string(file.substr(lexicon::SealLexiconCache("", kKey).size()));
  }();
  return *payload;
}

void Check(const std::string& payload) {
  const std::string file = lexicon::SealLexiconCache(payload, kKey);
  auto read = lexicon::ParseLexiconCache(file, kKey);
  if (!read.ok()) {
    const std::string message = read.error().ToString();
    FUZZ_CHECK(!message.empty() && message.find('\n') == std::string::npos,
               "bad error message: " + message);
    return;
  }
  const lexicon::CompiledLexicon& lex = *read->lexicon;
  FUZZ_CHECK(&lex.schema() == read->schema.get(), "the lexicon refers to another schema");
  // Lookups over a text of region names, heads and words: every probe of every table ends.
  static const std::u32string text =
      text::FoldText(DecodeUtf8Lenient("重庆市万州区推进成渝地区双城经济圈建设，川渝高竹新区、金凤"
                                       "实验室、西部(重庆)科学城，增长6%。"));
  size_t found = 0;
  for (size_t pos = 0; pos < text.size(); ++pos) {
    const auto form = lex.region_names.LongestAt(text, pos);
    if (form.length > 0) found += lex.gazetteer.Candidates(form.value).size();
    found += lex.heads_reversed.LongestEndingAt(text, pos + 1).length;
    found += lex.blends.LongestAt(text, pos).length + lex.cues.LongestAt(text, pos).length;
    lex.boundary_words.ForEachAt(text, pos, [&](uint32_t length, int32_t) { found += length; });
    found += lex.PositionFlags(text[pos]) + static_cast<size_t>(lex.ProvinceLetter(text[pos]) + 1);
  }
  (void)found;
  const std::string again = lexicon::SerializeLexiconCache(lex, kKey);
  FUZZ_CHECK(!again.empty(), "an accepted file does not write back");
  auto reread = lexicon::ParseLexiconCache(again, kKey);
  FUZZ_CHECK(reread.ok(),
             "an accepted file writes back to one refused: " + reread.error().ToString());
  FUZZ_CHECK(lexicon::SerializeLexiconCache(*reread->lexicon, kKey) == again,
             "written back and read again, the file changed");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  RealPayload();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  if ((data[0] & 1) == 0) {
    Check(std::string(input));
    return 0;
  }
  std::string payload = RealPayload();
  for (size_t at = 0; at < input.size() && !payload.empty(); at += 5) {
    uint32_t offset = 0;
    std::memcpy(&offset, input.data() + at, std::min<size_t>(4, input.size() - at));
    offset %= payload.size();
    if (input.size() - at < 5) {
      payload.resize(offset);
      break;
    }
    payload[offset] = static_cast<char>(payload[offset] ^ input[at + 4]);
  }
  Check(payload);
  return 0;
}
