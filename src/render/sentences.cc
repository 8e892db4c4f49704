#include "render/sentences.h"

#include "common/utf8.h"

namespace policykg::render {

namespace {

bool EndsSentence(char32_t cp) {
  return cp == U'。' || cp == U'！' || cp == U'？' || cp == U'；' || cp == U'!' || cp == U'?' ||
         cp == U';' || cp == U'\n';
}

}  // namespace

std::string SentenceLookup::MentionSentence(const graph::Mention& mention) {
  auto it = decoded_.find(mention.doc);
  if (it == decoded_.end()) {
    const graph::Document* doc = graph_.FindDocument(mention.doc);
    if (doc == nullptr) return "";
    it = decoded_.emplace(mention.doc, DecodeUtf8Lenient(doc->text)).first;
  }
  const std::u32string& text = it->second;
  if (mention.start >= text.size() || mention.end > text.size() || mention.start >= mention.end) {
    return "";
  }
  size_t begin = mention.start;
  while (begin > 0 && !EndsSentence(text[begin - 1])) --begin;
  size_t end = mention.end;
  while (end < text.size() && !EndsSentence(text[end])) ++end;
  if (end < text.size() && text[end] != U'\n') ++end;  // keep the full stop
  return EncodeUtf8(std::u32string_view(text).substr(begin, end - begin));
}

std::string EvidenceText(const graph::Evidence& evidence) {
  if (!evidence.source.empty()) {
    return evidence.text.empty() ? evidence.source : evidence.text + " (" + evidence.source + ")";
  }
  return evidence.text;
}

std::string Truncate(std::string_view text, size_t max_code_points) {
  std::u32string decoded = DecodeUtf8Lenient(text);
  if (decoded.size() <= max_code_points) return std::string(text);
  decoded.resize(max_code_points);
  return EncodeUtf8(decoded) + "…";
}

}  // namespace policykg::render
