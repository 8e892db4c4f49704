// libFuzzer target: bytes → text::DecodeBytes → FoldText / NameKey → AnalyzeLayout.
// Invariants: decoding valid UTF-8 gives back the same code points; folding keeps the length;
// NameKey agrees between its UTF-8 and code-point forms; every layout span lies inside the text,
// in order, and section/chapter indices point at headings.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"
#include "fuzz_check.h"
#include "text/decode.h"
#include "text/layout.h"
#include "text/normalize.h"

using namespace policykg;

namespace {

// A few boilerplate phrases (as the schema lists them), folded like the lexicon does.
const std::vector<std::u32string>& Boilerplate() {
  static const std::vector<std::u32string> phrases = [] {
    std::vector<std::u32string> out;
    for (const char* p : {"导航菜单", "版权所有", "来源:", "责任编辑", "上一篇"}) {
      out.push_back(text::FoldText(DecodeUtf8Lenient(p)));
    }
    out.emplace_back();  // an empty phrase must not match everything
    return out;
  }();
  return phrases;
}

void CheckLayout(const std::u32string& folded, const text::Layout& layout) {
  const size_t n = folded.size();
  FUZZ_CHECK(layout.title_start <= layout.title_end && layout.title_end <= n, "title span out of range");
  uint32_t prev_end = 0;
  for (const auto& line : layout.lines) {
    FUZZ_CHECK(line.start <= line.end && line.end <= n, "line span out of range");
    FUZZ_CHECK(line.start >= prev_end, "lines overlap or are out of order");
    prev_end = line.end;
  }
  for (const auto& h : layout.headings) {
    FUZZ_CHECK(h.start < h.end && h.end <= n, "heading span out of range");
    FUZZ_CHECK(h.level == 1 || h.level == 2, "heading level " + std::to_string(h.level));
  }
  prev_end = 0;
  for (const auto& s : layout.sentences) {
    FUZZ_CHECK(s.start < s.end && s.end <= n, "sentence span out of range");
    FUZZ_CHECK(s.start >= prev_end, "sentences overlap or are out of order");
    prev_end = s.end;
    FUZZ_CHECK(s.section >= -1 && s.section < static_cast<int32_t>(layout.headings.size()), "bad section index");
    FUZZ_CHECK(s.chapter >= -1 && s.chapter < static_cast<int32_t>(layout.headings.size()), "bad chapter index");
    if (s.chapter >= 0) FUZZ_CHECK(layout.headings[s.chapter].level == 1, "chapter is not a level-1 heading");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto decoded = text::DecodeBytes(bytes, "fuzz");
  if (!decoded.ok()) {
    FUZZ_CHECK(!decoded.error().ToString().empty(), "empty error message");
    return 0;
  }
  const std::u32string& original = decoded->text;
  FUZZ_CHECK(decoded->encoding == "UTF-8" || decoded->encoding == "GB18030", "encoding " + decoded->encoding);
  for (char32_t cp : original) {
    FUZZ_CHECK(cp != 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF), "decoded text holds an invalid code point");
  }
  if (decoded->encoding == "UTF-8") {
    std::string_view body = bytes;
    if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
    FUZZ_CHECK(EncodeUtf8(original) == body, "UTF-8 decode does not round-trip");
  }

  std::u32string folded = text::FoldText(original);
  FUZZ_CHECK(folded.size() == original.size(), "FoldText changed the length");
  FUZZ_CHECK(text::FoldText(folded) == folded, "FoldText is not idempotent");

  // NameKey on a bounded prefix (it is meant for names, not whole documents).
  std::u32string_view name = std::u32string_view(original).substr(0, 256);
  std::u32string key = text::NameKey(name);
  FUZZ_CHECK(key.size() <= name.size(), "NameKey grew the name");
  FUZZ_CHECK(text::NameKey(key) == key, "NameKey is not idempotent");
  FUZZ_CHECK(text::NameKey(EncodeUtf8(name)) == EncodeUtf8(key), "NameKey(UTF-8) disagrees with NameKey(code points)");

  CheckLayout(folded, text::AnalyzeLayout(folded, Boilerplate()));
  CheckLayout(folded, text::AnalyzeLayout(folded, {}));
  return 0;
}
